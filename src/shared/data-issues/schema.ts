/** The words of one file against its schema (stages/validate): keys, kinds, values, and what keeps an edition a draft. */
import type { Message } from '../values.ts';
import { entry, m } from './entry.ts';

/** What a value is, in the words of someone editing YAML (zod's own Japanese prints the JavaScript type names). */
const KIND_WORDS: Record<string, Message> = {
  string: m('文字列', 'text'),
  number: m('数値', 'a number'),
  int: m('整数', 'a whole number'),
  boolean: m('true か false', 'true or false'),
  array: m('リスト（「- 」で始まる行）', 'a list (lines starting with "- ")'),
  object: m('項目の組（「キー: 値」の行）', 'a mapping ("key: value" lines)'),
  null: m('空欄', 'nothing'),
  undefined: m('空欄', 'nothing'),
};
const kindWords = (kind: string): Message => KIND_WORDS[kind] ?? m(kind, kind);

/**
 * The example of a schema description (`金額（円・正の整数）。例: 25000000` → `25000000`): the
 * descriptions are Japanese (they are the staff's documentation), so an English hint shows the
 * example alone rather than Japanese prose.
 */
function exampleOf(doc: string | undefined): string | undefined {
  const found = doc ? /例[:：]\s*(.+)$/su.exec(doc) : null;
  return found?.[1]?.trim();
}

/** The hint of a value that breaks its field's rule: the field's description, its example in English. */
function fieldHint(doc: string): Message {
  const example = exampleOf(doc);
  return m(`この項目: ${doc}`, example ? `For example: ${example}` : 'See the field description in the schema (schema/*.schema.json).');
}

export const SCHEMA_ISSUES = {
  unknownKey: entry<{ key: string; guess: string | undefined; known: readonly string[] }>({
    code: 'UNKNOWN_KEY',
    message: (p) => m(`不明なキー「${p.key}」`, `Unknown key "${p.key}"`),
    hint: (p) =>
      p.guess ? m(`「${p.guess}」の書き間違いではありませんか？`, `Did you mean "${p.guess}"?`) : m(`使えるキー: ${p.known.join(', ')}`, `Allowed keys: ${p.known.join(', ')}`),
  }),
  missingField: entry<{ key: string; doc: string | undefined }>({
    code: 'MISSING_FIELD',
    message: (p) => m(`必須の項目「${p.key}」がありません`, `Required field "${p.key}" is missing`),
    hint: (p) => {
      const example = exampleOf(p.doc);
      return m(`「${p.key}:」を追加してください${p.doc ? `（${p.doc}）` : ''}。`, `Add "${p.key}:"${example ? ` (e.g. ${example})` : ''}.`);
    },
  }),
  wrongKind: entry<{ expected: string; found: string; doc: string | undefined }>({
    code: 'SCHEMA_INVALID_TYPE',
    message: (p) => {
      const [expected, found] = [kindWords(p.expected), kindWords(p.found)];
      return m(`${expected.ja}を書くところに${found.ja}が書かれています`, `expected ${expected.en}, found ${found.en}`);
    },
    hint: (p) => (p.doc ? fieldHint(p.doc) : undefined),
  }),
  notAllowedValue: entry<{ input: unknown; values: readonly string[]; guess: string | undefined; zodText: Message }>({
    code: 'SCHEMA_INVALID_VALUE',
    // zod's own text lists every value (47 prefectures); the hint already does that.
    message: (p) => (p.values.length > 8 ? m(`「${String(p.input)}」は使えない値です`, `"${String(p.input)}" is not an allowed value`) : p.zodText),
    hint: (p) =>
      p.guess
        ? m(`「${p.guess}」のつもりではありませんか？（使える値: ${p.values.join(', ')}）`, `Did you mean "${p.guess}"? (allowed: ${p.values.join(', ')})`)
        : m(`使える値: ${p.values.join(', ')}`, `Allowed values: ${p.values.join(', ')}`),
  }),
  /** Any other rule of a schema: its own words (zod's, or the schema's "日本語 / English"), the field's description as the hint. */
  schemaRule: entry<{ code: string; text: Message; doc: string | undefined; hint?: Message | undefined }>({
    code: (p) => p.code,
    message: (p) => p.text,
    hint: (p) => p.hint ?? (p.doc ? fieldHint(p.doc) : undefined),
  }),
  oldTerm: entry<{ old: string; now: string; label: string; previousEdition: string }>({
    code: 'OLD_TERM',
    message: (p) =>
      m(
        `「${p.old}」は前年度（${p.previousEdition}）の語です。今年度の labels.${p.label} は「${p.now}」`,
        `"${p.old}" is the word of the previous edition (${p.previousEdition}); labels.${p.label} is now "${p.now}"`,
      ),
    hint: (p) => {
      const name = p.label.endsWith('Term') ? p.label.slice(0, -'Term'.length) : p.label;
      return m(`{{term:${name}}} と書けば labels の語になります（意図して残すならこのままで構いません）`, `write {{term:${name}}} to print the label (or keep the word if meant)`);
    },
  }),
  placeholder: entry<{ text: string }>({
    code: 'PLACEHOLDER',
    message: (p) => m(`未確定の「${p.text}」が残っています`, `placeholder "${p.text}" is still in the text`),
    hint: () => m('確定した内容を書いてから --final で作ってください', 'write the confirmed text, then build with --final'),
  }),
  valueToConfirm: entry<{ field: string }>({
    code: 'VALUE_TO_CONFIRM',
    message: (p) => m(`値がまだ「要確認」です${p.field ? `（${p.field}）` : ''}`, `the value is still unknown (要確認)${p.field ? ` (${p.field})` : ''}`),
    hint: () => m('確定した値（金額・件数・日付など）を書いてから --final で作ってください', 'write the confirmed value (amount, count, date …), then build with --final'),
  }),
  notFinal: entry<Record<string, never>>({
    code: 'NOT_FINAL',
    message: () => m('status が draft（案）のままです', 'status is still draft'),
    hint: () => m('内容が確定したら status: final にしてください', 'set status: final once the content is confirmed'),
  }),
  checksSkipped: entry<{ rules: readonly { ja: string; en: string }[] }>({
    code: 'CHECKS_SKIPPED',
    message: (p) =>
      m(
        `このファイルに誤りがあるため、このファイルを使うファイル間の照合をしていません（${p.rules.map((r) => r.ja).join('、')}）`,
        `this file has errors, so the checks across files that use it did not run (${p.rules.map((r) => r.en).join('; ')})`,
      ),
    hint: () => m('このファイルの誤りを直して、もう一度実行すると照合します', 'fix the errors of this file and run again to check them'),
  }),
} as const;
