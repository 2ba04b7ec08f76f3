/**
 * One interface for every output: a slide format, the PPTX, a 公募要領. The build asks each
 * output which units it makes for an edition and what each unit reads, and later to make a
 * unit's files. A new format is a folder under outputs/ and a line in the registry.
 */
import type { Edition } from '../schema/index.ts';
import type { PreviousChanges } from '../schema/changes.ts';
import type { BrowserSession } from '../stages/convert/browser.ts';
import type { ValidEdition } from '../stages/validate/index.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import type { Message } from '../shared/values.ts';

/**
 * An output's name (`pdf`, `guideline`): the `--formats` word, and the kind recorded for each of
 * its units in the manifest. The registry (index.ts) holds the outputs; this is any of its keys.
 */
export type OutputKind = string;

/** Outputs are grouped as the CLI offers them (`--only slides|guidelines|…`); each output names its group. */
export type OutputGroup = string;

/** Files of one unit: path relative to output/<edition>/ → bytes. */
export type UnitFiles = Map<string, Uint8Array | string>;

/** What planning one unit needs to know. */
export interface UnitPlan {
  /** Tells units of one output apart: '' for a deck format, the call id for a guideline. */
  key: string;
  /** Data files the unit reads, relative to the edition folder (derived from the view-model's reads). */
  data: readonly string[];
  /** Other files of the edition folder the unit reads (a 公募要領's figures), relative to it: their bytes are inputs. */
  files?: readonly string[];
  /** Globs under templates/ the unit reads. */
  templates: readonly string[];
  /** Options that change the unit's bytes, by name. */
  options?: Readonly<Record<string, string>>;
  /**
   * For a file of `data`, a digest of just the values the unit read there (edition-paths.ts
   * `valuesRead`), used instead of the file's own digest: an edit elsewhere in that file then does
   * not rebuild the unit. Outputs that make many small files from one data file give it.
   */
  values?: Readonly<Record<string, string>>;
}

/** Shared by every unit of one run. */
export interface BuildContext {
  paths: ProjectPaths;
  session: BrowserSession;
  date: Date;
  version: string;
  allowOverflow: boolean;
  warn: (line: string) => void;
  /** Roots the renderer may read from (the sandbox allows nothing else). */
  allowedRoots: readonly string[];
}

/**
 * How the web page offers a file of another output: the list it goes in (公募要領, 様式) and the
 * link's words; the page adds the format and the size (「公募要領（PDF：1.2MB）」).
 */
export interface Download {
  list: Message;
  text: string;
  /** The call it belongs to, by id, when its unit's key is not the call's id (`kyoso/cover`); the page groups a list's files by call. */
  call?: string;
}

/** A file of another output of the same edition, as an output that links downloads sees it. */
export interface LinkedFile {
  /** Relative to output/<edition>/ (`guidelines/kyoso.pdf`). */
  file: string;
  kind: OutputKind;
  /** The key of the unit that made it (the call id of a 公募要領). */
  key: string;
  /** Its size in bytes, as published by this run. */
  size: number;
  sha256: string;
  /** How the page offers it (its output's `download`). */
  download: Download;
}

/** One unit to make, with the work its edition's other units share. */
export interface UnitJob {
  ctx: BuildContext;
  valid: ValidEdition;
  key: string;
  /** Every kind this run makes for this edition (a deck prints PNGs only when one of them needs them). */
  wants: ReadonlySet<OutputKind>;
  /** Work shared by the edition's units (the deck's render and print), computed once per run. */
  shared<T>(name: string, make: () => Promise<T>): Promise<T>;
  /**
   * For an output that links downloads (Output.linksDownloads): every file of the edition's
   * other outputs that is offered for download, as it will be once this run publishes (made now,
   * or kept in output/), in registry order; empty for any other output.
   */
  linked: readonly LinkedFile[];
}

export interface Output {
  readonly kind: OutputKind;
  readonly group: OutputGroup;
  /** How the log names it: スライド PDF. */
  readonly label: Message;
  /** Made only when `--formats` names it (not part of a plain build). */
  readonly optIn?: boolean;
  /** Whether making it takes the browser (a build starts one early only when some stale unit does). */
  readonly browser: boolean;
  /**
   * The work several outputs of an edition share on one browser page (`deck`: the slide formats
   * print from one page load); an output without it takes a page of its own per unit.
   */
  readonly sharedPage?: string;
  /**
   * Where a unit lives under its edition, naming it in the manifest and the log: `slides/pdf`,
   * `guidelines/kyoso`. Units of different outputs must never share one (a registry test checks).
   */
  unitPath(key: string): string;
  /**
   * The flat name `release` publishes a file of this output under (a GitHub Release has no
   * folders: `r3-guidelines-kyoso.pdf`), or false for a file it does not publish (PNGs, the
   * Markdown project). `file` is relative to output/<edition>/.
   */
  release(file: string, edition: string): string | false;
  /** The dev preview page's link text for a file of this output, or false for one it does not link. */
  preview(file: string): Message | false;
  /**
   * How the web page offers a file of this output for download, or false for one it does not
   * offer. `edition` is the (tracked) data the words come from. Without it, a file `release`
   * publishes is offered under the output's label with its preview words (downloadOf in index.ts).
   */
  download?(file: string, edition: Edition): Download | false;
  /**
   * Made from the downloads of its edition (the web page: their links, formats and sizes). Its
   * units are made after the edition's other units, their inputs include the bytes of every file
   * offered (`output:<path>`), and one is stale whenever a unit whose files it may link is.
   */
  readonly linksDownloads?: boolean;
  /**
   * For an output whose files only work as a folder together with the files they link (the web
   * page): release publishes them all as one zip of this name, with their paths under
   * output/<edition>/, instead of one flat file each (`release` is not asked for its files).
   */
  releaseArchive?(edition: string): string;
  /**
   * The units this output makes for an edition, and what each reads (the view-model modules load here, not at import).
   * `previous`: the edition of the year before and the comparison with it, when the build has one.
   */
  plan(edition: Edition, previous?: PreviousChanges): Promise<UnitPlan[]>;
  /** render → convert → post-process, in memory. */
  build(job: UnitJob): Promise<UnitFiles>;
}
