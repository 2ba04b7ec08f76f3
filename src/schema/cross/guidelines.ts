/**
 * Cross-file rules of the guidelines (guidelines/*.yaml): each names an existing call, one per
 * call, and every block, title and `{{value:…}}` it uses exists for that call.
 */
import type { CrossIssue, ParsedFile } from '../contract.ts';
import { GUIDELINE_BLOCK_KINDS, GUIDELINE_BLOCKS, PLAIN_VALUES, TYPE_VALUES, VALUE_RE, type BodyItem, type Guideline } from '../guideline.ts';

/** Each guideline names an existing call, and no call has two guidelines. */
export function guidelineCrossCheck(files: ParsedFile[], failed: ReadonlySet<string> = new Set()): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const calls = new Set(files.filter((f) => f.kind === 'call').map((f) => (f.data as { id: string }).id));
  const seen = new Map<string, string>();
  for (const f of files.filter((x) => x.kind === 'guideline')) {
    const call = (f.data as Guideline).call;
    if (!calls.has(call)) {
      issues.push({
        code: 'DANGLING_REF',
        file: f.rel,
        path: ['call'],
        message: { ja: `公募「${call}」が見つかりません`, en: `call "${call}" does not resolve` },
        hint: { ja: `既知の値: ${[...calls].join(', ') || '(なし)'}`, en: `known: ${[...calls].join(', ') || '(none)'}` },
      });
    }
    const first = seen.get(call);
    if (first) {
      issues.push({
        code: 'DUPLICATE_ID',
        file: f.rel,
        path: ['call'],
        message: { ja: `公募「${call}」の公募要領が ${first} と重複しています`, en: `a guideline for call "${call}" already exists in ${first}` },
      });
    } else seen.set(call, f.rel);
    const target = files.find((x) => x.kind === 'call' && (x.data as { id: string }).id === call);
    if (target) issues.push(...treeIssues(f.rel, f.data as Guideline, target.data as CallLike, files, failed));
  }
  return issues;
}

/** What the tree rules need of a call. */
interface CallLike {
  id: string;
  overview?: unknown;
  types: { id: string }[];
  schedule: { milestones: { id: string }[] } | { sameAs: string };
}

/** Blocks that need data the call lacks, sections without a title, unknown `{{value:…}}` names. */
function treeIssues(rel: string, guide: Guideline, call: CallLike, files: ParsedFile[], failed: ReadonlySet<string>): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const rosterCalls = files.filter((x) => x.kind === 'roster').map((x) => (x.data as { call: string }).call);
  const callIds = files.filter((x) => x.kind === 'call').map((x) => (x.data as { id: string }).id);
  // A roster that names no call is reported on its own (DANGLING_REF); a block missing it would only repeat that.
  const hasRoster = failed.has('roster') || rosterCalls.includes(call.id) || rosterCalls.some((r) => !callIds.includes(r));
  const schedule =
    'milestones' in call.schedule
      ? call.schedule
      : (files.find((x) => x.kind === 'call' && (x.data as { id: string }).id === (call.schedule as { sameAs: string }).sameAs)?.data as CallLike | undefined)?.schedule;
  const milestones = schedule && 'milestones' in schedule ? schedule.milestones.map((m) => m.id) : [];
  const types = call.types.map((t) => t.id);
  const known = [...PLAIN_VALUES, ...TYPE_VALUES.flatMap((v) => types.map((t) => `${v}.${t}`)), ...milestones.map((m) => `milestone.${m}`)];
  const checkValues = (text: string | undefined, path: (string | number)[]) => {
    for (const m of (text ?? '').matchAll(VALUE_RE)) {
      const name = m[1] ?? '';
      if (known.includes(name)) continue;
      issues.push({
        code: 'DANGLING_REF',
        file: rel,
        path,
        message: { ja: `値「${name}」はこの公募にありません`, en: `value "${name}" does not exist for this call` },
        hint: { ja: `使える値: ${known.join(', ')}`, en: `values: ${known.join(', ')}` },
      });
    }
  };
  type Node = { title?: string | undefined; body?: BodyItem[] | undefined; sections?: Node[] | undefined };
  const walk = (node: Node, path: (string | number)[], level: number) => {
    checkValues(node.title, [...path, 'title']);
    (node.body ?? []).forEach((item, i) => {
      const at = [...path, 'body', i];
      if ('text' in item) return checkValues(item.text, [...at, 'text']);
      const needs = GUIDELINE_BLOCKS[item.block].needs;
      if (needs === 'overview' && call.overview === undefined)
        issues.push({
          code: 'DANGLING_REF',
          file: rel,
          path: [...at, 'block'],
          message: {
            ja: `ブロック「${item.block}」には公募「${call.id}」の分野の概要（overview）が必要です`,
            en: `block "${item.block}" needs the field overview of call "${call.id}"`,
          },
          hint: { ja: `calls/${call.id}.yaml に overview を書くか、このブロックを削除してください`, en: `add overview to calls/${call.id}.yaml or remove the block` },
        });
      if (needs === 'roster' && !hasRoster)
        issues.push({
          code: 'DANGLING_REF',
          file: rel,
          path: [...at, 'block'],
          message: { ja: `ブロック「${item.block}」には公募「${call.id}」の名簿（roster*.yaml）が必要です`, en: `block "${item.block}" needs a roster of call "${call.id}"` },
          hint: { ja: `call: ${call.id} の名簿を置くか、このブロックを削除してください`, en: `add a roster with call: ${call.id} or remove the block` },
        });
    });
    if (level > 1 && node.title === undefined) {
      const first = node.body?.[0];
      if (!first || !('block' in first) || !GUIDELINE_BLOCKS[first.block].titled)
        issues.push({
          code: 'MISSING_FIELD',
          file: rel,
          path,
          message: { ja: '節の題（title）がありません', en: 'the section has no title' },
          hint: {
            ja: `title を書くか、題を持つブロック（${GUIDELINE_BLOCK_KINDS.filter((k) => GUIDELINE_BLOCKS[k].titled).join(', ')}）を最初に置いてください`,
            en: `add a title, or start with a titled block (${GUIDELINE_BLOCK_KINDS.filter((k) => GUIDELINE_BLOCKS[k].titled).join(', ')})`,
          },
        });
    }
    (node.sections ?? []).forEach((child, i) => walk(child, [...path, 'sections', i], level + 1));
  };
  guide.chapters.forEach((c, i) => walk(c, ['chapters', i], 1));
  (guide.appendices ?? []).forEach((c, i) => walk(c, ['appendices', i], 1));
  return issues;
}
