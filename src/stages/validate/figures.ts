/**
 * Figures of the 公募要領 (guidelines/*.yaml, guideline-parts/*.yaml: `{figure: figures/x.svg,
 * caption, alt}`) name files in the edition folder: each must be there, a file. The schema checks
 * the path's form (inside the folder, .svg or .png); this checks the folder, so a missing file is
 * a located error of validate rather than a failure in the middle of a build — and the file's
 * kind: a JPEG renamed .png was read as a PNG of 4,718,592 × 4,292,542,531 px, printed by the
 * browser and refused by docx in the middle of the Word build.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedFile } from '../../schema/contract.ts';
import type { PathSegment } from '../../shared/datapath.ts';

const KINDS = new Set(['guideline', 'guideline-part']);

export interface FigureProblem {
  rel: string;
  path: PathSegment[];
  file: string;
  /** Not there (or not a file), or not an image of the kind its name says. */
  problem: 'missing' | 'unreadable';
}

/** Largest side of a PNG figure in px: far above any printed page at 600 dpi. */
const MAX_PNG_SIDE = 20_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether the file's first bytes are those of its kind: a PNG's signature and a sane IHDR, an SVG's root element. */
function looksLike(abs: string, kind: 'png' | 'svg'): boolean {
  const head = Buffer.alloc(4096);
  let n = 0;
  try {
    const fd = openSync(abs, 'r');
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  if (kind === 'svg') return /<svg[\s>]/u.test(head.subarray(0, n).toString('utf8'));
  if (n < 24 || !PNG_SIGNATURE.every((b, i) => head[i] === b) || head.toString('latin1', 12, 16) !== 'IHDR') return false;
  const [width, height] = [head.readUInt32BE(16), head.readUInt32BE(20)];
  return width > 0 && height > 0 && width <= MAX_PNG_SIDE && height <= MAX_PNG_SIDE;
}

/** Every `figure:` of the parsed guideline files whose file is not in `dir` or not its kind of image, with where it is written. */
export function figureProblems(dir: string, parsed: readonly ParsedFile[]): FigureProblem[] {
  const out: FigureProblem[] = [];
  const visit = (rel: string, v: unknown, at: PathSegment[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(rel, x, [...at, i]));
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (typeof o.figure === 'string') {
        const abs = path.join(dir, ...o.figure.split('/'));
        const kind = o.figure.toLowerCase().endsWith('.svg') ? 'svg' : 'png';
        if (!isFile(abs)) out.push({ rel, path: [...at, 'figure'], file: o.figure, problem: 'missing' });
        else if (!looksLike(abs, kind)) out.push({ rel, path: [...at, 'figure'], file: o.figure, problem: 'unreadable' });
      }
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
