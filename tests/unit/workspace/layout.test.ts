/**
 * Names become one path segment of a bucket key: a person called "a/b" or ".." cannot write outside
 * their own prefix, and Arabic names stay readable.
 */
import { describe, expect, it } from 'vitest';
import { logBatchKey, packKey, segment } from '../../../utils/workspace/layout';

describe('bucket keys', () => {
  it('keep a name inside its own segment', () => {
    expect(segment('agents/../../packs')).toBe('agents-..-..-packs');
    expect(segment('..')).toBe('-');
    expect(segment('a\\b\u0000c')).toBe('a-b-c');
    expect(segment('')).toBe('-');
    expect(segment('سارة')).toBe('سارة');
    expect(packKey('../x')).toBe('packs/..-x/pack.json');
  });

  it('date a log batch by its first entry, in UTC', () => {
    expect(logBatchKey('sara', '2026-12-06T23:59:59.123Z', 'id-1')).toBe('logs/sara/2026/12/06/20261206T235959Z-id-1.jsonl');
  });
});
