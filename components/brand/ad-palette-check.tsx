import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useId, useRef, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { adImageBlobId, advertiserImageAds, type CompetitorPalette } from '@/utils/brand/competitor-palette';
import type { PaletteReport } from '@/utils/brand/report';
import { type Locale, numberFormat } from '@/utils/i18n/locale';
import { sendToBackground } from '@/utils/messaging/client';
import type { BrandKit } from '@/utils/schemas/brand-kit';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { adsChange, locale, t } from '@/utils/state/panel-store';
import { advertiserKey } from '@/utils/swipe-file/days-running';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';
import { activeKit, checkInPanel } from './brand-state';
import { competitorPaletteOf } from './competitor-state';
import { PaletteReportView } from './palette-report';

type Against = 'ours' | 'theirs';
type Theirs = { key: string; palette: CompetitorPalette } | { key: string; error: string };

/**
 * "Check palette" on a saved ad: its first saved image (a video's poster) from the swipe file's
 * media store, checked against the kit in use — how close a competitor's creative sits to our
 * palette — or against their own palette, the dominant colours of the advertiser's saved ads: does
 * this creative look like the rest of theirs. The image is read and logged once, against our kit;
 * the choice only changes which kit the report shows it against.
 */
/** The advertiser's saved ads (asked of the background by advertiser key), asked again when the swipe file changes. */
function useAdvertiserAds(ad: StoredAd): StoredAd[] {
  const [ads, setAds] = useState<StoredAd[]>([]);
  const key = ad.advertiserKey ?? advertiserKey(ad);
  const revision = adsChange.value.revision;
  useEffect(() => {
    void revision;
    if (!key) return setAds([]);
    let live = true;
    void sendToBackground('panel.advertiserAds', { key }).then((found) => live && setAds(found));
    return () => {
      live = false;
    };
  }, [key, revision]);
  return ads;
}

export function AdPaletteCheck({ ad }: { ad: StoredAd }) {
  useSignals();
  const [report, setReport] = useState<PaletteReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [against, setAgainst] = useState<Against>('ours');
  const [theirs, setTheirs] = useState<Theirs | null>(null);
  const noteId = useId();
  const blobId = adImageBlobId(ad);
  const kit = activeKit.value;
  const saved = useAdvertiserAds(ad);
  const sources = advertiserImageAds(ad, saved);
  const total = advertiserImageAds(ad, saved, Number.POSITIVE_INFINITY).length;
  // The images that make their palette: when one is saved or deleted, the palette is read again.
  const sourceKey = sources.map((a) => adImageBlobId(a)).join(' ');
  const canTheirs = sources.length >= 2;
  const advertiser = ad.advertiserName?.trim() || ad.advertiserId || '';
  const loaded = theirs?.key === sourceKey ? theirs : null;
  const sourcesNow = useRef(sources);
  sourcesNow.current = sources;

  useEffect(() => {
    if (against !== 'theirs' || !canTheirs || loaded) return;
    let live = true;
    // The ads as of now (their key is what matters): a re-render alone does not start another read.
    competitorPaletteOf(sourcesNow.current, { name: advertiser }).then(
      (palette) => live && setTheirs({ key: sourceKey, palette }),
      (error: unknown) => live && setTheirs({ key: sourceKey, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [against, canTheirs, loaded, sourceKey, advertiser]);

  async function run() {
    if (!blobId) return setMissing(true);
    setBusy(true);
    try {
      const found = await sendToBackground('panel.getMedia', { blobIds: [blobId] });
      const dataUrl = found[blobId];
      if (!dataUrl) return setMissing(true);
      const label = `${ad.advertiserName ?? ad.library} · ${ad.libraryAdId}`;
      setReport(await checkInPanel(dataUrlToBlob(dataUrl), { origin: 'swipe', label }));
    } finally {
      setBusy(false);
    }
  }

  function choose(next: Against) {
    setAgainst(next);
    if (!report && !busy) void run();
  }

  const palette = loaded && 'palette' in loaded ? loaded.palette : null;
  const usable = palette !== null && palette.images >= 2;
  // Their colours, named in the UI language, judged with our kit's thresholds (as edited, live).
  const percent = percentFormat(locale.value);
  const theirKit: BrandKit | undefined =
    palette && kit
      ? {
          ...palette,
          colors: palette.swatches.map((s, i) => ({
            name: t('palette.competitor.colorName', { rank: i + 1, share: percent.format(s.share) }),
            hex: s.hex,
          })),
          deltaETolerance: kit.deltaETolerance,
          minOnPaletteShare: kit.minOnPaletteShare,
        }
      : undefined;
  const shownKit = against === 'ours' ? kit : usable ? theirKit : undefined;

  return (
    <div className="space-y-2" data-testid="ad-palette-check" data-against={against}>
      <Button onClick={() => void run()} disabled={busy}>
        {t('palette.checkAd')}
      </Button>
      {missing && <p className="m-0 text-xs text-slate-500">{t('palette.adNoImage')}</p>}
      {blobId && (
        <div className="space-y-1">
          <fieldset className="m-0 flex flex-wrap items-center gap-2 border-0 p-0 text-xs">
            <legend className="float-start me-1 p-0 text-slate-600">{t('palette.competitor.against')}</legend>
            <div className="inline-flex rounded-md border border-slate-300 p-0.5">
              <button
                type="button"
                data-testid="ad-palette-ours"
                aria-pressed={against === 'ours'}
                onClick={() => choose('ours')}
                className={`rounded px-2 py-0.5 ${against === 'ours' ? 'bg-brand-600 text-white' : 'text-slate-700'}`}
              >
                {t('palette.competitor.ours')}
              </button>
              <button
                type="button"
                data-testid="ad-palette-theirs"
                aria-pressed={against === 'theirs'}
                disabled={!canTheirs}
                aria-describedby={canTheirs ? undefined : noteId}
                onClick={() => choose('theirs')}
                className={`rounded px-2 py-0.5 disabled:cursor-not-allowed disabled:opacity-50 ${
                  against === 'theirs' ? 'bg-brand-600 text-white' : 'text-slate-700'
                }`}
              >
                {t('palette.competitor.theirs', { count: sources.length })}
              </button>
            </div>
          </fieldset>
          {!canTheirs && (
            <p id={noteId} className="m-0 text-xs text-slate-500" data-testid="ad-palette-theirs-note">
              {t(ad.advertiserKey || advertiser ? 'palette.competitor.onlyOne' : 'palette.competitor.noAdvertiser')}
            </p>
          )}
        </div>
      )}
      {against === 'theirs' && canTheirs && (
        <TheirPalette
          loaded={loaded}
          loadingCount={sources.length}
          capped={total > sources.length ? sources.length : undefined}
          kit={theirKit}
        />
      )}
      {report && shownKit && <PaletteReportView report={report} kit={shownKit} />}
    </div>
  );
}

function percentFormat(locale: Locale) {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
}

/** Their palette as a row of swatches with their shares, or why there is none. */
function TheirPalette({
  loaded,
  loadingCount,
  capped,
  kit,
}: {
  loaded: Theirs | null;
  loadingCount: number;
  capped: number | undefined;
  kit: BrandKit | undefined;
}) {
  useSignals();
  if (!loaded) {
    return (
      <p className="m-0 text-xs text-slate-500" role="status" data-testid="competitor-palette-loading">
        {t('palette.competitor.loading', { count: loadingCount })}
      </p>
    );
  }
  if ('error' in loaded) {
    return (
      <p role="alert" className="m-0 rounded bg-red-50 p-2 text-xs text-red-900">
        {t('palette.competitor.failed', { message: loaded.error })}
      </p>
    );
  }
  const { palette } = loaded;
  if (palette.images < 2) {
    return (
      <p className="m-0 text-xs text-slate-500" data-testid="competitor-palette-too-few">
        {t('palette.competitor.tooFew', { count: palette.images })}
      </p>
    );
  }
  const percent = percentFormat(locale.value);
  return (
    <section
      className="space-y-1 rounded-lg border border-slate-200 p-2 text-xs"
      data-testid="competitor-palette"
      data-images={palette.images}
    >
      <p className="m-0 text-slate-600">
        <span className="font-medium text-slate-800">{t('palette.competitor.title')}</span>{' '}
        <Bidi className="font-medium text-slate-800">{palette.name}</Bidi> ·{' '}
        {t('palette.competitor.from', { count: palette.images })}
      </p>
      <ul className="m-0 flex list-none flex-wrap gap-x-3 gap-y-1 p-0">
        {palette.swatches.map((swatch) => (
          <li
            key={swatch.hex}
            data-testid="competitor-swatch"
            data-hex={swatch.hex}
            data-share={swatch.share.toFixed(3)}
            className="flex items-center gap-1"
            title={t('palette.competitor.swatch', { hex: swatch.hex.toUpperCase(), share: percent.format(swatch.share) })}
          >
            <span
              aria-hidden="true"
              className="size-5 shrink-0 rounded ring-1 ring-slate-300 ring-inset"
              style={{ backgroundColor: swatch.hex }}
            />
            <Ltr className="font-mono">{swatch.hex.toUpperCase()}</Ltr>
            <span className="text-slate-600 tabular-nums">{percent.format(swatch.share)}</span>
          </li>
        ))}
      </ul>
      {kit && (
        <p className="m-0 text-slate-500">
          {t('palette.competitor.sameThresholds', {
            tolerance: kit.deltaETolerance,
            min: percent.format(kit.minOnPaletteShare),
          })}
        </p>
      )}
      {capped !== undefined && <p className="m-0 text-slate-500">{t('palette.competitor.capped', { count: capped })}</p>}
    </section>
  );
}
