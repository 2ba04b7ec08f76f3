/**
 * The tree shows the pipeline: cli → app → outputs → stages → schema → shared, and inside
 * stages load → validate → render → convert → postprocess → publish. A module may import
 * its own folder or folders below it, never above; and no import cycle exists, type-only
 * imports included (a cycle of types is a cycle of design).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');
const LAYERS = ['shared', 'schema', 'stages', 'outputs', 'app', 'cli'] as const;
const STAGES = ['load', 'validate', 'render', 'convert', 'postprocess', 'publish'] as const;

const files = globbySync('**/*.ts', { cwd: SRC }).sort();

/** Relative imports of a file (static, re-exports and dynamic `import('…')` with a literal). */
function importsOf(rel: string): string[] {
  const text = readFileSync(path.join(SRC, rel), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
  }
  return out;
}

/** [layer rank, stage rank] of a file: lower may be imported by higher. */
function rank(rel: string): [number, number] {
  const [top = '', second = ''] = rel.split('/');
  const layer = LAYERS.indexOf(top as (typeof LAYERS)[number]);
  const stage = top === 'stages' ? STAGES.indexOf(second as (typeof STAGES)[number]) : 0;
  return [layer, stage];
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('architecture', () => {
  it('puts every source file in a known layer (and every stage file in a known stage)', () => {
    const unknown = files.filter((f) => {
      const [layer, stage] = rank(f);
      return layer < 0 || stage < 0;
    });
    expect(unknown).toEqual([]);
  });

  it('resolves every relative import to a source file', () => {
    const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${f} → ${d}`));
    expect(missing).toEqual([]);
  });

  it('never imports upwards', () => {
    const upward: string[] = [];
    for (const [f, deps] of graph) {
      const [fl, fs] = rank(f);
      for (const d of deps) {
        const [dl, ds] = rank(d);
        if (dl > fl || (dl === fl && LAYERS[fl] === 'stages' && ds > fs)) upward.push(`${f} → ${d}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('keeps files short, or says in the opening comment why not', () => {
    const long = files.filter((f) => {
      const text = readFileSync(path.join(SRC, f), 'utf8');
      if (text.split('\n').length <= 400) return false;
      const opening = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0] ?? '';
      return !/longer than|one file because|kept together/i.test(opening);
    });
    expect(long).toEqual([]);
  });
});
