/**
 * The programme table: one row per programme, the COI-NEXT fields as merged group rows.
 * A budget that belongs to a call is read from the call (`ref`), never copied.
 */
import * as fmt from '../../../shared/format/index.ts';
import type { BudgetBlock, Edition, Programme, ProgrammeField, ProgrammesFile } from '../../../schema/index.ts';
import { isUnknown, type Maybe, type Period } from '../../../shared/values.ts';
import { UNKNOWN_TEXT, callStatusOf, countText, yenText, slideTitleText } from '../values.ts';
import { dataPath, notesFor, type SlideViewFn } from './common.ts';

export interface ProgrammeRow {
  first: boolean;
  span: number;
  programme: Programme;
  /** The programme's notes as the slide prints them (heading digits full-width: slideTitleText). */
  programmeNotes: string[];
  hasField: boolean;
  fieldName: string;
  fieldStatus: string;
  countLabel: string;
  counts: string[];
  purpose: string;
  purposeTag: string;
  summary: string[];
  participants: string;
  participantsNote: string;
  budget: string[];
}

export interface ProgrammesSlide {
  kind: 'programmes';
  heading: string;
  columns: ProgrammesFile['table']['columns'];
  rows: ProgrammeRow[];
  notes: string[];
  source: string;
}

/** Budget lines of a programme-table cell, resolving references to the call that owns the value. */
function budgetLines(edition: Edition, programme: Programme, block: BudgetBlock): string[] {
  const labels = edition.meta.labels;
  const per = block.per ? `${fmt.MARKS.per}${block.per}` : '';
  const periodText = (p: Maybe<Period>) =>
    isUnknown(p)
      ? `（${labels.periodTerm}${UNKNOWN_TEXT}）`
      : `（${fmt.formatPeriod(p, { upToWord: labels.periodUpToTable as '最大' | '最長' })}${labels.periodSuffixTable}${block.periodNote && p === block.period ? `（${block.periodNote}）` : ''}）`;
  const lines: string[] = [];
  for (const item of block.items) {
    let money = item.money;
    let period = item.period;
    // The call status of the type the line reads (calls/*.yaml `status`): a type not called says so after the line.
    let status = '';
    if (item.ref) {
      const call = edition.calls.find((c) => c.id === item.ref?.call);
      const type = call?.types.find((t) => t.id === item.ref?.type);
      money = money ?? type?.budget;
      period = period ?? type?.period;
      const s = call && type ? callStatusOf(edition, call, type) : undefined;
      // A type not called says so; one still to confirm is marked on the call's own slide (the table has no room).
      status = s && !s.called ? `（${s.note}）` : '';
    }
    const typeName = item.type ? (programme.types?.find((t) => t.id === item.type)?.name ?? item.type) : '';
    const amount = money ? `${yenText(edition, money, { style: block.amountStyle })}${per}` : (item.text ?? '');
    const head = typeName ? `${typeName}${fmt.MARKS.label}` : '';
    lines.push(`${head}${amount}${period ? periodText(period) : ''}${status}`);
  }
  if (block.period) lines.push(periodText(block.period));
  if (block.note) lines.push(block.note);
  return lines;
}

function adoptedLines(programme: Programme, field: ProgrammeField): string[] {
  return (field.adopted ?? []).map((a) => {
    const name = a.type ? programme.types?.find((t) => t.id === a.type)?.name : field.areas?.find((x) => x.id === a.area)?.name;
    return `${name ?? ''}${fmt.MARKS.label}${isUnknown(a.count) ? UNKNOWN_TEXT : a.count}`;
  });
}

function programmeRows(edition: Edition): ProgrammeRow[] {
  const rows: ProgrammeRow[] = [];
  let previousParticipants = '';
  for (const programme of edition.programmes.programmes) {
    const participants = programme.participants.institutions.join('、');
    // The seed writes 同上 when a row's participants repeat the row above.
    const participantsText = participants === previousParticipants ? edition.meta.labels.sameAsAbove : participants;
    const fields = programme.fields ?? [];
    // The ※ is part of the note's text, so it stays on the line of the note's first phrase (kinsoku).
    const programmeNotes = (programme.notes ?? []).map((n) => `※${slideTitleText(n)}`);
    if (fields.length > 0) {
      fields.forEach((field, i) => {
        rows.push({
          first: i === 0,
          span: fields.length,
          programme,
          programmeNotes,
          hasField: true,
          fieldName: field.name,
          // Brackets in the text, not the template: the phrase holds them (no line ends with （).
          fieldStatus: field.status ? `（${slideTitleText(field.status)}）` : '',
          countLabel: field.adoptedLabel ?? '',
          counts: adoptedLines(programme, field),
          purpose: programme.purpose,
          purposeTag: programme.purposeTag ?? '',
          summary: field.summary,
          participants: i === 0 ? participantsText : edition.meta.labels.sameAsAbove,
          participantsNote:
            i === 0 ? (programme.participants.fundingNote ? `※${programme.participants.fundingNote}` : '') : field.participantsNote ? `（${field.participantsNote}）` : '',
          budget: budgetLines(edition, programme, field.budget),
        });
      });
    } else {
      rows.push({
        first: true,
        span: 1,
        programme,
        programmeNotes,
        hasField: false,
        fieldName: '',
        fieldStatus: '',
        countLabel: '',
        counts: programme.siteCount === undefined ? [] : [countText(programme.siteCount)],
        purpose: programme.purpose,
        purposeTag: programme.purposeTag ?? '',
        summary: programme.summary ?? [],
        participants: participantsText,
        participantsNote: '',
        budget: programme.budget ? budgetLines(edition, programme, programme.budget) : [],
      });
    }
    previousParticipants = participants;
  }
  return rows;
}

export const view: SlideViewFn<'programmes', ProgrammesSlide> = (e) => {
  const table = e.programmes.table;
  const source = dataPath(e, 'programmes');
  return {
    title: table.heading,
    source,
    ctx: { kind: 'programmes', heading: table.heading, columns: table.columns, rows: programmeRows(e), notes: notesFor(e, table.noteRefs), source },
  };
};
