/**
 * Stage 3 — render (web page): the view-model of an edition's call page, what applicants open
 * first, and its HTML through templates/web/.
 *
 * The page says what the deck and the 公募要領 say, through the same functions: the call table
 * per field (one column per type, as the slides set it), the schedule, the downloads (the
 * edition's own files with format and size), the contact. It is built from a tracked copy of the
 * edition, so the planner knows which data files it reads. The downloads are not read from the
 * data but from the build (outputs/web: the files the other outputs made), and come in apart.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Call, CallType, Edition, Programme } from '../../schema/index.ts';
import { filesRead, trackEdition } from '../../schema/edition-paths.ts';
import * as fmt from '../../shared/format/index.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { noteTexts, TERMS } from './guideline-blocks.ts';
import { compileFile } from './handlebars.ts';
import { typeLabel } from './facts.ts';
import { targetFieldLine } from './slides/call.ts';
import { awardsText, callBudgetText, callPeriodText, callStatusOf, compositionOf, documentDateText, fiscalYearText, milestoneParts, milestoneText, scheduleOf } from './values.ts';

/** One line of a cell; a formatted value (amount, period, count) is never broken. */
export interface WebLine {
  text: string;
  value: boolean;
}

export interface WebRow {
  /** The row's head, a label of the edition (委託費). */
  head: string;
  /** One cell per type, in the table's column order. */
  cells: WebLine[][];
}

/** A type as a column of its call's table, with its status this year. */
export interface WebType {
  /** 本格型（政策重点分野） when two types of the call share a name. */
  label: string;
  called: boolean;
  /** Why it is not called (the data's words), or ''. */
  note: string;
}

export interface WebCall {
  id: string;
  /** The heading of the call's section: the call's own heading (「共創分野」の令和3年度公募について). */
  heading: string;
  bullets: string[];
  /** The table's caption (its title in the data). */
  caption: string;
  types: WebType[];
  rows: WebRow[];
  /** The ※ notes of the table's rows, named by their row (対象分野：…). */
  notes: string[];
}

export interface WebSchedule {
  id: string;
  caption: string;
  /** Each as printed (text) and in the pieces that never break inside (parts), as the slides set them. */
  milestones: Array<{ label: string; text: string; parts: string[] }>;
  /** The calls that follow it, each with its own note (地域共創分野：共創分野と同様). */
  calls: Array<{ name: string; note: string }>;
}

export interface WebContact {
  heading: string;
  organization: string;
  department: string;
  section: string;
  emailLabel: string;
  email: string;
  lead: string;
  urlLabel: string;
  url: string;
}

export interface WebView {
  /** The page's `<title>` and, in words, its h1: 令和3年度 共創の場形成支援プログラム（COI-NEXT）公募（案）. */
  fiscalYear: string;
  programmes: string;
  isDraft: boolean;
  draftMark: string;
  publisher: string;
  date: string;
  notes: string[];
  typeTerm: string;
  calls: WebCall[];
  schedules: WebSchedule[];
  contact: WebContact;
  /** The words of the schedule table's head, as the 公募要領 prints them. */
  terms: { item: string; when: string };
  /** What the page read from the data (planner). */
  reads: ReadRecord;
  /** Data files it read, relative to the edition folder. */
  sources: string[];
}

/** The programmes the calls belong to: 共創の場形成支援プログラム（COI-NEXT）. */
function programmesOf(edition: Edition): string {
  const owners: Programme[] = [];
  for (const call of edition.calls) {
    const owner = edition.programmes.programmes.find((p) => p.fields?.some((f) => f.id === call.field));
    if (owner && !owners.includes(owner)) owners.push(owner);
  }
  return owners.map((p) => `${p.name}（${p.abbr}）`).join('・');
}

function callTable(edition: Edition, call: Call): Pick<WebCall, 'types' | 'rows' | 'notes'> {
  const l = edition.meta.labels;
  const plain = (text: string): WebLine => ({ text, value: false });
  const value = (text: string): WebLine => ({ text, value: true });
  const row = (head: string, cell: (t: CallType) => WebLine[]): WebRow => ({ head, cells: call.types.map(cell) });
  const types = call.types.map((t) => {
    const status = callStatusOf(edition, call, t);
    return { label: typeLabel(edition, call, t), called: status.called, note: status.called ? '' : status.note };
  });
  const rows = [
    row(l.targetTerm, (t) => {
      const line = targetFieldLine(edition, call, t);
      return line ? [plain(t.target.text), plain(line)] : [plain(t.target.text)];
    }),
    row(l.goalTerm, (t) => [plain(t.goal)]),
    row(l.compositionTerm, (t) => [plain(compositionOf(call, t).text)]),
    row(l.fundingTerm, (t) => [...(t.budgetQualifier ? [plain(t.budgetQualifier)] : []), value(callBudgetText(edition, call, t))]),
    row(l.periodTerm, (t) => [value(callPeriodText(edition, t))]),
    // As the slides print it: a count, or the note of a type not called (with its ※).
    row(l.awardsTerm, (t) => [callStatusOf(edition, call, t).called ? value(awardsText(edition, call, t)) : plain(awardsText(edition, call, t))]),
  ];
  const notes = [...(call.table.targetNote ? [`${l.targetTerm}：${call.table.targetNote}`] : []), ...(call.table.budgetNote ? [`${l.fundingTerm}：${call.table.budgetNote}`] : [])];
  return { types, rows, notes };
}

/** One table per schedule: a call that shares another's (`sameAs`) is named under it with its note. */
function schedulesOf(edition: Edition): WebSchedule[] {
  const out: WebSchedule[] = [];
  for (const call of edition.calls) {
    const s = scheduleOf(edition, call);
    let table = out.find((x) => x.id === s.owner);
    if (!table) {
      table = {
        id: s.owner,
        caption: s.title,
        milestones: s.milestones.map((m) => ({ label: m.label, text: milestoneText(edition, m), parts: milestoneParts(edition, m) })),
        calls: [],
      };
      out.push(table);
    }
    table.calls.push({ name: call.name, note: s.note ?? '' });
  }
  return out;
}

/** The page's view-model, from its own tracked copy of the edition. */
export function webView(edition: Edition): WebView {
  const reads = new ReadRecord();
  const e = trackEdition(edition, reads);
  const { meta, contact } = e;
  const noteIds = [...new Set([...(meta.titleNoteRefs ?? []), ...e.calls.flatMap((c) => c.noteRefs)])];
  const view: Omit<WebView, 'reads' | 'sources'> = settle({
    fiscalYear: fiscalYearText(e),
    programmes: programmesOf(e),
    isDraft: meta.status === 'draft',
    draftMark: meta.labels.draftMark,
    publisher: meta.publisher,
    date: documentDateText(meta.date),
    notes: noteTexts(e, noteIds),
    typeTerm: meta.labels.typeTerm,
    calls: e.calls.map((call) => ({
      id: call.id,
      heading: call.heading,
      bullets: call.bullets,
      caption: call.table.title,
      ...callTable(e, call),
    })),
    schedules: schedulesOf(e),
    contact: {
      heading: contact.heading,
      organization: contact.organization,
      department: contact.department,
      section: contact.section,
      emailLabel: contact.emailLabel,
      email: contact.email,
      lead: contact.lead,
      urlLabel: contact.urlLabel,
      url: contact.url,
    },
    terms: { item: TERMS.item, when: TERMS.when },
  });
  return { ...view, reads, sources: filesRead(edition.sources, reads) };
}

// ---------------------------------------------------------------- downloads

/** A file offered for download, as the build found it (outputs/web). */
export interface DownloadFile {
  /** The list it goes in (公募要領) and the link's words. */
  list: string;
  text: string;
  /** The call it belongs to (its name), or '' for a file of the whole edition. */
  call: string;
  /** Link relative to the page. */
  href: string;
  /** pdf, pptx, docx … */
  ext: string;
  size: number;
}

export interface DownloadItem {
  href: string;
  text: string;
  /** PDF, PowerPoint, Word — what opens it. */
  format: string;
  /** 1.2MB */
  size: string;
  /** The MIME type, for the link's `type`. */
  mime: string;
}

export interface DownloadList {
  heading: string;
  /** By call when some call has more than one file in the list (the 様式); else one group with no heading. */
  groups: Array<{ heading: string; items: DownloadItem[] }>;
}

/** The names applicants know the formats by, and their MIME types. */
const FORMATS: Readonly<Record<string, { name: string; mime: string }>> = {
  pdf: { name: 'PDF', mime: 'application/pdf' },
  pptx: { name: 'PowerPoint', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  docx: { name: 'Word', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { name: 'Excel', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  zip: { name: 'ZIP', mime: 'application/zip' },
  html: { name: 'HTML', mime: 'text/html' },
};

function formatOf(ext: string): { name: string; mime: string } {
  return FORMATS[ext] ?? { name: ext.toUpperCase(), mime: 'application/octet-stream' };
}

/** The downloads as the page lists them: lists in the order given, the files of a list grouped by call when that helps. */
export function downloadLists(files: readonly DownloadFile[]): DownloadList[] {
  const lists = new Map<string, DownloadFile[]>();
  for (const f of files) lists.set(f.list, [...(lists.get(f.list) ?? []), f]);
  return [...lists].map(([heading, list]) => {
    const item = (f: DownloadFile): DownloadItem => ({ href: f.href, text: f.text, format: formatOf(f.ext).name, size: fmt.fileSize(f.size), mime: formatOf(f.ext).mime });
    const calls = [...new Set(list.map((f) => f.call))];
    const byCall = calls.some((c) => c !== '' && list.filter((f) => f.call === c).length > 1);
    if (!byCall) return { heading, groups: [{ heading: '', items: list.map(item) }] };
    return { heading, groups: calls.map((c) => ({ heading: c, items: list.filter((f) => f.call === c).map(item) })) };
  });
}

// ---------------------------------------------------------------- HTML

/** Where the page's `@font-face` rules go once the fonts are subset to its text (outputs/web). */
export const WEB_FONT_SLOT = '/*@font-faces*/';

/** The page's HTML, fonts left to the caller (WEB_FONT_SLOT). */
export async function renderWebHtml(templatesDir: string, view: WebView, downloads: readonly DownloadList[]): Promise<string> {
  const dir = path.join(templatesDir, 'web');
  const template = await compileFile(path.join(dir, 'page.hbs'));
  const css = await readFile(path.join(dir, 'web.css'), 'utf8');
  const { reads: _reads, sources: _sources, ...page } = view;
  return template({
    view: page,
    downloads,
    css: new Handlebars.SafeString(css.replace(/<\//g, '<\\/')),
    fonts: new Handlebars.SafeString(WEB_FONT_SLOT),
  });
}
