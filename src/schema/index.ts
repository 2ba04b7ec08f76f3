/**
 * The domain schemas of an edition folder (data/<edition>/) and the registry the
 * generic loader uses: which files exist, their schema, and the cross-file rules.
 */
import type { z } from 'zod';
import type { FileKind, ParsedFile } from './contract.ts';
import type { EditionMetaSchema, LabelsSchema, NoteSchema } from './edition.ts';
import type {
  AdoptedSchema,
  AreaSchema,
  BudgetBlockSchema,
  BudgetItemSchema,
  LineageSchema,
  ProgrammeFieldSchema,
  ProgrammeSchema,
  ProgrammeTypeSchema,
  ProgrammesFileSchema,
} from './programmes.ts';
import type { FootnoteSchema, GuidelineDocSchema, OverviewSchema } from './overview.ts';
import type { CallSchema, CallTypeSchema, FieldOverviewSchema, MilestoneSchema, RoleSchema, AwardsSchema } from './call.ts';
import type { RosterEntrySchema, RosterSchema } from './roster.ts';
import type { SiteSchema, SitesFileSchema } from './sites.ts';
import type { ContactSchema } from './contact.ts';
import type { PointSchema } from './common.ts';
import { GuidelineSchema, type Guideline } from './guideline.ts';
import { slideId, type Deck } from './deck.ts';
import { fileKinds, sourceKey, type Edition } from './kinds.ts';
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
export * from './forms.ts';
export * from './results.ts';
export * from './terms.ts';
export * from './kinds.ts';
export { crossCheck, crossContext, CROSS_CODES, CROSS_RULES, requiredFilesOf, moneyTop, type CrossCode, type CrossContext, type CrossRule } from './cross/index.ts';
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

/**
 * Build an Edition from files that passed their schemas. Throws if a required
 * single file is missing or appears twice. Does not run crossCheck. Every text's
 * `{{term:…}}` is replaced by the edition's label here, so all outputs print the same words.
 */
export function assemble(id: string, parsed: ParsedFile[]): Edition {
  const labels = (parsed.find((f) => f.kind === 'edition')?.data as EditionMeta | undefined)?.labels ?? {};
  const files = parsed.map((f) => ({ ...f, data: expandTerms(f.data, labels) })).sort((a, b) => a.rel.localeCompare(b.rel));
  const sources: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  for (const kind of fileKinds) {
    const found = files.filter((f) => f.kind === kind.kind);
    if (kind.multiple) {
      fields[kind.field] = found.map((f) => {
        sources[sourceKey(kind.kind, kind.entity!(f.data))] = f.rel;
        return f.data;
      });
    } else {
      if (found.length !== 1 && (kind.required || found.length > 1)) throw new Error(`edition ${id}: expected exactly one ${kind.kind} file, found ${found.length}`);
      if (found[0]) {
        sources[kind.kind] = found[0].rel;
        fields[kind.field] = found[0].data;
      }
    }
  }
  const edition = { id, ...fields, sources } as Edition;
  if (edition.calls.length === 0) throw new Error(`edition ${id}: no call file (calls/*.yaml)`);
  // Each slide carries the id the 新旧対照表 and the checks match it by.
  edition.deck = { slides: edition.deck.slides.map((slide, i) => ({ ...slide, id: slideId(slide, i) }) as Deck['slides'][number]) };
  // Calls in the order of the programme table's fields.
  const order = new Map<string, number>();
  edition.programmes.programmes.flatMap((p) => p.fields ?? []).forEach((f, i) => order.set(f.id, i));
  edition.calls.sort((a, b) => (order.get(a.field) ?? 99) - (order.get(b.field) ?? 99));
  return edition;
}
