import type { ActivityLogEntry } from '../schemas/activity-log';
import type { Testimonial } from '../schemas/testimonial';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import { testimonialSearchRow } from './list-search-rows';
import type { DalilDatabase } from './open';

export async function usageCounts(db: DalilDatabase): Promise<Record<string, number>> {
  const all = await db.getAll('templateUsage');
  return Object.fromEntries(all.map((u) => [u.templateId, u.count]));
}

export async function saveTestimonial(db: DalilDatabase, testimonial: Testimonial, entry: ActivityLogEntry): Promise<void> {
  const tx = db.transaction(['testimonials', 'testimonialSearch', ...LOG_STORES], 'readwrite');
  await Promise.all([
    tx.objectStore('testimonials').put(testimonial),
    tx.objectStore('testimonialSearch').put(testimonialSearchRow(testimonial)),
    putLogEntries(tx, [entry]),
  ]);
  await tx.done;
}

/** Deletes a testimonial and its search row. */
export async function deleteTestimonial(db: DalilDatabase, id: string): Promise<void> {
  const tx = db.transaction(['testimonials', 'testimonialSearch'], 'readwrite');
  await Promise.all([tx.objectStore('testimonials').delete(id), tx.objectStore('testimonialSearch').delete(id), tx.done]);
}
