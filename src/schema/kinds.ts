/**
 * The registry of data file kinds: which files an edition folder holds, which schema each must
 * satisfy and which field of the assembled Edition it fills. Its own module so that the cross-file
 * rules (cross/) can name the kinds without importing the whole schema index.
 */
import type { z } from 'zod';
import type { FileKind } from './contract.ts';
import { EditionMetaSchema } from './edition.ts';
import { ProgrammesFileSchema } from './programmes.ts';
import { OverviewSchema } from './overview.ts';
import { CallSchema } from './call.ts';
import { RosterSchema } from './roster.ts';
import { SitesFileSchema } from './sites.ts';
import { ContactSchema } from './contact.ts';
import { GuidelinePartSchema, GuidelineSchema, type Guideline } from './guideline.ts';
import { DeckSchema, type Deck } from './deck.ts';
import { FormsFileSchema } from './forms.ts';
import { ResultsFileSchema } from './results.ts';

/**
 * Every file kind of an edition folder — the one list of them: the loader finds files by these
 * globs, validation applies the schemas, `assemble` fills the edition's fields, the read
 * tracking (edition-paths.ts) maps a data path back to its file, and the JSON Schemas and the
 * data reference are generated from it. A new kind of data file is a schema and an entry here
 * (the Edition type below follows from the entries). Globs are relative to data/<edition>/.
 */
export const FILE_KINDS = {
  edition: {
    kind: 'edition',
    glob: 'edition.yaml',
    required: true,
    multiple: false,
    field: 'meta',
    schema: EditionMetaSchema,
    description: { ja: '版のメタデータ・常設の注記・年度で変わる用語', en: 'edition metadata, standing notes, year-dependent labels' },
  },
  programmes: {
    kind: 'programmes',
    glob: 'programmes.yaml',
    required: true,
    multiple: false,
    field: 'programmes',
    schema: ProgrammesFileSchema,
    description: { ja: '大括り化の系譜とプログラム概要表', en: 'programme lineage and the programme table' },
  },
  overview: {
    kind: 'overview',
    glob: 'overview.yaml',
    required: true,
    multiple: false,
    field: 'overview',
    schema: OverviewSchema,
    description: { ja: 'プログラムの概要①②と脚注', en: 'programme overview ① and ② with footnotes' },
  },
  call: {
    kind: 'call',
    glob: 'calls/*.yaml',
    required: true,
    multiple: true,
    field: 'calls',
    entity: (data: unknown) => (data as z.infer<typeof CallSchema>).id,
    schema: CallSchema,
    description: { ja: '公募（分野ごとに1ファイル）: 実施タイプ・委託費・スケジュール', en: 'one call field per file: types, budgets, schedule' },
  },
  roster: {
    kind: 'roster',
    glob: 'roster*.yaml',
    required: false,
    multiple: true,
    field: 'rosters',
    entity: (data: unknown) => (data as z.infer<typeof RosterSchema>).call,
    schema: RosterSchema,
    description: { ja: '公募分野ごとのPO・アドバイザー名簿', en: 'PO and advisers of a call field' },
  },
  sites: {
    kind: 'sites',
    glob: 'sites.yaml',
    required: true,
    multiple: false,
    field: 'sites',
    schema: SitesFileSchema,
    description: { ja: '実施中拠点一覧（地図用の都道府県つき）', en: 'ongoing sites with prefecture for the map' },
  },
  contact: {
    kind: 'contact',
    glob: 'contact.yaml',
    required: true,
    multiple: false,
    field: 'contact',
    schema: ContactSchema,
    description: { ja: '問い合わせ先', en: 'contact details' },
  },
  deck: {
    kind: 'deck',
    glob: 'deck.yaml',
    required: true,
    multiple: false,
    field: 'deck',
    schema: DeckSchema,
    description: { ja: 'スライド資料の構成（スライドの種類と順序、自由なスライド）', en: 'the deck: slide kinds in order, free content slides' },
  },
  guideline: {
    kind: 'guideline',
    glob: 'guidelines/*.yaml',
    required: false,
    multiple: true,
    field: 'guidelines',
    entity: (data: unknown) => (data as Guideline).call,
    schema: GuidelineSchema,
    description: { ja: '公募要領だけが使う本文（公募ごとに1ファイル、Markdown）', en: 'prose only the call guidelines use (one file per call, Markdown)' },
  },
  'guideline-part': {
    kind: 'guideline-part',
    glob: 'guideline-parts/*.yaml',
    required: false,
    multiple: true,
    field: 'guidelineParts',
    entity: (data: unknown) => (data as { id: string }).id,
    schema: GuidelinePartSchema,
    description: {
      ja: '公募要領の共通パーツ（複数の公募の公募要領が include で差し込む章・節。1ファイル1パーツ）',
      en: 'shared parts of the call guidelines (a chapter or section several calls include by id; one part per file)',
    },
  },
  forms: {
    kind: 'forms',
    glob: 'forms.yaml',
    required: false,
    multiple: false,
    field: 'forms',
    schema: FormsFileSchema,
    description: { ja: '公募の様式（番号・名称・分量の上限・記入上の注意・記入欄）', en: 'the application forms of the calls (number, title, limits, instructions, fields)' },
  },
  results: {
    kind: 'results',
    glob: 'results.yaml',
    required: false,
    multiple: false,
    field: 'results',
    schema: ResultsFileSchema,
    description: {
      ja: '公募の結果（応募件数・採択件数・採択されたプロジェクトの一覧）',
      en: 'results of past calls (applications received, projects adopted, the adopted list)',
    },
  },
} as const satisfies Record<string, FileKind>;

export type FileKindName = keyof typeof FILE_KINDS;

const kinds: FileKind[] = Object.values(FILE_KINDS);

/** The kinds in the order the loader reads them (and the JSON Schemas and references list them). */
export const fileKinds: readonly FileKind[] = kinds;

/**
 * Add a kind of data file at run time and get the function that removes it again. The kinds
 * above are the project's; tests use this to show that a new kind needs nothing but its entry.
 */
export function registerFileKind(kind: FileKind): () => void {
  if (kinds.some((k) => k.kind === kind.kind || k.field === kind.field)) throw new Error(`file kind ${kind.kind} is registered twice`);
  kinds.push(kind);
  return () => {
    const i = kinds.indexOf(kind);
    if (i >= 0) kinds.splice(i, 1);
  };
}

/** What one kind contributes to the edition: its parsed data, or one element per file when `multiple`. */
type FieldOf<K extends FileKindName> = (typeof FILE_KINDS)[K] extends { multiple: true }
  ? Array<KindData<K>>
  : (typeof FILE_KINDS)[K] extends { required: false }
    ? KindData<K> | undefined
    : KindData<K>;
/** The parsed data of a kind (the deck is the one whose assembled form adds to its file: each slide's id). */
type KindData<K extends FileKindName> = K extends 'deck' ? Deck : z.infer<(typeof FILE_KINDS)[K]['schema']>;

/**
 * A whole edition, assembled from its parsed files: one field per file kind (FILE_KINDS' `field`),
 * plus its id and where each piece came from.
 */
export type Edition = { id: string; sources: Record<string, string> } & {
  [K in FileKindName as (typeof FILE_KINDS)[K]['field']]: FieldOf<K>;
};

/** The fields of an Edition that hold data from files (every field but `id` and `sources`). */
export type EditionDataField = Exclude<keyof Edition, 'id' | 'sources'>;

/**
 * The key of a file in `Edition.sources`: the kind for a single file (`programmes`), the kind and
 * entity for one of several (`call:kyoso`, `roster:kyoso`, `guideline:kyoso`).
 */
export function sourceKey(kind: string, entity?: string): string {
  return entity === undefined ? kind : `${kind}:${entity}`;
}
