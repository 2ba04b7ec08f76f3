/**
 * The output registry: every output, in the order a run makes them (the deck's Markdown and PDF
 * first: what a person editing looks at). The planner, the manifest, `--only`/`--formats`, release
 * and the preview page all read it and keep no list of their own; a new output is a folder under
 * outputs/ and a line in BUILT_IN. Importing this module is light: each output loads its
 * view-model and converters when it plans or builds.
 */
import path from 'node:path';
import { forms } from './forms/index.ts';
import { guideline } from './guideline/index.ts';
import { guidelineDocx } from './guideline-docx/index.ts';
import { html } from './html/index.ts';
import { md } from './md/index.ts';
import { pdf } from './pdf/index.ts';
import { png } from './png/index.ts';
import { pptx } from './pptx/index.ts';
import { pptxPictures } from './pptx/pictures.ts';
import { web } from './web/index.ts';
import type { Edition } from '../schema/index.ts';
import type { Message } from '../shared/values.ts';
import type { Download, Output, OutputGroup, OutputKind } from './types.ts';

const BUILT_IN: readonly Output[] = [md, pdf, html, png, pptx, pptxPictures, guideline, guidelineDocx, forms, web];

const registry = new Map<OutputKind, Output>(BUILT_IN.map((o) => [o.kind, o]));

/**
 * Add an output at run time and get the function that removes it again. The built-in outputs
 * are registered above; tests use this to prove that an output of a new shape needs nothing but
 * its registration.
 */
export function registerOutput(output: Output): () => void {
  if (registry.has(output.kind)) throw new Error(`output ${output.kind} is registered twice`);
  registry.set(output.kind, output);
  return () => {
    registry.delete(output.kind);
  };
}

/** Every output, in registry order. */
export function outputs(): Output[] {
  return [...registry.values()];
}

export function outputKinds(): OutputKind[] {
  return [...registry.keys()];
}

export function isOutputKind(s: string): s is OutputKind {
  return registry.has(s);
}

export function outputOf(kind: OutputKind): Output {
  const output = registry.get(kind);
  if (!output) throw new Error(`no output ${kind} in the registry`);
  return output;
}

/** The groups `--only` offers, in registry order. */
export function outputGroups(): OutputGroup[] {
  return [...new Set(outputs().map((o) => o.group))];
}

/** How messages name a group's outputs together (dev's status line); a group not named here is shown by its id. */
const GROUP_LABELS: Readonly<Record<OutputGroup, Message>> = {
  slides: { ja: 'スライド（全形式）', en: 'slides (all formats)' },
  guidelines: { ja: '公募要領', en: 'guidelines' },
  forms: { ja: '様式', en: 'forms' },
  web: { ja: 'Webページ', en: 'web page' },
};

export function groupLabel(group: OutputGroup): Message {
  return GROUP_LABELS[group] ?? { ja: group, en: group };
}

/** The kinds of a group (`slides` → md, pdf, html, png, pptx); opt-in kinds (pptx-pictures) only when asked. */
export function kindsOf(group: OutputGroup, opts: { optIn?: boolean } = {}): OutputKind[] {
  return outputs()
    .filter((o) => o.group === group && (opts.optIn || !o.optIn))
    .map((o) => o.kind);
}

/** `r3/slides/pdf`, `r3/guidelines/kyoso` — a unit's name in the log and the manifest. */
export function unitId(edition: string, kind: OutputKind, key: string): string {
  return `${edition}/${outputOf(kind).unitPath(key)}`;
}

/**
 * How the web page offers a file of an output (`file` relative to output/<edition>/): as the
 * output says (Output.download), else — an output that says nothing, such as one added later — a
 * file `release` publishes, under the output's label with its preview words. An output that
 * links downloads, or is released as an archive, is never one.
 */
export function downloadOf(output: Output, file: string, edition: Edition): Download | false {
  if (output.linksDownloads || output.releaseArchive) return false;
  if (output.download) return output.download(file, edition);
  if (output.release(file, edition.id) === false) return false;
  const words = output.preview(file);
  return { list: output.label, text: words ? words.ja : path.posix.basename(file) };
}

export { slidesBaseName } from './deck/names.ts';
export type { BuildContext, Download, LinkedFile, Output, OutputGroup, OutputKind, UnitFiles, UnitJob, UnitPlan } from './types.ts';
