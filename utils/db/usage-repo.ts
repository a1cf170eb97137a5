import type { ActivityLogEntry } from '../schemas/activity-log';
import type { Testimonial } from '../schemas/testimonial';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import type { DalilDatabase } from './open';

export async function usageCounts(db: DalilDatabase): Promise<Record<string, number>> {
  const all = await db.getAll('templateUsage');
  return Object.fromEntries(all.map((u) => [u.templateId, u.count]));
}

export async function saveTestimonial(db: DalilDatabase, testimonial: Testimonial, entry: ActivityLogEntry): Promise<void> {
  const tx = db.transaction(['testimonials', ...LOG_STORES], 'readwrite');
  await Promise.all([tx.objectStore('testimonials').put(testimonial), putLogEntries(tx, [entry])]);
  await tx.done;
}

/** Newest first. */
export async function listTestimonials(db: DalilDatabase): Promise<Testimonial[]> {
  return (await db.getAllFromIndex('testimonials', 'by-saved-at')).reverse();
}
