import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openDalilDatabase } from '../../../utils/db/open';
import type { Handlers } from '../../../utils/messaging/router';
import { smallPack } from '../pack-fixtures';
import { backgroundTestDeps } from './test-deps';

const sidePanel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
let handlers: Handlers;

beforeEach(async () => {
  handlers = createHandlers(backgroundTestDeps(openDalilDatabase(`pair-edits-${Math.random()}`)));
  const paired = smallPack().templates.map((t) => ({ ...t, pairId: 'hi' }));
  await handlers['panel.importPack']({ text: JSON.stringify(smallPack({ templates: paired })) }, sidePanel);
});

describe('pairs when templates are edited in the side panel', () => {
  it('duplicates without the pair: a copy approved later does not crowd the pair (nothing would swap in it)', async () => {
    const copy = await handlers['panel.duplicateTemplate']({ id: 'hi-en' }, sidePanel);
    expect(copy.ok && copy.template.pairId).toBeUndefined();
    await handlers['panel.setTemplateStatus']({ id: 'hi-en-copy', status: 'approved' }, sidePanel);
    const { pack } = await handlers['panel.getGuidance']({}, sidePanel);
    expect(pack.templates.filter((t) => t.pairId === 'hi').map((t) => t.id)).toEqual(['hi-ar', 'hi-en']);
  });
});
