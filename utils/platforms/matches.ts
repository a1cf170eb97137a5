import { PLATFORM_SITES } from './sites';

/**
 * The six platforms whose composers Dalil works in, from their adapter files. Content scripts match
 * these; no other site gets one until the user enables Dalil there.
 */
export const PLATFORM_MATCHES: string[] = PLATFORM_SITES.flatMap((site) => site.matches);
