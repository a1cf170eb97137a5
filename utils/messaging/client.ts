import { browser } from 'wxt/browser';
import type { Problem } from '../guidance/problems';
import type { ErrorCode, MessageType, Reply, RequestOf, ResponseOf } from './protocol';

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode | 'no-reply',
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Any thrown error as one problem about the whole request, for the panels' problem lists (a coded one kept, to be translated). */
export const problemOf = (error: unknown): Problem =>
  error instanceof MessageError && error.problems.length === 1 && error.problems[0].code
    ? error.problems[0]
    : { path: '$', message: error instanceof Error ? error.message : String(error) };

/** The problems the background listed with a refusal, else the error as one problem. */
export const problemsFromError = (error: unknown): Problem[] =>
  error instanceof MessageError && error.problems.length > 0 ? error.problems : [problemOf(error)];

/**
 * The browser's words for "the background stopped before it answered" (Chromium stops an MV3 worker
 * when idle, on update or from DevTools; Firefox unloads its background page): what was asked was
 * not acknowledged, and the person is told so in their language, not in the browser's.
 */
const STOPPED_BEFORE_ANSWER =
  /message channel closed before a response|message port closed before a response|Message manager disconnected/i;

/** Sends one protocol message to the background and returns its data, or throws MessageError. */
export async function sendToBackground<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  let reply: Reply<ResponseOf<K>> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<K>> | undefined;
  } catch (error) {
    if (!(error instanceof Error) || !STOPPED_BEFORE_ANSWER.test(error.message)) throw error;
    const message = 'Dalil was interrupted before it could answer. Please try again.';
    throw new MessageError('no-reply', message, [{ path: '$', code: 'background-stopped', message }]);
  }
  if (!reply) throw new MessageError('no-reply', `No reply to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message, reply.error.problems);
  return reply.data;
}
