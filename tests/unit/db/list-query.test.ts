/**
 * The followed advertisers and the testimonials answered a page at a time from their search rows: every page,
 * put end to end, is what filtering all of them in memory gives (same items, same order), for searches in
 * Arabic and English, with ties in time, after rows were written around the repositories, and after a change.
 */
import { describe, expect, it } from 'vitest';
import { setFollowed } from '../../../utils/db/ads-repo';
import { ensureListSearch, queryFollowed, queryTestimonials } from '../../../utils/db/list-query';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { deleteTestimonial } from '../../../utils/db/usage-repo';
import type { FollowedAdvertiser } from '../../../utils/schemas/stored-records';
import type { Testimonial } from '../../../utils/schemas/testimonial';
import { tokenize, tokenVariants } from '../../../utils/search/normalize';

const NAMES = ['مقهى دليل', 'Texas Veteran Center', 'القهوة العربية', 'Acme Coffee', 'أحمد للتجارة', 'coffee & co', 'بيت الشاي'];
const LIBRARIES = ['meta', 'tiktok', 'google', 'linkedin'] as const;
const PLATFORMS = ['facebook', 'instagram', 'x', 'tiktok'] as const;
const TEXTS = [
  'قهوة ممتازة وخدمة سريعة',
  'Best flat white in town',
  'الشحن وصل بسرعة، شكرا',
  'Great coffee, thanks!',
  'احسن شاي',
];
const QUERIES = ['', 'قهوة', 'القهوة', 'coffee', 'cof', 'meta', 'احمد', 'أحمد', 'coffee 1', 'flat white', 'tiktok', 'zzz'];

/** Ties in time on purpose: every third record shares its instant with the one before. */
const instant = (n: number) => `2026-11-${String(1 + ((n - (n % 3 === 0 ? 1 : 0)) % 28)).padStart(2, '0')}T10:00:00.000Z`;

function followed(n: number): FollowedAdvertiser {
  return {
    key: `${LIBRARIES[n % 4]}:${10_000 + n}`,
    library: LIBRARIES[n % 4],
    name: `${NAMES[n % NAMES.length]} ${n}`,
    followedAt: instant(n),
    seenAdIds: Array.from({ length: n % 5 }, (_, i) => `seen-${n}-${i}`),
  };
}

function testimonial(n: number): Testimonial {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    author: `${NAMES[(n + 2) % NAMES.length]} ${n}`,
    text: TEXTS[n % TEXTS.length],
    platform: PLATFORMS[n % 4],
    savedAt: instant(n),
    savedBy: 'Sara',
  };
}

/** The oracle: every record in memory, a query word matching the start of some word (either without its article). */
function reference<T>(records: T[], text: (r: T) => string, at: (r: T) => string, id: (r: T) => string, query: string): string[] {
  const terms = tokenize(query).map(tokenVariants);
  return records
    .filter((r) => {
      const words = tokenize(text(r)).flatMap(tokenVariants);
      return terms.every((forms) => forms.some((form) => words.some((word) => word.startsWith(form))));
    })
    .sort((a, b) => at(b).localeCompare(at(a)) || id(b).localeCompare(id(a)))
    .map(id);
}

/** Every page of `size`, end to end. */
async function allPages<T>(
  ask: (page: { offset: number; limit: number }) => Promise<{ items: T[]; matching: number }>,
  size: number,
) {
  const items: T[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await ask({ offset, limit: size });
    items.push(...page.items);
    if (offset + size >= page.matching) return { items, matching: page.matching };
  }
}

const freshDb = () => openDalilDatabase(`list-query-${Math.random()}`);
const COUNT = 240;

describe('the followed advertisers, a page at a time', () => {
  it('gives, page after page, what filtering them all in memory gives', async () => {
    const db = await freshDb();
    const all = Array.from({ length: COUNT }, (_, n) => followed(n));
    // Half followed through the repository, half written around it (a restore, a seed): found and indexed.
    for (const f of all.slice(0, COUNT / 2)) await setFollowed(db, f, true, f.followedAt);
    await Promise.all(all.slice(COUNT / 2).map((f) => db.put('followedAdvertisers', f)));
    expect(await ensureListSearch(db, 'followedSearch')).toEqual({ rebuilt: true, records: COUNT });
    expect(await ensureListSearch(db, 'followedSearch')).toEqual({ rebuilt: false, records: COUNT });
    const text = (f: FollowedAdvertiser) => `${f.name} ${f.library}`;
    for (const query of QUERIES) {
      const expected = reference(
        all,
        text,
        (f) => f.followedAt,
        (f) => f.key,
        query,
      );
      const { items, matching } = await allPages((page) => queryFollowed(db, query, page), 17);
      expect(
        items.map((f) => f.key),
        query,
      ).toEqual(expected);
      expect(matching, query).toBe(expected.length);
    }
    expect(
      QUERIES.filter(
        (q) =>
          q &&
          reference(
            all,
            text,
            (f) => f.followedAt,
            (f) => f.key,
            q,
          ).length > 0,
      ).length,
    ).toBeGreaterThan(7);
    // What the panel gets of one: no seen ads, its saved ads counted.
    const { items, total } = await queryFollowed(db, 'acme', { offset: 0, limit: 1 });
    expect(total).toBe(COUNT);
    expect(Object.keys(items[0]).sort()).toEqual(['followedAt', 'key', 'library', 'name', 'savedAds']);
    // Unfollowed: gone from the page and the search.
    await setFollowed(db, all[3], false, '');
    expect((await queryFollowed(db, `${all[3].name}`, { offset: 0, limit: 50 })).items.map((f) => f.key)).not.toContain(
      all[3].key,
    );
    expect((await queryFollowed(db, '', { offset: 0, limit: 1 })).total).toBe(COUNT - 1);
    db.close();
  });
});

describe('the testimonials, a page at a time', () => {
  it('gives, page after page, what filtering them all in memory gives', async () => {
    const db = await freshDb();
    const all = Array.from({ length: COUNT }, (_, n) => testimonial(n));
    await Promise.all(all.map((x) => db.put('testimonials', x)));
    await ensureListSearch(db as DalilDatabase, 'testimonialSearch');
    const text = (x: Testimonial) => `${x.author} ${x.text} ${x.platform}`;
    for (const query of QUERIES) {
      const expected = reference(
        all,
        text,
        (x) => x.savedAt,
        (x) => x.id,
        query,
      );
      const { items, matching } = await allPages((page) => queryTestimonials(db, query, page), 23);
      expect(
        items.map((x) => x.id),
        query,
      ).toEqual(expected);
      expect(items.every((x, i) => x.id === expected[i] && x.text === all.find((y) => y.id === x.id)?.text)).toBe(true);
      expect(matching, query).toBe(expected.length);
    }
    await deleteTestimonial(db, all[0].id);
    const after = await queryTestimonials(db, '', { offset: 0, limit: 500 });
    expect(after.total).toBe(COUNT - 1);
    expect(after.items.map((x) => x.id)).toEqual(
      reference(
        all.slice(1),
        text,
        (x) => x.savedAt,
        (x) => x.id,
        '',
      ),
    );
    db.close();
  });
});
