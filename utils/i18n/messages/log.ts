/** UI strings of the log area; merged into ../messages.ts. Keys start with 'log.'. */
export const en = {} as const;

export const ar: Record<keyof typeof en, string> = {};
