/**
 * The 新旧対照表's rows: two validated editions compared as data, not as text.
 *
 * Entities with an identity (call types, milestones, notes, roster members, sites,
 * calls …: anything with an `id`, rosters and guidelines by their `call`) are
 * matched by it, so a reordered or renamed file is not a change and a member who
 * left is one 削除 row. Everything else is compared by its path. Each row carries
 * the value *as the documents print it* (the formatters of src/stages/render/values.ts),
 * where it appears (slide, guideline chapter) and a Japanese field label taken
 * from the schema descriptions. Pure: no I/O.
 *
 * Longer than the usual file because the walk, the printed values and the labels share one
 * set of path patterns; split, each part would need the others' rules.
 */
import { z } from 'zod';
import * as fmt from '../../shared/format/index.ts';
import { typeLabel } from '../../stages/render/facts.ts';
import { entityKey, sourceOf } from '../../schema/edition-paths.ts';
import {
  awardsText,
  callBudgetText,
  callPeriodText,
  countText,
  documentDateText,
  fieldBudgetText,
  fiscalYearText,
  milestoneText,
  minInstitutionsText,
  rosterAsOfText,
  yenText,
} from '../../stages/render/values.ts';
import {
  CallSchema,
  ContactSchema,
  DeckSchema,
  ResultsFileSchema,
  EditionMetaSchema,
  GuidelineSchema,
  OverviewSchema,
  ProgrammesFileSchema,
  RosterSchema,
  SitesFileSchema,
  type Call,
  type CallType,
  type Edition,
  type FieldOverview,
  type Milestone,
  type Roster,
  type RosterEntry,
  type Site,
} from '../../schema/index.ts';
import { UNKNOWN_TEXT, isUnknown, type DateRange, type FuzzyDate, type Maybe, type Money, type Period } from '../../shared/values.ts';
import { childSchema, fieldLabel } from './schema.ts';
import { placeOf } from './places.ts';

export type ChangeKind = 'changed' | 'added' | 'removed';

/** 備考 words, as a 新旧対照表 writes them. */
export const KIND_LABEL: Readonly<Record<ChangeKind, string>> = { changed: '変更', added: '追加', removed: '削除' };

export interface DiffRow {
  kind: ChangeKind;
  /** Where the value is printed: `スライド7「…のPO・AD」／公募要領（共創分野）第7章「選考・プログラム運営」`. */
  place: string;
  /** What the value is: `本格型 委託費（/年度）`, `アドバイザー（AD）`. */
  label: string;
  /** Data file and path, for whoever edits the YAML: `calls/kyoso.yaml types[honkaku].budget`. */
  where: string;
  /** As printed; empty for an added entry. */
  old: string;
  /** As printed; empty for a removed entry. */
  new: string;
  /** The data path of the value (entities by their key), for readers that pick rows by what they are. */
  path: Seg[];
}

/** A step of a data path: object key, array index, or an entity matched by its key. */
type Seg = string | number | { key: string };
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural equality; a key set to undefined equals an absent key (zod leaves optional keys out). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

// ---------------------------------------------------------------- value kinds

const keysWithin = (v: Obj, allowed: readonly string[]) => Object.keys(v).every((k) => allowed.includes(k));
const isMoney = (v: unknown): v is Money => isObj(v) && (typeof v.yen === 'number' || typeof v.min === 'number') && keysWithin(v, ['yen', 'min', 'max', 'upTo', 'approx']);
const isFuzzyDate = (v: unknown): v is FuzzyDate => isObj(v) && typeof v.date === 'string' && keysWithin(v, ['date', 'part', 'suffix', 'time', 'timeNote']);
const isDateRange = (v: unknown): v is DateRange => isObj(v) && isFuzzyDate(v.from) && isFuzzyDate(v.to) && keysWithin(v, ['from', 'to']);
const isPeriod = (v: unknown): v is Period => isObj(v) && typeof v.years === 'number' && keysWithin(v, ['years', 'upTo']);
const isCount = (v: unknown): v is { count: number; approx?: '程度' | '約' } => isObj(v) && typeof v.count === 'number' && keysWithin(v, ['count', 'approx']);
const isNotCalled = (v: unknown) => isObj(v) && v.notCalled === true;

/** Values printed as one piece: a change anywhere inside is one row with the whole printed value. */
const isUndecided = (v: unknown) => isObj(v) && v.undecided === true;
const isLeaf = (v: unknown): boolean =>
  v === undefined || typeof v !== 'object' || v === null || isMoney(v) || isFuzzyDate(v) || isDateRange(v) || isPeriod(v) || isCount(v) || isNotCalled(v) || isUndecided(v);

// ---------------------------------------------------------------- paths

function get(root: unknown, path: readonly Seg[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'object') v = Array.isArray(v) ? v.find((x) => entityKey(x) === seg.key) : undefined;
    else if (typeof seg === 'number') v = Array.isArray(v) ? v[seg] : undefined;
    else v = isObj(v) ? v[seg] : undefined;
  }
  return v;
}

/** `calls.*.types.*.budget`: the shape of a path, for the rules below. */
const pattern = (path: readonly Seg[]) => path.map((s) => (typeof s === 'string' ? s : '*')).join('.');

/** `types[honkaku].budget` */
function displayPath(path: readonly Seg[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'string' ? (out ? `.${seg}` : seg) : typeof seg === 'number' ? `[${seg}]` : `[${seg.key}]`;
  return out;
}

/** The file a path lives in (a key of Edition.sources) and the path inside that file. */
function fileOf(path: readonly Seg[]): { source: string; inner: Seg[] } {
  return sourceOf(path) ?? { source: String(path[0]), inner: path.slice(1) };
}

function whereOf(ed: Edition, path: readonly Seg[]): string {
  const { source, inner } = fileOf(path);
  const file = ed.sources[source] ?? source;
  return inner.length ? `${file} ${displayPath(inner)}` : file;
}

// ---------------------------------------------------------------- printed values

/** The value as the documents print it — through the formatters the slides and guidelines use. */
function printed(ed: Edition, path: readonly Seg[], value: unknown): string {
  if (value === undefined || value === null) return '';
  const pat = pattern(path);
  const at = (n: number) => get(ed, path.slice(0, n));
  switch (pat) {
    case 'calls.*.types.*.budget':
      return callBudgetText(ed, at(2) as Call, at(4) as CallType);
    case 'calls.*.types.*.period':
      return callPeriodText(ed, at(4) as CallType);
    case 'calls.*.types.*.awards':
      return awardsText(ed, at(2) as Call, at(4) as CallType);
    case 'calls.*.schedule.milestones.*.date':
    case 'calls.*.schedule.milestones.*.period':
      return milestoneText(ed, at(5) as Milestone);
    case 'calls.*.overview.budget.money':
    case 'calls.*.overview.budget.amountStyle':
      return fieldBudgetText(ed, at(3) as FieldOverview);
    case 'calls.*.table.composition.minInstitutions':
      return minInstitutionsText(at(2) as Call);
    case 'calls.*.types.*.composition.minInstitutions':
      return minInstitutionsText(at(2) as Call, at(4) as CallType);
    case 'rosters.*.asOf':
      return `※${rosterAsOfText(at(2) as Roster)}時点`;
    case 'meta.fiscalYear':
      return fiscalYearText(ed);
    case 'results.results.*.rows.*.applications':
    case 'results.results.*.rows.*.adopted':
      return countText(value as Maybe<number>, { unit: '件' });
    case 'results.results.*.projects.*.title':
      return isUnknown(value) ? UNKNOWN_TEXT : String(value);
  }
  // Note references print as the note's text.
  if (/(^|\.)(noteRefs|titleNoteRefs)\.\*$/u.test(pat) && typeof value === 'string') {
    return ed.meta.notes.find((n) => n.id === value)?.text ?? value;
  }
  if (isMoney(value)) {
    // Programme-table budget lines print in the unit their block chose.
    const block = pat.endsWith('.items.*.money') ? get(ed, path.slice(0, -3)) : undefined;
    const style = isObj(block) ? (block.amountStyle as fmt.MoneyStyle | undefined) : undefined;
    return yenText(ed, value, { style });
  }
  if (isPeriod(value)) {
    const labels = ed.meta.labels;
    return `${fmt.formatPeriod(value, { upToWord: labels.periodUpToTable as '最大' | '最長' })}${labels.periodSuffixTable}`;
  }
  if (isFuzzyDate(value)) return documentDateText(value);
  if (isDateRange(value)) return fmt.formatDateRange(value, { calendar: 'wareki' });
  if (isUndecided(value)) return ed.meta.labels.undecided;
  if (isCount(value)) return fmt.count(value.count, { unit: '件', ...(value.approx ? { approx: value.approx } : {}) });
  if (isNotCalled(value)) return `※${String((value as Obj).note)}`;
  if (typeof value === 'number') return /fiscalYear$|FiscalYear$/u.test(pat) ? fmt.fiscalYear(value) : String(value);
  if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v, i) => printed(ed, [...path, i], v)).join('、');
  return summary(ed, path, value);
}

/** One line naming a whole entry (an added or removed member, site, type …). */
function summary(ed: Edition, path: readonly Seg[], value: unknown): string {
  switch (pattern(path)) {
    case 'rosters.*.entries.*': {
      const e = value as RosterEntry;
      return `${e.title ? `${e.title} ` : ''}${e.name}（${e.affiliation} ${e.position}）`;
    }
    case 'sites.sites.*': {
      const s = value as Site;
      return `${s.institution}（${s.prefecture}）`;
    }
    case 'calls.*.types.*': {
      const call = get(ed, path.slice(0, 2)) as Call;
      const t = value as CallType;
      return `${typeLabel(ed, call, t)}：${callBudgetText(ed, call, t)}、${callPeriodText(ed, t)}、${awardsText(ed, call, t)}`;
    }
    case 'calls.*.schedule.milestones.*':
      return `${(value as Milestone).label}：${milestoneText(ed, value as Milestone)}`;
    case 'calls.*':
      return (value as Call).heading;
    case 'rosters.*':
      return (value as Roster).heading;
  }
  if (!isObj(value)) return printed(ed, path, value);
  for (const k of ['text', 'label', 'name', 'title', 'heading', 'caption', 'mark', 'id']) {
    const v = value[k];
    if (typeof v === 'string') return v;
  }
  return '';
}

/** How a reader names an entity inside a label: `本格型（政策重点分野）`, `公募締切`, `久世 和資`. */
function entityName(ed: Edition, path: readonly Seg[], value: unknown): string {
  switch (pattern(path)) {
    case 'calls.*':
    case 'rosters.*':
    case 'guidelines.*':
      return ''; // the place already names the call
    case 'calls.*.types.*':
      return typeLabel(ed, get(ed, path.slice(0, 2)) as Call, value as CallType);
    case 'sites.sites.*':
      return (value as Site).institution;
    case 'meta.notes.*': {
      // A note by its first words, not its id.
      const text = (value as { text: string }).text;
      return `注記「${text.length > 16 ? `${text.slice(0, 15)}…` : text}」`;
    }
  }
  if (!isObj(value)) return '';
  // Words a reader knows it by; never an id (a data name, not a word of the documents).
  for (const k of ['abbr', 'label', 'name', 'title', 'caption', 'mark']) {
    const v = value[k];
    if (typeof v === 'string') return v;
  }
  return '';
}

/** The label of an added/removed entry: a member's role, else the list's own label. */
function entryLabel(ed: Edition, path: readonly Seg[], value: unknown, listLabel: string): string {
  if (pattern(path) === 'rosters.*.entries.*') {
    const roster = get(ed, path.slice(0, 2)) as Roster;
    return roster.roleLabels[(value as RosterEntry).role];
  }
  return listLabel;
}

// ---------------------------------------------------------------- the walk

/** Keys that identify the edition rather than say anything in it. */
const IGNORED = new Set(['meta.id']);

/** Labels for keys whose description is only an example (`例: 公募開始`). */
const KEY_LABELS: Readonly<Record<string, string>> = {
  heading: '見出し',
  title: '題',
  date: '日付',
  label: '表記',
  name: '名称',
  note: '注記',
  tag: '表示',
  symbol: '記号',
};

/** Fields whose description is help for the writer rather than a name: the word the 備考 uses. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  milestones: 'スケジュール',
  body: '本文',
  block: 'ブロック',
  sections: '節',
  ref: '参照する公募',
  items: '予算',
  slides: 'スライド',
};

interface At {
  path: Seg[];
  /** Entity names on the way down: `本格型`, `公募締切`. */
  names: string[];
  /** Label of the field being compared ('' at an entity). */
  field: string;
  schema: z.ZodType | undefined;
}

const ROOTS: ReadonlyArray<{ key: keyof Edition; schema: z.ZodType }> = [
  { key: 'meta', schema: EditionMetaSchema },
  { key: 'programmes', schema: ProgrammesFileSchema },
  { key: 'overview', schema: OverviewSchema },
  { key: 'calls', schema: z.array(CallSchema) },
  { key: 'rosters', schema: z.array(RosterSchema) },
  { key: 'sites', schema: SitesFileSchema },
  { key: 'contact', schema: ContactSchema },
  { key: 'guidelines', schema: z.array(GuidelineSchema) },
  { key: 'deck', schema: DeckSchema },
  { key: 'results', schema: ResultsFileSchema },
];

/**
 * Fields whose name is a year-dependent word: labelled with the edition's own label, so the
 * 新旧対照表 of a year that says 委託研究費 does not call the field 委託費.
 */
const TERM_FIELDS: Readonly<Record<string, keyof Edition['meta']['labels']>> = {
  'calls.*.types.*.budget': 'fundingTerm',
  'calls.*.types.*.period': 'periodTerm',
  'calls.*.types.*.awards': 'awardsTerm',
  'calls.*.types.*.goal': 'goalTerm',
  'calls.*.types.*.target': 'targetTerm',
  'calls.*.types.*.composition': 'compositionTerm',
  'calls.*.table.composition': 'compositionTerm',
};

/** Every changed, added and removed value between two editions, in document-file order; `places: false` leaves the place column empty (the 公募要領's 変更点 need no renders). */
export function compareEditions(oldEd: Edition, newEd: Edition, options: { places?: boolean } = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  const place: typeof placeOf = options.places === false ? () => '' : placeOf;
  const label = (at: At, field = at.field) => [...at.names, field].filter((s) => s !== '').join(' ');

  const row = (kind: ChangeKind, at: At, oldText: string, newText: string, labelText = label(at)) => {
    // A removed entry is placed where the old documents printed it.
    const ed = kind === 'removed' ? oldEd : newEd;
    // A milestone of a schedule other calls share (`sameAs`) is printed by each of them: one row per call.
    const owner = pattern(at.path).startsWith('calls.*.schedule.milestones') ? (at.path[1] as { key: string }).key : undefined;
    const sharers = owner ? ed.calls.filter((c) => 'sameAs' in c.schedule && c.schedule.sameAs === owner).map((c) => c.id) : [];
    if (owner && sharers.length > 0) {
      const ownerName = ed.calls.find((c) => c.id === owner)?.name ?? owner;
      const theirs = (id: string) => sharers.some((c) => id === `call-${c}`);
      const only = { slide: (id: string) => !theirs(id), guide: (c: string) => !sharers.includes(c) };
      rows.push({ kind, place: place(ed, at.path, only), label: `${ownerName} ${labelText}`, where: whereOf(ed, at.path), old: oldText, new: newText, path: at.path });
      for (const id of sharers) {
        const call = ed.calls.find((c) => c.id === id)!;
        const where = `${ed.sources[`call:${id}`] ?? id} schedule（${ownerName}と同じ）`;
        rows.push({
          kind,
          place: place(ed, at.path, { slide: (s) => s === `call-${id}`, guide: (c) => c === id }),
          label: `${call.name} ${labelText}`,
          where,
          old: oldText,
          new: newText,
          path: ['calls', { key: id }, ...at.path.slice(2)],
        });
      }
      return;
    }
    rows.push({ kind, place: place(ed, at.path), label: labelText, where: whereOf(ed, at.path), old: oldText, new: newText, path: at.path });
  };

  const entryRow = (kind: 'added' | 'removed', at: At, value: unknown) => {
    const ed = kind === 'removed' ? oldEd : newEd;
    const text = summary(ed, at.path, value);
    row(kind, at, kind === 'removed' ? text : '', kind === 'added' ? text : '', [...at.names, entryLabel(ed, at.path, value, at.field)].filter((s) => s !== '').join(' '));
  };

  const walk = (a: unknown, b: unknown, at: At): void => {
    if (same(a, b) || IGNORED.has(pattern(at.path))) return;
    if (a === undefined || b === undefined) {
      // An optional field set or cleared.
      if (a === undefined) row('added', at, '', printed(newEd, at.path, b));
      else row('removed', at, printed(oldEd, at.path, a), '');
      return;
    }
    if (isLeaf(a) || isLeaf(b) || Array.isArray(a) !== Array.isArray(b)) {
      row('changed', at, printed(oldEd, at.path, a), printed(newEd, at.path, b));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      walkArray(a, b, at);
      return;
    }
    if (isObj(a) && isObj(b)) {
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
      for (const k of keys) {
        const schema = childSchema(at.schema, k);
        const term = TERM_FIELDS[pattern([...at.path, k])];
        const own = term ? newEd.meta.labels[term] : (FIELD_WORDS[k] ?? fieldLabel(schema));
        const field = own || (at.field && KEY_LABELS[k] ? `${at.field} ${KEY_LABELS[k]}` : at.field || KEY_LABELS[k] || k);
        walk(a[k], b[k], { path: [...at.path, k], names: at.names, field, schema });
      }
    }
  };

  const keyed = (list: unknown[]): Map<string, unknown> | undefined => {
    const map = new Map<string, unknown>();
    for (const item of list) {
      const key = entityKey(item);
      if (key === undefined || map.has(key)) return undefined;
      map.set(key, item);
    }
    return map;
  };

  const walkArray = (a: unknown[], b: unknown[], at: At): void => {
    const element = childSchema(at.schema, 0);
    const oldKeys = keyed(a);
    const newKeys = keyed(b);
    if (oldKeys && newKeys && (a.length > 0 || b.length > 0)) {
      for (const [key, item] of newKeys) {
        const path = [...at.path, { key }];
        const before = oldKeys.get(key);
        if (before === undefined) entryRow('added', { ...at, path }, item);
        else walk(before, item, { path, names: [...at.names, entityName(newEd, path, item)], field: '', schema: element });
      }
      for (const [key, item] of oldKeys) {
        if (!newKeys.has(key)) entryRow('removed', { ...at, path: [...at.path, { key }] }, item);
      }
      return;
    }
    if ([...a, ...b].every((x) => typeof x !== 'object' || x === null)) {
      walkList(a, b, at);
      return;
    }
    // Objects without identity: position is identity.
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const path = [...at.path, i];
      const item = b[i] ?? a[i];
      const name = entityName(i < b.length ? newEd : oldEd, path, item) || `${at.field}（${i + 1}）`;
      if (i >= a.length) entryRow('added', { ...at, path }, b[i]);
      else if (i >= b.length) entryRow('removed', { ...at, path }, a[i]);
      else walk(a[i], b[i], { path, names: [...at.names, name], field: '', schema: element });
    }
  };

  /** Lists of texts (bullets, notes): aligned by LCS, so one inserted line is one 追加 row, not a cascade. */
  const walkList = (a: unknown[], b: unknown[], at: At): void => {
    const n = a.length;
    const m = b.length;
    const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i]![j] = same(a[i], b[j]) ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!);
    let i = 0;
    let j = 0;
    const dels: number[] = [];
    const inss: number[] = [];
    const flush = () => {
      const paired = Math.min(dels.length, inss.length);
      for (let k = 0; k < Math.max(dels.length, inss.length); k++) {
        const oi = dels[k];
        const ni = inss[k];
        const itemAt = (idx: number): At => ({ ...at, path: [...at.path, idx], field: `${at.field}（${idx + 1}）` });
        if (k < paired) row('changed', itemAt(ni!), printed(oldEd, [...at.path, oi!], a[oi!]), printed(newEd, [...at.path, ni!], b[ni!]));
        else if (ni !== undefined) row('added', itemAt(ni), '', printed(newEd, [...at.path, ni], b[ni]));
        else row('removed', itemAt(oi!), printed(oldEd, [...at.path, oi!], a[oi!]), '');
      }
      dels.length = 0;
      inss.length = 0;
    };
    while (i < n || j < m) {
      if (i < n && j < m && same(a[i], b[j])) {
        flush();
        i++;
        j++;
      } else if (j >= m || (i < n && len[i + 1]![j]! >= len[i]![j + 1]!)) dels.push(i++);
      else inss.push(j++);
    }
    flush();
  };

  for (const { key, schema } of ROOTS) walk(oldEd[key], newEd[key], { path: [key], names: [], field: '', schema });
  return rows;
}

/** 変更 3 件、追加 1 件、削除 1 件 */
export function summaryText(rows: readonly DiffRow[]): string {
  if (rows.length === 0) return '変更はありません';
  const count = (k: ChangeKind) => rows.filter((r) => r.kind === k).length;
  return (['changed', 'added', 'removed'] as const)
    .filter((k) => count(k) > 0)
    .map((k) => `${KIND_LABEL[k]} ${count(k)} 件`)
    .join('、');
}
