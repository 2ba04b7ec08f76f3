/**
 * How the assembled Edition maps back to its files: which file a data path lives in, and
 * how entities of arrays are named (their identity). The build planner, the guideline
 * attachments, the 新旧対照表 and read tracking all go through here.
 */
import { sha256 } from '../shared/digest.ts';
import { track, untracked, type ReadRecord, type ReadSeg, type ReadSink } from '../shared/reads.ts';
import { fileKinds, sourceKey, type FileKindName } from './index.ts';

/** Entities of keyed arrays: `id`, or `call` for rosters and guidelines (one per call). */
export function entityKey(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as { id?: unknown; call?: unknown };
  return typeof o.id === 'string' ? o.id : typeof o.call === 'string' ? o.call : undefined;
}

/**
 * The key of Edition.sources a path lives in, and the path inside that file:
 * `['calls', {key: 'kyoso'}, 'types']` → `call:kyoso`, `['types']`. Read off the file-kind
 * registry, so a new kind of data file is tracked without a list here.
 */
export function sourceOf(path: readonly ReadSeg[]): { source: string; inner: ReadSeg[] } | undefined {
  const [root, second] = path;
  const kind = typeof root === 'string' ? fileKinds.find((k) => k.field === root) : undefined;
  if (!kind) return undefined;
  if (!kind.multiple) return { source: kind.kind, inner: path.slice(1) };
  return typeof second === 'object' ? { source: sourceKey(kind.kind, second.key), inner: path.slice(2) } : undefined;
}

/** Parse a path key back into segments (`calls[=kyoso].types[0]`). */
export function parsePathKey(key: string): ReadSeg[] {
  const out: ReadSeg[] = [];
  for (const m of key.matchAll(/([^.[\]]+)|\[=([^\]]*)\]|\[(\d+)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push({ key: m[2] });
    else out.push(Number(m[3]));
  }
  return out;
}

/** The files (relative to the edition folder) a record read from, sorted. */
export function filesRead(sources: Readonly<Record<string, string>>, record: ReadRecord): string[] {
  const files = new Set<string>();
  for (const key of record.touched) {
    const at = sourceOf(parsePathKey(key));
    const rel = at && sources[at.source];
    if (rel) files.add(rel);
  }
  return [...files].sort();
}

/** A read-only copy of an edition that records what is read from it into `sink`. */
export function trackEdition<E extends object>(edition: E, sink: ReadSink): E {
  return track(edition, sink, entityKey);
}

/** The value at a path of the (untracked) edition: `calls[=kyoso].types[=ikusei].budget.yen`. */
function valueAt(root: unknown, segs: readonly ReadSeg[]): unknown {
  let cur = root;
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'object') cur = Array.isArray(cur) ? cur.find((e) => entityKey(e) === seg.key) : undefined;
    else cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * What a record read, per data file (relative to the edition folder), as a digest of the values
 * it read there: each value with its path, and each array it counted with its entities in order
 * (a reordered list of types reorders a table). Two versions of a file that differ only where the
 * record did not look give the same digest, so an output planned with it (UnitPlan.values) is not
 * rebuilt for an edit it does not print: a budget changed in calls/kyoso.yaml rebuilds the
 * 資金計画 form, not the cover.
 */
export function valuesRead(edition: { sources: Readonly<Record<string, string>> }, record: ReadRecord): Record<string, string> {
  const root = untracked(edition);
  const lines = new Map<string, string[]>();
  const add = (key: string, line: string) => {
    const at = sourceOf(parsePathKey(key));
    const rel = at && root.sources[at.source];
    if (!rel) return;
    let list = lines.get(rel);
    if (!list) lines.set(rel, (list = []));
    list.push(line);
  };
  for (const key of record.leaves) add(key, `v ${key}\t${JSON.stringify(valueAt(root, parsePathKey(key)) ?? null)}`);
  for (const key of record.lengths) {
    const array = valueAt(root, parsePathKey(key.slice(0, -'.length'.length)));
    const order = Array.isArray(array) ? array.map((e) => entityKey(e) ?? '#') : null;
    add(key, `n ${key}\t${JSON.stringify(order)}`);
  }
  const out: Record<string, string> = {};
  for (const [rel, list] of [...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[rel] = sha256(`${list.sort().join('\n')}\n`);
  return out;
}
