import { describe, expect, it } from 'vitest';
import type { Template } from '../../../utils/schemas/template';
import { createTemplateIndex, type SearchableTemplate } from '../../../utils/search/template-search';

function tpl(id: string, fields: Partial<SearchableTemplate> = {}): SearchableTemplate {
  return { id, title: `Title ${id}`, body: `Body ${id}`, tags: [], lang: 'en', ...fields };
}

function ids(results: readonly SearchableTemplate[]): string[] {
  return results.map((t) => t.id);
}

describe('createTemplateIndex: blank queries', () => {
  const templates = [tpl('c'), tpl('a', { shortcut: ';alpha' }), tpl('b'), tpl('d', { shortcut: ';delta' })];
  const index = createTemplateIndex(templates);

  it('returns every template in the original order', () => {
    expect(ids(index.search(''))).toEqual(['c', 'a', 'b', 'd']);
    expect(ids(index.search('   \n'))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('treats punctuation-only queries as blank', () => {
    expect(ids(index.search('!?'))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('lists only templates with a shortcut for a lone ";"', () => {
    expect(ids(index.search(';'))).toEqual(['a', 'd']);
  });

  it('applies the limit', () => {
    expect(ids(index.search('', { limit: 2 }))).toEqual(['c', 'a']);
  });

  it('returns a new array each time', () => {
    const first = index.search('');
    first.pop();
    expect(index.search('')).toHaveLength(4);
  });
});

describe('createTemplateIndex: Arabic-aware matching', () => {
  const templates = [
    tpl('prices', { title: 'أسعار التوصيل', lang: 'ar' }),
    tpl('thanks', { title: 'رد', body: 'شكراً لتواصلك معنا', lang: 'ar' }),
    tpl('library', { title: 'عنوان', body: 'زوروا مكتبة الفرع الرئيسي', lang: 'ar' }),
    tpl('days', { title: 'مدة', body: 'يصل طلبك خلال 3 أيام', lang: 'ar' }),
    tpl('days-ar', { title: 'مدة', body: 'يصل طلبك خلال ٥ أيام', lang: 'ar' }),
    tpl('shipping', { title: 'تكلفة الشحن', body: 'نعتذر عن التأخير بالشحن', lang: 'ar' }),
    tpl('bare', { title: 'شحن سريع', lang: 'ar' }),
    tpl('cafe', { title: 'Café menu' }),
    tpl('hidden', { title: 'Order', body: 'Dear {{name}}, your order shipped.' }),
  ];
  const index = createTemplateIndex(templates);

  it('ignores hamza on alef', () => {
    expect(ids(index.search('اسعار'))).toEqual(['prices']);
    expect(ids(index.search('أسعار'))).toEqual(['prices']);
  });

  it('ignores tanween and other harakat', () => {
    expect(ids(index.search('شكرا'))).toEqual(['thanks']);
    expect(ids(index.search('شُكْراً'))).toEqual(['thanks']);
  });

  it('treats ta marbuta and heh alike', () => {
    expect(ids(index.search('مكتبه'))).toEqual(['library']);
    expect(ids(index.search('مكتبة'))).toEqual(['library']);
  });

  it('matches Arabic-Indic digits with ASCII digits both ways', () => {
    expect(ids(index.search('٣'))).toEqual(['days']);
    expect(ids(index.search('5'))).toEqual(['days-ar']);
  });

  it('matches a word with or without the definite article', () => {
    // Both are whole-word title hits (one through its article), so they keep their order.
    expect(ids(index.search('شحن'))).toEqual(['shipping', 'bare']);
    expect(ids(index.search('الشحن'))).toEqual(['shipping', 'bare']);
    expect(ids(index.search('بالشحن'))).toEqual(['shipping', 'bare']);
    expect(ids(index.search('توصيل'))).toEqual(['prices']);
  });

  it('does not split a short prefix off as an article', () => {
    // "الش" keeps its article (stem would be one letter), so it does not match the bare شحن.
    expect(ids(index.search('الش'))).toEqual(['shipping']);
  });

  it('ignores Latin accents', () => {
    expect(ids(index.search('cafe'))).toEqual(['cafe']);
    expect(ids(index.search('CAFÉ'))).toEqual(['cafe']);
  });

  it('ignores invisible direction marks in the query', () => {
    expect(ids(index.search('\u200Fاسعار\u200E'))).toEqual(['prices']);
  });

  it('does not index {{variable}} names', () => {
    expect(index.search('name')).toEqual([]);
    expect(ids(index.search('shipped'))).toEqual(['hidden']);
  });
});

describe('createTemplateIndex: matching rules', () => {
  const templates = [
    tpl('refund', { title: 'Refund policy', body: 'Refunds take 5 days.' }),
    tpl('delay', { title: 'Delivery delay', body: 'Sorry for the delay in your refund.' }),
    tpl('mixed', { title: 'Order status حالة الطلب', body: 'Your order is on its way' }),
    tpl('other', { title: 'Greeting', body: 'Hello there' }),
  ];
  const index = createTemplateIndex(templates);

  it('matches partial words as you type', () => {
    expect(ids(index.search('re'))).toEqual(['refund', 'delay']);
    expect(ids(index.search('ref'))).toEqual(['refund', 'delay']);
    expect(ids(index.search('refu'))).toEqual(['refund', 'delay']);
    expect(ids(index.search('refund'))).toEqual(['refund', 'delay']);
  });

  it('matches prefixes only, not the middle of words', () => {
    expect(index.search('fund')).toEqual([]);
    expect(index.search('refundable')).toEqual([]);
  });

  it('ranks templates matching every query word first, in any field and any order, and keeps the others', () => {
    expect(ids(index.search('delay refund'))).toEqual(['delay', 'refund']);
    expect(ids(index.search('refund delay'))).toEqual(['delay', 'refund']);
    // A word that matches nothing lowers the score but never empties the list.
    expect(ids(index.search('refund hello'))).toEqual(['refund', 'other', 'delay']);
    expect(ids(index.search('refund zzzqqq'))).toEqual(['refund', 'delay']);
  });

  it('matches mixed Arabic and English queries', () => {
    expect(ids(index.search('حالة order'))).toEqual(['mixed']);
    expect(ids(index.search('طلب stat'))).toEqual(['mixed']);
    expect(ids(index.search('حالة refund'))[0]).toBe('mixed');
    expect(ids(index.search('حالة refund'))).toHaveLength(3);
  });

  it('applies the limit after ranking', () => {
    const ranked = createTemplateIndex([
      tpl('body', { body: 'Your refund' }),
      tpl('title', { title: 'Refund policy' }),
      tpl('tag', { tags: ['refunds'] }),
    ]);
    expect(ids(ranked.search('ref'))).toEqual(['title', 'tag', 'body']);
    expect(ids(ranked.search('ref', { limit: 2 }))).toEqual(['title', 'tag']);
    expect(ids(ranked.search('ref', { limit: 1.9 }))).toEqual(['title']);
    expect(ranked.search('ref', { limit: 0 })).toEqual([]);
    expect(ranked.search('ref', { limit: -3 })).toEqual([]);
    expect(ranked.search('ref', { limit: Number.NaN })).toHaveLength(3);
  });

  it('returns the same template objects it was given', () => {
    expect(index.search('greeting')[0]).toBe(templates[3]);
  });
});

describe('createTemplateIndex: ranking', () => {
  it('ranks shortcut over title over tag and category (one tier) over body, whatever the input order', () => {
    const index = createTemplateIndex([
      tpl('body', { body: 'Thanks for your patience' }),
      tpl('category', { category: 'care::thanks' }),
      tpl('tag', { tags: ['thanks'] }),
      tpl('title', { title: 'Thanks a lot' }),
      tpl('shortcut', { shortcut: ';thanks' }),
    ]);
    const expected = ['shortcut', 'title', 'category', 'tag', 'body'];
    expect(ids(index.search('thanks'))).toEqual(expected);
    expect(ids(index.search(';thanks'))).toEqual(expected);
    expect(ids(index.search('tha'))).toEqual(expected);
  });

  it('puts an exact shortcut before one it only starts', () => {
    const index = createTemplateIndex([
      tpl('longer', { shortcut: ';thanksgiving' }),
      tpl('exact', { shortcut: ';thanks' }),
      tpl('title', { title: 'Thanks' }),
    ]);
    expect(ids(index.search(';thanks'))).toEqual(['exact', 'longer', 'title']);
    expect(ids(index.search('than'))).toEqual(['longer', 'exact', 'title']);
  });

  it('matches a shortcut typed with or without its separators', () => {
    const index = createTemplateIndex([tpl('title', { title: 'Order status' }), tpl('sc', { shortcut: ';order-status' })]);
    expect(ids(index.search(';order-status'))).toEqual(['sc', 'title']);
    expect(ids(index.search('orderst'))).toEqual(['sc']);
    expect(ids(index.search('status'))).toEqual(['sc', 'title']);
  });

  it('matches Arabic shortcuts with folding', () => {
    const index = createTemplateIndex([tpl('title', { title: 'شكرا جزيلا' }), tpl('sc', { shortcut: ';شكراً' })]);
    expect(ids(index.search(';شكرا'))).toEqual(['sc', 'title']);
    expect(ids(index.search('شك'))).toEqual(['sc', 'title']);
  });

  it('ranks a template matching more tokens in better fields higher', () => {
    const index = createTemplateIndex([
      tpl('split', { title: 'Refund', body: 'About the delay' }),
      tpl('both', { title: 'Refund delay' }),
    ]);
    expect(ids(index.search('refund delay'))).toEqual(['both', 'split']);
  });

  it('puts whole-word matches before prefix matches in the same field', () => {
    const index = createTemplateIndex([tpl('prefix', { title: 'Shipping delays' }), tpl('word', { title: 'Ship today' })]);
    expect(ids(index.search('ship'))).toEqual(['word', 'prefix']);
  });

  it('keeps the original order for equal ranks', () => {
    const index = createTemplateIndex([
      tpl('z', { title: 'Refund one' }),
      tpl('y', { title: 'Refund two' }),
      tpl('x', { title: 'Refund three' }),
    ]);
    expect(ids(index.search('refund'))).toEqual(['z', 'y', 'x']);
  });
});

describe('createTemplateIndex: index lifecycle', () => {
  it('does not see changes to the array after it was built', () => {
    const templates = [tpl('a', { title: 'Refund' })];
    const index = createTemplateIndex(templates);
    templates.push(tpl('b', { title: 'Refund' }));
    templates[0] = tpl('c', { title: 'Other' });
    expect(ids(index.search('refund'))).toEqual(['a']);
    expect(ids(index.search(''))).toEqual(['a']);
  });

  it('handles an empty list', () => {
    const index = createTemplateIndex([]);
    expect(index.search('')).toEqual([]);
    expect(index.search('anything')).toEqual([]);
  });

  it('accepts Template values and returns them typed', () => {
    const template: Template = {
      id: 'greet-ar',
      title: 'تحية',
      body: 'أهلاً بك',
      lang: 'ar',
      shortcut: ';اهلا',
      tags: ['ترحيب'],
      status: 'approved',
    };
    const results: Template[] = createTemplateIndex([template]).search('ترحيب');
    expect(results[0]?.status).toBe('approved');
  });

  it('finds the right templates among 5,000', () => {
    const templates = Array.from({ length: 5000 }, (_, i) =>
      tpl(`t${i}`, { title: `Template ${i} الشحن`, body: `Body text number ${i} أسعار`, tags: [`tag${i % 7}`] }),
    );
    const index = createTemplateIndex(templates);
    expect(ids(index.search('template 4999', { limit: 1 }))).toEqual(['t4999']);
    expect(ids(index.search('شحن 123', { limit: 3 }))).toEqual(['t123', 't1230', 't1231']);
    // Every template has اسعار; the 714 with tag3 as well come first.
    const both = index.search('tag3 اسعار');
    expect(both).toHaveLength(5000);
    expect(both.slice(0, 714).every((t) => t.tags[0] === 'tag3')).toBe(true);
    expect(both[714].tags[0]).not.toBe('tag3');
    expect(index.search('nothing-here')).toEqual([]);
  });
});
