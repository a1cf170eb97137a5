/**
 * Brand colours from the palette files designers already have: Adobe Swatch Exchange (.ase), GIMP
 * (.gpl), CSS custom properties (.css) and JSON (.json). A file is taken whole or not at all: any
 * problem refuses it, with every problem found and where. Never throws.
 */
import type { Problem } from '../guidance/problems';
import { parseHex, rgbToHex } from './lab';

/** A palette file larger than this is refused unread (real ones are a few kB). */
export const MAX_PALETTE_FILE_BYTES = 1024 * 1024;
/** As in the brand kit schema. */
export const MAX_COLOR_NAME_LENGTH = 60;

export interface PaletteFileColor {
  name: string;
  /** Lowercase `#rrggbb`. */
  hex: string;
}

export type PaletteFileResult = { ok: true; colors: PaletteFileColor[] } | { ok: false; problems: Problem[] };

type Format = 'ase' | 'gpl' | 'css' | 'json';
type Parsed = { colors: PaletteFileColor[]; problems: Problem[] };

const problem = (path: string, code: string, message: string, params?: Record<string, string>): Problem =>
  params ? { path, code, message, params } : { path, code, message };
const refuse = (...problems: Problem[]): PaletteFileResult => ({ ok: false, problems });

/**
 * Reads the colours of a palette file. The format comes from the file name's extension, or, for
 * other names, from the content (the `ASEF` signature, a `GIMP Palette` header, JSON, CSS).
 * Names are trimmed, cut to 60 characters and made unique (case-insensitively, as the brand kit
 * requires: "Red", "Red 2"); an exact repeat of a name and colour is dropped. Hex is lowercase `#rrggbb`.
 */
export function parsePaletteFile(fileName: string, bytes: ArrayBuffer | Uint8Array): PaletteFileResult {
  const data = ArrayBuffer.isView(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
  if (data.byteLength > MAX_PALETTE_FILE_BYTES) {
    const mb = (data.byteLength / 1024 / 1024).toFixed(1);
    return refuse(
      problem('$', 'too-large', `The file is ${mb} MB; a palette file may be at most 1 MB`, { size: mb, limit: '1' }),
    );
  }
  if (data.byteLength === 0) return refuse(problem('$', 'empty', 'The file is empty'));
  const format = formatOf(fileName, data);
  if (!format) {
    return refuse(
      problem('$', 'unsupported-file', `"${fileName}" is not a palette file Dalil reads: use .ase, .gpl, .css or .json`, {
        file: fileName,
      }),
    );
  }
  let parsed: Parsed;
  try {
    parsed =
      format === 'ase'
        ? parseAse(data)
        : format === 'gpl'
          ? parseGpl(text(data))
          : format === 'css'
            ? parseCss(text(data))
            : parseJson(text(data));
  } catch (error) {
    // Defence in depth: every parser checks its input, but a palette must never break the editor.
    return refuse(
      problem('$', 'unreadable', `The file could not be read: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  if (parsed.colors.length === 0) return refuse(problem('$', 'no-colors', noColorsMessage[format]));
  return { ok: true, colors: tidyNames(parsed.colors) };
}

const noColorsMessage: Record<Format, string> = {
  ase: 'The swatch file has no colours',
  gpl: 'The GIMP palette has no colour lines ("R G B name")',
  css: 'No colour custom properties found (like --brand-red: #d62828;)',
  json: 'The JSON has no colours',
};

function formatOf(fileName: string, data: Uint8Array): Format | null {
  const extension = /\.([a-z]+)$/i.exec(fileName.trim())?.[1].toLowerCase();
  if (extension === 'ase' || extension === 'gpl' || extension === 'css' || extension === 'json') return extension;
  if (data[0] === 0x41 && data[1] === 0x53 && data[2] === 0x45 && data[3] === 0x46) return 'ase';
  const start = text(data.subarray(0, 64)).trimStart();
  if (start.startsWith('GIMP Palette')) return 'gpl';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  if (/--[\w-]+\s*:/.test(text(data))) return 'css';
  return null;
}

// Drops a UTF-8 byte-order mark; invalid bytes become U+FFFD rather than an exception.
const text = (data: Uint8Array) => new TextDecoder('utf-8').decode(data);

function tidyNames(colors: PaletteFileColor[]): PaletteFileColor[] {
  const out: PaletteFileColor[] = [];
  const byKey = new Map<string, PaletteFileColor>();
  for (const color of colors) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    let name = cut(color.name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim(), MAX_COLOR_NAME_LENGTH).trim() || color.hex;
    const existing = byKey.get(name.toLowerCase());
    if (existing?.hex === color.hex) continue;
    if (existing) {
      const base = name;
      for (let i = 2; byKey.has(name.toLowerCase()); i++) {
        const suffix = ` ${i}`;
        name = `${cut(base, MAX_COLOR_NAME_LENGTH - suffix.length).trim()}${suffix}`;
      }
    }
    const tidy = { name, hex: color.hex };
    byKey.set(name.toLowerCase(), tidy);
    out.push(tidy);
  }
  return out;
}

/** The first `max` characters, counting code points so an emoji or surrogate pair is never split. */
const cut = (s: string, max: number) => {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max).join('');
};

// ——— Adobe Swatch Exchange ———
// Big-endian: "ASEF", version u16.u16 (1.0), block count u32, then blocks of type u16, length u32
// and data. 0xC001 opens a group (its name), 0xC002 closes it, 0x0001 is a colour: name length u16
// (UTF-16 units, with the final NUL), the name in UTF-16BE, a 4-byte model and float32 values —
// RGB 0–1 ×3, CMYK 0–1 ×4, LAB L 0–1 (×100) and a, b in −128…127, Gray 0 (black)–1 (white) — then a type u16.

const ASE_MODELS: Record<string, number> = { 'RGB ': 3, CMYK: 4, 'LAB ': 3, Gray: 1 };

function parseAse(data: Uint8Array): Parsed {
  const colors: PaletteFileColor[] = [];
  const problems: Problem[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ascii = (at: number, length: number) => String.fromCharCode(...data.subarray(at, at + length));
  if (data.length < 4 || ascii(0, 4) !== 'ASEF') {
    return {
      colors,
      problems: [problem('$', 'bad-signature', 'Not an Adobe Swatch Exchange file: it does not start with "ASEF"')],
    };
  }
  if (data.length < 12) {
    return {
      colors,
      problems: [problem('$', 'truncated', `The file ends inside its 12-byte header, after ${data.length} bytes`)],
    };
  }
  const major = view.getUint16(4);
  if (major !== 1) {
    const version = `${major}.${view.getUint16(6)}`;
    return {
      colors,
      problems: [
        problem('$', 'unsupported-version', `Swatch exchange version ${version} is not supported (1.x is)`, { version }),
      ],
    };
  }
  const blockCount = view.getUint32(8);
  let offset = 12;
  for (let i = 0; i < blockCount; i++) {
    const path = `blocks[${i}]`;
    if (offset + 6 > data.length) {
      problems.push(problem(path, 'truncated', `The file ends before block ${i + 1} of the ${blockCount} it announces`));
      break;
    }
    const type = view.getUint16(offset);
    const length = view.getUint32(offset + 2);
    const start = offset + 6;
    const end = start + length;
    if (end > data.length) {
      problems.push(
        problem(
          path,
          'truncated',
          `Block ${i + 1} is ${length} bytes long but the file ends ${data.length - start} bytes into it`,
        ),
      );
      break;
    }
    // Group start and end blocks (0xC001, 0xC002) only frame colours, and other blocks are skipped by their length.
    if (type === 0x0001) {
      const entry = readAseColor(view, start, end, path);
      if ('problem' in entry) problems.push(entry.problem);
      else colors.push(entry);
    }
    offset = end;
  }
  return { colors, problems };
}

function readAseColor(view: DataView, start: number, end: number, path: string): PaletteFileColor | { problem: Problem } {
  const short = { problem: problem(path, 'truncated', 'A colour block is shorter than the colour it describes') };
  let at = start;
  if (at + 2 > end) return short;
  const units = view.getUint16(at);
  at += 2;
  if (at + units * 2 > end) return short;
  let name = '';
  for (let u = 0; u < units; u++) name += String.fromCharCode(view.getUint16(at + u * 2));
  name = name.replace(/\0+$/, '');
  at += units * 2;
  if (at + 4 > end) return short;
  const model = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
  at += 4;
  const valueCount = ASE_MODELS[model];
  if (valueCount === undefined) {
    return {
      problem: problem(
        path,
        'unknown-color-model',
        `Colour "${name}" uses the colour model "${model.trim()}"; expected RGB, CMYK, LAB or Gray`,
        {
          name,
          model: model.trim(),
        },
      ),
    };
  }
  if (at + valueCount * 4 > end) return short;
  const values: number[] = [];
  for (let v = 0; v < valueCount; v++) values.push(view.getFloat32(at + v * 4));
  const rgb = aseToRgb(model, values);
  if (!rgb) {
    return {
      problem: problem(
        path,
        'invalid-value',
        `Colour "${name}" has values out of range for ${model.trim()}: ${values.map((v) => +v.toFixed(4)).join(', ')}`,
        {
          name,
        },
      ),
    };
  }
  return { name, hex: rgbToHex(rgb[0], rgb[1], rgb[2]) };
}

const unit = (v: number) => Number.isFinite(v) && v >= -1e-3 && v <= 1 + 1e-3;

function aseToRgb(model: string, v: number[]): [number, number, number] | null {
  if (!v.every(Number.isFinite)) return null;
  switch (model) {
    case 'RGB ':
      return v.every(unit) ? [v[0] * 255, v[1] * 255, v[2] * 255] : null;
    case 'Gray':
      return unit(v[0]) ? [v[0] * 255, v[0] * 255, v[0] * 255] : null;
    case 'CMYK': {
      if (!v.every(unit)) return null;
      // Naive conversion, no ICC profile: close enough to pick the right swatch, not for proofing.
      const [c, m, y, k] = v.map((x) => Math.min(1, Math.max(0, x)));
      return [255 * (1 - c) * (1 - k), 255 * (1 - m) * (1 - k), 255 * (1 - y) * (1 - k)];
    }
    default: {
      // LAB: L is stored as 0–1; a file that stores 0–100 instead has an L above 1.
      const L = v[0] > 1 ? v[0] : v[0] * 100;
      if (L < 0 || L > 100 || Math.abs(v[1]) > 128 || Math.abs(v[2]) > 128) return null;
      return labD50ToRgb(L, v[1], v[2]);
    }
  }
}

/** Linear-light sRGB → its 0–255 value (the sRGB transfer curve); out-of-gamut values are clipped later. */
const srgbEncode = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.max(0, c) ** (1 / 2.4) - 0.055);

/** CIELAB relative to D50 (Adobe's Lab) → sRGB 0–255, through XYZ and the Bradford-adapted matrix. */
function labD50ToRgb(L: number, a: number, b: number): [number, number, number] {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const inv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = inv(fx) * 0.96422;
  const y = L > 8 ? fy ** 3 : L / (24389 / 27);
  const z = inv(fz) * 0.82521;
  const r = 3.1338561 * x - 1.6168667 * y - 0.4906146 * z;
  const g = -0.9787684 * x + 1.9161415 * y + 0.033454 * z;
  const bl = 0.0719453 * x - 0.2289914 * y + 1.4052427 * z;
  return [srgbEncode(r), srgbEncode(g), srgbEncode(bl)];
}

// ——— GIMP palette ———

function parseGpl(source: string): Parsed {
  const colors: PaletteFileColor[] = [];
  const problems: Problem[] = [];
  const lines = source.split(/\r\n|\r|\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt < 0 || lines[headerAt].trim() !== 'GIMP Palette') {
    return {
      colors,
      problems: [problem(`line ${headerAt + 1 || 1}`, 'gpl-header', 'A GIMP palette starts with the line "GIMP Palette"')],
    };
  }
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || /^(Name|Columns)\s*:/i.test(line)) continue;
    const path = `line ${i + 1}`;
    const m = /^(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) {
      problems.push(problem(path, 'invalid-line', `Expected "R G B name", found "${cut(line, 40)}"`));
      continue;
    }
    const channels = [m[1], m[2], m[3]].map((s) => (/^\d{1,3}$/.test(s) ? Number(s) : Number.NaN));
    if (!channels.every((c) => c <= 255)) {
      problems.push(
        problem(path, 'invalid-value', `Red, green and blue must be whole numbers 0–255, found "${m[1]} ${m[2]} ${m[3]}"`),
      );
      continue;
    }
    const hex = rgbToHex(channels[0], channels[1], channels[2]);
    colors.push({ name: m[4]?.trim() ?? '', hex });
  }
  return { colors, problems };
}

// ——— CSS custom properties ———

function parseCss(source: string): Parsed {
  const colors: PaletteFileColor[] = [];
  const problems: Problem[] = [];
  // Blank out comments but keep their line breaks, so line numbers stay right.
  const css = source.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  // Line numbers counted as the matches go, not from the start each time (a 1 MB file may hold thousands).
  let line = 1;
  let counted = 0;
  for (const m of css.matchAll(/(--[\w-]+)\s*:\s*([^;{}]*)/g)) {
    for (; counted < m.index; counted++) if (css.charCodeAt(counted) === 10) line++;
    const value = m[2].replace(/!important\s*$/i, '').trim();
    const rgb = cssColor(value);
    if (rgb === 'not-a-color') continue; // spacing, fonts, var(--x) references…
    if (rgb === null) {
      problems.push(
        problem(`line ${line}`, 'invalid-color', `${m[1]}: "${cut(value, 40)}" is not a valid colour`, { property: m[1] }),
      );
      continue;
    }
    colors.push({ name: m[1].slice(2), hex: rgbToHex(rgb[0], rgb[1], rgb[2]) });
  }
  return { colors, problems };
}

/**
 * A literal colour: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() and hsl()/hsla() with commas or
 * spaces, and CSS Color 4's oklch(), oklab(), lab() and lch() (Tailwind 4's theme is written in
 * oklch); alpha is dropped, colours outside sRGB are clipped to it. null when it looks like one of
 * these but is broken or out of range, 'not-a-color' for anything else.
 */
function cssColor(value: string): [number, number, number] | null | 'not-a-color' {
  if (value.startsWith('#')) {
    const m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value);
    if (!m) return null;
    const digits = m[1].length <= 4 ? m[1].slice(0, 3) : m[1].slice(0, 6);
    return parseHex(digits);
  }
  const fn = /^(rgba?|hsla?|oklch|oklab|lab|lch)\(([^)]*)\)$/i.exec(value);
  if (!fn) return /^(rgba?|hsla?|oklch|oklab|lab|lch)\(/i.test(value) ? null : 'not-a-color';
  const parts = fn[2]
    .split(/[\s,/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length !== 3 && parts.length !== 4) return null;
  const model = fn[1].toLowerCase();
  if (model.startsWith('ok') || model === 'lab' || model === 'lch') return cssColor4(model, parts.slice(0, 3));
  const number = (s: string, percentOf: number, max: number) => {
    const m = /^(-?\d*\.?\d+)(%|deg)?$/.exec(s);
    if (!m) return Number.NaN;
    const n = m[2] === '%' ? (Number(m[1]) / 100) * percentOf : Number(m[1]);
    return n >= 0 && n <= max ? n : Number.NaN;
  };
  if (fn[1].toLowerCase().startsWith('rgb')) {
    const rgb = parts.slice(0, 3).map((s) => number(s, 255, 255));
    return rgb.every(Number.isFinite) ? [rgb[0], rgb[1], rgb[2]] : null;
  }
  const h = number(parts[0].replace(/deg$/i, ''), 360, 360);
  const s = number(parts[1], 1, 1);
  const l = number(parts[2], 1, 1);
  if (![h, s, l].every(Number.isFinite) || !parts[1].endsWith('%') || !parts[2].endsWith('%')) return null;
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => 255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
  return [f(0), f(8), f(4)];
}

/** One channel of a CSS Color 4 function: a number, a percentage of `percentOf`, or `none` (0). */
function channel(text: string, percentOf: number): number {
  if (text.toLowerCase() === 'none') return 0;
  const m = /^([-+]?\d*\.?\d+(?:e[-+]?\d+)?)(%)?$/i.exec(text);
  if (!m) return Number.NaN;
  return m[2] ? (Number(m[1]) / 100) * percentOf : Number(m[1]);
}

/** A hue in degrees: a number, or with deg, rad, grad or turn. */
function hue(text: string): number {
  if (text.toLowerCase() === 'none') return 0;
  const m = /^([-+]?\d*\.?\d+(?:e[-+]?\d+)?)(deg|rad|grad|turn)?$/i.exec(text);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const per = { deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 }[(m[2] ?? 'deg').toLowerCase() as 'deg'];
  return n * per;
}

/** oklch(), oklab(), lab() and lch() → sRGB 0–255, as CSS Color 4 defines them. */
function cssColor4(model: string, [p0, p1, p2]: string[]): [number, number, number] | null {
  let values: number[];
  if (model === 'oklab') values = [channel(p0, 1), channel(p1, 0.4), channel(p2, 0.4)];
  else if (model === 'oklch') values = polar(channel(p0, 1), channel(p1, 0.4), hue(p2));
  else if (model === 'lab') values = [channel(p0, 100), channel(p1, 125), channel(p2, 125)];
  else values = polar(channel(p0, 100), channel(p1, 150), hue(p2));
  if (!values.every(Number.isFinite)) return null;
  const [L, a, b] = values;
  if (model.startsWith('ok')) return L < 0 || L > 1 ? null : oklabToRgb(L, a, b);
  return L < 0 || L > 100 ? null : labD50ToRgb(L, a, b);
}

/** Chroma and hue (degrees) → the a and b axes; a negative chroma is 0, as CSS clamps it. */
function polar(L: number, C: number, h: number): number[] {
  const chroma = Math.max(0, C);
  const rad = (h * Math.PI) / 180;
  return [L, chroma * Math.cos(rad), chroma * Math.sin(rad)];
}

/** OKLab → sRGB 0–255 (Björn Ottosson's matrices, as CSS Color 4 uses), clipped to the gamut by rgbToHex. */
function oklabToRgb(L: number, a: number, b: number): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  const g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  const bl = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
  return [srgbEncode(r), srgbEncode(g), srgbEncode(bl)];
}

// ——— JSON ———

const keyPath = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`);

function parseJson(source: string): Parsed {
  const colors: PaletteFileColor[] = [];
  const problems: Problem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { colors, problems: [problem('$', 'invalid-json', `Not valid JSON: ${message}`)] };
  }
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const fromList = (list: unknown[], prefix: string) => {
    list.forEach((item, i) => {
      const path = `${prefix}[${i}]`;
      if (!isObject(item)) {
        problems.push(problem(path, 'wrong-shape', 'Expected an object like {"name": "Brand red", "hex": "#d62828"}'));
        return;
      }
      if (item.name !== undefined && typeof item.name !== 'string') {
        problems.push(problem(`${path}.name`, 'invalid-name', 'A colour name must be text'));
        return;
      }
      add(`${path}.hex`, typeof item.name === 'string' ? item.name : '', item.hex);
    });
  };
  const add = (path: string, name: string, value: unknown) => {
    const rgb = typeof value === 'string' ? parseHex(value) : null;
    if (!rgb || typeof value !== 'string' || !value.trim().startsWith('#')) {
      const shown = typeof value === 'string' ? `"${cut(value, 40)}"` : (JSON.stringify(value) ?? String(value));
      problems.push(problem(path, 'invalid-color', `${shown} is not a colour; use #rrggbb or #rgb`));
      return;
    }
    colors.push({ name, hex: rgbToHex(rgb[0], rgb[1], rgb[2]) });
  };
  if (Array.isArray(data)) fromList(data, '');
  else if (isObject(data) && Array.isArray(data.colors)) fromList(data.colors, 'colors');
  else if (isObject(data) && isObject(data.brandKit) && Array.isArray(data.brandKit.colors)) {
    fromList(data.brandKit.colors, 'brandKit.colors');
  } else if (isObject(data) && Object.keys(data).length > 0 && Object.values(data).every((v) => typeof v === 'string')) {
    for (const [name, value] of Object.entries(data)) add(keyPath(name), name, value);
  } else {
    problems.push(
      problem(
        '$',
        'wrong-shape',
        'Expected a list of {"name", "hex"}, an object of names to hex colours, or a brand kit with "colors"',
      ),
    );
  }
  return { colors, problems };
}
