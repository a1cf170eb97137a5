import { computed, signal } from '@preact/signals-react';
import { browser } from 'wxt/browser';
import { directionOf, type Locale, resolveLocale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import { translate } from '../i18n/panel-text';
import { sendToBackground } from '../messaging/client';
import type {
  AdapterHealth,
  ChangeBroadcast,
  ContentScriptStatus,
  GuidanceSummary,
  PaletteReportList,
  ProgressBroadcast,
} from '../messaging/protocol';
import { lockedSettings as lockedSettingsOf, withPolicy } from '../policy/schema';
import { EMPTY_POLICY, type PolicyState, policyStateItem } from '../policy/state';
import { DEFAULT_SETTINGS, type Settings } from '../schemas/settings';
import type { Template } from '../schemas/template';
import { readSettings, settingsItem } from '../settings';
import type { SwipeFacets } from '../swipe-file/swipe-filter';
import type { SyncStatus } from '../sync/types';

/** What the side panel shows, as signals: components re-render when the background says data changed. */
export const guidance = signal<GuidanceSummary | null>(null);
/** Bumped whenever the background says the log changed: the Log tab queries it again (it reads only what it shows). */
export const logRevision = signal(0);
export const contentScripts = signal<ContentScriptStatus[]>([]);
export const adapterHealth = signal<AdapterHealth[]>([]);
export const enabledSites = signal<string[]>([]);
/**
 * The swipe file is not held here (10,000 ads would be a copy of the database): the Swipe tab asks for the
 * page on screen. A change bumps `revision` and names the ads it touched when they are few.
 */
export const adsChange = signal<{ revision: number; adIds?: string[] }>({ revision: 0 });
/** What the swipe file's filters offer. */
export const swipeFacets = signal<SwipeFacets>({ advertisers: [], tags: [], boards: [] });
/** Long operations under way (by operation id): how far each has got. */
export const progress = signal<Record<string, { done: number; total: number }>>({});
/**
 * Bumped when the background says the testimonials changed: the list asks again for the pages it holds (the
 * followed advertisers follow `adsChange`). Neither list is held here, only the pages near the screen.
 */
export const testimonialsRevision = signal(0);
/** Insertions per template id. */
export const templateUsage = signal<Record<string, number>>({});
export const settings = signal<Settings>(DEFAULT_SETTINGS);
/** Team sync: subscription, pending update, history, keys, webhook outbox. */
export const syncStatus = signal<SyncStatus | null>(null);
/** An agent's own drafts, kept apart from the team's pack. */
export const personalTemplates = signal<Template[]>([]);
export const settingsProblem = signal<string | undefined>(undefined);
/** The organisation's policy as the background applied it: what is set by it, and the values it ignored. */
export const policy = signal<PolicyState>(EMPTY_POLICY);
/** The settings the organisation fixed (shown disabled; the background puts them back if written). */
export const lockedSettings = computed(() => lockedSettingsOf(policy.value.values));
export const loadError = signal<string | undefined>(undefined);
/** Palette reports from the context menu and the composers (the background keeps the latest). */
export const paletteReports = signal<PaletteReportList>({ reports: [] });
/** A tab something asked the panel to show (a palette report opened from a page). */
export const requestedTab = signal<'brand' | null>(null);
/** The report to show in the Brand tab. */
export const openReportId = signal<string | null>(null);
let handledOpen = '';

export const locale = computed<Locale>(() => resolveLocale(settings.value.locale, browser.i18n.getUILanguage()));
export const direction = computed(() => directionOf(locale.value));
export const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale.value, key, params);

const loaders = {
  guidance: async () => {
    [guidance.value, personalTemplates.value] = await Promise.all([
      sendToBackground('panel.getGuidanceSummary', {}),
      sendToBackground('panel.listPersonalTemplates', {}),
    ]);
  },
  log: async () => {
    logRevision.value++;
    templateUsage.value = await sendToBackground('panel.templateUsage', {});
  },
  'content-scripts': async () => {
    [contentScripts.value, adapterHealth.value, enabledSites.value] = await Promise.all([
      sendToBackground('panel.listContentScripts', {}),
      sendToBackground('panel.adapterHealth', {}),
      sendToBackground('panel.listEnabledSites', {}),
    ]);
  },
  ads: async () => {
    swipeFacets.value = await sendToBackground('panel.swipeFacets', {});
  },
  testimonials: async () => {
    testimonialsRevision.value++;
  },
  palette: async () => {
    const list = await sendToBackground('panel.listPaletteReports', {});
    paletteReports.value = list;
    // A report opened from a page (menu or badge) in the last minute, not yet shown by this panel.
    const open = list.open;
    if (open && `${open.reportId}@${open.at}` !== handledOpen && Date.now() - Date.parse(open.at) < 60_000) {
      handledOpen = `${open.reportId}@${open.at}`;
      openReportId.value = open.reportId;
      requestedTab.value = 'brand';
    }
  },
  sync: async () => {
    syncStatus.value = await sendToBackground('panel.syncStatus', {});
  },
} satisfies Record<ChangeBroadcast['topics'][number], () => Promise<void>>;

async function reload(topics: ChangeBroadcast['topics'], adIds?: string[]): Promise<void> {
  if (topics.includes('ads')) adsChange.value = { revision: adsChange.peek().revision + 1, adIds };
  try {
    await Promise.all(topics.map((topic) => loaders[topic]()));
    loadError.value = undefined;
  } catch (error) {
    loadError.value = error instanceof Error ? error.message : String(error);
  }
}

async function loadSettings(): Promise<void> {
  const [{ settings: value, problem }, managed] = await Promise.all([readSettings(), policyStateItem.getValue()]);
  policy.value = managed;
  settings.value = withPolicy(value, managed.values);
  settingsProblem.value = problem;
}

/** Loads everything once and follows changes made anywhere (another panel, a content script, sync). */
export function startPanelStore(): () => void {
  void loadSettings();
  void reload(['guidance', 'log', 'content-scripts', 'testimonials', 'ads', 'palette', 'sync']);
  const onMessage = (message: unknown) => {
    const broadcast = message as Partial<ChangeBroadcast> | Partial<ProgressBroadcast> | null;
    if (broadcast?.type === 'broadcast.changed' && Array.isArray(broadcast.topics))
      void reload(broadcast.topics, Array.isArray(broadcast.adIds) ? broadcast.adIds : undefined);
    if (broadcast?.type === 'broadcast.progress' && typeof broadcast.operationId === 'string')
      progress.value = {
        ...progress.peek(),
        [broadcast.operationId]: { done: Number(broadcast.done), total: Number(broadcast.total) },
      };
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  const unwatch = settingsItem.watch(() => void loadSettings());
  const unwatchPolicy = policyStateItem.watch(() => void loadSettings());
  return () => {
    browser.runtime.onMessage.removeListener(onMessage);
    unwatch();
    unwatchPolicy();
  };
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  // What the organisation fixed stays as it set it.
  const next = { ...settings.value, ...patch, ...lockedSettings.value };
  settings.value = next;
  await settingsItem.setValue(next);
}
