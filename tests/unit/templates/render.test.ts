import { describe, expect, it } from 'vitest';
import { fillInFields, firstNameOf, renderTemplate } from '../../../utils/templates/render';

const FSI = '\u2068';
const PDI = '\u2069';
const now = new Date('2026-11-26T10:00:00Z');

describe('renderTemplate', () => {
  it('fills the commenter, agent, brand and date', () => {
    const body = 'Hi {{commenter.firstName}} ({{commenter.name}}), {{agent.name}} from {{brand.name}} here, {{date}}.';
    const { text, missing } = renderTemplate(
      { body, lang: 'en' },
      { commenter: { name: 'Sara Ahmed' }, agent: { name: 'Lina' }, brand: { name: 'Dalil Coffee' }, now },
    );
    expect(text).toBe('Hi Sara (Sara Ahmed), Lina from Dalil Coffee here, November 26, 2026.');
    expect(missing).toEqual([]);
  });

  it('uses the fallback when a value is unknown or blank', () => {
    expect(renderTemplate({ body: 'Thanks {{commenter.firstName|there}}!', lang: 'en' }).text).toBe('Thanks there!');
    expect(renderTemplate({ body: 'شكرًا {{commenter.firstName|عزيزنا}}', lang: 'ar' }, { commenter: { name: '  ' } }).text).toBe(
      'شكرًا عزيزنا',
    );
  });

  it('asks for fill-in fields that have no value and no fallback', () => {
    const body = 'Your order {{order.number}} ships in {{delivery.days|3–5}} days, {{commenter.firstName|friend}}.';
    expect(fillInFields(body)).toEqual(['order.number', 'delivery.days']);
    expect(renderTemplate({ body, lang: 'en' }).missing).toEqual(['order.number']);
    expect(renderTemplate({ body, lang: 'en' }, { fields: { 'order.number': '4821' } }).text).toBe(
      'Your order 4821 ships in 3–5 days, friend.',
    );
  });

  it('inserts page text literally: no re-expansion, no replacement patterns', () => {
    const { text } = renderTemplate(
      { body: 'Hi {{commenter.name}}!', lang: 'en' },
      { commenter: { name: '{{agent.name}} $& $1' } },
    );
    expect(text).toBe('Hi {{agent.name}} $& $1!');
  });

  it('isolates a Latin name and an order number inside Arabic text', () => {
    const { text } = renderTemplate(
      { body: 'شكرًا يا {{commenter.firstName}}، طلبك رقم {{order.number}} في الطريق.', lang: 'ar' },
      { commenter: { name: 'John Smith' }, fields: { 'order.number': 'A-4821' } },
    );
    expect(text).toBe(`شكرًا يا ${FSI}John${PDI}، طلبك رقم ${FSI}A-4821${PDI} في الطريق.`);
  });

  it('isolates an Arabic name inside English text, and leaves same-script names alone', () => {
    expect(renderTemplate({ body: 'Thanks, {{commenter.name}}!', lang: 'en' }, { commenter: { name: 'مريم الحربي' } }).text).toBe(
      `Thanks, ${FSI}مريم الحربي${PDI}!`,
    );
    expect(renderTemplate({ body: 'Thanks, {{commenter.name}}!', lang: 'en' }, { commenter: { name: 'Sara' } }).text).toBe(
      'Thanks, Sara!',
    );
    expect(renderTemplate({ body: 'شكرًا {{commenter.name}}', lang: 'ar' }, { commenter: { name: 'مريم' } }).text).toBe(
      'شكرًا مريم',
    );
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Sara Ahmed', 'Sara'],
    ['@omar.k', 'omar'],
    ['Dr. Khalid Al-Mansour', 'Khalid'],
    ['مريم الحربي', 'مريم'],
    ['د. هدى', 'هدى'],
    ['', ''],
  ])('%s → %s', (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });
});

describe('preview rendering', () => {
  it('keeps unfilled fields visible as {{name}} when asked', () => {
    const body = 'Price of {{product.name}}: {{product.price}}';
    expect(renderTemplate({ body, lang: 'en' }, { keepMissing: true, fields: { 'product.name': 'Blend' } }).text).toBe(
      'Price of Blend: {{product.price}}',
    );
  });
});
