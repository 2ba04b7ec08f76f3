/**
 * What the YAML parser found, in the words of someone editing the file: messages and hints
 * per parser error code, which complaint to keep when several land on one spot, the
 * opening quote or bracket of an unclosed one, and the first byte that is not UTF-8.
 */
import { Parser } from 'yaml';
import { msg } from '../../shared/errors.ts';
import type { Message } from '../../shared/values.ts';

export function firstInvalidUtf8(bytes: Uint8Array): { line: number; col: number; offset: number } {
  // "This prefix decodes (possibly ending mid-character)" is monotonic, so binary search finds the first bad byte.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
  const lines = prefix.split('\n');
  return { line: lines.length, col: Array.from(lines[lines.length - 1] ?? '').length + 1, offset: lo };
}

export const CLOSER: Record<string, string> = { '"': '"', "'": "'", '[': ']', '{': '}' };

/** Which parser complaint describes a mistake best when several land on one spot (lower is better). */
const YAML_PREFERENCE = ['TAB_AS_INDENT', 'DUPLICATE_KEY', 'UNEXPECTED_TOKEN', 'MISSING_CHAR', 'BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY'];
export function yamlRank(code: string): number {
  const i = YAML_PREFERENCE.indexOf(code.replace(/^YAML_/, ''));
  return i === -1 ? YAML_PREFERENCE.length : i;
}

export interface Opener {
  offset: number;
  char: string;
}

/**
 * Quotes and flow brackets that are opened and never closed, found in yaml's
 * concrete syntax tree (which keeps the opening token's offset).
 */
export function unclosedOpeners(text: string): Opener[] {
  const found: Opener[] = [];
  const consider = (offset: number, char: string): void => {
    found.push({ offset, char });
  };
  const walk = (tok: unknown): void => {
    if (Array.isArray(tok)) {
      for (const t of tok) walk(t);
      return;
    }
    if (!tok || typeof tok !== 'object') return;
    const t = tok as { type?: string; offset?: number; source?: string; start?: unknown; end?: unknown };
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.source === 'string' && typeof t.offset === 'number') {
      const q = t.source[0] ?? '';
      const body = t.source.slice(1);
      // `"…\"` ends in an escaped quote, not a closing one.
      const closed = q === '"' ? /(^|[^\\])(\\\\)*"\s*$/.test(body) : /'\s*$/.test(body);
      if (!closed) consider(t.offset, q);
    }
    if (t.type === 'flow-collection' && typeof t.offset === 'number') {
      const end = Array.isArray(t.end) ? (t.end as { type?: string }[]) : [];
      if (!end.some((e) => e.type === 'flow-seq-end' || e.type === 'flow-map-end')) {
        const open = (t.start as { source?: string } | undefined)?.source ?? '[';
        consider(t.offset, open);
      }
    }
    for (const [k, v] of Object.entries(t)) if (k !== 'source' && v && typeof v === 'object') walk(v);
  };
  try {
    for (const tok of new Parser().parse(text)) walk(tok);
  } catch {
    return []; // too deep for the CST walk too; keep yaml's own positions
  }
  return found;
}

export const YAML_MESSAGES: Record<string, Message> = {
  DUPLICATE_KEY: msg('同じキーが二度書かれています', 'The same key appears twice'),
  ALIAS_KEY: msg('キーがエイリアス（*名前）で書かれています', 'A key is written as an alias (*name)'),
  MERGE_KEY: msg('マージキー「<<」は使えません', 'Merge keys ("<<") are not supported'),
  COMPLEX_KEY: msg('キーにリストやマッピングは使えません', 'A key cannot be a list or a mapping'),
  EMPTY_KEY: msg('キーがありません', 'The key is missing'),
  TAB_AS_INDENT: msg('インデントにタブ文字が使われています', 'Tabs are used for indentation'),
  BAD_INDENT: msg('インデントが揃っていません', 'Inconsistent indentation'),
  MISSING_CHAR: msg('閉じ記号（" や ] など）が足りません', 'A closing character (" or ] etc.) is missing'),
  MULTIPLE_DOCS: msg('1 つのファイルに複数の文書（---）があります', 'Several documents (---) in one file'),
  BLOCK_AS_IMPLICIT_KEY: msg('キーの書き方が正しくありません', 'Malformed key'),
  UNEXPECTED_TOKEN: msg('予期しない記号があります', 'Unexpected token'),
  BAD_SCALAR_START: msg('値の書き出しに使えない記号があります', 'A value starts with a reserved character'),
  MULTILINE_IMPLICIT_KEY: msg('キーが複数行にまたがっています（コロンの後の空白忘れ？）', 'A key spans several lines (missing space after a colon?)'),
  MISSING_ANCHOR: msg('定義されていないエイリアスです', 'Undefined alias'),
  BAD_ALIAS: msg('エイリアスの書き方が正しくありません', 'Malformed alias'),
};

export function yamlMessage(code: string, raw: string): Message {
  const first = raw.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? raw;
  // yaml uses MISSING_CHAR for several different mistakes; only some are a missing closer.
  if (code === 'MISSING_CHAR' && /- indicator/.test(first))
    return msg('リストの項目に「- 」がありません（インデントがずれていませんか？）', 'A list item lacks its "- " (is the indentation off?)');
  if (code === 'MISSING_CHAR' && !/quote|end with|flow/i.test(first)) return msg(`YAML の書式エラー: ${first}`, `YAML syntax error: ${first}`);
  const known = YAML_MESSAGES[code];
  if (known) return known;
  if (/Maximum call stack/.test(first)) return msg('入れ子が深すぎて読めません', 'Nesting too deep to parse');
  return msg(`YAML の書式エラー: ${first}`, `YAML syntax error: ${first}`);
}

export function yamlHint(code: string, raw: string): Message {
  if (/Maximum call stack/.test(raw)) return msg('括弧（[ や {）の対応とインデントを確認してください。', 'Check the brackets ([ and {) and the indentation.');
  switch (code) {
    case 'DUPLICATE_KEY':
      return msg('どちらか一方を削除してください。', 'Delete one of them.');
    case 'ALIAS_KEY':
      return msg(
        'キーはエイリアスを使わずに文字で書いてください（同じキーが二度あっても気づけなくなります）。',
        'Write the key itself, not an alias (an alias can repeat a key unnoticed).',
      );
    case 'MERGE_KEY':
      return msg('「<<: *名前」の行を消し、必要なキーと値をこのマッピングに直接書いてください。', 'Remove the "<<: *name" line and write the keys and values out in this mapping.');
    case 'COMPLEX_KEY':
      return msg(
        'キーは「名前: 値」の形の 1 語で書いてください（「? 」で始まるキー、[ ] や { } のキーは使えません）。',
        'Write each key as one word, `name: value` (no "? " keys, no [ ] or { } as a key).',
      );
    case 'EMPTY_KEY':
      return msg('「:」の前にキーの名前を書いてください（~ や null はキーになりません）。', 'Write the key\'s name before the ":" (~ and null are not keys).');
    case 'TAB_AS_INDENT':
      return msg('タブを半角スペース 2 つに置き換えてください。', 'Replace the tab with two spaces.');
    case 'MULTIPLE_DOCS':
      return msg('「---」の行を削除するか、ファイルを分けてください。', 'Remove the "---" line or split the file.');
    default:
      return msg(
        'この行と前の行のインデント、引用符、コロンの後の空白を確認してください。',
        'Check indentation, quotes and the space after colons on this line and the one before.',
      );
  }
}
