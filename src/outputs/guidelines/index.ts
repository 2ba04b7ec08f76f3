/**
 * The guidelines (公募要領) stage: one A4 PDF per call of the edition that has
 * prose in data/<edition>/guidelines/<call>.yaml.
 *   render (view-model → HTML) → convert (two-pass print) → post-process (pdf-lib).
 * Bytes stay in memory; build() publishes them.
 */
import path from 'node:path';
import type { BuildContext } from '../../app/build.ts';
import type { ValidEdition } from '../../app/editions.ts';
import { msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { printGuideline } from '../../stages/convert/print-guideline.ts';
import { watermarkFontBytes } from '../../stages/convert/fonts.ts';
import { postprocessPdf, type Attachment, type OutlineEntry, type PageLabelRange } from '../../stages/postprocess/pdf.ts';
import { guidelineView, renderGuidelineHtml, type GuidelineView, type TocPages } from '../../stages/render/guideline-view.ts';

export interface GuidelineSelection {
  /** Build only these calls' guidelines (the incremental build passes the stale ones); default all. */
  calls?: readonly string[];
}

/** File name of each guideline PDF (under output/<edition>/guidelines/) → bytes. */
export async function buildGuidelines(valid: ValidEdition, ctx: BuildContext, selection: GuidelineSelection = {}): Promise<Map<string, Uint8Array>> {
  const { edition, loaded } = valid;
  const out = new Map<string, Uint8Array>();
  for (const call of edition.calls) {
    if (selection.calls && !selection.calls.includes(call.id)) continue;
    const guide = edition.guidelines.find((g) => g.call === call.id);
    if (!guide) {
      ctx.warn(t(msg(`  ${edition.id}: 公募「${call.name}」の公募要領の本文（guidelines/${call.id}.yaml）がないため、公募要領を作りません`, `  ${edition.id}: no guidelines/${call.id}.yaml for call "${call.id}"; its guideline is skipped`)));
      continue;
    }
    const view = guidelineView(edition, call, guide);

    // convert: print twice so the TOC carries the pages the first print found.
    const printed = await printGuideline(
      ctx.session,
      (dests) => renderGuidelineHtml(ctx.paths.templatesDir, view, dests && tocPages(view, dests)),
      { allowedRoots: ctx.allowedRoots, name: `${edition.id}/${view.fileName}` },
    );
    const bodyStart = printed.destinations.get(view.chapters[0]!.id) ?? 2;

    // post-process: metadata, outline, page labels, watermark, data attachments.
    const byRel = new Map(loaded.files.map((f) => [f.rel, f.source.text]));
    const attachments: Attachment[] = view.sources.map((rel) => ({
      name: path.posix.join(edition.id, rel),
      bytes: new TextEncoder().encode(byRel.get(rel) ?? ''),
      mimeType: 'application/yaml',
      description: `data/${path.posix.join(edition.id, rel)}`,
    }));
    const pageLabels: PageLabelRange[] = [
      { startIndex: 0, style: null, prefix: '表紙' },
      { startIndex: 1, style: 'r' },
      { startIndex: bodyStart, style: 'D' },
    ];
    const pdf = await postprocessPdf(printed.pdf, {
      version: ctx.version,
      title: view.title,
      author: view.author,
      subject: view.subject,
      keywords: view.keywords,
      lang: 'ja-JP',
      date: ctx.date,
      deterministic: true,
      outline: outline(view, printed.destinations),
      pageLabels,
      // The same 案 the slides stamp, from the edition's labels.
      ...(view.isDraft ? { watermark: { text: edition.meta.labels.draftMark, fontBytes: await watermarkFontBytes(edition.meta.labels.draftMark), opacity: 0.12 } } : {}),
      attachments,
    });
    out.set(view.fileName, pdf);
  }
  return out;
}

/** Printed footer numbers: body pages count from 1 at the first chapter. */
function tocPages(view: GuidelineView, dests: Map<string, number>): TocPages {
  const start = dests.get(view.chapters[0]!.id) ?? 0;
  const pages: TocPages = new Map();
  for (const [id, index] of dests) pages.set(id, String(index - start + 1));
  return pages;
}

/** Bookmarks: one per chapter (`第1章 …`), its sections below it, closed. */
function outline(view: GuidelineView, dests: Map<string, number>): OutlineEntry[] {
  const at = (id: string): number => {
    const page = dests.get(id);
    if (page === undefined) throw new Error(`guideline ${view.fileName}: no page for #${id} (Chromium wrote no named destination)`);
    return page;
  };
  return view.chapters.map((c) => ({
    title: `${c.label} ${c.title}`,
    pageIndex: at(c.id),
    open: false,
    children: c.sections.map((s) => ({ title: `${s.number} ${s.title}`, pageIndex: at(s.id) })),
  }));
}
