/**
 * What changes for the team when one guidance pack replaces another: shown before a pending update
 * is applied, kept with the last applied update, and counted in the log entry.
 */
import type { LogDetailKey } from '../activity/log-details';
import type { BrandColor, CopyRules } from '../schemas/brand-kit';
import type { GuidancePack } from '../schemas/guidance-pack';
import type { Playbook } from '../schemas/playbook';
import type { Template } from '../schemas/template';
import { canonicalJson } from './canonical-json';
import type { CopyRuleChange, DiffItem, PackDiff } from './types';

const item = (thing: { id: string; title: string }): DiffItem => ({ id: thing.id, title: thing.title });

/** Content a person reads; the edit times alone changing is not a change anyone would notice. */
function templateContent(template: Template): string {
  const { status: _status, createdAt: _createdAt, updatedAt: _updatedAt, ...content } = template;
  return canonicalJson(content);
}

function diffTemplates(current: Template[], next: Template[]): PackDiff['templates'] {
  const before = new Map(current.map((template) => [template.id, template]));
  const nextIds = new Set(next.map((template) => template.id));
  const result: PackDiff['templates'] = { added: [], changed: [], retired: [], removed: [], approved: [] };
  for (const template of next) {
    const old = before.get(template.id);
    if (!old) result.added.push(item(template));
    else if (template.status !== old.status && template.status === 'retired') result.retired.push(item(template));
    else if (template.status !== old.status && template.status === 'approved') result.approved.push(item(template));
    // Approved → draft is neither retired nor approved, but agents stop seeing it: a change.
    else if (template.status !== old.status || templateContent(template) !== templateContent(old))
      result.changed.push(item(template));
  }
  result.removed = current.filter((template) => !nextIds.has(template.id)).map(item);
  return result;
}

function diffPlaybooks(current: Playbook[], next: Playbook[]): PackDiff['playbooks'] {
  const before = new Map(current.map((playbook) => [playbook.id, playbook]));
  const nextIds = new Set(next.map((playbook) => playbook.id));
  return {
    added: next.filter((playbook) => !before.has(playbook.id)).map(item),
    changed: next
      .filter((playbook) => {
        const old = before.get(playbook.id);
        return old !== undefined && canonicalJson(old) !== canonicalJson(playbook);
      })
      .map(item),
    removed: current.filter((playbook) => !nextIds.has(playbook.id)).map(item),
  };
}

// The kit refuses two colours whose names differ only in case, so the lowercased name is a colour's identity.
const colorKey = (color: BrandColor) => color.name.toLowerCase();
const colorItem = (color: BrandColor): DiffItem => ({ id: color.name, title: color.hex.toUpperCase() });

function diffColors(current: BrandColor[], next: BrandColor[]) {
  const before = new Map(current.map((color) => [colorKey(color), color]));
  const nextKeys = new Set(next.map(colorKey));
  const kept = next.filter((color) => before.has(colorKey(color)));
  const keptBefore = current.filter((color) => nextKeys.has(colorKey(color)));
  return {
    colorsAdded: next.filter((color) => !before.has(colorKey(color))).map(colorItem),
    colorsRemoved: current.filter((color) => !nextKeys.has(colorKey(color))).map(colorItem),
    colorsChanged: kept
      .filter((color) => {
        const old = before.get(colorKey(color));
        return old !== undefined && (old.hex.toUpperCase() !== color.hex.toUpperCase() || old.role !== color.role);
      })
      .map(colorItem),
    colorsReordered: keptBefore.map(colorKey).join('\n') !== kept.map(colorKey).join('\n'),
  };
}

function listChanges(
  before: string[],
  after: string[],
  added: 'banned-added' | 'hashtag-added',
  removed: 'banned-removed' | 'hashtag-removed',
) {
  const changes: CopyRuleChange[] = [];
  for (const value of after) if (!before.includes(value)) changes.push({ kind: added, value });
  for (const value of before) if (!after.includes(value)) changes.push({ kind: removed, value });
  return changes;
}

function diffCopyRules(current: CopyRules, next: CopyRules): CopyRuleChange[] {
  const changes = [
    ...listChanges(current.bannedPhrases, next.bannedPhrases, 'banned-added', 'banned-removed'),
    ...listChanges(current.requiredHashtags, next.requiredHashtags, 'hashtag-added', 'hashtag-removed'),
  ];
  if (current.requiredDisclaimer !== next.requiredDisclaimer) {
    changes.push({ kind: 'disclaimer-changed', from: current.requiredDisclaimer, to: next.requiredDisclaimer });
  }
  const platforms = new Set([...Object.keys(current.maxLength), ...Object.keys(next.maxLength)]) as Set<
    keyof CopyRules['maxLength']
  >;
  for (const platform of platforms) {
    const from = current.maxLength[platform];
    const to = next.maxLength[platform];
    if (from !== to) changes.push({ kind: 'max-length-changed', platform, from, to });
  }
  return changes;
}

const changedNumber = (from: number, to: number) => (from === to ? undefined : { from, to });

export function diffPacks(current: GuidancePack, next: GuidancePack): PackDiff {
  const templates = diffTemplates(current.templates, next.templates);
  const playbooks = diffPlaybooks(current.playbooks, next.playbooks);
  const brandKit: PackDiff['brandKit'] = {
    ...diffColors(current.brandKit.colors, next.brandKit.colors),
    tolerance: changedNumber(current.brandKit.deltaETolerance, next.brandKit.deltaETolerance),
    minOnPaletteShare: changedNumber(current.brandKit.minOnPaletteShare, next.brandKit.minOnPaletteShare),
    nameChanged:
      current.brandKit.name === next.brandKit.name ? undefined : { from: current.brandKit.name, to: next.brandKit.name },
    copyRules: diffCopyRules(current.brandKit.copyRules, next.brandKit.copyRules),
  };
  const lists = [
    ...Object.values(templates),
    ...Object.values(playbooks),
    brandKit.colorsAdded,
    brandKit.colorsRemoved,
    brandKit.colorsChanged,
    brandKit.copyRules,
  ];
  const empty =
    lists.every((list) => list.length === 0) &&
    !brandKit.colorsReordered &&
    !brandKit.tolerance &&
    !brandKit.minOnPaletteShare &&
    !brandKit.nameChanged &&
    current.name === next.name;
  return {
    from: { id: current.id, version: current.version, name: current.name },
    to: { id: next.id, version: next.version, name: next.name },
    templates,
    playbooks,
    brandKit,
    empty,
  };
}

/** Counts for a log entry's details (flat, so they export as CSV columns); zeros included so every entry has the same keys. */
export function summarizeDiff(diff: PackDiff): { [K in LogDetailKey]?: number } {
  const kitSettings = [diff.brandKit.tolerance, diff.brandKit.minOnPaletteShare, diff.brandKit.nameChanged].filter(
    Boolean,
  ).length;
  return {
    templatesAdded: diff.templates.added.length,
    templatesChanged: diff.templates.changed.length,
    templatesRetired: diff.templates.retired.length,
    templatesRemoved: diff.templates.removed.length,
    templatesApproved: diff.templates.approved.length,
    playbooksAdded: diff.playbooks.added.length,
    playbooksChanged: diff.playbooks.changed.length,
    playbooksRemoved: diff.playbooks.removed.length,
    colorsAdded: diff.brandKit.colorsAdded.length,
    colorsRemoved: diff.brandKit.colorsRemoved.length,
    colorsChanged: diff.brandKit.colorsChanged.length,
    colorsReordered: diff.brandKit.colorsReordered ? 1 : 0,
    kitSettingsChanged: kitSettings,
    copyRulesChanged: diff.brandKit.copyRules.length,
  };
}
