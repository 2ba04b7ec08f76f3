/** Rules of deck.yaml: every slide is told apart, names data that exists, and its tables are whole. */
import { issue } from '../../shared/data-issues/index.ts';
import type { CrossIssue } from '../contract.ts';
import { slideId, type ContentBlock } from '../deck.ts';
import { at, type CrossRule, type Path } from './rule.ts';

export const slideIds: CrossRule = {
  id: 'slide-ids',
  description: { ja: 'スライドの ID（省略時は種類と公募から作る）が重複しない', en: 'slide ids (made from the kind and call when left out) are unique' },
  reads: ['deck'],
  reports: ['duplicateSlide'],
  check({ deck }) {
    if (!deck) return [];
    const seen = new Map<string, number>();
    return deck.data.slides.flatMap((slide, i) => {
      const id = slideId(slide, i);
      const first = seen.get(id);
      if (first !== undefined) return [at(deck.rel, ['slides', i, ...(slide.id ? ['id'] : ['kind'])], issue('duplicateSlide', { id, first }))];
      seen.set(id, i);
      return [];
    });
  },
};

export const slideRefs: CrossRule = {
  id: 'slide-refs',
  description: {
    ja: 'スライドが指す公募・分野の概要・名簿・公募の結果がある',
    en: 'the call, field overview, roster or call result a slide names exists',
  },
  reads: ['deck', 'call', 'roster', 'results'],
  reports: ['danglingRef'],
  check({ deck, calls, rosters, failed, files }) {
    if (!deck) return [];
    const out: CrossIssue[] = [];
    const ids = calls.map((c) => c.data.id);
    const withOverview = calls.filter((c) => c.data.overview !== undefined).map((c) => c.data.id);
    const rosterCalls = rosters.map((r) => r.data.call);
    // A roster that names no call is reported on its own; the slide that misses it would only repeat that.
    const strayRoster = rosterCalls.some((r) => !ids.includes(r));
    const results = files.find((f) => f.kind === 'results')?.data as { results: { id: string }[] } | undefined;
    const resultIds = results?.results.map((r) => r.id) ?? [];
    deck.data.slides.forEach((slide, i) => {
      const dangling = (what: string, known: string[]) => 'call' in slide && out.push(at(deck.rel, ['slides', i, 'call'], issue('danglingRef', { what, key: slide.call, known })));
      if (slide.kind === 'call' && !failed.has('call') && !ids.includes(slide.call)) dangling('公募', ids);
      if (slide.kind === 'field-overview' && !failed.has('call') && !withOverview.includes(slide.call)) dangling('分野の概要（overview）を持つ公募', withOverview);
      if (slide.kind === 'roster' && !failed.has('roster') && !strayRoster && !rosterCalls.includes(slide.call)) dangling('名簿（roster*.yaml）の公募', rosterCalls);
      if (slide.kind === 'results' && !failed.has('results') && !resultIds.includes(slide.result))
        out.push(at(deck.rel, ['slides', i, 'result'], issue('danglingRef', { what: '公募の結果（results.yaml）', key: slide.result, known: resultIds })));
    });
    return out;
  },
};

/** The tables of a content block, each with its path below the block. */
const tablesOf = (b: ContentBlock, bi: number) =>
  'table' in b
    ? [{ t: b.table, path: ['blocks', bi, 'table'] as Path }]
    : 'columns' in b
      ? b.columns.flatMap((col, ci) => col.flatMap((x, xi) => ('table' in x ? [{ t: x.table, path: ['blocks', bi, 'columns', ci, xi, 'table'] as Path }] : [])))
      : [];

export const tableCells: CrossRule = {
  id: 'table-cells',
  description: { ja: '自由なスライドの表の各行が列見出しと同じ数のセルを持つ', en: 'each row of a content slide’s table has as many cells as its head' },
  reads: ['deck'],
  reports: ['rowCells'],
  check({ deck }) {
    if (!deck) return [];
    const out: CrossIssue[] = [];
    deck.data.slides.forEach((slide, i) => {
      if (slide.kind !== 'content') return;
      slide.blocks.forEach((b, bi) => {
        for (const { t, path } of tablesOf(b, bi))
          t.rows.forEach((row, ri) => {
            if (row.length !== t.head.length) out.push(at(deck.rel, ['slides', i, ...path, 'rows', ri], issue('rowCells', { cells: row.length, head: t.head.length })));
          });
      });
    });
    return out;
  },
};
