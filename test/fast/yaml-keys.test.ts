/**
 * YAML keys the program cannot take (issue 32, class 8): a key written through an alias, a merge
 * key, a list or mapping as a key, an empty key. Each is a located issue from the real loader, at
 * the line the key is written on, and the parser never prints a warning of its own (it did for a
 * collection key: "Keys with collection values will be stringified"). The CLI cases, with their
 * hints, are in the bad-input corpus (fixtures/bad/cases.ts); the process-level stderr check is in
 * test/e2e/yaml-keys.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseYamlBytes } from '../../src/stages/load/source.ts';

function parse(text: string): { data: unknown; issues: string[] } {
  const r = parseYamlBytes(new TextEncoder().encode(text), 'x.yaml');
  return { data: r.source?.data, issues: r.issues.map((i) => `${i.line}:${i.col} ${i.code}`) };
}

const warnings: string[] = [];
const onWarning = (w: Error): void => {
  warnings.push(w.message);
};
beforeEach(() => {
  warnings.length = 0;
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

describe('keys are plain words, each written out once', () => {
  it.each([
    ['an alias repeating a key of the mapping', 'm:\n  &k name: 1\n  *k : 2\n', '3:3 YAML_ALIAS_KEY'],
    ['an alias to a value elsewhere', 'k: &k name\nm:\n  name: 1\n  *k : 2\n', '4:3 YAML_ALIAS_KEY'],
    ['a merge key then the key it merges', 'a: &a\n  x: 1\nb:\n  <<: *a\n  x: 3\n', '4:3 YAML_MERGE_KEY'],
    ['a list as a key (? [a, b])', 'm:\n  ok: 1\n  ? [a, b]\n  : 3\n', '3:3 YAML_COMPLEX_KEY'],
    ['a flow mapping as a key', 'm:\n  ok: 1\n  ? {a: 1}\n  : 3\n', '3:3 YAML_COMPLEX_KEY'],
    ['a list as a key inside a flow mapping', 'm: {ok: 1, [a, b]: 3}\n', '1:12 YAML_COMPLEX_KEY'],
    ['a block mapping as a key', 'm:\n  ok: 1\n  ? a: 1\n    b: 2\n  : 3\n', '3:3 YAML_COMPLEX_KEY'],
    ['an alias to a mapping as a key', 'a: &a {x: 1}\nm:\n  *a : 3\n', '3:3 YAML_ALIAS_KEY'],
    ['an empty explicit key', 'm:\n  ok: 1\n  ? \n  : 3\n', '3:3 YAML_EMPTY_KEY'],
    ['a value without a key', 'm:\n  ok: 1\n  : 3\n', '3:3 YAML_EMPTY_KEY'],
    ['a null key', 'm:\n  ok: 1\n  ~: 3\n', '3:3 YAML_EMPTY_KEY'],
  ])('%s: located at the key, no parser warning', (_name, text, expected) => {
    const { data, issues } = parse(text);
    expect(issues).toEqual([expected]);
    expect(data).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reports every such key of a file at once, in file order, with the duplicates', () => {
    const { issues } = parse('a: &a {x: 1}\nb:\n  <<: *a\n  x: 2\n  x: 3\n? [c]\n: 4\n*a : 5\n');
    expect(issues).toEqual(['3:3 YAML_MERGE_KEY', '5:3 YAML_DUPLICATE_KEY', '6:1 YAML_COMPLEX_KEY', '8:1 YAML_ALIAS_KEY']);
    expect(warnings).toEqual([]);
  });

  it('compares keys as the program sees them: 1 and "1" are one key', () => {
    expect(parse('m:\n  1: a\n  "1": b\n').issues).toEqual(['3:3 YAML_DUPLICATE_KEY']);
  });

  it('keeps what is fine: anchors on keys and values, aliases as values, a quoted "<<"', () => {
    const { data, issues } = parse('&k name: &v 共創\nother: *v\nlist: [*v, *v]\n"<<": text\n');
    expect(issues).toEqual([]);
    expect(data).toEqual({ name: '共創', other: '共創', list: ['共創', '共創'], '<<': 'text' });
  });
});
