/**
 * `new-edition <id> --from <id>`: next fiscal year's edition, started from this year's data.
 *
 * What is mechanical is done here; what needs judgement is listed for a person.
 * Longer than the usual file because the rewriting and the checklist walk the same YAML
 * documents with the same rules.
 *
 * Rewritten (and nothing else):
 *   - edition.yaml: `id`, `fiscalYear` + 1, `status: draft`;
 *   - every call's `status` (its own and its types') becomes `to-confirm`: whether a call is made
 *     next year is nobody's guess;
 *   - the dates of a schedule's milestones become `要確認` (last year's value is listed): a date
 *     shifted by a year would look real;
 *   - every other date (`date: 'YYYY[-MM[-DD]]'`) + 1 year, precision kept, 29 Feb → 28 Feb —
 *     except dates of cited documents (a map with a `url`): a guideline published in 2016
 *     stays published in 2016;
 *   - a text naming the old year that states something about it (公募, 予定, 検討中 …) gets the
 *     new year and 「（要確認）」 at its end, listed with what it said;
 *   - the old fiscal year's labels in text: 令和3年度 → 令和4年度 in the width it was written
 *     (令和３年度 → 令和４年度), 令和3年 → 令和4年, 2021年度 → 2022年度 — except in a map that
 *     carries its own year (`fiscalYear: 2019`, `newFiscalYear: 2021`): such text is about that
 *     year, i.e. history.
 * Every other year or era in the text is left alone and listed, as is every label that was
 * changed (a changed label can still be history in disguise: 令和３年度 新設予定).
 *
 * The files are edited as text at the ranges the `yaml` parser reports, so comments, quoting
 * and flow style stay exactly as the programme staff wrote them; each edit is checked by
 * parsing the result again. The edition is assembled in a hidden sibling folder and renamed
 * into place, so an interrupted run leaves no half-copied edition behind.
 */
import { cp, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { loadEditions, selectEditions, type ValidEdition } from './editions.ts';
import { msg, fail } from '../shared/errors.ts';
import { EDITION_ID_RE } from '../shared/ids.ts';
import { type Edition, sourceKey, TO_CONFIRM } from '../schema/index.ts';
import { fiscalYear } from '../shared/format/index.ts';
import { formatPath, type PathSegment } from '../shared/datapath.ts';
import { locate } from '../stages/load/source.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import { awardsText, callBudgetText, callPeriodText, documentDateText, fieldBudgetText, milestoneText, rosterAsOfText, yenText } from '../stages/render/values.ts';
import { typeLabel } from '../stages/render/facts.ts';
import { UNKNOWN, type Message } from '../shared/values.ts';
import { refuseSource, rewriteYaml, yearLabelReplacements } from './new-edition-rewrite.ts';

export { rewriteYaml, shiftIsoDate, yearLabelReplacements } from './new-edition-rewrite.ts';

/** A year or an era year in prose: 令和3年, 令和元年, 平成28年, 2019年, ２０２１年. */
const YEAR_MENTION = /(?:令和|平成|昭和)(?:[0-9０-９]+|元)年度?|(?<![0-9０-９])[0-9０-９]{4}年度?/gu;

export interface LabelChange {
  /** Project-relative file and 1-based line. */
  file: string;
  line: number;
  path: string;
  from: string;
  to: string;
}

export interface ReviewItem {
  file: string;
  line: number;
  what: Message;
  /** The value as the documents print it (through render/values.ts). */
  value: string;
}

export interface ReviewSection {
  title: Message;
  items: ReviewItem[];
}

export interface NewEditionResult {
  id: string;
  dir: string;
  fiscalYear: number;
  /** Year labels rewritten in text. */
  changes: LabelChange[];
  /** What a person has to confirm or update, by topic. */
  review: ReviewSection[];
}

export interface NewEditionOptions {
  paths: ProjectPaths;
  id: string;
  from: string;
}

// ------------------------------------------------------------------ the command's work

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

export async function newEdition(opts: NewEditionOptions): Promise<NewEditionResult> {
  const { paths, id, from } = opts;
  if (!EDITION_ID_RE.test(id)) {
    throw fail('badEditionName', { id });
  }
  if (id === from) throw fail('sameEdition', {});
  await selectEditions(paths, [from]);
  const target = path.join(paths.dataDir, id);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  ) {
    throw fail('editionExists', { id, dir: path.relative(paths.root, target) });
  }
  // The source must be valid (shifting broken data would only move the problems): refused with its located problems, writing nothing.
  const [source] = await loadEditions(paths, [from]).catch(refuseSource(from, id));
  if (!source) throw new Error(`edition ${from} did not load`);
  const oldYear = source.edition.meta.fiscalYear;
  const newYear = oldYear + 1;

  const staging = await mkdtemp(path.join(paths.dataDir, `.new-${id}-`));
  const changes: LabelChange[] = [];
  const skipped: LabelChange[] = [];
  const held: ReviewItem[] = [];
  const replaced: ReviewItem[] = [];
  const unknowns: ReviewItem[] = [];
  const claims: ReviewItem[] = [];
  try {
    const work = path.join(staging, id);
    await cp(path.join(paths.dataDir, from), work, { recursive: true });
    for (const rel of await yamlFiles(work)) {
      const file = path.join(work, rel);
      const text = await readFile(file, 'utf8');
      const result = rewriteYaml(text, { isEditionFile: rel === 'edition.yaml', isCallFile: rel.startsWith('calls/'), newId: id, oldYear, newYear });
      if (result.text !== text) await writeFile(file, result.text);
      // Offsets are the original text's; no edit adds or removes a line, so its lines are the new file's.
      const lines = new LineCounter();
      parseDocument(text, { lineCounter: lines });
      const display = path.relative(paths.root, path.join(target, rel)).split(path.sep).join('/');
      const locateAt = (offset: number) => lines.linePos(offset).line;
      for (const c of result.changes) changes.push({ file: display, line: locateAt(c.offset), path: formatPath(c.path), from: c.from, to: c.to });
      for (const c of result.skipped) skipped.push({ file: display, line: locateAt(c.offset), path: formatPath(c.path), from: c.from, to: c.to });
      for (const c of result.held) held.push({ file: display, line: locateAt(c.offset), what: msg(formatPath(c.path), formatPath(c.path)), value: c.text });
      for (const c of result.placeholders)
        replaced.push({
          file: display,
          line: locateAt(c.offset),
          what: msg(`${formatPath(c.path)}（${TO_CONFIRM}を付けました。前年度の文）`, `${formatPath(c.path)} (marked ${TO_CONFIRM}; last year's text)`),
          value: c.from,
        });
      for (const c of result.unknowns)
        unknowns.push({
          file: display,
          line: locateAt(Math.min(c.offset, text.length - 1)) + (c.offset >= text.length ? 1 : 0),
          what: msg(`${formatPath(c.path)}（要確認にしました。前年度の値）`, `${formatPath(c.path)} (set to be confirmed; last year's value)`),
          value: c.from,
        });
      for (const c of result.claims) claims.push({ file: display, line: locateAt(c.offset), what: msg(formatPath(c.path), formatPath(c.path)), value: c.text.replace(/\n/g, ' ') });
    }
    await rename(work, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  // Validate as any edition is validated; a failure leaves data/<id> for the person to fix.
  const [valid] = await loadEditions(paths, [id]);
  if (!valid) throw new Error(`edition ${id} did not load`);
  const review = reviewList(valid, { from, oldYear, newYear, changes, skipped, held, replaced, unknowns, claims });
  return { id, dir: target, fiscalYear: newYear, changes, review };
}

// ------------------------------------------------------------------ what needs a person

interface RewriteOutcome {
  from: string;
  oldYear: number;
  newYear: number;
  changes: LabelChange[];
  skipped: LabelChange[];
  held: ReviewItem[];
  replaced: ReviewItem[];
  unknowns: ReviewItem[];
  claims: ReviewItem[];
}

/** Where a review item points: the data key, its path, what it is and its value now. */
type ItemAt = (key: string, p: PathSegment[], what: Message, value: string) => ReviewItem;

/** Adopted counts and site counts: last year's, to be updated with this year's awards. */
function countItems(edition: Edition, at: ItemAt): ReviewItem[] {
  const counts: ReviewItem[] = [];
  edition.programmes.programmes.forEach((p, pi) => {
    if (p.siteCount !== undefined) counts.push(at('programmes', ['programmes', pi, 'siteCount'], msg(`${p.abbr} の拠点数`, `${p.abbr} site count`), String(p.siteCount)));
    p.fields?.forEach((f, fi) =>
      f.adopted?.forEach((a, ai) =>
        counts.push(
          at(
            'programmes',
            ['programmes', pi, 'fields', fi, 'adopted', ai, 'count'],
            msg(`${f.name}の既採択数（${a.type ?? a.area ?? ''}）`, `${f.id} adopted (${a.type ?? a.area ?? ''})`),
            String(a.count),
          ),
        ),
      ),
    );
  });
  counts.push(
    at(
      'sites',
      ['sites'],
      msg('実施中拠点一覧（今年度の採択を追加し、終了した拠点を削除）', 'ongoing sites (add this year’s awards, remove finished sites)'),
      String(edition.sites.sites.length),
    ),
  );
  return counts;
}

/** Per call: each type's budget and period, its planned awards, and the schedule's dates. */
function callItems(edition: Edition, at: ItemAt): { budgets: ReviewItem[]; awards: ReviewItem[]; schedule: ReviewItem[] } {
  const labels = edition.meta.labels;
  const budgets: ReviewItem[] = [];
  const awards: ReviewItem[] = [];
  const schedule: ReviewItem[] = [];
  for (const call of edition.calls) {
    call.types.forEach((type, ti) => {
      // 「共創分野 本格型（政策重点分野）」: same-named types told apart, in this year's words.
      const name = `${call.name} ${typeLabel(edition, call, type)}`;
      budgets.push(
        at(
          sourceKey('call', call.id),
          ['types', ti, 'budget'],
          msg(`${name}の${labels.fundingTerm}・${labels.periodTerm}`, `${call.id} ${type.id} budget and period`),
          `${callBudgetText(edition, call, type)}、${callPeriodText(edition, type)}`,
        ),
      );
      awards.push(
        at(
          sourceKey('call', call.id),
          ['types', ti, 'awards'],
          msg(
            `${name}の${labels.awardsTerm}（前年度のまま。公募の有無が要確認のあいだは（要確認）と表示）`,
            `${call.id} ${type.id} planned awards (last year's; printed as （要確認） while the call status is to be confirmed)`,
          ),
          awardsText(edition, { ...call, status: undefined }, { ...type, status: undefined }),
        ),
      );
    });
    if (call.overview)
      budgets.push(
        at(
          sourceKey('call', call.id),
          ['overview', 'budget'],
          msg(`${call.name}の予算額「${call.overview.budget.label}」`, `${call.id} field budget "${call.overview.budget.label}"`),
          fieldBudgetText(edition, call.overview),
        ),
      );
    // A shared schedule is listed once, where its milestones are written.
    const own = 'milestones' in call.schedule ? call.schedule.milestones : [];
    own.forEach((m, mi) =>
      schedule.push(
        at(
          sourceKey('call', call.id),
          ['schedule', 'milestones', mi, m.period ? 'period' : 'date'],
          msg(`${call.name}「${m.label}」（要確認 にしました。曜日は日付から計算）`, `${call.id} "${m.id}" (set to 要確認; weekdays follow the dates)`),
          milestoneText(edition, m),
        ),
      ),
    );
  }
  edition.programmes.programmes.forEach((p, pi) =>
    p.budget?.items.forEach((it, ii) => {
      if (it.money)
        budgets.push(
          at(
            'programmes',
            ['programmes', pi, 'budget', 'items', ii, 'money'],
            msg(`${p.abbr} の予算規模`, `${p.abbr} budget`),
            yenText(edition, it.money, { style: p.budget?.amountStyle }),
          ),
        );
    }),
  );
  return { budgets, awards, schedule };
}

/** History the rewrite deliberately left alone: confirm it still belongs in this year's documents. */
function historyItems(edition: Edition, at: ItemAt): ReviewItem[] {
  const history: ReviewItem[] = [];
  const lin = edition.programmes.lineage.endMarker;
  if (lin)
    history.push(
      at(
        'programmes',
        ['lineage', 'endMarker', 'fiscalYear'],
        msg('大括り化の公募終了年度（変更していません）', 'lineage: calls ended (unchanged)'),
        `${lin.fiscalYear}（${lin.text}）`,
      ),
    );
  edition.programmes.programmes.forEach((p, pi) =>
    p.fields?.forEach((f, fi) => {
      if (f.newFiscalYear !== undefined)
        history.push(
          at(
            'programmes',
            ['programmes', pi, 'fields', fi, 'newFiscalYear'],
            msg(`${f.name}の新設年度と表示（変更していません。新設済みなら表示を直す）`, `${f.id}: year it was created and its status text (unchanged; update once it exists)`),
            `${f.newFiscalYear}${f.status ? `（${f.status}）` : ''}`,
          ),
        );
    }),
  );
  edition.overview.footnotes.forEach((fn, fi) =>
    fn.documents?.forEach((d, di) =>
      history.push(
        at(
          'overview',
          ['footnotes', fi, 'documents', di, 'date'],
          msg(`引用文献「${d.title}」の発行日（変更していません）`, `cited document "${d.title}" date (unchanged)`),
          documentDateText(d.date),
        ),
      ),
    ),
  );
  return history;
}

function reviewList(valid: ValidEdition, outcome: RewriteOutcome): ReviewSection[] {
  const { from, oldYear, newYear, changes, skipped, held, replaced, unknowns, claims } = outcome;
  const { edition, loaded } = valid;
  const labels = edition.meta.labels;
  const sourceOf = (key: string) => {
    const rel = edition.sources[key];
    return loaded.files.find((f) => f.rel === rel)?.source;
  };
  const at: ItemAt = (key, p, what, value) => {
    const source = sourceOf(key);
    return { file: source?.file ?? `data/${edition.id}/${edition.sources[key] ?? ''}`, line: source ? locate(source, p).line : 0, what, value };
  };
  const sections: ReviewSection[] = [];
  const section = (title: Message, items: ReviewItem[]) => {
    if (items.length > 0) sections.push({ title, items });
  };

  const meta = edition.meta;
  section(msg('資料の日付・注記', 'Document date and notes'), [
    at('edition', ['date'], msg('資料の日付（1年後にしました）', 'document date (moved one year on)'), documentDateText(meta.date)),
    ...meta.notes.map((n, i) => at('edition', ['notes', i, 'text'], msg(`注記「${n.id}」`, `note "${n.id}"`), n.text)),
  ]);

  section(msg('今年度について分からないため書き換えなかった文（今年度に当てはまるよう直す）', 'Statements about the year, not moved on (make them true for this year)'), held);
  section(
    msg(
      `今年度の公募について述べる文（${TO_CONFIRM}を付けました。確定したら直して外す）`,
      `Statements about this year's calls (marked ${TO_CONFIRM}; fix and unmark once decided)`,
    ),
    replaced,
  );
  section(msg('公募の有無とスケジュールの日付（要確認 にしました。右は前年度の値）', "Call status and schedule dates (set to 要確認; last year's value)"), unknowns);
  section(msg('前年度から要確認のままの値（確定したら書く）', 'Values still to be confirmed from last year (write them once decided)'), stillUnknown(loaded, unknowns));
  section(
    msg('公募・予定などを述べる年のない文（前年度のまま。今年度に当てはまるか確かめる）', 'Claims without a year (公募, 予定 …; unchanged: check they hold this year)'),
    claims,
  );

  section(
    msg('PO・AD 名簿と時点', 'PO/AD roster and its as-of date'),
    edition.rosters.map((r) =>
      at(
        `roster:${r.call}`,
        ['asOf'],
        msg(
          `公募「${r.call}」の名簿 ${r.entries.length} 名の時点（変更していません。名簿を確かめてから日付を直す）`,
          `roster of call "${r.call}", ${r.entries.length} people (date unchanged; check the names, then the date)`,
        ),
        `※${rosterAsOfText(r)}時点`,
      ),
    ),
  );

  section(msg('採択数・拠点数', 'Adopted and site counts'), countItems(edition, at));

  const { budgets, awards, schedule } = callItems(edition, at);
  section(msg(`予算・${labels.fundingTerm}`, 'Budgets'), budgets);
  section(msg(labels.awardsTerm, 'Planned awards'), awards);
  section(msg('公募スケジュール', 'Call schedule'), schedule);

  section(msg('変更していない過去の年（まだ正しいか確認）', 'Past years left as they were (check they still apply)'), historyItems(edition, at));

  section(
    msg(
      `書き換えた年度の表記（${fiscalYear(oldYear)} → ${fiscalYear(newYear)}。過去を指すものは元に戻す）`,
      `Year labels rewritten (${oldYear} → ${newYear}; put back any that name the past)`,
    ),
    changes.map((c) => ({ file: c.file, line: c.line, what: msg(c.path, c.path), value: `${c.from} → ${c.to}` })),
  );
  section(
    msg('自動では書き換えられなかった表記（手で直す）', 'Labels that could not be rewritten automatically (edit by hand)'),
    skipped.map((c) => ({ file: c.file, line: c.line, what: msg(c.path, c.path), value: `${c.from} → ${c.to}` })),
  );

  const mentions = yearMentions(loaded, held, oldYear, newYear);
  section(msg(`ほかに年・元号を含む文（${from} から変更なし）`, `Other text naming a year or era (unchanged from ${from})`), mentions);
  return sections;
}

/** Every other year or era still in the text, for a read-through (not the statements already listed as held back). */
function yearMentions(loaded: ValidEdition['loaded'], held: readonly ReviewItem[], oldYear: number, newYear: number): ReviewItem[] {
  const newLabels = new Set(yearLabelReplacements(oldYear, newYear).map((r) => r.to));
  const mentions: ReviewItem[] = [];
  for (const f of loaded.files) {
    const walk = (node: unknown, p: PathSegment[]) => {
      if (isMap(node)) for (const pair of node.items) walk(pair.value, [...p, isScalar(pair.key) ? String(pair.key.value) : '']);
      else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...p, i]));
      else if (isScalar(node) && typeof node.value === 'string' && node.range) {
        const found = [...node.value.matchAll(YEAR_MENTION)].map((m) => m[0]).filter((m) => ![...newLabels].some((l) => m.startsWith(l)));
        if (found.length > 0) {
          const text = node.value.length > 60 ? `${node.value.slice(0, 59)}…` : node.value;
          mentions.push({ file: f.source.file, line: f.source.lines.linePos(node.range[0]).line, what: msg(formatPath(p), formatPath(p)), value: text.replace(/\n/g, ' ') });
        }
      }
    };
    walk(f.source.doc.contents, []);
  }
  mentions.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  // Statements already listed as held back are not listed twice.
  const heldAt = new Set(held.map((h) => `${h.file}:${h.line}`));
  mentions.splice(0, mentions.length, ...mentions.filter((m) => !heldAt.has(`${m.file}:${m.line}`)));
  return mentions;
}

/** Every value the new edition still writes as 要確認 or to-confirm that the rewrite did not set (it came from the source edition). */
function stillUnknown(loaded: ValidEdition['loaded'], listed: readonly ReviewItem[]): ReviewItem[] {
  const seen = new Set(listed.map((u) => `${u.file}:${u.line}`));
  const out: ReviewItem[] = [];
  for (const f of loaded.files) {
    const walk = (node: unknown, p: PathSegment[]) => {
      if (isMap(node)) for (const pair of node.items) walk(pair.value, [...p, isScalar(pair.key) ? String(pair.key.value) : '']);
      else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...p, i]));
      else if (isScalar(node) && (node.value === UNKNOWN || (node.value === 'to-confirm' && p.at(-1) === 'status')) && node.range) {
        const line = f.source.lines.linePos(node.range[0]).line;
        if (!seen.has(`${f.source.file}:${line}`)) out.push({ file: f.source.file, line, what: msg(formatPath(p), formatPath(p)), value: String(node.value) });
      }
    };
    walk(f.source.doc.contents, []);
  }
  return out;
}
