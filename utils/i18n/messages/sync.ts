/** UI strings of the sync area; merged into ../messages.ts. Keys start with 'sync.'. */
export const en = {} as const;

export const ar: Record<keyof typeof en, string> = {};
