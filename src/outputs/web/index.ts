/**
 * The call's web page of an edition (`web/index.html`, its fonts in `web/fonts/`): the call
 * table, the schedule, the contact — from the data through the deck's and the 公募要領's
 * formatters — and the edition's downloads (the files the other outputs made, with their formats
 * and sizes), linked relative to the page so the folder works as it is, in output/, in the
 * release's zip and on GitHub Pages.
 *
 * It links downloads (Output.linksDownloads): made after the edition's other units, from the
 * files this run publishes (app/links.ts).
 */
import path from 'node:path';
import { FONT_FAMILY, FONT_WEIGHTS, type FontWeight } from '../../shared/font-package.ts';
import { fontCacheDir } from '../../shared/paths.ts';
import type { DownloadFile } from '../../stages/render/web-view.ts';
import type { Edition } from '../../schema/index.ts';
import type { LinkedFile, Output } from '../types.ts';

/** The page's folder under output/<edition>/, and the page. */
export const WEB_DIR = 'web';
export const WEB_PAGE = `${WEB_DIR}/index.html`;

export const WEB_TEMPLATES: readonly string[] = ['web/**/*'];

const fontFile = (weight: FontWeight): string => `fonts/biz-udpgothic-${weight}.woff`;

/** `@font-face` rules for the subsets beside the page; the system's sans-serif shows while they load (`swap`). */
function fontFaces(): string {
  return FONT_WEIGHTS.map(
    (weight) => `@font-face { font-family: '${FONT_FAMILY}'; font-style: normal; font-weight: ${weight}; font-display: swap; src: url('${fontFile(weight)}') format('woff'); }`,
  ).join('\n');
}

/** The linked files as the page lists them (in the order given: the registry's), each with its words. */
function downloadFiles(edition: Edition, linked: readonly LinkedFile[]): DownloadFile[] {
  // Lists in the order their first file comes (the registry's); within a list, the calls in the edition's order.
  const listOrder = [...new Set(linked.map((f) => f.download.list.ja))];
  const callOrder = (f: LinkedFile) => edition.calls.findIndex((c) => c.id === (f.download.call ?? f.key));
  const sorted = [...linked].sort((a, b) => listOrder.indexOf(a.download.list.ja) - listOrder.indexOf(b.download.list.ja) || callOrder(a) - callOrder(b));
  return sorted.map((f) => ({
    list: f.download.list.ja,
    text: f.download.text,
    call: edition.calls.find((c) => c.id === (f.download.call ?? f.key))?.name ?? '',
    href: path.posix.relative(WEB_DIR, f.file),
    ext: path.posix.extname(f.file).slice(1).toLowerCase(),
    size: f.size,
  }));
}

export const web: Output = {
  kind: 'web',
  group: 'web',
  label: { ja: 'Webページ', en: 'web page' },
  browser: false,
  linksDownloads: true,
  unitPath: () => WEB_DIR,
  // Its files work only as a folder with the files they link: release zips them together.
  release: () => false,
  releaseArchive: (edition) => `${edition}-web.zip`,
  preview: (file) => (file === WEB_PAGE ? { ja: 'Webページ', en: 'Web page' } : false),
  download: () => false,
  async plan(edition) {
    const { webView } = await import('../../stages/render/web-view.ts');
    return [{ key: '', data: webView(edition).sources, templates: WEB_TEMPLATES }];
  },
  async build(job) {
    const { edition } = job.valid;
    const [{ WEB_FONT_SLOT, downloadLists, renderWebHtml, webView }, { fontSubset }] = await Promise.all([
      import('../../stages/render/web-view.ts'),
      import('../../stages/convert/fonts.ts'),
    ]);
    const html = await renderWebHtml(job.ctx.paths.templatesDir, webView(edition), downloadLists(downloadFiles(edition, job.linked)));
    const out = new Map<string, Uint8Array | string>([[WEB_PAGE, html.replace(WEB_FONT_SLOT, () => fontFaces())]]);
    // The font cut to the page's text (its markup is ASCII, which every subset holds anyway).
    for (const weight of FONT_WEIGHTS) out.set(`${WEB_DIR}/${fontFile(weight)}`, await fontSubset(html, weight, 'woff', fontCacheDir(job.ctx.paths)));
    return out;
  },
};
