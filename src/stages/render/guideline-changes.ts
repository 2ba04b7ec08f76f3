/**
 * 「前年度からの主な変更点」 of a 公募要領: the rows of the 新旧対照表 (app/diff/compare.ts, computed
 * by the build between the previous edition and this one) that an applicant of this call cares
 * about — which fields and types are called, the money, period and counts, the requirements, the
 * schedule — each said in words with its old and new values as the documents print them (a list,
 * not a table: a date range with its time would not fit a third of the page without breaking). Nothing
 * here is retyped: the values are the comparison's printed texts, the names come from the data.
 *
 * The first edition (no previous one under data/) has no such page: there is nothing to compare
 * with, and a page saying so would only add a page and a contents line to every first-year call.
 */
import type { ChangeSeg, EditionChange, PreviousChanges } from '../../schema/changes.ts';
import type { Call, CallType, Edition } from '../../schema/index.ts';
import type { Block } from './guideline-blocks.ts';
import { typeLabel } from './facts.ts';
import { fiscalYearText, milestoneText, scheduleOf } from './values.ts';

export const CHANGES_TITLE = '前年度からの主な変更点';

/** The page: its title and blocks (a lead, then one heading and list or table per kind of change). */
export interface ChangesPage {
  title: string;
  blocks: Block[];
  /** How many changes it lists (0: it says there are none). */
  count: number;
}

const keyOf = (seg: ChangeSeg | undefined): string | undefined => (typeof seg === 'object' ? seg.key : undefined);

/** `calls.*.types.*.budget`: a path's shape. */
const shape = (path: readonly ChangeSeg[]) => path.map((s) => (typeof s === 'string' ? s : '*')).join('.');

/** 「A」から「B」に変更 / を新たに設定 / の定めを削除: one change in words, values as printed. */
function sentence(subject: string, row: EditionChange): string {
  if (row.kind === 'added') return `${subject}を新たに設定（${row.new}）`;
  if (row.kind === 'removed') return `${subject}の定めを削除（前年度：${row.old}）`;
  return `${subject}を${row.old}から${row.new}に変更`;
}

/** A status written where none was, or dropped where it was: no status means called, so `called` ↔ none is no change. */
const sameStatus = (row: EditionChange): boolean => (row.kind === 'added' && row.new === 'called') || (row.kind === 'removed' && row.old === 'called');

/** A call's or type's status (called | not-called | to-confirm) as an applicant reads it. */
function statusLine(name: string, status: string): string {
  if (status === 'not-called') return `${name}は今年度は公募しない`;
  if (status === 'to-confirm') return `${name}を公募するかは（要確認）`;
  return `${name}を公募する`;
}

/** The words of a type's field: the edition's own terms (委託研究費, 実施期間 …). */
function fieldWord(edition: Edition, field: string): string | undefined {
  const l = edition.meta.labels;
  switch (field) {
    case 'budget':
      return l.fundingTerm;
    case 'period':
      return l.periodTerm;
    case 'awards':
      return l.awardsTerm;
    case 'goal':
      return l.goalTerm;
    case 'target':
      return l.targetTerm;
    case 'composition':
      return l.compositionTerm;
    case 'status':
      return '公募の有無';
    default:
      return undefined;
  }
}

const MONEY_FIELDS = new Set(['budget', 'period', 'awards']);
const REQUIREMENT_FIELDS = new Set(['composition', 'goal', 'target']);

interface Lists {
  called: string[];
  money: string[];
  requirements: string[];
  schedule: string[];
}

/**
 * The page for one call, or undefined for the first edition. `edition` may be the tracked copy
 * (the names it reads are then recorded); `previous.edition` is read as it is.
 */
export function changesPage(edition: Edition, call: Call, previous: PreviousChanges | undefined): ChangesPage | undefined {
  if (!previous) return undefined;
  const old = previous.edition;
  const lists: Lists = { called: [], money: [], requirements: [], schedule: [] };
  const oldCall = old.calls.find((c) => c.id === call.id);
  const typeIn = (ed: Edition, c: Call | undefined, id: string | undefined): string => {
    const t = c?.types.find((x: CallType) => x.id === id);
    return c && t ? typeLabel(ed, c, t) : (id ?? '');
  };
  const seen = new Set<string>();

  for (const row of previous.rows) {
    const p = row.path;
    if (p[0] !== 'calls') continue;
    const callKey = keyOf(p[1]);
    const s = shape(p);
    // Other calls: an applicant wants to know which fields are called this year.
    if (callKey !== call.id) {
      const name = (row.kind === 'removed' ? old : edition).calls.find((c) => c.id === callKey)?.name ?? callKey ?? '';
      if (s === 'calls.*' && row.kind !== 'changed') lists.called.push(row.kind === 'added' ? `「${name}」を公募（前年度は公募なし）` : `「${name}」は今年度は公募しない`);
      if (s === 'calls.*.status' && !sameStatus(row)) lists.called.push(statusLine(`「${name}」`, row.new));
      continue;
    }
    if (s === 'calls.*') {
      if (row.kind === 'added') lists.called.push(`「${call.name}」は今年度から公募`);
      continue;
    }
    const dedupe = `${JSON.stringify(p)}|${row.old}|${row.new}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);

    if (s === 'calls.*.status') {
      if (!sameStatus(row)) lists.called.push(statusLine(`「${call.name}」`, row.new));
    } else if (s === 'calls.*.types.*') {
      lists.called.push(row.kind === 'added' ? `新たに公募する${edition.meta.labels.typeTerm}：${row.new}` : `今年度は公募しない${old.meta.labels.typeTerm}：${row.old}`);
    } else if (s.startsWith('calls.*.types.*.')) {
      const field = String(p[4]);
      const word = fieldWord(edition, field);
      if (!word) continue;
      const name = row.kind === 'removed' ? typeIn(old, oldCall, keyOf(p[3])) : typeIn(edition, call, keyOf(p[3]));
      const line = field === 'status' ? statusLine(name, row.new) : sentence(`${name}の${word}`, row);
      if (field === 'status') {
        if (!sameStatus(row)) lists.called.push(line);
      } else if (MONEY_FIELDS.has(field)) lists.money.push(line);
      else if (REQUIREMENT_FIELDS.has(field)) lists.requirements.push(line);
    } else if (s.startsWith('calls.*.table.composition')) {
      // The requirement as a whole (its text holds the minimum too): one line, not one per field of it.
      if (!lists.requirements.some((l) => l.startsWith(edition.meta.labels.compositionTerm))) lists.requirements.push(sentence(edition.meta.labels.compositionTerm, row));
    } else if (s.startsWith('calls.*.overview.budget')) {
      lists.money.push(sentence(`${call.overview?.budget.label ?? '分野の予算'}`, row));
    } else if (s.startsWith('calls.*.schedule.milestones.*')) {
      const id = keyOf(p[4]);
      const now = scheduleOf(edition, call).milestones.find((m) => m.id === id);
      const before = oldCall ? scheduleOf(old, oldCall).milestones.find((m) => m.id === id) : undefined;
      const label = now?.label ?? before?.label ?? id ?? '';
      // A label renamed is not a new date; what an applicant plans by is the date.
      if (p.length > 5 && p[5] !== 'date' && p[5] !== 'period') continue;
      if (!now && !before) continue;
      const line = !before
        ? `${label}（${milestoneText(edition, now!)}）を新たに設定`
        : !now
          ? `${label}（前年度：${milestoneText(old, before)}）は今年度は設けない`
          : `${label}を${milestoneText(old, before)}から${milestoneText(edition, now)}に変更`;
      if (!lists.schedule.includes(line)) lists.schedule.push(line);
    }
  }

  const prevFy = fiscalYearText(old);
  const count = lists.called.length + lists.money.length + lists.requirements.length + lists.schedule.length;
  const blocks: Block[] = [];
  if (count === 0) {
    blocks.push({ kind: 'p', text: `${prevFy}の公募からの主な変更はありません。` });
    return { title: CHANGES_TITLE, blocks, count };
  }
  blocks.push({ kind: 'p', text: `${prevFy}の公募から変わった主な点は次のとおりです。詳しくは本文の各章を参照してください。` });
  const l = edition.meta.labels;
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    blocks.push({ kind: 'h3', text: title }, { kind: 'list', items });
  };
  section(`公募する分野・${l.typeTerm}`, lists.called);
  section(`${l.fundingTerm}・${l.periodTerm}・${l.awardsTerm}`, lists.money);
  section('応募の要件', lists.requirements);
  section('スケジュール', lists.schedule);
  return { title: CHANGES_TITLE, blocks, count };
}
