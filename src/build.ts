/**
 * The core build, readable top to bottom like the pipeline:
 *   load → validate → render → convert → post-process → publish.
 * Everything up to publish happens in memory; output/ is touched only when every
 * output of the run is ready, so a failure anywhere leaves it as it was.
 * Callable from tests without spawning a process.
 */
import path from 'node:path';
import { KyosoError, msg } from './errors.ts';
import { loadEditions, selectEditions, type ValidEdition } from './editions.ts';
import { t } from './i18n.ts';
import type { ProjectPaths } from './project.ts';
import { TOOL_VERSION } from './project.ts';
import { BrowserSession } from './convert/browser.ts';
import { publish, type OutputFiles } from './publish/index.ts';
import { buildSlides } from './slides.ts';
import { buildGuidelines } from './guidelines.ts';

export type OutputKind = 'slides' | 'guidelines';

export interface BuildOptions {
  paths: ProjectPaths;
  /** Edition ids; empty = every edition under data/. */
  editions: readonly string[];
  only?: OutputKind | undefined;
  force?: boolean;
  allowOverflow?: boolean;
  /** Slide formats to produce (default: all). The benchmark asks for PDF alone. */
  slideFormats?: readonly SlideFormat[];
  /** Reuse a browser across builds (dev server, tests). Not closed by build(). */
  session?: BrowserSession;
  /** Fixed document dates (reproducible builds); default from SOURCE_DATE_EPOCH, else now. */
  date?: Date;
  log?: (line: string) => void;
}

export type SlideFormat = 'pdf' | 'html' | 'pptx' | 'png' | 'md';
export const ALL_SLIDE_FORMATS: readonly SlideFormat[] = ['md', 'pdf', 'html', 'pptx', 'png'];

export interface BuildResult {
  editions: string[];
  /** Files written, relative to output/. */
  written: string[];
  /** Browser launches this build caused (0 when nothing needed a browser). */
  launches: number;
  warnings: string[];
}

/** Shared by the slide and guideline builders of one run. */
export interface BuildContext {
  paths: ProjectPaths;
  session: BrowserSession;
  date: Date;
  version: string;
  allowOverflow: boolean;
  warn: (line: string) => void;
  /** Roots the renderer may read from (the sandbox allows nothing else). */
  allowedRoots: string[];
}

/** SOURCE_DATE_EPOCH (seconds) → Date; the build clock only when it is not set. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date();
  if (!/^\d+$/.test(raw)) {
    throw new KyosoError('USAGE', msg(`SOURCE_DATE_EPOCH は秒数の整数です（指定: ${raw}）`, `SOURCE_DATE_EPOCH must be an integer number of seconds (got ${raw})`));
  }
  return new Date(Number(raw) * 1000);
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const warnings: string[] = [];
  const { paths } = options;

  // load → validate: every edition, every problem reported at once, before any rendering.
  const ids = await selectEditions(paths, options.editions);
  const editions: ValidEdition[] = await loadEditions(paths, ids);

  const session = options.session ?? new BrowserSession();
  const launchesBefore = session.launches;
  const ctx: BuildContext = {
    paths,
    session,
    date: options.date ?? buildDate(),
    version: TOOL_VERSION,
    allowOverflow: options.allowOverflow ?? false,
    warn: (line) => {
      warnings.push(line);
      log(line);
    },
    allowedRoots: [paths.outDir, paths.templatesDir],
  };
  const files: OutputFiles = new Map();
  try {
    for (const valid of editions) {
      const { id } = valid.edition;
      // render → convert → post-process, in memory.
      if (options.only !== 'guidelines') {
        const started = performance.now();
        const out = await buildSlides(valid, ctx, options.slideFormats ?? ALL_SLIDE_FORMATS);
        for (const [rel, bytes] of out) files.set(path.posix.join(id, 'slides', rel), bytes);
        log(t(msg(`  ${id}: スライド ${out.size} ファイル（${Math.round(performance.now() - started)} ms）`, `  ${id}: slides, ${out.size} files (${Math.round(performance.now() - started)} ms)`)));
      }
      if (options.only !== 'slides') {
        const started = performance.now();
        const out = await buildGuidelines(valid, ctx);
        for (const [rel, bytes] of out) files.set(path.posix.join(id, 'guidelines', rel), bytes);
        log(t(msg(`  ${id}: 公募要領 ${out.size} ファイル（${Math.round(performance.now() - started)} ms）`, `  ${id}: guidelines, ${out.size} files (${Math.round(performance.now() - started)} ms)`)));
      }
    }
  } finally {
    // The browser is done before anything is written (vivliostyle's order).
    if (!options.session) await session.close();
  }

  // publish: all or nothing.
  const written = await publish(paths.outDir, files);
  log(t(msg(`✓ ${written.length} ファイルを ${path.relative(paths.root, paths.outDir) || paths.outDir}/ に書き出しました`, `✓ wrote ${written.length} files to ${path.relative(paths.root, paths.outDir) || paths.outDir}/`)));
  return {
    editions: ids,
    written: written.map((w) => path.relative(paths.outDir, w).split(path.sep).join('/')),
    launches: session.launches - launchesBefore,
    warnings,
  };
}
