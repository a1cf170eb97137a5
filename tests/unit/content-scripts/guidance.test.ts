import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createGuidance } from '../../../entrypoints/social.content/guidance';
import type { ContentSend } from '../../../utils/content-scripts/lifecycle';

const entries = [
  { id: 'greet-en', lang: 'en', shortcut: ';greeten' },
  { id: 'greet-ar', lang: 'ar', shortcut: ';greetar' },
  { id: 'thanks', lang: 'en', shortcut: ';Thanks', pairId: 'thanks' },
  { id: 'thanks-ar', lang: 'ar', pairId: 'thanks' },
  { id: 'refund', lang: 'en', shortcut: ';refund' },
  { id: 'price', lang: 'en', shortcut: ';price' },
];

/** A composer's guidance over a background that answers the table above and records each template asked for. */
function composerGuidance() {
  const asked: string[] = [];
  const send = (async (type: string, payload: { id?: string }) => {
    if (type === 'content.getShortcuts') return { entries, brandName: 'Acme', agentName: 'Lina' };
    if (type === 'content.getTemplate') {
      asked.push(payload.id ?? '');
      return { template: { id: payload.id, title: 't', body: 'b', lang: 'en', tags: [], status: 'approved' } };
    }
    return undefined;
  }) as ContentSend;
  return { guidance: createGuidance(new ContentScriptContext('test'), send), asked };
}

// The page's locale is read with the first table.
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});

describe('a composer’s templates', () => {
  it('matches from the table alone and fetches a template’s text once, on use', async () => {
    const { guidance, asked } = composerGuidance();
    expect(guidance.matcher()).toBeUndefined();
    await guidance.load();
    expect(guidance.matcher()?.('hello ;refund')?.template.id).toBe('refund');
    expect(asked).toEqual([]);
    await guidance.template('refund');
    await guidance.template('refund');
    expect(asked).toEqual(['refund']);
  });

  it('fetches ahead the text of the few templates the word being typed can still become', async () => {
    const { guidance, asked } = composerGuidance();
    await guidance.load();
    expect(guidance.prefetch('hi ;')).toEqual([]); // every shortcut: too many to fetch ahead
    expect(guidance.prefetch('hi ;gr ee')).toEqual([]); // not a shortcut being typed
    expect(asked).toEqual([]);
    // Compared as the matcher does (case, normalisation); the entries are those whose expansion is prepared.
    expect(
      guidance
        .prefetch('hi ;GREE')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['greet-ar', 'greet-en']);
    expect(asked.sort()).toEqual(['greet-ar', 'greet-en']);
    guidance.prefetch('hi ;greet');
    expect(asked).toHaveLength(2); // kept, not asked again
    // With its pair: under a comment in the other language the pair is what is inserted.
    guidance.prefetch(';th');
    expect(asked.slice(2)).toEqual(['thanks', 'thanks-ar']);
  });
});
