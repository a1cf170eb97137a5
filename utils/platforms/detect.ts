import type { Platform } from '../schemas/common';
import { PLATFORM_SITES } from './sites';

/** Which platform a page belongs to, from its host name alone (the hosts its adapter file names). */
export function platformOfHost(hostname: string): Platform {
  const host = hostname.toLowerCase().replace(/^(www|web|m)\./, '');
  return PLATFORM_SITES.find((site) => site.hosts.includes(host))?.platform ?? 'generic';
}
