/**
 * A pack diff as lines a person reads: one message per kind of change, with its count and the
 * names it concerns. Pure, so the wording's inputs are tested without rendering.
 */
import type { MessageKey } from '@/utils/i18n/messages';
import { platformLabel } from '@/utils/platforms/sites';
import type { Platform } from '@/utils/schemas/common';
import type { CopyRuleChange, DiffItem, PackDiff } from '@/utils/sync/types';

export interface DiffLine {
  key: MessageKey;
  params: Record<string, string | number>;
  /** Template titles, colour names with their hex, phrases: shown after the message, each isolated. */
  names: string[];
}

const listLine = (key: MessageKey, items: DiffItem[]): DiffLine[] =>
  items.length === 0 ? [] : [{ key, params: { count: items.length }, names: items.map((item) => item.title) }];

const colorLine = (key: MessageKey, items: DiffItem[]): DiffLine[] =>
  items.length === 0 ? [] : [{ key, params: { count: items.length }, names: items.map((item) => `${item.id} ${item.title}`) }];

const ruleValues = (changes: CopyRuleChange[], kind: CopyRuleChange['kind']) =>
  changes.flatMap((change) => (change.kind === kind && 'value' in change ? [change.value] : []));

function copyRuleLines(changes: CopyRuleChange[]): DiffLine[] {
  const grouped = (key: MessageKey, kind: CopyRuleChange['kind']): DiffLine[] => {
    const values = ruleValues(changes, kind);
    return values.length === 0 ? [] : [{ key, params: { count: values.length }, names: values }];
  };
  const lines = [
    ...grouped('sync.diff.bannedAdded', 'banned-added'),
    ...grouped('sync.diff.bannedRemoved', 'banned-removed'),
    ...grouped('sync.diff.hashtagsAdded', 'hashtag-added'),
    ...grouped('sync.diff.hashtagsRemoved', 'hashtag-removed'),
  ];
  for (const change of changes) {
    if (change.kind === 'disclaimer-changed') {
      if (change.to === undefined) lines.push({ key: 'sync.diff.disclaimerRemoved', params: {}, names: [] });
      else lines.push({ key: 'sync.diff.disclaimerSet', params: {}, names: [change.to] });
    } else if (change.kind === 'max-length-changed') {
      const { from, to } = change;
      // Brand names as their owners write them: the same in both languages' diff lines.
      const platform = platformLabel(change.platform as Platform, 'en') ?? change.platform;
      if (to === undefined) lines.push({ key: 'sync.diff.maxLengthRemoved', params: { platform }, names: [] });
      else if (from === undefined) lines.push({ key: 'sync.diff.maxLengthSet', params: { platform, to }, names: [] });
      else lines.push({ key: 'sync.diff.maxLengthChanged', params: { platform, from, to }, names: [] });
    }
  }
  return lines;
}

export function diffLines(diff: PackDiff): DiffLine[] {
  if (diff.empty) return [{ key: 'sync.diff.empty', params: {}, names: [] }];
  const { templates, playbooks, brandKit } = diff;
  const lines: DiffLine[] = [];
  if (diff.from.name !== diff.to.name) {
    lines.push({ key: 'sync.diff.packName', params: { from: diff.from.name, to: diff.to.name }, names: [] });
  }
  lines.push(
    ...listLine('sync.diff.templatesAdded', templates.added),
    ...listLine('sync.diff.templatesChanged', templates.changed),
    ...listLine('sync.diff.templatesApproved', templates.approved),
    ...listLine('sync.diff.templatesRetired', templates.retired),
    ...listLine('sync.diff.templatesRemoved', templates.removed),
    ...listLine('sync.diff.playbooksAdded', playbooks.added),
    ...listLine('sync.diff.playbooksChanged', playbooks.changed),
    ...listLine('sync.diff.playbooksRemoved', playbooks.removed),
    ...colorLine('sync.diff.colorsAdded', brandKit.colorsAdded),
    ...colorLine('sync.diff.colorsChanged', brandKit.colorsChanged),
    ...colorLine('sync.diff.colorsRemoved', brandKit.colorsRemoved),
  );
  if (brandKit.colorsReordered) lines.push({ key: 'sync.diff.colorsReordered', params: {}, names: [] });
  if (brandKit.nameChanged) lines.push({ key: 'sync.diff.kitName', params: { ...brandKit.nameChanged }, names: [] });
  if (brandKit.tolerance) lines.push({ key: 'sync.diff.tolerance', params: { ...brandKit.tolerance }, names: [] });
  if (brandKit.minOnPaletteShare) {
    const percent = (share: number) => Math.round(share * 100);
    const { from, to } = brandKit.minOnPaletteShare;
    lines.push({ key: 'sync.diff.minShare', params: { from: percent(from), to: percent(to) }, names: [] });
  }
  lines.push(...copyRuleLines(brandKit.copyRules));
  return lines;
}
