/**
 * The domain schemas of an edition folder (data/<edition>/) and the registry the
 * generic loader uses: which files exist, their schema, and the cross-file rules.
 */
import type { z } from 'zod';
import type { FileKind, ParsedFile } from './contract.ts';
import { EditionMetaSchema, type LabelsSchema, type NoteSchema } from './edition.ts';
import {
  type AdoptedSchema,
  type AreaSchema,
  type BudgetBlockSchema,
  type BudgetItemSchema,
  type LineageSchema,
  type ProgrammeFieldSchema,
  type ProgrammeSchema,
  type ProgrammeTypeSchema,
  ProgrammesFileSchema,
} from './programmes.ts';
import { type FootnoteSchema, type GuidelineDocSchema, OverviewSchema } from './overview.ts';
import { CallSchema, type CallTypeSchema, type FieldOverviewSchema, type MilestoneSchema, type RoleSchema, type AwardsSchema } from './call.ts';
import { type RosterEntrySchema, RosterSchema } from './roster.ts';
import { type SiteSchema, SitesFileSchema } from './sites.ts';
import { ContactSchema } from './contact.ts';
import type { PointSchema } from './common.ts';
import { GuidelineSchema, type Guideline } from './guideline.ts';
import { DeckSchema, slideId, type Deck } from './deck.ts';
import { expandTerms } from './terms.ts';

export * from './primitives.ts';
export { EditionMetaSchema, LabelsSchema, NoteSchema } from './edition.ts';
export * from './programmes.ts';
export * from './overview.ts';
export * from './call.ts';
export * from './roster.ts';
export * from './sites.ts';
export * from './contact.ts';
export * from './common.ts';
export * from './guideline.ts';
export * from './deck.ts';
export * from './terms.ts';
export { crossCheck, crossContext, CROSS_CODES, CROSS_RULES, REQUIRED_FILES, moneyTop, type CrossCode, type CrossContext, type CrossRule } from './cross/index.ts';
export type { FileKind, ParsedFile, CrossIssue } from './contract.ts';

export type EditionMeta = z.infer<typeof EditionMetaSchema>;
export type Labels = z.infer<typeof LabelsSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type ProgrammesFile = z.infer<typeof ProgrammesFileSchema>;
export type Lineage = z.infer<typeof LineageSchema>;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type ProgrammeType = z.infer<typeof ProgrammeTypeSchema>;
export type ProgrammeField = z.infer<typeof ProgrammeFieldSchema>;
export type PolicyArea = z.infer<typeof AreaSchema>;
export type Adopted = z.infer<typeof AdoptedSchema>;
export type BudgetBlock = z.infer<typeof BudgetBlockSchema>;
export type BudgetItem = z.infer<typeof BudgetItemSchema>;
export type Overview = z.infer<typeof OverviewSchema>;
export type Footnote = z.infer<typeof FootnoteSchema>;
export type GuidelineDoc = z.infer<typeof GuidelineDocSchema>;
export type Point = z.infer<typeof PointSchema>;
export type Call = z.infer<typeof CallSchema>;
export type CallType = z.infer<typeof CallTypeSchema>;
export type Awards = z.infer<typeof AwardsSchema>;
export type Milestone = z.infer<typeof MilestoneSchema>;
export type FieldOverview = z.infer<typeof FieldOverviewSchema>;
export type ProposerRole = z.infer<typeof RoleSchema>;
export type Roster = z.infer<typeof RosterSchema>;
export type RosterEntry = z.infer<typeof RosterEntrySchema>;
export type Site = z.infer<typeof SiteSchema>;
export type SitesFile = z.infer<typeof SitesFileSchema>;
export type Contact = z.infer<typeof ContactSchema>;

/** Every file kind of an edition folder. Globs are relative to data/<edition>/. */
export const fileKinds: FileKind[] = [
  {
    kind: 'edition',
    glob: 'edition.yaml',
    required: true,
    multiple: false,
    schema: EditionMetaSchema,
    description: { ja: '版のメタデータ・常設の注記・年度で変わる用語', en: 'edition metadata, standing notes, year-dependent labels' },
  },
  {
    kind: 'programmes',
    glob: 'programmes.yaml',
    required: true,
    multiple: false,
    schema: ProgrammesFileSchema,
    description: { ja: '大括り化の系譜とプログラム概要表', en: 'programme lineage and the programme table' },
  },
  {
    kind: 'overview',
    glob: 'overview.yaml',
    required: true,
    multiple: false,
    schema: OverviewSchema,
    description: { ja: 'プログラムの概要①②と脚注', en: 'programme overview ① and ② with footnotes' },
  },
  {
    kind: 'call',
    glob: 'calls/*.yaml',
    required: true,
    multiple: true,
    schema: CallSchema,
    description: { ja: '公募（分野ごとに1ファイル）: 実施タイプ・委託費・スケジュール', en: 'one call field per file: types, budgets, schedule' },
  },
  {
    kind: 'roster',
    glob: 'roster*.yaml',
    required: false,
    multiple: true,
    schema: RosterSchema,
    description: { ja: '公募分野ごとのPO・アドバイザー名簿', en: 'PO and advisers of a call field' },
  },
  {
    kind: 'sites',
    glob: 'sites.yaml',
    required: true,
    multiple: false,
    schema: SitesFileSchema,
    description: { ja: '実施中拠点一覧（地図用の都道府県つき）', en: 'ongoing sites with prefecture for the map' },
  },
  {
    kind: 'contact',
    glob: 'contact.yaml',
    required: true,
    multiple: false,
    schema: ContactSchema,
    description: { ja: '問い合わせ先', en: 'contact details' },
  },
  {
    kind: 'deck',
    glob: 'deck.yaml',
    required: true,
    multiple: false,
    schema: DeckSchema,
    description: { ja: 'スライド資料の構成（スライドの種類と順序、自由なスライド）', en: 'the deck: slide kinds in order, free content slides' },
  },
  {
    kind: 'guideline',
    glob: 'guidelines/*.yaml',
    required: false,
    multiple: true,
    schema: GuidelineSchema,
    description: { ja: '公募要領だけが使う本文（公募ごとに1ファイル、Markdown）', en: 'prose only the call guidelines use (one file per call, Markdown)' },
  },
];

/** A whole edition, assembled from its parsed files. */
export interface Edition {
  id: string;
  meta: EditionMeta;
  programmes: ProgrammesFile;
  overview: Overview;
  calls: Call[];
  rosters: Roster[];
  sites: SitesFile;
  contact: Contact;
  /** Guideline prose, one per call that has a 公募要領 (guidelines/<call>.yaml). */
  guidelines: Guideline[];
  /** The deck's slides in order (deck.yaml); every slide has its id (slideId). */
  deck: Deck;
  /** logical name → path relative to the edition folder: `edition`, `programmes`, `overview`, `sites`, `contact`, `deck`, each call id (`kyoso` → `calls/kyoso.yaml`), `roster:<call id>`, `guideline:<call id>`. */
  sources: Record<string, string>;
}

/**
 * Build an Edition from files that passed their schemas. Throws if a required
 * single file is missing or appears twice. Does not run crossCheck. Every text's
 * `{{term:…}}` is replaced by the edition's label here, so all outputs print the same words.
 */
export function assemble(id: string, parsed: ParsedFile[]): Edition {
  const labels = (parsed.find((f) => f.kind === 'edition')?.data as EditionMeta | undefined)?.labels ?? {};
  const files = parsed.map((f) => ({ ...f, data: expandTerms(f.data, labels) }));
  const sources: Record<string, string> = {};
  const one = <T>(kind: string): T => {
    const found = files.filter((f) => f.kind === kind);
    if (found.length !== 1) throw new Error(`edition ${id}: expected exactly one ${kind} file, found ${found.length}`);
    sources[kind] = found[0]!.rel;
    return found[0]!.data as T;
  };
  const meta = one<EditionMeta>('edition');
  const programmes = one<ProgrammesFile>('programmes');
  const overview = one<Overview>('overview');
  const sites = one<SitesFile>('sites');
  const contact = one<Contact>('contact');
  const deckFile = one<Deck>('deck');
  const deck: Deck = { slides: deckFile.slides.map((slide, i) => ({ ...slide, id: slideId(slide, i) }) as Deck['slides'][number]) };
  const calls = files
    .filter((f) => f.kind === 'call')
    .sort((a, b) => a.rel.localeCompare(b.rel))
    .map((f) => {
      const c = f.data as Call;
      sources[c.id] = f.rel;
      return c;
    });
  const order = new Map<string, number>();
  // calls in the order of the programme table's fields
  programmes.programmes.flatMap((p) => p.fields ?? []).forEach((f, i) => order.set(f.id, i));
  calls.sort((a, b) => (order.get(a.field) ?? 99) - (order.get(b.field) ?? 99));
  if (calls.length === 0) throw new Error(`edition ${id}: no call file (calls/*.yaml)`);
  const rosters = files
    .filter((f) => f.kind === 'roster')
    .map((f) => {
      const r = f.data as Roster;
      sources[`roster:${r.call}`] = f.rel;
      return r;
    });
  const guidelines = files
    .filter((f) => f.kind === 'guideline')
    .map((f) => {
      const g = f.data as Guideline;
      sources[`guideline:${g.call}`] = f.rel;
      return g;
    });
  return { id, meta, programmes, overview, calls, rosters, sites, contact, guidelines, deck, sources };
}
