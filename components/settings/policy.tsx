/** What the organisation set by policy, in Settings: the mark beside each locked control, and the values it ignored. */
import { useSignals } from '@preact/signals-react/runtime';
import { browser } from 'wxt/browser';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import type { MessageKey } from '@/utils/i18n/messages';
import { sendToBackground } from '@/utils/messaging/client';
import type { ManagedPolicy, PolicyProblem } from '@/utils/policy/schema';
import { policy, t } from '@/utils/state/panel-store';

/** True when the organisation's policy sets `key` (and the value passed its check). */
export const setByPolicy = (key: keyof ManagedPolicy): boolean => policy.value.values[key] !== undefined;

/** Beside a control the person cannot change. */
export function PolicyBadge() {
  useSignals();
  return (
    <span data-testid="policy-badge" className="ms-1 align-middle">
      <Badge tone="blue">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="me-1 h-3 w-3 fill-current">
          <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0V7Z" />
        </svg>
        {t('policy.setByOrg')}
      </Badge>
    </span>
  );
}

function problemText(problem: PolicyProblem): string {
  if (problem.code === 'unknown-key') return t('policy.problem.unknown-key');
  const expected = t(`policy.expect.${problem.key}` as MessageKey);
  return t('policy.problem.invalid', { expected });
}

/** At the top of Settings whenever a policy is in force or has problems. */
export function PolicyNotice() {
  useSignals();
  const { values, problems } = policy.value;
  if (Object.keys(values).length === 0 && problems.length === 0) return null;
  return (
    <div className="space-y-2 rounded border border-sky-200 bg-sky-50 p-2 text-sky-950" data-testid="policy-notice">
      <h2 className="m-0 text-base font-semibold">{t('policy.title')}</h2>
      {Object.keys(values).length > 0 && <p className="m-0">{t('policy.intro')}</p>}
      {problems.length > 0 && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-950">
          <p className="m-0 font-medium">{t('policy.problems', { count: problems.length })}</p>
          <ul className="m-0 mt-1 list-none space-y-1 p-0" data-testid="policy-problems">
            {problems.map((problem) => (
              <li key={problem.key} data-testid="policy-problem" data-key={problem.key}>
                <Ltr className="font-mono text-xs font-semibold">{problem.key}</Ltr> <Bidi>{problemText(problem)}</Bidi>
                {problem.value !== undefined && (
                  <span className="block text-xs text-amber-800">
                    {t('policy.given', { value: problem.value })} · <Ltr>{problem.message}</Ltr>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * Asks for `origin`'s host permission on the person's click (a policy cannot grant it), then turns
 * the site on. Called first in the click handler: browsers grant permissions only then.
 */
async function allowSite(origin: string): Promise<void> {
  const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
  if (granted) await sendToBackground('panel.setSiteEnabled', { origin, enabled: true });
}

/** The organisation's extra sites that still need the person's one click each. */
export function PolicySitesAwaiting() {
  useSignals();
  const awaiting = policy.value.sitesAwaitingAccess;
  if (awaiting.length === 0) return null;
  return (
    <div className="space-y-1" data-testid="policy-sites-awaiting">
      <p className="m-0">{t('policy.sitesAwaiting')}</p>
      <ul className="m-0 list-none space-y-1 p-0">
        {awaiting.map((origin) => (
          <li key={origin} className="flex items-center gap-2">
            <Ltr>{origin}</Ltr>
            <PolicyBadge />
            <Button variant="primary" onClick={() => void allowSite(origin)}>
              {t('policy.allow')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
