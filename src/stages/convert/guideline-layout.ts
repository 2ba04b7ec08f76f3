/**
 * Stage 4 — convert (guidelines): the layout checks of a 公募要領, measured in the page before it
 * is printed. Chromium prints content wider than the page by shrinking the WHOLE document
 * (one 203-character code line took the body text from 10.5 to 6.3 pt) and still cuts the
 * line at the edge, so anything wider than the text block, or text below the floor, fails the
 * build instead (OVERFLOW, naming the chapter and its data).
 */

/** A4 text block width: 210 mm less the 20 mm margins either side (guideline.css @page), in CSS px. */
export const GUIDELINE_TEXT_WIDTH_PX = ((210 - 40) / 25.4) * 96;
/** Smallest type the document may print (the cell notes are 8.5 pt). */
export const GUIDELINE_MIN_FONT_PT = 8;

export interface GuidelineFault {
  /** id of the chapter heading (`ch-3`), '' outside the chapters (cover, TOC). */
  chapterId: string;
  what: 'wide' | 'small';
  /** The start of the offending text. */
  text: string;
  /** mm beyond the text block ('wide'), or the size in pt ('small'). */
  amount: number;
}

/** Runs in the page (print media, viewport as wide as the text block). */
export function checkGuidelinePage(minFontPt: number): GuidelineFault[] {
  const faults: GuidelineFault[] = [];
  // The body is the text block (the viewport is set to its width; a scrollbar may narrow it).
  const right = document.body.getBoundingClientRect().right;
  const chapterOf = (el: Element): string => el.closest('section.chapter')?.querySelector('h1[id]')?.id ?? '';
  const textOf = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
  const seen = new Set<string>();
  const depth = (el: Element): number => {
    let d = 0;
    for (let p = el.parentElement; p; p = p.parentElement) d++;
    return d;
  };
  // Wider than the text block: an element whose box, or whose content (a `pre` line), runs past
  // it. Per chapter the deepest such element is the one that holds the offending text.
  const wide = new Map<string, { el: Element; over: number; depth: number }>();
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const over = Math.max(r.right - right, r.left + el.scrollWidth - right, -r.left);
    // An element around the chapters (main) overflows because of one of them.
    if (over <= 1 || el.querySelector('section.chapter')) continue;
    const chapterId = chapterOf(el);
    const d = depth(el);
    const known = wide.get(chapterId);
    if (!known || d > known.depth) wide.set(chapterId, { el, over: Math.max(over, known?.over ?? 0), depth: d });
  }
  for (const [chapterId, w] of wide) {
    faults.push({ chapterId, what: 'wide', text: textOf(w.el), amount: Math.round((w.over / 96) * 25.4 * 10) / 10 });
  }
  // Text below the floor.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim()) continue;
    const pt = (Number.parseFloat(getComputedStyle(el).fontSize) * 72) / 96;
    if (pt < minFontPt - 0.01) {
      const chapterId = chapterOf(el);
      if (seen.has(`small:${chapterId}`)) continue;
      seen.add(`small:${chapterId}`);
      faults.push({ chapterId, what: 'small', text: textOf(el), amount: Math.round(pt * 10) / 10 });
    }
  }
  return faults;
}
