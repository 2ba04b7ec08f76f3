/**
 * Cross-file and cross-field rules. Input: files that already passed their own schema.
 * Every issue names the file (relative to the edition folder) and the data path.
 *
 * Longer than the usual file because every rule that spans files is here, sharing the
 * lookups (notes, programmes, calls by id) built once per edition.
 */
import { formatPath } from '../shared/datapath.ts';
import type { z } from 'zod';
import type { CrossIssue, ParsedFile } from './contract.ts';
import type { FuzzyDate, Money, Message } from '../shared/values.ts';
import { fuzzySpan, isDateRange, scheduleOutOfOrder, spanOfEntry, type DateOrRange } from '../shared/dates.ts';
import type { EditionMetaSchema } from './edition.ts';
import type { ProgrammesFileSchema } from './programmes.ts';
import type { OverviewSchema } from './overview.ts';
import { FOOTNOTE_TOKEN_RE } from './overview.ts';
import type { CallSchema } from './call.ts';
import type { RosterSchema } from './roster.ts';
import type { SitesFileSchema } from './sites.ts';
import { guidelineCrossCheck } from './guideline.ts';
import { deckCrossCheck } from './deck.ts';
import { formsCrossCheck } from './forms.ts';
import { termCrossCheck } from './terms.ts';

type Path = (string | number)[];

/** The catalogue of cross-rule codes. */
export const CROSS_CODES = [
  'DUPLICATE_ID',
  'DANGLING_REF',
  'SCHEDULE_ORDER',
  'AMOUNT_INCONSISTENT',
  'DATE_AFTER_EDITION',
  'FISCAL_YEAR_MISMATCH',
  'COUNT_MISMATCH',
  'MISSING_FILE',
  'MISSING_FIELD',
  'UNKNOWN_TERM',
] as const;
export type CrossCode = (typeof CROSS_CODES)[number];

/** File kinds every edition must have, with the file to create (for MISSING_FILE). */
export const REQUIRED_FILES: Record<string, string> = {
  edition: 'edition.yaml',
  programmes: 'programmes.yaml',
  overview: 'overview.yaml',
  call: 'calls/<id>.yaml',
  sites: 'sites.yaml',
  contact: 'contact.yaml',
  deck: 'deck.yaml',
};

const m = (ja: string, en: string): Message => ({ ja, en });

/** Comparable amount of a Money: the single value or the top of the range. */
export const moneyTop = (v: Money): number => v.yen ?? v.max ?? 0;
const moneyEq = (a: Money, b: Money) => a.yen === b.yen && a.min === b.min && a.max === b.max && !!a.upTo === !!b.upTo && a.approx === b.approx;

const fmtDate = (d: FuzzyDate) => `${d.date}${d.part ?? ''}${d.time ? ` ${d.time}` : ''}${d.suffix ?? ''}`;
const fmtWhen = (d: DateOrRange) => (isDateRange(d) ? `${fmtDate(d.from)}～${fmtDate(d.to)}` : fmtDate(d));

/** English for the Japanese nouns the rules name (the Japanese stays the source text). */
const NOUN_EN: Record<string, string> = {
  注記: 'note',
  注記ID: 'note id',
  実施タイプ: 'implementation type',
  実施タイプID: 'implementation type id',
  領域: 'area',
  領域ID: 'area id',
  プログラム: 'programme',
  プログラムID: 'programme id',
  分野: 'field',
  分野ID: 'field id',
  公募: 'call',
  脚注: 'footnote',
  注番号: 'footnote mark',
  ビジョン: 'vision',
  ビジョンID: 'vision id',
  人物ID: 'person id',
  拠点ID: 'site id',
  節目ID: 'milestone id',
};

/** `COIの実施タイプ` → `implementation type of COI`, `公募「kyoso」の実施タイプ` → `implementation type of call "kyoso"`. */
export function nounEn(ja: string): string {
  const direct = NOUN_EN[ja];
  if (direct) return direct;
  const m = /^(.*)の([^の]+)$/u.exec(ja);
  if (m) return `${nounEn(m[2] ?? '')} of ${(m[1] ?? '').replace(/^公募「(.+)」$/u, 'call "$1"')}`;
  return ja;
}

export interface CrossOptions {
  /**
   * Kinds of which a file is present but failed its own schema. The rules run on whatever
   * parsed (so one run shows every problem), but a reference into such a kind cannot be
   * judged: it is not reported as dangling, and the file is not "missing".
   */
  failed?: ReadonlySet<string>;
}

export function crossCheck(files: ParsedFile[], options: CrossOptions = {}): CrossIssue[] {
  const failed = options.failed ?? new Set<string>();
  const issues: CrossIssue[] = [];
  const push = (code: CrossCode, file: string, path: Path, message: Message, hint?: Message) =>
    issues.push(hint ? { code, file, path, message, hint } : { code, file, path, message });

  const of = <S extends z.ZodType>(kind: string) => files.filter((f) => f.kind === kind) as (ParsedFile & { data: z.infer<S> })[];
  const edition = of<typeof EditionMetaSchema>('edition')[0];
  const programmesFile = of<typeof ProgrammesFileSchema>('programmes')[0];
  const overview = of<typeof OverviewSchema>('overview')[0];
  const calls = of<typeof CallSchema>('call');
  const rosters = of<typeof RosterSchema>('roster');
  const sitesFile = of<typeof SitesFileSchema>('sites')[0];

  /** Report duplicates among `items[*].id`-like keys. */
  const unique = (file: string, base: Path, items: { key: string; path: Path }[], what: string) => {
    const seen = new Map<string, Path>();
    for (const it of items) {
      const first = seen.get(it.key);
      if (first) {
        push(
          'DUPLICATE_ID',
          file,
          it.path,
          m(`${what}「${it.key}」が重複しています（最初の出現: ${formatPath(first)}）`, `duplicate ${nounEn(what)} "${it.key}" (first at ${formatPath(first)})`),
          m('ID を一意にしてください', 'make the id unique'),
        );
      } else seen.set(it.key, it.path);
    }
    void base;
  };
  const dangling = (file: string, path: Path, what: string, key: string, known: Iterable<string>) => {
    const list = [...known];
    push(
      'DANGLING_REF',
      file,
      path,
      m(`${what}「${key}」が見つかりません`, `${nounEn(what)} "${key}" does not resolve`),
      m(`既知の値: ${list.join(', ') || '(なし)'}`, `known: ${list.join(', ') || '(none)'}`),
    );
  };

  for (const [k, file] of Object.entries(REQUIRED_FILES))
    if (!failed.has(k) && !files.some((f) => f.kind === k))
      push('MISSING_FILE', file, [], m(`${file} がありません`, `${file} is missing`), m('版のフォルダにファイルを作成してください', 'create the file in the edition folder'));

  // ---- edition notes ----
  const noteIds = new Set<string>();
  if (edition) {
    unique(
      edition.rel,
      ['notes'],
      edition.data.notes.map((n, i) => ({ key: n.id, path: ['notes', i, 'id'] })),
      '注記ID',
    );
    for (const n of edition.data.notes) noteIds.add(n.id);
    edition.data.titleNoteRefs?.forEach((r, i) => {
      if (!noteIds.has(r)) dangling(edition.rel, ['titleNoteRefs', i], '注記', r, noteIds);
    });
  }
  const checkNoteRefs = (file: string, base: Path, refs: string[]) => {
    if (!edition) return;
    refs.forEach((r, i) => {
      if (!noteIds.has(r)) dangling(file, [...base, i], '注記', r, noteIds);
    });
  };

  // ---- programmes ----
  const programmes = programmesFile?.data.programmes ?? [];
  const progById = new Map(programmes.map((p) => [p.id, p]));
  type Field = NonNullable<(typeof programmes)[number]['fields']>[number];
  const fieldById = new Map<string, { field: Field; programme: (typeof programmes)[number] }>();
  if (programmesFile) {
    const rel = programmesFile.rel;
    unique(
      rel,
      ['programmes'],
      programmes.map((p, i) => ({ key: p.id, path: ['programmes', i, 'id'] })),
      'プログラムID',
    );
    const allFields: { key: string; path: Path }[] = [];
    programmes.forEach((p, pi) => {
      const base: Path = ['programmes', pi];
      unique(
        rel,
        base,
        (p.types ?? []).map((t, i) => ({ key: t.id, path: [...base, 'types', i, 'id'] })),
        '実施タイプID',
      );
      unique(
        rel,
        base,
        (p.visions ?? []).map((t, i) => ({ key: t.id, path: [...base, 'visions', i, 'id'] })),
        'ビジョンID',
      );
      const typeIds = new Set((p.types ?? []).map((t) => t.id));
      p.fields?.forEach((f, fi) => {
        allFields.push({ key: f.id, path: [...base, 'fields', fi, 'id'] });
        if (!fieldById.has(f.id)) fieldById.set(f.id, { field: f, programme: p });
        const fb: Path = [...base, 'fields', fi];
        unique(
          rel,
          fb,
          (f.areas ?? []).map((a, i) => ({ key: a.id, path: [...fb, 'areas', i, 'id'] })),
          '領域ID',
        );
        const areaIds = new Set((f.areas ?? []).map((a) => a.id));
        f.adopted?.forEach((a, ai) => {
          if (a.type !== undefined && !typeIds.has(a.type)) dangling(rel, [...fb, 'adopted', ai, 'type'], '実施タイプ', a.type, typeIds);
          if (a.area !== undefined && !areaIds.has(a.area)) dangling(rel, [...fb, 'adopted', ai, 'area'], '領域', a.area, areaIds);
        });
        f.budget.items.forEach((it, ii) => {
          if (it.type !== undefined && !typeIds.has(it.type)) dangling(rel, [...fb, 'budget', 'items', ii, 'type'], '実施タイプ', it.type, typeIds);
        });
      });
      p.budget?.items.forEach((it, ii) => {
        if (it.type !== undefined && !typeIds.has(it.type)) dangling(rel, [...base, 'budget', 'items', ii, 'type'], '実施タイプ', it.type, typeIds);
      });
    });
    unique(rel, ['programmes'], allFields, '分野ID');
    const lin = programmesFile.data.lineage;
    if (!progById.has(lin.successor)) dangling(rel, ['lineage', 'successor'], 'プログラム', lin.successor, progById.keys());
    lin.predecessors.forEach((pr, i) => {
      if (pr.programme !== undefined && !progById.has(pr.programme)) dangling(rel, ['lineage', 'predecessors', i, 'programme'], 'プログラム', pr.programme, progById.keys());
    });
    checkNoteRefs(rel, ['table', 'noteRefs'], programmesFile.data.table.noteRefs);
  }

  // ---- calls ----
  const callById = new Map<string, (typeof calls)[number]>();
  {
    const seen = new Map<string, string>();
    for (const c of calls) {
      const first = seen.get(c.data.id);
      if (first) {
        push(
          'DUPLICATE_ID',
          c.rel,
          ['id'],
          m(`公募ID「${c.data.id}」が ${first} と重複しています`, `call id "${c.data.id}" duplicates ${first}`),
          m('公募IDはファイル間で一意にしてください', 'call ids must be unique across files'),
        );
      } else {
        seen.set(c.data.id, c.rel);
        callById.set(c.data.id, c);
      }
    }
  }
  const fy = edition?.data.fiscalYear;
  for (const c of calls) {
    const rel = c.rel;
    const d = c.data;
    checkNoteRefs(rel, ['noteRefs'], d.noteRefs);
    unique(
      rel,
      ['types'],
      d.types.map((t, i) => ({ key: t.id, path: ['types', i, 'id'] })),
      '実施タイプID',
    );
    const ownSchedule = 'milestones' in d.schedule ? d.schedule : undefined;
    if (ownSchedule)
      unique(
        rel,
        ['schedule'],
        ownSchedule.milestones.map((t, i) => ({ key: t.id, path: ['schedule', 'milestones', i, 'id'] })),
        '節目ID',
      );
    else if ('sameAs' in d.schedule && !failed.has('call')) {
      // One schedule, referenced: the call named must exist and hold its own (no chains).
      const target = calls.find((x) => x.data.id === (d.schedule as { sameAs: string }).sameAs);
      const withOwn = calls.filter((x) => 'milestones' in x.data.schedule).map((x) => x.data.id);
      if (!target || !('milestones' in target.data.schedule)) dangling(rel, ['schedule', 'sameAs'], 'スケジュールを持つ公募', d.schedule.sameAs, withOwn);
    }
    const owner = programmesFile ? fieldById.get(d.field) : undefined;
    if (programmesFile && !owner) dangling(rel, ['field'], '分野', d.field, fieldById.keys());
    const kinds = new Set((owner?.programme.types ?? []).map((t) => t.id));
    const fieldsOfProg = new Set((owner?.programme.fields ?? []).map((f) => f.id));
    /** How a reader tells a type apart: 本格型（政策重点分野） when two types of the call share a name. */
    const typeName = (t: (typeof d.types)[number]) =>
      d.types.filter((x) => x.name === t.name).length > 1 ? `${t.name}（${fieldById.get(t.target.field ?? d.field)?.field.name ?? t.target.field ?? d.field}）` : t.name;
    d.types.forEach((t, ti) => {
      if (owner && !kinds.has(t.kind)) dangling(rel, ['types', ti, 'kind'], '実施タイプ', t.kind, kinds);
      if (owner && t.target.field !== undefined && !fieldsOfProg.has(t.target.field)) dangling(rel, ['types', ti, 'target', 'field'], '分野', t.target.field, fieldsOfProg);
      const areaField = fieldById.get(t.target.field ?? d.field)?.field;
      const areaIds = (areaField?.areas ?? []).map((a) => a.id);
      t.target.areas?.forEach((a, ai) => {
        if (programmesFile && !areaIds.includes(a)) dangling(rel, ['types', ti, 'target', 'areas', ai], `${areaField?.name ?? t.target.field ?? d.field}の領域`, a, areaIds);
      });
      if (!t.composition && !d.table.composition)
        push(
          'MISSING_FIELD',
          rel,
          ['types', ti],
          m(`${typeName(t)}の実施機関の構成要件がありません`, `type "${t.id}" has no composition requirement`),
          m('table.composition（全タイプ共通）か、このタイプの composition を書いてください', 'add table.composition (for every type) or this type’s composition'),
        );
    });
    // 育成型 not above 本格型 of the same field.
    d.types.forEach((a, ai) => {
      if (a.kind !== 'ikusei') return;
      const fa = a.target.field ?? d.field;
      d.types.forEach((b) => {
        if (b.kind !== 'honkaku' || (b.target.field ?? d.field) !== fa) return;
        if (moneyTop(a.budget) > moneyTop(b.budget))
          push(
            'AMOUNT_INCONSISTENT',
            rel,
            ['types', ai, 'budget'],
            m(
              `${typeName(a)}の金額（${moneyTop(a.budget)}円）が${typeName(b)}の上限（${moneyTop(b.budget)}円）を超えています`,
              `${a.id} budget ${moneyTop(a.budget)} exceeds ${b.id} maximum ${moneyTop(b.budget)}`,
            ),
            m('金額（円）の桁を確認してください', 'check the amount in yen'),
          );
      });
    });
    if (!ownSchedule) continue;
    // Schedule order: a milestone may not start before the previous one, unless their spans overlap.
    const ms = ownSchedule.milestones;
    const whenOf = (x: (typeof ms)[number]) => x.period ?? x.date;
    const whereOf = (i: number): Path => ['schedule', 'milestones', i, ms[i]!.period ? 'period' : 'date'];
    for (let i = 1; i < ms.length; i++) {
      const prev = ms[i - 1]!;
      const cur = ms[i]!;
      const a = whenOf(prev);
      const b = whenOf(cur);
      if (a && b && scheduleOutOfOrder(a, b))
        push(
          'SCHEDULE_ORDER',
          rel,
          whereOf(i),
          m(`「${cur.label}」(${fmtWhen(b)}) が前の「${prev.label}」(${fmtWhen(a)}) より前です`, `"${cur.id}" (${fmtWhen(b)}) is before "${prev.id}" (${fmtWhen(a)})`),
          m('節目は時系列順に並べてください（期間は始まりの順。重なるのはかまいません）', 'list milestones in chronological order (periods by their start; overlapping is fine)'),
        );
    }
    // fiscal year
    if (fy !== undefined) {
      const lo = Date.UTC(fy - 1, 3, 1) / 86_400_000; // one year before FY start
      const hi = Date.UTC(fy + 2, 2, 31) / 86_400_000; // one year after FY end
      ms.forEach((x, i) => {
        const w = whenOf(x);
        if (!w) return;
        const [s, e] = spanOfEntry(w);
        if (e < lo || s > hi)
          push(
            'FISCAL_YEAR_MISMATCH',
            rel,
            whereOf(i),
            m(`「${x.label}」(${fmtWhen(w)}) が版の年度 ${fy} から1年以上離れています`, `"${x.id}" (${fmtWhen(w)}) is more than a year away from fiscal year ${fy}`),
            m('年（西暦）の誤記を確認してください', 'check the year'),
          );
      });
    }
  }

  // programme-table budget refs → call types (single source of truth)
  if (programmesFile) {
    const rel = programmesFile.rel;
    programmes.forEach((p, pi) => {
      p.fields?.forEach((f, fi) => {
        f.budget.items.forEach((it, ii) => {
          if (!it.ref) return;
          const path: Path = ['programmes', pi, 'fields', fi, 'budget', 'items', ii];
          const call = callById.get(it.ref.call);
          if (!call && failed.has('call')) return;
          if (!call) return dangling(rel, [...path, 'ref', 'call'], '公募', it.ref.call, callById.keys());
          const t = call.data.types.find((x) => x.id === it.ref!.type);
          if (!t)
            return dangling(
              rel,
              [...path, 'ref', 'type'],
              `公募「${call.data.id}」の実施タイプ`,
              it.ref.type,
              call.data.types.map((x) => x.id),
            );
          if (it.money && !moneyEq(it.money, t.budget))
            push(
              'AMOUNT_INCONSISTENT',
              rel,
              [...path, 'money'],
              m(`概要表の金額が公募「${call.data.id}」の${t.name}と一致しません`, `table amount differs from call ${call.data.id} type ${t.id}`),
              m('money を削除して ref だけにしてください（単一の情報源）', 'drop money and keep ref (single source of truth)'),
            );
          if (it.period && (it.period.years !== t.period.years || !!it.period.upTo !== !!t.period.upTo))
            push(
              'AMOUNT_INCONSISTENT',
              rel,
              [...path, 'period'],
              m(`概要表の期間が公募「${call.data.id}」の${t.name}と一致しません`, `table period differs from call ${call.data.id} type ${t.id}`),
              m('period を削除して ref だけにしてください', 'drop period and keep ref'),
            );
        });
      });
    });
  }

  // ---- rosters ----
  for (const r of rosters) {
    unique(
      r.rel,
      ['entries'],
      r.data.entries.map((e, i) => ({ key: e.id, path: ['entries', i, 'id'] })),
      '人物ID',
    );
    if (calls.length && !failed.has('call') && !callById.has(r.data.call)) dangling(r.rel, ['call'], '公募', r.data.call, callById.keys());
    if (edition && fuzzySpan(r.data.asOf)[0] > fuzzySpan(edition.data.date)[1])
      push(
        'DATE_AFTER_EDITION',
        r.rel,
        ['asOf'],
        m(
          `名簿の時点 ${fmtDate(r.data.asOf)} が資料の日付 ${fmtDate(edition.data.date)} より後です`,
          `roster date ${fmtDate(r.data.asOf)} is after the edition date ${fmtDate(edition.data.date)}`,
        ),
        m('時点または edition.yaml の date を確認してください', 'check asOf or the edition date'),
      );
  }
  {
    const seen = new Map<string, string>();
    for (const r of rosters) {
      const first = seen.get(r.data.call);
      if (first)
        push('DUPLICATE_ID', r.rel, ['call'], m(`公募「${r.data.call}」の名簿が ${first} と重複しています`, `a roster for call "${r.data.call}" already exists in ${first}`));
      else seen.set(r.data.call, r.rel);
    }
  }

  // ---- overview footnotes ----
  if (overview) {
    const rel = overview.rel;
    const d = overview.data;
    unique(
      rel,
      ['footnotes'],
      d.footnotes.map((f, i) => ({ key: f.mark, path: ['footnotes', i, 'mark'] })),
      '注番号',
    );
    const marks = new Set(d.footnotes.map((f) => f.mark));
    checkNoteRefs(rel, ['second', 'noteRefs'], d.second.noteRefs);
    const walk = (v: unknown, path: Path) => {
      if (typeof v === 'string') {
        for (const mm of v.matchAll(FOOTNOTE_TOKEN_RE)) if (!marks.has(mm[1]!)) dangling(rel, path, '脚注', mm[1]!, marks);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'footnotes') walk(x, [...path, k]);
    };
    walk(d, []);
  }

  // ---- sites ----
  if (sitesFile) {
    const rel = sitesFile.rel;
    const sites = sitesFile.data.sites;
    unique(
      rel,
      ['sites'],
      sites.map((s, i) => ({ key: s.id, path: ['sites', i, 'id'] })),
      '拠点ID',
    );
    // the same site twice (the map slide prints labels twice)
    {
      const seen = new Map<string, number>();
      sites.forEach((s, i) => {
        const key = [s.programme, s.field, s.area, s.type, s.vision, s.institution].join('|');
        const first = seen.get(key);
        if (first !== undefined)
          push(
            'DUPLICATE_ID',
            rel,
            ['sites', i],
            m(`拠点 ${s.institution} が sites[${first}] と重複しています`, `site ${s.id} duplicates sites[${first}]`),
            m('地図スライドの二重ラベルは1件にまとめてください', 'the map slide prints labels twice; keep one'),
          );
        else seen.set(key, i);
      });
    }
    sitesFile.data.legend.forEach((p, i) => {
      if (programmesFile && !progById.has(p)) dangling(rel, ['legend', i], 'プログラム', p, progById.keys());
    });
    if (programmesFile) {
      sites.forEach((s, i) => {
        const base: Path = ['sites', i];
        const p = progById.get(s.programme);
        if (!p) return dangling(rel, [...base, 'programme'], 'プログラム', s.programme, progById.keys());
        const typeIds = (p.types ?? []).map((t) => t.id);
        if (s.type !== undefined && !typeIds.includes(s.type)) dangling(rel, [...base, 'type'], `${p.abbr}の実施タイプ`, s.type, typeIds);
        const visionIds = (p.visions ?? []).map((t) => t.id);
        if (s.vision !== undefined && !visionIds.includes(s.vision)) dangling(rel, [...base, 'vision'], `${p.abbr}のビジョン`, s.vision, visionIds);
        const fieldIds = (p.fields ?? []).map((t) => t.id);
        if (s.field !== undefined && !fieldIds.includes(s.field)) dangling(rel, [...base, 'field'], `${p.abbr}の分野`, s.field, fieldIds);
        if (s.area !== undefined) {
          const f = p.fields?.find((x) => x.id === s.field);
          const areaIds = (f?.areas ?? []).map((a) => a.id);
          if (!areaIds.includes(s.area)) dangling(rel, [...base, 'area'], '領域', s.area, areaIds);
        }
      });
      // counts in the programme table vs the site list
      programmes.forEach((p, pi) => {
        const mine = sites.filter((s) => s.programme === p.id);
        if (p.siteCount !== undefined && p.siteCount !== mine.length)
          push(
            'COUNT_MISMATCH',
            programmesFile.rel,
            ['programmes', pi, 'siteCount'],
            m(`${p.abbr}の拠点数 ${p.siteCount} と拠点一覧の ${mine.length} 件が一致しません`, `${p.abbr} site count ${p.siteCount} differs from ${mine.length} sites listed`),
            m(`${rel} を確認してください`, `check ${rel}`),
          );
        p.fields?.forEach((f, fi) => {
          f.adopted?.forEach((a, ai) => {
            const n = mine.filter((s) => s.field === f.id && (a.type === undefined || s.type === a.type) && (a.area === undefined || s.area === a.area)).length;
            if (n !== a.count)
              push(
                'COUNT_MISMATCH',
                programmesFile.rel,
                ['programmes', pi, 'fields', fi, 'adopted', ai, 'count'],
                m(`${f.name}の既採択数 ${a.count} と拠点一覧の ${n} 件が一致しません`, `${f.id} adopted count ${a.count} differs from ${n} sites listed`),
                m(`${rel} を確認してください`, `check ${rel}`),
              );
          });
        });
      });
    }
  }

  // ---- guidelines (prose of the 公募要領): each names an existing call ----
  if (!failed.has('call')) issues.push(...guidelineCrossCheck(files, failed));
  // ---- the deck: every slide names data that exists ----
  issues.push(...deckCrossCheck(files, failed));
  // ---- the forms: their calls and the values their texts name exist ----
  issues.push(...formsCrossCheck(files, failed));
  // ---- terms in prose name labels of edition.yaml ----
  if (!failed.has('edition')) issues.push(...termCrossCheck(files));

  return issues;
}
