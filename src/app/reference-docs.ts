/**
 * The two generated reference pages of docs/: the data reference (every file kind of an
 * edition folder and its fields, from the zod schemas' descriptions through the JSON Schema
 * the editors already get) and the error reference (every entry of the error catalogue with
 * its code, exit code, message and hint in both languages). Generated, never edited by hand,
 * so they cannot drift from the code: test/fast/reference-docs.test.ts compares them with
 * what is on disk, and `npm run schema` rewrites them with the JSON Schema files.
 *
 * It lives in app/ because it reads two lower layers at once (schema/ and the catalogue in
 * shared/) and writes files, as a command does; nothing below may know about docs/.
 * Output is deterministic: no dates, registry and schema order (the order a YAML file is
 * written in), catalogue codes by exit code.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CountSchema, DateRangeSchema, FuzzyDateSchema, Id, MoneySchema, PeriodSchema, Text, fileKinds } from '../schema/index.ts';
import { jsonSchemas } from '../schema/jsonschema.ts';
import { CATALOGUE, EXIT, ERRORS, type ErrorId } from '../shared/errors.ts';
import type { Message } from '../shared/values.ts';

export const REFERENCE_DIR = 'docs/reference';
export const DATA_REFERENCE = `${REFERENCE_DIR}/data.md`;
export const ERROR_REFERENCE = `${REFERENCE_DIR}/errors.md`;

const GENERATED = (what: string) =>
  `<!-- 生成ファイル: 手で編集しないでください。${what}を変えたら \`npm run schema\` で作り直します（test/fast/reference-docs.test.ts が古いままを検出します）。 -->`;

/** `{ project-relative path → Markdown }` for both pages. Pure, so a test can compare it with the files. */
export function referenceDocs(): Map<string, string> {
  return new Map([
    [DATA_REFERENCE, dataReference()],
    [ERROR_REFERENCE, errorReference()],
  ]);
}

/** Write the pages that changed (each whole, under a temporary name first); returns the paths written. */
export async function writeReferenceDocs(root: string): Promise<string[]> {
  const written: string[] = [];
  for (const [rel, text] of referenceDocs()) {
    const target = path.join(root, rel);
    if ((await readFile(target, 'utf8').catch(() => undefined)) === text) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}`;
    await writeFile(tmp, text);
    await rename(tmp, target);
    written.push(rel);
  }
  return written;
}

// ------------------------------------------------------------------ Markdown helpers

/** Text safe inside a table cell or a list item: no raw HTML, no table or emphasis markup, one line. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/\n\s*/g, '<br>');
}

const code = (text: string) => `\`${text}\``;

// ------------------------------------------------------------------ the data reference

type Json = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  additionalProperties?: Json | boolean;
  oneOf?: Json[];
  anyOf?: Json[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  default?: unknown;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  [k: string]: unknown;
};

// The same options as src/schema/jsonschema.ts, so a shared value type is recognised where a file uses it.
const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Json;

/** Value types used across files, documented once and linked from every field that has that shape. */
const SHARED_TYPES: ReadonlyArray<{ anchor: string; schema: z.ZodType }> = [
  { anchor: 'type-money', schema: MoneySchema },
  { anchor: 'type-fuzzy-date', schema: FuzzyDateSchema },
  { anchor: 'type-date-range', schema: DateRangeSchema },
  { anchor: 'type-period', schema: PeriodSchema },
  { anchor: 'type-count', schema: CountSchema },
];

/** A schema's shape without its own description: two uses of one type differ only there. */
function shapeKey(node: Json): string {
  const { description: _d, $schema: _s, ...rest } = node;
  return JSON.stringify(rest);
}

// Strings are named by the primitive they come from (primitives.ts), recognised by its pattern.
const TEXT_PATTERN = toJson(Text).pattern;
const ID_PATTERN = toJson(Id).pattern;

const isObject = (n: Json) => n.type === 'object' && n.properties !== undefined;
const variantsOf = (n: Json) => n.oneOf ?? n.anyOf;

/** The first sentence of a description: a type's name where a table needs a short label. */
const firstSentence = (d: string | undefined) => (d ?? '').split(/。|（|\(/u)[0]?.trim() || '';

/** A table of an object's fields, waiting for its place in the page. */
interface Table {
  anchor: string;
  title: string;
  description: string;
  node: Json;
}

class DataPage {
  readonly tables: Table[] = [];
  /** Shape → anchor of the table that already documents it (shared types, then first use in the page). */
  readonly known = new Map<string, { anchor: string; label: string }>();
  private readonly anchors = new Set<string>();

  reserve(anchor: string): void {
    this.anchors.add(anchor);
  }

  anchorFor(base: string): string {
    const stem = base
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase();
    let anchor = stem;
    for (let n = 2; this.anchors.has(anchor); n++) anchor = `${stem}-${n}`;
    this.anchors.add(anchor);
    return anchor;
  }

  isShared(node: Json): boolean {
    return this.known.get(shapeKey(node))?.anchor.startsWith('type-') === true;
  }

  /** The anchor documenting an object of this shape, queuing a table for it the first time. */
  tableFor(node: Json, kind: string, at: string): { anchor: string; label: string } {
    const key = shapeKey(node);
    const seen = this.known.get(key);
    if (seen) return seen;
    const found = { anchor: this.anchorFor(`${kind}-${at}`), label: code(at) };
    this.known.set(key, found);
    this.tables.push({ anchor: found.anchor, title: at, description: node.description ?? '', node });
    return found;
  }

  /** The Japanese name of a value's type, with links to the tables of the objects in it. */
  typeOf(node: Json, kind: string, at: string): string {
    const variants = variantsOf(node);
    if (variants) {
      const labels = variantLabels(variants);
      return variants
        .map((v, i) => {
          const path = `${at}（${labels[i]}）`;
          // A variant with a table of its own is named by what tells it apart, not by its whole path.
          if (isObject(v) && !this.isShared(v)) return `[${code(labels[i]!)}](#${this.tableFor(v, kind, path).anchor})`;
          return this.typeOf(v, kind, path);
        })
        .join(' / ');
    }
    if (node.const !== undefined) return `${code(String(node.const))}（固定）`;
    if (node.enum) return node.enum.map((v) => code(String(v))).join(' / ');
    if (isObject(node)) {
      const t = this.tableFor(node, kind, at);
      return `[${t.label}](#${t.anchor})`;
    }
    const type = Array.isArray(node.type) ? node.type.join('|') : node.type;
    switch (type) {
      case 'array': {
        const count = node.minItems !== undefined && node.maxItems !== undefined ? `（${node.minItems}〜${node.maxItems} 個）` : node.minItems ? `（${node.minItems} 個以上）` : '';
        return `${node.items ? this.typeOf(node.items, kind, `${at}[]`) : '値'} のリスト${count}`;
      }
      case 'object':
        return typeof node.additionalProperties === 'object' ? `名前 → ${this.typeOf(node.additionalProperties, kind, `${at}.*`)} の組` : 'オブジェクト';
      case 'string':
        if (node.format === 'uri') return 'URL';
        if (node.format === 'email') return 'メールアドレス';
        if (node.pattern === ID_PATTERN) return 'ID（英小文字・数字・ハイフン）';
        if (node.pattern === TEXT_PATTERN) return 'テキスト';
        return '文字列';
      case 'integer':
        return `整数${range(node)}`;
      case 'number':
        return `数値${range(node)}`;
      case 'boolean':
        return '`true` / `false`';
      case undefined:
        return '任意の値';
      default:
        return code(type);
    }
  }
}

function range(node: Json): string {
  const exclusive = typeof node.exclusiveMinimum === 'number' ? node.exclusiveMinimum : undefined;
  const min = node.minimum ?? (exclusive === undefined ? undefined : node.type === 'integer' ? exclusive + 1 : `${exclusive} より大`);
  const max = node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : undefined;
  if (min === undefined && max === undefined) return '';
  return `（${[min === undefined ? '' : `${min}`, max === undefined ? '' : `${max}`].join('〜')}）`;
}

/** How each variant of a union is told apart: its constant (`kind: title`), else a key only it has, else its place. */
function variantLabels(variants: Json[]): string[] {
  return variants.map((v, i) => {
    const props = v.properties ?? {};
    const constant = Object.entries(props).find(([, p]) => p.const !== undefined);
    if (constant) return `${constant[0]}: ${String(constant[1].const)}`;
    const own = Object.keys(props).filter((k) => variants.every((o, j) => j === i || !(k in (o.properties ?? {}))));
    // A list or an object says more about a variant than a title beside it.
    const structural = own.find((k) => props[k]?.type === 'array' || props[k]?.type === 'object');
    return structural ?? own[0] ?? `${i + 1}`;
  });
}

/** The rows of one object's table; the tables of the objects inside it follow it (depth first). */
function renderTable(page: DataPage, table: Table, kind: string, level: string): string[] {
  const queued = page.tables.length;
  const required = new Set(table.node.required ?? []);
  const rows = ['| 項目 | 型 | 必須 | 説明 |', '|---|---|---|---|'];
  for (const [name, field] of Object.entries(table.node.properties ?? {})) {
    const type = page.typeOf(field, kind, table.title ? `${table.title}.${name}` : name);
    const dflt = field.default === undefined ? '' : `（省略時: ${code(JSON.stringify(field.default))}）`;
    rows.push(`| ${code(name)} | ${type} | ${required.has(name) ? '必須' : ''} | ${cell(field.description ?? '')}${dflt} |`);
  }
  const out = table.title ? [`<a id="${table.anchor}"></a>`, '', `${level} ${code(table.title)}`, ''] : [];
  if (table.title && table.description) out.push(cell(table.description), '');
  out.push(...rows, '');
  for (const inner of page.tables.slice(queued)) out.push(...renderTable(page, inner, kind, '###'));
  return out;
}

/** One file kind: its root table, then the tables of the objects inside it. */
function fileSection(page: DataPage, kind: (typeof fileKinds)[number], root: Json): string[] {
  const out = [`<a id="file-${kind.kind}"></a>`, '', `## ${code(kind.glob)} — ${kind.description.ja}`, ''];
  out.push(`種類 ${code(kind.kind)}・${kind.required ? '必須' : '任意'}・${kind.multiple ? '複数可' : '1つ'}。${cell(root.description ?? '')}`, '');
  return [...out, ...renderTable(page, { anchor: `file-${kind.kind}`, title: '', description: '', node: root }, kind.kind, '###')];
}

function sharedTypesSection(page: DataPage): string[] {
  const out = ['## 共通の値の型', '', '金額・日付・期間などは、どのファイルでも同じ形で書きます（表示用の文字列は書式関数が作ります）。', ''];
  const tables = SHARED_TYPES.map((shared) => {
    const node = toJson(shared.schema);
    const label = firstSentence(node.description);
    page.reserve(shared.anchor);
    page.known.set(shapeKey(node), { anchor: shared.anchor, label });
    return { anchor: shared.anchor, title: label, description: node.description ?? '', node };
  });
  for (const table of tables) {
    out.push(`<a id="${table.anchor}"></a>`, '', `### ${table.title}`, '', cell(table.description), '');
    out.push(...renderTable(page, { ...table, title: '' }, 'type', '####'));
  }
  return out;
}

export function dataReference(): string {
  const schemas = jsonSchemas();
  const page = new DataPage();
  const out = [
    GENERATED('zod スキーマ（src/schema/）の説明'),
    '',
    '# データの項目一覧（data/<版>/）',
    '',
    '版のフォルダ（`data/r3/` など）に置くファイルと、その項目です。説明は zod スキーマ（`src/schema/`）に書かれたもので、VS Code で YAML を開いたときのヒントと同じです。',
    '「必須」が空の項目は省略できます。型のリンク先に、その中の項目があります。',
    '',
    '| ファイル | 種類 | 必須 | 数 | 内容 |',
    '|---|---|---|---|---|',
  ];
  for (const kind of fileKinds) {
    out.push(
      `| [${code(kind.glob)}](#file-${kind.kind}) | ${code(kind.kind)} | ${kind.required ? '必須' : '任意'} | ${kind.multiple ? '複数可' : '1つ'} | ${cell(kind.description.ja)} |`,
    );
  }
  out.push('', ...sharedTypesSection(page));
  for (const kind of fileKinds) {
    const root = JSON.parse(schemas.get(`${kind.kind}.schema.json`) ?? '{}') as Json;
    out.push(...fileSection(page, kind, root));
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ------------------------------------------------------------------ the error reference

/**
 * Stand-in facts for a message function: each fact prints as `{name}`, a list of facts as
 * `{name}`, and a list mapped item by item as the item's template. A branch on a fact's value
 * takes its default way, so a message with variants shows the most general one.
 */
function placeholder(name: string, owner?: string): unknown {
  const text = `{${name}}`;
  // Called, a placeholder is a method of its owner (`{n}.toFixed(1)`, `.toLocaleString()`): the owner's value.
  const fn = () => (owner === undefined ? text : `{${owner}}`);
  return new Proxy(fn, {
    get(_target, key) {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? Number.NaN : text);
      if (key === 'toString' || key === 'valueOf') return () => text;
      if (typeof key === 'symbol') return undefined;
      if (key === 'ja' || key === 'en') return text;
      if (key === 'length') return Number.NaN;
      if (key === 'join') return () => text;
      if (key === 'slice' || key === 'filter') return () => placeholder(name);
      if (key === 'map') return (f: (item: unknown, i: number) => unknown) => [f(placeholder(`${name}[]`), 0)];
      return placeholder(/^\d+$/.test(key) ? `${name}[${key}]` : `${name}.${key}`, name);
    },
  });
}

const facts = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? placeholder(key) : undefined) });

type AnyEntry = { code: keyof typeof CATALOGUE; message: (p: unknown) => Message; hint?: (p: unknown) => Message };

const textOf = (m: Message, lang: 'ja' | 'en') => cell(String(m[lang]));

/** Exit codes that no catalogue code carries: success and a bug. */
const OTHER_EXITS: ReadonlyArray<{ exit: number; ja: string; en: string }> = [
  { exit: EXIT.OK, ja: '成功', en: 'success' },
  { exit: EXIT.INTERNAL, ja: 'kyoso-docs 自体の不具合（表示されたスタックトレースを添えて報告してください）', en: 'a bug in kyoso-docs (report it with the printed stack)' },
];

export function errorReference(): string {
  const codes = (Object.keys(CATALOGUE) as (keyof typeof CATALOGUE)[])
    .map((c, order) => ({ code: c, order, ...CATALOGUE[c] }))
    .sort((a, b) => a.exit - b.exit || a.order - b.order);
  const entries = Object.entries(ERRORS) as [ErrorId, AnyEntry][];
  const out = [
    GENERATED('エラーの一覧（src/shared/error-catalogue.ts）'),
    '',
    '# エラーと終了コードの一覧 / Errors and exit codes',
    '',
    'コマンドが止まるときに表示されるエラーの一覧です。1行目に `エラー [コード]` と内容、`→` の行に対処が出ます（`--lang en` で英語）。',
    '`{…}` の部分は、実際にはファイル名や値に置き換わります。場合によって文が変わるもの（原因ごとの対処など）は、その一例を示しています。データの各行の問題（`file:line:col … [UNKNOWN_KEY]` など）は [スタッフガイド](../staff-guide.md#エラーの読み方) を見てください。',
    '',
    'Every error a command can stop with: the code in brackets, the exit code, the message and the hint, in Japanese and English (`--lang en`). `{…}` stands for the facts of the case.',
    '',
    '## 終了コード / Exit codes',
    '',
    '| 終了コード | コード | 意味 | meaning |',
    '|---|---|---|---|',
  ];
  const rows = [
    ...OTHER_EXITS.map((o) => ({ exit: o.exit, row: `| ${o.exit} | | ${cell(o.ja)} | ${cell(o.en)} |` })),
    ...codes.map((c) => ({
      exit: c.exit as number,
      row: `| ${c.exit} | [${code(c.code)}](#${c.code.toLowerCase().replace(/_/g, '-')}) | ${cell(c.title.ja)} | ${cell(c.title.en)} |`,
    })),
  ].sort((a, b) => a.exit - b.exit);
  out.push(...rows.map((r) => r.row), '');
  for (const c of codes) {
    out.push(
      `<a id="${c.code.toLowerCase().replace(/_/g, '-')}"></a>`,
      '',
      `## ${code(c.code)} — ${c.title.ja}（終了コード ${c.exit}）`,
      '',
      `${c.title.en} (exit code ${c.exit}).`,
      '',
    );
    const mine = entries.filter(([, e]) => e.code === c.code).sort(([a], [b]) => a.localeCompare(b));
    if (mine.length === 0) out.push('（このコードで止まるエラーは、いまの一覧にはありません。）', '');
    for (const [id, e] of mine) {
      const message = e.message(facts);
      const hint = e.hint?.(facts);
      out.push(`### ${code(id)}`, '', `- メッセージ: ${textOf(message, 'ja')}`);
      if (hint) out.push(`- 対処: ${textOf(hint, 'ja')}`);
      out.push(`- Message: ${textOf(message, 'en')}`);
      if (hint) out.push(`- Hint: ${textOf(hint, 'en')}`);
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
