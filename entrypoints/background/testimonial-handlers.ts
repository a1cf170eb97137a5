/** Testimonials: comments saved from a platform page (context menu), listed and deleted in the panel. */
import { newActivityEntry } from '@/utils/activity/new-entry';
import type { KnownCounts } from '@/utils/db/known-counts';
import { queryTestimonials } from '@/utils/db/list-query';
import type { DalilDatabase } from '@/utils/db/open';
import { deleteTestimonial, saveTestimonial } from '@/utils/db/usage-repo';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import { cleanName, cleanPageText } from '@/utils/text/clean-text';
import { listRowsCheck } from './list-rows-check';
import { Refusal } from './refusals';

type TestimonialMessages = 'content.saveTestimonial' | 'panel.listTestimonials' | 'panel.deleteTestimonial';

export interface TestimonialDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  broadcast: (topics: ChangeBroadcast['topics']) => void;
  /** The current time as an ISO string. */
  now: () => string;
  /** The counts the last checks took (index.ts): a page counts nothing when they are known. */
  listCounts?: KnownCounts;
}

/** Shown for a comment whose author's name had nothing visible in it. */
const UNKNOWN_AUTHOR = '—';

export function testimonialHandlers(deps: TestimonialDeps): Pick<Handlers, TestimonialMessages> {
  // The search rows are derived: testimonials written around the repository are found by two counts and indexed then.
  const searchRowsReady = listRowsCheck('testimonialSearch', deps.listCounts, () => deps.broadcast(['testimonials']));
  return {
    'content.saveTestimonial': async ({ author: pageAuthor, text: pageText, permalink, platform, pageUrl }) => {
      // The page chose both: no bidi control, control character or broken UTF-16 reaches the swipe file.
      const text = cleanPageText(pageText).trim();
      if (!text) throw new Refusal('empty-comment', 'The comment has no visible text');
      // A name of invisible characters is no name; the comment is kept all the same.
      const author = cleanName(pageAuthor) || UNKNOWN_AUTHOR;
      const actor = await deps.actorName();
      const testimonial = {
        id: crypto.randomUUID(),
        author,
        text,
        permalink,
        platform,
        pageUrl,
        savedAt: deps.now(),
        savedBy: actor,
      };
      const entry = newActivityEntry(
        'testimonial.saved',
        actor,
        { testimonialId: testimonial.id, author },
        { platform, pageUrl },
      );
      await saveTestimonial(await deps.db(), testimonial, entry);
      deps.broadcast(['testimonials', 'log']);
      return { ok: true as const, id: testimonial.id };
    },

    'panel.listTestimonials': async ({ query = '', offset, limit }) => {
      const db = await deps.db();
      // The check's count is the page's total: no third and fourth count of every row.
      const { records } = await searchRowsReady(db, offset === 0);
      return queryTestimonials(db, query, { offset, limit }, records);
    },

    'panel.deleteTestimonial': async ({ id }) => {
      await deleteTestimonial(await deps.db(), id);
      deps.broadcast(['testimonials']);
      return { ok: true as const };
    },
  };
}
