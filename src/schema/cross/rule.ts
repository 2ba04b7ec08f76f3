/**
 * What a cross-file rule is, and what it is given: the edition's parsed files with the lookups
 * several rules share (notes, programmes, fields and calls by id), built once per run.
 */
import type { FileKindName } from '../kinds.ts';
import type { z } from 'zod';
import type { IssueWords, DataIssueId } from '../../shared/data-issues/index.ts';
import type { PathSegment } from '../../shared/datapath.ts';
import type { Message } from '../../shared/values.ts';
import type { CallSchema } from '../call.ts';
import type { CrossIssue, ParsedFile } from '../contract.ts';
import type { Deck } from '../deck.ts';
import type { EditionMetaSchema } from '../edition.ts';
import type { GuidelinePartSchema, GuidelineSchema } from '../guideline.ts';
import type { OverviewSchema } from '../overview.ts';
import type { ProgrammesFileSchema } from '../programmes.ts';
import type { RosterSchema } from '../roster.ts';
import type { SitesFileSchema } from '../sites.ts';

export type Path = PathSegment[];

/** A file of one kind, its data typed by that kind's schema. */
export type FileOf<S extends z.ZodType> = ParsedFile & { data: z.infer<S> };

type Programme = z.infer<typeof ProgrammesFileSchema>['programmes'][number];
type Field = NonNullable<Programme['fields']>[number];

/** The edition as every rule sees it. Kinds of which no file parsed are absent (or empty lists). */
export interface CrossContext {
  files: readonly ParsedFile[];
  /**
   * Kinds of which a file is present but failed its own schema. The rules run on whatever
   * parsed (so one run shows every problem), but a reference into such a kind cannot be
   * judged: it is not reported as dangling, and the file is not "missing".
   */
  failed: ReadonlySet<string>;
  edition: FileOf<typeof EditionMetaSchema> | undefined;
  programmesFile: FileOf<typeof ProgrammesFileSchema> | undefined;
  overview: FileOf<typeof OverviewSchema> | undefined;
  calls: readonly FileOf<typeof CallSchema>[];
  rosters: readonly FileOf<typeof RosterSchema>[];
  sitesFile: FileOf<typeof SitesFileSchema> | undefined;
  deck: (ParsedFile & { data: Deck }) | undefined;
  guidelines: readonly FileOf<typeof GuidelineSchema>[];
  /** The shared parts the guidelines include (guideline-parts/*.yaml). */
  guidelineParts: readonly FileOf<typeof GuidelinePartSchema>[];
  /** The programmes of programmes.yaml ([] without it). */
  programmes: readonly Programme[];
  progById: ReadonlyMap<string, Programme>;
  /** Each field id with the programme holding it (the first, if two programmes share an id). */
  fieldById: ReadonlyMap<string, { field: Field; programme: Programme }>;
  /** Each call id with the first file (in path order) that has it. */
  callById: ReadonlyMap<string, FileOf<typeof CallSchema>>;
  /** Ids of the notes of edition.yaml. */
  noteIds: ReadonlySet<string>;
}

/** A kind of file a rule reads (the registry's names: kinds.ts). */
export type KindName = FileKindName;

/**
 * One cross-file rule: a named entry of the table in index.ts. Adding a check is adding one.
 * Its words are catalogue entries (shared/data-issues/), named in `reports`.
 */
export interface CrossRule {
  /** Permanent, kebab-case: names the rule in tests and in the docs. */
  id: string;
  /** What it checks, in a sentence. */
  description: Message;
  /** The kinds of file it reads. */
  reads: readonly KindName[];
  /** The catalogue entries it reports. */
  reports: readonly DataIssueId[];
  /** Kinds whose failure leaves the whole rule unjudgeable: then it does not run. */
  skipWhenFailed?: readonly KindName[];
  check: (ctx: CrossContext) => CrossIssue[];
}

/** A rule's issue: the catalogue's words placed at a file and a data path. */
export const at = (file: string, path: Path, words: IssueWords): CrossIssue => ({ ...words, file, path });

const ofKind = <S extends z.ZodType>(files: readonly ParsedFile[], kind: KindName) => files.filter((f) => f.kind === kind) as FileOf<S>[];

/** The context of one run. */
export function crossContext(files: readonly ParsedFile[], failed: ReadonlySet<string>): CrossContext {
  const edition = ofKind<typeof EditionMetaSchema>(files, 'edition')[0];
  const programmesFile = ofKind<typeof ProgrammesFileSchema>(files, 'programmes')[0];
  const calls = ofKind<typeof CallSchema>(files, 'call');
  const programmes = programmesFile?.data.programmes ?? [];
  const fieldById = new Map<string, { field: Field; programme: Programme }>();
  for (const programme of programmes) for (const field of programme.fields ?? []) if (!fieldById.has(field.id)) fieldById.set(field.id, { field, programme });
  const callById = new Map<string, FileOf<typeof CallSchema>>();
  for (const c of calls) if (!callById.has(c.data.id)) callById.set(c.data.id, c);
  return {
    files,
    failed,
    edition,
    programmesFile,
    overview: ofKind<typeof OverviewSchema>(files, 'overview')[0],
    calls,
    rosters: ofKind<typeof RosterSchema>(files, 'roster'),
    sitesFile: ofKind<typeof SitesFileSchema>(files, 'sites')[0],
    deck: files.find((f): f is ParsedFile & { data: Deck } => f.kind === 'deck'),
    guidelines: ofKind<typeof GuidelineSchema>(files, 'guideline'),
    guidelineParts: ofKind<typeof GuidelinePartSchema>(files, 'guideline-part'),
    programmes,
    progById: new Map(programmes.map((p) => [p.id, p])),
    fieldById,
    callById,
    noteIds: new Set(edition?.data.notes.map((n) => n.id)),
  };
}
