/**
 * The tree shows the pipeline: cli → app → outputs → stages → schema → shared, and inside
 * stages load → validate → render → convert → postprocess → publish. A module may import
 * its own folder or folders below it, never above; and no import cycle exists, type-only
 * imports included (a cycle of types is a cycle of design). Files stay at most 400 lines and
 * functions at most 150, but for the ones listed with today's length, which may only shrink.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';
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

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 150;

/**
 * Files over the limit today, with their length: each may shrink, none may grow, none may join.
 * An entry whose file is back under the limit (or gone) fails the test until it is removed here.
 */
const KNOWN_LONG_FILES: Record<string, number> = {
  'stages/convert/browser.ts': 755,
  'stages/load/source.ts': 575,
  'app/new-edition.ts': 448,
  // Grown by the typesetting work of issue 31 (keep-together, XMP): to be split.
  'stages/postprocess/pdf.ts': 412,
  'stages/render/phrases.ts': 464,
  'app/diff/compare.ts': 490,
};

/**
 * Functions over the limit today (`file name`, the whole span including nested functions): the
 * same rule. (fitSlides, which runs in the page, is split into page-side helpers sent with it:
 * slide-layout.ts `fitSlidesScript`.)
 */
const KNOWN_LONG_FUNCTIONS: Record<string, number> = {};

/** Lines as an editor numbers them (a final newline starts none). */
function lineCount(rel: string): number {
  const text = readFileSync(path.join(SRC, rel), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** What is over its limit and not allowed: new entries, listed ones that grew, and listed ones that are no longer over. */
function overLimit(over: readonly (readonly [string, number])[], known: Record<string, number>, limit: number, advice: string): string[] {
  const found = new Map(over);
  const problems: string[] = [];
  for (const [key, n] of over) {
    const allowed = known[key];
    if (allowed === undefined) problems.push(`${key}: ${n} lines, over ${limit}: ${advice}`);
    else if (n > allowed) problems.push(`${key}: ${n} lines, grew past its listed ${allowed}: ${advice}`);
  }
  for (const key of Object.keys(known)) {
    if (!found.has(key)) problems.push(`${key}: no longer over ${limit} lines (or gone): remove it from the list`);
  }
  return problems;
}

interface AstNode {
  type: string;
  loc: { start: { line: number }; end: { line: number } };
  [key: string]: unknown;
}
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const isNode = (v: unknown): v is AstNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

/** The name a node gives what it holds: an identifier, a key, a private name. */
function nameOf(n: unknown): string | undefined {
  if (!isNode(n)) return undefined;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'PrivateName') return `#${nameOf(n.id)}`;
  if (n.type === 'StringLiteral') return n.value as string;
  return undefined;
}

/**
 * Every function-like node of a TypeScript text with its length in lines (first to last line,
 * nested functions included), named by where it sits: `f`, `Class.method`, `object.key`,
 * `outer.inner`. Parsed with @babel/parser (pure JavaScript: the fast tier starts no process,
 * and TypeScript 7 parses only in its own native process).
 */
function measureFunctions(text: string): [string, number][] {
  const ast = parse(text, { sourceType: 'module', plugins: ['typescript'] });
  const out: [string, number][] = [];
  const visit = (node: AstNode, scope: string[], holder: string | undefined): void => {
    let inner = scope;
    if (FUNCTION_TYPES.has(node.type)) {
      const own = nameOf(node.id) ?? nameOf(node.key) ?? holder ?? `<anonymous@${node.loc.start.line}>`;
      inner = [...scope, own];
      out.push([inner.join('.'), node.loc.end.line - node.loc.start.line + 1]);
    } else if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      inner = [...scope, nameOf(node.id) ?? holder ?? '<class>'];
    } else if (node.type === 'ObjectExpression' && holder) {
      inner = [...scope, holder];
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key.endsWith('Comments')) continue;
      // What names a function held here: a variable, a property, a class field, an assignment's target.
      const names =
        node.type === 'VariableDeclarator' || node.type === 'ClassProperty' || node.type === 'ObjectProperty' || node.type === 'AssignmentExpression'
          ? (nameOf(node.id) ?? nameOf(node.key) ?? nameOf(node.left))
          : undefined;
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child, inner, names);
    }
  };
  visit(ast.program as unknown as AstNode, [], undefined);
  return out;
}

/** `file name` and length of every function in a source file. */
function functionsOf(rel: string): [string, number][] {
  return measureFunctions(readFileSync(path.join(SRC, rel), 'utf8')).map(([name, n]) => [`${rel} ${name}`, n]);
}

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

  it(`keeps files at most ${MAX_FILE_LINES} lines, but for the listed ones, which may only shrink`, () => {
    const over = files.map((f) => [f, lineCount(f)] as const).filter(([, n]) => n > MAX_FILE_LINES);
    expect(overLimit(over, KNOWN_LONG_FILES, MAX_FILE_LINES, 'split the file')).toEqual([]);
  });

  it(`keeps every function at most ${MAX_FUNCTION_LINES} lines, but for the listed ones, which may only shrink`, () => {
    const over = files.flatMap((f) => functionsOf(f)).filter(([, n]) => n > MAX_FUNCTION_LINES);
    expect(overLimit(over, KNOWN_LONG_FUNCTIONS, MAX_FUNCTION_LINES, 'split it into named steps')).toEqual([]);
  });

  it('measures functions of every kind, nested ones too', () => {
    const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      `export function declared() {\n${body(4)}\n}`,
      `const arrow = async (x: number): Promise<void> => {\n${body(5)}\n};`,
      `class Session {\n  #start(): void {\n${body(6)}\n  }\n  static make = function () {\n${body(3)}\n  };\n}`,
      `const table = { run() {\n${body(7)}\n} };`,
      `function outer() {\n  const inner = () => {\n${body(3)}\n  };\n  return inner;\n}`,
    ].join('\n');
    expect(measureFunctions(text)).toEqual([
      ['declared', 4],
      ['arrow', 5],
      ['Session.#start', 6],
      ['Session.make', 3],
      ['table.run', 7],
      ['outer', 6],
      ['outer.inner', 3],
    ]);
  });
});
