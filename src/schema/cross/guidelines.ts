/**
 * Rules of the guidelines (guidelines/*.yaml): each names an existing call, one per call, and
 * every block, title and `{{value:…}}` it uses exists for that call. None runs while a call file
 * fails its schema: what a guideline names could be in it.
 */
import { issue } from '../../shared/data-issues/index.ts';
import type { CrossIssue } from '../contract.ts';
import { GUIDELINE_BLOCK_KINDS, GUIDELINE_BLOCKS, PLAIN_VALUES, TYPE_VALUES, VALUE_RE } from '../guideline.ts';
import { expandNode, walkTree, type Origin, type TreeNode } from '../guideline-tree.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

type GuidelineFile = CrossContext['guidelines'][number];
type CallFile = CrossContext['calls'][number];

/** Each guideline whose call exists, with that call (the first file of its id). */
const withCall = (ctx: CrossContext): { guide: GuidelineFile; call: CallFile }[] =>
  ctx.guidelines.flatMap((guide) => {
    const call = ctx.callById.get(guide.data.call);
    return call ? [{ guide, call }] : [];
  });

/** The file a node or item is written in: the guideline, or the file of the part it comes from. */
const fileOf = (ctx: CrossContext, guide: GuidelineFile, origin: Origin): string =>
  origin.part === undefined ? guide.rel : (ctx.guidelineParts.find((p) => p.data.id === origin.part)?.rel ?? guide.rel);

/** Every chapter, section, subsection and item of a guideline (its shared parts put in), with its level (chapter = 1), in reading order. */
function nodesOf(ctx: CrossContext, guide: GuidelineFile): { node: TreeNode; level: number }[] {
  const parts = ctx.guidelineParts.map((p) => p.data);
  const out: { node: TreeNode; level: number }[] = [];
  for (const which of ['chapters', 'appendices'] as const)
    (guide.data[which] ?? []).forEach((c, i) => walkTree(expandNode(parts, c, { part: undefined, path: [which, i] }), 1, (node, level) => out.push({ node, level })));
  return out;
}

export const guidelineCall: CrossRule = {
  id: 'guideline-call',
  description: { ja: '公募要領の call が公募を指す', en: 'a guideline’s call names a call' },
  reads: ['guideline', 'call'],
  reports: ['danglingRef'],
  skipWhenFailed: ['call'],
  check: ({ guidelines, callById }) =>
    guidelines.flatMap((f) => (callById.has(f.data.call) ? [] : [at(f.rel, ['call'], issue('danglingRef', { what: '公募', key: f.data.call, known: callById.keys() }))])),
};

export const guidelinePerCall: CrossRule = {
  id: 'guideline-per-call',
  description: { ja: '1つの公募に公募要領は1つ', en: 'a call has one guideline at most' },
  reads: ['guideline'],
  reports: ['secondForCall'],
  skipWhenFailed: ['call'],
  check({ guidelines }) {
    const seen = new Map<string, string>();
    return guidelines.flatMap((f) => {
      const first = seen.get(f.data.call);
      if (first) return [at(f.rel, ['call'], issue('secondForCall', { document: 'guideline', call: f.data.call, first }))];
      seen.set(f.data.call, f.rel);
      return [];
    });
  },
};

export const guidelineBlocks: CrossRule = {
  id: 'guideline-blocks',
  description: {
    ja: 'ブロックが必要とするデータ（分野の概要、名簿、分野の公募の結果）がその公募にある',
    en: 'the data a block needs (the field overview, a roster, results of its field) exists for the call',
  },
  reads: ['guideline', 'guideline-part', 'call', 'roster', 'results'],
  reports: ['blockNeedsOverview', 'blockNeedsRoster', 'blockNeedsResults'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const out: CrossIssue[] = [];
    const rosterCalls = ctx.rosters.map((r) => r.data.call);
    // A roster that names no call is reported on its own (DANGLING_REF); a block missing it would only repeat that.
    const strayRoster = rosterCalls.some((r) => !ctx.calls.some((c) => c.data.id === r));
    const results = ctx.files.find((f) => f.kind === 'results')?.data as { results: { field: string }[] } | undefined;
    const resultFields = results?.results.map((r) => r.field) ?? [];
    for (const { guide, call } of withCall(ctx)) {
      const hasRoster = ctx.failed.has('roster') || rosterCalls.includes(call.data.id) || strayRoster;
      for (const { node } of nodesOf(ctx, guide))
        for (const { item, at: origin } of node.body) {
          if (!('block' in item)) continue;
          const needs = GUIDELINE_BLOCKS[item.block].needs;
          const facts = { block: item.block, call: call.data.id };
          const file = fileOf(ctx, guide, origin);
          if (needs === 'overview' && call.data.overview === undefined) out.push(at(file, [...origin.path, 'block'], issue('blockNeedsOverview', facts)));
          if (needs === 'roster' && !hasRoster) out.push(at(file, [...origin.path, 'block'], issue('blockNeedsRoster', facts)));
          if (needs === 'results' && !ctx.failed.has('results') && !resultFields.includes(call.data.field))
            out.push(at(file, [...origin.path, 'block'], issue('blockNeedsResults', { ...facts, field: call.data.field })));
        }
    }
    return out;
  },
};

export const guidelineTitles: CrossRule = {
  id: 'guideline-titles',
  description: {
    ja: '章より下の節に題がある（最初の項目が題を持つブロックなら省略可）',
    en: 'every section below a chapter has a title (or starts with a block that brings one)',
  },
  reads: ['guideline', 'guideline-part', 'call'],
  reports: ['untitledSection'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const titledBlocks = GUIDELINE_BLOCK_KINDS.filter((k) => GUIDELINE_BLOCKS[k].titled);
    return withCall(ctx).flatMap(({ guide }) =>
      nodesOf(ctx, guide).flatMap(({ node, level }) => {
        if (level === 1 || node.title !== undefined) return [];
        const first = node.body[0]?.item;
        if (first && 'block' in first && GUIDELINE_BLOCKS[first.block].titled) return [];
        return [at(fileOf(ctx, guide, node.at), node.at.path, issue('untitledSection', { titledBlocks }))];
      }),
    );
  },
};

/** The `{{value:…}}` names a guideline of this call may use. */
export function valueNames(ctx: CrossContext, call: CallFile): string[] {
  const s = call.data.schedule;
  const schedule = 'milestones' in s ? s : ctx.calls.find((x) => x.data.id === s.sameAs)?.data.schedule;
  const milestones = schedule && 'milestones' in schedule ? schedule.milestones.map((x) => x.id) : [];
  const types = call.data.types.map((t) => t.id);
  return [...PLAIN_VALUES, ...TYPE_VALUES.flatMap((v) => types.map((t) => `${v}.${t}`)), ...milestones.map((x) => `milestone.${x}`)];
}

export const guidelineValues: CrossRule = {
  id: 'guideline-values',
  description: { ja: '本文と題の {{value:…}} がその公募にある値を指す', en: 'each {{value:…}} of a text or title names a value of the call' },
  reads: ['guideline', 'guideline-part', 'call'],
  reports: ['unknownValue'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const out: CrossIssue[] = [];
    for (const { guide, call } of withCall(ctx)) {
      const known = valueNames(ctx, call);
      const check = (text: string | undefined, file: string, path: Path) => {
        for (const v of (text ?? '').matchAll(VALUE_RE)) if (!known.includes(v[1] ?? '')) out.push(at(file, path, issue('unknownValue', { name: v[1] ?? '', known })));
      };
      for (const { node } of nodesOf(ctx, guide)) {
        // An include's title is the part's unless the include gives one: check it where it is written.
        check(node.title, fileOf(ctx, guide, node.titleAt), [...node.titleAt.path, 'title']);
        for (const { item, at: origin } of node.body) if ('text' in item) check(item.text, fileOf(ctx, guide, origin), [...origin.path, 'text']);
      }
    }
    return out;
  },
};

/** `{{ref:id}}` in prose (the view's REF_RE; kept here so the schema layer does not import the renderer). */
export const REF_RE = /\{\{\s*ref\s*:\s*([^}\s]*)\s*\}\}/gu;

export const guidelineIncludes: CrossRule = {
  id: 'guideline-includes',
  description: {
    ja: '公募要領の include が共通パーツ（guideline-parts/*.yaml）を指し、omit がそのパーツの節を指す',
    en: 'each include of a guideline names a shared part, and each omit a section of it',
  },
  reads: ['guideline', 'guideline-part'],
  reports: ['danglingRef'],
  skipWhenFailed: ['guideline-part'],
  check(ctx) {
    const out: CrossIssue[] = [];
    const ids = ctx.guidelineParts.map((p) => p.data.id);
    type Raw = { include?: string; omit?: readonly string[]; sections?: readonly Raw[] };
    const visit = (file: string, node: Raw, path: Path) => {
      if (node.include !== undefined) {
        const part = ctx.guidelineParts.find((p) => p.data.id === node.include);
        if (!part) out.push(at(file, [...path, 'include'], issue('danglingRef', { what: '共通パーツ', key: node.include, known: ids })));
        else {
          const sectionIds = (part.data.sections ?? []).flatMap((s) => (s.id === undefined ? [] : [s.id]));
          (node.omit ?? []).forEach((o, i) => {
            if (!sectionIds.includes(o)) out.push(at(file, [...path, 'omit', i], issue('danglingRef', { what: `共通パーツ「${part.data.id}」の節`, key: o, known: sectionIds })));
          });
        }
      }
      (node.sections ?? []).forEach((s, i) => visit(file, s, [...path, 'sections', i]));
    };
    for (const g of ctx.guidelines) for (const which of ['chapters', 'appendices'] as const) (g.data[which] ?? []).forEach((c, i) => visit(g.rel, c as Raw, [which, i]));
    return out;
  },
};

export const guidelineRefs: CrossRule = {
  id: 'guideline-refs',
  description: {
    ja: '本文の相互参照 {{ref:…}} が同じ公募要領の章・節の id を指す',
    en: 'each cross-reference {{ref:…}} of a text names a chapter or section id of the same guideline',
  },
  reads: ['guideline', 'guideline-part', 'call'],
  reports: ['unknownRef'],
  skipWhenFailed: ['call', 'guideline-part'],
  check(ctx) {
    const out: CrossIssue[] = [];
    for (const { guide } of withCall(ctx)) {
      const nodes = nodesOf(ctx, guide);
      const known = nodes.flatMap(({ node }) => (node.id === undefined ? [] : [node.id]));
      for (const { node } of nodes)
        for (const { item, at: origin } of node.body) {
          if (!('text' in item)) continue;
          for (const r of item.text.matchAll(REF_RE))
            if (!known.includes(r[1] ?? ''))
              out.push(at(fileOf(ctx, guide, origin), [...origin.path, 'text'], issue('unknownRef', { id: r[1] ?? '', call: guide.data.call, known })));
        }
    }
    return out;
  },
};
