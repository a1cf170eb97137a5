import { describe, expect, it } from 'vitest';
import { checkCopy, xWeightedLength } from '../../../utils/brand/copy-rules';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { CopyRules } from '../../../utils/schemas/brand-kit';
import type { Template } from '../../../utils/schemas/template';
import { renderTemplate } from '../../../utils/templates/render';
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
    for (const situation of [
      'thanks',
      'delay',
      'refund',
      'refund-issued',
      'price',
      'shipping',
      'out-of-stock',
      'dm',
      'escalate',
    ]) {
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
      const declared = new Set((t.fields ?? []).map((f) => f.name));
      for (const [, variable] of t.body.matchAll(/\{\{([^{}]*)\}\}/g)) {
        // Format 2's conditions, {{cursor}} and the template's own typed fields are the template's, not page data.
        if (/^(#if |\/if$|else$|cursor$)/.test(variable) || declared.has(variable)) continue;
        expect(variable, t.id).toMatch(known);
      }
      expect(t.body, t.id).not.toMatch(/phone number|رقم (الهاتف|الجوال)/i);
    }
  });

  it('has a refund template with a card / cash / wallet menu and a date whose X variant fits X’s weighted length', () => {
    for (const id of ['care.refund-issued.en', 'care.refund-issued.ar']) {
      const template = pack?.templates.find((t) => t.id === id);
      expect(
        template?.fields?.map((f) => f.type),
        id,
      ).toEqual(['choice', 'date']);
      expect(template?.fields?.[0].options?.map((o) => o.value)).toEqual(['card', 'cash', 'wallet']);
      for (const refundMethod of ['card', 'cash', 'wallet']) {
        const context = { commenter: { name: 'Sara Ahmed' }, fields: { refundMethod }, now: new Date('2026-12-06T10:00:00Z') };
        const onX = renderTemplate(template as Template, { ...context, platform: 'x' });
        // With the order number typed at the cursor (up to 12 digits).
        const typed = `${onX.text.slice(0, onX.cursor?.start)}123456789012${onX.text.slice(onX.cursor?.end)}`;
        expect(xWeightedLength(typed), `${id} ${refundMethod}`).toBeLessThanOrEqual(280);
        expect(checkCopy(typed, pack?.brandKit.copyRules as CopyRules, 'x').ok, `${id} ${refundMethod}`).toBe(true);
        expect(renderTemplate(template as Template, { ...context, platform: 'facebook' }).text.length).toBeGreaterThan(
          onX.text.length,
        );
      }
    }
    // Without its variant the English text would not fit on X.
    const en = pack?.templates.find((t) => t.id === 'care.refund-issued.en') as Template;
    expect(xWeightedLength(renderTemplate(en, { fields: { refundMethod: 'card' } }).text)).toBeGreaterThan(280);
  });
});
