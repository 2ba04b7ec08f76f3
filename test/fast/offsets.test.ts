/**
 * load/offsets.ts: every character of a string value maps back to its own character in the
 * YAML source, whatever scalar style yaml chose to write it in (plain, quoted, escaped,
 * literal or folded block, folded at a narrow width). Property-based: the strings are
 * generated, the YAML is written by the yaml library itself, the check reads the source.
 */
import fc from 'fast-check';
import { Document, isMap, isScalar, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { offsetMap } from '../../src/stages/load/offsets.ts';
import { parseYamlBytes } from '../../src/stages/load/source.ts';

const STYLES = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
const CHARS = ['共', '創', 'の', '場', 'ア', 'a', 'Z', '3', '３', ' ', '　', '\n', "'", '"', '\\', '#', ':', '-', '、', '。', '\u0008', '𠮷', '\t'];

function check(value: string, style: (typeof STYLES)[number], lineWidth: number, indent: number): void {
  const doc = new Document({ outer: { text: value } });
  const src = doc.toString({ defaultStringType: style, lineWidth, minContentWidth: 0, indent });
  const { source } = parseYamlBytes(new TextEncoder().encode(src), 'x.yaml');
  if (!source) return; // yaml wrote something it cannot read back (not ours to judge)
  const outer = source.doc.get('outer', true);
  if (!isMap(outer)) return;
  const node = outer.get('text', true);
  if (!isScalar(node) || node.value !== value) return;
  const map = offsetMap(source.text, node as Scalar);
  const scalarType = (node as Scalar).type ?? 'PLAIN';
  expect(map.exact, `${scalarType} ${JSON.stringify(value)}\n${src}`).toBe(true);
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (/\s/u.test(c) || (c.charCodeAt(0) >= 0xdc00 && c.charCodeAt(0) <= 0xdfff)) continue;
    const at = map.at(i);
    const s = source.text[at];
    const ok = s === c || (scalarType === 'QUOTE_DOUBLE' && s === '\\') || (scalarType === 'QUOTE_SINGLE' && c === "'" && s === "'");
    expect(ok, `${scalarType} ${JSON.stringify(value)}[${i}]=${JSON.stringify(c)} → ${JSON.stringify(s)} at ${at}\n${src}`).toBe(true);
  }
}

describe('value index → source offset', () => {
  it('maps every character back, in every scalar style', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 60 }).map((cs) => cs.join('')),
        fc.constantFrom(...STYLES),
        fc.integer({ min: 8, max: 80 }),
        fc.integer({ min: 2, max: 4 }),
        (value, style, width, indent) => check(value, style, width, indent),
      ),
      { numRuns: 1500, seed: 15 },
    );
  });

  it('maps prose written plain or folded at a narrow width (lines continued and folded)', () => {
    const words = ['共創の場', '形成支援', 'COI-NEXT', '令和3年度', '、', '。', ' ', '　', '\n', '\n\n', '産学官'];
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom(...words), { minLength: 2, maxLength: 40 })
          .map((ws) => ws.join('').trim())
          .filter((v) => v !== ''),
        fc.constantFrom('PLAIN' as const, 'BLOCK_FOLDED' as const, 'BLOCK_LITERAL' as const),
        fc.integer({ min: 6, max: 30 }),
        (value, style, width) => check(value, style, width, 2),
      ),
      { numRuns: 800, seed: 15 },
    );
  });

  it('follows a literal block line by line (value line k ↔ source line header + 1 + k)', () => {
    const src = 'a:\n  b: |-\n    一行目\n      字下げ\n\n    四行目\n';
    const { source } = parseYamlBytes(new TextEncoder().encode(src), 'x.yaml');
    const node = (source!.doc.getIn(['a', 'b'], true) as Scalar)!;
    const map = offsetMap(src, node);
    const value = String(node.value);
    const pos = (i: number) => source!.lines.linePos(map.at(i));
    expect(pos(value.indexOf('一'))).toEqual({ line: 3, col: 5 });
    expect(pos(value.indexOf('字'))).toEqual({ line: 4, col: 7 });
    expect(pos(value.indexOf('四'))).toEqual({ line: 6, col: 5 });
  });

  it('an explicit indentation indicator counts from the header line', () => {
    const src = 'a:\n  b: |2\n      二字下げで始まる\n    本文\n';
    const { source } = parseYamlBytes(new TextEncoder().encode(src), 'x.yaml');
    const node = source!.doc.getIn(['a', 'b'], true) as Scalar;
    expect(String(node.value)).toBe('  二字下げで始まる\n本文\n');
    const map = offsetMap(src, node);
    expect(map.exact).toBe(true);
    expect(source!.lines.linePos(map.at(String(node.value).indexOf('本')))).toEqual({ line: 4, col: 5 });
  });
});
