/** Rules over the whole edition: its files are there, ids are unique, notes and footnotes resolve. */
import { fileKinds } from '../kinds.ts';
import { issue } from '../../shared/data-issues/index.ts';
import type { CrossIssue } from '../contract.ts';
import { FOOTNOTE_TOKEN_RE } from '../overview.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

/** File kinds every edition must have, with the file to create (for MISSING_FILE): the registry's required kinds. */
export function requiredFilesOf(): Record<string, string> {
  return Object.fromEntries(fileKinds.filter((k) => k.required).map((k) => [k.kind, k.glob.replace('*', '<id>')]));
}

export const requiredFiles: CrossRule = {
  id: 'required-files',
  description: { ja: '版に必須のファイルがそろっている', en: 'every required file of an edition is there' },
  reads: ['edition', 'programmes', 'overview', 'call', 'sites', 'contact', 'deck'],
  reports: ['missingFile'],
  check: ({ files, failed }) =>
    Object.entries(requiredFilesOf())
      .filter(([kind]) => !failed.has(kind) && !files.some((f) => f.kind === kind))
      .map(([, file]) => at(file, [], issue('missingFile', { file }))),
};

interface IdList {
  file: string;
  /** The ids' name in a message: 注記ID. */
  what: string;
  items: { key: string; path: Path }[];
}

/** `key` of each item of a list, at `base[i].key`. */
const keys = <K extends string, T extends Record<K, string>>(list: readonly T[] | undefined, base: Path, key: K) =>
  (list ?? []).map((x, i) => ({ key: x[key], path: [...base, i, key] }));

/** Every list whose ids must be unique within its file. */
function idLists(ctx: CrossContext): IdList[] {
  const lists: IdList[] = [];
  if (ctx.edition) lists.push({ file: ctx.edition.rel, what: '注記ID', items: keys(ctx.edition.data.notes, ['notes'], 'id') });
  if (ctx.programmesFile) {
    const file = ctx.programmesFile.rel;
    lists.push({ file, what: 'プログラムID', items: keys(ctx.programmes, ['programmes'], 'id') });
    ctx.programmes.forEach((p, pi) => {
      lists.push({ file, what: '実施タイプID', items: keys(p.types, ['programmes', pi, 'types'], 'id') });
      lists.push({ file, what: 'ビジョンID', items: keys(p.visions, ['programmes', pi, 'visions'], 'id') });
      p.fields?.forEach((f, fi) => lists.push({ file, what: '領域ID', items: keys(f.areas, ['programmes', pi, 'fields', fi, 'areas'], 'id') }));
    });
    // A field id names the field across programmes (calls name it alone).
    lists.push({ file, what: '分野ID', items: ctx.programmes.flatMap((p, pi) => keys(p.fields, ['programmes', pi, 'fields'], 'id')) });
  }
  for (const c of ctx.calls) {
    lists.push({ file: c.rel, what: '実施タイプID', items: keys(c.data.types, ['types'], 'id') });
    if ('milestones' in c.data.schedule) lists.push({ file: c.rel, what: '節目ID', items: keys(c.data.schedule.milestones, ['schedule', 'milestones'], 'id') });
  }
  for (const r of ctx.rosters) lists.push({ file: r.rel, what: '人物ID', items: keys(r.data.entries, ['entries'], 'id') });
  if (ctx.overview) lists.push({ file: ctx.overview.rel, what: '注番号', items: keys(ctx.overview.data.footnotes, ['footnotes'], 'mark') });
  if (ctx.sitesFile) lists.push({ file: ctx.sitesFile.rel, what: '拠点ID', items: keys(ctx.sitesFile.data.sites, ['sites'], 'id') });
  return lists;
}

export const uniqueIds: CrossRule = {
  id: 'unique-ids',
  description: {
    ja: 'ファイルの中の ID（注記・プログラム・実施タイプ・分野・節目・人物・拠点など）が重複しない',
    en: 'ids within a file (notes, programmes, types, fields, milestones, people, sites…) are unique',
  },
  reads: ['edition', 'programmes', 'call', 'roster', 'overview', 'sites'],
  reports: ['duplicateId'],
  check(ctx) {
    const out: CrossIssue[] = [];
    for (const { file, what, items } of idLists(ctx)) {
      const seen = new Map<string, Path>();
      for (const it of items) {
        const first = seen.get(it.key);
        if (first) out.push(at(file, it.path, issue('duplicateId', { what, key: it.key, first })));
        else seen.set(it.key, it.path);
      }
    }
    return out;
  },
};

export const noteRefs: CrossRule = {
  id: 'note-refs',
  description: { ja: '注記の参照（noteRefs・titleNoteRefs）が edition.yaml の注記を指す', en: 'note references (noteRefs, titleNoteRefs) name a note of edition.yaml' },
  reads: ['edition', 'programmes', 'call', 'overview', 'guideline'],
  reports: ['danglingRef'],
  check(ctx) {
    if (!ctx.edition) return [];
    type Refs = [file: string, base: Path, refs: readonly string[] | undefined];
    const lists: Refs[] = [
      [ctx.edition.rel, ['titleNoteRefs'], ctx.edition.data.titleNoteRefs],
      ...(ctx.programmesFile ? [[ctx.programmesFile.rel, ['table', 'noteRefs'], ctx.programmesFile.data.table.noteRefs] satisfies Refs] : []),
      ...ctx.calls.map((c): Refs => [c.rel, ['noteRefs'], c.data.noteRefs]),
      ...(ctx.overview ? [[ctx.overview.rel, ['second', 'noteRefs'], ctx.overview.data.second.noteRefs] satisfies Refs] : []),
      ...ctx.guidelines.map((g): Refs => [g.rel, ['coverNoteRefs'], g.data.coverNoteRefs]),
    ];
    return lists.flatMap(([file, base, refs]) =>
      (refs ?? []).flatMap((key, i) => (ctx.noteIds.has(key) ? [] : [at(file, [...base, i], issue('danglingRef', { what: '注記', key, known: ctx.noteIds }))])),
    );
  },
};

export const footnoteRefs: CrossRule = {
  id: 'footnote-refs',
  description: { ja: '本文の（※1）が overview.yaml の脚注を指す', en: 'a (※1) in the text names a footnote of overview.yaml' },
  reads: ['overview'],
  reports: ['danglingRef'],
  check({ overview }) {
    if (!overview) return [];
    const out: CrossIssue[] = [];
    const marks = new Set(overview.data.footnotes.map((f) => f.mark));
    const walk = (v: unknown, path: Path) => {
      if (typeof v === 'string') {
        for (const mm of v.matchAll(FOOTNOTE_TOKEN_RE)) if (!marks.has(mm[1]!)) out.push(at(overview.rel, path, issue('danglingRef', { what: '脚注', key: mm[1]!, known: marks })));
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'footnotes') walk(x, [...path, k]);
    };
    walk(overview.data, []);
    return out;
  },
};
