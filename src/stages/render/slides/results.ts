/**
 * The results of one past call (results.yaml): applications received and projects adopted per
 * type or area, then the adopted projects. Drawn as the blocks of a free slide (tables and ※
 * notes), so the template and the PowerPoint builder are the content slide's; a count not known
 * yet prints （要確認）, shaded like every other unknown.
 */
import type { CallResult, Edition } from '../../../schema/index.ts';
import { countText } from '../values.ts';
import { dataPath, type SlideViewFn } from './common.ts';
import type { ContentBlockView, LeafBlockView } from './content.ts';
import { UNKNOWN_TEXT, isUnknown } from '../../../shared/values.ts';

export interface ResultsSlide {
  kind: 'results';
  heading: string;
  tag: string;
  blocks: ContentBlockView[];
  source: string;
}

/** The call result a slide or a 公募要領 names (crossCheck made sure it exists). */
export function resultOf(edition: Edition, id: string): CallResult {
  const r = edition.results?.results.find((x) => x.id === id);
  if (!r) throw new Error(`results: no call result ${id} (crossCheck should have caught this)`);
  return r;
}

/** A result's row label: the type's name (programmes.yaml), else the area's. */
function rowName(edition: Edition, r: CallResult, row: { type?: string | undefined; area?: string | undefined }): string {
  const programme = edition.programmes.programmes.find((p) => p.fields?.some((f) => f.id === r.field));
  const field = programme?.fields?.find((f) => f.id === r.field);
  const type = row.type ? programme?.types?.find((t) => t.id === row.type)?.name : undefined;
  const area = row.area ? field?.areas?.find((a) => a.id === row.area)?.name : undefined;
  return [type, area].filter((x) => x !== undefined).join('・') || (row.type ?? row.area ?? '');
}

/**
 * The tables of a call result, the same for the slide and the 公募要領: the counts (a row per
 * type or area) and, when listed, the adopted projects.
 */
export function resultTables(edition: Edition, r: CallResult): { counts: { head: string[]; rows: string[][] }; projects?: { head: string[]; rows: string[][] } } {
  const labels = edition.results!.labels;
  const counts = {
    head: [labels.row, labels.applications, labels.adopted],
    rows: r.rows.map((row) => [rowName(edition, r, row), countText(row.applications, { unit: '件' }), countText(row.adopted, { unit: '件' })]),
  };
  if (!r.projects || r.projects.length === 0) return { counts };
  return {
    counts,
    projects: {
      head: [labels.title, labels.institution, labels.type],
      rows: r.projects.map((p) => [isUnknown(p.title) ? UNKNOWN_TEXT : p.title, p.institution, rowName(edition, r, p)]),
    },
  };
}

export const view: SlideViewFn<'results', ResultsSlide> = (e, slide) => {
  const r = resultOf(e, slide.result);
  const source = dataPath(e, 'results');
  const { counts, projects } = resultTables(e, r);
  const blocks: LeafBlockView[] = [{ kind: 'table', caption: '', head: counts.head, rows: counts.rows }];
  if (projects) blocks.push({ kind: 'table', caption: e.results!.labels.projects, head: projects.head, rows: projects.rows });
  if (r.notes?.length) blocks.push({ kind: 'notes', items: r.notes });
  return { title: r.title, source, ctx: { kind: 'results', heading: r.title, tag: '', blocks, source } };
};
