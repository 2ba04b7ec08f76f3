/**
 * Mapping keys the rest of the program cannot take (issue 32, class 8): a key must be a plain
 * scalar written out, once per mapping. Found in one pass over the parsed document, before the
 * data is built (`toJS` would print a Node warning for a collection key and let an aliased
 * duplicate overwrite the first value).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit, type Document, type Node } from 'yaml';

/** A key the rest of the program cannot take, and why (a YAML_MESSAGES code). */
export interface KeyIssue {
  offset: number;
  code: 'DUPLICATE_KEY' | 'ALIAS_KEY' | 'MERGE_KEY' | 'COMPLEX_KEY' | 'EMPTY_KEY';
}

/**
 * Keys that are not one plain word each, or that repeat an earlier key of the same mapping, in
 * one pass and in file order. The rule: a key is a scalar written out — not an alias (`*k:` could
 * repeat a key unseen, the last value winning), not a merge (`<<: *a` is no merge in YAML 1.2 and
 * would hide the same), not a list or mapping (`? [a, b]`, which a JavaScript object cannot hold),
 * not empty. Keys are compared as the program will see them (`1` and `"1"`, `~` and `""` are one
 * key of a JavaScript object). Refused here, before `toJS`, so the parser never warns about them.
 */
export function keyIssues(doc: Document.Parsed, text: string): KeyIssue[] {
  const found: KeyIssue[] = [];
  visit(doc, {
    Map(_key, node) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const offset = keyStart(text, key, (pair.value as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0);
        if (isAlias(key)) found.push({ offset, code: 'ALIAS_KEY' });
        else if (isMap(key) || isSeq(key)) found.push({ offset, code: 'COMPLEX_KEY' });
        else if (!isScalar(key) || key.value === null) found.push({ offset, code: 'EMPTY_KEY' });
        else if (key.value === '<<' && key.type === Scalar.PLAIN) found.push({ offset, code: 'MERGE_KEY' });
        else {
          const name = String(key.value);
          if (seen.has(name)) found.push({ offset, code: 'DUPLICATE_KEY' });
          seen.add(name);
        }
      }
    },
  });
  return found.sort((a, b) => a.offset - b.offset);
}

/**
 * Where a key is written: its `?` indicator when it has one (an empty `? ` key has no range of
 * its own), else its first character (an empty key's: its `:`). yaml starts a block mapping's range after its first key,
 * so a mapping used as a key starts where its first key does.
 */
function keyStart(text: string, key: Node | null, fallback: number): number {
  let start = key?.range?.[0] ?? fallback;
  if ((isMap(key) || isSeq(key)) && key.items.length > 0) {
    const first = key.items[0] as unknown;
    const firstStart = isPair(first) ? (first.key as Node | null)?.range?.[0] : (first as Node).range?.[0];
    if (firstStart !== undefined) start = Math.min(start, firstStart);
  }
  // An empty key's range may start at the indentation before its `:`.
  while (text[start] === ' ' || text[start] === '\t') start++;
  let p = start - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  return text[p] === '?' ? p : start;
}
