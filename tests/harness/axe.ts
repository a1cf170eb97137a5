/**
 * An axe-core audit of what a page or frame shows now, for both drivers (playwright-core in Chromium,
 * puppeteer-core in Firefox): axe's source is evaluated in the frame through the driver's protocol
 * (extension pages' CSP forbids script tags, not DevTools/BiDi evaluation), then `axe.run` on the
 * whole document or on given elements. `screenSummary` and `summaryTable` turn the results into the
 * per-screen table the accessibility tests print.
 */
import axe from 'axe-core';

/** A page or frame as both drivers give it. */
export interface AuditTarget {
  evaluate<R>(expression: string): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  id: string;
  impact: Impact;
  help: string;
  /** Each failing element: axe's selector for it, its markup (cut short) and why it fails. */
  nodes: Array<{ target: string; html: string; failure: string }>;
}

export interface AuditOptions {
  /**
   * The name of a global array (on the frame's window) holding the elements to audit, for a page whose
   * own markup is not Dalil's (the controls it adds); the whole document otherwise.
   */
  elementsGlobal?: string;
}

/** Runs axe in `target` (injecting it once per document) and returns its violations. */
export async function audit(target: AuditTarget, options: AuditOptions = {}): Promise<Violation[]> {
  const injected = await target.evaluate<boolean>('typeof window.axe === "object"');
  if (!injected) await target.evaluate<unknown>(`${axe.source};0`);
  return target.evaluate(
    async ({ elementsGlobal }) => {
      const engine = (window as unknown as { axe: typeof axe }).axe;
      const elements = elementsGlobal ? (window as unknown as Record<string, Element[]>)[elementsGlobal] : undefined;
      const results = await engine.run(elements ? { include: elements } : document, {
        resultTypes: ['violations'],
        // Frames are audited one by one (the picker is an extension page in a frame of its own).
        iframes: false,
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: (v.impact ?? 'minor') as Impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(String).join(' >>> '),
          html: n.html.slice(0, 160),
          failure: n.failureSummary ?? '',
        })),
      }));
    },
    { elementsGlobal: options.elementsGlobal },
  );
}

/** Violations a person using a screen reader or keyboard is blocked or badly hindered by. */
export const blocking = (violations: Violation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

export interface ScreenSummary {
  screen: string;
  rows: Array<{ rule: string; impact: Impact; count: number }>;
}

export const screenSummary = (screen: string, violations: Violation[]): ScreenSummary => ({
  screen,
  rows: violations.map((v) => ({ rule: v.id, impact: v.impact, count: v.nodes.length })),
});

/** One line per rule broken on each screen (a screen with none says so), for the test's output. */
export function summaryTable(summaries: ScreenSummary[]): string {
  const lines = ['screen | rule | impact | elements', '--- | --- | --- | ---'];
  for (const { screen, rows } of summaries) {
    if (rows.length === 0) lines.push(`${screen} | none | — | 0`);
    for (const row of rows) lines.push(`${screen} | ${row.rule} | ${row.impact} | ${row.count}`);
  }
  return lines.join('\n');
}

/** What a failing assertion shows: each blocking rule with the elements that break it. */
export const describeViolations = (violations: Violation[]) =>
  violations
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target}: ${n.html}\n    ${n.failure}`).join('\n')}`,
    )
    .join('\n');
