import { describe, expect, it } from 'vitest';
import { shownDetails } from '@/components/log/log-detail-format';
import type { Locale } from '@/utils/i18n/locale';
import { translate } from '@/utils/i18n/panel-text';

const show = (locale: Locale, details: Record<string, string | number | boolean | null>) =>
  shownDetails(locale, (key) => translate(locale, key), details, new Set(['templateId']));
const byKey = (shown: ReturnType<typeof show>) => Object.fromEntries(shown.map((d) => [d.key, d]));

const check = {
  templateId: 'tpl-1',
  origin: 'composer',
  verdict: 'warn',
  onPaletteShare: 0.825,
  swatches: 12,
  error: null,
  image: 'شعار الحملة.png',
  landed: false,
};

describe('log entry details as the Log tab shows them', () => {
  it('labels keys, writes numbers and shares in English digits, and yes/no as words', () => {
    const d = byKey(show('en', check));
    expect(d.onPaletteShare).toMatchObject({ label: 'On palette', text: '82.5%' });
    expect(d.swatches).toMatchObject({ label: 'Colours found', text: '12' });
    expect(d.verdict).toMatchObject({ text: 'Close', dir: 'auto' });
    expect(d.landed.text).toBe('No');
    expect(d.origin).toMatchObject({ text: 'composer', dir: 'ltr' });
    expect(d.image.dir).toBe('auto');
    // Empty values and keys shown apart are left out.
    expect(d.error).toBeUndefined();
    expect(d.templateId).toBeUndefined();
  });

  it('writes the same entry in Arabic: Arabic labels, Arabic-Indic digits and percent, words for booleans', () => {
    const d = byKey(show('ar', check));
    expect(d.onPaletteShare.label).toBe('نسبة ألوان الهوية');
    expect(d.onPaletteShare.text).toMatch(/^٨٢٫٥/);
    expect(d.onPaletteShare.text).toContain('٪');
    expect(d.swatches.text).toBe('١٢');
    expect(d.verdict.text).toBe('قريبة');
    expect(d.landed.text).toBe('لا');
    expect(d.image.text).toBe('شعار الحملة.png');
  });

  it('keeps ids and URLs left-to-right, formats dates and per-advertiser counts in the locale', () => {
    const d = byKey(
      show('ar', {
        adId: '1234567890',
        url: 'https://team.example/pack.json',
        backupCreatedAt: '2026-03-01T10:00:00.000Z',
        advertiserCounts: JSON.stringify({ Acme: 2, '': 1 }),
        version: 3,
      }),
    );
    expect(d.adId).toMatchObject({ text: '1234567890', dir: 'ltr', label: 'معرّف المكتبة' });
    expect(d.url).toMatchObject({ text: 'https://team.example/pack.json', dir: 'ltr' });
    expect(d.backupCreatedAt.text).toMatch(/[٠-٩]/);
    expect(d.backupCreatedAt.text).not.toContain('2026');
    expect(d.advertiserCounts.text).toBe('Acme: ٢، معلن غير ظاهر: ١');
    expect(d.version.text).toBe('٣');
  });

  it('shows keys from a newer version humanised, by the type of their value, and never throws', () => {
    const d = byKey(show('ar', { replyLatencyMs: 1500, autoSent: true, newNote: 'ملاحظة', advertiserCounts: '{not json' }));
    expect(d.replyLatencyMs).toMatchObject({ label: 'Reply latency ms', text: '١٬٥٠٠' });
    expect(d.autoSent).toMatchObject({ label: 'Auto sent', text: 'نعم' });
    expect(d.newNote).toMatchObject({ text: 'ملاحظة', dir: 'auto' });
    expect(d.advertiserCounts.text).toBe('{not json');
  });
});
