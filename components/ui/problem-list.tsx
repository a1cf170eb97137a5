import { useSignals } from '@preact/signals-react/runtime';
import type { Problem } from '@/utils/guidance/problems';
import type { MessageKey } from '@/utils/i18n/messages';
import { t } from '@/utils/state/panel-store';
import { Bidi, Ltr } from './bidi';

const SHOWN = 50;

/** Says a problem in the UI language when it is one of Dalil's own checks, else as the validator said it. */
export function problemText(problem: Problem): string {
  if (problem.code) {
    const key = `problem.${problem.code}` as MessageKey;
    const text = t(key, problem.params);
    if (text !== key) return text;
  }
  return problem.message;
}

export function ProblemList({ problems }: { problems: Problem[] }) {
  useSignals();
  return (
    <ul className="mt-1 max-h-72 list-none space-y-1 overflow-auto p-0" data-testid="problem-list">
      {problems.slice(0, SHOWN).map((problem, index) => (
        <li key={`${problem.path}-${index}`} className="rounded bg-red-50 px-2 py-1 text-red-900">
          {/* "$" is the whole file or message: a path that says nothing to a person. */}
          {problem.path !== '$' && <Ltr className="me-1 font-mono text-xs text-red-700">{problem.path}</Ltr>}
          <Bidi>{problemText(problem)}</Bidi>
        </li>
      ))}
      {problems.length > SHOWN && <li className="px-2 text-red-800">{t('problem.more', { count: problems.length - SHOWN })}</li>}
    </ul>
  );
}
