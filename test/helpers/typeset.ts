/**
 * Typesetting measured in the browser, for the tests: which BudouX phrases and formatted
 * values a page splits across lines, the smallest text per role, one-character lines, and the
 * link annotations of a PDF. The page functions are sent as source (inPage).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import type { Page } from 'puppeteer-core';
import { inPage } from '../../src/stages/convert/page-script.ts';

export interface Split {
  text: string;
  lines: number;
  width: number;
  avail: number;
  /** Wider than its box: the split could not be avoided. */
  forced: boolean;
  /** A formatted value or a name (span.value / span.name) rather than a phrase. */
  unit: boolean;
}

/**
 * Runs in the page. Units are the stretches of text between two `<wbr>`/`<br>` of one block
 * (a BudouX phrase), each span.ph (a phrase held together) and the contents of each
 * span.value / span.name. A unit is split when its
 * text lies on more than one line (lines told apart by vertical overlap, so mixed sizes on one
 * line are one line); `forced` when it is wider than the box it sits in.
 */
export function findSplits(rootSelector: string): Split[] {
  const isUnitSpan = (el: Element | null): el is HTMLElement => !!el && el.localName === 'span' && /\b(?:value|name|ph)\b/.test(el.className);
  const isValueSpan = (el: Element | null): boolean => !!el && /\b(?:value|name)\b/.test(el.className);
  const blockOf = (node: Node): HTMLElement => {
    let el = node.nodeType === 1 ? (node as HTMLElement) : node.parentElement;
    while (el && ['inline', 'contents'].includes(getComputedStyle(el).display)) el = el.parentElement;
    return el ?? document.body;
  };
  const availOf = (el: HTMLElement): number => {
    const cs = getComputedStyle(el);
    return el.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight);
  };
  const units = new Map<string, { text: string; rects: DOMRect[]; box: HTMLElement; unit: boolean }>();
  const segment = new Map<HTMLElement, number>();
  const lastWasUnit = new Map<HTMLElement, boolean>();
  const ids = new WeakMap<Element, number>();
  let nextId = 0;
  const idOf = (el: Element): number => {
    let id = ids.get(el);
    if (id === undefined) ids.set(el, (id = nextId++));
    return id;
  };
  const range = document.createRange();
  for (const root of Array.from(document.querySelectorAll(rootSelector))) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 1) {
        const el = n as Element;
        if (el.localName === 'wbr' || el.localName === 'br') {
          const b = blockOf(el);
          segment.set(b, (segment.get(b) ?? 0) + 1);
        }
        continue;
      }
      const text = n as Text;
      if (!text.data.trim()) continue;
      // The outermost unit: a value or name holds phrases; a phrase (span.ph) is one unit.
      const span = text.parentElement?.closest('span.value, span.name') ?? text.parentElement?.closest('span.ph') ?? null;
      let key: string;
      let box: HTMLElement;
      if (isUnitSpan(span)) {
        key = `u${idOf(span)}`;
        box = blockOf(span.parentElement ?? span);
        lastWasUnit.set(box, true);
      } else {
        box = blockOf(text);
        // Text after a value or name span starts a new stretch (the span's edge is a break opportunity).
        if (lastWasUnit.get(box)) segment.set(box, (segment.get(box) ?? 0) + 1);
        lastWasUnit.set(box, false);
        key = `b${idOf(box)}:${segment.get(box) ?? 0}`;
      }
      range.selectNodeContents(text);
      const rects = Array.from(range.getClientRects()).filter((q) => q.width > 0.5 && q.height > 0.5);
      const u = units.get(key) ?? { text: '', rects: [], box, unit: isValueSpan(span) };
      u.text += text.data;
      u.rects.push(...rects);
      units.set(key, u);
    }
  }
  const out: Split[] = [];
  for (const u of units.values()) {
    const lines: DOMRect[] = [];
    for (const q of u.rects) {
      const mid = (q.top + q.bottom) / 2;
      if (!lines.some((l) => mid > l.top && mid < l.bottom)) lines.push(q);
    }
    if (lines.length < 2) continue;
    const width = u.rects.reduce((w, q) => w + q.width, 0);
    const avail = availOf(u.box);
    out.push({ text: u.text.replace(/\s+/g, ''), lines: lines.length, width: Math.round(width), avail: Math.round(avail), forced: width > avail + 0.5, unit: u.unit });
  }
  return out;
}

/** Runs in the page. Lines of body text (p, li, dd, td) that hold a single character. */
export function oneCharacterLines(rootSelector: string): string[] {
  const out: string[] = [];
  const range = document.createRange();
  for (const block of Array.from(document.querySelectorAll(`${rootSelector} :is(p, li, dd, td)`))) {
    const lines: Array<{ top: number; bottom: number; chars: string }> = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      for (let i = 0; i < t.data.length; i++) {
        const ch = t.data[i] ?? '';
        if (!ch.trim()) continue;
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const q = range.getBoundingClientRect();
        if (q.width < 0.5) continue;
        const mid = (q.top + q.bottom) / 2;
        const line = lines.find((l) => mid > l.top && mid < l.bottom);
        if (line) line.chars += ch;
        else lines.push({ top: q.top, bottom: q.bottom, chars: ch });
      }
    }
    // A one-line cell holding one character (学, 官, 産) is its content, not a stray line.
    if (lines.length > 1) for (const l of lines) if ([...l.chars].length === 1) out.push(`${l.chars} in ${(block.textContent ?? '').slice(0, 30)}`);
  }
  return out;
}

/** Runs in the page. Per slide: the smallest text of each role (`--role: small` or body). */
export function slideFontSizes(): Array<{ slide: number; minBody: number; minSmall: number; body: number; small: number }> {
  return Array.from(document.querySelectorAll<HTMLElement>('div.marpit > section')).map((section, i) => {
    const cs = getComputedStyle(section);
    let minBody = Number.POSITIVE_INFINITY;
    let minSmall = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const size = Number.parseFloat(style.fontSize);
      if (style.getPropertyValue('--role').trim() === 'small') minSmall = Math.min(minSmall, size);
      else minBody = Math.min(minBody, size);
    }
    return { slide: i + 1, minBody, minSmall, body: Number.parseFloat(cs.getPropertyValue('--body')), small: Number.parseFloat(cs.getPropertyValue('--small')) };
  });
}

export async function splitsIn(page: Page, rootSelector: string): Promise<Split[]> {
  return (await page.evaluate(inPage(findSplits, rootSelector))) as Split[];
}

/** Every link annotation's URI, per page (1-based). */
export async function linkUris(file: string): Promise<Map<number, string[]>> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const out = new Map<number, string[]>();
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const uris: string[] = [];
    for (let j = 0; j < (annots?.size() ?? 0); j++) {
      const a = annots?.lookupMaybe(j, PDFDict);
      if (a?.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Link') continue;
      const uri = a.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
      if (uri instanceof PDFString || uri instanceof PDFHexString) uris.push(uri.decodeText());
    }
    out.set(i + 1, uris);
  });
  return out;
}

/** http(s) URLs and e-mail addresses in the data files of an edition (what must be linked). */
export async function linkableInData(dataDir: string, files: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const rel of files) {
    const text = await readFile(path.join(dataDir, rel), 'utf8');
    for (const m of text.matchAll(/https?:\/\/[!#$%&*+,\-./0-9:;=?@A-Z_a-z~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
      found.add(m[0].replace(/[.,;:!?)]+$/, ''));
    }
  }
  return [...found].sort();
}
