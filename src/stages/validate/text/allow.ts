/**
 * Silencing one finding at one place, with its reason, by a comment in the data:
 *
 *     # textlint-allow: no-doubled-joshi 「実用化が可能」 — JST の定義の原文のまま
 *     - PoC（Proof of Concept; 概念実証）:企業等が実用化が可能と判断できる段階。
 *
 * on the comment lines right above the entry (its key or list item) or trailing on the
 * entry's first line. It applies to that one value; with 「…」 only to findings inside
 * that quoted text (a block of Markdown holds many sentences). The reason after — (or --)
 * is required. A directive that silences nothing is reported (the text was fixed or moved).
 *
 * Comments are read from the source lines, not from yaml's comment API: yaml attaches a
 * comment before the first key of a mapping to the mapping, not to the entry.
 */
import type { TextValue } from './collect.ts';

export interface Directive {
  rules: string[];
  /** Only findings inside an occurrence of this text (without the brackets). */
  text?: string;
  reason: string;
  /** Source offset of the `#`. */
  offset: number;
  used: boolean;
}

export interface BadDirective {
  offset: number;
  problem: 'no-reason' | 'unknown-rule';
  rule?: string;
}

const DIRECTIVE = /#\s*textlint-allow\s*:\s*(.*)$/u;
const BODY = /^([\w@/,\s-]+?)\s*(?:「([^」]+)」)?\s*(?:(?:—|--|―)\s*(.*))?$/u;

/** Comment lines that may hold a directive for the entry starting at `entryOffset`, with their `#` offsets. */
function candidateComments(text: string, entryOffset: number, insideValue: (offset: number) => boolean): { line: string; offset: number }[] {
  const out: { line: string; offset: number }[] = [];
  const lineStart = text.lastIndexOf('\n', entryOffset - 1) + 1;
  const lineEnd = text.indexOf('\n', entryOffset);
  const first = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const hash = first.search(/\s#\s*textlint-allow/u);
  if (hash >= 0 && !insideValue(lineStart + hash + 1)) out.push({ line: first.slice(hash + 1), offset: lineStart + hash + 1 });
  // Comment-only lines directly above (not lines of a block scalar that merely start with #).
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/u, '');
    const m = /^\s*#/u.exec(line);
    if (!m || insideValue(start + m[0].length - 1)) break;
    out.push({ line: line.slice(m[0].length - 1), offset: start + m[0].length - 1 });
    end = start - 1;
  }
  return out;
}

/** The directives that apply to a value, and malformed ones. */
export function directivesFor(value: TextValue, knownRules: ReadonlySet<string>, insideValue: (offset: number) => boolean): { directives: Directive[]; bad: BadDirective[] } {
  const directives: Directive[] = [];
  const bad: BadDirective[] = [];
  for (const c of candidateComments(value.source.text, value.entryOffset, insideValue)) {
    const d = DIRECTIVE.exec(c.line);
    if (!d) continue;
    const body = BODY.exec((d[1] ?? '').trim());
    const rules = (body?.[1] ?? '')
      .split(/[,\s]+/u)
      .map((r) => r.trim())
      .filter(Boolean);
    const reason = body?.[3]?.trim() ?? '';
    if (!body || rules.length === 0 || reason === '') {
      bad.push({ offset: c.offset, problem: 'no-reason' });
      continue;
    }
    const unknown = rules.find((r) => !knownRules.has(r));
    if (unknown) {
      bad.push({ offset: c.offset, problem: 'unknown-rule', rule: unknown });
      continue;
    }
    directives.push({ rules, ...(body[2] ? { text: body[2] } : {}), reason, offset: c.offset, used: false });
  }
  return { directives, bad };
}

/** Does a directive silence this finding (rule, start index in the value)? */
export function silences(d: Directive, rule: string, value: string, index: number): boolean {
  if (!d.rules.includes(rule)) return false;
  if (d.text === undefined) return true;
  for (let at = value.indexOf(d.text); at >= 0; at = value.indexOf(d.text, at + 1)) {
    if (index >= at && index < at + d.text.length) return true;
  }
  return false;
}
