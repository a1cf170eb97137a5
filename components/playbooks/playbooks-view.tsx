import { useSignals } from '@preact/signals-react/runtime';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { useFocusReturn } from '@/components/ui/focus-return';
import { ProblemList } from '@/components/ui/problem-list';
import { SearchBox } from '@/components/ui/search-box';
import type { Problem } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { Playbook } from '@/utils/schemas/playbook';
import { normalizeForSearch } from '@/utils/search';
import { guidance, t } from '@/utils/state/panel-store';
import { PlaybookBlocks, parsePlaybookBody } from './playbook-body';
import { PlaybookEditor } from './playbook-editor';

type Lang = 'all' | 'ar' | 'en';
type Editing = { mode: 'new' } | { mode: 'edit'; playbook: Playbook } | null;

/**
 * Playbooks whose title, body and tags hold every word of the query, folded the Arabic-aware way
 * (أ/ا, ة/ه, harakat…), in the pack's order.
 */
export function filterPlaybooks(playbooks: readonly Playbook[], query: string, lang: Lang): Playbook[] {
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  return playbooks.filter((playbook) => {
    if (lang !== 'all' && playbook.lang.split('-')[0] !== lang) return false;
    if (words.length === 0) return true;
    const haystack = normalizeForSearch(`${playbook.title} ${playbook.tags.join(' ')} ${playbook.body}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** The team's playbooks: read, searched and (for a manager, or anyone not following a team URL) edited. */
export function PlaybooksView() {
  useSignals();
  const playbooks = guidance.value?.pack.playbooks ?? [];
  const readOnly = guidance.value?.readOnly === true;
  const [query, setQuery] = useState('');
  const [lang, setLang] = useState<Lang>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const shown = useMemo(() => filterPlaybooks(playbooks, query, lang), [playbooks, query, lang]);
  const rememberOpener = useFocusReturn(editing !== null);

  if (editing && !readOnly) {
    return <PlaybookEditor initial={editing.mode === 'edit' ? editing.playbook : undefined} onDone={() => setEditing(null)} />;
  }

  async function remove(playbook: Playbook) {
    if (!window.confirm(t('playbooks.confirmDelete', { title: playbook.title }))) return;
    setProblems([]);
    try {
      await sendToBackground('panel.deletePlaybook', { id: playbook.id });
    } catch (error) {
      setProblems([problemOf(error)]);
    }
  }

  return (
    <section className="space-y-2" aria-label={t('playbooks.title')} data-testid="playbooks-view">
      <div className="flex gap-2">
        <SearchBox label={t('playbooks.search')} hint={t('playbooks.searchHint')} value={query} onChange={setQuery} />
        {!readOnly && (
          <Button
            variant="primary"
            data-focus-return="new"
            onClick={(event) => {
              rememberOpener(event);
              setEditing({ mode: 'new' });
            }}
            data-testid="playbook-new"
          >
            {t('playbooks.new')}
          </Button>
        )}
      </div>
      {readOnly && (
        <p className="m-0 rounded bg-sky-50 p-2 text-sky-900" data-testid="playbooks-read-only">
          {t('playbooks.readOnly')}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <label className="flex items-center gap-1">
          {t('templates.filter.lang')}
          <select
            value={lang}
            onChange={(e) => setLang(e.target.value as Lang)}
            className="rounded border border-slate-300"
            data-testid="playbook-lang-filter"
          >
            <option value="all">{t('common.all')}</option>
            <option value="ar">{t('lang.ar')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <span className="ms-auto" data-testid="playbook-count">
          {t('playbooks.count', { shown: shown.length, total: playbooks.length })}
        </span>
      </div>
      {problems.length > 0 && <ProblemList problems={problems} />}
      {shown.length === 0 && <p className="text-slate-500">{t(playbooks.length === 0 ? 'playbooks.none' : 'playbooks.empty')}</p>}
      <ul className="m-0 list-none space-y-2 p-0" aria-label={t('playbooks.title')}>
        {shown.map((playbook) => (
          <PlaybookItem
            key={playbook.id}
            playbook={playbook}
            readOnly={readOnly}
            onEdit={(event) => {
              rememberOpener(event);
              setEditing({ mode: 'edit', playbook });
            }}
            onDelete={() => void remove(playbook)}
          />
        ))}
      </ul>
    </section>
  );
}

function PlaybookItem({
  playbook,
  readOnly,
  onEdit,
  onDelete,
}: {
  playbook: Playbook;
  readOnly: boolean;
  onEdit: (event: React.MouseEvent<HTMLElement>) => void;
  onDelete: () => void;
}) {
  useSignals();
  const [expanded, setExpanded] = useState(false);
  const blocks = useMemo(() => parsePlaybookBody(playbook.body), [playbook.body]);
  const collapsible = blocks.length > 1;
  return (
    <li className="rounded-lg border border-slate-200 p-2" data-testid="playbook-item" data-playbook-id={playbook.id}>
      <div className="flex flex-wrap items-center gap-1.5">
        <Bidi className="font-semibold">{playbook.title}</Bidi>
        <Badge tone="blue">
          <Ltr>{playbook.lang}</Ltr>
        </Badge>
        {playbook.tags.length > 0 && (
          <ul className="m-0 flex list-none flex-wrap gap-1 p-0" aria-label={t('playbooks.tags')}>
            {playbook.tags.map((tag, index) => (
              <li key={`${index}-${tag}`}>
                <Badge>
                  <Bidi>{tag}</Bidi>
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div lang={playbook.lang} className="text-slate-700" data-testid="playbook-body">
        <PlaybookBlocks blocks={expanded || !collapsible ? blocks : blocks.slice(0, 1)} />
      </div>
      <div className="flex flex-wrap gap-1">
        {collapsible && (
          <Button variant="ghost" aria-expanded={expanded} onClick={() => setExpanded(!expanded)} data-testid="playbook-toggle">
            {t(expanded ? 'playbooks.showLess' : 'playbooks.showAll')}
          </Button>
        )}
        {!readOnly && (
          <>
            <Button variant="ghost" onClick={onEdit} data-focus-return={`edit:${playbook.id}`} data-testid="playbook-edit">
              {t('common.edit')}
            </Button>
            <Button variant="ghost" onClick={onDelete} data-testid="playbook-delete">
              {t('playbooks.delete')}
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
