/**
 * Where each part of an edition prints what it read (the 新旧対照表's place column): the slides of
 * the deck, and the cover and chapters of each 公募要領, from the view-models' own read records.
 */
import { deckView } from '../../stages/render/deck-view.ts';
import { guidelineView } from '../../stages/render/guideline-view.ts';
import { pathKey, type ReadRecord } from '../../shared/reads.ts';
import { sourceOf } from '../../schema/edition-paths.ts';
import type { Edition } from '../../schema/index.ts';

/** A step of a data path: object key, array index, or an entity matched by its key. */
export type Seg = string | number | { key: string };

/**
 * Where each part of an edition prints what it read: the slides of the deck, and the cover
 * and chapters of each 公募要領. Read from the view-models' own records (shared/reads.ts),
 * so a new slide or chapter is placed the moment it prints something.
 */
interface Printers {
  slides: Array<{ id: string; label: string; reads: ReadRecord }>;
  guidelines: Array<{ call: string; callName: string; docTitle: string; parts: Array<{ label: string; reads: ReadRecord }> }>;
}

const printerCache = new WeakMap<Edition, Printers>();

function printers(ed: Edition): Printers {
  let p = printerCache.get(ed);
  if (!p) {
    const slides = deckView(ed).slides.map((s, i) => ({ id: s.id, label: `スライド${i + 1}「${s.title}」`, reads: s.reads }));
    const guidelines = ed.calls.flatMap((call) => {
      const guide = ed.guidelines.find((g) => g.call === call.id);
      if (!guide) return [];
      const view = guidelineView(ed, call, guide);
      const parts = [{ label: '表紙・目次', reads: view.reads }, ...view.chapters.map((c) => ({ label: `${c.label}「${c.title}」`, reads: c.reads }))];
      return [{ call: call.id, callName: call.name, docTitle: guide.title, parts }];
    });
    p = { slides, guidelines };
    printerCache.set(ed, p);
  }
  return p;
}

/** Where a value is printed; with `only`, the slides (by id) and 公募要領 (by call) it keeps. */
export function placeOf(ed: Edition, path: readonly Seg[], only?: { slide: (id: string) => boolean; guide: (call: string) => boolean }): string {
  const key = pathKey(path);
  const { slides, guidelines } = printers(ed);
  const mine = (call: string) => !only || only.guide(call);
  const parts = slides.filter((s) => s.reads.reads(key) && (!only || only.slide(s.id))).map((s) => s.label);
  // 公募要領（共創分野・地域共創分野）第9章「問い合わせ先」: one entry per part, naming every call that prints it.
  const byPart = new Map<string, { docTitle: string; calls: string[] }>();
  for (const g of guidelines.filter((x) => mine(x.call))) {
    for (const part of g.parts) {
      if (!part.reads.reads(key)) continue;
      const entry = byPart.get(part.label) ?? { docTitle: g.docTitle, calls: [] };
      entry.calls.push(g.callName);
      byPart.set(part.label, entry);
    }
  }
  for (const [label, { docTitle, calls }] of byPart) parts.push(`${docTitle}（${calls.join('・')}）${label}`);
  return parts.length ? parts.join('／') : (ed.sources[sourceOf(path)?.source ?? String(path[0])] ?? '');
}
