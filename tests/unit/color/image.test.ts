import { describe, expect, it } from 'vitest';
import { downscaleDimensions, downscaleRgba } from '../../../utils/color';
import { blankImage, setPixel } from './synthetic-images';

describe('downscaleDimensions', () => {
  it('scales the longest side to maxSide, keeping the aspect', () => {
    expect(downscaleDimensions(4000, 3000)).toEqual({ width: 256, height: 192 });
    expect(downscaleDimensions(3000, 4000)).toEqual({ width: 192, height: 256 });
    expect(downscaleDimensions(1000, 1000, 100)).toEqual({ width: 100, height: 100 });
  });

  it('leaves small images alone and never goes below 1 pixel', () => {
    expect(downscaleDimensions(200, 100)).toEqual({ width: 200, height: 100 });
    expect(downscaleDimensions(256, 256)).toEqual({ width: 256, height: 256 });
    expect(downscaleDimensions(10000, 3)).toEqual({ width: 256, height: 1 });
  });
});

describe('downscaleRgba', () => {
  /** Each pixel encodes its own coordinates: R = x, G = y, B = 7, A = 255. */
  function coordinates(width: number, height: number) {
    const image = blankImage(width, height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) setPixel(image, x, y, [x, y, 7]);
    return image;
  }

  it('takes the pixel under each output pixel centre', () => {
    const small = downscaleRgba(coordinates(200, 100), 50);
    expect([small.width, small.height]).toEqual([50, 25]);
    const at = (x: number, y: number) => Array.from(small.data.subarray((y * 50 + x) * 4, (y * 50 + x) * 4 + 4));
    // Output pixel x covers input 4x … 4x + 3; its centre falls on 4x + 2.
    expect(at(0, 0)).toEqual([2, 2, 7, 255]);
    expect(at(49, 24)).toEqual([198, 98, 7, 255]);
    expect(at(10, 5)).toEqual([42, 22, 7, 255]);
  });

  it('gives the same pixels from a buffer that is not 4-byte aligned', () => {
    const image = coordinates(120, 90);
    const shifted = new Uint8Array(image.data.length + 1);
    shifted.set(image.data, 1);
    const unaligned = { data: shifted.subarray(1), width: 120, height: 90 };
    expect(unaligned.data.byteOffset % 4).not.toBe(0);
    expect(Array.from(downscaleRgba(unaligned, 40).data)).toEqual(Array.from(downscaleRgba(image, 40).data));
  });

  it('returns the image itself when it is small enough', () => {
    const image = coordinates(30, 20);
    expect(downscaleRgba(image, 256)).toBe(image);
  });

  it('refuses a size that does not match the data', () => {
    expect(() => downscaleRgba({ data: new Uint8ClampedArray(16), width: 4, height: 4 })).toThrow(RangeError);
    expect(() => downscaleRgba({ data: new Uint8ClampedArray(16), width: 1.5, height: 2 })).toThrow(/whole pixels/);
  });
});
