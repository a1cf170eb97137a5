import { useSignals } from '@preact/signals-react/runtime';
import { useState } from 'react';
import { PlaybooksView } from '@/components/playbooks/playbooks-view';
import { ProposalsView } from '@/components/proposals/proposals-view';
import { ProposeForm } from '@/components/proposals/propose-form';
import { TestimonialsView } from '@/components/testimonials/testimonials-view';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { useFocusReturn } from '@/components/ui/focus-return';
import { ProblemList } from '@/components/ui/problem-list';
import { SearchBox } from '@/components/ui/search-box';
import { ViewSwitch } from '@/components/ui/view-switch';
import { VirtualList } from '@/components/ui/virtual-list';
import type { Problem } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { Template, TemplateStatus } from '@/utils/schemas/template';
import { guidance, personalTemplates, t, templateUsage } from '@/utils/state/panel-store';
import { TemplateBody } from './template-body';
import { TemplateEditor } from './template-editor';
import { useTemplatePages } from './use-template-pages';

/** A template's height in the list before it is drawn (title line, three lines of text, its buttons). */
const TEMPLATE_ESTIMATE = 132;

const STATUS_TONE = { approved: 'green', draft: 'amber', retired: 'gray' } as const;

type Editing = { mode: 'new'; personal: boolean } | { mode: 'edit'; template: Template; personal: boolean } | null;

const VIEWS = ['templates', 'playbooks', 'testimonials', 'proposals'] as const;
const VIEW_LABEL = {
  templates: 'tab.templates',
  playbooks: 'playbooks.title',
  testimonials: 'testimonials.title',
  proposals: 'templates.view.proposals',
} as const;

/** Templates, with the team's playbooks and the testimonials saved from comments one click away. */
export function TemplatesTab() {
  useSignals();
  const [view, setView] = useState<(typeof VIEWS)[number]>('templates');
  return (
    <div className="space-y-2">
      <ViewSwitch
        views={VIEWS}
        labels={VIEW_LABEL}
        legend="a11y.templateViews"
        value={view}
        onChange={setView}
        testId="template-views"
      />
      {view === 'templates' ? (
        <TemplateList />
      ) : view === 'playbooks' ? (
        <PlaybooksView />
      ) : view === 'testimonials' ? (
        <TestimonialsView />
      ) : (
        <ProposalsView />
      )}
    </div>
  );
}

function TemplateList() {
  useSignals();
  const templates = guidance.value?.pack.templates ?? [];
  // An agent following the team's URL: the team's templates are read-only; their own drafts are kept apart.
  const readOnly = guidance.value?.readOnly === true;
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<TemplateStatus | 'all'>('all');
  const [lang, setLang] = useState<'all' | 'ar' | 'en'>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const rememberOpener = useFocusReturn(editing !== null);

  // The background searches and pages the templates; the list renders the ones near the screen.
  const pages = useTemplatePages({ query, status, lang }, guidance.value);

  if (editing) {
    return (
      <TemplateEditor
        initial={editing.mode === 'edit' ? editing.template : undefined}
        others={(editing.personal ? personalTemplates.value : templates).filter(
          (x) => editing.mode === 'new' || x.id !== editing.template.id,
        )}
        personal={editing.personal}
        onDone={() => setEditing(null)}
      />
    );
  }

  const act = async (run: () => Promise<{ ok: true } | { ok: false; problems: Problem[] }>) => {
    setProblems([]);
    try {
      const result = await run();
      if (!result.ok) setProblems(result.problems);
    } catch (e) {
      setProblems([problemOf(e)]);
    }
  };

  return (
    <section className="space-y-2">
      <div className="flex gap-2">
        <SearchBox label={t('templates.search')} hint={t('templates.searchHint')} value={query} onChange={setQuery} />
        <Button
          variant="primary"
          data-focus-return="new"
          onClick={(event) => {
            rememberOpener(event);
            setEditing({ mode: 'new', personal: readOnly });
          }}
        >
          {t(readOnly ? 'templates.newPersonal' : 'templates.new')}
        </Button>
      </div>
      {readOnly && (
        <p className="m-0 rounded bg-sky-50 p-2 text-sky-900" data-testid="templates-read-only">
          {t('templates.readOnly')}
        </p>
      )}
      {personalTemplates.value.length > 0 && (
        <PersonalDrafts
          onEdit={(event, template) => {
            rememberOpener(event);
            setEditing({ mode: 'edit', template, personal: true });
          }}
        />
      )}
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <label className="flex items-center gap-1">
          {t('templates.filter.status')}
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as TemplateStatus | 'all')}
            className="rounded border border-slate-300"
          >
            <option value="all">{t('common.all')}</option>
            <option value="approved">{t('status.approved')}</option>
            <option value="draft">{t('status.draft')}</option>
            <option value="retired">{t('status.retired')}</option>
          </select>
        </label>
        <label className="flex items-center gap-1">
          {t('templates.filter.lang')}
          <select
            value={lang}
            onChange={(e) => setLang(e.target.value as 'all' | 'ar' | 'en')}
            className="rounded border border-slate-300"
          >
            <option value="all">{t('common.all')}</option>
            <option value="ar">{t('lang.ar')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <span className="ms-auto" data-testid="template-count">
          {pages.matching !== undefined && t('templates.count', { shown: pages.matching, total: pages.total ?? 0 })}
        </span>
      </div>
      {problems.length > 0 && <ProblemList problems={problems} />}
      {pages.problem && <ProblemList problems={[pages.problem]} />}
      {pages.matching === 0 && <p className="text-slate-500">{t('templates.empty')}</p>}
      <VirtualList
        count={pages.matching ?? 0}
        estimate={TEMPLATE_ESTIMATE}
        label={t('tab.templates')}
        itemKey={(i) => pages.at(i)?.id ?? `loading-${i}`}
        itemClassName="rounded-lg border border-slate-200 p-2"
        itemAttributes={(i) => ({ 'data-testid': 'template-item', 'data-template-id': pages.at(i)?.id ?? '' })}
        onRange={pages.need}
        renderItem={(i) => {
          const template = pages.at(i);
          return (
            template && (
              <>
                <div className="flex flex-wrap items-center gap-1.5">
                  <Bidi className="font-semibold">{template.title}</Bidi>
                  {template.shortcut && (
                    <code className="rounded bg-slate-100 px-1 text-xs" dir="auto">
                      {template.shortcut}
                    </code>
                  )}
                  <Badge tone="blue">
                    <Ltr>{template.lang}</Ltr>
                  </Badge>
                  <Badge tone={STATUS_TONE[template.status]}>{t(`status.${template.status}`)}</Badge>
                  {(templateUsage.value[template.id] ?? 0) > 0 && (
                    <span className="text-xs text-slate-500" data-testid="use-count">
                      {t('templates.uses', { count: templateUsage.value[template.id] })}
                    </span>
                  )}
                </div>
                <TemplateBody body={template.body} className="my-1 line-clamp-3 text-slate-700" />
                {readOnly ? (
                  <div className="flex flex-wrap gap-1">
                    <Button
                      variant="ghost"
                      data-focus-return={`copy:${template.id}`}
                      onClick={(event) => {
                        rememberOpener(event);
                        // A copy to rework as one's own: a new id, no shortcut (drafts never expand).
                        setEditing({
                          mode: 'edit',
                          personal: true,
                          template: { ...template, id: `my-${template.id}`.slice(0, 80), shortcut: undefined, status: 'draft' },
                        });
                      }}
                    >
                      {t('templates.copyToMine')}
                    </Button>
                  </div>
                ) : (
                  <div className="flex flex-wrap gap-1">
                    <Button
                      variant="ghost"
                      data-focus-return={`edit:${template.id}`}
                      onClick={(event) => {
                        rememberOpener(event);
                        setEditing({ mode: 'edit', template, personal: false });
                      }}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => act(() => sendToBackground('panel.duplicateTemplate', { id: template.id }))}
                    >
                      {t('templates.duplicate')}
                    </Button>
                    {template.status !== 'approved' && (
                      <Button
                        variant="ghost"
                        onClick={() =>
                          act(() => sendToBackground('panel.setTemplateStatus', { id: template.id, status: 'approved' }))
                        }
                      >
                        {t('templates.approve')}
                      </Button>
                    )}
                    {template.status !== 'retired' && (
                      <Button
                        variant="ghost"
                        onClick={() =>
                          act(() => sendToBackground('panel.setTemplateStatus', { id: template.id, status: 'retired' }))
                        }
                      >
                        {t('templates.retire')}
                      </Button>
                    )}
                  </div>
                )}
              </>
            )
          );
        }}
      />
    </section>
  );
}

/** An agent's own drafts: never in the team's pack, never expanded in composers. */
function PersonalDrafts({ onEdit }: { onEdit: (event: React.MouseEvent<HTMLElement>, template: Template) => void }) {
  useSignals();
  const [proposing, setProposing] = useState<string | null>(null);
  return (
    <section className="rounded-lg border border-dashed border-slate-300 p-2" data-testid="personal-drafts">
      <h2 className="m-0 text-sm font-semibold">{t('templates.personalTitle')}</h2>
      <p className="m-0 text-xs text-slate-500">{t('templates.personalHint')}</p>
      <ul className="m-0 mt-1 list-none space-y-1 p-0">
        {personalTemplates.value.map((draft) => (
          <li key={draft.id} className="flex flex-wrap items-center gap-1.5" data-testid="personal-draft">
            <Bidi className="font-medium">{draft.title}</Bidi>
            <Badge tone="amber">{t('status.draft')}</Badge>
            <Button variant="ghost" data-focus-return={`draft:${draft.id}`} onClick={(event) => onEdit(event, draft)}>
              {t('common.edit')}
            </Button>
            <Button variant="ghost" onClick={() => setProposing(draft.id)} data-testid="propose-draft">
              {t('proposals.propose')}
            </Button>
            <Button variant="ghost" onClick={() => void sendToBackground('panel.deletePersonalTemplate', { id: draft.id })}>
              {t('templates.deletePersonal')}
            </Button>
            {proposing === draft.id && (
              <div className="basis-full">
                <ProposeForm draft={draft} onClose={() => setProposing(null)} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
