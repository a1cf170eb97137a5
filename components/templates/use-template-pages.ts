/**
 * The Templates tab's pages, asked of the background as the list scrolls to them: the panel holds the pages
 * near the screen, never the whole pack. Asked again from the first page when the search, a filter or the
 * guidance changes (an answer to an older question is dropped).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { Template, TemplateStatus } from '@/utils/schemas/template';

export const TEMPLATE_PAGE = 50;

export interface TemplateFilters {
  query: string;
  status: TemplateStatus | 'all';
  lang: 'all' | 'ar' | 'en';
}

export interface TemplatePages {
  /** The template at `index` of the matching ones, when its page has arrived. */
  at(index: number): Template | undefined;
  /** How many match, and how many the pack holds; undefined until the first page arrives. */
  matching?: number;
  total?: number;
  problem?: Problem;
  /** The list shows [start, end): ask for the pages it needs. */
  need(start: number, end: number): void;
}

interface Held {
  /** Which question these pages answer: the first page of a new one replaces them. */
  generation: number;
  pages: Map<number, Template[]>;
  matching?: number;
  total?: number;
  problem?: Problem;
}

/**
 * `revision` is what says the guidance changed; null until the panel has it: nothing is asked before, or its
 * arrival would ask for the first page a second time.
 */
export function useTemplatePages(filters: TemplateFilters, revision: unknown): TemplatePages {
  const [held, setHeld] = useState<Held>({ generation: 0, pages: new Map() });
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const { query, status, lang } = filters;

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const current = generation.current;
      const mine = asked.current;
      sendToBackground('panel.listTemplates', {
        ...(query.trim() ? { query } : {}),
        ...(status === 'all' ? {} : { status }),
        ...(lang === 'all' ? {} : { lang }),
        offset: page * TEMPLATE_PAGE,
        limit: TEMPLATE_PAGE,
      }).then(
        ({ items, matching, total }) => {
          if (current !== generation.current) return;
          setHeld((h) => ({
            generation: current,
            pages: new Map(h.generation === current ? h.pages : []).set(page, items),
            matching,
            total,
          }));
        },
        (error) => {
          mine.delete(page);
          if (current === generation.current) setHeld((h) => ({ ...h, problem: problemOf(error) }));
        },
      );
    },
    [query, status, lang],
  );

  // A new question (search, filter, or the guidance changed): start again from its first page.
  useEffect(() => {
    if (revision === null) return;
    generation.current++;
    asked.current = new Set();
    fetchPage(0);
  }, [fetchPage, revision]);

  const need = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / TEMPLATE_PAGE); page <= Math.floor((end - 1) / TEMPLATE_PAGE); page++) fetchPage(page);
    },
    [fetchPage],
  );

  return {
    at: (index) => held.pages.get(Math.floor(index / TEMPLATE_PAGE))?.[index % TEMPLATE_PAGE],
    matching: held.matching,
    total: held.total,
    problem: held.problem,
    need,
  };
}
