import { storage } from 'wxt/utils/storage';
import type { Role } from '../schemas/settings';
import type { ManagedPolicy, PolicyProblem } from './schema';

/**
 * The organisation's policy as the background last read and checked it, for the side panel to show
 * ("Set by your organisation", the problems). Only the background writes it. The background refuses
 * changes to locked values from what it reads from storage.managed; until that first read finishes in
 * a worker, the settings it applies (role, name) come from this copy.
 */
export interface PolicyState {
  /** The values that passed their checks and are in force. */
  values: ManagedPolicy;
  problems: PolicyProblem[];
  readAt: string;
  /** Extra sites in force that still lack their host permission: the person allows each once. */
  sitesAwaitingAccess: string[];
  /** With `allowRoleChange`, the role is set once per value the policy gives: the last one set. */
  roleSetOnce?: Role;
}

export const EMPTY_POLICY: PolicyState = { values: {}, problems: [], readAt: '', sitesAwaitingAccess: [] };

export const policyStateItem = storage.defineItem<PolicyState>('local:managedPolicy', { fallback: EMPTY_POLICY });
