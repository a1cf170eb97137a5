import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useState } from 'react';
import { Bidi } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { problemText } from '@/components/ui/problem-list';
import { formatDateTime } from '@/utils/i18n/locale';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import { adsChange, locale, t } from '@/utils/state/panel-store';
import type { SharedAdDetails } from '@/utils/workspace/boards-types';

/**
 * An ad on a shared board, in its detail: teammates' notes kept beside this one when two were written
 * at once (never dropped: each is read, then set aside), and the board's comments on the ad.
 */
export function AdBoardThread({ adId }: { adId: string }) {
  useSignals();
  const [details, setDetails] = useState<SharedAdDetails>();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);
  const revision = adsChange.value.revision;
  useEffect(() => {
    void revision;
    void reload;
    let live = true;
    void sendToBackground('panel.sharedAdDetails', { adId }).then(
      (found) => live && setDetails(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [adId, revision, reload]);

  if (!details || details.boards.length === 0) return null;
  const run = async (work: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await work();
      setReload((n) => n + 1);
    } catch (error) {
      setProblem(problemText(problemOf(error)));
    }
  };
  return (
    <section className="space-y-1 rounded border border-sky-200 p-2 text-xs" data-testid="ad-board-thread">
      <p className="m-0 text-slate-600">
        <Bidi>{t('board.onBoards', { boards: details.boards.map((b) => b.name).join('، ') })}</Bidi>
      </p>
      {details.noteConflicts.map((conflict) => (
        <div key={`${conflict.by}-${conflict.at}`} className="rounded bg-amber-50 p-1 text-amber-900" data-testid="note-conflict">
          <p className="m-0 font-semibold">
            <Bidi>{t('board.conflict', { person: conflict.by })}</Bidi>
          </p>
          <p dir="auto" className="m-0 whitespace-pre-line" data-testid="note-conflict-text">
            {conflict.text}
          </p>
          <Button
            variant="ghost"
            onClick={() =>
              void run(() => sendToBackground('panel.dismissNoteConflict', { adId, by: conflict.by, at: conflict.at }))
            }
          >
            {t('board.conflictDismiss')}
          </Button>
        </div>
      ))}
      <h3 className="m-0 text-xs font-semibold">{t('board.comments')}</h3>
      {details.comments.length === 0 ? (
        <p className="m-0 text-slate-500">{t('board.noComments')}</p>
      ) : (
        <ul className="m-0 list-none space-y-1 p-0" data-testid="board-comments">
          {details.comments.map((comment) => (
            <li key={comment.key} data-testid="board-comment" data-pending={Boolean(comment.pending)}>
              <span className="font-semibold">
                <Bidi>{comment.by}</Bidi>
              </span>{' '}
              <span className="text-slate-500">{formatDateTime(locale.value, comment.at)}</span>
              {comment.pending && <span className="text-slate-500"> · {t('board.pending')}</span>}
              <p dir="auto" className="m-0 whitespace-pre-line">
                {comment.text}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          const value = text.trim();
          if (!value) return;
          void run(async () => {
            await sendToBackground('panel.addBoardComment', { adId, text: value });
            setText('');
          });
        }}
      >
        <input
          dir="auto"
          aria-label={t('board.comment')}
          placeholder={t('board.comment')}
          maxLength={2000}
          className="min-w-0 flex-1 rounded border border-slate-300 px-1"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit">{t('board.send')}</Button>
      </form>
      {problem && (
        <p role="alert" className="m-0 text-red-800">
          <Bidi>{problem}</Bidi>
        </p>
      )}
    </section>
  );
}
