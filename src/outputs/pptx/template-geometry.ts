/**
 * Geometry the slide templates write inline (`style="…"` attributes, the programme table's
 * `<colgroup>`) rather than in the theme, read from the templates themselves at build time, so
 * the PPTX follows a template change as the HTML does. A template that no longer has what is
 * read here stops the build naming the file (THEME_MISSING), like a missing theme value.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../../shared/errors.ts';

export interface TemplateGeometry {
  /** programmes.hbs `<col style="width:N%">`, in order. */
  programmeColumns: number[];
  /** field-overview.hbs `.two-col`: the fr of each column and the gap. */
  fieldOverviewColumns: number[];
  fieldOverviewGap: number;
  /** field-overview.hbs: margin-top of the second box, of the budget line, of the points. */
  fieldOverviewBoxGap: number;
  fieldOverviewBudgetGap: number;
  fieldOverviewPointsGap: number;
  /** overview-first.hbs: margin-top of the summary box and of the concept line. */
  overviewBoxGap: number;
  overviewConceptGap: number;
  /** roster.hbs: margin-top of the notes. */
  rosterNotesGap: number;
}

/** The partials the geometry comes from (inputs of the PPTX besides the theme). */
export const GEOMETRY_PARTIALS = ['programmes', 'field-overview', 'overview-first', 'roster'] as const;

type Partials = Record<(typeof GEOMETRY_PARTIALS)[number], string>;

export async function loadTemplateGeometry(templatesDir: string): Promise<TemplateGeometry> {
  const texts = await Promise.all(
    GEOMETRY_PARTIALS.map(async (name) => {
      const file = path.join(templatesDir, 'slides', 'partials', `${name}.hbs`);
      try {
        return [name, await readFile(file, 'utf8')] as const;
      } catch (cause) {
        throw fail('themeMissing', { file }, { cause });
      }
    }),
  );
  return parseTemplateGeometry(Object.fromEntries(texts) as Partials);
}

export function parseTemplateGeometry(t: Partials): TemplateGeometry {
  const need = (name: keyof Partials, what: string, value: number | undefined): number => {
    if (value === undefined || !Number.isFinite(value)) throw fail('themeToken', { file: `templates/slides/partials/${name}.hbs`, selector: what, property: 'style' });
    return value;
  };
  const px = (name: keyof Partials, what: string, re: RegExp): number => need(name, what, re.exec(t[name]) ? Number(re.exec(t[name])![1]) : undefined);
  const columns = [...t.programmes.matchAll(/<col style="width:\s*([\d.]+)%"/g)].map((m) => Number(m[1]));
  need('programmes', '<colgroup>', columns.length > 0 ? columns.length : undefined);
  const twoCol = /class="two-col" style="([^"]*)"/.exec(t['field-overview'])?.[1] ?? '';
  const tracks = /grid-template-columns:\s*([^;]+)/.exec(twoCol)?.[1] ?? '';
  const fr = [...tracks.matchAll(/([\d.]+)fr/g)].map((m) => Number(m[1]));
  need('field-overview', '.two-col grid-template-columns', fr.length === 2 ? 2 : undefined);
  return {
    programmeColumns: columns,
    fieldOverviewColumns: fr,
    fieldOverviewGap: need('field-overview', '.two-col gap', /gap:\s*([\d.]+)px/.exec(twoCol) ? Number(/gap:\s*([\d.]+)px/.exec(twoCol)![1]) : undefined),
    fieldOverviewBoxGap: px('field-overview', '.box margin-top', /<div class="box" style="margin-top:\s*([\d.]+)px"/),
    fieldOverviewBudgetGap: px('field-overview', '.budget-badge margin-top', /<div style="margin-top:\s*([\d.]+)px"><span class="budget-badge"/),
    fieldOverviewPointsGap: px('field-overview', '.compact-points margin-top', /style="margin-top:\s*([\d.]+)px" class="compact-points"/),
    overviewBoxGap: px('overview-first', '.box margin-top', /<div class="box" style="margin-top:\s*([\d.]+)px"/),
    overviewConceptGap: px('overview-first', '.concept margin-top', /<div class="concept" style="margin-top:\s*([\d.]+)px"/),
    rosterNotesGap: px('roster', '.notes margin-top', /<div class="notes" style="margin-top:\s*([\d.]+)px"/),
  };
}
