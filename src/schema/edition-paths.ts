/**
 * How the assembled Edition maps back to its files: which file a data path lives in, and
 * how entities of arrays are named (their identity). The build planner, the guideline
 * attachments, the 新旧対照表 and read tracking all go through here.
 */
import { track, type ReadRecord, type ReadSeg, type ReadSink } from '../shared/reads.ts';
import { fileKinds, sourceKey, type FileKindName } from './index.ts';

/** Entities of keyed arrays: `id`, or `call` for rosters and guidelines (one per call). */
export function entityKey(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as { id?: unknown; call?: unknown };
  return typeof o.id === 'string' ? o.id : typeof o.call === 'string' ? o.call : undefined;
}

/** The file kind behind each field of an Edition (`meta` → edition.yaml's kind). */
const KIND_OF_FIELD = new Map(fileKinds.map((k) => [k.field, k]));

/**
 * The key of Edition.sources a path lives in, and the path inside that file:
 * `['calls', {key: 'kyoso'}, 'types']` → `call:kyoso`, `['types']`. Read off the file-kind
 * registry, so a new kind of data file is tracked without a list here.
 */
export function sourceOf(path: readonly ReadSeg[]): { source: string; inner: ReadSeg[] } | undefined {
  const [root, second] = path;
  const kind = typeof root === 'string' ? KIND_OF_FIELD.get(root) : undefined;
  if (!kind) return undefined;
  if (!kind.multiple) return { source: kind.kind, inner: path.slice(1) };
  return typeof second === 'object' ? { source: sourceKey(kind.kind as FileKindName, second.key), inner: path.slice(2) } : undefined;
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
