import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useId, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { FileButton } from '@/components/ui/file-button';
import { problemText } from '@/components/ui/problem-list';
import {
  addColor,
  importColors,
  kitProblems,
  moveColor,
  normalizeHexInput,
  paletteFileName,
  paletteToGpl,
  paletteToJson,
  removeColor,
  updateColor,
} from '@/utils/brand/kit-edit';
import { parsePaletteFile } from '@/utils/color/palette-files';
import { downloadText } from '@/utils/export/download';
import type { Problem } from '@/utils/guidance/problems';
import { numberFormat } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { problemsFromError, sendToBackground } from '@/utils/messaging/client';
import type { BrandColor, BrandKit } from '@/utils/schemas/brand-kit';
import { guidance, locale, t } from '@/utils/state/panel-store';
import { kitDraft } from './brand-state';
import { CopyRulesEditor } from './copy-rules-editor';

type Role = NonNullable<BrandColor['role']>;
const ROLES = ['primary', 'secondary', 'accent', 'neutral', 'background', 'text'] as const satisfies readonly Role[];

/** The browser's eyedropper (Chromium); absent in Firefox. */
interface EyeDropperApi {
  open(): Promise<{ sRGBHex: string }>;
}
const EyeDropperCtor = (globalThis as { EyeDropper?: new () => EyeDropperApi }).EyeDropper;

type Outcome =
  | { kind: 'imported'; file: string; count: number }
  | { kind: 'rejected'; file: string; problems: Problem[] }
  | { kind: 'saved' }
  | { kind: 'save-failed'; problems: Problem[] };

/** A palette file's problems in the UI language where Dalil knows them, else as the parser said it. */
function paletteProblemText(problem: Problem): string {
  const key = `palette.problem.${problem.code}` as MessageKey;
  if (problem.code && t(key, problem.params) !== key) return t(key, problem.params);
  return problemText(problem);
}

/**
 * The brand kit, editable: colours (add, rename, recolour, reorder, remove), tolerance and minimum
 * share, palette import and export. Changes stay a draft — which the reports above already use as
 * a live preview — until saved; the background then replaces the kit whole.
 */
export function KitEditor({ saved }: { saved: BrandKit }) {
  useSignals();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const draft = kitDraft.value ?? saved;
  const dirty = kitDraft.value !== null;
  const problems = dirty ? kitProblems(draft) : [];
  const percent = numberFormat(locale.value, { style: 'percent' });
  const decimal = numberFormat(locale.value, { maximumFractionDigits: 1 });

  const edit = (next: BrandKit) => {
    kitDraft.value = JSON.stringify(next) === JSON.stringify(saved) ? null : next;
    if (outcome?.kind === 'saved') setOutcome(null);
  };

  async function importFile(file: File | undefined) {
    if (!file) return;
    const parsed = parsePaletteFile(file.name, await file.arrayBuffer());
    if (!parsed.ok) return setOutcome({ kind: 'rejected', file: file.name, problems: parsed.problems });
    const result = importColors(draft, parsed.colors);
    if ('problems' in result) return setOutcome({ kind: 'rejected', file: file.name, problems: result.problems });
    edit(result.kit);
    setOutcome({ kind: 'imported', file: file.name, count: parsed.colors.length });
  }

  async function save() {
    setSaving(true);
    try {
      await sendToBackground('panel.saveBrandKit', { brandKit: draft });
      // The background broadcasts the change; show the saved kit now rather than the old one for a moment.
      if (guidance.value) guidance.value = { ...guidance.value, pack: { ...guidance.value.pack, brandKit: draft } };
      kitDraft.value = null;
      setOutcome({ kind: 'saved' });
    } catch (error) {
      setOutcome({ kind: 'save-failed', problems: problemsFromError(error) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="space-y-3" aria-labelledby={`${id}-title`} data-testid="kit-editor">
      <h2 id={`${id}-title`} className="m-0 text-base font-semibold">
        {t('brand.edit.title')}
      </h2>
      <label className="block">
        <span className="mb-0.5 block text-slate-600">{t('brand.edit.kitName')}</span>
        <input
          dir="auto"
          className="w-full rounded-md border border-slate-300 px-2 py-1"
          value={draft.name}
          maxLength={120}
          onChange={(e) => edit({ ...draft, name: e.target.value })}
        />
      </label>

      <div>
        <h3 className="m-0 mb-1 text-sm font-semibold text-slate-700">{t('brand.palette')}</h3>
        <ol className="m-0 list-none space-y-1.5 p-0" data-testid="palette">
          {draft.colors.map((color, index) => (
            <ColorRow
              key={index}
              color={color}
              index={index}
              count={draft.colors.length}
              onChange={(patch) => edit(updateColor(draft, index, patch))}
              onMove={(to) => edit(moveColor(draft, index, to))}
              onRemove={() => edit(removeColor(draft, index))}
            />
          ))}
        </ol>
        <Button
          className="mt-1.5"
          onClick={() => edit(addColor(draft, '#888888', t('brand.edit.newColor')))}
          disabled={draft.colors.length >= 64}
        >
          + {t('brand.edit.add')}
        </Button>
      </div>

      <div className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1">
        <label htmlFor={`${id}-tolerance`} className="text-slate-600">
          {t('brand.tolerance')}
        </label>
        <output htmlFor={`${id}-tolerance`} className="font-medium tabular-nums" data-testid="tolerance-value">
          {decimal.format(draft.deltaETolerance)}
        </output>
        <input
          id={`${id}-tolerance`}
          type="range"
          min={0.5}
          max={20}
          step={0.5}
          value={draft.deltaETolerance}
          onChange={(e) => edit({ ...draft, deltaETolerance: Number(e.target.value) })}
          className="col-span-2 accent-brand-600"
        />
        <p className="col-span-2 m-0 text-xs text-slate-500">{t('brand.edit.toleranceHint')}</p>
        <label htmlFor={`${id}-share`} className="text-slate-600">
          {t('brand.minShare')}
        </label>
        <output htmlFor={`${id}-share`} className="font-medium tabular-nums" data-testid="min-share-value">
          {percent.format(draft.minOnPaletteShare)}
        </output>
        <input
          id={`${id}-share`}
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(draft.minOnPaletteShare * 100)}
          onChange={(e) => edit({ ...draft, minOnPaletteShare: Number(e.target.value) / 100 })}
          className="col-span-2 accent-brand-600"
        />
      </div>

      <div className="space-y-1">
        <div className="flex flex-wrap gap-2">
          <FileButton accept=".ase,.gpl,.css,.json" testId="palette-file-input" onFiles={(files) => void importFile(files[0])}>
            {t('brand.edit.import')}
          </FileButton>
          <Button onClick={() => downloadText(paletteFileName(draft, 'json'), paletteToJson(draft), 'application/json')}>
            {t('brand.edit.exportJson')}
          </Button>
          <Button onClick={() => downloadText(paletteFileName(draft, 'gpl'), paletteToGpl(draft), 'text/plain')}>
            {t('brand.edit.exportGpl')}
          </Button>
        </div>
        <p className="m-0 text-xs text-slate-500">{t('brand.edit.importHint')}</p>
      </div>

      <CopyRulesEditor draft={draft} edit={edit} />

      {dirty && problems.length > 0 && (
        <div className="rounded border border-red-200 p-2" data-testid="kit-problems">
          <p className="m-0 font-medium text-red-900">{t('brand.edit.cannotSave')}</p>
          <PaletteProblems problems={problems} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" disabled={!dirty || problems.length > 0 || saving} onClick={() => void save()}>
          {t('brand.edit.save')}
        </Button>
        {dirty && (
          <Button variant="ghost" onClick={() => (kitDraft.value = null)}>
            {t('brand.edit.discard')}
          </Button>
        )}
        {dirty && <span className="text-xs text-amber-800">{t('brand.edit.unsaved')}</span>}
      </div>
      <div role="status" aria-live="polite" data-testid="kit-outcome">
        {outcome?.kind === 'imported' && (
          <p className="m-0 rounded bg-emerald-50 p-2 text-emerald-900">
            {t('brand.edit.imported', { count: outcome.count, file: outcome.file })}
          </p>
        )}
        {outcome?.kind === 'saved' && <p className="m-0 rounded bg-emerald-50 p-2 text-emerald-900">{t('brand.edit.saved')}</p>}
        {outcome?.kind === 'rejected' && (
          <div className="rounded border border-red-200 p-2" data-testid="palette-import-rejected">
            <p className="m-0 font-medium text-red-900">
              {t('brand.edit.importRejected', { file: outcome.file, count: outcome.problems.length })}
            </p>
            <PaletteProblems problems={outcome.problems} />
          </div>
        )}
        {outcome?.kind === 'save-failed' && (
          <div className="rounded border border-red-200 p-2">
            <PaletteProblems problems={outcome.problems} />
          </div>
        )}
      </div>
    </section>
  );
}

function PaletteProblems({ problems }: { problems: Problem[] }) {
  return (
    <ul className="mt-1 max-h-60 list-none space-y-1 overflow-auto p-0" data-testid="problem-list">
      {problems.slice(0, 50).map((problem, index) => (
        <li key={`${problem.path}-${index}`} className="rounded bg-red-50 px-2 py-1 text-red-900">
          <Ltr className="me-1 font-mono text-xs text-red-700">{problem.path}</Ltr>
          <Bidi>{paletteProblemText(problem)}</Bidi>
        </li>
      ))}
    </ul>
  );
}

function ColorRow({
  color,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  color: BrandColor;
  index: number;
  count: number;
  onChange: (patch: Partial<BrandColor>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  useSignals();
  const id = useId();
  // What is typed, kept while it is not (yet) a colour; the kit keeps the last valid one.
  const [hexText, setHexText] = useState(color.hex.toUpperCase());
  useEffect(() => setHexText(color.hex.toUpperCase()), [color.hex]);
  const hexValid = normalizeHexInput(hexText) !== null;
  const setHex = (hex: string) => {
    const normal = normalizeHexInput(hex);
    setHexText(hex);
    if (normal) onChange({ hex: normal });
  };
  const iconButton = 'rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-100 disabled:opacity-30';
  // The colour's number in the person's digits: "اللون ٣", not "اللون 3".
  const position = numberFormat(locale.value).format(index + 1);
  return (
    <li className="flex flex-wrap items-center gap-1.5 rounded-lg border border-slate-200 p-1.5" data-testid="swatch">
      <input
        type="color"
        aria-label={`${t('brand.edit.hex')} ${position}`}
        className="size-9 shrink-0 cursor-pointer rounded-md border-0 bg-transparent p-0"
        value={color.hex.toLowerCase()}
        onChange={(e) => setHex(e.target.value)}
      />
      <div className="min-w-0 flex-1 space-y-0.5">
        <input
          dir="auto"
          aria-label={`${t('brand.edit.colorName')} ${position}`}
          className="w-full rounded border border-slate-300 px-1.5 py-0.5 font-medium"
          value={color.name}
          maxLength={60}
          onChange={(e) => onChange({ name: e.target.value })}
          data-testid="color-name"
        />
        <div className="flex items-center gap-1">
          <input
            dir="ltr"
            id={`${id}-hex`}
            aria-label={`${t('brand.edit.hex')} ${position}`}
            aria-invalid={!hexValid}
            className={`w-24 rounded border px-1.5 py-0.5 font-mono text-xs ${hexValid ? 'border-slate-300' : 'border-red-500 bg-red-50'}`}
            value={hexText}
            onChange={(e) => setHex(e.target.value)}
            data-testid="color-hex"
          />
          <select
            aria-label={`${t('brand.edit.role')} ${position}`}
            className="min-w-0 rounded border border-slate-300 px-1 py-0.5 text-xs"
            value={color.role ?? ''}
            onChange={(e) => onChange({ role: (e.target.value || undefined) as Role | undefined })}
          >
            <option value="">{t('brand.edit.noRole')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        {!hexValid && <p className="m-0 text-xs text-red-800">{t('brand.edit.invalidHex')}</p>}
      </div>
      <div className="flex shrink-0 items-center">
        {EyeDropperCtor && (
          <button
            type="button"
            className={iconButton}
            title={t('brand.edit.eyedropper')}
            aria-label={t('brand.edit.eyedropper')}
            onClick={async () => {
              const picked = await new EyeDropperCtor().open().catch(() => null); // Escape cancels
              if (picked) setHex(picked.sRGBHex);
            }}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M19 3a2.1 2.1 0 0 1 3 3l-3 3 1 1-2 2-6-6 2-2 1 1z" />
              <path d="M12 7 4 15v5h5l8-8" />
            </svg>
          </button>
        )}
        <button
          type="button"
          className={iconButton}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
          title={t('brand.edit.moveUp')}
          aria-label={t('brand.edit.moveUp')}
        >
          <span aria-hidden="true">↑</span>
        </button>
        <button
          type="button"
          className={iconButton}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
          title={t('brand.edit.moveDown')}
          aria-label={t('brand.edit.moveDown')}
        >
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          className={`${iconButton} text-red-700`}
          onClick={onRemove}
          title={t('brand.edit.remove')}
          aria-label={t('brand.edit.remove')}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
    </li>
  );
}
