/**
 * A window onto a long list the background answers a page at a time (followed advertisers, testimonials):
 * the panel holds the pages near the screen, never the whole list. A new question (another search) starts
 * again from the pages in view, dropping the others; a change in the data asks again for the pages held,
 * which stay on screen until their answers arrive. An answer to an older question is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '@/utils/guidance/problems';
import { problemOf } from '@/utils/messaging/client';
import type { ListPage } from '@/utils/schemas/stored-records';

export const LIST_PAGE = 50;

export interface ListPages<T> {
  /** The item at `index` of the matching ones, when its page has arrived. */
  at(index: number): T | undefined;
  /** How many match, and how many there are; undefined until the first page arrives. */
  matching?: number;
  total?: number;
  problem?: Problem;
  /** The list shows [start, end): ask for the pages it needs. */
  need(start: number, end: number): void;
}

interface Held<T> {
  generation: number;
  pages: Map<number, T[]>;
  matching?: number;
  total?: number;
  problem?: Problem;
}

/**
 * `ask` answers a page of the current question (a new function for a new question: wrap it in useCallback);
 * `revision` changes when the data may have changed.
 */
export function useListPages<T>(
  ask: (offset: number, limit: number) => Promise<ListPage<T>>,
  revision: unknown,
  pageSize = LIST_PAGE,
): ListPages<T> {
  const [held, setHeld] = useState<Held<T>>({ generation: 0, pages: new Map() });
  const heldPages = useRef(held.pages);
  heldPages.current = held.pages;
  const generation = useRef(0);
  /** The first answer of a new question replaces the pages held; of a new revision, it is merged into them. */
  const replaces = useRef(true);
  const asked = useRef(new Set<number>());
  const inView = useRef({ start: 0, end: 1 });
  const lastAsk = useRef(ask);

  const fetchPage = useCallback(
    (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const current = generation.current;
      const mine = asked.current;
      ask(page * pageSize, pageSize).then(
        ({ items, matching, total }) => {
          if (current !== generation.current) return;
          setHeld((h) => {
            const fresh = h.generation !== current;
            const pages = new Map(fresh && replaces.current ? [] : h.pages).set(page, items);
            // Pages past the end of a list that shrank are no page at all.
            for (const p of pages.keys()) if (p > 0 && p * pageSize >= matching) pages.delete(p);
            return { generation: current, pages, matching, total };
          });
        },
        (error) => {
          mine.delete(page);
          if (current === generation.current) setHeld((h) => ({ ...h, problem: problemOf(error) }));
        },
      );
    },
    [ask, pageSize],
  );

  const fetchRange = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / pageSize); page <= Math.floor(Math.max(start, end - 1) / pageSize); page++)
        fetchPage(page);
    },
    [fetchPage, pageSize],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is what says the data changed
  useEffect(() => {
    const newQuestion = lastAsk.current !== ask || generation.current === 0;
    lastAsk.current = ask;
    generation.current++;
    replaces.current = newQuestion;
    asked.current = new Set();
    fetchPage(0);
    fetchRange(inView.current.start, inView.current.end);
    if (!newQuestion) for (const page of heldPages.current.keys()) fetchPage(page);
  }, [ask, revision, fetchPage, fetchRange]);

  const need = useCallback(
    (start: number, end: number) => {
      inView.current = { start, end };
      fetchRange(start, end);
    },
    [fetchRange],
  );

  return {
    at: (index) => held.pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    matching: held.matching,
    total: held.total,
    problem: held.problem,
    need,
  };
}
