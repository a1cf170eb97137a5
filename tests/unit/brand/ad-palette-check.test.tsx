import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { AdPaletteCheck } from '../../../components/brand/ad-palette-check';
import { advertiserImageAds, competitorPalette } from '../../../utils/brand/competitor-palette';
import type { PaletteReport } from '../../../utils/brand/report';
import type { Swatch } from '../../../utils/color';
import type { StoredAd } from '../../../utils/db/schema';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { withoutBidiControls } from '../../../utils/i18n/locale';
import { guidance, settings } from '../../../utils/state/panel-store';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const RED = '#d62828';
const CREAM = '#f6efe4';
const INK = '#1b1b1b';

/** Each saved image's colours, by blob id: what decoding would find (happy-dom has no decoder). */
const imageColours: Record<string, Swatch[]> = {
  'blob-1': [
    { hex: RED, share: 0.7 },
    { hex: CREAM, share: 0.3 },
  ],
  'blob-2': [
    { hex: RED, share: 0.5 },
    { hex: INK, share: 0.5 },
  ],
  'blob-3': [{ hex: RED, share: 1 }],
};

vi.mock('../../../components/brand/competitor-state', () => ({
  competitorPaletteOf: vi.fn(async (ads: StoredAd[], options: { name?: string }) =>
    competitorPalette(
      ads.map((ad) => imageColours[ad.media[0]?.blobId ?? ''] ?? []),
      options,
    ),
  ),
}));

const report: PaletteReport = {
  id: 'r1',
  at: '2026-11-20T09:00:00Z',
  origin: 'swipe',
  via: 'saved',
  label: 'Rival · 1',
  image: { dataUrl: 'data:image/png;base64,', width: 10, height: 10, sourceWidth: 10, sourceHeight: 10, type: 'png' },
  swatches: imageColours['blob-1'],
};

vi.mock('../../../components/brand/brand-state', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../components/brand/brand-state')>()),
  checkInPanel: vi.fn(async () => report),
  reportPixels: vi.fn(async () => undefined),
}));

const { competitorPaletteOf } = await import('../../../components/brand/competitor-state');

function ad(n: number, overrides: Partial<StoredAd> = {}): StoredAd {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    library: 'meta',
    libraryAdId: String(n),
    advertiserName: 'مقهى المنافس',
    advertiserKey: 'meta:rival',
    media: [{ kind: 'image', url: `https://example.com/${n}.jpg`, blobId: `blob-${n}` }],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: `2026-11-0${n}T09:00:00Z`,
    tags: [],
    boards: [],
    ...overrides,
  };
}

/** The swipe file the background answers `panel.advertiserAds` from. */
let saved: StoredAd[] = [];
let container: HTMLElement;
let root: Root;

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en');
  settings.value = { locale: 'en', agentName: '', role: 'manager' };
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack invalid');
  guidance.value = { pack: parsed.pack, source: { kind: 'default', appliedAt: '2026-11-20T09:00:00Z' } } as never;
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    if (message.type === 'panel.getMedia') return { ok: true, data: { 'blob-1': 'data:image/png;base64,AAAA' } };
    if (message.type === 'panel.advertiserAds') return { ok: true, data: saved };
    return { ok: true, data: {} };
  }) as never);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  vi.mocked(competitorPaletteOf).mockClear();
  guidance.value = null;
  saved = [];
});

const $ = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const $$ = (id: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];

async function render(shown: StoredAd, all: StoredAd[]) {
  saved = all;
  await act(async () => {
    root.render(<AdPaletteCheck ad={shown} />);
  });
  // The advertiser's ads, as the background answers them.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function click(element: HTMLElement | null) {
  if (!element) throw new Error('nothing to click');
  await act(async () => element.click());
  // The palette's promise and the state it sets.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('advertiserImageAds', () => {
  it('takes this ad first, then the same advertiser’s other ads with an image, newest first, not deleted, capped', () => {
    const ads = [
      ad(1),
      ad(2),
      ad(3),
      ad(4, { advertiserKey: 'meta:someone-else' }),
      ad(5, { deletedAt: '2026-11-09T00:00:00Z' }),
      ad(6, { media: [{ kind: 'video', url: 'https://example.com/6.mp4' }] }),
      ad(7, { media: [{ kind: 'video', url: 'https://example.com/7.mp4', posterBlobId: 'poster-7' }] }),
    ];
    expect(advertiserImageAds(ads[1], ads).map((a) => a.libraryAdId)).toEqual(['2', '7', '3', '1']);
    expect(advertiserImageAds(ads[1], ads, 2).map((a) => a.libraryAdId)).toEqual(['2', '7']);
    // Without a stored key, the key is worked out from the advertiser's name.
    const keyless = ad(8, { advertiserKey: undefined, advertiserName: 'Rival' });
    const named = ad(9, { advertiserKey: 'meta:rival', advertiserName: 'Rival' });
    expect(advertiserImageAds(keyless, [keyless, named]).map((a) => a.libraryAdId)).toEqual(['8', '9']);
    // No advertiser at all: the ad alone.
    const anonymous = ad(1, { advertiserKey: undefined, advertiserName: undefined });
    expect(advertiserImageAds(anonymous, [anonymous, ...ads.slice(1)])).toEqual([anonymous]);
  });
});

describe('AdPaletteCheck', () => {
  it('offers their palette from their saved ads, shows its swatches and re-judges the report against it', async () => {
    const ads = [ad(1), ad(2), ad(3)];
    await render(ads[0], ads);
    const theirs = $('ad-palette-theirs');
    expect(theirs?.textContent).toBe('Against their palette (from 3 saved ads)');
    expect(theirs?.hasAttribute('disabled')).toBe(false);
    expect($('ad-palette-ours')?.getAttribute('aria-pressed')).toBe('true');

    await click($('ad-palette-ours'));
    // Against our coffee palette, a red creative is off.
    expect($('palette-report')?.dataset.verdict).toBe('fail');

    await click(theirs);
    expect(theirs?.getAttribute('aria-pressed')).toBe('true');
    expect(competitorPaletteOf).toHaveBeenCalledTimes(1);
    expect(vi.mocked(competitorPaletteOf).mock.calls[0][0].map((a) => a.libraryAdId)).toEqual(['1', '3', '2']);
    const section = $('competitor-palette');
    expect(section?.dataset.images).toBe('3');
    expect(section?.querySelector('bdi')?.textContent).toBe('مقهى المنافس');
    expect($$('competitor-swatch').map((s) => s.dataset.hex)).toEqual([RED, INK, CREAM]);
    expect($$('competitor-swatch')[0].dataset.share).toBe((2.2 / 3).toFixed(3));
    expect(section?.textContent).toContain('ΔE2000 3');
    // Their own colours: on their palette; the nearest column names their colours.
    expect($('palette-report')?.dataset.verdict).toBe('pass');
    expect(withoutBidiControls($$('report-swatch')[0].dataset.nearest ?? '')).toBe('Colour 1 (73%)');

    // Back to ours without reading anything again.
    await click($('ad-palette-ours'));
    expect($('competitor-palette')).toBeNull();
    expect($('palette-report')?.dataset.verdict).toBe('fail');
    await click($('ad-palette-theirs'));
    expect(competitorPaletteOf).toHaveBeenCalledTimes(1);
  });

  it('disables their palette, and says why, when this is their only ad with an image', async () => {
    const only = ad(1);
    await render(only, [only, ad(2, { advertiserKey: 'meta:other' }), ad(3, { media: [] })]);
    expect($('ad-palette-theirs')?.hasAttribute('disabled')).toBe(true);
    expect($('ad-palette-theirs')?.getAttribute('aria-describedby')).toBe($('ad-palette-theirs-note')?.id);
    expect($('ad-palette-theirs-note')?.textContent).toMatch(/only ad of theirs/);
    const anonymous = ad(1, { advertiserKey: undefined, advertiserName: undefined });
    await render(anonymous, [anonymous]);
    expect($('ad-palette-theirs-note')?.textContent).toMatch(/advertiser of this ad is unknown/);
  });

  it('speaks Arabic to Arabic readers', async () => {
    settings.value = { locale: 'ar', agentName: '', role: 'manager' };
    const ads = [ad(1), ad(2)];
    await render(ads[0], ads);
    expect($('ad-palette-ours')?.textContent).toBe('مقارنةً بألواننا');
    expect($('ad-palette-theirs')?.textContent).toContain('مقارنةً بألوانهم');
    await click($('ad-palette-theirs'));
    expect($('competitor-palette')?.textContent).toContain('ألوانهم:');
    expect($$('report-swatch')[0].dataset.nearest).toMatch(/^اللون /);
  });
});
