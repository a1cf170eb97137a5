import { describe, expect, it, vi } from 'vitest';
import { MAX_PACK_BYTES, parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { formatPath } from '../../../utils/guidance/problems';
import { smallPack } from '../pack-fixtures';

const text = (data: unknown) => JSON.stringify(data);

describe('parseGuidancePack', () => {
  it('accepts a valid pack and fills defaults', () => {
    const result = parseGuidancePack(text(smallPack()));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pack.templates[0].tags).toEqual([]);
      expect(result.pack.brandKit.copyRules).toEqual({ bannedPhrases: [], requiredHashtags: [], maxLength: {} });
    }
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(parseGuidancePack(`\uFEFF${text(smallPack())}`).ok).toBe(true);
  });

  it('says where invalid JSON breaks', () => {
    const result = parseGuidancePack('{\n  "format": "dalil.guidance-pack",\n  oops\n}');
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: '$', code: 'invalid-json' })] });
    if (!result.ok) expect(result.problems[0].message).toMatch(/line 3/);
  });

  it('refuses 50 MB of junk without parsing it', () => {
    const junk = 'x'.repeat(50 * 1024 * 1024);
    const parse = vi.spyOn(JSON, 'parse');
    const result = parseGuidancePack(junk);
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: '$', code: 'too-large' })] });
    expect(junk.length).toBeGreaterThan(MAX_PACK_BYTES);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('refuses something that is not a pack, naming the fields', () => {
    const result = parseGuidancePack(text({ hello: 'world' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining(['format', 'formatVersion', 'id', 'name', 'version', 'templates', 'brandKit']),
      );
    }
  });

  it('lists every problem with its JSON path', () => {
    const pack = smallPack();
    const templates = pack.templates as Array<Record<string, unknown>>;
    templates[0].shortcut = 'thanks'; // no leading ";"
    templates[1].status = 'published';
    templates[1].lang = 'English';
    (pack.brandKit.colors[0] as { hex: string }).hex = 'red';
    pack.version = 2.5;
    const result = parseGuidancePack(text(pack));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path).sort()).toEqual(
        ['brandKit.colors[0].hex', 'templates[0].shortcut', 'templates[1].lang', 'templates[1].status', 'version'].sort(),
      );
    }
  });

  it('refuses duplicate template and playbook ids', () => {
    const pack = smallPack({
      playbooks: [
        { id: 'p', title: 'A', lang: 'en', body: 'x' },
        { id: 'p', title: 'B', lang: 'ar', body: 'y' },
      ],
    });
    (pack.templates[1] as { id: string }).id = 'hi-ar';
    const result = parseGuidancePack(text(pack));
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({
        path: 'templates[1].id',
        code: 'duplicate-id',
        params: expect.objectContaining({ other: 'templates[0]' }),
      }),
      expect.objectContaining({ path: 'playbooks[1].id', code: 'duplicate-id' }),
    ]);
  });

  it('refuses shortcuts that are equal (ignoring case) or a prefix of another', () => {
    const pack = smallPack();
    pack.templates.push(
      { id: 'hi-en-2', title: 'Hello again', body: 'Hi', lang: 'en', shortcut: ';Hello', status: 'draft' },
      { id: 'hi-ar-2', title: 'تحية ٢', body: 'أهلًا', lang: 'ar', shortcut: ';اهلاوسهلا', status: 'approved' },
    );
    const result = parseGuidancePack(text(pack));
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({ path: 'templates[2].shortcut', code: 'shortcut-equal' }),
      expect.objectContaining({ path: 'templates[3].shortcut', code: 'shortcut-prefix' }),
    ]);
  });

  it('refuses a pack of a newer format version rather than misreading it', () => {
    const result = parseGuidancePack(text({ ...smallPack(), formatVersion: 3 }));
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['formatVersion']);
  });
});

describe('formatPath', () => {
  it('writes JSON paths people can find in their file', () => {
    expect(formatPath([])).toBe('$');
    expect(formatPath(['templates', 3, 'shortcut'])).toBe('templates[3].shortcut');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });
});

describe('one import attempt lists every kind of problem', () => {
  it('reports duplicates and shortcut clashes together with field errors', () => {
    const pack = smallPack();
    const templates = pack.templates as Array<Record<string, unknown>>;
    templates.push({ ...templates[0], status: 'published' });
    (pack.brandKit.colors[0] as { hex: string }).hex = 'red';
    const result = parseGuidancePack(JSON.stringify(pack));
    expect(result.ok ? [] : result.problems.map((p) => `${p.path} ${p.code ?? ''}`.trim()).sort()).toEqual([
      'brandKit.colors[0].hex',
      'templates[2].id duplicate-id',
      'templates[2].shortcut shortcut-equal',
      'templates[2].status',
    ]);
  });
});
