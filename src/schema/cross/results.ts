/** Rules of results.yaml: what it names exists, its adopted projects agree with the sites list and with its counts. */
import type { z } from 'zod';
import { issue } from '../../shared/data-issues/index.ts';
import { isUnknown } from '../../shared/values.ts';
import type { CrossIssue, ParsedFile } from '../contract.ts';
import type { ResultsFileSchema } from '../results.ts';
import { at, type CrossContext, type CrossRule, type FileOf, type Path } from './rule.ts';

const resultsOf = (ctx: CrossContext) =>
  ctx.files.find((f): f is ParsedFile & FileOf<typeof ResultsFileSchema> => f.kind === 'results') as (ParsedFile & { data: z.infer<typeof ResultsFileSchema> }) | undefined;

export const resultRefs: CrossRule = {
  id: 'result-refs',
  description: {
    ja: '公募の結果の分野・実施タイプ・領域・拠点が programmes.yaml と sites.yaml にある',
    en: 'the field, types, areas and sites of the call results exist in programmes.yaml and sites.yaml',
  },
  reads: ['results', 'programmes', 'sites'],
  reports: ['danglingRef'],
  check(ctx) {
    const file = resultsOf(ctx);
    if (!file || !ctx.programmesFile) return [];
    const out: CrossIssue[] = [];
    const dangling = (path: Path, what: string, key: string | undefined, known: readonly string[]) => {
      if (key !== undefined && !known.includes(key)) out.push(at(file.rel, path, issue('danglingRef', { what, key, known })));
    };
    const siteIds = ctx.sitesFile?.data.sites.map((s) => s.id);
    file.data.results.forEach((r, ri) => {
      const base: Path = ['results', ri];
      const found = ctx.fieldById.get(r.field);
      if (!found) return dangling([...base, 'field'], '分野', r.field, [...ctx.fieldById.keys()]);
      const types = (found.programme.types ?? []).map((t) => t.id);
      const areas = (found.field.areas ?? []).map((a) => a.id);
      const named = (path: Path, x: { type?: string | undefined; area?: string | undefined }) => {
        dangling([...path, 'type'], '実施タイプ', x.type, types);
        dangling([...path, 'area'], '領域', x.area, areas);
      };
      r.rows.forEach((row, i) => named([...base, 'rows', i], row));
      r.projects?.forEach((p, i) => {
        named([...base, 'projects', i], p);
        // Without a sites file that parsed, a site reference cannot be judged.
        if (siteIds && !ctx.failed.has('sites')) dangling([...base, 'projects', i, 'site'], '拠点ID', p.site, siteIds);
      });
    });
    return out;
  },
};

export const resultSites: CrossRule = {
  id: 'result-sites',
  description: {
    ja: '採択されたプロジェクトの代表機関・実施タイプ・分野・領域が、拠点一覧の同じ拠点と一致する',
    en: 'an adopted project’s institution, type, field and area equal those of its site in the sites list',
  },
  reads: ['results', 'sites'],
  reports: ['resultSiteDiffers'],
  check(ctx) {
    const file = resultsOf(ctx);
    if (!file || !ctx.sitesFile) return [];
    const sitesFile = ctx.sitesFile.rel;
    const out: CrossIssue[] = [];
    file.data.results.forEach((r, ri) =>
      r.projects?.forEach((p, pi) => {
        const site = ctx.sitesFile?.data.sites.find((s) => s.id === p.site);
        if (!site) return;
        const path: Path = ['results', ri, 'projects', pi];
        const differs = (key: string, what: string, written: string | undefined, listed: string | undefined) => {
          if (written !== undefined && listed !== undefined && written !== listed)
            out.push(at(file.rel, [...path, key], issue('resultSiteDiffers', { what, written, site: site.id, listed, sitesFile })));
        };
        differs('institution', '代表機関', p.institution, site.institution);
        differs('type', '実施タイプ', p.type, site.type);
        differs('area', '領域', p.area, site.area);
        // The field is the result's: a project of another field's site is listed under the wrong call.
        differs('site', '分野', r.field, site.field);
      }),
    );
    return out;
  },
};

export const resultCounts: CrossRule = {
  id: 'result-counts',
  description: {
    ja: '採択されたプロジェクトの一覧があれば、実施タイプ（領域）ごとの件数が採択件数と一致する',
    en: 'when the adopted projects are listed, their number per type (area) equals the adopted count',
  },
  reads: ['results', 'programmes'],
  reports: ['resultCountDiffers'],
  check(ctx) {
    const file = resultsOf(ctx);
    if (!file) return [];
    const out: CrossIssue[] = [];
    file.data.results.forEach((r, ri) => {
      const projects = r.projects;
      if (!projects) return;
      const found = ctx.fieldById.get(r.field);
      r.rows.forEach((row, i) => {
        if (isUnknown(row.adopted)) return;
        const listed = projects.filter((p) => (row.type === undefined || p.type === row.type) && (row.area === undefined || p.area === row.area)).length;
        if (listed === row.adopted) return;
        const name =
          (row.type && found?.programme.types?.find((t) => t.id === row.type)?.name) ??
          (row.area && found?.field.areas?.find((a) => a.id === row.area)?.name) ??
          row.type ??
          row.area ??
          '';
        out.push(
          at(
            file.rel,
            ['results', ri, 'rows', i, 'adopted'],
            issue('resultCountDiffers', { result: { title: r.title, id: r.id }, row: { name, id: row.type ?? row.area ?? '' }, count: row.adopted, listed }),
          ),
        );
      });
    });
    return out;
  },
};
