// No zod here: the ad-library content script cuts a card's text to these limits, and must not carry zod.
/**
 * What one saved ad may hold. Cards come from pages we do not control: a card with a megabyte of
 * "text" or a thousand "platforms" must not fill the swipe file (the adapters cut text to these).
 */
export const AD_LIMITS = {
  /** An ad's primary text: Meta shows up to about 2,200 characters; room for the longest. */
  text: 10_000,
  headline: 500,
  cta: 100,
  advertiserName: 300,
  advertiserId: 200,
  libraryAdId: 100,
  format: 100,
  platforms: 16,
  platform: 40,
  media: 20,
  missing: 40,
  missingPart: 60,
  url: 4096,
} as const;
