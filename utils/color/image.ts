/** Pixels as a canvas `ImageData` holds them: RGBA, 4 bytes per pixel, rows top to bottom. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export function checkImage({ data, width, height }: RgbaImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`Image size must be whole pixels, got ${width} × ${height}`);
  }
  if (data.length < width * height * 4) {
    throw new RangeError(`Image data has ${data.length} bytes; ${width} × ${height} RGBA needs ${width * height * 4}`);
  }
}

/**
 * Width and height scaled down, aspect kept, so neither exceeds `maxSide` (and neither is under 1);
 * unchanged when already small enough. For callers that decode an image: draw it at this size,
 * then read the pixels — reading 12 MP back from a canvas costs far more than the palette.
 */
export function downscaleDimensions(width: number, height: number, maxSide = 256): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const scale = maxSide / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Nearest-neighbour downscale so neither side exceeds `maxSide`: each output pixel is the input
 * pixel under its centre. It reads only the pixels it keeps (12 MP → 256 px is ~50,000 reads, not
 * 12 million), and it keeps flat colours exact where averaging would add blended pixels along
 * every edge. Returns the input itself when it is already small enough.
 */
export function downscaleRgba(image: RgbaImage, maxSide = 256): RgbaImage {
  checkImage(image);
  const { width, height } = downscaleDimensions(image.width, image.height, maxSide);
  if (width === image.width && height === image.height) return image;
  const out = new Uint8ClampedArray(width * height * 4);
  const xs = new Uint32Array(width);
  for (let x = 0; x < width; x++) xs[x] = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width));
  const src = image.data;
  // Whole pixels as 32-bit words when the buffer's alignment allows: a quarter of the reads and writes.
  const src32 = src.byteOffset % 4 === 0 ? new Uint32Array(src.buffer, src.byteOffset, image.width * image.height) : null;
  const out32 = new Uint32Array(out.buffer);
  for (let y = 0, o = 0; y < height; y++) {
    const row = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height)) * image.width;
    if (src32) {
      // Four pixels an iteration: the loop's own counting and checks cost as much as the copy (a
      // third of the time at 1 MP → 256 px).
      let x = 0;
      for (; x + 3 < width; x += 4, o += 4) {
        out32[o] = src32[row + xs[x]];
        out32[o + 1] = src32[row + xs[x + 1]];
        out32[o + 2] = src32[row + xs[x + 2]];
        out32[o + 3] = src32[row + xs[x + 3]];
      }
      for (; x < width; x++) out32[o++] = src32[row + xs[x]];
      continue;
    }
    for (let x = 0; x < width; x++, o++) {
      const i = (row + xs[x]) * 4;
      const j = o * 4;
      out[j] = src[i];
      out[j + 1] = src[i + 1];
      out[j + 2] = src[i + 2];
      out[j + 3] = src[i + 3];
    }
  }
  return { data: out, width, height };
}
