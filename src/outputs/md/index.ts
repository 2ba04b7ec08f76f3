/**
 * The deck's Marp Markdown (`slides/r3-slides.md`), with what marp-cli and Marp for VS Code
 * need to render it as the PDF was printed, written beside it (the folder is a Marp project):
 *
 * - `kyoso.css` — the theme, with the deck's fonts embedded (the same subsets as the PDF);
 * - `.marprc.yml` — marp-cli: the theme and HTML on (`cd output/r3/slides && npx marp r3-slides.md`);
 * - `.vscode/settings.json` — Marp for VS Code, when that folder is opened.
 *
 * Beside the `.md` in output/ rather than beside data/: they are generated with each build (the
 * fonts follow the text, the fits follow the layout), so they can never go stale, and nothing
 * generated lands in the folder staff edit.
 */
import { slideFormat, slidesBaseName } from '../deck/names.ts';
import type { Output } from '../types.ts';

/** The theme's file name in the Marp project (its `@theme` name is kyoso). */
export const MARP_THEME_FILE = 'kyoso.css';

const MARPRC = `# marp-cli configuration written by kyoso-docs: renders the deck in this folder as the
# build printed it (theme and fonts from ${MARP_THEME_FILE}; the deck's HTML needs html: true).
#   npx @marp-team/marp-cli --pdf <edition>-slides.md
html: true
themeSet:
  - ./${MARP_THEME_FILE}
`;

const VSCODE_SETTINGS = `${JSON.stringify(
  {
    'markdown.marp.themes': [`./${MARP_THEME_FILE}`],
    'markdown.marp.html': 'all',
    'markdown.marp.enableHtml': true,
  },
  null,
  2,
)}\n`;

export const md: Output = {
  // The Markdown project is for editing with Marp's tools, not a document to publish.
  ...slideFormat('md', { ja: 'スライド Markdown', en: 'slides Markdown' }, { browser: true, released: false, linked: { ext: '.md', text: { ja: 'Markdown', en: 'Markdown' } } }),
  async build(job) {
    const { fittedMarkdown, renderedDeck } = await import('../deck/index.ts');
    const [deck, markdown] = await Promise.all([renderedDeck(job), fittedMarkdown(job)]);
    return new Map([
      [`slides/${slidesBaseName(job.valid.edition.id)}.md`, markdown],
      // The fonts after the theme: the theme's first comment carries its `@theme` name.
      [`slides/${MARP_THEME_FILE}`, `${deck.theme}\n/* Fonts of this deck (BIZ UDPGothic subsets), embedded by kyoso-docs. */\n${deck.fontCss}\n`],
      ['slides/.marprc.yml', MARPRC],
      ['slides/.vscode/settings.json', VSCODE_SETTINGS],
    ]);
  },
};
