/**
 * What an organisation may set for Dalil by enterprise policy (`browser.storage.managed`: Chrome
 * and Edge from `3rdparty` → `extensions` → the extension id, Firefox from policies.json's
 * `3rdparty` → `Extensions`), and how each value is checked. See docs/rollout-by-policy.md.
 *
 * Each key is checked on its own and as a whole: a value that fails is reported (key and why) and
 * ignored, while the other keys still apply. A list with one bad entry is ignored whole, never
 * applied in part. public/managed-schema.json declares only the JSON types (Chrome drops a value of
 * the wrong type before Dalil can see it, and converts registry and plist values by these types);
 * everything finer is checked here, so that it can be shown in Settings.
 */
import { z } from 'zod/mini';
import '../guidance/validator-language';
import { TeamUrl, WorkspaceDetailsSchema } from '../messaging/protocol';
import { RoleSchema, type Settings, UiLocaleSchema } from '../schemas/settings';
import { PublicKeyTextError, parsePublicKeyText } from '../sync/signing';

/** An origin Dalil may run on: `https://support.example.com` (a trailing `/` is dropped), no path. */
const SiteOrigin = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?\/?$/, 'Write a site as https://host (no path, no wildcard)'),
  z.overwrite((origin) => origin.replace(/\/$/, '')),
);

/**
 * true or false. Firefox's Windows policies (GPO, registry) hand an extension's values over as they
 * are stored, and a REG_DWORD flag arrives as 1 or 0; Chrome converts by the schema itself.
 */
const Flag = z.pipe(
  z.union([z.boolean(), z.literal(0), z.literal(1)]),
  z.transform((value) => value === true || value === 1),
);

const POLICY_SCHEMAS = {
  teamPackUrl: TeamUrl.check(z.maxLength(2000)),
  managerPublicKey: z.string().check(z.trim(), z.minLength(1), z.maxLength(400)),
  role: RoleSchema,
  allowRoleChange: Flag,
  agentName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  webhookUrl: TeamUrl.check(z.maxLength(2000)),
  autoApply: Flag,
  refreshMinutes: z.int().check(z.gte(5), z.lte(1440)),
  language: UiLocaleSchema,
  extraSites: z.array(SiteOrigin).check(z.maxLength(100)),
  workspace: WorkspaceDetailsSchema,
} as const;

export type PolicyKey = keyof typeof POLICY_SCHEMAS;
export const POLICY_KEYS = Object.keys(POLICY_SCHEMAS) as PolicyKey[];
export type ManagedPolicy = { -readonly [K in PolicyKey]?: z.output<(typeof POLICY_SCHEMAS)[K]> };

export interface PolicyProblem {
  /** The policy's name as the administrator wrote it. */
  key: string;
  /** `unknown-key`: not one of Dalil's; `invalid`: ignored (the panel says what was expected). */
  code: 'unknown-key' | 'invalid';
  /** Dalil's detail in English, for the administrator (shown in small print). */
  message: string;
  /** The value as given, shortened: what the administrator needs to find it. */
  value?: string;
}

export interface CheckedPolicy {
  values: ManagedPolicy;
  problems: PolicyProblem[];
}

const isPolicyKey = (key: string): key is PolicyKey => Object.hasOwn(POLICY_SCHEMAS, key);

const shown = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

/**
 * Checks what storage.managed holds, each key as a whole. `raw` that is not an object (no policy,
 * or the area could not be read) is no policy at all.
 */
export async function checkPolicy(raw: unknown): Promise<CheckedPolicy> {
  const values: ManagedPolicy = {};
  const problems: PolicyProblem[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { values, problems };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isPolicyKey(key)) {
      problems.push({
        key,
        code: 'unknown-key',
        message: 'Not a Dalil policy (check the spelling and case)',
        value: shown(value),
      });
      continue;
    }
    const parsed = POLICY_SCHEMAS[key].safeParse(value);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
        .join('; ');
      problems.push({ key, code: 'invalid', message: detail, value: shown(value) });
      continue;
    }
    if (key === 'managerPublicKey') {
      try {
        (values as Record<string, unknown>)[key] = (await parsePublicKeyText(parsed.data as string)).text;
      } catch (error) {
        const message = error instanceof PublicKeyTextError ? error.message : String(error);
        problems.push({ key, code: 'invalid', message, value: shown(value) });
      }
      continue;
    }
    if (key === 'extraSites') {
      (values as Record<string, unknown>)[key] = [...new Set(parsed.data as string[])];
      continue;
    }
    (values as Record<string, unknown>)[key] = parsed.data;
  }
  return { values, problems };
}

/**
 * The policy as it may be kept where the panel and content scripts read it (storage.local): the
 * workspace's secret stays in the background's own database, so it is left out here.
 */
export function shareablePolicy(policy: ManagedPolicy): ManagedPolicy {
  if (!policy.workspace) return policy;
  return { ...policy, workspace: { ...policy.workspace, secretAccessKey: '' } };
}

/** The settings (browser.storage.local) the policy fixes: the person cannot change these. */
export function lockedSettings(policy: ManagedPolicy): Partial<Settings> {
  const locked: Partial<Settings> = {};
  if (policy.language !== undefined) locked.locale = policy.language;
  if (policy.agentName !== undefined) locked.agentName = policy.agentName;
  if (policy.role !== undefined && policy.allowRoleChange !== true) locked.role = policy.role;
  return locked;
}

/** Settings as they apply: the policy's fixed values win over what is stored. */
export function withPolicy(settings: Settings, policy: ManagedPolicy): Settings {
  return { ...settings, ...lockedSettings(policy) };
}
