/** Cross-file rules of deck.yaml: every slide names data that exists. */
import type { CrossIssue, ParsedFile } from '../contract.ts';
import { slideId, type Deck } from '../deck.ts';

/** Every slide names data that exists: a call, a call with a field overview, a roster. */
export function deckCrossCheck(files: ParsedFile[], failed: ReadonlySet<string>): CrossIssue[] {
  const deck = files.find((f) => f.kind === 'deck');
  if (!deck) return [];
  const issues: CrossIssue[] = [];
  const calls = files.filter((f) => f.kind === 'call').map((f) => f.data as { id: string; overview?: unknown });
  const rosters = files.filter((f) => f.kind === 'roster').map((f) => (f.data as { call: string }).call);
  const dangling = (path: (string | number)[], what: { ja: string; en: string }, key: string, known: string[]) =>
    issues.push({
      code: 'DANGLING_REF',
      file: deck.rel,
      path,
      message: { ja: `${what.ja}「${key}」が見つかりません`, en: `${what.en} "${key}" does not resolve` },
      hint: { ja: `既知の値: ${known.join(', ') || '(なし)'}`, en: `known: ${known.join(', ') || '(none)'}` },
    });
  const seen = new Map<string, number>();
  (deck.data as Deck).slides.forEach((slide, i) => {
    const id = slideId(slide, i);
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({
        code: 'DUPLICATE_ID',
        file: deck.rel,
        path: ['slides', i, ...(slide.id ? ['id'] : ['kind'])],
        message: { ja: `スライド「${id}」が slides[${first}] と重複しています`, en: `slide "${id}" duplicates slides[${first}]` },
        hint: { ja: '同じ種類のスライドを2枚置くときは、それぞれに id を付けてください', en: 'give each of two slides of the same kind its own id' },
      });
    else seen.set(id, i);
    if (slide.kind === 'call' && !failed.has('call') && !calls.some((c) => c.id === slide.call))
      dangling(
        ['slides', i, 'call'],
        { ja: '公募', en: 'call' },
        slide.call,
        calls.map((c) => c.id),
      );
    if (slide.kind === 'field-overview' && !failed.has('call') && !calls.some((c) => c.id === slide.call && c.overview !== undefined))
      dangling(
        ['slides', i, 'call'],
        { ja: '分野の概要（overview）を持つ公募', en: 'call with a field overview' },
        slide.call,
        calls.filter((c) => c.overview !== undefined).map((c) => c.id),
      );
    // A roster that names no call is reported on its own; the slide that misses it would only repeat that.
    const strayRoster = rosters.some((r) => !calls.some((c) => c.id === r));
    if (slide.kind === 'roster' && !failed.has('roster') && !strayRoster && !rosters.includes(slide.call))
      dangling(['slides', i, 'call'], { ja: '名簿（roster*.yaml）の公募', en: 'roster of call' }, slide.call, rosters);
    if (slide.kind === 'content')
      slide.blocks.forEach((b, bi) => {
        const tables =
          'table' in b
            ? [{ t: b.table, path: ['blocks', bi, 'table'] }]
            : 'columns' in b
              ? b.columns.flatMap((col, ci) => col.flatMap((x, xi) => ('table' in x ? [{ t: x.table, path: ['blocks', bi, 'columns', ci, xi, 'table'] }] : [])))
              : [];
        for (const { t, path } of tables)
          t.rows.forEach((row, ri) => {
            if (row.length !== t.head.length)
              issues.push({
                code: 'COUNT_MISMATCH',
                file: deck.rel,
                path: ['slides', i, ...path, 'rows', ri],
                message: { ja: `行のセル数 ${row.length} が列見出しの数 ${t.head.length} と違います`, en: `row has ${row.length} cells, the head ${t.head.length}` },
                hint: { ja: '各行に列見出しと同じ数のセルを書いてください', en: 'give each row as many cells as the head' },
              });
          });
      });
  });
  return issues;
}
