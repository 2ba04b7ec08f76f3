/**
 * A call: its key points, the table of types (one column per type, any number of them;
 * equal neighbouring cells merged) and the schedule strip.
 */
import type { Call, CallType, Edition, Labels } from '../../../schema/index.ts';
import { mergeAdjacent } from '../merge.ts';
import { awardsText, callBudgetText, callStatusOf, callPeriodText, compositionOf, milestoneParts, milestoneText, scheduleOf, slideTitleText } from '../values.ts';
import { callOf, dataPath, notesFor, type SlideViewFn } from './common.ts';

/** One line of a table cell; a formatted value (amount, period, count) is never broken. */
export interface CellLine {
  text: string;
  value: boolean;
}

/** A cell of the call table, covering `span` neighbouring types whose cells are equal. */
export interface CallCell {
  lines: CellLine[];
  span: number;
  center: boolean;
}

/** A row of the call table: its head (a label of the edition), a ※ note, the cells. */
export interface CallRow {
  id: 'target' | 'goal' | 'composition' | 'budget' | 'period' | 'awards';
  head: string;
  note: string;
  cells: CallCell[];
}

export interface MilestoneView {
  label: string;
  /** As printed: 令和4年5月10日(火)～7月5日(火)12:00（正午） */
  text: string;
  /** The same in pieces that never break inside (a period's start with its ～, and its end). */
  parts: string[];
}

export interface CallSlide extends Omit<Call, 'schedule'> {
  kind: 'call';
  source: string;
  labels: Labels;
  notes: string[];
  /** The schedule this call prints (its own, or the one it shares). */
  schedule: { title: string; note: string };
  /** The table's rows in print order, cells merged. */
  rows: CallRow[];
  milestones: MilestoneView[];
}

function fieldName(edition: Edition, id: string | undefined): string {
  return id ? (edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === id)?.name ?? id) : '';
}

/** 量子技術分野・環境エネルギー分野 — the areas a type targets, by their names on the map. */
function areaNames(edition: Edition, call: Call, type: CallType): string {
  const field = edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === (type.target.field ?? call.field));
  return (type.target.areas ?? []).map((a) => field?.areas?.find((x) => x.id === a)?.mapName ?? a).join('・');
}

/** （共創分野）, （政策重点分野：量子技術分野・環境エネルギー分野）, or （量子技術分野） for a call of the field itself. */
export function targetFieldLine(edition: Edition, call: Call, type: CallType): string {
  const name = fieldName(edition, type.target.field);
  const areas = areaNames(edition, call, type);
  if (name && areas) return `（${name}：${areas}）`;
  if (name || areas) return `（${name || areas}）`;
  return '';
}

const merged = (cells: Array<{ lines: CellLine[]; center: boolean }>): CallCell[] =>
  mergeAdjacent(cells, (c) => JSON.stringify(c.lines)).map((r) => ({ ...r.value, span: r.span }));

function rows(edition: Edition, call: Call): CallRow[] {
  const l = edition.meta.labels;
  const plain = (text: string): CellLine => ({ text, value: false });
  const value = (text: string): CellLine => ({ text, value: true });
  const per = (f: (t: CallType) => CellLine[], center = false) => merged(call.types.map((t) => ({ lines: f(t), center })));
  return [
    {
      id: 'target',
      head: l.targetTerm,
      note: call.table.targetNote ?? '',
      cells: per((t) => {
        const line = targetFieldLine(edition, call, t);
        return line ? [plain(t.target.text), plain(line)] : [plain(t.target.text)];
      }),
    },
    { id: 'goal', head: l.goalTerm, note: '', cells: per((t) => [plain(t.goal)]) },
    { id: 'composition', head: l.compositionTerm, note: '', cells: per((t) => [plain(compositionOf(call, t).text)]) },
    {
      id: 'budget',
      head: l.fundingTerm,
      note: call.table.budgetNote ?? '',
      cells: per((t) => [...(t.budgetQualifier ? [plain(t.budgetQualifier)] : []), value(callBudgetText(edition, call, t))], true),
    },
    { id: 'period', head: l.periodTerm, note: '', cells: per((t) => [value(callPeriodText(edition, t))], true) },
    {
      id: 'awards',
      head: l.awardsTerm,
      note: '',
      // A count is one unbreakable value; a note (※令和3年度の公募は予定しておりません) is prose and wraps.
      cells: per((t) => [callStatusOf(edition, call, t).called ? value(awardsText(edition, call, t)) : plain(awardsText(edition, call, t))], true),
    },
  ];
}

export const view: SlideViewFn<'call', CallSlide> = (e, slide) => {
  const call = callOf(e, slide.call);
  const source = dataPath(e, 'call', call.id);
  const schedule = scheduleOf(e, call);
  const table = rows(e, call);
  return {
    title: slideTitleText(call.heading),
    source,
    ctx: {
      kind: 'call',
      ...call,
      heading: slideTitleText(call.heading),
      table: { ...call.table, title: slideTitleText(call.table.title) },
      source,
      labels: e.meta.labels,
      notes: notesFor(e, call.noteRefs),
      schedule: { title: slideTitleText(schedule.title), note: schedule.note ?? '' },
      rows: table,
      milestones: schedule.milestones.map((m) => ({ label: m.label, text: milestoneText(e, m), parts: milestoneParts(e, m) })),
    },
  };
};
