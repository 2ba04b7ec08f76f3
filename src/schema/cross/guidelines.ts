/**
 * Rules of the guidelines (guidelines/*.yaml): each names an existing call, one per call, and
 * every block, title and `{{value:…}}` it uses exists for that call. None runs while a call file
 * fails its schema: what a guideline names could be in it.
 */
import { issue } from '../../shared/data-issues/index.ts';
import type { CrossIssue } from '../contract.ts';
import { GUIDELINE_BLOCK_KINDS, GUIDELINE_BLOCKS, PLAIN_VALUES, TYPE_VALUES, VALUE_RE, type BodyItem } from '../guideline.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

type GuidelineFile = CrossContext['guidelines'][number];
type CallFile = CrossContext['calls'][number];
type Node = { title?: string | undefined; body?: BodyItem[] | undefined; sections?: Node[] | undefined };

/** Each guideline whose call exists, with that call (the first file of its id). */
const withCall = (ctx: CrossContext): { guide: GuidelineFile; call: CallFile }[] =>
  ctx.guidelines.flatMap((guide) => {
    const call = ctx.callById.get(guide.data.call);
    return call ? [{ guide, call }] : [];
  });

/** Every chapter, section, subsection and item of a guideline, its path and level (chapter = 1), in reading order. */
function nodesOf(guide: GuidelineFile): { node: Node; path: Path; level: number }[] {
  const out: { node: Node; path: Path; level: number }[] = [];
  const walk = (node: Node, path: Path, level: number) => {
    out.push({ node, path, level });
    (node.sections ?? []).forEach((child, i) => walk(child, [...path, 'sections', i], level + 1));
  };
  guide.data.chapters.forEach((c, i) => walk(c, ['chapters', i], 1));
  (guide.data.appendices ?? []).forEach((c, i) => walk(c, ['appendices', i], 1));
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
    ja: 'ブロックが必要とするデータ（分野の概要、名簿）がその公募にある',
    en: 'the data a block needs (the field overview, a roster) exists for the call',
  },
  reads: ['guideline', 'call', 'roster'],
  reports: ['blockNeedsOverview', 'blockNeedsRoster'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const out: CrossIssue[] = [];
    const rosterCalls = ctx.rosters.map((r) => r.data.call);
    // A roster that names no call is reported on its own (DANGLING_REF); a block missing it would only repeat that.
    const strayRoster = rosterCalls.some((r) => !ctx.calls.some((c) => c.data.id === r));
    for (const { guide, call } of withCall(ctx)) {
      const hasRoster = ctx.failed.has('roster') || rosterCalls.includes(call.data.id) || strayRoster;
      for (const { node, path } of nodesOf(guide))
        (node.body ?? []).forEach((item, i) => {
          if (!('block' in item)) return;
          const needs = GUIDELINE_BLOCKS[item.block].needs;
          const facts = { block: item.block, call: call.data.id };
          if (needs === 'overview' && call.data.overview === undefined) out.push(at(guide.rel, [...path, 'body', i, 'block'], issue('blockNeedsOverview', facts)));
          if (needs === 'roster' && !hasRoster) out.push(at(guide.rel, [...path, 'body', i, 'block'], issue('blockNeedsRoster', facts)));
        });
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
  reads: ['guideline', 'call'],
  reports: ['untitledSection'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const titledBlocks = GUIDELINE_BLOCK_KINDS.filter((k) => GUIDELINE_BLOCKS[k].titled);
    return withCall(ctx).flatMap(({ guide }) =>
      nodesOf(guide).flatMap(({ node, path, level }) => {
        if (level === 1 || node.title !== undefined) return [];
        const first = node.body?.[0];
        if (first && 'block' in first && GUIDELINE_BLOCKS[first.block].titled) return [];
        return [at(guide.rel, path, issue('untitledSection', { titledBlocks }))];
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
  reads: ['guideline', 'call'],
  reports: ['unknownValue'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const out: CrossIssue[] = [];
    for (const { guide, call } of withCall(ctx)) {
      const known = valueNames(ctx, call);
      const check = (text: string | undefined, path: Path) => {
        for (const v of (text ?? '').matchAll(VALUE_RE)) if (!known.includes(v[1] ?? '')) out.push(at(guide.rel, path, issue('unknownValue', { name: v[1] ?? '', known })));
      };
      for (const { node, path } of nodesOf(guide)) {
        check(node.title, [...path, 'title']);
        (node.body ?? []).forEach((item, i) => 'text' in item && check(item.text, [...path, 'body', i, 'text']));
      }
    }
    return out;
  },
};
