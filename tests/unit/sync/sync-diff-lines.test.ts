import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../components/settings/sync-diff-lines';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { translate } from '../../../utils/i18n/panel-text';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import { diffPacks } from '../../../utils/sync/pack-diff';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

function defaultPack(): GuidancePack {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack does not parse');
  return parsed.pack;
}

describe('diffLines', () => {
  it('says "nothing changed" for an empty diff', () => {
    expect(diffLines(diffPacks(defaultPack(), defaultPack()))).toEqual([{ key: 'sync.diff.empty', params: {}, names: [] }]);
  });

  it('gives one line per kind of change, with counts and the names a person recognises', () => {
    const next = defaultPack();
    next.name = 'Dalil care team';
    next.templates[0].body = 'Thanks!';
    next.templates[2].status = 'retired';
    next.templates.pop();
    next.templates.push({ ...next.templates[1], id: 'care.welcome.ar', title: 'ترحيب', shortcut: ';ترحيب' });
    next.brandKit.colors[0].hex = '#5B3A2A';
    next.brandKit.colors.push({ name: 'Mint', hex: '#A8E6CF' });
    next.brandKit.minOnPaletteShare = 0.75;
    next.brandKit.copyRules.bannedPhrases.push('مجانًا', 'free');
    next.brandKit.copyRules.requiredDisclaimer = 'Prices include VAT.';
    next.brandKit.copyRules.maxLength.x = 250;
    next.brandKit.copyRules.maxLength.generic = 500;
    delete next.brandKit.copyRules.maxLength.tiktok;

    const lines = diffLines(diffPacks(defaultPack(), next));
    expect(lines).toEqual([
      { key: 'sync.diff.packName', params: { from: 'Dalil starter pack', to: 'Dalil care team' }, names: [] },
      { key: 'sync.diff.templatesAdded', params: { count: 1 }, names: ['ترحيب'] },
      { key: 'sync.diff.templatesChanged', params: { count: 1 }, names: ['Thanks for praise'] },
      { key: 'sync.diff.templatesRetired', params: { count: 1 }, names: [defaultPack().templates[2].title] },
      { key: 'sync.diff.templatesRemoved', params: { count: 1 }, names: [defaultPack().templates.at(-1)?.title] },
      { key: 'sync.diff.colorsAdded', params: { count: 1 }, names: ['Mint #A8E6CF'] },
      { key: 'sync.diff.colorsChanged', params: { count: 1 }, names: ['Roast Brown #5B3A2A'] },
      { key: 'sync.diff.minShare', params: { from: 70, to: 75 }, names: [] },
      { key: 'sync.diff.bannedAdded', params: { count: 2 }, names: ['مجانًا', 'free'] },
      { key: 'sync.diff.disclaimerSet', params: {}, names: ['Prices include VAT.'] },
      { key: 'sync.diff.maxLengthChanged', params: { platform: 'X', from: 280, to: 250 }, names: [] },
      { key: 'sync.diff.maxLengthRemoved', params: { platform: 'TikTok' }, names: [] },
      { key: 'sync.diff.maxLengthSet', params: { platform: 'generic', to: 500 }, names: [] },
    ]);
  });

  it('fills every placeholder of its messages in both languages', () => {
    const next = defaultPack();
    next.brandKit.deltaETolerance = 5;
    next.brandKit.name = 'Dalil Coffee';
    next.brandKit.colors.reverse();
    next.brandKit.copyRules.requiredHashtags = [];
    delete next.brandKit.copyRules.requiredDisclaimer;
    next.playbooks.pop();
    for (const line of diffLines(diffPacks(defaultPack(), next))) {
      for (const locale of ['en', 'ar'] as const) {
        const text = translate(locale, line.key, line.params);
        expect(text, `${locale} ${line.key}`).not.toMatch(/\{\w+\}/);
      }
    }
    expect(translate('ar', 'sync.diff.tolerance', { from: 3, to: 5 })).toBe('هامش تقارب الألوان (ΔE) صار ٥ بعد أن كان ٣.');
  });
});
