/**
 * The slide deck of one edition: render → convert → post-process, in memory.
 * Returns file name → bytes, relative to output/<edition>/slides/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildContext, SlideFormat } from '../../app/build.ts';
import type { ValidEdition } from '../../app/editions.ts';
import { KyosoError, msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { fontFaceCss } from '../../stages/convert/fonts.ts';
import { renderMarp, slidesDocument } from '../../stages/convert/marp.ts';
import { buildPptx, convertSlides, overflowError } from '../../stages/convert/print-deck.ts';
import { postprocessPdf } from '../../stages/postprocess/pdf.ts';
import { normalizePptx } from '../../stages/postprocess/pptx.ts';
import { deckView, renderDeckMarkdown } from '../../stages/render/deck-view.ts';

export const THEME_FILE = path.join('themes', 'kyoso.css');

export async function loadTheme(templatesDir: string): Promise<string> {
  const file = path.join(templatesDir, THEME_FILE);
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new KyosoError('THEME_MISSING', msg(`テーマ ${file} がありません`, `Theme ${file} is missing`), {
      hint: msg('templates/themes/kyoso.css を復元してください（git checkout templates/themes）。', 'Restore templates/themes/kyoso.css (git checkout templates/themes).'),
      cause,
    });
  }
}

/** Base name of every slide output: `r3-slides.pdf`, `r3-slides.html`, … */
export function slidesBaseName(editionId: string): string {
  return `${editionId}-slides`;
}

export async function buildSlides(valid: ValidEdition, ctx: BuildContext, formats: readonly SlideFormat[]): Promise<Map<string, Uint8Array | string>> {
  const { edition } = valid;
  const base = slidesBaseName(edition.id);
  const out = new Map<string, Uint8Array | string>();

  // render
  const view = deckView(edition);
  const markdown = await renderDeckMarkdown(ctx.paths.templatesDir, view);
  const theme = await loadTheme(ctx.paths.templatesDir);
  const printRender = renderMarp(markdown, theme);
  if (printRender.slides !== view.slides.length) {
    // A value must never create or swallow a slide; if the count differs, escaping failed.
    throw new KyosoError('TEMPLATE', msg(`スライド数が一致しません（期待 ${view.slides.length}、実際 ${printRender.slides}）`, `Slide count mismatch (expected ${view.slides.length}, got ${printRender.slides})`));
  }
  // Only the font subsets this deck's text needs are embedded (self-contained, small).
  const fontCss = await fontFaceCss(markdown + theme);
  const title = `${edition.meta.title} ${edition.meta.subtitle}`;
  const printHtml = slidesDocument(printRender, { title, fontCss });
  if (formats.includes('md')) out.set(`${base}.md`, markdown);
  if (formats.includes('html')) out.set(`${base}.html`, viewerDocument(markdown, theme, title, fontCss));

  // convert: one page load for overflow check, PDF and PNGs
  const wantPdf = formats.includes('pdf');
  const wantPng = formats.includes('png') || formats.includes('pptx');
  if (!wantPdf && !wantPng) return out;
  const converted = await convertSlides(ctx.session, printHtml, { pdf: wantPdf, png: wantPng, allowedRoots: ctx.allowedRoots });
  if (converted.overflows.length > 0) {
    const err = overflowError(edition.id, converted.overflows);
    if (!ctx.allowOverflow) throw err;
    ctx.warn(`${t({ ja: '警告', en: 'warning' })}: ${t(err.detail)}`);
  }
  if (converted.blocked.length > 0) ctx.warn(`${t({ ja: '警告: 読み込みを遮断しました', en: 'warning: blocked requests' })}: ${converted.blocked.join(', ')}`);

  // post-process
  if (converted.pdf) {
    const pdf = await postprocessPdf(converted.pdf, {
      title,
      author: edition.meta.publisher,
      subject: edition.meta.subtitle,
      keywords: ['共創の場形成支援', 'COI-NEXT', edition.meta.subtitle],
      version: ctx.version,
      lang: 'ja-JP',
      date: ctx.date,
      deterministic: true,
      outline: view.slides.map((s, i) => ({ title: `${i + 1}. ${s.title}`, pageIndex: i })),
    });
    out.set(`${base}.pdf`, pdf);
  }
  if (formats.includes('png')) {
    converted.pngs.forEach((png, i) => out.set(`png/${base}-${String(i + 1).padStart(2, '0')}.png`, png));
  }
  if (formats.includes('pptx')) {
    out.set(
      `${base}.pptx`,
      // pptxgenjs stamps the clock into the zip and docProps; normalised to the build date.
      await normalizePptx(
        await buildPptx(converted.pngs, {
          title,
          author: edition.meta.publisher,
          subject: edition.meta.subtitle,
          company: edition.meta.publisher,
          notes: view.slides.map((s) => s.title),
        }),
        { date: ctx.date },
      ),
    );
  }
  return out;
}

/**
 * The HTML deck for browsers: Marp's inline-SVG rendering scales each slide to
 * the window with no script, fonts embedded, nothing fetched — opens offline.
 */
function viewerDocument(markdown: string, theme: string, title: string, fontCss: string): string {
  const render = renderMarp(markdown, theme, { inlineSVG: true });
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</title>
<style>${fontCss}</style>
<style>${render.css}</style>
<style>
html, body { margin: 0; background: #5b6470; }
div.marpit { display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px 0; }
div.marpit > svg[data-marpit-svg] { display: block; width: min(96vw, calc(92vh * 16 / 9)); height: auto; box-shadow: 0 2px 10px rgba(0,0,0,.35); background: #fff; }
@media print { html, body { background: #fff; } div.marpit { gap: 0; padding: 0; } div.marpit > svg[data-marpit-svg] { width: 100vw; box-shadow: none; break-after: page; } }
</style>
</head><body>${render.html}</body></html>`;
}
