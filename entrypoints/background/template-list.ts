/**
 * The Templates tab's window onto the pack: a page of templates for the search and filters, with counts. The
 * templates and their search index are kept in the worker until the guidance changes, so the panel holds and
 * renders only the page it shows (at 5,000 templates it rendered all of them: 126,000 DOM nodes).
 */
import { readTemplates } from '@/utils/db/guidance-repo';
import type { DalilDatabase } from '@/utils/db/open';
import type { Handlers } from '@/utils/messaging/router';
import type { Template } from '@/utils/schemas/template';
import { createTemplateIndex, type TemplateIndex } from '@/utils/search/template-search';

interface Held {
  templates: Template[];
  index?: TemplateIndex<Template>;
}

export function templateList(deps: { db: () => Promise<DalilDatabase>; ready: () => Promise<unknown> }) {
  let held: Promise<Held> | undefined;
  const read = () => {
    held ??= deps.ready().then(async () => ({ templates: await readTemplates(await deps.db()) }));
    held.catch(() => {
      held = undefined;
    });
    return held;
  };

  const handlers: Pick<Handlers, 'panel.listTemplates'> = {
    'panel.listTemplates': async ({ query = '', status, lang, offset, limit }) => {
      const current = await read();
      // The index is built on the first search, not to open the tab.
      if (query.trim()) current.index ??= createTemplateIndex(current.templates);
      const ranked = current.index && query.trim() ? current.index.search(query) : current.templates;
      const matching =
        status || lang
          ? ranked.filter((t) => (!status || t.status === status) && (!lang || t.lang.toLowerCase().split('-')[0] === lang))
          : ranked;
      return { items: matching.slice(offset, offset + limit), matching: matching.length, total: current.templates.length };
    },
  };
  return {
    handlers,
    /** The guidance changed: read it again on the next request. */
    invalidate: () => {
      held = undefined;
    },
  };
}
