/**
 * What the platform features share about the page they run in: its platform and adapter, the
 * composer an event happened in, the reply's context, and problems reported once per page.
 */
import type { ContentScriptContext, ContentSend } from '@/utils/content-scripts/lifecycle';
import type { PlatformAdapter, ReplyContext } from '@/utils/platforms/adapter';
import { platformOfHost } from '@/utils/platforms/detect';
import { genericAdapter } from '@/utils/platforms/generic';
import { ADAPTERS } from '@/utils/platforms/index';
import type { Platform } from '@/utils/schemas/common';
import type { Guidance } from './guidance';
import type { Insertion } from './insertion';

/** What the entry file hands every feature's `init(ctx, deps)`. */
export interface SocialDeps {
  page: Page;
  guidance: Guidance;
  insertion: Insertion;
}

export interface Page {
  platform: Platform;
  adapter: PlatformAdapter;
  send: ContentSend;
  /** The composer an event happened in: the platform's own, else any text box (reported, still served). */
  composerOf(target: EventTarget | null): HTMLElement | null;
  /** The reply's context (commenter…) for a composer; empty for one only the generic adapter took. */
  contextFor(composer: HTMLElement): ReplyContext;
}

export function createPage(_ctx: ContentScriptContext, send: ContentSend): Page {
  const platform = platformOfHost(location.hostname);
  const adapter: PlatformAdapter = ADAPTERS[platform];

  const reported = new Set<string>();
  const reportOnce = (problem: string) => {
    if (reported.has(problem) || platform === 'generic') return;
    reported.add(problem);
    void send('content.reportHealth', { platform, problem, url: location.href });
  };

  const composerOf = (target: EventTarget | null): HTMLElement | null => {
    if (!(target instanceof Element)) return null;
    const own = adapter.composerFor(target);
    if (own) return own;
    const generic = genericAdapter.composerFor(target);
    if (generic && platform !== 'generic') reportOnce('composer-unrecognised');
    return generic;
  };

  const contextFor = (composer: HTMLElement): ReplyContext => {
    // A composer only the generic adapter took has no context to read.
    if (!adapter.composerFor(composer)) return {};
    const context = adapter.readContext(composer);
    if (!context.commenterName) reportOnce('commenter-not-found');
    return context;
  };

  return { platform, adapter, send, composerOf, contextFor };
}
