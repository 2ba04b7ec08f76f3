/**
 * The 公募要領 of one call (`guidelines/<call>.pdf`), for each call that has prose in
 * data/<edition>/guidelines/<call>.yaml:
 *   render (view-model → HTML) → convert (two-pass print) → post-process (pdf-lib).
 */
import path from 'node:path';
import { filesRead } from '../../schema/edition-paths.ts';
import { fail } from '../../shared/errors.ts';
import type { Attachment, OutlineEntry, PageLabelRange } from '../../stages/postprocess/pdf.ts';
import type { GuidelineView, Section, TocPages } from '../../stages/render/guideline-view.ts';
import { t } from '../../shared/i18n.ts';
import { fontCacheDir } from '../../shared/paths.ts';
import type { Output } from '../types.ts';

export const GUIDELINE_TEMPLATES: readonly string[] = ['guidelines/**/*'];

/** Printed footer numbers: body pages count from 1 at the first chapter. */
function tocPages(view: GuidelineView, dests: Map<string, number>): TocPages {
  const start = dests.get(view.chapters[0]!.id) ?? 0;
  const pages: TocPages = new Map();
  for (const [id, index] of dests) pages.set(id, String(index - start + 1));
  return pages;
}

/** Bookmarks: one per chapter (`第1章 …`), its sections and subsections below it (as deep as the TOC), closed. */
function outline(view: GuidelineView, dests: Map<string, number>): OutlineEntry[] {
  const at = (id: string): number => {
    const page = dests.get(id);
    if (page === undefined) throw new Error(`guideline ${view.fileName}: no page for #${id} (Chromium wrote no named destination)`);
    return page;
  };
  const below = (list: Section[], depth: number): OutlineEntry[] =>
    depth > view.tocDepth
      ? []
      : list.map((s) => {
          const children = below(s.sections, depth + 1);
          return { title: `${s.number} ${s.title}`, pageIndex: at(s.id), ...(children.length ? { children, open: false } : {}) };
        });
  return view.chapters.map((c) => ({ title: `${c.label} ${c.title}`, pageIndex: at(c.id), open: false, children: below(c.sections, 2) }));
}

export const guideline: Output = {
  kind: 'guideline',
  group: 'guidelines',
  label: { ja: '公募要領', en: 'guideline' },
  browser: true,
  unitPath: (call) => `guidelines/${call}`,
  release: (file, edition) => `${edition}-guidelines-${path.posix.basename(file)}`,
  preview: (file) => ({ ja: `公募要領 ${path.posix.basename(file)}`, en: `Guidelines ${path.posix.basename(file)}` }),
  // 「共創分野」公募要領: the call's name and the document's title, from the data.
  download(file, edition) {
    const call = edition.calls.find((c) => `guidelines/${c.id}.pdf` === file);
    const guide = call && edition.guidelines.find((g) => g.call === call.id);
    return call && guide ? { list: guideline.label, text: `「${call.name}」${guide.title}` } : false;
  },
  async plan(edition, previous) {
    const [{ guidelineView }, { figuresOf }] = await Promise.all([import('../../stages/render/guideline-view.ts'), import('../../stages/render/guideline-figures.ts')]);
    return edition.calls.flatMap((call) => {
      const guide = edition.guidelines.find((g) => g.call === call.id);
      // A call without prose has no 公募要領 (its deck slides still show the call).
      if (!guide) return [];
      const view = guidelineView(edition, call, guide, previous);
      // 「前年度からの主な変更点」 prints values of the previous edition too: the page's content is an input.
      // A figure's file is read too: it is an input (outputs/types.ts UnitPlan.files).
      const files = [...new Set(figuresOf(view).map((f) => f.src))];
      return [{ key: call.id, data: view.sources, files, templates: GUIDELINE_TEMPLATES, options: { changes: JSON.stringify(view.changes ?? null) } }];
    });
  },
  async build(job) {
    const { edition, loaded } = job.valid;
    const call = edition.calls.find((c) => c.id === job.key);
    const guide = edition.guidelines.find((g) => g.call === job.key);
    if (!call || !guide) throw new Error(`guideline ${job.key}: planned but not in the data`);
    const { FONT_SLOT, guidelineView, renderGuidelineHtml } = await import('../../stages/render/guideline-view.ts');
    const { readFigures, withFigureUris } = await import('../../stages/render/guideline-figures.ts');
    const bare = guidelineView(edition, call, guide, job.valid.previous);
    // Figures print from their files as data: URLs (the page loads nothing from outside).
    const view = withFigureUris(bare, await readFigures(bare, job.valid.loaded.dir));
    // Imported here: planning needs only the view-model, and a build with nothing to do never loads these.
    const [{ embedFonts, watermarkFontBytes }, { printGuideline }, { postprocessPdf }] = await Promise.all([
      import('../../stages/convert/fonts.ts'),
      import('../../stages/convert/print-guideline.ts'),
      import('../../stages/postprocess/pdf.ts'),
    ]);

    // convert: print twice so the TOC carries the pages the first print found.
    // Page numbers (footer, TOC) are drawn by the page: their digits and numerals go into the font subset.
    const render = async (dests: Map<string, number> | undefined) =>
      embedFonts(await renderGuidelineHtml(job.ctx.paths.templatesDir, view, dests && tocPages(view, dests)), FONT_SLOT, '0123456789ivxlcdm−－', {
        cacheDir: fontCacheDir(job.ctx.paths),
      });
    const name = `${edition.id}/${view.fileName}`;
    const printed = await printGuideline(job.ctx.session, render, {
      allowedRoots: job.ctx.allowedRoots,
      name,
      // What the layout check found, named by chapter and the data files that chapter prints.
      fault: (faults) => {
        const byId = new Map(view.chapters.map((c) => [c.id, c]));
        return fail('guidelineOverflow', {
          name,
          file: `data/${edition.id}/guidelines/${call.id}.yaml`,
          faults: faults.map((f) => {
            const chapter = byId.get(f.chapterId);
            const files = chapter ? filesRead(edition.sources, chapter.reads).map((rel) => `data/${edition.id}/${rel}`) : [];
            return {
              chapter: chapter ? `${chapter.label} ${chapter.title}` : '表紙・目次',
              data: files.join(', ') || `data/${edition.id}/guidelines/${call.id}.yaml`,
              what: f.what,
              text: f.text,
              amount: f.amount,
            };
          }),
        });
      },
    });
    // Anything the page tried to load from outside (validation refuses remote images; this catches the rest) is said, as for the deck.
    if (printed.blocked.length > 0) {
      job.ctx.warn(
        `${t({ ja: `警告: 公募要領 ${view.fileName} の読み込みを遮断しました`, en: `warning: blocked requests in guideline ${view.fileName}` })}: ${printed.blocked.join(', ')}`,
      );
    }
    const bodyStart = printed.destinations.get(view.chapters[0]!.id) ?? 2;

    // post-process: metadata, outline, page labels, watermark, the data files it was made from.
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
    const draftMark = edition.meta.labels.draftMark;
    const bytes = await postprocessPdf(printed.pdf, {
      version: job.ctx.version,
      title: view.title,
      author: view.author,
      subject: view.subject,
      keywords: view.keywords,
      lang: 'ja-JP',
      date: job.ctx.date,
      deterministic: true,
      outline: outline(view, printed.destinations),
      pageLabels,
      // The same 案 the slides stamp, from the edition's labels.
      ...(view.isDraft ? { watermark: { text: draftMark, fontBytes: await watermarkFontBytes(draftMark, 700, fontCacheDir(job.ctx.paths)), opacity: 0.12 } } : {}),
      attachments,
    });
    return new Map([[`guidelines/${view.fileName}`, bytes]]);
  },
};
