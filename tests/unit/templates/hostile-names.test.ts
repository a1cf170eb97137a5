/**
 * Names come from the page, which chooses them: overrides, unbalanced isolates, zero-width-only names,
 * NUL, lone surrogates, markup and replacement patterns must give replies that read correctly.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../utils/templates/render';
import { cleanName, cleanPageText } from '../../../utils/text/clean-text';

const en = { body: 'Thanks, {{commenter.firstName|friend}}! Order {{order|#}} is on its way.', lang: 'en' };
const ar = { body: 'شكرًا يا {{commenter.firstName|عزيزنا}}، طلبك رقم 4821 في الطريق.', lang: 'ar' };
const BIDI = /[\u202a-\u202e\u200e\u200f\u061c]/;

describe('commenter names from the page', () => {
  it('drops bidi overrides and embeddings, so nothing can reorder the reply around the name', () => {
    const { text } = renderTemplate(en, { commenter: { name: '\u202eSara\u202c Ahmed' } });
    expect(text).toBe('Thanks, Sara! Order # is on its way.');
    expect(text).not.toMatch(BIDI);
  });

  it('drops unbalanced isolates and marks, then isolates the name as a whole where its script runs against the text', () => {
    const { text } = renderTemplate(ar, { commenter: { name: '\u2067Sara\u200f \u2066Ahmed' } });
    // One isolate pair, balanced, around the Latin name only.
    expect(text).toBe('شكرًا يا \u2068Sara\u2069، طلبك رقم 4821 في الطريق.');
    expect(text.match(/\u2068/g)).toHaveLength(1);
    expect(text.match(/\u2069/g)).toHaveLength(1);
  });

  it.each([
    ['zero-width only', '\u200b\u200c\u200d'],
    ['a byte-order mark and spaces', ' \ufeff \u00a0 '],
    ['bidi controls only', '\u202e\u2066\u2069\u200f'],
    ['format characters only', '\u2060\u2061\u00ad'],
  ])('takes the fallback when the name is %s', (_what, name) => {
    expect(renderTemplate(en, { commenter: { name } }).text).toBe('Thanks, friend! Order # is on its way.');
    expect(renderTemplate(ar, { commenter: { name } }).text).toContain('يا عزيزنا،');
  });

  it('drops NUL and other control characters, and turns lone surrogates into U+FFFD', () => {
    expect(renderTemplate(en, { commenter: { name: 'Sa\u0000ra\u0007\u009b' } }).text).toContain('Thanks, Sara!');
    expect(cleanPageText('a\ud800b\udc00c😀')).toBe('a\ufffdb\ufffdc😀');
    expect(cleanName('\ud83d')).toBe('\ufffd');
  });

  it('inserts markup and replacement patterns literally, never expanded', () => {
    expect(renderTemplate(en, { commenter: { name: "<img src=x onerror=alert(1)> $& $' {{agent.name}}" } }).text).toBe(
      'Thanks, <img! Order # is on its way.',
    );
    const whole = renderTemplate(
      { body: 'Hi {{commenter.name}}', lang: 'en' },
      { commenter: { name: "$& $' {{agent.name}}" }, agent: { name: 'Lina' } },
    );
    expect(whole.text).toBe("Hi $& $' {{agent.name}}");
  });

  it('keeps a real name as it is', () => {
    expect(cleanName('  Maryam   Al-Harbi ')).toBe('Maryam Al-Harbi');
    expect(cleanName('مريم الحربي')).toBe('مريم الحربي');
    expect(cleanName('Zoë 👩‍👩‍👧')).toBe('Zoë 👩‍👩‍👧'); // a ZWJ inside an emoji is part of what shows
  });
});

describe('template variables named like object properties', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'renders {{%s}} as missing, never throws',
    (name) => {
      const result = renderTemplate({ body: `Hi {{${name}}} and {{${name}|there}}`, lang: 'en' });
      expect(result.text).toBe('Hi  and there');
      expect(result.missing).toEqual([name]);
    },
  );

  it('fills such a field from what the person typed', () => {
    const fields = JSON.parse('{"__proto__": "typed", "constructor": "also typed"}') as Record<string, string>;
    expect(renderTemplate({ body: '{{__proto__}} / {{constructor}}', lang: 'en' }, { fields }).text).toBe('typed / also typed');
  });
});
