/**
 * The colour core of the brand-palette check: CIELAB, CIEDE2000, dominant colours of an image and
 * the verdict against a brand kit. Pure functions, no DOM, no runtime dependencies — it runs the
 * same in a worker, the side panel or a test. Palette files (ASE, GPL, CSS, JSON) are in
 * ./palette-files, imported separately by the brand-kit editor only.
 */
export { checkAgainstPalette, type PaletteCheck, type SwatchCheck, WARN_BAND } from './check';
export { deltaE2000 } from './delta-e';
export { downscaleDimensions, downscaleRgba, type RgbaImage } from './image';
export { hexToLab, type Lab, parseHex, rgbToHex, rgbToLab } from './lab';
export { extractPalette, MIN_ALPHA, MIN_SHARE, type PaletteOptions, type Swatch } from './palette';
