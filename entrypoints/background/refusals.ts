import type { Problem } from '@/utils/guidance/problems';

/**
 * A request the rules refuse (an agent editing the team's pack, an agent managing the team, a
 * setting the organisation's policy fixes). Handlers refuse in one way: they throw a Refusal. The
 * router reports it as the reply's error, which the panel shows as the message; a message whose reply
 * lists problems (saving a template, a playbook, importing a pack) gets it as one problem instead,
 * through `refusedAsProblems`, so the form shows it where it shows the others.
 */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What the panel's `problem.<code>` text names (versions, dates, addresses). */
    readonly params?: Record<string, string>,
  ) {
    super(message);
    this.name = 'Refusal';
  }

  get problem(): Problem {
    return { path: '$', code: this.code, message: this.message, ...(this.params ? { params: this.params } : {}) };
  }
}

export const readOnlyRefusal = () =>
  new Refusal('read-only', 'The team pack is read-only for agents. Save your own version as a personal draft instead.');

export const managerOnlyRefusal = (action: string) => new Refusal('manager-only', `Only a manager can ${action}.`);

/** Runs a handler whose reply may list problems: a Refusal becomes its one problem. */
export async function refusedAsProblems<T>(run: () => Promise<T>): Promise<T | { ok: false; problems: Problem[] }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problems: [error.problem] };
    throw error;
  }
}
