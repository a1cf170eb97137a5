/**
 * A runtime Port read as a queue: `next()` gives the next message in order, and rejects once the
 * other end is gone. Large transfers (backups, swipe-file zips) go over a Port in chunks, each
 * acknowledged, instead of one runtime message (which the browser caps at 64 MiB).
 */

/** The parts of runtime.Port used here (browser.runtime.Port fits). */
export interface PortLike {
  name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** The other end disconnected: the page was closed or cancelled, or the worker was stopped. */
export class PortClosedError extends Error {
  constructor() {
    super('The other side of the transfer went away.');
    this.name = 'PortClosedError';
  }
}

export interface PortLink<In, Out> {
  next(): Promise<In>;
  post(message: Out): void;
  close(): void;
  readonly closed: boolean;
}

export function portLink<In, Out>(port: PortLike): PortLink<In, Out> {
  const queue: In[] = [];
  const waiting: Array<{ resolve: (message: In) => void; reject: (error: Error) => void }> = [];
  let closed = false;
  port.onMessage.addListener((message) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(message as In);
    else queue.push(message as In);
  });
  port.onDisconnect.addListener(() => {
    closed = true;
    for (const waiter of waiting.splice(0)) waiter.reject(new PortClosedError());
  });
  return {
    next() {
      if (queue.length > 0) return Promise.resolve(queue.shift() as In);
      if (closed) return Promise.reject(new PortClosedError());
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    post(message) {
      if (closed) throw new PortClosedError();
      port.postMessage(message);
    },
    close() {
      if (closed) return;
      closed = true;
      port.disconnect();
      for (const waiter of waiting.splice(0)) waiter.reject(new PortClosedError());
    },
    get closed() {
      return closed;
    },
  };
}

type Base64Codec = {
  toBase64?: (this: Uint8Array) => string;
};
type Base64Ctor = { fromBase64?: (text: string) => Uint8Array };

/**
 * Bytes as text for a Port: Chrome serialises port messages as JSON, where a Uint8Array would
 * arrive as an object of numbered keys. Uses the native Uint8Array base64 (Chromium 140, Firefox
 * 133) when there is one.
 */
export function chunkToText(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & Base64Codec).toBase64;
  if (native) return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function textToChunk(text: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Ctor).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Chunks sent before the sender waits for an acknowledgement: enough to keep both sides busy, few enough to hold little. */
export const CHUNKS_IN_FLIGHT = 4;
