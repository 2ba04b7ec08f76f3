/**
 * Drawing on one PowerPoint slide in the theme's units: positions and sizes in CSS px of the
 * 1280×720 slide (1 px = 1/96 in = 0.75 pt), text as paragraphs of runs with a theme style.
 * Every text is measured with the bundled font before it is placed (textfit.ts), so a box is
 * as tall as its text needs, and a box whose size is fixed records a problem when its text
 * would not fit — the build then fails naming the slide and its data, like the PDF's overflow
 * check.
 * pptxgenjs mutates the option objects it is given (cells inherit table options, runs get
 * paragraph options written into them), so every call here builds fresh objects. Every run
 * gets the font and `lang="ja-JP"`; exact line spacing in points everywhere, so a box's height
 * is lines × pitch in PowerPoint and LibreOffice alike.
 */
import type { BorderProps, ShapeName, ShapeProps, Slide, TableCell, TableCellProps, TableRow, TextProps, TextPropsOptions } from './pptxgen-types.ts';
import type { Message } from '../../shared/values.ts';
import { lineCount, naturalWidth, type FontMetrics } from '../../stages/convert/textfit.ts';
import { PPTX_FONT } from '../../stages/postprocess/pptx-xml.ts';
import { hrefOf, linkSpans } from '../../stages/render/phrases.ts';
import { breakByPhrase, breaking, measureRuns, roomOf, type Breaking } from './line-breaks.ts';
import { shadedPlaceholders } from './tbd.ts';
import type { TextStyle } from './theme.ts';

export const SLIDE_W = 1280;
export const SLIDE_H = 720;
const inch = (px: number): number => px / 96;
const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

export interface Run {
  text: string;
  bold?: boolean;
  color?: string;
  size?: number;
  /** Background behind the characters (an inline label). */
  highlight?: string;
  /** A link (underlined, in the run's colour). */
  link?: string;
}

export interface Para {
  runs: Run[];
  style: TextStyle;
  align?: 'left' | 'center' | 'right';
  bullet?: 'disc' | 'number';
  /** With a bullet: where the text starts, px (the marker hangs before it). */
  indent?: number;
  /** With a bullet: the list's nesting below the first (0), each level one `indent` further in. */
  level?: number;
  /** Space after the paragraph in px (not after the last one of a box). */
  spaceAfter?: number;
}

/** One paragraph of text in a style. */
export function para(text: string | Run[], style: TextStyle, opts: Omit<Para, 'runs' | 'style'> = {}): Para {
  return { runs: typeof text === 'string' ? [{ text }] : text, style, ...opts };
}

export interface Box {
  x: number;
  y: number;
  w: number;
  /** Fixed height; omitted: as tall as the text (plus insets). */
  h?: number;
}

export interface Line {
  color: string;
  /** px */
  width: number;
  dash?: boolean;
}

export type ShapeKind = 'rect' | 'roundRect' | 'round2SameRect' | 'ellipse' | 'triangle' | 'line';

export interface Look {
  /** [top, right, bottom, left] px between the box and its text. */
  inset?: [number, number, number, number];
  valign?: 'top' | 'middle' | 'bottom';
  fill?: string;
  line?: Line;
  shape?: ShapeKind;
  /** Corner radius in px (roundRect). */
  radius?: number;
  rotate?: number;
  /** Extra space between characters, px. */
  charSpacing?: number;
  /** Name in PowerPoint's selection pane. */
  name?: string;
  /** What the box shows, for an overflow message (defaults to the start of its text). */
  what?: Message;
}

export interface Problem {
  what: Message;
  need: number;
  room: number;
}

type Border = { color: string; width: number } | null;

export interface Cell {
  paras: Para[];
  colspan?: number;
  rowspan?: number;
  fill?: string;
  valign?: 'top' | 'middle';
  /** [top, right, bottom, left]; null = no line; omitted = the table's border. */
  borders?: [Border, Border, Border, Border];
  /** [top, right, bottom, left] px; omitted = the table's padding. */
  padding?: [number, number, number, number];
}

export interface TableLook {
  /** Cell padding [top, right, bottom, left] px. */
  padding: [number, number, number, number];
  border: Border;
  name: string;
}

const short = (text: string): string => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

export class SlideCanvas {
  /** The lowest edge of the content drawn so far (px). */
  bottom = 0;
  readonly problems: Problem[] = [];

  constructor(
    readonly slide: Slide,
    readonly metrics: FontMetrics,
    /** The theme's link colour (`a { color }`): URLs and e-mail addresses in text become links, as in the HTML. */
    readonly linkColor?: string,
    /** How this slide breaks its lines (line-breaks.ts). */
    readonly lines: Breaking = breaking(),
  ) {}

  // ------------------------------------------------------------------ measuring

  /** Height in px of paragraphs set in `width`. */
  heightOf(paras: readonly Para[], width: number): number {
    return heightOf(this.metrics, paras, width, this.lines);
  }

  /** Width in px of a paragraph on one line (a label's natural width). */
  widthOf(p: Para): number {
    return widthOf(this.metrics, p);
  }

  /** Records a problem when `need` exceeds `room` (half a pixel of rounding is not one). */
  check(what: Message, need: number, room: number): void {
    if (need > room + 0.5) this.problems.push({ what, need: Math.ceil(need), room: Math.floor(room) });
  }

  // ------------------------------------------------------------------ drawing

  /** A text box (or a shape with text); returns its height. */
  text(box: Box, given: readonly Para[], look: Look = {}): number {
    let paras = given;
    const [t0, r0, b0, l0] = look.inset ?? [0, 0, 0, 0];
    // A preset shape sets its text inside its own text rectangle (a rounded rectangle's is
    // inset by ~0.29 × the corner radius): that inset counts towards the box's padding.
    const g = textRectInset(look, box.w, box.h ?? Number.POSITIVE_INFINITY);
    const [t, r, b, l] = [Math.max(0, t0 - g.y), Math.max(0, r0 - g.x), Math.max(0, b0 - g.y), Math.max(0, l0 - g.x)];
    // Vertically a text taller than the text rectangle spills over it (nothing clips), so
    // only the box's own padding counts there.
    paras = withLineBreaks(this.metrics, paras, box.w - l - r - 2 * g.x, this.lines);
    const need = brokenHeightOf(this.metrics, paras, box.w - l - r - 2 * g.x) + t0 + b0;
    const h = box.h ?? need;
    if (box.h !== undefined) {
      const first = paras.flatMap((p) => p.runs.map((x) => x.text)).join('');
      this.check(look.what ?? { ja: `「${short(first)}」の枠`, en: `the box "${short(first)}"` }, need, h);
    }
    const options: TextPropsOptions = {
      x: inch(box.x),
      y: inch(box.y),
      w: inch(box.w),
      h: inch(h),
      // pptxgenjs reads a text box's margin as [left, right, bottom, top] (points).
      margin: [pt(l), pt(r), pt(b), pt(t)],
      valign: look.valign ?? 'top',
      fontFace: PPTX_FONT,
      lang: 'ja-JP',
      ...shapeOptions(look),
    };
    if (look.charSpacing) options.charSpacing = pt(look.charSpacing);
    this.slide.addText(runsOf(paras, this.linkColor), options);
    this.grow(box.y + h);
    return h;
  }

  /** A shape without text. */
  shape(kind: ShapeKind, box: Required<Box>, look: Look = {}): void {
    const options: ShapeProps = { x: inch(box.x), y: inch(box.y), w: inch(box.w), h: inch(box.h), ...shapeOptions({ ...look, shape: kind }) };
    delete (options as { shape?: unknown }).shape;
    this.slide.addShape(kind as ShapeName, options);
    this.grow(box.y + box.h);
  }

  /**
   * A table: `colW` px per grid column, `rows` in the HTML convention (cells covered by a
   * rowspan or colspan are left out). Row heights come from the measured cell contents; a
   * spanning cell that needs more than its rows gives the difference to its last row.
   */
  table(x: number, y: number, colW: readonly number[], rows: readonly Cell[][], look: TableLook): number {
    const placed: Array<{ cell: Cell; row: number; col: number; need: number }> = [];
    const broken = new Map<Cell, readonly Para[]>();
    const taken = new Set<string>();
    rows.forEach((cells, row) => {
      let col = 0;
      for (const cell of cells) {
        while (taken.has(`${row},${col}`)) col++;
        const cs = cell.colspan ?? 1;
        const rs = cell.rowspan ?? 1;
        for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken.add(`${row + dr},${col + dc}`);
        const width = colW.slice(col, col + cs).reduce((a, b) => a + b, 0);
        const [pt_, pr, pb, pl] = cell.padding ?? look.padding;
        broken.set(cell, withLineBreaks(this.metrics, cell.paras, width - pl - pr, this.lines));
        placed.push({ cell, row, col, need: brokenHeightOf(this.metrics, broken.get(cell)!, width - pl - pr) + pt_ + pb });
        col += cs;
      }
    });
    const rowH = rows.map(() => 0);
    for (const p of placed) if ((p.cell.rowspan ?? 1) === 1) rowH[p.row] = Math.max(rowH[p.row]!, p.need);
    for (const p of placed) {
      const rs = p.cell.rowspan ?? 1;
      if (rs === 1) continue;
      const have = rowH.slice(p.row, p.row + rs).reduce((a, b) => a + b, 0);
      if (p.need > have) rowH[p.row + rs - 1]! += p.need - have;
    }
    const border = (b: Border): BorderProps => (b ? { type: 'solid', pt: pt(b.width), color: b.color } : { type: 'none' });
    const tableRows: TableRow[] = rows.map((cells) =>
      cells.map((cell) => {
        const sides = cell.borders ?? [look.border, look.border, look.border, look.border];
        const [pt_, pr, pb, pl] = cell.padding ?? look.padding;
        const options: TableCellProps = {
          // Table cell margins are [top, right, bottom, left] in points when the first is ≥ 1
          // (below 1 pptxgenjs takes inches), so the top is kept at 1 pt at least.
          margin: [Math.max(1, pt(pt_)), pt(pr), pt(pb), pt(pl)],
          valign: cell.valign ?? 'top',
          border: [border(sides[0]), border(sides[1]), border(sides[2]), border(sides[3])],
          fontFace: PPTX_FONT,
          lang: 'ja-JP',
        };
        if (cell.fill) options.fill = { color: cell.fill };
        if (cell.colspan && cell.colspan > 1) options.colspan = cell.colspan;
        if (cell.rowspan && cell.rowspan > 1) options.rowspan = cell.rowspan;
        return { text: runsOf(broken.get(cell) ?? cell.paras, this.linkColor) as TableCell[], options };
      }),
    );
    const height = rowH.reduce((a, b) => a + b, 0);
    this.slide.addTable(tableRows, {
      x: inch(x),
      y: inch(y),
      w: inch(colW.reduce((a, b) => a + b, 0)),
      colW: colW.map(inch),
      rowH: rowH.map(inch),
      autoPage: false,
      objectName: look.name,
    });
    this.grow(y + height);
    return height;
  }

  grow(bottom: number): void {
    this.bottom = Math.max(this.bottom, bottom);
  }
}

/**
 * How far a preset shape's text rectangle lies inside its box (DrawingML presetShapeDefinitions:
 * roundRect `il = 0.29289 × radius`; an ellipse's is the inscribed rectangle; round2SameRect
 * pptxgenjs cannot size, so it keeps the preset's 16.667 % corner).
 */
export function textRectInset(look: Pick<Look, 'shape' | 'radius'>, w: number, h: number): { x: number; y: number } {
  const ss = Math.min(w, h);
  switch (look.shape) {
    case 'roundRect': {
      const r = Math.min(look.radius ?? ss * 0.16667, ss / 2);
      return { x: r * 0.29289, y: r * 0.29289 };
    }
    case 'round2SameRect': {
      const r = ss * 0.16667 * 0.29289;
      return { x: r, y: r / 2 };
    }
    case 'ellipse':
      return { x: w * 0.14645, y: Number.isFinite(h) ? h * 0.14645 : 0 };
    default:
      return { x: 0, y: 0 };
  }
}

/** Every paragraph broken for a box `width` px wide (line-breaks.ts). */
export function withLineBreaks(metrics: FontMetrics, paras: readonly Para[], width: number, how: Breaking = breaking()): Para[] {
  return paras.map((p) => breakByPhrase(metrics, p, width, how));
}

/**
 * Height in px of paragraphs set in `width` (the worse of PowerPoint's and LibreOffice's
 * breaking), as they are drawn: with their line breaks (withLineBreaks).
 */
export function heightOf(metrics: FontMetrics, paras: readonly Para[], width: number, how: Breaking = breaking()): number {
  return brokenHeightOf(metrics, withLineBreaks(metrics, paras, width, how), width);
}

/** Height in px of paragraphs whose line breaks are chosen. */
function brokenHeightOf(metrics: FontMetrics, paras: readonly Para[], width: number): number {
  let h = 0;
  paras.forEach((p, i) => {
    h += lineCount(metrics, measureRuns(p), roomOf(p, width)) * pitch(p);
    if (i < paras.length - 1) h += p.spaceAfter ?? 0;
  });
  return h;
}

/**
 * Width in px of a paragraph set on one line, plus 1 px: a box sized to its text must not
 * wrap it over a rounding (EMU here, 1/100 mm in LibreOffice).
 */
export function widthOf(metrics: FontMetrics, p: Para): number {
  return naturalWidth(metrics, measureRuns(p)) + 1;
}

export function pitch(p: Para): number {
  return p.style.size * p.style.lineHeight;
}

function shapeOptions(look: Look): Partial<TextPropsOptions> {
  const o: Partial<TextPropsOptions> = {};
  if (look.shape) o.shape = look.shape as ShapeName;
  if (look.fill) o.fill = { color: look.fill };
  if (look.line) o.line = { color: look.line.color, width: pt(look.line.width), ...(look.line.dash ? { dashType: 'dash' as const } : {}) };
  if (look.radius !== undefined) o.rectRadius = inch(look.radius);
  if (look.rotate !== undefined) o.rotate = look.rotate;
  if (look.name) o.objectName = look.name;
  return o;
}

/**
 * pptxgenjs text runs for paragraphs: a paragraph ends with `breakLine`, a newline inside a value is a line break
 * within its paragraph (`softBreakBefore`), paragraph options on every run (pptxgenjs takes them from each; the
 * post-processor keeps the first); links and placeholders (（要確認）, shaded: tbd.ts) are runs of their own.
 */
function runsOf(paras: readonly Para[], linkColor?: string): TextProps[] {
  const out: TextProps[] = [];
  const linked = (r: Run): Run[] => {
    const spans = r.link || !linkColor ? [] : linkSpans(r.text);
    if (!spans.some((s) => s.link)) return r.link ? [r] : shadedPlaceholders(r);
    return spans.flatMap((s) => (s.link ? [{ ...r, text: s.text, link: hrefOf(s.text), color: linkColor }] : shadedPlaceholders({ ...r, text: s.text })));
  };
  paras.forEach((p, pi) => {
    const pieces = p.runs.flatMap((r) => r.text.split('\n').flatMap((text, i) => linked({ ...r, text }).map((x, j) => ({ ...x, soft: i > 0 && j === 0 }))));
    if (pieces.length === 0) pieces.push({ text: '', soft: false });
    pieces.forEach((r, ri) => {
      const options: TextPropsOptions = {
        fontFace: PPTX_FONT,
        lang: 'ja-JP',
        fontSize: pt(r.size ?? p.style.size),
        bold: r.bold ?? p.style.bold,
        color: r.color ?? p.style.color,
        align: p.align ?? 'left',
        lineSpacing: pt(pitch(p)),
      };
      if (r.highlight) options.highlight = r.highlight;
      if (r.link) {
        options.hyperlink = { url: r.link };
        options.underline = { style: 'sng' };
      }
      if (p.spaceAfter && pi < paras.length - 1) options.paraSpaceAfter = pt(p.spaceAfter);
      if (ri === 0 && p.bullet) {
        options.bullet = p.bullet === 'number' ? { type: 'number', indent: pt(p.indent ?? 0) } : { indent: pt(p.indent ?? 0) };
        // pptxgenjs moves a level's text one more indent in, the marker hanging before it.
        if (p.level) options.indentLevel = p.level;
      }
      if (r.soft) options.softBreakBefore = true;
      if (ri === pieces.length - 1 && pi < paras.length - 1) options.breakLine = true;
      out.push({ text: r.text, options });
    });
  });
  return out;
}
