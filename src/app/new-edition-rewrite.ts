/**
 * The rewriting of `new-edition` (new-edition.ts): one YAML file's text edited at the ranges the
 * `yaml` parser reports, so comments, quoting and flow style stay as the staff wrote them. What is
 * rewritten, marked or set to an unknown is listed in new-edition.ts's header.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { isLeapYear } from '../shared/dates.ts';
import { fail, isKyosoError } from '../shared/errors.ts';
import { TO_CONFIRM } from '../schema/index.ts';
import { UNKNOWN } from '../shared/values.ts';
import { applyDigits, fiscalYear } from '../shared/format/index.ts';
import type { PathSegment } from '../shared/datapath.ts';

/** Same rule as the loader's edition folder names. */
export const ISO_DATE = /^(\d{4})(-\d{2})?(-\d{2})?$/;
/**
 * Words that make a text a statement about the year rather than its name: 「令和3年度の公募は
 * 予定しておりません」, 「令和３年度新設予定」, 「令和3年度の…は検討中です」. Such a text is not
 * moved to the new year (that would claim something nobody checked); it is listed instead.
 */
export const CLAIM_WORDS = /予定|検討中|しておりません|しません|新設|未定|決定|公募/u;
/** A day with its weekday written in prose: 5月17日(火), ５月１７日（火）. */
export const WEEKDAY_DATE = /[0-9０-９]{1,2}月[0-9０-９]{1,2}日\s*[（(][月火水木金土日][)）]/u;
export const WEEKDAY_DATE_ALL = new RegExp(WEEKDAY_DATE.source, 'gu');

// ------------------------------------------------------------------ rewriting

/** `2020-10` → `2021-10`, `2024-02-29` → `2025-02-28`: one year later at the same precision. */
export function shiftIsoDate(iso: string, years = 1): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const y = Number(m[1]) + years;
  let day = m[3];
  if (m[2] === '-02' && day === '-29' && !isLeapYear(y)) day = '-28';
  return `${String(y).padStart(4, '0')}${m[2] ?? ''}${day ?? ''}`;
}

/** Text replacements old → new for the fiscal year's labels, in both digit widths. */
export function yearLabelReplacements(oldYear: number, newYear: number): Array<{ pattern: RegExp; to: string }> {
  const out: Array<{ pattern: RegExp; to: string }> = [];
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const digits of ['half', 'full'] as const) {
    // 令和3年度 without 度 is also the calendar year 令和3年 (dates move by a year too).
    const era = (y: number) => fiscalYear(y, { digits }).replace(/度$/u, '');
    // The label ends in 年, so 令和3年 never matches inside 令和30年; 令和13年 has 1 before the 3, not 和.
    out.push({ pattern: new RegExp(esc(era(oldYear)), 'gu'), to: era(newYear) });
    out.push({ pattern: new RegExp(`(?<![0-9０-９])${esc(applyDigits(String(oldYear), digits))}(?=年)`, 'gu'), to: applyDigits(String(newYear), digits) });
  }
  return out;
}

interface Edit {
  start: number;
  end: number;
  text: string;
  /** The value the node must have after the edit (checked by re-parsing). */
  expect: unknown;
  path: PathSegment[];
}

interface FileRewrite {
  text: string;
  changes: Array<{ path: PathSegment[]; offset: number; from: string; to: string }>;
  /** Edits that could not be applied verbatim (escapes, folding): left for a person. */
  skipped: Array<{ path: PathSegment[]; offset: number; from: string; to: string }>;
  /** Texts naming the old year that were NOT moved on, because they state something about it. */
  held: Array<{ path: PathSegment[]; offset: number; text: string }>;
  /** Statements replaced by or marked with （要確認） (this year's call status), with what they said. */
  placeholders: Array<{ path: PathSegment[]; offset: number; from: string }>;
  /** Values set to 要確認 (schedule dates) or to-confirm (call status), with last year's text. */
  unknowns: Array<{ path: PathSegment[]; offset: number; from: string }>;
  /** Texts with a claim word (公募, 予定, 検討中 …) but no year: left as they were, listed. */
  claims: Array<{ path: PathSegment[]; offset: number; text: string }>;
}

/** Rewrites one YAML file's text; `isEditionFile` for edition.yaml's own keys. */
export function rewriteYaml(text: string, opts: { isEditionFile: boolean; isCallFile?: boolean; newId: string; oldYear: number; newYear: number }): FileRewrite {
  const doc = parseDocument(text);
  const replacements = yearLabelReplacements(opts.oldYear, opts.newYear);
  const edits: Edit[] = [];
  const labelEdits = new Set<Edit>();
  const placeholders = new Set<Edit>();
  const held: FileRewrite['held'] = [];
  const unknownEdits = new Set<Edit>();
  const claims: FileRewrite['claims'] = [];
  const toUnknown = (node: Node, path: PathSegment[], value: string) => {
    const edit: Edit = { start: node.range![0], end: node.range![1], text: value, expect: value, path };
    edits.push(edit);
    unknownEdits.add(edit);
  };

  const rawOf = (node: Node) => text.slice(node.range![0], node.range![1]);
  const setScalar = (node: Node, path: PathSegment[], raw: string, expect: unknown) => edits.push({ start: node.range![0], end: node.range![1], text: raw, expect, path });

  const walk = (node: unknown, path: PathSegment[], ancestors: YAMLMap[]) => {
    if (isMap(node)) {
      const chain = [...ancestors, node];
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value;
        const here = [...path, key];
        if (opts.isEditionFile && path.length === 0 && isScalar(value) && value.range) {
          if (key === 'id') {
            setScalar(value, here, opts.newId, opts.newId);
            continue;
          }
          if (key === 'fiscalYear' && typeof value.value === 'number') {
            setScalar(value, here, String(opts.newYear), opts.newYear);
            continue;
          }
          if (key === 'status') {
            setScalar(value, here, 'draft', 'draft');
            continue;
          }
        }
        // A milestone's date or the ends of its period: not known for next year (last year's is listed).
        const inMilestone = path[path.length - 2] === 'milestones' || (path[path.length - 1] === 'period' && path[path.length - 3] === 'milestones');
        if (inMilestone && ((key === 'date' && path[path.length - 2] === 'milestones') || key === 'from' || key === 'to') && isMap(value) && value.range) {
          toUnknown(value, here, UNKNOWN);
          continue;
        }
        // Whether a call (or a type) is made next year is not known.
        if (opts.isCallFile && key === 'status' && (path.length === 0 || (path.length === 2 && path[0] === 'types')) && isScalar(value) && value.range) {
          toUnknown(value, here, 'to-confirm');
          continue;
        }
        if (key === 'date' && isScalar(value) && typeof value.value === 'string' && ISO_DATE.test(value.value) && value.range) {
          // The FuzzyDate map is `node`; the thing it dates is the map holding it. A cited
          // document keeps its date; so does an as-of date (nobody has checked the names yet).
          const owner = ancestors[ancestors.length - 1];
          if (!owner?.has('url') && path[path.length - 1] !== 'asOf') {
            const next = shiftIsoDate(value.value);
            setScalar(value, here, rawOf(value).replace(value.value, next), next);
          }
          continue;
        }
        // This year's call status is not known: 「令和3年度の公募は予定しておりません」 becomes （要確認）.
        if (key === 'note' && node.get('notCalled') === true && isScalar(value) && typeof value.value === 'string' && value.range) {
          const edit: Edit = { start: value.range[0], end: value.range[1], text: TO_CONFIRM, expect: TO_CONFIRM, path: here };
          edits.push(edit);
          placeholders.add(edit);
          continue;
        }
        walk(value, here, chain);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i], ancestors));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const owner = ancestors[ancestors.length - 1];
      // Text next to its own year (`status: 令和３年度新設予定` + `newFiscalYear: 2021`) is history; so is a citation.
      if (owner && (owner.has('fiscalYear') || owner.has('newFiscalYear') || owner.has('url')) && !(opts.isEditionFile && ancestors.length === 1)) return;
      const text: string = node.value;
      // A day with its weekday in prose (a briefing session's 5月17日(火)) is last year's day: not known for the new year.
      if (WEEKDAY_DATE.test(text)) {
        const next = text.replace(WEEKDAY_DATE_ALL, TO_CONFIRM);
        const nextRaw = rawOf(node).replace(WEEKDAY_DATE_ALL, TO_CONFIRM);
        const edit: Edit = { start: node.range[0], end: node.range[1], text: nextRaw, expect: next, path };
        edits.push(edit);
        placeholders.add(edit);
        return;
      }
      // A text naming the year: the old label, or the edition's own year as a value (`{{value:fiscalYear}}は…を公募します`).
      if (!replacements.some((r) => text.search(r.pattern) >= 0) && !text.includes('{{value:fiscalYear}}')) {
        // A claim without a year (公募します, 検討中, 予定): left as it was, listed for a read-through.
        // Names (a label, a title, a term of edition.yaml's labels) are not statements.
        const key = String(path[path.length - 1] ?? '');
        const named = /(?:label|title|name|Term)$/u.test(key) || (opts.isEditionFile && path[0] === 'labels');
        if (CLAIM_WORDS.test(text) && !named) claims.push({ path, offset: node.range[0], text });
        return;
      }
      // A label next to an amount stays as it was (「令和3年度予算額(案)」 + money would claim the amount for the new year).
      if (owner && (owner.has('money') || owner.has('count'))) {
        held.push({ path, offset: node.range[0], text });
        return;
      }
      // A statement about the year (公募, 予定, 検討中 …): the new year, marked （要確認） until a person confirms it.
      // Each line (a paragraph of prose) that names the year and claims something is marked; done before the
      // year moves, on the text and its source alike.
      const names = (line: string) => line.includes('{{value:fiscalYear}}') || replacements.some((r) => line.search(r.pattern) >= 0);
      const markLines = (t: string) =>
        t
          .split('\n')
          .map((line) => (names(line) && CLAIM_WORDS.test(line) && !line.includes(TO_CONFIRM) ? markClaim(line) : line))
          .join('\n');
      let value = markLines(node.value);
      const claim = value !== node.value;
      let raw = rawOf(node);
      if (claim) raw = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? markLines(raw) : appendToRaw(raw, markLines);
      for (const r of replacements) {
        value = value.replace(r.pattern, r.to);
        raw = raw.replace(r.pattern, r.to);
      }
      if (value !== node.value) {
        const edit: Edit = { start: node.range[0], end: node.range[1], text: raw, expect: value, path };
        edits.push(edit);
        (claim ? placeholders : labelEdits).add(edit);
      }
    }
  };
  walk(doc.contents, [], []);
  // A call file without a status of its own gets one, on a line of its own at the end (no line above moves).
  if (opts.isCallFile && isMap(doc.contents) && !doc.contents.has('status')) {
    const at = text.length;
    const line = `${text.endsWith('\n') ? '' : '\n'}status: to-confirm\n`;
    const edit: Edit = { start: at, end: at, text: line, expect: 'to-confirm', path: ['status'] };
    edits.push(edit);
    unknownEdits.add(edit);
  }

  const { out, bad, sorted } = applyEdits(text, edits);
  const skipped: FileRewrite['skipped'] = bad.map((e) => ({ path: e.path, offset: e.start, from: text.slice(e.start, e.end), to: String(e.expect) }));
  const kept = sorted.filter((e) => !bad.includes(e)).reverse();
  const was = (e: Edit) => String(doc.getIn(e.path, false));
  const changes = kept.filter((e) => labelEdits.has(e)).map((e) => ({ path: e.path, offset: e.start, from: was(e), to: String(e.expect) }));
  const replaced = kept.filter((e) => placeholders.has(e)).map((e) => ({ path: e.path, offset: e.start, from: was(e) }));
  const unknowns = kept.filter((e) => unknownEdits.has(e)).map((e) => ({ path: e.path, offset: e.start, from: e.start === e.end ? 'called' : text.slice(e.start, e.end) }));
  return { text: out, changes, skipped, held, placeholders: replaced, unknowns, claims };
}

/** The edits applied back to front (earlier offsets stay valid), each checked by re-parsing; one that does not hold is left out. */
function applyEdits(text: string, edits: readonly Edit[]): { out: string; bad: Edit[]; sorted: Edit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  const apply = (list: readonly Edit[]) => list.reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);
  const check = parseDocument(apply(sorted));
  // Rare (a label split by line folding, an escaped character): apply only the edits that hold.
  const bad = sorted.filter((e) => check.getIn(e.path, false) !== e.expect);
  return { out: apply(sorted.filter((e) => !bad.includes(e))), bad, sorted };
}

/** A statement marked unconfirmed: （要確認） at its end, before a closing 。 (so a list's periods stay alike). */
function markClaim(text: string): string {
  return text.replace(/(。?)(\s*)$/u, `${TO_CONFIRM}$1$2`);
}

/** A plain or quoted scalar's source with `mark` applied inside its quotes. */
function appendToRaw(raw: string, mark: (s: string) => string): string {
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.endsWith(q) && raw.length > 1) return `${q}${mark(raw.slice(1, -1))}${q}`;
  return mark(raw);
}

/** new-edition from a source that does not validate: its DATA_INVALID, as `newEditionSourceInvalid` with the same located issues. */
export function refuseSource(from: string, id: string): (err: unknown) => never {
  return (err) => {
    if (!isKyosoError(err) || err.code !== 'DATA_INVALID') throw err;
    const problems = err.issues.reduce((n, i) => n + (i.more ?? 1), 0);
    throw fail('newEditionSourceInvalid', { from, id, problems }, { issues: err.issues });
  };
}
