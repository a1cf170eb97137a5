import type { Platform } from '../schemas/common';
import type { PlatformAdapter } from './adapter';
import { facebookAdapter } from './facebook';
import { genericAdapter } from './generic';
import { instagramAdapter } from './instagram';
import { linkedinAdapter } from './linkedin';
import { tiktokAdapter } from './tiktok';
import { xAdapter } from './x';
import { youtubeAdapter } from './youtube';

export const ADAPTERS: Record<Platform, PlatformAdapter> = {
  facebook: facebookAdapter,
  instagram: instagramAdapter,
  x: xAdapter,
  linkedin: linkedinAdapter,
  youtube: youtubeAdapter,
  tiktok: tiktokAdapter,
  generic: genericAdapter,
};
