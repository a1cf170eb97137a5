/** What a marketer does on an ad-library page: find Dalil's controls on the cards and press them. */

/** A page as both drivers give it (playwright-core in Chromium, puppeteer-core in Firefox). */
interface Page {
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  mouse: { click(x: number, y: number): Promise<unknown> };
}

/**
 * Dalil's per-card controls (closed shadow roots on empty, absolutely positioned hosts inside
 * each card), as rectangles in page order.
 */
export async function cardControls(page: Page): Promise<Array<{ x: number; y: number; width: number; height: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('div')]
      .filter(
        (d) =>
          d.attributes.length === 0 &&
          d.childNodes.length === 0 &&
          d.parentElement !== document.documentElement &&
          getComputedStyle(d).position === 'absolute',
      )
      .map((d) => {
        const r = d.getBoundingClientRect();
        return {
          x: r.x,
          y: r.y + scrollY,
          width: r.width,
          height: r.height,
          rtl: getComputedStyle(d.parentElement as Element).direction === 'rtl',
        };
      }),
  );
}

/**
 * Scrolls from top to bottom a screen at a time, as a person browsing the results does (Dalil reads cards as they
 * come near the screen), and back to the top; resolves with the number of cards that have controls.
 */
export async function browseAllCards(page: Page): Promise<number> {
  // No named functions inside: tsx (npm start) would wrap them in a helper the page does not have.
  await page.evaluate(async () => {
    for (let y = 0; y <= document.documentElement.scrollHeight + innerHeight; y += innerHeight / 2) {
      scrollTo(0, Math.min(y, document.documentElement.scrollHeight));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    scrollTo(0, 0);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
  return (await cardControls(page)).length;
}

/**
 * Presses the Save control of the card at `index` (scrolling it into view first). Save comes first
 * in the bar, which follows the browser's language: `uiRtl` for an Arabic browser.
 */
export async function clickSave(page: Page, index: number, uiRtl = false): Promise<void> {
  let control = (await cardControls(page))[index];
  if (!control) {
    await browseAllCards(page);
    control = (await cardControls(page))[index];
  }
  if (!control) throw new Error(`no Dalil controls on card ${index}`);
  await page.evaluate((y) => scrollTo(0, Math.max(0, y - 200)), control.y);
  const [again] = (await cardControls(page)).slice(index, index + 1);
  const top = again.y - (await page.evaluate(() => scrollY));
  await page.mouse.click(uiRtl ? again.x + again.width - 24 : again.x + 24, top + again.height / 2);
}
