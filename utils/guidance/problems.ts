import type { z } from 'zod/mini';
import './validator-language';

/** One reason a pack, template or message was refused, pointing at the JSON path it is about. */
export interface Problem {
  /** JSON path like `templates[3].shortcut`; `$` for the whole document. */
  path: string;
  message: string;
  /** Dalil's own check (e.g. `duplicate-id`, `shortcut-prefix`) so the UI can say it in Arabic too. */
  code?: string;
  params?: Record<string, string>;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '$' : out;
}

export function problemsFromZod(error: z.core.$ZodError, limit = 200): Problem[] {
  return error.issues.slice(0, limit).map((issue) => {
    const params = (issue as { params?: Record<string, unknown> }).params;
    const code = typeof params?.dalil === 'string' ? params.dalil : undefined;
    const problem: Problem = { path: formatPath(issue.path), message: issue.message };
    if (code) {
      problem.code = code;
      problem.params = Object.fromEntries(
        Object.entries(params ?? {})
          .filter(([key]) => key !== 'dalil')
          .map(([key, value]) => [key, String(value)]),
      );
    }
    return problem;
  });
}
