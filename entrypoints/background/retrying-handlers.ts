import type { DatabaseConnection } from '@/utils/db/connection';
import type { Handlers } from '@/utils/messaging/router';

/**
 * Every handler, run through the connection's `retrying`: a message that failed because the browser
 * closed the database under it (the transaction it was in never committed) runs once more on a new
 * connection, instead of answering errors until the worker restarts. A handler whose earlier
 * transaction had committed before the close repeats it: rare, and a repeat is better than a loss.
 */
export function retryingHandlers(handlers: Handlers, connection: Pick<DatabaseConnection, 'retrying'>): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const [type, handle] of Object.entries(handlers) as Array<[string, (payload: unknown, sender: unknown) => unknown]>) {
    wrapped[type] = (payload: unknown, sender: unknown) => connection.retrying(async () => handle(payload, sender));
  }
  return wrapped as Handlers;
}
