/**
 * Figures of the 公募要領 (guidelines/*.yaml, guideline-parts/*.yaml: `{figure: figures/x.svg,
 * caption, alt}`) name files in the edition folder: each must be there, a file. The schema checks
 * the path's form (inside the folder, .svg or .png); this checks the folder, so a missing file is
 * a located error of validate rather than a failure in the middle of a build.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedFile } from '../../schema/contract.ts';
import type { PathSegment } from '../../shared/datapath.ts';

const KINDS = new Set(['guideline', 'guideline-part']);

/** Every `figure:` of the parsed guideline files whose file is not in `dir`, with where it is written. */
export function missingFigures(dir: string, parsed: readonly ParsedFile[]): { rel: string; path: PathSegment[]; file: string }[] {
  const out: { rel: string; path: PathSegment[]; file: string }[] = [];
  const visit = (rel: string, v: unknown, at: PathSegment[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(rel, x, [...at, i]));
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.figure === 'string' && !isFile(path.join(dir, ...o.figure.split('/')))) out.push({ rel, path: [...at, 'figure'], file: o.figure });
      // `numbering.figure` is how figures are numbered, not one.
      for (const [k, x] of Object.entries(o)) if (k !== 'figure' && !(at.length === 0 && k === 'numbering')) visit(rel, x, [...at, k]);
    }
  };
  for (const f of parsed) if (KINDS.has(f.kind)) visit(f.rel, f.data, []);
  return out;
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
