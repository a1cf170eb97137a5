/**
 * Deterministic JSON for signing: object keys sorted by UTF-16 code units, no whitespace, arrays
 * in order, strings and numbers as JSON.stringify writes them (the same rules as RFC 8785 for the
 * values a pack holds). The signer and the verifier must produce the same bytes from the same
 * data, whatever order the keys were written in and however the file was indented.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // JSON.stringify would write NaN and Infinity as null: data that cannot round-trip is a bug, not a value.
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    // Like JSON.stringify: undefined in an array is null (the position is part of the data).
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (isPlainObject(value)) {
    // Like JSON.stringify: a key whose value is undefined is left out, so `{a: undefined}` signs as `{}`.
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  // Dates, Maps, class instances: their JSON form depends on toJSON; a pack never holds them.
  throw new TypeError(`canonicalJson: ${Object.prototype.toString.call(value)} has no canonical JSON form`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
