/**
 * The figures of a 公募要領 (FigureItemSchema: an SVG or PNG in the edition folder): their bytes
 * read once, their pixel size, and the view with each figure's image as a data: URL (the page
 * loads nothing from outside; the DOCX embeds the same bytes). A file that is not there was
 * refused by validation (stages/validate figure check); one removed since is an internal error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Block, Chapter, GuidelineView, Section } from './guideline-view.ts';

export interface FigureFile {
  bytes: Uint8Array;
  type: 'svg' | 'png';
  /** Intrinsic size in CSS pixels (PNG: its pixels; SVG: width/height, else the viewBox). */
  width: number;
  height: number;
}

/** PNG: the IHDR's width and height (bytes 16–23). */
function pngSize(b: Uint8Array): { width: number; height: number } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return b.byteLength >= 24 ? { width: v.getUint32(16), height: v.getUint32(20) } : { width: 0, height: 0 };
}

/** SVG: the root's width and height in px (or unitless), else its viewBox's; 4:3 when it says neither. */
export function svgSize(text: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/iu.exec(text)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`, 'u').exec(root)?.[1];
  const w = Number(attr('width'));
  const h = Number(attr('height'));
  if (w > 0 && h > 0) return { width: w, height: h };
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/u.exec(root);
  if (box && Number(box[1]) > 0 && Number(box[2]) > 0) return { width: Number(box[1]), height: Number(box[2]) };
  return { width: 400, height: 300 };
}

/** Every figure block of the view, in reading order. */
export function figuresOf(view: GuidelineView): Extract<Block, { kind: 'figure' }>[] {
  const fromBlocks = (bs: readonly Block[]) => bs.filter((b): b is Extract<Block, { kind: 'figure' }> => b.kind === 'figure');
  const fromSections = (ss: readonly Section[]): Extract<Block, { kind: 'figure' }>[] => ss.flatMap((s) => [...fromBlocks(s.blocks), ...fromSections(s.sections)]);
  return view.chapters.flatMap((c) => [...fromBlocks(c.blocks), ...fromSections(c.sections)]);
}

/** The figures' files, by their path in the data, read from the edition folder. */
export async function readFigures(view: GuidelineView, editionDir: string): Promise<Map<string, FigureFile>> {
  const out = new Map<string, FigureFile>();
  for (const f of figuresOf(view)) {
    if (out.has(f.src)) continue;
    const bytes = new Uint8Array(await readFile(path.join(editionDir, ...f.src.split('/'))));
    const type = /\.svg$/iu.test(f.src) ? 'svg' : 'png';
    const size = type === 'svg' ? svgSize(new TextDecoder().decode(bytes)) : pngSize(bytes);
    out.set(f.src, { bytes, type, ...size });
  }
  return out;
}

/** The view with each figure's `uri` (a data: URL of its file). */
export function withFigureUris(view: GuidelineView, files: ReadonlyMap<string, FigureFile>): GuidelineView {
  const fill = (bs: Block[]): Block[] =>
    bs.map((b) => {
      if (b.kind !== 'figure') return b;
      const f = files.get(b.src);
      if (!f) throw new Error(`guideline ${view.fileName}: figure ${b.src} was not read`);
      return { ...b, uri: `data:${f.type === 'svg' ? 'image/svg+xml' : 'image/png'};base64,${Buffer.from(f.bytes).toString('base64')}` };
    });
  const sections = (ss: Section[]): Section[] => ss.map((s) => ({ ...s, blocks: fill(s.blocks), sections: sections(s.sections) }));
  const chapters: Chapter[] = view.chapters.map((c) => ({ ...c, blocks: fill(c.blocks), sections: sections(c.sections) }));
  return { ...view, chapters };
}
