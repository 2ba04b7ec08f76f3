/**
 * Stage 3 — render (forms): the view-model of one 様式 of one call, which the Word writer
 * (outputs/forms) lays out. Built from a tracked copy of the edition, so the planner knows
 * which values each form printed: the call's figures come in through the same formatters as
 * the 公募要領 (values.ts) — the types with their budget and period on the 応募する実施タイプ
 * check boxes, one column per fiscal year of a type's support period with the budget cap per
 * year in a 資金計画 table, a milestone's date in an instruction.
 */
import { VALUE_RE, formCalls, formTypes, type CallType, type Edition, type FormField, type FormLimit } from '../../schema/index.ts';
import { filesRead, trackEdition, valuesRead } from '../../schema/edition-paths.ts';
import * as fmt from '../../shared/format/index.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { blockEnv, valueText, type BlockEnv } from './guideline-env.ts';
import { UNKNOWN_TEXT, callBudgetText, callPeriodText, fiscalYearText, yenText } from './values.ts';
import { isUnknown } from '../../shared/values.ts';

/** Words the forms print that the data has no field for (kept here, in one place, as guideline-blocks.ts TERMS). */
export const FORM_TERMS = {
  limit: '分量',
  purpose: '記入する内容',
  instructions: '記入上の注意',
  input: 'ここに記入してください',
  item: '項目',
  total: '合計',
  unit: '単位',
  yearOrdinal: '年度目',
  capSuffix: 'の上限（年度ごと）',
  toConfirm: '（要確認）',
} as const;

/** A piece of a line: a value (a formatted figure of the call) prints bold and is never broken. */
export interface FormRun {
  text: string;
  value?: boolean;
}
export type FormLine = FormRun[];

/** A cell of a table on a form: `fixed` cells are printed (labels, the cap), the others are left to fill in. */
export interface GridCell {
  text: string;
  fixed?: boolean;
  value?: boolean;
}

export type FormFieldView =
  | { kind: 'text'; id: string; label: string; limit: string | undefined; hint: FormLine | undefined; lines: number }
  | { kind: 'entries'; id: string; label: string | undefined; hint: FormLine | undefined; items: { id: string; label: string; hint: FormLine | undefined }[] }
  | { kind: 'checks'; id: string; label: string; hint: FormLine | undefined; items: { id: string; label: FormLine }[] }
  | {
      kind: 'grid';
      id: string;
      label: string;
      hint: FormLine | undefined;
      /** 千円 — printed as （単位：千円） above the table. */
      unit: string | undefined;
      /** Column widths, per cent of the table's width (they add up to 100). */
      widths: number[];
      /** The header row, repeated on every page the table runs onto. */
      head: GridCell[];
      rows: GridCell[][];
    };

export interface FormView {
  /** Under output/<edition>/: `forms/kyoso/01-cover.docx`. */
  file: string;
  callId: string;
  formId: string;
  /** 様式1 */
  number: string;
  /** 提案書表紙 (or the call's own title) */
  title: string;
  /** 令和3年度 共創の場形成支援プログラム「共創分野」 — the page header. */
  heading: string;
  /** 2ページ以内, or （要確認） while the data does not say. */
  limit: string;
  purpose: string | undefined;
  instructions: FormLine[];
  fields: FormFieldView[];
  landscape: boolean;
  isDraft: boolean;
  draftMark: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Data files the form read, relative to the edition folder. */
  sources: string[];
  /** Per data file, a digest of the values it read there (the planner keys the form on them). */
  values: Record<string, string>;
}

/**
 * What a field asks for, in words (the 公募要領's 「主な記入欄」): its label, or for a set of
 * entries without one the labels of its entries — never its id, which is a data word.
 */
export function fieldWords(field: FormField): string {
  if (field.label) return field.label;
  const items = 'items' in field ? (field.items ?? []) : [];
  return items.map((i) => (typeof i === 'string' ? i : i.label)).join('・');
}

/** 2ページ以内, 800字以内, both with 、, or （要確認） when the data gives no limit. */
export function formLimitText(limit: FormLimit | undefined): string {
  const parts = [
    ...(limit?.pages !== undefined ? [fmt.count(limit.pages, { unit: 'ページ以内' })] : []),
    ...(limit?.chars !== undefined ? [fmt.count(limit.chars, { unit: '字以内' })] : []),
  ];
  return parts.length ? parts.join('、') : FORM_TERMS.toConfirm;
}

/**
 * Where a form of a call is written, under output/<edition>/: `forms/kyoso/01-cover.docx` —
 * its position in forms.yaml (so a folder lists the forms in order) and its id, ASCII only:
 * a GitHub Release renames assets with other characters, zip tools and URLs mangle them. The
 * Japanese title is inside the file (its heading and document title). The 公募要領's 様式一覧
 * links a form by this path.
 */
export function formFile(edition: Pick<Edition, 'forms'>, callId: string, formId: string): string {
  const forms = edition.forms?.forms ?? [];
  const index = forms.findIndex((f) => f.id === formId);
  if (index < 0) throw new Error(`forms: no form ${formId}`);
  return `forms/${callId}/${String(index + 1).padStart(2, '0')}-${formId}.docx`;
}

/** Every form of every call that is made: the call uses it and has a type it is for. */
export function formUnits(edition: Edition): { call: string; form: string }[] {
  const forms = edition.forms?.forms ?? [];
  const callIds = edition.calls.map((c) => c.id);
  return edition.calls.flatMap((call) => forms.filter((f) => formCalls(f, callIds).includes(call.id) && formTypes(call, f).length > 0).map((f) => ({ call: call.id, form: f.id })));
}

/** A text of the data with its `{{value:…}}` printed as values. */
function lineOf(env: BlockEnv, text: string): FormLine {
  const line: FormLine = [];
  let last = 0;
  for (const m of text.matchAll(VALUE_RE)) {
    const at = m.index ?? 0;
    if (at > last) line.push({ text: text.slice(last, at) });
    line.push({ text: valueText(env, m[1] ?? ''), value: true });
    last = at + m[0].length;
  }
  if (last < text.length) line.push({ text: text.slice(last) });
  return line;
}

const optLine = (env: BlockEnv, text: string | undefined): FormLine | undefined => (text === undefined ? undefined : lineOf(env, text));

/** Widths in per cent: the given ones, the rest shared equally by the columns without one. */
function widthsOf(given: (number | undefined)[]): number[] {
  const fixed = given.reduce<number>((s, w) => s + (w ?? 0), 0);
  const free = given.filter((w) => w === undefined).length;
  const share = free ? Math.max(0, 100 - fixed) / free : 0;
  return given.map((w) => w ?? share);
}

/** One table per type: a column per fiscal year of its support period, the cap per year from its budget. */
function yearsGrids(env: BlockEnv, field: Extract<FormField, { kind: 'years' }>, types: CallType[]): FormFieldView[] {
  const { edition } = env;
  const first = edition.meta.fiscalYear;
  return types.map((t) => {
    // A support period not known yet (要確認) gives one column headed （要確認）, highlighted like every unknown.
    const years = isUnknown(t.period) ? [UNKNOWN_TEXT] : Array.from({ length: t.period.years }, (_, i) => `${i + 1}${FORM_TERMS.yearOrdinal}\n${fmt.fiscalYear(first + i)}`);
    const head: GridCell[] = [
      { text: FORM_TERMS.item, fixed: true },
      ...years.map((y) => ({ text: y, fixed: true })),
      ...(field.total ? [{ text: FORM_TERMS.total, fixed: true }] : []),
    ];
    const blank = (): GridCell[] => [...years.map(() => ({ text: '' })), ...(field.total ? [{ text: '' }] : [])];
    const cap: GridCell[][] = field.cap
      ? [
          [
            { text: `${edition.meta.labels.fundingTerm}${FORM_TERMS.capSuffix}`, fixed: true },
            ...years.map(() => ({ text: yenText(edition, t.budget), fixed: true, value: true })),
            ...(field.total ? [{ text: '', fixed: true }] : []),
          ],
        ]
      : [];
    const label = `${field.label}（${env.typeName(t)}：${edition.meta.labels.periodTerm} ${callPeriodText(edition, t)}${field.cap ? `、${callBudgetText(edition, env.call, t)}` : ''}）`;
    const itemWidth = 18;
    const columns = head.length - 1;
    return {
      kind: 'grid' as const,
      id: `${field.id}-${t.id}`,
      label,
      hint: optLine(env, field.hint),
      unit: field.unit,
      widths: [itemWidth, ...Array.from({ length: columns }, () => (100 - itemWidth) / columns)],
      head,
      rows: [...cap, ...field.rows.map((r) => [{ text: r, fixed: true }, ...blank()])],
    };
  });
}

function fieldViews(env: BlockEnv, field: FormField, types: CallType[]): FormFieldView[] {
  switch (field.kind) {
    case 'text':
      return [
        { kind: 'text', id: field.id, label: field.label, limit: field.limit ? formLimitText(field.limit) : undefined, hint: optLine(env, field.hint), lines: field.lines ?? 6 },
      ];
    case 'entries':
      return [
        {
          kind: 'entries',
          id: field.id,
          label: field.label,
          hint: optLine(env, field.hint),
          items: field.items.map((e) => ({ id: e.id, label: e.label, hint: optLine(env, e.hint) })),
        },
      ];
    case 'checks': {
      const { edition, call } = env;
      const items = field.from
        ? types.map((t) => ({
            id: t.id,
            label: [
              { text: `${env.typeName(t)}（${edition.meta.labels.periodTerm} ` },
              { text: callPeriodText(edition, t), value: true },
              { text: `、${edition.meta.labels.fundingTerm} ` },
              { text: callBudgetText(edition, call, t), value: true },
              { text: '）' },
            ],
          }))
        : (field.items ?? []).map((text, i) => ({ id: `${field.id}-${i + 1}`, label: lineOf(env, text) }));
      return [{ kind: 'checks', id: field.id, label: field.label, hint: optLine(env, field.hint), items }];
    }
    case 'table': {
      const labels = field.rowLabels ?? Array.from({ length: field.rows ?? 5 }, () => undefined);
      return [
        {
          kind: 'grid',
          id: field.id,
          label: field.label,
          hint: optLine(env, field.hint),
          unit: undefined,
          widths: widthsOf(field.columns.map((c) => c.width)),
          head: field.columns.map((c) => ({ text: c.label, fixed: true })),
          rows: labels.map((l) => field.columns.map((_, i) => (i === 0 && l !== undefined ? { text: l, fixed: true } : { text: '' }))),
        },
      ];
    }
    case 'years':
      return yearsGrids(env, field, types);
    default:
      return field satisfies never;
  }
}

/** The view-model of form `formId` for call `callId`. */
export function formView(edition: Edition, callId: string, formId: string): FormView {
  const reads = new ReadRecord();
  const e = trackEdition(edition, reads);
  const env = blockEnv(e, callId);
  const form = e.forms?.forms.find((f) => f.id === formId);
  if (!form) throw new Error(`forms: no form ${formId} (planned but not in the data)`);
  const { call, programme } = env;
  const types = formTypes(call, form);
  const fy = fiscalYearText(e);
  const title = form.titleByCall?.[call.id] ?? form.title;
  const view = settle({
    // Read through the tracked data: the name depends on the form's place in forms.yaml, so moving a form renames (and rebuilds) it.
    file: formFile(e, callId, formId),
    callId: call.id,
    formId: form.id,
    number: form.number,
    title,
    heading: `${fy} ${programme.name}「${call.name}」`,
    limit: formLimitText(form.limit),
    purpose: form.purpose,
    instructions: (form.instructions ?? []).map((t) => lineOf(env, t)),
    fields: (form.fields ?? [{ kind: 'text', id: 'body', label: title }]).flatMap((f) => fieldViews(env, f, types)),
    landscape: form.landscape ?? false,
    isDraft: e.meta.status === 'draft',
    draftMark: e.meta.labels.draftMark,
    author: e.meta.publisher,
    subject: `${programme.name}（${programme.abbr}） ${fy} ${call.name} ${form.number} ${title}`,
    keywords: [programme.abbr, programme.name, call.name, form.number, title, fy],
  });
  return { ...view, sources: filesRead(edition.sources, reads), values: valuesRead(edition, reads) };
}
