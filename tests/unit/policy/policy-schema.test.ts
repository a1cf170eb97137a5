import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicy, lockedSettings, POLICY_KEYS, withPolicy } from '../../../utils/policy/schema';
import { DEFAULT_SETTINGS } from '../../../utils/schemas/settings';
import { generateSigningKey } from '../../../utils/sync/signing';

const managedSchema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/managed-schema.json'), 'utf8'));

describe('the organisation’s policy, checked key by key', () => {
  it('takes every key the admin guide describes, normalised', async () => {
    const manager = await generateSigningKey();
    const checked = await checkPolicy({
      teamPackUrl: 'https://packs.acme.example/care.json',
      managerPublicKey: `  ${manager.publicKeyText}\n`,
      role: 'agent',
      allowRoleChange: false,
      agentName: '  سارة  ',
      webhookUrl: 'http://127.0.0.1:8787/webhook',
      autoApply: false,
      refreshMinutes: 60,
      language: 'ar',
      extraSites: ['https://Support.Acme.example/', 'https://support.acme.example', 'http://localhost:3000'],
    });
    expect(checked.problems).toEqual([]);
    expect(checked.values).toEqual({
      teamPackUrl: 'https://packs.acme.example/care.json',
      managerPublicKey: manager.publicKeyText,
      role: 'agent',
      allowRoleChange: false,
      agentName: 'سارة',
      webhookUrl: 'http://127.0.0.1:8787/webhook',
      autoApply: false,
      refreshMinutes: 60,
      language: 'ar',
      extraSites: ['https://support.acme.example', 'http://localhost:3000'],
    });
  });

  it('reports a bad value with its key and ignores it whole, while the good keys still apply', async () => {
    const checked = await checkPolicy({
      teamPackUrl: 'http://packs.acme.example/care.json', // plain http off this computer
      role: 'boss',
      refreshMinutes: 2,
      agentName: 'Sara',
      extraSites: ['https://ok.example', 'https://bad.example/path'], // one bad entry: the whole list is ignored
      managerPublicKey: 'dalil-ed25519:short',
      autoApply: 'yes',
      language: 'ar',
      Role: 'agent', // a misspelt key
    });
    expect(checked.values).toEqual({ agentName: 'Sara', language: 'ar' });
    expect(Object.fromEntries(checked.problems.map((p) => [p.key, p.code]))).toEqual({
      teamPackUrl: 'invalid',
      role: 'invalid',
      refreshMinutes: 'invalid',
      extraSites: 'invalid',
      managerPublicKey: 'invalid',
      autoApply: 'invalid',
      Role: 'unknown-key',
    });
    const refresh = checked.problems.find((p) => p.key === 'refreshMinutes');
    expect(refresh).toMatchObject({ value: '2' });
    expect(refresh?.message).toMatch(/5/);
    expect(checked.problems.find((p) => p.key === 'managerPublicKey')?.message).toMatch(/bytes|base64/);
    expect(checked.problems.find((p) => p.key === 'extraSites')?.message).toMatch(/^1: /);
  });

  it('takes 1 and 0 for true and false (Firefox’s Windows registry hands a REG_DWORD over as a number), nothing else', async () => {
    expect((await checkPolicy({ autoApply: 1, allowRoleChange: 0 })).values).toEqual({ autoApply: true, allowRoleChange: false });
    const checked = await checkPolicy({ autoApply: 2, allowRoleChange: 'true' });
    expect(checked.values).toEqual({});
    expect(checked.problems.map((p) => p.key)).toEqual(['autoApply', 'allowRoleChange']);
  });

  it('is no policy at all when the area is empty or not an object', async () => {
    for (const raw of [undefined, null, {}, 'agent', ['role'], 42]) {
      expect(await checkPolicy(raw)).toEqual({ values: {}, problems: [] });
    }
  });

  it('shortens a long value in the report', async () => {
    const checked = await checkPolicy({ agentName: 'x'.repeat(500) });
    expect(checked.problems[0].value?.length).toBeLessThanOrEqual(120);
  });

  it('locks the role unless the person may change it; language and name always', () => {
    expect(lockedSettings({ role: 'agent', language: 'en', agentName: 'Sara' })).toEqual({
      role: 'agent',
      locale: 'en',
      agentName: 'Sara',
    });
    expect(lockedSettings({ role: 'agent', allowRoleChange: true })).toEqual({});
    expect(withPolicy({ ...DEFAULT_SETTINGS, agentName: 'Mine', role: 'manager' }, { role: 'agent' })).toEqual({
      ...DEFAULT_SETTINGS,
      agentName: 'Mine',
      role: 'agent',
    });
  });

  it('matches the schema Chrome reads: the same keys, JSON types only (finer checks are Dalil’s, so they can be shown)', () => {
    expect(managedSchema.type).toBe('object');
    expect(managedSchema.additionalProperties).toBeUndefined();
    expect(Object.keys(managedSchema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    for (const [key, schema] of Object.entries(managedSchema.properties as Record<string, Record<string, unknown>>)) {
      expect(['string', 'boolean', 'integer', 'array', 'object'], key).toContain(schema.type);
      // An object's fields are JSON types too (the workspace's details: all text).
      for (const [field, inner] of Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        expect(['string', 'boolean', 'integer'], `${key}.${field}`).toContain(inner.type);
      }
      for (const finer of ['enum', 'minimum', 'maximum', 'pattern', 'minLength', 'maxLength']) {
        expect(schema[finer], `${key}.${finer}`).toBeUndefined();
      }
    }
  });
});
