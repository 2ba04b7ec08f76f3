/**
 * The 公募要領 block `results`: the results of past calls of the call's field (results.yaml), as
 * the same tables the `results` slide prints (slides/results.ts), titled by the file's heading.
 */
import type { Call, Edition } from '../../schema/index.ts';
import { resultTables } from './slides/results.ts';

/** The blocks it places, in the shapes of guideline-blocks.ts' Block (which imports this file). */
interface Cell {
  text: string;
  th?: boolean;
  value?: boolean;
}
type Block = { kind: 'table'; caption?: string; head: string[]; widths: string[]; rows: Cell[][] } | { kind: 'notes'; items: string[] };

export function resultsBlock({ edition, call }: { edition: Edition; call: Call }): { title: string; blocks: Block[] } {
  const file = edition.results;
  const mine = file?.results.filter((r) => r.field === call.field) ?? [];
  if (!file || mine.length === 0) throw new Error(`guideline ${call.id}: block results needs a result of field ${call.field} (crossCheck should have caught this)`);
  const cells = (rows: string[][], values: readonly number[]): Cell[][] =>
    rows.map((row) => row.map((text, i): Cell => (i === 0 ? { text, th: true } : { text, value: values.includes(i) })));
  return {
    title: file.heading,
    blocks: mine.flatMap((r): Block[] => {
      const { counts, projects } = resultTables(edition, r);
      return [
        { kind: 'table', caption: r.title, head: counts.head, widths: ['40%', '30%', '30%'], rows: cells(counts.rows, [1, 2]) },
        ...(projects
          ? [
              {
                kind: 'table',
                caption: file.labels.projects,
                head: projects.head,
                widths: ['46%', '32%', '22%'],
                rows: cells(projects.rows, []).map((row) => row.map((c) => ({ text: c.text }))),
              } as Block,
            ]
          : []),
        ...(r.notes?.length ? [{ kind: 'notes', items: r.notes } as Block] : []),
      ];
    }),
  };
}
