import { useSignals } from '@preact/signals-react/runtime';
import { useCallback, useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ProblemList } from '@/components/ui/problem-list';
import { formatDateTime } from '@/utils/i18n/locale';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { ProposalsView as View } from '@/utils/proposals/types';
import { guidance, locale, settings, syncStatus, t } from '@/utils/state/panel-store';
import { ReviewQueue } from './review-queue';

export const STATUS_TONE = { pending: 'amber', approved: 'green', declined: 'gray' } as const;

/** The agent's proposals with their status from the pack, and (for a manager) the review queue. */
export function ProposalsView() {
  useSignals();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const manager = settings.value.role === 'manager';
  const load = useCallback(async () => {
    try {
      setView(await sendToBackground('panel.listProposals', {}));
      setError(null);
    } catch (e) {
      setError(problemOf(e).message);
    }
  }, []);
  // A new pack (decisions) or a new queue/sent record arrives as a guidance or sync change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the store's guidance or sync state changes
  useEffect(() => void load(), [load, guidance.value, syncStatus.value]);

  return (
    <div className="space-y-3" data-testid="proposals-view">
      {error && <ProblemList problems={[{ path: '$', message: error }]} />}
      {view?.exchange.connected && <ExchangeStatus exchange={view.exchange} manager={manager} reload={load} />}
      {manager && view && <ReviewQueue queue={view.queue} reload={load} />}
      <section className="space-y-1" data-testid="sent-proposals">
        <h2 className="m-0 text-sm font-semibold">{t('proposals.sentTitle')}</h2>
        {view && view.sent.length === 0 && <p className="m-0 text-xs text-slate-500">{t('proposals.sentEmpty')}</p>}
        <ul className="m-0 list-none space-y-1 p-0">
          {view?.sent.map((sent) => {
            const inPack = sent.decision?.templateId
              ? guidance.value?.pack.templates.find((x) => x.id === sent.decision?.templateId)
              : undefined;
            return (
              <li
                key={sent.proposal.id}
                className="rounded border border-slate-200 p-2"
                data-testid="sent-proposal"
                data-status={sent.status}
                data-proposal-id={sent.proposal.id}
              >
                <div className="flex flex-wrap items-center gap-1.5">
                  <Bidi className="font-medium">{sent.proposal.template.title}</Bidi>
                  <Badge tone={STATUS_TONE[sent.status]}>{t(`proposals.status.${sent.status}`)}</Badge>
                  <span className="text-xs text-slate-500">{formatDateTime(locale.value, sent.sentAt)}</span>
                  {sent.inWorkspace !== undefined && (
                    <span className="text-xs text-slate-500" data-testid="sent-proposal-workspace" data-in={sent.inWorkspace}>
                      {t(sent.inWorkspace ? 'proposals.inWorkspace' : 'proposals.notYetInWorkspace')}
                    </span>
                  )}
                </div>
                {sent.decision?.comment && (
                  <p className="m-0 mt-1 text-sm" data-testid="sent-proposal-comment">
                    <span className="me-1 text-slate-500">{t('proposals.managerComment')}</span>
                    <Bidi>{sent.decision.comment}</Bidi>
                  </p>
                )}
                {sent.status === 'approved' && sent.via === 'workspace' && (
                  <p className="m-0 mt-1 text-xs text-emerald-800" data-testid="sent-proposal-next-pack">
                    {t('proposals.approvedNextPack')}
                  </p>
                )}
                {sent.status === 'approved' && sent.via === 'pack' && inPack && (
                  <p className="m-0 mt-1 text-xs text-emerald-800" data-testid="sent-proposal-in-pack">
                    <Bidi>{t('proposals.inUse', { title: inPack.title })}</Bidi>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

/** The team workspace's side of proposals: when it last exchanged, what failed, and "exchange now". */
function ExchangeStatus({
  exchange,
  manager,
  reload,
}: {
  exchange: Extract<View['exchange'], { connected: true }>;
  manager: boolean;
  reload: () => Promise<void>;
}) {
  useSignals();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = async () => {
    setBusy(true);
    setError(null);
    try {
      await sendToBackground('panel.exchangeProposalsNow', {});
      await reload();
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="space-y-1 rounded border border-slate-200 p-2 text-xs" data-testid="proposal-exchange" aria-busy={busy}>
      <div className="flex flex-wrap items-center gap-2">
        <Button disabled={busy} onClick={() => void now()} data-testid="proposal-exchange-now">
          {t('proposals.exchangeNow')}
        </Button>
        {exchange.lastRunAt && (
          <span className="text-slate-600">
            {t('proposals.exchangeLast', { date: formatDateTime(locale.value, exchange.lastRunAt) })}
          </span>
        )}
      </div>
      {(error || exchange.lastError) && (
        <p className="m-0 text-red-800" role="alert" data-testid="proposal-exchange-error">
          <Bidi>
            {error ??
              t('proposals.exchangeFailed', { kind: exchange.lastError?.kind ?? '', detail: exchange.lastError?.detail ?? '' })}
          </Bidi>
        </p>
      )}
      {manager && exchange.refused.length > 0 && (
        <ul className="m-0 list-none space-y-1 p-0" data-testid="proposal-exchange-refused">
          {exchange.refused.map((r) => (
            <li key={r.key}>
              <Bidi className="text-red-800">{t('proposals.notAProposal', { key: r.key })}</Bidi>
              <ProblemList problems={r.problems} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
