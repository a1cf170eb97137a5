/**
 * The six platforms, each as its adapter file describes it (pages, hosts, name). A seventh platform
 * is its own file in this folder plus one line here and in `ADAPTERS` (index.ts); its name goes in
 * `PlatformSchema`, which tsc then holds both lists to.
 */
import type { Platform } from '../schemas/common';
import type { PlatformSite } from './adapter';
import { facebookSite } from './facebook';
import { instagramSite } from './instagram';
import { linkedinSite } from './linkedin';
import { tiktokSite } from './tiktok';
import { xSite } from './x';
import { youtubeSite } from './youtube';

export const PLATFORM_SITES: readonly PlatformSite[] = [
  facebookSite,
  instagramSite,
  xSite,
  linkedinSite,
  youtubeSite,
  tiktokSite,
];

/** A platform's name in the interface's language; undefined for `generic` (any other site). */
export function platformLabel(platform: Platform, locale: 'ar' | 'en'): string | undefined {
  return PLATFORM_SITES.find((site) => site.platform === platform)?.label[locale];
}
