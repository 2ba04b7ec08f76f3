/**
 * Stage 4 — convert (slides): the layout decided and checked in the browser, on the page that
 * then prints the PDF and the PNGs.
 *
 * Per slide, the fit: the theme writes every content size as `floor + headroom × --k`
 * (templates/themes/kyoso.css). `fitSlides` finds for each slide the largest --k in [0, 1]
 * (in hundredths) at which nothing leaves the slide, nothing is clipped and no two pieces of
 * text overlap, and leaves the page at those values. A slide that fails even at --k = 0 stays at
 * 0 and is reported, as overflow or overlap. It also reports text below the floor of its role
 * (`--role: small` → `--small`, otherwise `--body`), which only a theme edit can cause.
 *
 * The functions marked "runs in the page" are sent to the page as source text (page-script.ts
 * `inPageWith`, by `fitSlidesScript`): they may use nothing from this module's scope but each
 * other, and every one that fitSlides reaches is in fitSlidesScript's list.
 */
import { inPageWith } from './page-script.ts';

/** What one slide came to. */
export interface SlideLayout {
  /** 0-based slide index. */
  index: number;
  heading: string;
  /** The fit chosen: 0 = every size at its floor, 1 = the theme's sizes. */
  fit: number;
  /** Set when the slide does not fit even at the floors. */
  overflow?: { x: number; y: number; source: string };
  /** Two pieces of text drawn over each other (at the final fit). */
  overlap?: { texts: [string, string]; source: string };
  /** How many values of --k were laid out and measured to find the fit. */
  probes: number;
  /** Smallest text, per role, in px. */
  minBody: number;
  minSmall: number;
  /** The floors the theme declares, in px. */
  floors: { body: number; small: number };
  /** Text below the floor of its role (theme error). */
  belowFloor: Array<{ text: string; size: number; floor: number }>;
}

/** A slide laid out at one value of --k, as the search sees it. Runs in the page. */
interface Measure {
  overflow?: { x: number; y: number; el: Element };
  overlap?: { a: Text; b: Text };
  /** Room left under the content, in px (negative: how far it runs past the bottom): the search's guide. */
  slackY: number;
  /** The text nodes drawn (with a line box): whose sizes are checked against the floors. */
  texts: Text[];
  /**
   * Words broken across lines: a text node holds one phrase or word (the build writes a
   * `<wbr>` between them), so one without a space that lies on two lines was cut inside.
   */
  wordBreaks: number;
}

/** Runs in the page. A CSS length in px (0 when not a number). */
function px(v: string): number {
  return Number.parseFloat(v) || 0;
}

/** Runs in the page. Text nodes of the slide with their line boxes (empty rects dropped). */
function textRects(section: Element): Array<{ node: Text; rects: DOMRect[] }> {
  const out: Array<{ node: Text; rects: DOMRect[] }> = [];
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    if (!node.data.trim()) continue;
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5);
    if (rects.length > 0) out.push({ node, rects });
  }
  return out;
}

/** Runs in the page. Do line boxes of two different text nodes cross by more than 2px each way? */
function anyOverlap(texts: Array<{ node: Text; rects: DOMRect[] }>): boolean {
  const boxes = texts.flatMap((t, owner) => t.rects.map((r) => ({ owner, r }))).sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      // Sorted by top: once b starts within 2px of a's bottom, no later box can cross a by more.
      if (b.r.top >= a.r.bottom - 2) break;
      if (a.owner === b.owner) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 2 && h > 2) return true;
    }
  }
  return false;
}

/**
 * Runs in the page. The first two text nodes drawn over each other, or none. A sweep over the
 * boxes sorted by top says whether any two cross (the pairwise scan alone took up to 18 ms a
 * probe on the programme table); the scan then names the first pair.
 */
function firstOverlap(texts: Array<{ node: Text; rects: DOMRect[] }>): Measure['overlap'] {
  if (!anyOverlap(texts)) return undefined;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      for (const a of texts[i]!.rects) {
        for (const b of texts[j]!.rects) {
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2) return { a: texts[i]!.node, b: texts[j]!.node };
        }
      }
    }
  }
  return undefined;
}

/** Runs in the page. The worst box past the slide's content area (or its own clipping box), if any. */
function worstOverflow(section: HTMLElement): { worst: Measure['overflow']; lowest: number; bottom: number } {
  // Content stays inside the slide's padding: the heading band (section > h1), the draft stamp
  // (header), the footer and the page number own the margins.
  const outer = section.getBoundingClientRect();
  const ss = getComputedStyle(section);
  const box = {
    left: outer.left + px(ss.paddingLeft),
    right: outer.right - px(ss.paddingRight),
    top: outer.top + px(ss.paddingTop),
    bottom: outer.bottom - px(ss.paddingBottom),
  };
  let worst: Measure['overflow'];
  let lowest = box.top;
  for (const el of Array.from(section.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    let x = 0;
    let y = 0;
    if (!el.closest('header, footer, section > h1')) {
      x = Math.max(0, r.right - box.right, box.left - r.left);
      y = Math.max(0, r.bottom - box.bottom, box.top - r.top);
      lowest = Math.max(lowest, r.bottom);
    } else {
      x = Math.max(0, r.right - outer.right, outer.left - r.left);
      y = Math.max(0, r.bottom - outer.bottom, outer.top - r.top);
    }
    // Content cut off by a box that hides its overflow (a map tile, a point box).
    const cs = getComputedStyle(el);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      x = Math.max(x, el.scrollWidth - el.clientWidth);
      y = Math.max(y, el.scrollHeight - el.clientHeight);
    }
    // A pixel of sub-pixel rounding is not an overflow.
    if ((x > 1 || y > 1) && (!worst || x + y > worst.x + worst.y)) worst = { x, y, el };
  }
  // Text that overflows its own box without a taller child (e.g. a long word).
  const sx = section.scrollWidth - section.clientWidth;
  const sy = section.scrollHeight - section.clientHeight;
  if (!worst && (sx > 1 || sy > 1)) worst = { x: Math.max(0, sx), y: Math.max(0, sy), el: section };
  return { worst, lowest, bottom: box.bottom };
}

/** Runs in the page. The slide as laid out now: overflow, overlapping text, room left, words cut. */
function measure(section: HTMLElement): Measure {
  const { worst, lowest, bottom } = worstOverflow(section);
  // Two text nodes whose line boxes cross by more than 2px each way are drawn over each other
  // (an absolutely placed closing line under a long lead, a label over a tile's neighbour).
  const texts = textRects(section);
  const overlap = firstOverlap(texts);
  let wordBreaks = 0;
  for (const t of texts) {
    if (t.rects.length < 2 || /\s/.test(t.node.data.trim()) || t.node.parentElement?.closest('a')) continue;
    const first = t.rects[0]!;
    if (t.rects.some((r) => r.top >= first.bottom - 1)) wordBreaks++;
  }
  return { ...(worst ? { overflow: worst } : {}), ...(overlap ? { overlap } : {}), slackY: bottom - lowest, texts: texts.map((t) => t.node), wordBreaks };
}

/**
 * Runs in the page. The largest hundredth of --k that fits, given the measure at 100 (which did
 * not). Sizes grow with --k, so what fits is a prefix of [0, 100] and any search that brackets
 * the boundary ends on the same value. Each probe lays the slide out again (10–25 ms on a full
 * one), so the search starts where the room left predicts: the slack at 0 and the overrun at 100
 * interpolated, then widened step by doubling step until it brackets the boundary, then halved.
 * Usually 3–4 probes instead of 8. Returns the fit and the measure taken when it was probed.
 */
function searchFit(fits: (hundredths: number) => Measure, ok: (m: Measure) => boolean, at100: Measure): { best: number; m: Measure } {
  const probed = new Map<number, Measure>();
  const probe = (h: number): boolean => {
    const m = fits(h);
    probed.set(h, m);
    return ok(m);
  };
  let lo = -1; // fits (-1: nothing tried yet)
  let hi = 100; // does not fit
  const fitsAt0 = probe(0);
  const at0 = probed.get(0)!;
  if (!fitsAt0) hi = 0;
  else {
    lo = 0;
    const guess = at0.slackY - at100.slackY > 0 ? Math.floor((100 * at0.slackY) / (at0.slackY - at100.slackY)) : 50;
    let at = Math.min(99, Math.max(1, guess));
    let step = 1;
    const up = probe(at);
    if (up) lo = at;
    else hi = at;
    // From the guess: upwards (+1, +2, +4, …) until one does not fit, or downwards until one does.
    while (hi - lo > 1) {
      at = up ? Math.min(hi - 1, lo + step) : Math.max(lo + 1, hi - step);
      const fitted = probe(at);
      if (fitted) lo = at;
      else hi = at;
      if (fitted !== up) break;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (probe(mid)) lo = mid;
    else hi = mid;
  }
  const best = Math.max(lo, 0);
  return { best, m: probed.get(best) ?? at0 };
}

/** Runs in the page. The smallest text per role at the fit, and text below its role's floor (a theme error). */
function sizesAt(section: HTMLElement, texts: readonly Text[]): Pick<SlideLayout, 'floors' | 'minBody' | 'minSmall' | 'belowFloor'> {
  const cs = getComputedStyle(section);
  const floors = { body: px(cs.getPropertyValue('--body')), small: px(cs.getPropertyValue('--small')) };
  let minBody = Number.POSITIVE_INFINITY;
  let minSmall = Number.POSITIVE_INFINITY;
  const belowFloor: SlideLayout['belowFloor'] = [];
  // Sizes are style, not layout: read at the fit without laying the slide out again.
  for (const node of texts) {
    const el = node.parentElement;
    if (!el) continue;
    const style = getComputedStyle(el);
    const size = px(style.fontSize);
    const small = style.getPropertyValue('--role').trim() === 'small';
    if (small) minSmall = Math.min(minSmall, size);
    else minBody = Math.min(minBody, size);
    const floor = small ? floors.small : floors.body;
    if (size < floor - 0.01) belowFloor.push({ text: node.data.trim().slice(0, 30), size, floor });
  }
  return { floors, minBody: Number.isFinite(minBody) ? minBody : 0, minSmall: Number.isFinite(minSmall) ? minSmall : 0, belowFloor };
}

/** Runs in the page. Fits every slide (or those of `only`, 0-based) and reports how each came out. */
export function fitSlides(only?: number[]): SlideLayout[] {
  let probes = 0;
  const sourceOf = (el: Element | null | undefined, section: Element): string =>
    el?.closest('[data-source]')?.getAttribute('data-source') ?? section.querySelector('[data-source]')?.getAttribute('data-source') ?? '';
  const lineOf = (t: Text): string => {
    const block = t.parentElement?.closest('div, p, li, td, th, h1, h2, h3, footer, header') ?? t.parentElement;
    return (block?.textContent ?? t.data).replace(/\s+/g, ' ').trim().slice(0, 40);
  };
  const out: SlideLayout[] = [];
  const sections = Array.from(document.querySelectorAll<HTMLElement>('div.marpit > section'));
  sections.forEach((section, index) => {
    if (only && !only.includes(index)) return;
    const probesBefore = probes;
    const fits = (hundredths: number): Measure => {
      probes++;
      section.style.setProperty('--k', String(hundredths / 100));
      return measure(section);
    };
    /**
     * A slide fits when nothing overflows or overlaps and no word breaks across lines that
     * smaller type (down to the floors) would keep whole: a word wider than its cell shrinks the
     * slide's type before it may break (`wordBreaksAtFloor`, what the floors cannot avoid).
     */
    let wordBreaksAtFloor = 0;
    const ok = (m: Measure): boolean => !m.overflow && !m.overlap && m.wordBreaks <= wordBreaksAtFloor;
    let best = 100;
    let m = fits(100);
    if (m.wordBreaks > 0) {
      // What the floors leave broken (a slide that overflows even there: breaks are not the question).
      const floor = fits(0);
      wordBreaksAtFloor = floor.overflow || floor.overlap ? Number.POSITIVE_INFINITY : floor.wordBreaks;
    }
    if (!ok(m)) {
      ({ best, m } = searchFit(fits, ok, m));
      // Left at the fit, with the measure taken when it was probed: the slide is laid out there
      // once more by the print, not here (one layout less per searched slide, the same bytes).
      section.style.setProperty('--k', String(best / 100));
    }
    const layout: SlideLayout = {
      index,
      probes: probes - probesBefore,
      heading: section.querySelector('h1')?.textContent ?? '',
      fit: best / 100,
      ...sizesAt(section, m.texts),
    };
    if (m.overflow) layout.overflow = { x: Math.round(m.overflow.x), y: Math.round(m.overflow.y), source: sourceOf(m.overflow.el, section) };
    if (m.overlap) layout.overlap = { texts: [lineOf(m.overlap.a), lineOf(m.overlap.b)], source: sourceOf(m.overlap.a.parentElement, section) };
    out.push(layout);
  });
  return out;
}

/** The page script that fits the slides (all, or those of `only`): fitSlides with the helpers it calls. */
export function fitSlidesScript(only?: number[]): string {
  const helpers = [px, textRects, anyOverlap, firstOverlap, worstOverflow, measure, searchFit, sizesAt];
  return only === undefined ? inPageWith(helpers, fitSlides) : inPageWith(helpers, fitSlides, only);
}

/**
 * The fits as a style block for the deck's Markdown, so marp-cli, Marp for VS Code and the HTML
 * viewer lay each slide out as the PDF was (`section[id]` is the slide number Marp gives).
 * Empty when every slide keeps the theme's sizes.
 */
export function fitStyle(fits: readonly number[]): string {
  const rules = fits.map((k, i) => (k < 1 ? `section[id="${i + 1}"] { --k: ${k}; }` : '')).filter(Boolean);
  return rules.length > 0 ? `<style>\n/* Sizes fitted per slide by kyoso-docs (templates/themes/kyoso.css, --k). */\n${rules.join('\n')}\n</style>\n` : '';
}

/** The deck's Markdown with the fits: the style goes right after the front matter. */
export function withFit(markdown: string, fits: readonly number[]): string {
  const style = fitStyle(fits);
  if (!style) return markdown;
  const fm = /^---\n[\s\S]*?\n---\n/.exec(markdown);
  const at = fm ? fm[0].length : 0;
  return `${markdown.slice(0, at)}\n${style}${markdown.slice(at)}`;
}
