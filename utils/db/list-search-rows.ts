/**
 * The search rows of the followed advertisers and the testimonials (stores `followedSearch` and
 * `testimonialSearch`, version 12): derived, never backed up. Each row is the record's id, the time it is
 * listed by (newest first) and its normalised words, as the swipe file's rows hold them
 * (utils/swipe-file/ad-search-row.ts: Arabic-aware, each word also without its article).
 */
import type { FollowedAdvertiser } from '../schemas/stored-records';
import type { Testimonial } from '../schemas/testimonial';
import { indexWords } from '../swipe-file/ad-search-row';

export interface ListSearchRow {
  id: string;
  /** When it was followed or saved: the list's order, newest first. */
  at: string;
  words: string[];
}

/** What a search of the followed advertisers looks through: the name, and the library it is followed on. */
export const followedSearchText = (f: Pick<FollowedAdvertiser, 'name' | 'library'>) => `${f.name} ${f.library}`;
/** What a search of the testimonials looks through: the author, the comment and its platform. */
export const testimonialSearchText = (x: Pick<Testimonial, 'author' | 'text' | 'platform'>) =>
  `${x.author} ${x.text} ${x.platform}`;

export const followedSearchRow = (f: FollowedAdvertiser): ListSearchRow => ({
  id: f.key,
  at: f.followedAt,
  words: indexWords(followedSearchText(f)),
});

export const testimonialSearchRow = (x: Testimonial): ListSearchRow => ({
  id: x.id,
  at: x.savedAt,
  words: indexWords(testimonialSearchText(x)),
});
