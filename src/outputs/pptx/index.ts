/**
 * The PowerPoint file (`slides/r3-slides.pptx`): native, editable PowerPoint objects made from
 * the slide view-models (native.ts), no browser involved. Reads the theme (its values size
 * every box), the few sizes the slide templates write inline, and the data the slides read. Text that would not fit
 * its box fails the build like the PDF's overflow check (a warning with --allow-overflow).
 */
import { fail } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { slideFormat, slidesBaseName, THEME_FILE } from '../deck/names.ts';
import type { Output } from '../types.ts';

export const pptx: Output = {
  // Laid out with the bundled font's metrics in this process (native.ts): no page, no browser.
  ...slideFormat('pptx', { ja: 'PPTX', en: 'PPTX' }, { browser: false, released: true, linked: { ext: '.pptx', text: { ja: 'PPTX', en: 'PPTX' } }, offered: true }),
  async build(job) {
    const { edition } = job.valid;
    const [{ deckView }, { loadTheme }, { buildNativePptx }, { ThemeTokens }, { loadTemplateGeometry }, { normalizePptx }] = await Promise.all([
      import('../../stages/render/deck-view.ts'),
      import('../deck/index.ts'),
      import('./native.ts'),
      import('./theme.ts'),
      import('./template-geometry.ts'),
      import('../../stages/postprocess/pptx.ts'),
    ]);
    const view = deckView(edition);
    const theme = new ThemeTokens(await loadTheme(job.ctx.paths.templatesDir), `templates/${THEME_FILE.split('\\').join('/')}`);
    const deck = await buildNativePptx({
      view,
      theme,
      geometry: await loadTemplateGeometry(job.ctx.paths.templatesDir),
      meta: { title: `${edition.meta.title} ${edition.meta.subtitle}`, author: edition.meta.publisher, subject: edition.meta.subtitle, company: edition.meta.publisher },
    });
    if (deck.problems.length > 0) {
      const err = fail('pptxOverflow', { edition: edition.id, boxes: deck.problems });
      if (!job.ctx.allowOverflow) throw err;
      job.ctx.warn(`${t({ ja: '警告', en: 'warning' })}: ${t(err.detail)}`);
    }
    // pptxgenjs stamps the clock into the zip and docProps; normalised to the build date.
    const bytes = await normalizePptx(deck.bytes, { date: job.ctx.date, slideTitles: view.slides.map((s) => s.title) });
    return new Map([[`slides/${slidesBaseName(edition.id)}.pptx`, bytes]]);
  },
};
