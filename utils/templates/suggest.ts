/**
 * Offline rules that guess what a comment is about, in Arabic and English, to suggest the three
 * templates an agent most likely needs. Words are matched after Arabic folding (hamza, ta marbuta,
 * tashkeel) so spelling variants count.
 */
import { normalizeForSearch } from '../search/normalize';
import { detectCommentLanguage } from '../text/comment-language';
import { baseLanguage } from './reply-language';

export type CommentIntent = 'complaint' | 'praise' | 'question' | 'price' | 'delivery' | 'refund' | 'stock';

const RULES: Record<CommentIntent, RegExp> = {
  complaint:
    /(terrible|awful|worst|disappoint|angry|broken|damaged|never again|complain|scam|rude|unacceptable|سيء|سيئ|سيئه|زفت|خايس|مزعج|للاسف|مشكله|اشتكي|شكوي|نصب|غاضب|خربان|تالف|مكسور|ما وصل|لم يصل|متاخر|تاخير|😡|😞|😠|👎)/,
  praise:
    /(love|amazing|great|awesome|best|excellent|perfect|thank|delicious|wonderful|رائع|ممتاز|جميل|حلو|تحفه|احسن|افضل|شكرا|يعطيكم العافيه|لذيذ|مبدع|😍|❤|👍|🔥)/,
  question: /(\?|؟|how|when|where|what|which|can i|do you|is there|كيف|متي|وين|اين|هل|ايش|شو|ماذا|ليش|لماذا|كم)/,
  price: /(price|cost|how much|expensive|cheap|discount|offer|sale|سعر|اسعار|بكم|كم السعر|غالي|رخيص|خصم|عرض|تخفيض)/,
  delivery: /(deliver|shipping|ship|arrive|track|order|courier|توصيل|شحن|يوصل|وصل|توصل|طلب|الطلب|مندوب|تتبع)/,
  refund: /(refund|return|money back|exchange|cancel|استرجاع|استرداد|ارجاع|ترجيع|استبدال|الغاء|فلوسي)/,
  stock: /(out of stock|sold out|back in stock|restock|available|availability|نفد|نفذ|خلص|متوفر|متي يرجع|يتوفر|غير متوفر)/,
};

/** Which intents a comment shows, strongest signals first (complaint outranks a polite question). */
export function classifyComment(text: string): CommentIntent[] {
  const folded = normalizeForSearch(text);
  const raw = text.toLowerCase();
  const order: CommentIntent[] = ['complaint', 'refund', 'delivery', 'stock', 'price', 'praise', 'question'];
  return order.filter((intent) => RULES[intent].test(folded) || RULES[intent].test(raw));
}

/** Template categories and tags each intent points at (the default pack's `care::…` categories). */
const INTENT_TARGETS: Record<CommentIntent, string[]> = {
  complaint: ['complaints', 'escalat', 'delay', 'apolog'],
  praise: ['praise', 'thanks', 'feedback'],
  question: ['faq', 'question', 'order'],
  price: ['pricing', 'price'],
  delivery: ['delivery', 'shipping', 'order', 'delay'],
  refund: ['refunds', 'refund', 'return'],
  stock: ['stock', 'out-of-stock'],
};

export interface Suggestable {
  id: string;
  lang: string;
  category?: string;
  tags: string[];
  pairId?: string;
}

/**
 * Up to `count` templates for a comment: those whose category or tags match its intents (in
 * intent order), in the comment's language first, ties broken by how often each was used.
 */
export function suggestTemplates<T extends Suggestable>(
  comment: string,
  templates: readonly T[],
  usage: Readonly<Record<string, number>> = {},
  count = 3,
): T[] {
  const intents = classifyComment(comment);
  if (intents.length === 0) return [];
  // Arabizi is Arabic; a comment in no telling language (emoji, a name) puts neither first.
  const lang = detectCommentLanguage(comment);
  const scored = templates
    .map((t, index) => {
      const haystack = `${t.category ?? ''} ${t.tags.join(' ')} ${t.pairId ?? ''}`.toLowerCase();
      const rank = intents.findIndex((intent) => INTENT_TARGETS[intent].some((target) => haystack.includes(target)));
      return { t, index, rank, sameLang: baseLanguage(t.lang) === lang ? 0 : 1, used: usage[t.id] ?? 0 };
    })
    .filter((x) => x.rank !== -1);
  scored.sort((a, b) => a.sameLang - b.sameLang || a.rank - b.rank || b.used - a.used || a.index - b.index);
  const picked: T[] = [];
  const pairs = new Set<string>();
  for (const { t } of scored) {
    // One template per situation: its other-language twin adds nothing.
    if (t.pairId && pairs.has(t.pairId)) continue;
    if (t.pairId) pairs.add(t.pairId);
    picked.push(t);
    if (picked.length === count) break;
  }
  return picked;
}
