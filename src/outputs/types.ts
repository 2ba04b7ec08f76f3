/**
 * One interface for every output: a slide format, the PPTX, a 公募要領. The build asks each
 * output which units it makes for an edition and what each unit reads, and later to make a
 * unit's files. A new format is a folder under outputs/ and a line in the registry.
 */
import type { Edition } from '../schema/index.ts';
import type { BrowserSession } from '../stages/convert/browser.ts';
import type { ValidEdition } from '../stages/validate/index.ts';
import type { ProjectPaths } from '../shared/paths.ts';
import type { Message } from '../shared/values.ts';

/**
 * Every output kind, in the order a run makes them (the deck's Markdown and PDF first: what a
 * person editing looks at). Adding one: a folder, this list, a registry line — the compiler
 * lists the rest (`satisfies never`).
 */
export const OUTPUT_KINDS = ['md', 'pdf', 'html', 'png', 'pptx', 'pptx-pictures', 'guideline'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export function isOutputKind(s: string): s is OutputKind {
  return (OUTPUT_KINDS as readonly string[]).includes(s);
}

/** Kinds are grouped as the CLI offers them (`--only slides|guidelines`). */
export type OutputGroup = 'slides' | 'guidelines';

export const OUTPUT_GROUPS: readonly OutputGroup[] = ['slides', 'guidelines'];

/** Files of one unit: path relative to output/<edition>/ → bytes. */
export type UnitFiles = Map<string, Uint8Array | string>;

/** What planning one unit needs to know. */
export interface UnitPlan {
  /** Tells units of one output apart: '' for a deck format, the call id for a guideline. */
  key: string;
  /** Data files the unit reads, relative to the edition folder (derived from the view-model's reads). */
  data: readonly string[];
  /** Globs under templates/ the unit reads. */
  templates: readonly string[];
  /** Options that change the unit's bytes, by name. */
  options?: Readonly<Record<string, string>>;
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

/** One unit to make, with the work its edition's other units share. */
export interface UnitJob {
  ctx: BuildContext;
  valid: ValidEdition;
  key: string;
  /** Every kind this run makes for this edition (a deck prints PNGs only when one of them needs them). */
  wants: ReadonlySet<OutputKind>;
  /** Work shared by the edition's units (the deck's render and print), computed once per run. */
  shared<T>(name: string, make: () => Promise<T>): Promise<T>;
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
  /** The units this output makes for an edition, and what each reads. */
  plan(edition: Edition): UnitPlan[];
  /** render → convert → post-process, in memory. */
  build(job: UnitJob): Promise<UnitFiles>;
}

export function groupOf(kind: OutputKind): OutputGroup {
  switch (kind) {
    case 'md':
    case 'html':
    case 'pdf':
    case 'png':
    case 'pptx':
    case 'pptx-pictures':
      return 'slides';
    case 'guideline':
      return 'guidelines';
    default:
      return kind satisfies never;
  }
}
