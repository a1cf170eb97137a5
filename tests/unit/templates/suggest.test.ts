import { describe, expect, it } from 'vitest';
import { classifyComment, suggestTemplates } from '../../../utils/templates/suggest';
import { defaultPackData } from '../pack-fixtures';

const templates = defaultPackData().templates.map((t) => ({ ...t, tags: t.tags ?? [] }));

describe('classifyComment', () => {
  it.each([
    ['طلبت من أسبوع وما وصل الطلب رقم 4821 لحد الآن 😞', ['complaint', 'delivery']],
    ['How much is the cardamom blend? 😍', ['price', 'praise', 'question']],
    ['Best flat white in town, thank you!', ['praise']],
    ['I want a refund, the bag arrived damaged', ['complaint', 'refund', 'delivery']],
    ['متى يرجع المنتج؟ خلص من المتجر', ['stock', 'question']],
    ['السعر كم؟', ['price', 'question']],
    ['Nice photo', []],
  ])('%s', (text, intents) => {
    expect(classifyComment(text)).toEqual(intents);
  });
});

describe('suggestTemplates', () => {
  it('suggests three templates for an Arabic delivery complaint, Arabic first, one per situation', () => {
    const picked = suggestTemplates('طلبت من أسبوع وما وصل الطلب 😞', templates);
    expect(picked.map((t) => t.id)).toEqual(['care.delay.ar', 'care.escalate.ar', 'care.shipping.ar']);
  });

  it('suggests the price template for a price question in English', () => {
    expect(suggestTemplates('How much is the cardamom blend?', templates)[0].id).toBe('care.price.en');
  });

  it('prefers the more used template among equals', () => {
    const picked = suggestTemplates('Where is my order?', templates, { 'care.order-status.en': 9 });
    expect(picked[0].id).toBe('care.order-status.en');
  });

  it('suggests nothing when the comment says nothing recognisable', () => {
    expect(suggestTemplates('Nice photo', templates)).toEqual([]);
  });
});
