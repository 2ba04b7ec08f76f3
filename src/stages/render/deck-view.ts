/**
 * Stage 3 — render (slides): the validated edition → a view-model per slide →
 * Marp Markdown through the Handlebars templates. References between files
 * (a table row's budget → the call's budget) are resolved here, so templates
 * only print.
 */
import path from 'node:path';
import * as fmt from '../../shared/format/index.ts';
import type { BudgetBlock, Call, Edition, Programme, ProgrammeField, Site } from '../../schema/index.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { trackEdition } from '../../schema/edition-paths.ts';
import { compileFile, registerPartials } from './handlebars.ts';
import { tiles } from './japan.ts';
import { awardsText, callBudgetText, callPeriodText, documentDateText, fieldBudgetText, milestoneText, rosterAsOfText, slideTitleText, yenText } from './values.ts';

export interface SlideView {
  /** Partial name under templates/slides/partials. */
  partial: string;
  /** Bookmark title for the PDF outline. */
  title: string;
  /** Data file the slide is filled from (named in overflow errors). */
  source: string;
  ctx: Record<string, unknown>;
  /** What the slide read from the data (planner, 新旧対照表). */
  reads: ReadRecord;
}

export interface DeckView {
  footer: string;
  draft: boolean;
  draftMark: string;
  slides: SlideView[];
  /** What deciding the deck's slides and its footer read. */
  reads: ReadRecord;
}

function dataPath(edition: Edition, key: string): string {
  const rel = edition.sources[key];
  return rel ? `data/${edition.id}/${rel}` : `data/${edition.id}`;
}

function notesFor(edition: Edition, ids: readonly string[]): string[] {
  return ids.map((id) => edition.meta.notes.find((n) => n.id === id)?.text ?? '').filter((s) => s !== '');
}

/** Budget lines of a programme-table cell, resolving references to the call that owns the value. */
function budgetLines(edition: Edition, programme: Programme, block: BudgetBlock): string[] {
  const labels = edition.meta.labels;
  const per = block.per ? `／${block.per}` : '';
  const periodText = (p: { years: number; upTo?: boolean | undefined }) =>
    `（${fmt.formatPeriod(p, { upToWord: labels.periodUpToTable as '最大' | '最長' })}${labels.periodSuffixTable}${block.periodNote && p === block.period ? `（${block.periodNote}）` : ''}）`;
  const lines: string[] = [];
  for (const item of block.items) {
    let money = item.money;
    let period = item.period;
    if (item.ref) {
      const call = edition.calls.find((c) => c.id === item.ref?.call);
      const type = call?.types.find((t) => t.id === item.ref?.type);
      money = money ?? type?.budget;
      period = period ?? type?.period;
    }
    const typeName = item.type ? (programme.types?.find((t) => t.id === item.type)?.name ?? item.type) : '';
    const amount = money ? `${yenText(money, { style: block.amountStyle })}${per}` : (item.text ?? '');
    const head = typeName ? `${typeName}:` : '';
    lines.push(`${head}${amount}${period ? periodText(period) : ''}`);
  }
  if (block.period) lines.push(periodText(block.period));
  if (block.note) lines.push(block.note);
  return lines;
}

function adoptedLines(programme: Programme, field: ProgrammeField): string[] {
  return (field.adopted ?? []).map((a) => {
    const name = a.type ? programme.types?.find((t) => t.id === a.type)?.name : field.areas?.find((x) => x.id === a.area)?.name;
    return `${name ?? ''}:${a.count}`;
  });
}

function programmeRows(edition: Edition): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  let previousParticipants = '';
  for (const programme of edition.programmes.programmes) {
    const participants = programme.participants.institutions.join('、');
    // The seed writes 同上 when a row's participants repeat the row above.
    const participantsText = participants === previousParticipants ? edition.meta.labels.sameAsAbove : participants;
    const fields = programme.fields ?? [];
    const programmeNotes = (programme.notes ?? []).map(slideTitleText);
    if (fields.length > 0) {
      fields.forEach((field, i) => {
        rows.push({
          first: i === 0,
          span: fields.length,
          programme,
          programmeNotes,
          hasField: true,
          fieldName: field.name,
          fieldStatus: slideTitleText(field.status ?? ''),
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
        counts: programme.siteCount === undefined ? [] : [String(programme.siteCount)],
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

function callSlide(edition: Edition, call: Call): Omit<SlideView, 'reads'> {
  const labels = edition.meta.labels;
  const fieldName = (id: string | undefined) => (id ? (edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === id)?.name ?? id) : '');
  // Adjacent types with the same target text share one merged cell, as in the seed.
  const targetCells: Array<{ text: string; fieldName: string; span: number }> = [];
  for (const type of call.types) {
    const last = targetCells[targetCells.length - 1];
    const cell = { text: type.target.text, fieldName: fieldName(type.target.field), span: 1 };
    if (last && last.text === cell.text && last.fieldName === cell.fieldName) last.span++;
    else targetCells.push(cell);
  }
  return {
    partial: 'slides/partials/call',
    title: slideTitleText(call.heading),
    source: dataPath(edition, call.id),
    ctx: {
      ...call,
      heading: slideTitleText(call.heading),
      table: { ...call.table, title: slideTitleText(call.table.title) },
      schedule: { ...call.schedule, title: slideTitleText(call.schedule.title) },
      source: dataPath(edition, call.id),
      labels,
      notes: notesFor(edition, call.noteRefs),
      targetCells,
      budgets: call.types.map((t) => ({ qualifier: t.budgetQualifier ?? '', text: callBudgetText(call, t) })),
      periods: call.types.map((t) => callPeriodText(edition, t)),
      awards: call.types.map((t) => awardsText(t)),
      milestones: call.schedule.milestones.map((m) => ({ label: m.label, text: milestoneText(m) })),
    },
  };
}

function siteGroupLabel(edition: Edition, site: Site): { key: string; label: string } {
  const programme = edition.programmes.programmes.find((p) => p.id === site.programme);
  const abbr = programme?.abbr ?? site.programme;
  if (site.vision) {
    const v = programme?.visions?.find((x) => x.id === site.vision)?.name ?? site.vision;
    return { key: `${site.programme}/${site.vision}`, label: `${abbr} ${v}` };
  }
  const type = programme?.types?.find((t) => t.id === site.type);
  const typeName = type ? (type.mapLabel ?? type.name) : '';
  if (site.field || site.area) {
    const fields = programme?.fields ?? [];
    const area = site.area ? fields.flatMap((f) => f.areas ?? []).find((a) => a.id === site.area)?.mapName : undefined;
    const field = area ?? fields.find((f) => f.id === site.field)?.name ?? '';
    return { key: `${site.programme}/${site.area ?? site.field}/${site.type}`, label: `${abbr} ${field}・${typeName}` };
  }
  return { key: `${site.programme}/${site.type}`, label: `${abbr} ${typeName}` };
}

function sitesSlide(edition: Edition): Omit<SlideView, 'reads'> {
  const file = edition.sites;
  const groups = new Map<string, { label: string; programme: string; institutions: string[] }>();
  for (const site of file.sites) {
    const { key, label } = siteGroupLabel(edition, site);
    const g = groups.get(key) ?? { label, programme: site.programme, institutions: [] };
    g.institutions.push(site.institution);
    groups.set(key, g);
  }
  // Group order follows the legend (programme order), then the programme's own order of visions/types.
  const order = file.legend;
  const rank = (key: string): number => {
    const [prog, sub] = key.split('/');
    const p = edition.programmes.programmes.find((x) => x.id === prog);
    const subs = [...(p?.visions ?? []), ...(p?.fields ?? []), ...(p?.types ?? [])].map((x) => x.id);
    return order.indexOf(prog ?? '') * 1000 + Math.max(0, subs.indexOf(sub ?? ''));
  };
  const sortedGroups = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, g]) => g);
  const source = dataPath(edition, 'sites');
  return {
    partial: 'slides/partials/sites',
    title: file.heading,
    source,
    ctx: {
      heading: file.heading,
      tag: file.tag,
      legendTitle: file.legendTitle,
      source,
      legend: file.legend.map((id) => ({
        id,
        label: edition.programmes.programmes.find((p) => p.id === id)?.abbr ?? id,
        count: file.sites.filter((s) => s.programme === id).length,
      })),
      tiles: tiles((pref) => file.sites.filter((s) => s.prefecture === pref).map((s) => ({ programme: s.programme }))),
      groups: sortedGroups,
    },
  };
}

/**
 * The deck's slides in the seed's order; a call with a field overview gets it first, its
 * rosters after. Each slide is built from its own tracked copy of the edition, so the
 * slide's `reads` say exactly what it prints; the deck's structure (which slides exist)
 * and its frame (footer, 案) are the deck's own reads.
 */
export function deckView(edition: Edition): DeckView {
  const reads = new ReadRecord();
  const deck = trackEdition(edition, reads);
  const slides: SlideView[] = [];
  const add = (build: (e: Edition) => Omit<SlideView, 'reads'>): void => {
    const slideReads = new ReadRecord();
    slides.push({ ...settle(build(trackEdition(edition, slideReads))), reads: slideReads });
  };
  add((e) => ({
    partial: 'slides/partials/title',
    title: e.meta.title,
    source: dataPath(e, 'edition'),
    ctx: { meta: e.meta, dateText: documentDateText(e.meta.date), notes: notesFor(e, e.meta.titleNoteRefs ?? []), source: dataPath(e, 'edition') },
  }));
  add((e) => {
    const lineage = e.programmes.lineage;
    return { partial: 'slides/partials/lineage', title: lineage.heading, source: dataPath(e, 'programmes'), ctx: { ...lineage, source: dataPath(e, 'programmes') } };
  });
  add((e) => {
    const table = e.programmes.table;
    return {
      partial: 'slides/partials/programmes',
      title: table.heading,
      source: dataPath(e, 'programmes'),
      ctx: { heading: table.heading, columns: table.columns, rows: programmeRows(e), notes: notesFor(e, table.noteRefs), source: dataPath(e, 'programmes') },
    };
  });
  add((e) => {
    const ov = e.overview;
    return {
      partial: 'slides/partials/overview-first',
      title: ov.first.heading,
      source: dataPath(e, 'overview'),
      ctx: { ...ov.first, points: { ...ov.first.points, title: slideTitleText(ov.first.points.title) }, source: dataPath(e, 'overview') },
    };
  });
  add((e) => {
    const ov = e.overview;
    return {
      partial: 'slides/partials/overview-second',
      title: ov.second.heading,
      source: dataPath(e, 'overview'),
      ctx: {
        ...ov.second,
        goals: { ...ov.second.goals, title: slideTitleText(ov.second.goals.title) },
        footnotes: ov.footnotes.map((f) => ({ ...f, documents: (f.documents ?? []).map((d) => ({ ...d, dateText: documentDateText(d.date) })) })),
        notes: notesFor(e, ov.second.noteRefs),
        source: dataPath(e, 'overview'),
      },
    };
  });
  for (const { id: callId, overview } of deck.calls) {
    const callOf = (e: Edition): Call => e.calls.find((c) => c.id === callId)!;
    if (overview) {
      add((e) => {
        const o = callOf(e).overview!;
        return {
          partial: 'slides/partials/field-overview',
          title: slideTitleText(o.heading),
          source: dataPath(e, callId),
          ctx: {
            ...o,
            heading: slideTitleText(o.heading),
            points: { ...o.points, title: slideTitleText(o.points.title) },
            budget: { ...o.budget, amount: fieldBudgetText(o) },
            source: dataPath(e, callId),
          },
        };
      });
    }
    add((e) => callSlide(e, callOf(e)));
    if (deck.rosters.some((r) => r.call === callId)) {
      add((e) => {
        const r = e.rosters.find((x) => x.call === callId)!;
        const source = dataPath(e, `roster:${callId}`);
        return {
          partial: 'slides/partials/roster',
          title: r.heading,
          source,
          ctx: {
            heading: r.heading,
            source,
            asOf: rosterAsOfText(r),
            notes: r.notes,
            groups: (['po', 'ad'] as const)
              .map((role) => ({ label: r.roleLabels[role], entries: r.entries.filter((x) => x.role === role).map((x) => ({ ...x, title: x.title ?? '' })) }))
              .filter((g) => g.entries.length > 0),
          },
        };
      });
    }
  }
  add((e) => sitesSlide(e));
  add((e) => ({ partial: 'slides/partials/contact', title: e.contact.heading, source: dataPath(e, 'contact'), ctx: { ...e.contact, source: dataPath(e, 'contact') } }));
  const { meta } = deck;
  return {
    footer: `${meta.title} ${meta.subtitle}`,
    draft: meta.status === 'draft',
    draftMark: meta.labels.draftMark,
    slides,
    reads,
  };
}

/** Everything the deck reads: its frame and every slide. */
export function deckReads(view: DeckView): ReadRecord {
  const all = new ReadRecord().merge(view.reads);
  for (const s of view.slides) all.merge(s.reads);
  return all;
}

/** Render the deck's Marp Markdown. */
export async function renderDeckMarkdown(templatesDir: string, view: DeckView): Promise<string> {
  await registerPartials(path.join(templatesDir, 'slides', 'partials'), 'slides/partials');
  const template = await compileFile(path.join(templatesDir, 'slides', 'deck.hbs'));
  return template(view);
}
