/**
 * Where the content scripts' time goes: self time per function (Chrome's sampling profiler), at load and while the
 * page grows. For an unminified picture build with DALIL_UNMINIFIED=1. Usage: npx tsx bench/profile-content.ts ads|tiktok|google|linkedin|feed
 * (`ads` is the Meta Ad Library page).
 */
import { launchWithExtension } from '../tests/harness/browser';
import { FEED_PAGE, streamingLibraryPages } from './pages';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

async function main() {
  const which = process.argv[2] ?? 'ads';
  const library = streamingLibraryPages().find((p) => p.library === (which === 'ads' ? 'meta' : which));
  const [url, body] = library
    ? [library.url, library.body]
    : which === 'probe'
      ? ['https://example.com/', FEED_PAGE]
      : ['https://www.facebook.com/dalil-bench-feed', FEED_PAGE];
  const ext = await launchWithExtension(library ? { viewport: { width: 1280, height: 800 } } : {});
  await ext.context.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const report = async (label: string) => {
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map<number, Node>(profile.nodes.map((n) => [n.id, n as Node]));
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const parent = new Map<number, number>();
    for (const n of byId.values()) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = (node: Node) =>
      `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1} ${node.callFrame.url.split('/').pop()}`;
    const deltas = profile.timeDeltas ?? [];
    let total = 0;
    (profile.samples ?? []).forEach((id, i) => {
      const node = byId.get(id);
      if (!node?.callFrame.url.includes('/content-scripts/')) return;
      const us = deltas[i + 1] ?? deltas[i] ?? 0;
      total += us;
      const key = keyOf(node);
      self.set(key, (self.get(key) ?? 0) + us);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const n = byId.get(at);
        if (!n?.callFrame.url.includes('/content-scripts/')) continue;
        const k = keyOf(n);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + us);
      }
    });
    const byFile = new Map<string, number>();
    (profile.samples ?? []).forEach((id, i) => {
      const url = byId.get(id)?.callFrame.url ?? '';
      if (url.includes('/content-scripts/'))
        byFile.set(
          url.split('/').pop() ?? url,
          (byFile.get(url.split('/').pop() ?? url) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0),
        );
    });
    console.log(
      `\n${label}: ${(total / 1000).toFixed(2)} ms in content scripts (${[...byFile].map(([f, us]) => `${f} ${(us / 1000).toFixed(2)}`).join(', ')})`,
    );
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([key, us]) => `  ${(us / 1000).toFixed(2).padStart(7)} ms  ${key}`);
    // Top-down: each content-script frame's inclusive time under its caller chain, ≥ 0.3 ms.
    const tree = new Map<number, number>();
    (profile.samples ?? []).forEach((id, i) => {
      const us = deltas[i + 1] ?? deltas[i] ?? 0;
      if (!byId.get(id)?.callFrame.url.includes('/content-scripts/')) return;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) tree.set(at, (tree.get(at) ?? 0) + us);
    });
    const print = (id: number, depth: number) => {
      const n = byId.get(id);
      const us = tree.get(id) ?? 0;
      if (!n || us < 300 || depth > 14) return;
      const ours = n.callFrame.url.includes('/content-scripts/');
      if (ours || depth > 0)
        console.log(
          `${'  '.repeat(depth)}${(us / 1000).toFixed(2)} ms ${keyOf(n)}${ours ? '' : ` [${n.callFrame.url.split('/').pop() || n.callFrame.functionName}]`}`,
        );
      for (const c of n.children ?? []) print(c, depth + (ours || depth > 0 ? 1 : 0));
    };
    if (process.env.TREE) print(profile.nodes[0].id, 0);
    console.log(' self:');
    for (const line of top(self, 20)) console.log(line);
    console.log(' inclusive:');
    for (const line of top(inclusive, 30)) console.log(line);
  };
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForTimeout(1500);
  await report('load');
  await cdp.send('Profiler.start');
  if (which !== 'probe') {
    await page.evaluate('window.grow()');
    await report('grow');
  }
  await ext.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
