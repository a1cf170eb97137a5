import { describe, expect, it } from 'vitest';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { shortcutKey } from '../../../utils/templates/shortcuts';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
const pack = parsed.ok ? parsed.pack : undefined;

describe('the default guidance pack shipped in public/guidance/', () => {
  it('is valid against the schema', () => {
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('has at least 16 approved templates, Arabic and English, each with its own shortcut', () => {
    const approved = pack?.templates.filter((t) => t.status === 'approved') ?? [];
    expect(approved.length).toBeGreaterThanOrEqual(16);
    expect(approved.filter((t) => t.lang === 'ar').length).toBeGreaterThanOrEqual(8);
    expect(approved.filter((t) => t.lang === 'en').length).toBeGreaterThanOrEqual(8);
    const shortcuts = approved.map((t) => t.shortcut);
    expect(shortcuts.every(Boolean)).toBe(true);
    expect(new Set(shortcuts.map((s) => shortcutKey(s ?? ''))).size).toBe(shortcuts.length);
    expect(shortcuts).toContain(';thanks');
    expect(shortcuts).toContain(';شكرا');
  });

  it('covers each common customer-care situation in both languages', () => {
    const pairs = new Map<string, Set<string>>();
    for (const t of pack?.templates ?? []) {
      if (!t.pairId) continue;
      pairs.set(t.pairId, (pairs.get(t.pairId) ?? new Set()).add(t.lang));
    }
    for (const situation of ['thanks', 'delay', 'refund', 'price', 'shipping', 'out-of-stock', 'dm', 'escalate']) {
      expect(pairs.get(`care.${situation}`), situation).toEqual(new Set(['ar', 'en']));
    }
  });

  it('has a brand kit and playbooks in both languages on the job’s topics', () => {
    expect(pack?.brandKit.colors.length).toBeGreaterThanOrEqual(3);
    const titles = pack?.playbooks.map((p) => `${p.lang}:${p.id}`) ?? [];
    for (const topic of ['unhappy-customers', 'praise-to-content', 'tone-of-voice']) {
      expect(
        titles.some((x) => x.startsWith('ar:') && x.includes(topic)),
        topic,
      ).toBe(true);
      expect(
        titles.some((x) => x.startsWith('en:') && x.includes(topic)),
        topic,
      ).toBe(true);
    }
  });

  it('uses only variables the templates feature fills in, and never asks for personal data in public', () => {
    const known = /^(commenter\.(firstName|name)|agent\.name|brand\.name|date|product\.(name|price)|delivery\.days)(\|[^{}|]*)?$/;
    for (const t of pack?.templates ?? []) {
      for (const [, variable] of t.body.matchAll(/\{\{([^{}]*)\}\}/g)) expect(variable, t.id).toMatch(known);
      expect(t.body, t.id).not.toMatch(/phone number|رقم (الهاتف|الجوال)/i);
    }
  });
});
