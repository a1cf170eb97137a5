/**
 * A competitor's palette in the side panel: their saved ads' images read from the swipe file's media
 * store, decoded small, their colours extracted once per image and merged (utils/brand/competitor-palette).
 */

import { adImageBlobId, type CompetitorPaletteOptions, competitorPalette } from '@/utils/brand/competitor-palette';
import { decodeImage, rasterizeSvgInDocument } from '@/utils/color/decode';
import { extractPalette, type Swatch } from '@/utils/color/palette';
import { sendToBackground } from '@/utils/messaging/client';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';

/** Pixels a side an image is read at for its palette: the dominant colours, not details, matter here. */
const PALETTE_SIDE = 128;
/** Images fetched from the background per message: a few MB of data: URLs at a time, not all at once. */
const BATCH = 4;

/** Colours per saved image (by blob id), for as long as the panel is open; [] when it could not be read. */
const imagePalettes = new Map<string, Swatch[]>();

/** Their palette from these ads' images (see advertiserImageAds for which). Never throws for one bad image. */
export async function competitorPaletteOf(ads: readonly StoredAd[], options: CompetitorPaletteOptions) {
  const ids = [...new Set(ads.map(adImageBlobId).filter((id): id is string => !!id))];
  const missing = ids.filter((id) => !imagePalettes.has(id));
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const found = await sendToBackground('panel.getMedia', { blobIds: batch });
    for (const id of batch) imagePalettes.set(id, await paletteOf(found[id]));
  }
  return competitorPalette(
    ids.map((id) => imagePalettes.get(id) ?? []),
    options,
  );
}

async function paletteOf(dataUrl: string | undefined): Promise<Swatch[]> {
  if (!dataUrl) return [];
  try {
    const decoded = await decodeImage(dataUrlToBlob(dataUrl), { maxSide: PALETTE_SIDE, rasterizeSvg: rasterizeSvgInDocument });
    return extractPalette(decoded.image);
  } catch {
    // A video poster or image that will not decode: the other images still make the palette.
    return [];
  }
}
