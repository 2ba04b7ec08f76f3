/**
 * Handlebars templates compiled ahead, when the tool itself is compiled (`npm run compile`,
 * `npm ci`'s prepare: scripts/precompile-templates.js). Compiling the 18 templates of a build
 * costs a cold process ~0.12 s of its main thread; turning the compiled specs back into
 * functions costs ~4 ms.
 *
 * Each spec is keyed by a digest of the template's text (and of the Handlebars version and
 * compile options), so an edited template — staff may change templates/ — simply finds no spec
 * and is compiled at run time as before. The file sits in dist/ beside the compiled code; run
 * from src/ (tests, tsx) there is none, and every template is compiled.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { globby } from 'globby';
import { CODE_DIR } from '../../shared/paths.ts';

/** How every template is compiled (handlebars.ts): part of the key, so a change invalidates every spec. Frozen and passed as copies: Handlebars writes into the options it is given. */
export const COMPILE_OPTIONS = Object.freeze({ strict: true, noEscape: false, preventIndent: true });

/** dist/templates.precompiled.json when this module runs from dist/ (or its bundle). */
export const PRECOMPILED_FILE = path.join(CODE_DIR, 'templates.precompiled.json');

interface PrecompiledFile {
  handlebars: string;
  specs: Record<string, string>;
}

export function specKey(source: string): string {
  return createHash('sha256')
    .update(`${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0${source}`)
    .digest('hex');
}

let specs: Map<string, string> | undefined;

/** The specs (read once; none when the file is missing, unreadable or from another Handlebars). */
function loaded(): Map<string, string> {
  if (!specs) {
    specs = new Map();
    try {
      const file = JSON.parse(readFileSync(PRECOMPILED_FILE, 'utf8')) as PrecompiledFile;
      if (file.handlebars === Handlebars.VERSION) specs = new Map(Object.entries(file.specs));
    } catch {
      // Not compiled ahead: templates compile at run time.
    }
  }
  return specs;
}

/** The spec compiled ahead for this exact template text, as Handlebars' precompile wrote it. */
export function precompiledSpec(source: string): string | undefined {
  return loaded().get(specKey(source));
}

/** Use these specs instead of the file (tests); `undefined` reads the file again on next use. */
export function setPrecompiledSpecs(next: ReadonlyMap<string, string> | undefined): void {
  specs = next ? new Map(next) : undefined;
}

/** Compile every `*.hbs` under `templatesDir` ahead into `file`. Returns how many. */
export async function writePrecompiled(templatesDir: string, file = PRECOMPILED_FILE): Promise<number> {
  const files = (await globby('**/*.hbs', { cwd: templatesDir })).sort();
  const out: PrecompiledFile = { handlebars: Handlebars.VERSION, specs: {} };
  for (const f of files) {
    const source = await readFile(path.join(templatesDir, f), 'utf8');
    out.specs[specKey(source)] = String(Handlebars.precompile(source, { ...COMPILE_OPTIONS }));
  }
  await writeFile(file, `${JSON.stringify(out)}\n`);
  return files.length;
}
