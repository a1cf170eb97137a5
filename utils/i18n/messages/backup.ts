/** UI strings of the backup area; merged into ../messages.ts. Keys start with 'backup.'. */
export const en = {} as const;

export const ar: Record<keyof typeof en, string> = {};
