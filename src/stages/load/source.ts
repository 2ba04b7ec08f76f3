/**
 * One YAML data file: read safely, parsed with source positions, and able to
 * turn a data path back into `line:col` and a code frame.
 *
 * Everything a non-programmer can get wrong in a text editor is caught here and
 * becomes a located DataIssue rather than an exception: wrong encoding, a
 * binary file saved by mistake, tabs, duplicate keys, an alias bomb, an empty file.
 *
 * Longer than the usual file because reading, the limits, locating a data path and the
 * character check all work on the one SourceFile and its positions (the parser's words
 * for its errors are in yaml-words.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { DataIssue } from '../../shared/errors.ts';
import { msg } from '../../shared/errors.ts';
import { formatPath, type PathSegment } from '../../shared/datapath.ts';
import type { Message } from '../../shared/values.ts';
import { charProblemReport, firstCharProblem } from '../../shared/unicode.ts';
import { codeFrame } from './code-frame.ts';
import { keyIssues } from './keys.ts';
import { offsetMap } from './offsets.ts';

export { codeFrame } from './code-frame.ts';
import { CLOSER, firstInvalidUtf8, type Opener, unclosedOpeners, YAML_MESSAGES, yamlHint, yamlMessage, yamlRank } from './yaml-words.ts';

/** Data files are a few KB; anything this large is a mistake (or an attack) and is refused before parsing. */

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** yaml's own guard against "billion laughs": aliases resolved per document. */
const MAX_ALIAS_COUNT = 100;
/** Deeper nesting than this is never meaningful in our data. */
export const MAX_DEPTH = 32;
/** Values (scalars, lists, mappings) one file may hold once aliases are expanded; the largest real file has a few thousand. */
export const MAX_NODES = 100_000;
/** Problems reported per file: after these, one line says how many more there are. */
export const MAX_ISSUES_PER_FILE = 100;

export interface SourceFile {
  /** Project-relative POSIX path used in messages. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Plain JS value of the document (undefined when the file could not be parsed). */
  data: unknown;
}

export interface ReadResult {
  source?: SourceFile;
  issues: DataIssue[];
}

function issueAt(file: string, text: string | undefined, line: number, col: number, code: string, message: Message, hint?: Message, path = ''): DataIssue {
  const issue: DataIssue = { code, file, line, col, path, message };
  if (hint) issue.hint = hint;
  if (text !== undefined) issue.frame = codeFrame(text, line, col);
  return issue;
}

/** 1-based line and column of a character offset. */
export function position(lines: LineCounter, offset: number): { line: number; col: number } {
  const p = lines.linePos(offset);
  return { line: p.line, col: p.col };
}

/**
 * Read and parse one YAML file. Never throws for bad content: every problem is
 * returned as a located issue so that all files can be reported together.
 */
export async function readYamlFile(absPath: string, file: string): Promise<ReadResult> {
  let size: number;
  try {
    size = (await stat(absPath)).size;
  } catch (cause) {
    return {
      issues: [
        issueAt(
          file,
          undefined,
          1,
          1,
          'FILE_UNREADABLE',
          msg(
            `ファイルを読めません（${(cause as NodeJS.ErrnoException).code ?? String(cause)}）`,
            `Cannot read the file (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
          ),
          msg('ファイルの有無と権限を確認してください。', 'Check that the file exists and is readable.'),
        ),
      ],
    };
  }
  if (size > MAX_FILE_BYTES) {
    return {
      issues: [
        issueAt(
          file,
          undefined,
          1,
          1,
          'FILE_TOO_LARGE',
          msg(`ファイルが大きすぎます（${size} バイト、上限 ${MAX_FILE_BYTES} バイト）`, `File too large (${size} bytes, limit ${MAX_FILE_BYTES})`),
          msg('データファイルではないものが置かれていないか確認してください。', 'Check that this really is a data file; move other files out of data/.'),
        ),
      ],
    };
  }
  const bytes = await readFile(absPath);
  return parseYamlBytes(bytes, file);
}

/** Parse YAML from bytes (exported for tests and for data held in memory, e.g. a git revision). */
type YamlDoc = Document.Parsed;

/** The file's text: refused when binary, not UTF-8 or empty (a BOM is dropped). */
function decodeYaml(bytes: Uint8Array, file: string): { text: string } | { issues: DataIssue[] } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      issues: [
        issueAt(
          file,
          undefined,
          1,
          1,
          'BINARY_FILE',
          msg('バイナリファイルのようです（NUL 文字を含みます）', 'This looks like a binary file (it contains NUL bytes)'),
          msg('YAML のテキストファイルとして保存し直してください。', 'Save it again as a YAML text file.'),
        ),
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, col, offset } = firstInvalidUtf8(bytes);
    return {
      issues: [
        issueAt(
          file,
          undefined,
          line,
          col,
          'ENCODING',
          msg(`UTF-8 として読めないバイトがあります（${offset} バイト目）`, `Invalid UTF-8 at byte ${offset}`),
          msg('文字コードを UTF-8 にして保存し直してください（Shift_JIS は使えません）。', 'Save the file again with UTF-8 encoding (Shift_JIS is not supported).'),
        ),
      ],
    };
  }
  // Windows editors add a BOM; it carries no meaning, so drop it before positions are counted.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.trim() === '') {
    return {
      issues: [
        issueAt(
          file,
          text,
          1,
          1,
          'EMPTY_FILE',
          msg('ファイルが空です', 'The file is empty'),
          msg('内容を書くか、不要ならファイルを削除してください。', 'Add the content, or delete the file if it is not needed.'),
        ),
      ],
    };
  }
  return { text };
}

/** What the YAML parser said, once per place, in the words that fit best (the first problems only). */
function parserIssues(doc: YamlDoc, text: string, lines: LineCounter, file: string): DataIssue[] {
  const issues: DataIssue[] = [];
  // One mistake often trips several parser rules at the same spot; say it once, in the words that fit best.
  const atPos = new Map<string, DataIssue>();
  let openers: Opener[] | undefined;
  // Frames are made for the first problems only: a garbage file can trip the parser thousands of times.
  const parserProblems = [...doc.errors, ...doc.warnings];
  const unframed = Math.max(0, parserProblems.length - MAX_ISSUES_PER_FILE * 4);
  for (const err of parserProblems.slice(0, MAX_ISSUES_PER_FILE * 4)) {
    // yaml reports an unclosed quote or bracket where it gave up (often the end of the
    // file); the user needs the opening character instead.
    let opener: Opener | undefined;
    if (/closing|quote|flow|end with/i.test(err.message)) {
      openers ??= unclosedOpeners(text);
      for (const o of openers) if (o.offset <= err.pos[0] && (!opener || o.offset > opener.offset)) opener = o;
    }
    const at = position(lines, opener?.offset ?? err.pos[0]);
    // Nesting that overflows the parser's stack fails once per level; one report is enough.
    const key = err.code === 'RESOURCE_EXHAUSTION' ? err.code : `${at.line}:${at.col}`;
    let issue: DataIssue;
    if (opener) {
      const close = CLOSER[opener.char] ?? opener.char;
      issue = issueAt(
        file,
        text,
        at.line,
        at.col,
        'YAML_MISSING_CHAR',
        msg(`「${opener.char}」が閉じられていません`, `"${opener.char}" is never closed`),
        msg(`対応する「${close}」を書き足してください。`, `Add the matching "${close}".`),
      );
    } else {
      issue = issueAt(file, text, at.line, at.col, `YAML_${err.code}`, yamlMessage(err.code, err.message), yamlHint(err.code, err.message));
    }
    const prev = atPos.get(key);
    if (!prev || yamlRank(issue.code) < yamlRank(prev.code)) atPos.set(key, issue);
  }
  // A tab throws the parser off for the rest of the block; the complaints after it are noise.
  const tabs = [...atPos.values()].filter((i) => i.code === 'YAML_TAB_AS_INDENT');
  issues.push(...capIssues(file, tabs.length > 0 ? tabs : [...atPos.values()], tabs.length > 0 ? 0 : unframed));
  return issues;
}

/** Nesting past the limit, or keys the program cannot take (keyIssues): the shape the rest of the program cannot take. */
function shapeIssues(doc: YamlDoc, text: string, lines: LineCounter, file: string): DataIssue[] {
  const issues: DataIssue[] = [];
  const depth = maxDepth(doc.contents as Node | null);
  if (depth.depth > MAX_DEPTH) {
    const at = position(lines, depth.offset);
    issues.push(
      issueAt(
        file,
        text,
        at.line,
        at.col,
        'TOO_DEEP',
        msg(`入れ子が深すぎます（上限 ${MAX_DEPTH} 段を超えています）`, `Nesting too deep (more than ${MAX_DEPTH} levels)`),
        msg('インデントの誤りがないか確認してください。', 'Check the indentation.'),
      ),
    );
    return issues;
  }

  const keys = keyIssues(doc, text);
  for (const k of keys.slice(0, MAX_ISSUES_PER_FILE)) {
    const at = position(lines, k.offset);
    issues.push(issueAt(file, text, at.line, at.col, `YAML_${k.code}`, yamlMessage(k.code, ''), yamlHint(k.code, '')));
  }
  if (keys.length > MAX_ISSUES_PER_FILE) issues.push(moreIssues(file, keys.length - MAX_ISSUES_PER_FILE));
  return issues;
}

/** The data with aliases expanded, or why not: an unknown anchor, an alias bomb, past the limits, or no value. */
function expandedData(doc: YamlDoc, text: string, lines: LineCounter, file: string): { data: unknown } | { issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // yaml resolves aliases only here: an unknown name and an alias bomb both surface as throws.
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec((cause as Error).message);
    const alias = firstAlias(doc, unresolved?.[1]);
    const at = alias === undefined ? { line: 1, col: 1 } : position(lines, alias);
    if (unresolved) {
      issues.push(
        issueAt(
          file,
          text,
          at.line,
          at.col,
          'YAML_MISSING_ANCHOR',
          YAML_MESSAGES.MISSING_ANCHOR!,
          msg(
            `「&${unresolved[1]}」で名前を付けた値がこれより前にありません。値を直接書いてください。`,
            `No value named "&${unresolved[1]}" comes before this; write the value out.`,
          ),
        ),
      );
    } else {
      issues.push(
        issueAt(
          file,
          text,
          at.line,
          at.col,
          'ALIAS_LIMIT',
          msg('エイリアス（*名前）の展開が多すぎます', 'Too many alias expansions'),
          msg('アンカー（&）とエイリアス（*）を使わず、値を直接書いてください。', 'Write the values out instead of using anchors (&) and aliases (*).'),
        ),
      );
    }
    return { issues };
  }
  // The limits hold for the data as the program sees it, aliases expanded: `*a` repeated can
  // nest deeper or weigh far more than the text it is written in.
  const expanded = measure(data);
  if (expanded.depth > MAX_DEPTH || expanded.nodes > MAX_NODES || expanded.bytes > MAX_FILE_BYTES) {
    const alias = firstAlias(doc);
    const at = alias === undefined ? { line: 1, col: 1 } : position(lines, alias);
    const viaAlias = alias === undefined ? msg('', '') : msg('（エイリアス *名前 を展開した結果）', ' (with aliases expanded)');
    issues.push(
      expanded.depth > MAX_DEPTH
        ? issueAt(
            file,
            text,
            at.line,
            at.col,
            'TOO_DEEP',
            msg(`入れ子が深すぎます${viaAlias.ja}（上限 ${MAX_DEPTH} 段を超えています）`, `Nesting too deep${viaAlias.en} (more than ${MAX_DEPTH} levels)`),
            alias === undefined
              ? msg('インデントの誤りがないか確認してください。', 'Check the indentation.')
              : msg('アンカー（&）とエイリアス（*）を使わず、値を直接書いてください。', 'Write the values out instead of using anchors (&) and aliases (*).'),
          )
        : issueAt(
            file,
            text,
            at.line,
            at.col,
            alias === undefined ? 'FILE_TOO_LARGE' : 'ALIAS_LIMIT',
            msg(
              `データが大きすぎます${viaAlias.ja}（値 ${expanded.nodes} 個・文字 ${expanded.bytes} バイト、上限 ${MAX_NODES} 個・${MAX_FILE_BYTES} バイト）`,
              `Too much data${viaAlias.en} (${expanded.nodes} values, ${expanded.bytes} bytes of text; limits ${MAX_NODES} and ${MAX_FILE_BYTES})`,
            ),
            alias === undefined
              ? msg('データファイルではないものが置かれていないか確認してください。', 'Check that this really is a data file; move other files out of data/.')
              : msg('アンカー（&）とエイリアス（*）を使わず、値を直接書いてください。', 'Write the values out instead of using anchors (&) and aliases (*).'),
          ),
    );
    return { issues };
  }
  if (data === null || data === undefined) {
    issues.push(
      issueAt(
        file,
        text,
        1,
        1,
        'EMPTY_FILE',
        msg('ファイルに値がありません（コメントだけです）', 'The file holds no value (comments only)'),
        msg('内容を書くか、不要ならファイルを削除してください。', 'Add the content, or delete the file if it is not needed.'),
      ),
    );
    return { issues };
  }
  return { data };
}

export function parseYamlBytes(bytes: Uint8Array, file: string): ReadResult {
  const decoded = decodeYaml(bytes, file);
  if (!('text' in decoded)) return decoded;
  const { text } = decoded;
  const lines = new LineCounter();
  // yaml's own uniqueKeys check compares every key with every other (20 000 keys: 11 s); keys
  // are checked below in one pass instead, after the depth limit.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, strict: true, version: '1.2' });
  const issues = parserIssues(doc, text, lines, file);
  if (doc.errors.length > 0) return { issues };
  const shape = shapeIssues(doc, text, lines, file);
  if (shape.length > 0) return { issues: [...issues, ...shape] };
  const expanded = expandedData(doc, text, lines, file);
  if (!('data' in expanded)) return { issues: [...issues, ...expanded.issues] };
  const source: SourceFile = { file, text, doc, lines, data: expanded.data };
  issues.push(...lintText(source));
  return { source, issues };
}

function maxDepth(node: Node | null): { depth: number; offset: number } {
  let best = { depth: 0, offset: 0 };
  const walk = (n: unknown, d: number): void => {
    if (d > MAX_DEPTH + 1) return;
    if (isMap(n) || isSeq(n)) {
      if (d > best.depth) best = { depth: d, offset: n.range?.[0] ?? 0 };
      // Keys too: `? [[…]] : v` nests as deep as a value does.
      for (const item of n.items) {
        if (isPair(item)) {
          walk(item.key, d + 1);
          walk(item.value, d + 1);
        } else walk(item, d + 1);
      }
    }
  };
  walk(node, 1);
  return best;
}

/**
 * Depth, number of values and bytes of text of plain data, counting a value shared by
 * aliases once per place it appears. Each shared value is measured once (memoized), so
 * measuring stays as cheap as the text was long whatever the expansion adds up to.
 */
export function measure(data: unknown): { depth: number; nodes: number; bytes: number } {
  const memo = new Map<object, { depth: number; nodes: number; bytes: number }>();
  const visit = (v: unknown): { depth: number; nodes: number; bytes: number } => {
    if (typeof v === 'string') return { depth: 0, nodes: 1, bytes: Buffer.byteLength(v) };
    if (v === null || typeof v !== 'object') return { depth: 0, nodes: 1, bytes: 8 };
    const known = memo.get(v);
    if (known) return known;
    // A cycle (an alias inside its own anchor) never terminates a walk: say it is too deep.
    memo.set(v, { depth: Number.POSITIVE_INFINITY, nodes: 1, bytes: 0 });
    let depth = 0;
    let nodes = 1;
    let bytes = 0;
    const entries: unknown[] = Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>).flat();
    for (const child of entries) {
      const m = visit(child);
      depth = Math.max(depth, m.depth);
      nodes += m.nodes;
      bytes += m.bytes;
    }
    const result = { depth: depth + 1, nodes, bytes };
    memo.set(v, result);
    return result;
  };
  return visit(data);
}

/** Offset of the first alias (`*name`), or of the first one named `name`. */
function firstAlias(doc: Document.Parsed, name?: string): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

/* ------------------------------------------------------------------ locate */

/**
 * The YAML node at a data path, or the deepest ancestor that exists (a missing
 * required key is reported at the mapping that should hold it).
 * With `key: true` the range of the mapping key is returned (unknown keys).
 */
export function locate(source: SourceFile, path: readonly PathSegment[], opts: { key?: boolean } = {}): { line: number; col: number } {
  let node: unknown = source.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (last && opts.key) {
        offset = keyNode.range?.[0] ?? offset;
        node = undefined;
        break;
      }
      // A key with no value (`max:`) has a null value node without a range; point at the key.
      const valueNode = pair.value as Node | null;
      offset = valueNode?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      if (valueNode && isScalar(valueNode) && valueNode.value === null && valueNode.range && valueNode.range[0] === valueNode.range[1]) {
        offset = keyNode.range?.[0] ?? offset;
      }
      node = valueNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return position(source.lines, offset);
}

/**
 * A located issue at one character of a string value: `index` into the value as parsed (a
 * block scalar's lines, folding and escapes mapped back to the source by offsetMap).
 */
export function issueForText(source: SourceFile, path: readonly PathSegment[], index: number, code: string, message: Message, hint?: Message): DataIssue {
  const node = source.doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return issueForPath(source, path, code, message, hint);
  const at = position(source.lines, offsetMap(source.text, node).at(index));
  return issueAt(source.file, source.text, at.line, at.col, code, message, hint, formatPath(path));
}

/** A located issue for a data path in this file. */
export function issueForPath(source: SourceFile, path: readonly PathSegment[], code: string, message: Message, hint?: Message, opts: { key?: boolean } = {}): DataIssue {
  const at = locate(source, path, opts);
  return issueAt(source.file, source.text, at.line, at.col, code, message, hint, formatPath(path));
}

/** A located issue for a whole file (line 1, col 1) — e.g. a missing or unknown file. */
export function fileIssue(file: string, code: string, message: Message, hint?: Message, text?: string): DataIssue {
  return issueAt(file, text, 1, 1, code, message, hint);
}

/* -------------------------------------------------------------- text lint */

/**
 * Every string value held to the one character rule (shared/unicode.ts), located at the
 * offending character itself (offsets.ts maps the value back to the source).
 */
export function lintText(source: SourceFile): DataIssue[] {
  const issues: DataIssue[] = [];
  let more = 0;
  visit(source.doc, {
    Scalar(_key, node, ancestry) {
      if (typeof node.value !== 'string' || !node.range) return;
      const found = firstCharProblem(node.value);
      if (!found) return;
      if (issues.length >= MAX_ISSUES_PER_FILE) {
        more++;
        return;
      }
      // The character's own place, even in a block scalar or after an escape (not the first look-alike in the raw text).
      const at = position(source.lines, offsetMap(source.text, node).at(found.index));
      const report = charProblemReport(found.ch, found.problem);
      // One report per value is enough to find it.
      issues.push(issueAt(source.file, source.text, at.line, at.col, report.code, report.message, report.hint, formatPath(dataPathOf(ancestry, node))));
    },
  });
  if (more > 0) issues.push(moreIssues(source.file, more));
  return issues;
}

/** The line that stands for the problems of a file not listed one by one. */
export function moreIssues(file: string, count: number): DataIssue {
  const issue = issueAt(
    file,
    undefined,
    1,
    1,
    'TOO_MANY_ISSUES',
    msg(
      `このファイルにはほかに ${count} 件の問題があります（1 ファイル ${MAX_ISSUES_PER_FILE} 件まで表示）`,
      `${count} more problems in this file (at most ${MAX_ISSUES_PER_FILE} are listed per file)`,
    ),
    msg('表示された問題を直してから、もう一度実行してください。', 'Fix the problems shown, then run again.'),
  );
  issue.more = count;
  return issue;
}

/** At most MAX_ISSUES_PER_FILE of `issues`, and a line counting the rest. */
export function capIssues(file: string, issues: DataIssue[], uncounted = 0): DataIssue[] {
  const rest = Math.max(0, issues.length - MAX_ISSUES_PER_FILE) + uncounted;
  if (rest === 0) return issues;
  return [...issues.slice(0, MAX_ISSUES_PER_FILE), moreIssues(file, rest)];
}

function dataPathOf(ancestry: readonly unknown[], node: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  const chain = [...ancestry, node];
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1];
    const child = chain[i];
    if (isSeq(parent)) path.push(parent.items.indexOf(child as never));
    else if (isPair(parent)) {
      if (parent.value !== child) return path; // the scalar is a key; its path is the map's
      if (isScalar(parent.key)) path.push(String(parent.key.value));
    }
  }
  return path;
}
