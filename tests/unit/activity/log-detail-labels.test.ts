import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isLogDetailKey, LOG_DETAIL_KEYS } from '@/utils/activity/log-details';
import { ar, en, type MessageKey } from '@/utils/i18n/messages';

const ROOT = join(__dirname, '../../..');
/** Functions whose returned object literal becomes an entry's details (spread or passed whole). */
const DETAIL_PRODUCERS = new Set(['logDetails', 'summarizeDiff']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The declaration `const name = …` in the file, if any. */
function constInitializer(file: ts.SourceFile, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node.initializer;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The keys of a details expression: object literals, their spreads, conditionals and consts; anything else is unread. */
function literalKeys(node: ts.Expression, out: Set<string>, unread: string[], file: ts.SourceFile) {
  if (ts.isParenthesizedExpression(node)) return literalKeys(node.expression, out, unread, file);
  if (ts.isConditionalExpression(node)) {
    literalKeys(node.whenTrue, out, unread, file);
    return literalKeys(node.whenFalse, out, unread, file);
  }
  if (ts.isCallExpression(node) && DETAIL_PRODUCERS.has(node.expression.getText(file))) return;
  if (ts.isIdentifier(node)) {
    const initializer = constInitializer(file, node.text);
    if (initializer && initializer !== node) return literalKeys(initializer, out, unread, file);
  }
  if (!ts.isObjectLiteralExpression(node)) {
    unread.push(`${file.fileName}: ${node.getText(file)}`);
    return;
  }
  for (const prop of node.properties) {
    if (ts.isSpreadAssignment(prop)) literalKeys(prop.expression, out, unread, file);
    else if (prop.name) out.add(prop.name.getText(file).replace(/^['"]|['"]$/g, ''));
  }
}

/** Every detail key the extension's code writes: newActivityEntry's third argument and the producers' returns. */
function writtenKeys() {
  const keys = new Set<string>();
  const unread: string[] = [];
  let calls = 0;
  for (const path of ['entrypoints', 'utils', 'components'].flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('newActivityEntry') && ![...DETAIL_PRODUCERS].some((name) => text.includes(name))) continue;
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && node.expression.getText(file) === 'newActivityEntry' && node.arguments[2]) {
        calls++;
        literalKeys(node.arguments[2], keys, unread, file);
      }
      if (ts.isFunctionDeclaration(node) && node.name && DETAIL_PRODUCERS.has(node.name.text) && node.body) {
        for (const statement of node.body.statements)
          if (ts.isReturnStatement(statement) && statement.expression) literalKeys(statement.expression, keys, unread, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { keys, unread, calls };
}

describe('activity-log detail labels', () => {
  it('every detail key the extension writes is listed and labelled in English and Arabic', () => {
    const { keys, unread, calls } = writtenKeys();
    expect(calls).toBeGreaterThan(15);
    // Details built some other way (a variable, another function) would escape this check: name the producer above.
    expect(unread).toEqual([]);
    for (const key of ['origin', 'onPaletteShare', 'templateId', 'advertiserCounts', 'templatesAdded', 'webhookUrlRefused'])
      expect(keys).toContain(key);
    for (const key of keys) {
      expect(isLogDetailKey(key), `${key} is written but not in LOG_DETAIL_KINDS`).toBe(true);
    }
  });

  it('every listed key has a distinct English label and an Arabic one', () => {
    for (const key of LOG_DETAIL_KEYS) {
      const messageKey = `logtab.detail.${key}` as MessageKey;
      expect(en[messageKey], `English label of ${key}`).toBeTruthy();
      expect(ar[messageKey], `Arabic label of ${key}`).toMatch(/[\u0600-\u06ff]/);
      expect(en[messageKey]).not.toBe(key);
    }
  });
});
