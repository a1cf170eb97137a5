import { type Problem, problemsFromZod } from '../guidance/problems';
import { type MessageType, type ParsedRequestOf, protocol, type Reply, type ResponseOf, type SenderKind } from './protocol';
import { classifySender, type SenderInfo } from './sender';

export type Handlers = {
  [K in MessageType]: (payload: ParsedRequestOf<K>, sender: SenderInfo) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

const isMessageType = (type: unknown): type is MessageType => typeof type === 'string' && Object.hasOwn(protocol, type);

/**
 * The background's one entry point for messages: refuses unknown types, senders that may not send
 * them and payloads that fail their schema, before any handler runs. Never throws.
 */
export async function routeMessage(
  handlers: Handlers,
  raw: unknown,
  sender: SenderInfo,
  self: { runtimeId: string; extensionOrigin: string },
): Promise<Reply<unknown>> {
  const type = (raw as { type?: unknown } | null)?.type;
  if (!isMessageType(type)) {
    return { ok: false, error: { code: 'unknown-type', message: `Unknown message type: ${String(type).slice(0, 80)}` } };
  }
  const spec = protocol[type];
  const kind = classifySender(sender, self.runtimeId, self.extensionOrigin);
  const allowed: readonly SenderKind[] = spec.from;
  if (!kind || !allowed.includes(kind)) {
    return { ok: false, error: { code: 'forbidden-sender', message: `${type} is not accepted from this sender` } };
  }
  const parsed = spec.request.safeParse((raw as { payload?: unknown }).payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-payload', message: `Invalid ${type} payload`, problems: problemsFromZod(parsed.error) },
    };
  }
  try {
    const handler = handlers[type] as (payload: unknown, sender: SenderInfo) => unknown;
    return { ok: true, data: await handler(parsed.data, { ...sender, kind }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refusal (entrypoints/background/refusals.ts) carries its code as one problem, for the panel to say in its language;
    // so does a database the browser could not write.
    const problem = (error as { problem?: Problem } | null)?.problem;
    const coded =
      problem && typeof problem.code === 'string'
        ? { problems: [problem] }
        : isStorageFailure(error)
          ? { problems: [{ path: '$', code: 'storage-failed', message }] }
          : {};
    return { ok: false, error: { code: 'failed', message, ...coded } };
  }
}

/**
 * An IndexedDB write the browser could not make. Measured in Chromium on a full disk: the failing
 * transaction aborts ("The transaction was aborted…", AbortError), the browser then closes the
 * connection ("Connection is closing because of: IO error … FILE_ERROR_NO_SPACE") and the next open
 * fails ("Internal error opening backing store") until there is room; over a quota, QuotaExceededError.
 */
function isStorageFailure(error: unknown): boolean {
  if (!(error instanceof DOMException)) return false;
  if (error.name === 'QuotaExceededError' || error.name === 'UnknownError') return true;
  if (error.name === 'AbortError' && /transaction was aborted/i.test(error.message)) return true;
  return /IO error|FILE_ERROR_NO_SPACE|backing store|connection is closing/i.test(error.message);
}
