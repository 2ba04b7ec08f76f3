/**
 * Shared by the property tests (test/fast/property.test.ts: the validator; test/browser/property.test.ts:
 * the printed documents): the free-text fields of r3 found from the zod schemas, arbitrary text biased
 * toward markup, and how a field is set and restored in a temporary project.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parse, parseDocument } from 'yaml';
import type { z } from 'zod';
import { fileKinds, Text } from '../../src/schema/index.ts';
import { schemaDef, unwrap } from '../../src/schema/walk.ts';
import { isKyosoError, type KyosoError } from '../../src/shared/errors.ts';
import { charProblem } from '../../src/shared/unicode.ts';
import { FIXTURE_DATA, type TempProject } from './project.ts';

export type Segment = string | number;
export interface TextField {
  /** Relative to data/r3. */
  file: string;
  path: Segment[];
  original: string;
}

/* ------------------------------------------------- text fields from the schema */

const zdef = schemaDef;
/** Text's check objects; `text(ja)` = Text.describe(ja) clones the schema but shares them. */
const TEXT_CHECKS = new Set((zdef(Text).checks as unknown[] | undefined) ?? []);
const isText = (s: z.ZodType): boolean => zdef(s).type === 'string' && ((zdef(s).checks as unknown[] | undefined) ?? []).some((c) => TEXT_CHECKS.has(c));

/** Walk data and schema together; collect string leaves whose schema is a Text. */
function textLeaves(schema: z.ZodType, data: unknown, at: Segment[], out: Map<string, Segment[]>): void {
  for (const s of unwrap(schema)) {
    const d = zdef(s);
    if (typeof data === 'string' && isText(s)) out.set(JSON.stringify(at), at);
    else if (d.type === 'object' && data && typeof data === 'object' && !Array.isArray(data)) {
      const shape = d.shape as Record<string, z.ZodType>;
      for (const [k, v] of Object.entries(data)) if (shape[k]) textLeaves(shape[k], v, [...at, k], out);
    } else if (d.type === 'array' && Array.isArray(data)) {
      data.forEach((v, i) => textLeaves(d.element as z.ZodType, v, [...at, i], out));
    } else if (d.type === 'record' && data && typeof data === 'object') {
      for (const [k, v] of Object.entries(data)) textLeaves(d.valueType as z.ZodType, v, [...at, k], out);
    }
  }
}

const globRe = (glob: string) => new RegExp(`^${glob.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);

export async function textFields(): Promise<TextField[]> {
  const dir = path.join(FIXTURE_DATA, 'r3');
  const files = [
    'edition.yaml',
    'programmes.yaml',
    'overview.yaml',
    'calls/kyoso.yaml',
    'calls/chiiki.yaml',
    'roster.yaml',
    'sites.yaml',
    'contact.yaml',
    'guidelines/kyoso.yaml',
    'guidelines/chiiki.yaml',
  ];
  const fields: TextField[] = [];
  for (const file of files) {
    const kind = fileKinds.find((k) => globRe(k.glob).test(file));
    if (!kind) throw new Error(`no file kind for ${file}`);
    const data: unknown = parse(await readFile(path.join(dir, file), 'utf8'));
    const found = new Map<string, Segment[]>();
    textLeaves(kind.schema as z.ZodType, data, [], found);
    for (const p of found.values()) {
      const original = p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], data) as string;
      fields.push({ file, path: p, original });
    }
  }
  return fields;
}

/* ------------------------------------------------------------- arbitraries */

/** Pieces of syntax a value must never turn into: Markdown, HTML, Marp directives, Handlebars, entities. */
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src="https://example.com/x.png">',
  '</section><section>',
  '<!-- x -->',
  '<br>',
  '|',
  '||',
  '*',
  '**b**',
  '_i_',
  '---',
  '\n---\n',
  '# h',
  '> q',
  '- item',
  '1. one',
  '[a](https://x.test)',
  '![i](file:///etc/passwd)',
  '`code`',
  '```',
  '$x$',
  ':smile:',
  '\\',
  '{{x}}',
  '{{{x}}}',
  '{{> p}}',
  '&amp;',
  '&lt;b&gt;',
  '&#60;',
  '\n',
  '\n\n',
  '<!-- _class: x -->',
  'https://example.com',
  '~~s~~',
  '==m==',
  '^sup^',
  '@media',
];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP) },
  { weight: 2, arbitrary: fc.constantFrom('共創', '拠点', 'ＪＳＴ', '令和３年度', 'コース') },
);
/** What the documents can show (the schema refuses the rest; see the test below). */
export const drawable = (ch: string): boolean => charProblem(ch) !== 'undrawable';

/** Well-formed (a YAML file cannot hold a lone surrogate), biased toward markup; undrawable characters stay in — the schema must refuse them. */
export const textArb = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('').replace(/\p{Cs}/gu, ''));

/* ------------------------------------------------------------------ helpers */

export async function setField(p: TempProject, f: TextField, value: string): Promise<void> {
  const file = path.join(p.paths.dataDir, 'r3', f.file);
  const doc = parseDocument(await readFile(file, 'utf8'));
  doc.setIn(f.path, value);
  await writeFile(file, doc.toString({ lineWidth: 0 }));
}

export async function restore(p: TempProject, f: TextField): Promise<void> {
  await writeFile(path.join(p.paths.dataDir, 'r3', f.file), await readFile(path.join(FIXTURE_DATA, 'r3', f.file)));
}

/**
 * Compare text the way a reader does: whitespace (incl. line breaks a layout adds) removed, one
 * normal form, digits of one width (the slides print the digits of headings full-width, as the
 * seed does: render/values.ts slideTitleText).
 */
export const canon = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/\s+/gu, '')
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A rejection must be located and explained, each issue on its own. */
export function expectLocated(err: unknown, where: string): void {
  expect(isKyosoError(err), `${where}: not a KyosoError: ${String((err as Error)?.stack ?? err)}`).toBe(true);
  const k = err as KyosoError;
  expect(k.code, where).toBe('DATA_INVALID');
  expect(k.issues.length, where).toBeGreaterThan(0);
  for (const i of k.issues) {
    expect(i.file, where).toMatch(/^data\/r3\/.+\.yaml$/);
    expect(i.line, where).toBeGreaterThanOrEqual(1);
    expect(i.col, where).toBeGreaterThanOrEqual(1);
    expect(i.message.ja.length * i.message.en.length, where).toBeGreaterThan(0);
  }
}
