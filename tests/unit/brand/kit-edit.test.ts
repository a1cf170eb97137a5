import { describe, expect, it } from 'vitest';
import {
  addColor,
  freeColorName,
  importColors,
  kitProblems,
  moveColor,
  normalizeHexInput,
  paletteFileName,
  paletteToGpl,
  paletteToJson,
  removeColor,
  updateColor,
} from '../../../utils/brand/kit-edit';
import { parsePaletteFile } from '../../../utils/color/palette-files';
import type { BrandKit } from '../../../utils/schemas/brand-kit';

const kit: BrandKit = {
  name: 'Dalil Coffee Co.',
  colors: [
    { name: 'Roast Brown', hex: '#5B3A29', role: 'primary' },
    { name: 'Cardamom Green', hex: '#6E7F4F', role: 'secondary' },
    { name: 'Saffron', hex: '#E0A526' },
  ],
  deltaETolerance: 3,
  minOnPaletteShare: 0.7,
  copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: {} },
};
const names = (k: BrandKit) => k.colors.map((c) => c.name);
const encode = (text: string) => new TextEncoder().encode(text);

describe('editing the kit', () => {
  it('adds colours under names not yet taken', () => {
    const one = addColor(kit, '#888888', 'New colour');
    const two = addColor(one, '#777777', 'new colour');
    expect(names(two).slice(3)).toEqual(['New colour', 'new colour 2']);
    expect(freeColorName(kit, 'saffron')).toBe('saffron 2');
    expect(kitProblems(two)).toEqual([]);
  });

  it('renames, recolours, reorders and removes without touching the original', () => {
    const renamed = updateColor(kit, 2, { name: 'زعفران', hex: '#E0A527' });
    expect(renamed.colors[2]).toEqual({ name: 'زعفران', hex: '#E0A527' });
    expect(kit.colors[2].name).toBe('Saffron');
    expect(names(moveColor(kit, 2, 0))).toEqual(['Saffron', 'Roast Brown', 'Cardamom Green']);
    expect(names(moveColor(kit, 0, 1))).toEqual(['Cardamom Green', 'Roast Brown', 'Saffron']);
    expect(moveColor(kit, 0, 5)).toBe(kit);
    expect(names(removeColor(kit, 1))).toEqual(['Roast Brown', 'Saffron']);
  });

  it('says what keeps a draft from being saved, with the schema’s paths', () => {
    const clash = updateColor(kit, 1, { name: 'roast brown' });
    expect(kitProblems(clash)).toEqual([expect.objectContaining({ path: 'colors[1].name', code: 'duplicate-color-name' })]);
    expect(kitProblems(updateColor(kit, 0, { name: '  ' }))[0].path).toBe('colors[0].name');
    expect(kitProblems({ ...kit, colors: [] })[0].path).toBe('colors');
    expect(kitProblems({ ...kit, deltaETolerance: 0 })[0].path).toBe('deltaETolerance');
  });

  it('reads hex as people type it', () => {
    expect(normalizeHexInput('d62828')).toBe('#D62828');
    expect(normalizeHexInput(' #abc ')).toBe('#AABBCC');
    expect(normalizeHexInput('#12345')).toBeNull();
    expect(normalizeHexInput('red')).toBeNull();
  });
});

describe('palette import and export', () => {
  it('imports a GIMP palette over the colours, keeping roles of names that stay', () => {
    const parsed = parsePaletteFile('brand.gpl', encode('GIMP Palette\n 91  58  41\tRoast Brown\n255 0 0 Alarm red\n'));
    if (!parsed.ok) throw new Error('fixture');
    const result = importColors(kit, parsed.colors);
    if (!('kit' in result)) throw new Error('refused');
    expect(result.kit.colors).toEqual([
      { name: 'Roast Brown', hex: '#5B3A29', role: 'primary' },
      { name: 'Alarm red', hex: '#FF0000' },
    ]);
    expect(result.kit.deltaETolerance).toBe(3);
  });

  it('refuses a palette larger than a kit may hold', () => {
    const colors = Array.from({ length: 65 }, (_, i) => ({ name: `c${i}`, hex: '#000000' }));
    const result = importColors(kit, colors);
    expect('problems' in result && result.problems[0].code).toBe('too-many-colors');
  });

  it('exports .gpl and JSON that read back as the same colours', () => {
    const gpl = paletteToGpl(kit);
    expect(gpl.split('\n').slice(0, 5)).toEqual([
      'GIMP Palette',
      'Name: Dalil Coffee Co.',
      'Columns: 0',
      '#',
      ' 91  58  41\tRoast Brown',
    ]);
    for (const [name, text] of [
      ['x.gpl', gpl],
      ['x.json', paletteToJson(kit)],
    ]) {
      const back = parsePaletteFile(name, encode(text));
      expect(back.ok && back.colors).toEqual(kit.colors.map((c) => ({ name: c.name, hex: c.hex.toLowerCase() })));
    }
    // A name with a line break cannot break the file's lines.
    const odd = updateColor(kit, 0, { name: 'Roast\nBrown' });
    const back = parsePaletteFile('x.gpl', encode(paletteToGpl(odd)));
    expect(back.ok && back.colors[0].name).toBe('Roast Brown');
  });

  it('names the file after the kit, Arabic included', () => {
    expect(paletteFileName(kit, 'gpl')).toBe('Dalil-Coffee-Co-palette.gpl');
    expect(paletteFileName({ ...kit, name: 'قهوة دليل' }, 'json')).toBe('قهوة-دليل-palette.json');
    expect(paletteFileName({ ...kit, name: '***' }, 'json')).toBe('palette-palette.json');
  });
});

describe('copy-rule inputs', () => {
  it('reads banned phrases one per line, hashtags with or without #, and length limits', async () => {
    const { phrasesFromText, hashtagsFromText, withMaxLength } = await import('../../../utils/brand/kit-edit');
    expect(phrasesFromText(' cheap \n\nمضمون 100%\ncheap\n')).toEqual(['cheap', 'مضمون 100%']);
    expect(hashtagsFromText('DalilCoffee, #قهوة_دليل،  ##Ramadan\n#DalilCoffee')).toEqual([
      '#DalilCoffee',
      '#قهوة_دليل',
      '#Ramadan',
    ]);
    const kit = {
      name: 'K',
      colors: [{ name: 'Red', hex: '#ff0000' }],
      deltaETolerance: 3,
      minOnPaletteShare: 0.7,
      copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: { x: 280 } },
    };
    expect(withMaxLength(kit, 'instagram', '2200').copyRules.maxLength).toEqual({ x: 280, instagram: 2200 });
    expect(withMaxLength(kit, 'x', '').copyRules.maxLength).toEqual({});
  });
});
