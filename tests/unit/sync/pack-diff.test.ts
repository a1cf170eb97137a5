import { describe, expect, it } from 'vitest';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import { diffPacks, summarizeDiff } from '../../../utils/sync/pack-diff';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

/** A fresh parsed copy of the built-in pack: each test edits its own. */
function defaultPack(): GuidancePack {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack does not parse');
  return parsed.pack;
}

function nextVersion(edit: (pack: GuidancePack) => void): GuidancePack {
  const pack = defaultPack();
  pack.version += 1;
  pack.publishedAt = '2026-12-01T00:00:00Z';
  edit(pack);
  // Whatever the edit did must still be a valid pack, as the background only diffs valid ones.
  const reparsed = parseGuidancePack(JSON.stringify(pack));
  if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.problems));
  return reparsed.pack;
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('diffPacks', () => {
  it('is empty for a new version with nothing a person would notice (only version and publish time)', () => {
    const diff = diffPacks(
      defaultPack(),
      nextVersion(() => {}),
    );
    expect(diff.empty).toBe(true);
    const shipped = defaultPack().version;
    expect(diff.from).toEqual({ id: 'dalil-default', version: shipped, name: 'Dalil starter pack' });
    expect(diff.to.version).toBe(shipped + 1);
    expect(Object.values(summarizeDiff(diff)).every((count) => count === 0)).toBe(true);
  });

  it('ignores a template whose only change is its edit time', () => {
    const next = nextVersion((pack) => {
      pack.templates[0].updatedAt = '2026-12-01T00:00:00Z';
    });
    expect(diffPacks(defaultPack(), next).empty).toBe(true);
  });

  it('sorts template changes into added, changed, retired, removed and approved', () => {
    const current = nextVersion((pack) => {
      pack.templates[4].status = 'draft';
    });
    const next = nextVersion((pack) => {
      pack.templates[0].body = 'Thanks a lot, {{commenter.firstName|there}}!';
      pack.templates[1].tags = [...pack.templates[1].tags, 'جديد'];
      pack.templates[2].status = 'retired';
      // Retired and edited in the same release: reported once, as retired.
      pack.templates[3].status = 'retired';
      pack.templates[3].body = 'نعتذر عن التأخير';
      pack.templates = pack.templates.filter((template) => template.id !== 'care.feedback.ar');
      pack.templates.push({ ...pack.templates[0], id: 'care.welcome.en', title: 'Welcome', shortcut: ';welcome' });
    });
    const diff = diffPacks(current, next);
    expect(diff.templates).toEqual({
      added: [{ id: 'care.welcome.en', title: 'Welcome' }],
      changed: [
        { id: 'care.thanks.en', title: 'Thanks for praise' },
        { id: 'care.thanks.ar', title: 'شكر على الإشادة' },
      ],
      retired: [
        { id: 'care.delay.en', title: expect.any(String) },
        { id: 'care.delay.ar', title: expect.any(String) },
      ],
      removed: [{ id: 'care.feedback.ar', title: expect.any(String) }],
      approved: [{ id: 'care.refund.en', title: expect.any(String) }],
    });
    expect(diff.empty).toBe(false);
    expect(summarizeDiff(diff)).toMatchObject({
      templatesAdded: 1,
      templatesChanged: 2,
      templatesRetired: 2,
      templatesRemoved: 1,
      templatesApproved: 1,
    });
  });

  it('counts approved → draft as a change (agents stop seeing it)', () => {
    const next = nextVersion((pack) => {
      pack.templates[5].status = 'draft';
    });
    expect(ids(diffPacks(defaultPack(), next).templates.changed)).toEqual(['care.refund.ar']);
  });

  it('lists playbooks added, changed and removed', () => {
    const next = nextVersion((pack) => {
      pack.playbooks[0].body += '\n- Never argue in public.';
      pack.playbooks.splice(5, 1);
      pack.playbooks.push({ id: 'playbook.crisis.en', title: 'Crisis', lang: 'en', body: 'Stop scheduled posts.', tags: [] });
    });
    expect(diffPacks(defaultPack(), next).playbooks).toEqual({
      added: [{ id: 'playbook.crisis.en', title: 'Crisis' }],
      changed: [{ id: 'playbook.unhappy-customers.en', title: 'Handling unhappy customers' }],
      removed: [{ id: 'playbook.tone-of-voice.ar', title: 'نبرة الصوت' }],
    });
  });

  it('follows colours by name (any case): added, removed, new hex or role, reordered', () => {
    const next = nextVersion((pack) => {
      const colors = pack.brandKit.colors;
      colors[0] = { ...colors[0], name: 'ROAST BROWN', hex: '#5b3a29' }; // same colour, other spelling
      colors[1] = { ...colors[1], hex: '#6E7F50' };
      colors[2] = { ...colors[2], role: 'primary' };
      colors.splice(3, 1);
      colors.push({ name: 'Mint', hex: '#A8E6CF' });
    });
    const kit = diffPacks(defaultPack(), next).brandKit;
    expect(kit.colorsAdded).toEqual([{ id: 'Mint', title: '#A8E6CF' }]);
    expect(kit.colorsRemoved).toEqual([{ id: 'Stone Grey', title: '#8C8A84' }]);
    expect(kit.colorsChanged).toEqual([
      { id: 'Cardamom Green', title: '#6E7F50' },
      { id: 'Saffron', title: '#E0A526' },
    ]);
    expect(kit.colorsReordered).toBe(false);
  });

  it('reports a reorder of the same colours, and nothing else', () => {
    const next = nextVersion((pack) => {
      pack.brandKit.colors.reverse();
    });
    const diff = diffPacks(defaultPack(), next);
    expect(diff.brandKit).toMatchObject({ colorsAdded: [], colorsRemoved: [], colorsChanged: [], colorsReordered: true });
    expect(diff.empty).toBe(false);
    expect(summarizeDiff(diff).colorsReordered).toBe(1);
  });

  it('reports tolerance, on-palette share, kit name and pack name changes', () => {
    const next = nextVersion((pack) => {
      pack.name = 'Dalil care team';
      pack.brandKit.name = 'Dalil Coffee';
      pack.brandKit.deltaETolerance = 4;
      pack.brandKit.minOnPaletteShare = 0.8;
    });
    const diff = diffPacks(defaultPack(), next);
    expect(diff.brandKit).toMatchObject({
      tolerance: { from: 3, to: 4 },
      minOnPaletteShare: { from: 0.7, to: 0.8 },
      nameChanged: { from: 'Dalil Coffee Co.', to: 'Dalil Coffee' },
    });
    expect(diff.to.name).toBe('Dalil care team');
    expect(summarizeDiff(diff).kitSettingsChanged).toBe(3);
    const renamedOnly = diffPacks(
      defaultPack(),
      nextVersion((pack) => {
        pack.name = 'Renamed';
      }),
    );
    expect(renamedOnly.empty).toBe(false);
  });

  it('lists copy-rule changes one by one', () => {
    const next = nextVersion((pack) => {
      const rules = pack.brandKit.copyRules;
      rules.bannedPhrases = rules.bannedPhrases.filter((phrase) => phrase !== 'cheap').concat('مجاني');
      rules.requiredHashtags = ['#DalilCoffee', '#قهوة_دليل'];
      rules.requiredDisclaimer = 'Prices include VAT.';
      rules.maxLength.x = 250;
      delete rules.maxLength.youtube;
    });
    const diff = diffPacks(defaultPack(), next);
    expect(diff.brandKit.copyRules).toEqual([
      { kind: 'banned-added', value: 'مجاني' },
      { kind: 'banned-removed', value: 'cheap' },
      { kind: 'hashtag-added', value: '#قهوة_دليل' },
      { kind: 'disclaimer-changed', from: undefined, to: 'Prices include VAT.' },
      { kind: 'max-length-changed', platform: 'x', from: 280, to: 250 },
      { kind: 'max-length-changed', platform: 'youtube', from: 10000, to: undefined },
    ]);
    expect(summarizeDiff(diff).copyRulesChanged).toBe(6);
  });

  it('diffing back the other way swaps added and removed', () => {
    const next = nextVersion((pack) => {
      pack.templates.pop();
      pack.brandKit.colors.pop();
    });
    const forward = diffPacks(defaultPack(), next);
    const back = diffPacks(next, defaultPack());
    expect(back.templates.added).toEqual(forward.templates.removed);
    expect(back.brandKit.colorsAdded).toEqual(forward.brandKit.colorsRemoved);
  });
});

describe('summarizeDiff', () => {
  it('gives every log entry the same flat numeric keys', () => {
    const summary = summarizeDiff(
      diffPacks(
        defaultPack(),
        nextVersion(() => {}),
      ),
    );
    expect(Object.keys(summary).sort()).toEqual(
      [
        'colorsAdded',
        'colorsChanged',
        'colorsRemoved',
        'colorsReordered',
        'copyRulesChanged',
        'kitSettingsChanged',
        'playbooksAdded',
        'playbooksChanged',
        'playbooksRemoved',
        'templatesAdded',
        'templatesApproved',
        'templatesChanged',
        'templatesRemoved',
        'templatesRetired',
      ].sort(),
    );
  });
});
