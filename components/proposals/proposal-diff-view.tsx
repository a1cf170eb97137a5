import { useSignals } from '@preact/signals-react/runtime';
import { Bidi, Ltr } from '@/components/ui/bidi';
import type { FieldChange } from '@/utils/proposals/proposal-diff';
import { t } from '@/utils/state/panel-store';

const LINE_CLASS = { same: 'text-slate-600', add: 'bg-emerald-50 text-emerald-900', del: 'bg-red-50 text-red-900 line-through' };
const LINE_MARK = { same: ' ', add: '+', del: '−' };

/** One field's change: its JSON path, then the lines (multi-line text) or the value before and after. */
function ChangeRow({ change }: { change: FieldChange }) {
  return (
    <li className="rounded border border-slate-200 p-1" data-testid="proposal-change" data-path={change.path}>
      <div className="flex items-center gap-1 text-xs">
        <Ltr className="font-mono text-slate-700">{change.path}</Ltr>
        {change.kind !== 'changed' && <span className="text-slate-500">({t(`proposals.field.${change.kind}`)})</span>}
      </div>
      {change.lines ? (
        <div className="mt-0.5 font-mono text-xs whitespace-pre-wrap">
          {change.lines.map((line, index) => (
            <div key={index} className={LINE_CLASS[line.op]} data-op={line.op} dir="auto">
              <span aria-hidden="true" className="me-1 select-none">
                {LINE_MARK[line.op]}
              </span>
              {line.text}
            </div>
          ))}
        </div>
      ) : (
        <dl className="m-0 mt-0.5 grid grid-cols-[auto_1fr] gap-x-2 text-xs">
          {change.before !== undefined && (
            <>
              <dt className="text-slate-500">{t('proposals.before')}</dt>
              <dd className="m-0 bg-red-50 whitespace-pre-wrap text-red-900" data-op="del">
                <Bidi>{change.before}</Bidi>
              </dd>
            </>
          )}
          {change.after !== undefined && (
            <>
              <dt className="text-slate-500">{t('proposals.after')}</dt>
              <dd className="m-0 bg-emerald-50 whitespace-pre-wrap text-emerald-900" data-op="add">
                <Bidi>{change.after}</Bidi>
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

/** What a proposal changes in the pack's template, field by field. */
export function ProposalChanges({ changes }: { changes: FieldChange[] }) {
  useSignals();
  if (changes.length === 0) return <p className="m-0 text-xs text-slate-500">{t('proposals.noChanges')}</p>;
  return (
    <ul className="m-0 list-none space-y-1 p-0" data-testid="proposal-diff">
      {changes.map((change) => (
        <ChangeRow key={change.path} change={change} />
      ))}
    </ul>
  );
}
