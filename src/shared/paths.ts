/** Where things live. Tests point these at temporary copies; the CLI uses the defaults. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProjectPaths {
  /** The project root (holds package.json). Messages show paths relative to it. */
  root: string;
  /** `data/`: one folder per edition. */
  dataDir: string;
  /** `templates/`: Handlebars templates and themes. */
  templatesDir: string;
  /** `output/`: build results. */
  outDir: string;
}

/** The kyoso-docs installation this code runs from. */
export const TOOL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The folder of the code running now: `dist/` for the compiled CLI, `src/` under tsx or vitest.
 * This file is `<code>/shared/paths.*`, and in the bundle (scripts/bundle.js) a chunk of
 * `dist/bundle/`: one level below `dist/` either way.
 */
export const CODE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const TOOL_VERSION: string = (JSON.parse(readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Default root: `KYOSO_ROOT` when set (a checkout of the data elsewhere, and how the
 * process-level tests point the real CLI at a temp copy), else the tool's own folder.
 */
export function projectPaths(overrides: Partial<ProjectPaths> = {}): ProjectPaths {
  const fromEnv = process.env.KYOSO_ROOT;
  const root = overrides.root ?? (fromEnv ? path.resolve(fromEnv) : TOOL_ROOT);
  return {
    root,
    dataDir: overrides.dataDir ?? path.join(root, 'data'),
    templatesDir: overrides.templatesDir ?? path.join(TOOL_ROOT, 'templates'),
    outDir: overrides.outDir ?? path.join(root, 'output'),
  };
}

/** A folder of output/ that belongs to caches, not to a run: never swept, safe to delete. */
export const CACHE_DIR = '.cache';

/** Where font subsets are kept across builds (stages/convert/fonts.ts). */
export function fontCacheDir(paths: Pick<ProjectPaths, 'outDir'>): string {
  return path.join(paths.outDir, CACHE_DIR, 'fonts');
}
