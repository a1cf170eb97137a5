/**
 * Lets an audit in the page's world see inside Dalil's closed shadow roots (Chromium only, through
 * DevTools, which reaches closed roots): each host gets its root as an own `shadowRoot` property in the
 * page's world — what axe reads to walk shadow trees — and is listed in a global array, so the audit
 * covers Dalil's controls and not the page around them. The content script's own world is untouched.
 */
import type { Page } from 'playwright-core';

interface DomNode {
  backendNodeId: number;
  shadowRootType?: 'open' | 'closed' | 'user-agent';
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/** Exposes every closed shadow root in `page`'s document; resolves with how many there were. */
export async function exposeClosedShadowRoots(page: Page, globalName: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const closed: number[] = [];
    const walk = (node: DomNode) => {
      for (const shadow of node.shadowRoots ?? []) {
        if (shadow.shadowRootType === 'closed') closed.push(shadow.backendNodeId);
        walk(shadow);
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(root);
    await page.evaluate((name) => {
      (window as unknown as Record<string, Element[]>)[name] = [];
    }, globalName);
    for (const backendNodeId of closed) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId });
      await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (name) {
          Object.defineProperty(this.host, 'shadowRoot', { value: this, configurable: true });
          window[name].push(this.host);
        }`,
        arguments: [{ value: globalName }],
      });
    }
    return closed.length;
  } finally {
    await cdp.detach();
  }
}
