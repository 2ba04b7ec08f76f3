/**
 * The one Handlebars environment both outputs use: strict mode (a template that
 * names a missing field fails the build instead of printing an empty cell) and
 * an escaper that keeps data as text in *both* Markdown and HTML.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { globby } from 'globby';
import { KyosoError, fail } from '../../shared/errors.ts';
import { escapeText } from './escape.ts';
import { loadPhraser, markedText, resolveMarkers, withKeepTogether } from './phrases.ts';
import { COMPILE_OPTIONS, precompiledSpec } from './precompiled.ts';

export { escapeText };

/**
 * A Handlebars environment of our own. Its runtime escapes with `escapeText`, and marks where
 * a line may break (BudouX phrases) and which text is a URL or an e-mail address (phrases.ts):
 * Handlebars reads `escapeExpression` from its shared Utils, so we replace it there — every
 * template in this program wants the same, markup-proof escaping. A template's output then goes
 * through `resolveMarkers`, which writes `<wbr>` and links where the value landed in text.
 */
const hb = Handlebars.create();
(Handlebars.Utils as { escapeExpression: (s: unknown) => string }).escapeExpression = (s: unknown) => {
  if (s instanceof Handlebars.SafeString) return s.toString();
  return markedText(s);
};

/**
 * Only structural helpers. Values arrive already formatted by src/stages/render/values.ts,
 * so slides and guidelines cannot format the same value two ways.
 */
function registerHelpers(): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('len', (a: unknown) => (Array.isArray(a) ? a.length : 0));
}
registerHelpers();

export type Template = (context: unknown) => string;

/**
 * A template's function: from the spec compiled ahead for this exact text (precompiled.ts), or
 * compiled now. Both are the same generated code, so output and errors are the same.
 */
function compileSource(source: string): Handlebars.TemplateDelegate {
  const spec = precompiledSpec(source);
  // The spec is JavaScript that Handlebars' precompile wrote into our own dist/ (not data).
  if (spec !== undefined) return hb.template(new Function(`return ${spec}`)() as Parameters<typeof hb.template>[0]);
  // A copy: Handlebars adds to the options object it is given.
  return hb.compile(source, { ...COMPILE_OPTIONS });
}

/**
 * Compiled templates by their source text: a template edited while `npm run dev` runs is
 * read again and recompiled, never served from a stale compile (the manifest hashes the
 * file, so a stale compile would be recorded as up to date).
 */
const cache = new Map<string, { source: string; run: Template }>();
const partialCache = new Map<string, { source: string; run: Handlebars.TemplateDelegate }>();

/** Load every `*.hbs` under a folder as partials named by their path (`slides/title`). */
export async function registerPartials(dir: string, prefix: string): Promise<string[]> {
  const files = (await globby('**/*.hbs', { cwd: dir })).sort();
  for (const f of files) {
    const name = `${prefix}/${f.replace(/\.hbs$/, '')}`;
    const file = path.join(dir, f);
    const source = await readFile(file, 'utf8');
    let hit = partialCache.get(file);
    if (hit?.source !== source) partialCache.set(file, (hit = { source, run: compilePartial(file, source) }));
    hb.registerPartial(name, hit.run);
  }
  return files.map((f) => path.join(dir, f));
}

/**
 * A partial compiled by us rather than lazily by Handlebars, so an error inside it names
 * the partial's own file: strict-mode errors carry the partial's line:col, and reporting
 * them against the including template would point at the wrong place.
 */
function compilePartial(file: string, source: string): Handlebars.TemplateDelegate {
  const compiled = compileSource(source);
  return (ctx: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return compiled(ctx, options);
    } catch (cause) {
      throw cause instanceof KyosoError ? cause : templateError(file, cause);
    }
  };
}

/** Compile a template file in strict mode (read every time; compiled once per distinct text). */
export async function compileFile(file: string): Promise<Template> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (cause) {
    throw fail('templateUnreadable', { file }, { cause });
  }
  // Values are phrase-marked while a template runs, so the segmenter must be in first.
  await loadPhraser();
  const hit = cache.get(file);
  if (hit?.source === source) return hit.run;
  const compiled = compileSource(source);
  const run: Template = (ctx) => {
    try {
      return resolveMarkers(withKeepTogether(keepTogetherIn(ctx), () => compiled(ctx, { allowProtoPropertiesByDefault: false })));
    } catch (cause) {
      // Already located (a partial's own error).
      throw cause instanceof KyosoError ? cause : templateError(file, cause);
    }
  };
  cache.set(file, { source, run });
  return run;
}

/**
 * The keep-together list a document's context carries (the deck's view, or a guideline's
 * `view`): the words its values may not break inside (phrases.ts).
 */
function keepTogetherIn(ctx: unknown): readonly string[] | undefined {
  const c = ctx as { keepTogether?: readonly string[]; view?: { keepTogether?: readonly string[] } } | null;
  return c?.keepTogether ?? c?.view?.keepTogether;
}

function templateError(file: string, cause: unknown): KyosoError {
  const text = cause instanceof Error ? cause.message : String(cause);
  // Strict mode says `"budget" not defined in [object Object] - 12:4`.
  const m = /"([^"]+)" not defined in .*? - (\d+):(\d+)/.exec(text);
  if (m) {
    return fail('templateMissingField', { at: `${file}:${m[2]}:${Number(m[3]) + 1}`, field: m[1] ?? '' }, { cause });
  }
  // Helper errors may embed the whole context; the first line, shortened, is what helps.
  const short = (text.split('\n')[0] ?? text).replace(/\(got \{.*$/s, '').slice(0, 300);
  return fail('templateFailed', { file, text: short }, { cause });
}

export { hb as handlebars };
