/**
 * Longer than the usual file because it is every block a guideline can place, kept together
 * with the value names of the same data (one builder per block, each a few lines).
 *
 * The data-bound blocks a 公募要領 places in its tree (guidelines/<call>.yaml `block: …`), and
 * the single values its prose may name (`{{value:…}}`). Each builder prints from the (tracked)
 * edition through the formatters of values.ts, so a chapter's reads name exactly the data it
 * shows, and a value reads the same in the guideline as on the slides.
 */
import { VALUE_RE, formCalls, formTypes, type Edition, type GuidelineBlockKind } from '../../schema/index.ts';
import { fieldWords, formLimitText } from './form-view.ts';
import { valueText, type BlockEnv } from './guideline-env.ts';

export { blockEnv, valueText, type BlockEnv } from './guideline-env.ts';
import { rosterOf } from './facts.ts';
import { mergeDown } from './merge.ts';
import { targetFieldLine } from './slides/call.ts';
import { resultsBlock } from './guideline-results.ts';
import { awardsPlainText, callBudgetText, callPeriodText, compositionOf, documentDateText, fieldBudgetText, milestoneText, rosterAsOfText, scheduleOf } from './values.ts';
import type Handlebars from 'handlebars';

/** Column heads and terms the data has no field for (kept here, in one place). */
export const TERMS = {
  toc: '目次',
  item: '項目',
  when: '時期',
  role: '区分',
  name: '氏名',
  affiliation: '所属',
  position: '役職',
  organization: '機関',
  department: '部署',
  contributions: '役割・貢献',
  asOf: '時点',
  address: '所在地',
  phone: '電話',
  hours: '受付時間',
  deadline: '募集締切',
  mainSchedule: '主なスケジュール',
  formNumber: '様式',
  formTitle: '名称',
  formPurpose: '記入する内容',
  formLimit: '分量',
  formsCaption: '様式一覧',
  formFields: '主な記入欄',
} as const;

export interface Cell {
  text: string;
  /** A formatted value: never broken across lines. */
  value?: boolean | undefined;
  /** Row header cell. */
  th?: boolean | undefined;
  /** Smaller note printed under the text. */
  note?: string | undefined;
  rowspan?: number | undefined;
  /** Covered by the merged cell above: not printed. */
  skip?: boolean | undefined;
}

export type Block =
  /** Prose from the data, as Markdown (`values`: what its value tokens print); `html` filled when the document is rendered. */
  | { kind: 'html'; md: string; values?: string[]; refs?: { index: number; dom: string; label: string }[]; html?: Handlebars.SafeString }
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'notes'; items: string[] }
  | { kind: 'table'; caption?: string | undefined; head: string[]; rows: Cell[][]; widths: string[]; className?: string | undefined }
  | { kind: 'dl'; items: { term: string; desc: string; value?: boolean | undefined }[] }
  | { kind: 'h3'; text: string }
  | { kind: 'figure'; src: string; number: string; caption: string; alt: string; width: number; uri?: string | undefined };

/** A figure (`src` in the edition folder, 図N, width in %); `uri`, its data: URL, filled in by the output (guideline-figures.ts). */
export function figureBlock(item: { figure: string; alt: string; width?: number | undefined }, number: string, caption: string): Extract<Block, { kind: 'figure' }> {
  return { kind: 'figure', src: item.figure, number, caption, alt: item.alt, width: item.width ?? 100, uri: undefined };
}

/** A block's content and, for blocks that have one, the title a section holding it may take. */
export interface BuiltBlock {
  title?: string;
  blocks: Block[];
}

/** `＜…＞` or `（…）` around a slide heading → the bare heading. */
export function stripBrackets(s: string): string {
  for (const [open, close] of [
    ['＜', '＞'],
    ['<', '>'],
    ['（', '）'],
    ['(', ')'],
  ] as const) {
    if (s.startsWith(open) && s.endsWith(close)) return s.slice(open.length, -close.length).trim();
  }
  return s;
}

export function noteTexts(edition: Edition, ids: readonly string[]): string[] {
  return ids.map((id) => edition.meta.notes.find((n) => n.id === id)?.text).filter((t): t is string => t !== undefined);
}

function pointsTable(items: { caption: string; subcaption: string; line: string }[]): Block {
  return {
    kind: 'table',
    head: [],
    widths: ['26%', '74%'],
    className: 'points',
    rows: items.map((p) => [{ text: p.caption, th: true, note: p.subcaption }, { text: p.line }]),
  };
}

/** A table with one row per type; equal neighbouring cells of the `merge` columns become one. */
function typeTable(head: string[], widths: string[], rows: Cell[][], merge: number[], caption?: string): Block {
  return { kind: 'table', caption, head, widths, rows: mergeDown(rows, merge, (c) => `${c.text}|${c.note ?? ''}`) };
}

function overviewOf(env: BlockEnv) {
  const o = env.call.overview;
  if (!o) throw new Error(`guideline ${env.call.id}: block needs the field overview (crossCheck should have caught this)`);
  return o;
}

/** The forms of forms.yaml the call uses (for a type it has), in their order. */
function formsOf({ edition, call }: BlockEnv) {
  const callIds = edition.calls.map((c) => c.id);
  return (edition.forms?.forms ?? []).filter((f) => formCalls(f, callIds).includes(call.id) && formTypes(call, f).length > 0);
}

/** A text of the data with its `{{value:…}}` printed. */
const printValues = (env: BlockEnv, text: string): string => text.replace(VALUE_RE, (_, name: string) => valueText(env, name));

/** Every block a guideline can place, by its name in the data (GUIDELINE_BLOCKS). */
export const BLOCK_BUILDERS: Record<GuidelineBlockKind, (env: BlockEnv) => BuiltBlock> = {
  'key-points': ({ call }) => ({ blocks: [{ kind: 'list', items: call.bullets }] }),

  types: ({ call, labels, typeName, edition }) => ({
    blocks: [
      typeTable(
        [labels.typeTerm, labels.targetTerm, labels.goalTerm],
        ['18%', '30%', '52%'],
        call.types.map((t) => {
          const line = targetFieldLine(edition, call, t);
          return [{ text: typeName(t), th: true }, { text: line ? `${t.target.text}${line}` : t.target.text }, { text: t.goal }];
        }),
        [1, 2],
        call.table.title,
      ),
      ...(call.table.targetNote ? [{ kind: 'notes', items: [`${labels.targetTerm}：${call.table.targetNote}`] } as Block] : []),
    ],
  }),

  budget: ({ edition, call, labels, typeName }) => ({
    blocks: [
      typeTable(
        [labels.typeTerm, labels.fundingTerm, labels.periodTerm],
        ['26%', '46%', '28%'],
        call.types.map((t) => [
          { text: typeName(t), th: true },
          { text: callBudgetText(edition, call, t), value: true, ...(t.budgetQualifier ? { note: t.budgetQualifier } : {}) },
          { text: callPeriodText(edition, t), value: true },
        ]),
        [1, 2],
        // Its own caption: the call's table title names the types and fields (第2章's table), not the amounts.
        `${labels.fundingTerm}・${labels.periodTerm}`,
      ),
      ...(call.table.budgetNote ? [{ kind: 'notes', items: [`${labels.fundingTerm}：${call.table.budgetNote}`] } as Block] : []),
    ],
  }),

  awards: ({ edition, call, labels, typeName, fieldName }) => ({
    blocks: [
      typeTable(
        [labels.typeTerm, labels.targetTerm, labels.awardsTerm],
        ['26%', '26%', '48%'],
        call.types.map((t) => [{ text: typeName(t), th: true }, { text: fieldName(t.target.field) }, { text: awardsPlainText(edition, call, t), value: true }]),
        [1, 2],
      ),
    ],
  }),

  schedule: ({ edition, call }) => {
    const s = scheduleOf(edition, call);
    return {
      blocks: [
        {
          kind: 'table',
          caption: s.title + (s.note ? `（※${s.note}）` : ''),
          head: [TERMS.item, TERMS.when],
          widths: ['34%', '66%'],
          rows: s.milestones.map((m) => [
            { text: m.label, th: true },
            { text: milestoneText(edition, m), value: true },
          ]),
        },
        { kind: 'notes', items: noteTexts(edition, call.noteRefs) },
      ],
    };
  },

  composition: ({ call, labels, typeName }) => {
    const texts = call.types.map((t) => compositionOf(call, t).text);
    // One requirement for every type is a sentence; requirements per type are a table.
    if (texts.every((x) => x === texts[0])) return { title: labels.compositionTerm, blocks: [{ kind: 'p', text: texts[0]! }] };
    return {
      title: labels.compositionTerm,
      blocks: [
        typeTable(
          [labels.typeTerm, labels.compositionTerm],
          ['26%', '74%'],
          call.types.map((t, i) => [{ text: typeName(t), th: true }, { text: texts[i]! }]),
          [1],
        ),
      ],
    };
  },

  participants: ({ edition, programme, field }) => {
    const p = programme.participants;
    return {
      title: edition.programmes.table.columns.participants,
      blocks: [
        { kind: 'p', text: p.institutions.join('、') },
        ...(field.participantsNote ? [{ kind: 'notes', items: [field.participantsNote] } as Block] : []),
        ...(p.fundingNote ? [{ kind: 'notes', items: [p.fundingNote] } as Block] : []),
      ],
    };
  },

  proposer: (env) => {
    const p = overviewOf(env).proposer;
    return {
      title: `${p.label}（${p.structure}）`,
      blocks: [
        {
          kind: 'table',
          head: [TERMS.role, p.label, TERMS.contributions],
          widths: ['10%', '22%', '68%'],
          rows: p.roles.map((r) => [{ text: r.sector, th: true }, { text: r.name }, { text: r.contributions.join('、') }]),
        },
      ],
    };
  },

  background: ({ edition }) => ({ title: edition.overview.first.background.title, blocks: [{ kind: 'list', items: edition.overview.first.background.points }] }),

  summary: ({ edition, field }) => ({
    title: edition.overview.first.summary.title,
    blocks: [
      { kind: 'p', text: edition.overview.first.summary.text },
      { kind: 'list', items: field.summary },
    ],
  }),

  points: ({ edition }) => ({ title: stripBrackets(edition.overview.first.points.title), blocks: [pointsTable(edition.overview.first.points.items)] }),

  goals: ({ edition }) => ({
    title: stripBrackets(edition.overview.second.goals.title),
    blocks: [{ kind: 'dl', items: edition.overview.second.goals.items.map((g) => ({ term: g.label, desc: g.text })) }],
  }),

  mechanisms: ({ edition }) => {
    const mech = edition.overview.second.mechanisms;
    return {
      title: stripBrackets(mech.title),
      blocks: mech.items.flatMap((m): Block[] => [
        { kind: 'h3', text: `${m.label}${m.title}` },
        { kind: 'list', items: m.bullets },
      ]),
    };
  },

  'after-project': ({ edition }) => ({ blocks: [{ kind: 'p', text: edition.overview.second.mechanisms.afterProject }] }),

  'field-background': (env) => {
    const o = overviewOf(env);
    return {
      title: `${env.call.name}の${o.background.title}`,
      blocks: [
        { kind: 'notes', items: o.notes },
        { kind: 'list', items: o.background.points },
      ],
    };
  },

  'field-summary': (env) => {
    const o = overviewOf(env);
    return {
      title: `${env.call.name}の${o.summary.title}`,
      blocks: [
        { kind: 'p', text: o.summary.text },
        pointsTable(o.points.items),
        { kind: 'dl', items: [{ term: o.budget.label, desc: `${fieldBudgetText(env.edition, o)}${o.budget.tag ? `（${o.budget.tag}）` : ''}`, value: true }] },
        { kind: 'notes', items: o.budget.notes },
      ],
    };
  },

  roster: ({ edition, call }) => {
    const roster = rosterOf(edition, call);
    if (!roster) throw new Error(`guideline ${call.id}: block roster needs a roster (crossCheck should have caught this)`);
    const rows: Cell[][] = [];
    for (const role of ['po', 'ad'] as const) {
      for (const e of roster.entries.filter((x) => x.role === role)) {
        rows.push([{ text: roster.roleLabels[role], th: true }, { text: e.name, ...(e.title ? { note: e.title } : {}) }, { text: e.affiliation }, { text: e.position }]);
      }
    }
    return {
      title: roster.heading,
      blocks: [
        { kind: 'table', className: 'roster', head: [TERMS.role, TERMS.name, TERMS.affiliation, TERMS.position], widths: ['24%', '16%', '36%', '24%'], rows },
        { kind: 'notes', items: [`${rosterAsOfText(roster)}${TERMS.asOf}`, ...roster.notes] },
      ],
    };
  },
  // The results of past calls of this call's field (results.yaml), the same tables as the slide's.
  results: resultsBlock,

  // The lead (「…下記ホームページをご覧ください」) comes before the lines it points at.
  contact: ({ edition }) => {
    const c = edition.contact;
    return {
      blocks: [
        { kind: 'p', text: c.lead },
        {
          kind: 'dl',
          items: [
            { term: TERMS.organization, desc: c.organization },
            { term: TERMS.department, desc: `${c.department} ${c.section}` },
            ...(c.address !== undefined ? [{ term: TERMS.address, desc: c.address }] : []),
            ...(c.phone !== undefined ? [{ term: TERMS.phone, desc: c.phone, value: true }] : []),
            ...(c.hours !== undefined ? [{ term: TERMS.hours, desc: c.hours }] : []),
            { term: c.emailLabel, desc: c.email, value: true },
            { term: c.urlLabel, desc: c.url, value: true },
          ],
        },
      ],
    };
  },

  'form-guide': (env) => ({
    blocks: formsOf(env).flatMap((f): Block[] => [
      { kind: 'h3', text: `${f.number}　${f.titleByCall?.[env.call.id] ?? f.title}（${TERMS.formLimit}：${formLimitText(f.limit)}）` },
      ...(f.purpose ? [{ kind: 'p', text: `${TERMS.formPurpose}：${printValues(env, f.purpose)}` } as Block] : []),
      { kind: 'list', items: (f.instructions ?? []).map((x) => printValues(env, x)) },
      ...(f.fields?.length
        ? [
            {
              kind: 'notes',
              items: [
                `${TERMS.formFields}：${(f.fields ?? [])
                  .map((x) => printValues(env, fieldWords(x)))
                  .filter(Boolean)
                  .join('、')}`,
              ],
            } as Block,
          ]
        : []),
    ]),
  }),

  forms: (env) => {
    const { edition, call } = env;
    const forms = formsOf(env);
    const kinds = (f: (typeof forms)[number]) => formTypes(call, f).map((t) => env.typeName(t));
    return {
      blocks: [
        {
          kind: 'table',
          caption: TERMS.formsCaption,
          head: [TERMS.formNumber, TERMS.formTitle, TERMS.formPurpose, TERMS.formLimit],
          widths: ['12%', '34%', '38%', '16%'],
          rows: forms.map((f) => [
            { text: f.number, th: true },
            { text: f.titleByCall?.[call.id] ?? f.title, ...(f.typeKinds ? { note: `${[...new Set(kinds(f))].join('・')}のみ` } : {}) },
            { text: printValues(env, f.purpose ?? f.instructions?.[0] ?? '') },
            { text: formLimitText(f.limit), value: f.limit !== undefined },
          ]),
        },
      ],
    };
  },

  notes: ({ edition, call }) => {
    const { meta, overview: ov } = edition;
    const ids = [...new Set([...(meta.titleNoteRefs ?? []), ...call.noteRefs, ...ov.second.noteRefs])];
    return { blocks: [{ kind: 'list', items: noteTexts(edition, ids) }] };
  },

  references: ({ edition }) => ({
    blocks: edition.overview.footnotes.map(
      (f): Block => ({
        kind: 'dl',
        items: [
          {
            term: f.mark,
            desc: [...f.lines, ...(f.documents ?? []).flatMap((d) => [`「${d.title}」（${documentDateText(d.date)} ${d.issuer}）`, d.url])].join('\n'),
          },
        ],
      }),
    ),
  }),
};
