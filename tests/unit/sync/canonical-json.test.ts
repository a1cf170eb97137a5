import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../utils/sync/canonical-json';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { z: true, y: null }, 'x'], c: { e: 'é', d: -0.5 } })).toBe(
      '{"a":[3,{"y":null,"z":true},"x"],"b":1,"c":{"d":-0.5,"e":"é"}}',
    );
  });

  it('gives the same text for the same data whatever the key order or indentation of the file', () => {
    const data = JSON.parse(DEFAULT_PACK_TEXT);
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(data).reverse()), null, 4));
    expect(canonicalJson(reordered)).toBe(canonicalJson(data));
    expect(canonicalJson(data)).not.toContain('\n');
  });

  it('sorts keys by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ b: 1, B: 2, ب: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"ب":3}');
  });

  it('leaves out undefined members like JSON.stringify, and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ s: 'line\n"quoted"\\' })).toBe('{"s":"line\\n\\"quoted\\"\\\\"}');
  });

  it('refuses values JSON cannot carry instead of signing something else', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/not a JSON number/);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(/not a JSON number/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/no canonical JSON form/);
    expect(() => canonicalJson(() => 1)).toThrow(/no canonical JSON form/);
  });
});
