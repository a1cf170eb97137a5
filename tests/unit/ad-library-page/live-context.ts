/** A content-script context that stays valid: what the ad-library page's parts need of WXT's, and no more. */
import type { ContentScriptContext } from '../../../utils/content-scripts/lifecycle';

export const liveContext = {
  onInvalidated() {},
  signal: new AbortController().signal,
  isValid: true,
  isInvalid: false,
} as unknown as ContentScriptContext;
