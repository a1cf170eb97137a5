/**
 * Waits for a transaction's requests and its commit. When it aborts, every request fails with the same
 * AbortError ("The transaction was aborted…"), which says nothing; the transaction's own error says
 * why (a full disk, a constraint): that is what the caller gets.
 */
export async function committed(
  tx: { done: Promise<void>; error: DOMException | null },
  requests: Promise<unknown>,
): Promise<void> {
  try {
    await Promise.all([requests, tx.done]);
  } catch (error) {
    throw tx.error ?? error;
  }
}
