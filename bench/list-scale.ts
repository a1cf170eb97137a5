import { type ExtensionBrowser, launchWithExtension } from '../tests/harness/browser';
import { followed, seed, testimonial } from '../tests/harness/list-seed';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Opened {
  firstRow: number;
  nodes: number;
  heapMb: number;
}

const LISTS = {
  followed: { tab: 2, view: 'swipe-views', row: 'followed-advertiser' },
  testimonials: { tab: 0, view: 'template-views', row: 'testimonial' },
} as const;

/** Opens the panel, goes to the list's tab, presses its view and times the first row drawn with its record. */
async function openList(browser: ExtensionBrowser, list: keyof typeof LISTS): Promise<Opened> {
  const { tab, view, row } = LISTS[list];
  const page = await browser.openSidePanel({ locale: 'en' });
  await page.getByRole('tab').nth(tab).click();
  await page.getByTestId(view).waitFor();
  const firstRow = (await page.evaluate(
    ({ view, row, list }) =>
      new Promise<number>((resolve) => {
        const selector = `[data-testid="${row}"][data-key]:not([data-key=""])`;
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (document.querySelector(selector)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        }).observe(document, { childList: true, subtree: true, attributes: true });
        const buttons = document.querySelectorAll<HTMLButtonElement>(`[data-testid="${view}"] button`);
        (list === 'followed' ? buttons[1] : buttons[2]).click();
      }),
    { view, row, list },
  )) as number;
  await page.waitForTimeout(1500);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const nodes = (await page.evaluate('document.getElementsByTagName("*").length')) as number;
  await cdp.detach();
  await page.close();
  return { firstRow, nodes, heapMb: usedSize / 2 ** 20 };
}

export async function listScale(): Promise<string[]> {
  const results = new Map<number, Record<keyof typeof LISTS, { first: Opened; opened: Opened }>>();
  for (const count of [100, 10_000]) {
    const browser = await launchWithExtension({ viewport: { width: 420, height: 760 } });
    const panel = await browser.openSidePanel();
    for (let from = 0; from < count; from += 2000) {
      const n = Math.min(2000, count - from);
      await seed(
        panel,
        'followedAdvertisers',
        Array.from({ length: n }, (_, i) => followed(from + i)),
      );
      await seed(
        panel,
        'testimonials',
        Array.from({ length: n }, (_, i) => testimonial(from + i)),
      );
    }
    await panel.close();
    const of = {} as Record<keyof typeof LISTS, { first: Opened; opened: Opened }>;
    for (const list of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
      const first = await openList(browser, list);
      const runs: Opened[] = [];
      for (let i = 0; i < 5; i++) runs.push(await openList(browser, list));
      of[list] = {
        first,
        opened: {
          firstRow: median(runs.map((r) => r.firstRow)),
          nodes: median(runs.map((r) => r.nodes)),
          heapMb: median(runs.map((r) => r.heapMb)),
        },
      };
    }
    results.set(count, of);
    await browser.close();
  }
  const small = results.get(100);
  const large = results.get(10_000);
  if (!small || !large) return [];
  const line = (what: string, a: number, b: number, unit: string, digits = 0) =>
    `| ${what} | ${a.toFixed(digits)} ${unit} | ${b.toFixed(digits)} ${unit} | ${(b / a).toFixed(2)}× |`;
  const rows = ['| list, opened (median of 5) | 100 | 10,000 | ratio |', '|---|---|---|---|'];
  for (const list of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
    rows.push(
      line(`${list}: first row drawn (view pressed)`, small[list].opened.firstRow, large[list].opened.firstRow, 'ms', 1),
      line(`${list}: DOM nodes`, small[list].opened.nodes, large[list].opened.nodes, ''),
      line(`${list}: JS heap after GC`, small[list].opened.heapMb, large[list].opened.heapMb, 'MB', 1),
      line(
        `${list}: first row at the very first opening (search rows indexed then)`,
        small[list].first.firstRow,
        large[list].first.firstRow,
        'ms',
        0,
      ),
    );
  }
  return rows;
}
