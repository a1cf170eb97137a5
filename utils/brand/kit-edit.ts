/**
 * Editing a brand kit in the side panel: pure steps on a draft (the kit is saved whole, by the
 * background, only when it passes the schema), and palette export in formats designers open.
 */
import { parseHex, rgbToHex } from '../color/lab';
import type { PaletteFileColor } from '../color/palette-files';
import { type Problem, problemsFromZod } from '../guidance/problems';
import { type BrandColor, type BrandKit, BrandKitSchema } from '../schemas/brand-kit';

export const MAX_KIT_COLORS = 64;

/** `#RRGGBB` from what a person types: with or without `#`, 3 or 6 digits; null when it is not a colour. */
export function normalizeHexInput(input: string): string | null {
  const rgb = parseHex(input);
  return rgb ? rgbToHex(rgb[0], rgb[1], rgb[2]).toUpperCase() : null;
}

/** A name not yet used in the kit (names are unique case-insensitively): "Colour 7", "Colour 8"… */
export function freeColorName(kit: BrandKit, base: string): string {
  const taken = new Set(kit.colors.map((c) => c.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

const withColors = (kit: BrandKit, colors: BrandColor[]): BrandKit => ({ ...kit, colors });

export function addColor(kit: BrandKit, hex: string, name: string): BrandKit {
  if (kit.colors.length >= MAX_KIT_COLORS) return kit;
  return withColors(kit, [...kit.colors, { name: freeColorName(kit, name), hex }]);
}

export function updateColor(kit: BrandKit, index: number, patch: Partial<BrandColor>): BrandKit {
  return withColors(
    kit,
    kit.colors.map((c, i) => (i === index ? { ...c, ...patch } : c)),
  );
}

export function removeColor(kit: BrandKit, index: number): BrandKit {
  return withColors(
    kit,
    kit.colors.filter((_, i) => i !== index),
  );
}

/** Moves a colour to another place in the list (the order shown everywhere and exported). */
export function moveColor(kit: BrandKit, from: number, to: number): BrandKit {
  if (from === to || from < 0 || to < 0 || from >= kit.colors.length || to >= kit.colors.length) return kit;
  const colors = [...kit.colors];
  const [moved] = colors.splice(from, 1);
  colors.splice(to, 0, moved);
  return withColors(kit, colors);
}

/**
 * The kit with an imported palette's colours instead of its own. A colour keeping its name keeps its
 * role. More than the kit may hold is refused (and the kit stays as it was).
 */
export function importColors(kit: BrandKit, colors: PaletteFileColor[]): { kit: BrandKit } | { problems: Problem[] } {
  if (colors.length > MAX_KIT_COLORS) {
    return {
      problems: [
        {
          path: '$',
          code: 'too-many-colors',
          message: `The palette has ${colors.length} colours; a brand kit holds at most ${MAX_KIT_COLORS}`,
          params: { count: String(colors.length), max: String(MAX_KIT_COLORS) },
        },
      ],
    };
  }
  const roles = new Map(kit.colors.map((c) => [c.name.toLowerCase(), c.role]));
  return {
    kit: withColors(
      kit,
      colors.map(({ name, hex }) => {
        const role = roles.get(name.toLowerCase());
        return role ? { name, hex: hex.toUpperCase(), role } : { name, hex: hex.toUpperCase() };
      }),
    ),
  };
}

/** What keeps the draft from being saved, in the schema's words (with paths like colors[2].name). */
export function kitProblems(kit: BrandKit): Problem[] {
  const parsed = BrandKitSchema.safeParse(kit);
  return parsed.success ? [] : problemsFromZod(parsed.error);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const oneLine = (name: string) => name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** GIMP palette (.gpl): opens in GIMP, Inkscape, Krita and Scribus. */
export function paletteToGpl(kit: BrandKit): string {
  const lines = ['GIMP Palette', `Name: ${oneLine(kit.name)}`, 'Columns: 0', '#'];
  for (const color of kit.colors) {
    const [r, g, b] = parseHex(color.hex) ?? [0, 0, 0];
    lines.push(`${String(r).padStart(3)} ${String(g).padStart(3)} ${String(b).padStart(3)}\t${oneLine(color.name)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** JSON that Dalil (and any script) reads back: the kit's name and its colours with their roles. */
export function paletteToJson(kit: BrandKit): string {
  return `${JSON.stringify({ name: kit.name, colors: kit.colors }, null, 2)}\n`;
}

/** A file name from the kit's name: letters and digits kept (Arabic too), the rest as "-". */
export function paletteFileName(kit: BrandKit, extension: 'gpl' | 'json'): string {
  const base =
    kit.name
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'palette';
  return `${base}-palette.${extension}`;
}

/** One banned phrase per line, as typed in the editor: blank lines and surrounding spaces dropped, repeats once. */
export function phrasesFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/** Hashtags typed with or without "#", separated by spaces, commas (Latin or Arabic) or lines. */
export function hashtagsFromText(text: string): string[] {
  const tags = text
    .split(/[\s,،]+/)
    .map((tag) => tag.trim().replace(/^#*/, ''))
    .filter(Boolean)
    .map((tag) => `#${tag}`);
  return [...new Set(tags)];
}

/** A per-platform length limit from its input: blank removes the limit. */
export function withMaxLength(kit: BrandKit, platform: keyof BrandKit['copyRules']['maxLength'], value: string): BrandKit {
  const maxLength = { ...kit.copyRules.maxLength };
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) delete maxLength[platform];
  else maxLength[platform] = Math.trunc(n);
  return { ...kit, copyRules: { ...kit.copyRules, maxLength } };
}
