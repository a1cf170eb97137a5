/**
 * A team's pack grown to `count` templates (the starter pack's 20 first, then generated ones in Arabic and
 * English, ~440 characters of body each: 5,000 make the 2.2 MB the scale issue measured). Generated shortcuts
 * are `;r00021`… (one length, so prefix-free, and clear of the starter pack's).
 */
import type { GuidancePack } from '../../utils/schemas/guidance-pack';
import type { Template } from '../../utils/schemas/template';
import { defaultPack } from './team-packs';

const AR =
  'شكرا جزيلا على ثقتكم نعتذر عن التأخير في توصيل طلبك سياسة الاسترجاع والاستبدال خلال أيام أسعار المنتجات متوفرة حاليا الشحن إلى جميع المدن'.split(
    ' ',
  );
const EN =
  'thank you so much for your kind words sorry for the delay in delivering your order refund and return policy within days prices of our products'.split(
    ' ',
  );

export function generatedTemplate(i: number): Template {
  const ar = i % 2 === 0;
  const words = ar ? AR : EN;
  const phrase = (n: number, from: number) => Array.from({ length: n }, (_, k) => words[(from + k * 7) % words.length]).join(' ');
  return {
    id: `gen-${String(i).padStart(5, '0')}`,
    title: `${phrase(4, i)} ${i}`,
    body: `${phrase(60, i)} {{commenter.firstName|${ar ? 'عزيزنا' : 'there'}}} (${i})`,
    lang: ar ? 'ar' : 'en',
    shortcut: `;r${String(i).padStart(5, '0')}`,
    tags: [words[i % words.length]],
    category: ar ? 'عام' : 'general',
    status: 'approved',
  };
}

export function largePack(count: number): GuidancePack {
  const pack = structuredClone(defaultPack);
  const extra = Array.from({ length: Math.max(0, count - pack.templates.length) }, (_, k) =>
    generatedTemplate(pack.templates.length + k),
  );
  return { ...pack, id: `scale-${count}`, templates: [...pack.templates, ...extra] };
}
