import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { problemText } from '@/components/ui/problem-list';
import { formatDateTime } from '@/utils/i18n/locale';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import { adsChange, locale, t } from '@/utils/state/panel-store';
import type { SharedBoardsStatus } from '@/utils/workspace/boards-types';

/**
 * Above the swipe file when a board is chosen: share it with the team's workspace, or, once shared,
 * the badge, who shared it, what is still queued and "Sync now".
 */
export function SharedBoardBar({ board }: { board: string }) {
  useSignals();
  const [status, setStatus] = useState<SharedBoardsStatus>();
  const [connected, setConnected] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const revision = adsChange.value.revision;
  useEffect(() => {
    void revision;
    let live = true;
    void Promise.all([sendToBackground('panel.workspaceStatus', {}), sendToBackground('panel.sharedBoards', {})]).then(
      ([workspace, boards]) => {
        if (!live) return;
        setConnected(workspace.connected);
        setStatus(boards);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [revision]);

  const act = async (run: () => Promise<SharedBoardsStatus | undefined>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await run();
      setStatus(next ?? (await sendToBackground('panel.sharedBoards', {})));
    } catch (error) {
      setProblem(problemText(problemOf(error)));
    } finally {
      setBusy(false);
    }
  };

  if (connected === undefined || !status) return null;
  const shared = status.boards.find((b) => b.localName === board);
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="shared-board-bar" data-shared={Boolean(shared)}>
      {shared ? (
        <>
          <Badge tone="blue">{t('board.shared')}</Badge>
          <span>
            <Bidi>{t('board.sharedBy', { person: shared.sharedBy })}</Bidi>
          </span>
          {status.queued > 0 && <span data-testid="board-queued">{t('board.queued', { count: status.queued })}</span>}
          {status.lastPollAt && (
            <span className="text-slate-500">
              {t('board.lastSync', { time: formatDateTime(locale.value, status.lastPollAt) })}
            </span>
          )}
          <Button disabled={busy} onClick={() => void act(() => sendToBackground('panel.syncBoards', {}))}>
            {busy ? t('board.syncing') : t('board.syncNow')}
          </Button>
          {status.lastError && (
            <span role="status" className="text-amber-800">
              {t('board.syncProblem', { kind: status.lastError.kind })}
            </span>
          )}
        </>
      ) : connected ? (
        <Button
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await sendToBackground('panel.shareBoard', { name: board });
              return undefined;
            })
          }
        >
          {t('board.share')}
        </Button>
      ) : (
        <span className="text-slate-500">{t('board.connectFirst')}</span>
      )}
      {problem && (
        <span role="alert" className="text-red-800">
          <Bidi>{problem}</Bidi>
        </span>
      )}
    </div>
  );
}
