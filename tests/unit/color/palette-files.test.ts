import * as culori from 'culori';
import { describe, expect, it, vi } from 'vitest';
import { deltaE2000, hexToLab, parseHex } from '../../../utils/color';
import { MAX_PALETTE_FILE_BYTES, parsePaletteFile } from '../../../utils/color/palette-files';
import { prng } from './synthetic-images';

// ——— An Adobe Swatch Exchange file, byte by byte (big-endian) ———

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function block(type: number, body: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(6));
  head.setUint16(0, type);
  head.setUint32(2, body.length);
  return concat([new Uint8Array(head.buffer), body]);
}

/** Name length in UTF-16 units including the final NUL, then the name in UTF-16BE and the NUL. */
function utf16Name(name: string): Uint8Array {
  const view = new DataView(new ArrayBuffer(2 + (name.length + 1) * 2));
  view.setUint16(0, name.length + 1);
  for (let i = 0; i < name.length; i++) view.setUint16(2 + i * 2, name.charCodeAt(i));
  return new Uint8Array(view.buffer);
}

function colorEntry(name: string, model: string, values: number[], colorType = 2): Uint8Array {
  const tail = new DataView(new ArrayBuffer(4 + values.length * 4 + 2));
  for (let i = 0; i < 4; i++) tail.setUint8(i, model.charCodeAt(i));
  values.forEach((v, i) => {
    tail.setFloat32(4 + i * 4, v);
  });
  tail.setUint16(4 + values.length * 4, colorType);
  return block(0x0001, concat([utf16Name(name), new Uint8Array(tail.buffer)]));
}

const groupStart = (name: string) => block(0xc001, utf16Name(name));
const groupEnd = () => block(0xc002, new Uint8Array(0));

function aseFile(blocks: Uint8Array[], { signature = 'ASEF', major = 1, minor = 0, count = blocks.length } = {}): Uint8Array {
  const head = new DataView(new ArrayBuffer(12));
  for (let i = 0; i < 4; i++) head.setUint8(i, signature.charCodeAt(i));
  head.setUint16(4, major);
  head.setUint16(6, minor);
  head.setUint32(8, count);
  return concat([new Uint8Array(head.buffer), ...blocks]);
}

/** Shaped like Illustrator's export: a named group with RGB and CMYK swatches, and colours outside it. */
const brandAse = () =>
  aseFile([
    groupStart('Dalil brand'),
    colorEntry('Brand red', 'RGB ', [214 / 255, 40 / 255, 40 / 255], 0),
    colorEntry('Process cyan', 'CMYK', [1, 0, 0, 0], 2),
    colorEntry('Rich black', 'CMYK', [0.6, 0.4, 0.4, 1], 1),
    groupEnd(),
    colorEntry('Mid grey', 'Gray', [0.5]),
    colorEntry('أحمر العلامة', 'RGB ', [0, 48 / 255, 73 / 255]),
  ]);

const utf8 = (s: string) => new TextEncoder().encode(s);
const problemsOf = (result: ReturnType<typeof parsePaletteFile>) => (result.ok ? [] : result.problems);

describe('parsePaletteFile: Adobe Swatch Exchange', () => {
  it('reads RGB, CMYK and Gray colours in and out of groups, with UTF-16 names', () => {
    expect(parsePaletteFile('brand.ase', brandAse())).toEqual({
      ok: true,
      colors: [
        { name: 'Brand red', hex: '#d62828' },
        { name: 'Process cyan', hex: '#00ffff' },
        { name: 'Rich black', hex: '#000000' },
        { name: 'Mid grey', hex: '#808080' },
        { name: 'أحمر العلامة', hex: '#003049' },
      ],
    });
  });

  it('accepts an ArrayBuffer as well as a Uint8Array view into a larger buffer', () => {
    const bytes = brandAse();
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 3);
    const copy = bytes.slice().buffer;
    expect(parsePaletteFile('a.ase', copy)).toEqual(parsePaletteFile('a.ase', bytes));
    expect(parsePaletteFile('a.ase', padded.subarray(3, 3 + bytes.length))).toEqual(parsePaletteFile('a.ase', bytes));
  });

  it('converts LAB (D50, L stored 0–1) to sRGB', () => {
    // sRGB red is L 54.2917, a 80.8125, b 69.8851 in D50 Lab (Bradford adaptation).
    const result = parsePaletteFile(
      'lab.ase',
      aseFile([colorEntry('White', 'LAB ', [1, 0, 0]), colorEntry('Red', 'LAB ', [0.542917, 80.8125, 69.8851])]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.colors[0]).toEqual({ name: 'White', hex: '#ffffff' });
    const red = parseHex(result.colors[1].hex);
    expect(red?.map((v, i) => Math.abs(v - [255, 0, 0][i]) <= 1)).toEqual([true, true, true]);
  });

  it('refuses a file without the ASEF signature', () => {
    const bytes = brandAse();
    bytes.set(utf8('ASEX'), 0);
    expect(parsePaletteFile('brand.ase', bytes)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: '$', code: 'bad-signature', message: expect.stringMatching(/ASEF/) })],
    });
  });

  it('refuses a truncated file at every length, naming the block', () => {
    const bytes = brandAse();
    for (let length = 0; length < bytes.length; length++) {
      const result = parsePaletteFile('brand.ase', bytes.subarray(0, length));
      expect(result.ok, `cut at ${length}`).toBe(false);
    }
    const cut = parsePaletteFile('brand.ase', bytes.subarray(0, bytes.length - 3));
    expect(problemsOf(cut)).toEqual([expect.objectContaining({ path: 'blocks[6]', code: 'truncated' })]);
    expect(problemsOf(parsePaletteFile('brand.ase', bytes.subarray(0, 8)))).toEqual([
      expect.objectContaining({ path: '$', code: 'truncated' }),
    ]);
  });

  it('refuses a file announcing more blocks than it has', () => {
    const result = parsePaletteFile('a.ase', aseFile([colorEntry('Red', 'RGB ', [1, 0, 0])], { count: 3 }));
    expect(problemsOf(result)).toEqual([expect.objectContaining({ path: 'blocks[1]', code: 'truncated' })]);
  });

  it('reports invalid values and unknown models with the colour name, and refuses the whole file', () => {
    const result = parsePaletteFile(
      'a.ase',
      aseFile([
        colorEntry('Fine', 'RGB ', [1, 0, 0]),
        colorEntry('Too bright', 'RGB ', [1.5, 0, 0]),
        colorEntry('Not a number', 'CMYK', [Number.NaN, 0, 0, 0]),
        colorEntry('Odd', 'HSB ', [0.5, 0.5, 0.5]),
      ]),
    );
    expect(problemsOf(result)).toEqual([
      expect.objectContaining({ path: 'blocks[1]', code: 'invalid-value', message: expect.stringContaining('Too bright') }),
      expect.objectContaining({ path: 'blocks[2]', code: 'invalid-value' }),
      expect.objectContaining({ path: 'blocks[3]', code: 'unknown-color-model', message: expect.stringContaining('HSB') }),
    ]);
  });

  it('refuses another version, and a file with groups but no colours', () => {
    expect(problemsOf(parsePaletteFile('a.ase', aseFile([], { major: 2 })))).toEqual([
      expect.objectContaining({ code: 'unsupported-version', params: { version: '2.0' } }),
    ]);
    expect(problemsOf(parsePaletteFile('a.ase', aseFile([groupStart('Empty'), groupEnd()])))).toEqual([
      expect.objectContaining({ path: '$', code: 'no-colors' }),
    ]);
  });

  it('recognises an ASE file by its signature whatever its name', () => {
    expect(parsePaletteFile('swatches.bin', brandAse()).ok).toBe(true);
  });
});

describe('parsePaletteFile: GIMP palette', () => {
  const gpl = [
    'GIMP Palette',
    'Name: Dalil brand',
    'Columns: 4',
    '#',
    '# Brand colours',
    '214  40  40\tBrand red',
    '  0  48  73\tNavy',
    '247 127   0 Orange (print)',
    '252 191  73',
    '',
  ].join('\n');

  it('reads R G B name lines, skipping the header, Name, Columns and comments', () => {
    expect(parsePaletteFile('brand.gpl', utf8(gpl))).toEqual({
      ok: true,
      colors: [
        { name: 'Brand red', hex: '#d62828' },
        { name: 'Navy', hex: '#003049' },
        { name: 'Orange (print)', hex: '#f77f00' },
        // No name: the colour is its own name.
        { name: '#fcbf49', hex: '#fcbf49' },
      ],
    });
    expect(parsePaletteFile('brand.gpl', utf8(gpl.replaceAll('\n', '\r\n')))).toEqual(parsePaletteFile('brand.gpl', utf8(gpl)));
  });

  it('refuses a file without the GIMP Palette header', () => {
    expect(parsePaletteFile('brand.gpl', utf8(gpl.replace('GIMP Palette\n', '')))).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'line 1', code: 'gpl-header' })],
    });
  });

  it('names the lines with bad values', () => {
    const bad = `${gpl}256 0 0 Too red\nred green blue\n12 34\n`;
    expect(problemsOf(parsePaletteFile('brand.gpl', utf8(bad)))).toEqual([
      expect.objectContaining({ path: 'line 10', code: 'invalid-value' }),
      expect.objectContaining({ path: 'line 11', code: 'invalid-value' }),
      expect.objectContaining({ path: 'line 12', code: 'invalid-line' }),
    ]);
  });

  it('refuses a header with no colours', () => {
    expect(problemsOf(parsePaletteFile('empty.gpl', utf8('GIMP Palette\nName: Nothing\n')))).toEqual([
      expect.objectContaining({ code: 'no-colors' }),
    ]);
  });
});

describe('parsePaletteFile: CSS custom properties', () => {
  const css = `/* Dalil brand */
:root {
  --brand-red: #D62828;
  --brand-navy: rgb(0, 48, 73);
  --brand-cream: #eeb; /* three digits */
  --accent: rgb(247 127 0 / 50%);
  --alert: hsl(0 100% 50%);
  --spacing: 4px;
  --ink: var(--brand-navy);
  --font: "Noto Sans Arabic", sans-serif;
}
.dark { --brand-red: #ff5a5a !important; }
`;

  it('reads hex, rgb() and hsl() values named after their properties, skipping non-colours', () => {
    expect(parsePaletteFile('brand.css', utf8(css))).toEqual({
      ok: true,
      colors: [
        { name: 'brand-red', hex: '#d62828' },
        { name: 'brand-navy', hex: '#003049' },
        { name: 'brand-cream', hex: '#eeeebb' },
        { name: 'accent', hex: '#f77f00' },
        { name: 'alert', hex: '#ff0000' },
        // The same property again with another colour: a second, numbered name.
        { name: 'brand-red 2', hex: '#ff5a5a' },
      ],
    });
  });

  it('reads CSS Color 4 values (oklch, oklab, lab, lch), as a Tailwind 4 theme writes them, the same as culori does', () => {
    const values = [
      'oklch(63.7% 0.237 25.331)', // Tailwind 4 red-500
      'oklch(0.546 0.245 262.881)', // blue-600
      'oklch(98.5% 0 0)', // neutral-50
      'oklch(70% 0.4 145deg)', // out of sRGB: clipped
      'oklch(50% 0.1 0.25turn / 80%)',
      'oklab(0.62 0.1 -0.05)',
      'oklab(40% -20% 30%)',
      'lab(52.2345% 40.1645 59.9971)',
      'lch(62% 54 60)',
      'lch(30 none 100)',
    ];
    const theme = `@theme {\n${values.map((v, i) => `  --color-${i}: ${v};`).join('\n')}\n}`;
    const parsed = parsePaletteFile('theme.css', utf8(theme));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.colors.map((c) => c.name)).toEqual(values.map((_, i) => `color-${i}`));
    for (const [i, value] of values.entries()) {
      const color = culori.parse(value);
      if (!color) throw new Error(`culori does not read ${value}`);
      const theirs = culori.formatHex(culori.clampRgb(color));
      const ours = parsed.colors[i].hex;
      // Rounding to bytes may differ by one step; anything more is a different colour.
      expect(deltaE2000(hexToLab(ours), hexToLab(theirs as string)), `${value}: ${ours} vs ${theirs}`).toBeLessThan(0.5);
    }
  });

  it('refuses a broken CSS Color 4 value with its line', () => {
    const bad = ':root {\n  --a: oklch(120% 0.1 20);\n  --b: lab(50 abc 10);\n  --c: oklch(50% 0.1);\n}';
    expect(problemsOf(parsePaletteFile('bad.css', utf8(bad)))).toEqual([
      expect.objectContaining({ path: 'line 2', code: 'invalid-color' }),
      expect.objectContaining({ path: 'line 3', code: 'invalid-color' }),
      expect.objectContaining({ path: 'line 4', code: 'invalid-color' }),
    ]);
  });

  it('names the line of a broken colour', () => {
    const bad = ':root {\n  --ok: #fff;\n  --bad: #12345;\n  --worse: rgb(300, 0, 0);\n}';
    expect(problemsOf(parsePaletteFile('bad.css', utf8(bad)))).toEqual([
      expect.objectContaining({ path: 'line 3', code: 'invalid-color', message: expect.stringContaining('--bad') }),
      expect.objectContaining({ path: 'line 4', code: 'invalid-color', message: expect.stringContaining('--worse') }),
    ]);
  });

  it('refuses an empty file and one without colour properties', () => {
    expect(problemsOf(parsePaletteFile('empty.css', new Uint8Array(0)))).toEqual([expect.objectContaining({ code: 'empty' })]);
    expect(problemsOf(parsePaletteFile('none.css', utf8(':root { --gap: 8px; }\nbody { color: red; }')))).toEqual([
      expect.objectContaining({ path: '$', code: 'no-colors' }),
    ]);
  });
});

describe('parsePaletteFile: JSON', () => {
  it('reads an array of {name, hex}', () => {
    const json = JSON.stringify([{ name: 'Red', hex: '#D62828' }, { name: '  Navy  ', hex: '#003049' }, { hex: '#abc' }]);
    expect(parsePaletteFile('p.json', utf8(json))).toEqual({
      ok: true,
      colors: [
        { name: 'Red', hex: '#d62828' },
        { name: 'Navy', hex: '#003049' },
        { name: '#aabbcc', hex: '#aabbcc' },
      ],
    });
  });

  it('reads an object of names to colours', () => {
    expect(parsePaletteFile('p.json', utf8('{"Brand red": "#d62828", "navy": "#003049"}'))).toEqual({
      ok: true,
      colors: [
        { name: 'Brand red', hex: '#d62828' },
        { name: 'navy', hex: '#003049' },
      ],
    });
  });

  it('reads a brand kit, and a whole guidance pack, by their colors', () => {
    const brandKit = {
      name: 'Dalil',
      colors: [
        { name: 'Red', hex: '#d62828', role: 'primary' },
        { name: 'Navy', hex: '#003049' },
      ],
      deltaETolerance: 3,
      minOnPaletteShare: 0.8,
    };
    const expected = {
      ok: true,
      colors: [
        { name: 'Red', hex: '#d62828' },
        { name: 'Navy', hex: '#003049' },
      ],
    };
    expect(parsePaletteFile('kit.json', utf8(JSON.stringify(brandKit)))).toEqual(expected);
    expect(parsePaletteFile('pack.json', utf8(JSON.stringify({ format: 'dalil.guidance-pack', brandKit })))).toEqual(expected);
  });

  it('refuses JSON of the wrong shape', () => {
    for (const json of ['42', '"#d62828"', '{}', '{"a": 1}', '[1, 2]', 'null']) {
      const problems = problemsOf(parsePaletteFile('p.json', utf8(json)));
      expect(problems.length, json).toBeGreaterThan(0);
      expect(
        problems.every((p) => p.code === 'wrong-shape'),
        json,
      ).toBe(true);
    }
  });

  it('points at each invalid colour and name', () => {
    const json = JSON.stringify({
      colors: [
        { name: 'Red', hex: '#d62828' },
        { name: 'Bad', hex: 'red' },
        { name: 7, hex: '#000' },
      ],
    });
    expect(problemsOf(parsePaletteFile('p.json', utf8(json)))).toEqual([
      expect.objectContaining({ path: 'colors[1].hex', code: 'invalid-color', message: expect.stringContaining('"red"') }),
      expect.objectContaining({ path: 'colors[2].name', code: 'invalid-name' }),
    ]);
    expect(problemsOf(parsePaletteFile('p.json', utf8('{"Brand red": "#d6282"}')))).toEqual([
      expect.objectContaining({ path: '["Brand red"]', code: 'invalid-color' }),
    ]);
  });

  it('says when it is not JSON at all', () => {
    expect(problemsOf(parsePaletteFile('p.json', utf8('{"Red": #d62828}')))).toEqual([
      expect.objectContaining({ path: '$', code: 'invalid-json' }),
    ]);
  });
});

describe('parsePaletteFile: names, limits and robustness', () => {
  it('trims names, cuts them to 60 characters and makes them unique, dropping exact repeats', () => {
    const long = `${'Very long colour name '.repeat(4)}end`;
    const json = JSON.stringify([
      { name: ' Red ', hex: '#d62828' },
      { name: 'red', hex: '#ff0000' },
      { name: 'RED', hex: '#d62828' },
      { name: long, hex: '#003049' },
      { name: long, hex: '#003050' },
      { name: 'Red 2', hex: '#111111' },
    ]);
    const result = parsePaletteFile('p.json', utf8(json));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = result.colors.map((c) => c.name);
    expect(names.slice(0, 2)).toEqual(['Red', 'red 2']);
    expect(names[2]).toBe(long.slice(0, 60).trim());
    expect(names[3]).toHaveLength(60);
    expect(names[3].endsWith(' 2')).toBe(true);
    // "Red 2" was taken by the renamed "red": the file's own "Red 2" becomes "Red 2 2".
    expect(names[4]).toBe('Red 2 2');
    expect(result.colors).toHaveLength(5);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('refuses a file over 1 MB without reading it', () => {
    const big = new Uint8Array(2 * 1024 * 1024).fill(0x20);
    big.set(utf8('[{"name": "Red", "hex": "#d62828"}]'));
    expect(big.length).toBeGreaterThan(MAX_PALETTE_FILE_BYTES);
    const parse = vi.spyOn(JSON, 'parse');
    for (const name of ['big.json', 'big.ase', 'big.css']) {
      expect(parsePaletteFile(name, big)).toEqual({
        ok: false,
        problems: [expect.objectContaining({ path: '$', code: 'too-large', params: { size: '2.0', limit: '1' } })],
      });
    }
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it('recognises formats by content when the extension says nothing, and refuses other files', () => {
    expect(parsePaletteFile('palette.txt', utf8('GIMP Palette\n1 2 3 Ink\n')).ok).toBe(true);
    expect(parsePaletteFile('colours', utf8('{"Ink": "#010203"}')).ok).toBe(true);
    expect(problemsOf(parsePaletteFile('notes.txt', utf8('Just some notes')))).toEqual([
      expect.objectContaining({ code: 'unsupported-file' }),
    ]);
  });

  it('never throws on random bytes or broken files, whatever the name', () => {
    const random = prng(5);
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 300));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
      if (i % 3 === 0) bytes.set(utf8('ASEF').subarray(0, Math.min(4, bytes.length)));
      for (const name of ['x.ase', 'x.gpl', 'x.css', 'x.json', 'x.bin']) {
        expect(() => parsePaletteFile(name, bytes)).not.toThrow();
      }
    }
  });
});
