/**
 * A competitor's palette, inferred from their creatives: the dominant colours across the images of
 * one advertiser's saved ads, as a brand kit that `checkAgainstPalette` accepts — so a saved ad can
 * be checked against its own advertiser's palette as well as against ours. Pure: no DOM, no I/O.
 */

import { nearestByDeltaE } from '../color/delta-e';
import { hexToLab, type Lab, parseHex, rgbToHex } from '../color/lab';
import type { Swatch } from '../color/palette';
import type { AdCapture } from '../schemas/ad-capture';
import type { BrandKit } from '../schemas/brand-kit';
import { advertiserKey } from '../swipe-file/days-running';

export interface CompetitorPaletteOptions {
  /** At most this many colours (default 6, at least 1). */
  maxColors?: number;
  /** Colours within this ΔE2000 of a cluster's colour are that colour (default 8). */
  mergeDeltaE?: number;
  /** The kit's name: the advertiser's (cut to the schema's 120 characters). */
  name?: string;
  /**
   * Our kit, or its thresholds: the competitor's palette is judged with the same tolerance and
   * minimum share as ours, so the two verdicts on one image are comparable.
   */
  like?: Pick<BrandKit, 'deltaETolerance' | 'minOnPaletteShare'>;
  /** A colour's name from its rank (1-based) and share (0–1); default "Colour 1 (34%)". */
  colorName?: (rank: number, share: number) => string;
}

/** Their palette as a kit, plus the colours' shares of their imagery (same order as `colors`). */
export type CompetitorPalette = BrandKit & {
  /** Each colour's share (0–1) of the images' opaque area, images weighted equally; sums to 1. */
  swatches: Swatch[];
  /** How many of the given palettes had any colour (the images the palette stands for). */
  images: number;
};

export const DEFAULT_COMPETITOR_COLORS = 6;
/** ΔE2000 8: clearly the same colour to a viewer, after JPEG and noise have moved it a little. */
export const DEFAULT_MERGE_DELTA_E = 8;
/** Used when no kit of ours is given: the default pack's thresholds. */
const DEFAULT_LIKE = { deltaETolerance: 3, minOnPaletteShare: 0.7 } as const;

interface Cluster {
  hex: string;
  lab: Lab;
  weight: number;
}

const defaultName = (rank: number, share: number) => `Colour ${rank} (${Math.round(share * 100)}%)`;

/**
 * Merges the palettes of several images (each from extractPalette) into one.
 *
 * 1. Each image counts equally: its swatches' shares are scaled to sum to 1, then divided by the
 *    number of images that have any colour. An image with no colour is skipped.
 * 2. All swatches, heaviest first (ties by hex, so the result does not depend on input order), are
 *    clustered greedily: a swatch joins the nearest cluster whose colour is within `mergeDeltaE`
 *    (ΔE2000), else it starts a cluster of its own. A cluster keeps the colour of its heaviest
 *    swatch — a colour that is actually in their creatives, not an average of several.
 * 3. The heaviest `maxColors` clusters are kept; each dropped one adds its weight to its nearest
 *    kept colour (as extractPalette folds specks), so the shares still sum to 1.
 *
 * No images (or none with colour) gives a kit with no colours, against which everything is off.
 */
export function competitorPalette(
  palettes: readonly (readonly Swatch[])[],
  options: CompetitorPaletteOptions = {},
): CompetitorPalette {
  const maxColors = Math.max(1, Math.floor(options.maxColors ?? DEFAULT_COMPETITOR_COLORS) || 1);
  const mergeDeltaE = Math.max(0, options.mergeDeltaE ?? DEFAULT_MERGE_DELTA_E);
  const like = options.like ?? DEFAULT_LIKE;
  const colorName = options.colorName ?? defaultName;

  // 1. Equal weight per image.
  const images = palettes
    .map((palette) => palette.filter((s) => Number.isFinite(s.share) && s.share > 0 && parseHex(s.hex)))
    .filter((palette) => palette.length > 0);
  const all: { hex: string; lab: Lab; weight: number }[] = [];
  for (const palette of images) {
    const total = palette.reduce((sum, s) => sum + s.share, 0);
    for (const s of palette) {
      const hex = rgbToHex(...(parseHex(s.hex) as [number, number, number]));
      all.push({ hex, lab: hexToLab(hex), weight: s.share / total / images.length });
    }
  }
  all.sort((a, b) => b.weight - a.weight || (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));

  // 2. Greedy clustering around the heaviest swatches.
  const clusters: Cluster[] = [];
  for (const swatch of all) {
    const near = nearestByDeltaE(clusters, swatch.lab);
    if (near && near.deltaE <= mergeDeltaE) near.item.weight += swatch.weight;
    else clusters.push({ hex: swatch.hex, lab: swatch.lab, weight: swatch.weight });
  }
  clusters.sort((a, b) => b.weight - a.weight || (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));

  // 3. The top colours; the rest fold into their nearest kept colour.
  const kept = clusters.slice(0, maxColors);
  for (const dropped of clusters.slice(maxColors)) {
    const near = nearestByDeltaE(kept, dropped.lab);
    if (near) near.item.weight += dropped.weight;
  }
  const total = kept.reduce((sum, c) => sum + c.weight, 0);
  const swatches = kept
    .map((c) => ({ hex: c.hex, share: total > 0 ? c.weight / total : 0 }))
    .sort((a, b) => b.share - a.share || (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));

  return {
    name: (options.name?.trim() || 'Competitor').slice(0, 120),
    colors: swatches.map((s, i) => ({ name: colorName(i + 1, s.share).slice(0, 60), hex: s.hex })),
    deltaETolerance: like.deltaETolerance,
    minOnPaletteShare: like.minOnPaletteShare,
    copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: {} },
    swatches,
    images: images.length,
  };
}

/** At most this many of an advertiser's ads are read for their palette: 12 small decodes stay quick. */
export const MAX_COMPETITOR_ADS = 12;

type AdLike = Pick<AdCapture, 'id' | 'library' | 'advertiserId' | 'advertiserName' | 'media' | 'capturedAt'> & {
  advertiserKey?: string;
  deletedAt?: string;
};

/** The saved bytes of an ad's first image (or video poster) that has any; undefined when none was saved. */
export function adImageBlobId(ad: Pick<AdCapture, 'media'>): string | undefined {
  for (const m of ad.media) {
    const id = m.kind === 'image' ? m.blobId : m.posterBlobId;
    if (id) return id;
  }
  return undefined;
}

/**
 * The ads whose images make up the advertiser's palette: `ad` itself (when it has an image) and the
 * advertiser's other saved ads with an image, newest first, not deleted — at most `max`. An ad
 * without an advertiser (neither id nor name) stands alone.
 */
export function advertiserImageAds<T extends AdLike>(ad: T, ads: readonly T[], max = MAX_COMPETITOR_ADS): T[] {
  const key = ad.advertiserKey ?? advertiserKey(ad);
  const own = adImageBlobId(ad) ? [ad] : [];
  if (!key) return own.slice(0, max);
  const others = ads
    .filter((a) => a.id !== ad.id && !a.deletedAt && (a.advertiserKey ?? advertiserKey(a)) === key && adImageBlobId(a))
    .sort((a, b) => (a.capturedAt < b.capturedAt ? 1 : a.capturedAt > b.capturedAt ? -1 : 0));
  return [...own, ...others].slice(0, Math.max(0, max));
}
