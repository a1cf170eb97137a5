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

/** Any thrown error as one problem about the whole request, for the panels' problem lists. */
export const problemOf = (error: unknown): Problem => ({
  path: '$',
  message: error instanceof Error ? error.message : String(error),
});

/** The problems the background listed with a refusal, else the error as one problem. */
export const problemsFromError = (error: unknown): Problem[] =>
  error instanceof MessageError && error.problems.length > 0 ? error.problems : [problemOf(error)];

/** Sends one protocol message to the background and returns its data, or throws MessageError. */
export async function sendToBackground<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new MessageError('no-reply', `No reply to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message, reply.error.problems);
  return reply.data;
}
