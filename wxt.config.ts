import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';
import { AD_MEDIA_HOSTS } from './utils/ad-libraries/matches';
import { PLATFORM_MATCHES } from './utils/platforms/matches';

/**
 * A private deployment's own update server (README, "Publish"): `DALIL_CHROME_UPDATE_URL` (its update
 * manifest XML, for Chrome and Edge) and `DALIL_FIREFOX_UPDATE_URL` (its updates.json, https only).
 * Never set for the stores' packages: the stores update what they host.
 */
function updateUrl(name: 'DALIL_CHROME_UPDATE_URL' | 'DALIL_FIREFOX_UPDATE_URL', protocols: string[]): string | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
    throw new Error(`${name} must be an ${protocols.join(' or ')} URL, not ${JSON.stringify(value)}`);
  }
  return value;
}
const CHROME_UPDATE_URL = updateUrl('DALIL_CHROME_UPDATE_URL', ['https:', 'http:']);
const FIREFOX_UPDATE_URL = updateUrl('DALIL_FIREFOX_UPDATE_URL', ['https:']);

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  outDir: '.output',
  // DALIL_UNMINIFIED=1 keeps function names for bench/profile-content.ts.
  vite: () => ({ plugins: [tailwindcss()], build: process.env.DALIL_UNMINIFIED ? { minify: false } : {} }),
  hooks: {
    // Content scripts run on every platform page load: they use the browser's own promise-based API
    // (Chrome MV3, Firefox) instead of webextension-polyfill, whose set-up and wrappers cost ~1 ms there.
    // Extension pages and the background keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      const alias = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      const current = config.resolve?.alias;
      const list = Array.isArray(current)
        ? current
        : Object.entries(current ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [alias, ...list.filter((a) => String(a.find) !== 'wxt/browser')] };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Only what is used; features ask for more (optional) when they need it.
    // activeTab + scripting: the picker's shortcut also works on any other site, for that tab only.
    // alarms: the team pack's refresh and the webhook's retries survive the worker stopping.
    // offscreen (Chrome): the palette check draws SVG images there; a worker cannot. No warning shown.
    permissions: [
      'storage',
      'alarms',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      'scripting',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for one site at a time, when the person chooses "Always use Dalil on <site>".
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Only the ad libraries' media hosts: saved ads keep their images and videos after the links expire.
    host_permissions: AD_MEDIA_HOSTS,
    commands: {
      'open-picker': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandOpenPicker__',
      },
    },
    // The picker is an extension page framed inside platform pages, so pages can neither read nor
    // restyle it. Only platform pages may frame it. (Chrome's use_dynamic_url would also hide it
    // from fingerprinting, but runtime.getURL still returns the static URL, which it then blocks.)
    web_accessible_resources: [{ resources: ['picker.html'], matches: PLATFORM_MATCHES }],
    action: { default_title: '__MSG_actionTitle__' },
    // What an organisation may set by policy (docs/rollout-by-policy.md). Firefox reads policies.json without a schema.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser !== 'firefox' && CHROME_UPDATE_URL ? { update_url: CHROME_UPDATE_URL } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dalil@dalil.guide',
              strict_min_version: '142.0',
              ...(FIREFOX_UPDATE_URL ? { update_url: FIREFOX_UPDATE_URL } : {}),
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
