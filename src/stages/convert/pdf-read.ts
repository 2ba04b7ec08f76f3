/**
 * Reading Chromium's (and our) PDFs back with pdf-lib: named destinations (the guideline
 * TOC's page numbers come from them), the outline and the page labels. The convert stage
 * needs the first between two prints; post-processing and the tests use the rest.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export const N = (name: string) => PDFName.of(name);

export type PageLabelStyle = 'D' | 'r' | 'R' | 'a' | 'A' | null;

export interface PageLabelRange {
  /** 0-based index of the first page of the range. */
  startIndex: number;
  /** Numbering style; null = no number (prefix only, or nothing). */
  style: PageLabelStyle;
  prefix?: string;
  /** First number of the range (default 1). */
  start?: number;
}

export function pageRefs(doc: PDFDocument): PDFRef[] {
  return doc.getPages().map((p) => p.ref);
}
export interface ReadOutlineItem {
  title: string;
  /** 0-based page index, or null if the destination does not resolve to a page. */
  pageIndex: number | null;
  children: ReadOutlineItem[];
}

function textOf(obj: PDFObject | undefined): string | undefined {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  if (obj instanceof PDFName) return obj.decodeText();
  return undefined;
}

/** Resolve a destination (array, {D: array}, or a name) to a page index. */
function destPage(doc: PDFDocument, dest: PDFObject | undefined, indexOf: Map<string, number>, named?: Map<string, PDFObject>): number | null {
  const resolved = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  if (resolved instanceof PDFDict) return destPage(doc, resolved.get(N('D')), indexOf, named);
  if (resolved instanceof PDFArray) {
    const target = resolved.get(0);
    if (target instanceof PDFRef) return indexOf.get(target.toString()) ?? null;
    if (target instanceof PDFNumber) return target.asNumber();
    return null;
  }
  const name = textOf(resolved);
  if (name !== undefined && named) return destPage(doc, named.get(name), indexOf);
  return null;
}

function refIndex(doc: PDFDocument): Map<string, number> {
  return new Map(pageRefs(doc).map((r, i) => [r.toString(), i]));
}

/** Raw named destinations: /Names /Dests name tree and the older catalog /Dests dict. */
function rawNamedDests(doc: PDFDocument): Map<string, PDFObject> {
  const out = new Map<string, PDFObject>();
  const { catalog, context } = doc;
  const oldDests = catalog.lookupMaybe(N('Dests'), PDFDict);
  if (oldDests) {
    for (const [key, value] of oldDests.entries()) out.set(key.decodeText(), value);
  }
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 64) return;
    const names = node.lookupMaybe(N('Names'), PDFArray);
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = textOf(context.lookup(names.get(i)));
        if (key !== undefined) out.set(key, names.get(i + 1));
      }
    }
    const kids = node.lookupMaybe(N('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(catalog.lookupMaybe(N('Names'), PDFDict)?.lookupMaybe(N('Dests'), PDFDict), 0);
  return out;
}

/** name → 0-based page index for every named destination (e.g. Chromium's link targets). */
export async function readNamedDestinations(bytes: Uint8Array): Promise<Map<string, number>> {
  return namedDestinations(await PDFDocument.load(bytes, { updateMetadata: false }));
}

function namedDestinations(doc: PDFDocument): Map<string, number> {
  const indexOf = refIndex(doc);
  const out = new Map<string, number>();
  for (const [name, dest] of rawNamedDests(doc)) {
    const page = destPage(doc, dest, indexOf);
    if (page !== null) out.set(name, page);
  }
  return out;
}

export interface DestinationPoint {
  page: number;
  /** pt from the page's bottom edge. */
  y: number;
  pageHeight: number;
  /** Pages of the document. */
  pages: number;
}

/**
 * Where a named destination points: its page, the height (pt from the page's bottom edge) of
 * an `/XYZ` destination, and that page's height. Chromium writes `[page /XYZ x y zoom]` for
 * each link target, so this says where an element begins on its page.
 */
export async function readDestinationPoint(bytes: Uint8Array, name: string): Promise<DestinationPoint | undefined> {
  return destinationPoint(await PDFDocument.load(bytes, { updateMetadata: false }), name);
}

function destinationPoint(doc: PDFDocument, name: string): DestinationPoint | undefined {
  const dest = rawNamedDests(doc).get(name);
  const resolved = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  const array = resolved instanceof PDFDict ? resolved.lookupMaybe(N('D'), PDFArray) : resolved instanceof PDFArray ? resolved : undefined;
  const page = array ? destPage(doc, array, refIndex(doc)) : null;
  const y = array?.lookupMaybe(3, PDFNumber)?.asNumber();
  if (page === null || y === undefined) return undefined;
  return { page, y, pageHeight: doc.getPage(page).getHeight(), pages: doc.getPageCount() };
}

/**
 * Both of a print at once, from one parse (a 公募要領 is printed 2–3 times and read back after
 * each; pdf-lib's load of one is 35–100 ms of this process's time between two prints): every
 * named destination's page, and where `name` points.
 */
export async function readPrintedLayout(bytes: Uint8Array, name: string): Promise<{ destinations: Map<string, number>; point: DestinationPoint | undefined }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return { destinations: namedDestinations(doc), point: destinationPoint(doc, name) };
}

/** The outline (bookmarks) tree with page indices. */
export async function readOutline(bytes: Uint8Array): Promise<ReadOutlineItem[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const indexOf = refIndex(doc);
  const named = rawNamedDests(doc);
  const seen = new Set<PDFDict>();
  const siblings = (first: PDFDict | undefined): ReadOutlineItem[] => {
    const items: ReadOutlineItem[] = [];
    for (let node = first; node && !seen.has(node); node = node.lookupMaybe(N('Next'), PDFDict)) {
      seen.add(node);
      let dest = node.get(N('Dest'));
      if (!dest) {
        const action = node.lookupMaybe(N('A'), PDFDict);
        if (action?.lookupMaybe(N('S'), PDFName) === N('GoTo')) dest = action.get(N('D'));
      }
      items.push({
        title: textOf(node.lookup(N('Title'))) ?? '',
        pageIndex: destPage(doc, dest, indexOf, named),
        children: siblings(node.lookupMaybe(N('First'), PDFDict)),
      });
    }
    return items;
  };
  return siblings(doc.catalog.lookupMaybe(N('Outlines'), PDFDict)?.lookupMaybe(N('First'), PDFDict));
}

/** The /PageLabels ranges as written (flat number tree). */
export async function readPageLabels(bytes: Uint8Array): Promise<PageLabelRange[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const nums = doc.catalog.lookupMaybe(N('PageLabels'), PDFDict)?.lookupMaybe(N('Nums'), PDFArray);
  const out: PageLabelRange[] = [];
  if (!nums) return out;
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    const start = nums.lookup(i, PDFNumber).asNumber();
    const dict = nums.lookup(i + 1, PDFDict);
    const style = dict.lookupMaybe(N('S'), PDFName)?.decodeText() as PageLabelStyle | undefined;
    const prefix = textOf(dict.lookup(N('P')));
    const st = dict.lookupMaybe(N('St'), PDFNumber)?.asNumber();
    out.push({
      startIndex: start,
      style: style ?? null,
      ...(prefix !== undefined ? { prefix } : {}),
      ...(st !== undefined ? { start: st } : {}),
    });
  }
  return out;
}
