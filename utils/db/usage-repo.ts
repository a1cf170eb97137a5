import type { ActivityLogEntry } from '../schemas/activity-log';
import type { Testimonial } from '../schemas/testimonial';
import type { DalilDatabase } from './open';

/** Logs an insertion and counts it for its template, in one transaction. */
export async function recordInsertion(db: DalilDatabase, entry: ActivityLogEntry, templateId: string): Promise<void> {
  const tx = db.transaction(['activityLog', 'templateUsage'], 'readwrite');
  const usage = tx.objectStore('templateUsage');
  const current = await usage.get(templateId);
  await Promise.all([
    tx.objectStore('activityLog').put(entry),
    usage.put({ templateId, count: (current?.count ?? 0) + 1, lastUsedAt: entry.at }),
  ]);
  await tx.done;
}

export async function usageCounts(db: DalilDatabase): Promise<Record<string, number>> {
  const all = await db.getAll('templateUsage');
  return Object.fromEntries(all.map((u) => [u.templateId, u.count]));
}

export async function saveTestimonial(db: DalilDatabase, testimonial: Testimonial, entry: ActivityLogEntry): Promise<void> {
  const tx = db.transaction(['testimonials', 'activityLog'], 'readwrite');
  await Promise.all([tx.objectStore('testimonials').put(testimonial), tx.objectStore('activityLog').put(entry)]);
  await tx.done;
}

/** Newest first. */
export async function listTestimonials(db: DalilDatabase): Promise<Testimonial[]> {
  return (await db.getAllFromIndex('testimonials', 'by-saved-at')).reverse();
}
