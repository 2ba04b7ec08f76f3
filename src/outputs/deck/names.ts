/**
 * What the registry needs to know of the slide formats without loading the deck's renderer:
 * their file names, their templates, and the parts of the Output every slide format shares.
 */
import path from 'node:path';
import type { Edition } from '../../schema/index.ts';
import type { Message } from '../../shared/values.ts';
import type { Download, Output, UnitPlan } from '../types.ts';

export const THEME_FILE = path.join('themes', 'kyoso.css');

/** Templates every slide output reads (globs under templates/). */
export const DECK_TEMPLATES: readonly string[] = ['slides/**/*', THEME_FILE.split(path.sep).join('/')];

/** Base name of every slide output: `r3-slides.pdf`, `r3-slides.html`, … */
export function slidesBaseName(editionId: string): string {
  return `${editionId}-slides`;
}

/** The deck's one unit per edition: it reads every data file a slide (or the deck's frame) reads, and the slide templates. */
async function deckPlan(edition: Edition): Promise<UnitPlan[]> {
  const { deckFiles } = await import('./plan.ts');
  return [{ key: '', data: deckFiles(edition), templates: DECK_TEMPLATES }];
}

/** The web page's list of the deck's downloads. */
const DECK_DOWNLOADS: Message = { ja: '説明資料', en: 'briefing materials' };

/** The deck's document as a download: its title and subtitle, as its footer prints them. */
function deckDownload(edition: Edition): Download {
  return { list: DECK_DOWNLOADS, text: `${edition.meta.title} ${edition.meta.subtitle}` };
}

/**
 * The registry entry of one slide format: group `slides`, one unit per edition (`r3/slides/pdf`),
 * planned from the deck's reads, printed on the edition's one deck page. `released` says whether
 * release publishes its files (under their own names, already unique per edition); `linked`, the
 * preview page's words for the file that is its document (others, like the Markdown project's
 * theme, are not linked); `offered`, whether the web page offers that file for download.
 */
export function slideFormat(
  kind: string,
  label: Message,
  opts: { browser: boolean; released: boolean; linked?: { ext: string; text: Message }; offered?: boolean; optIn?: boolean },
): Pick<Output, 'kind' | 'group' | 'label' | 'browser' | 'optIn' | 'sharedPage' | 'unitPath' | 'release' | 'preview' | 'download' | 'plan'> {
  return {
    kind,
    group: 'slides',
    label,
    browser: opts.browser,
    ...(opts.optIn ? { optIn: true } : {}),
    ...(opts.browser ? { sharedPage: 'deck' } : {}),
    unitPath: () => `slides/${kind}`,
    release: (file) => (opts.released ? path.posix.basename(file) : false),
    preview: (file) => (opts.linked && file.endsWith(opts.linked.ext) ? opts.linked.text : false),
    download: (file, edition) => (opts.offered && opts.linked && file.endsWith(opts.linked.ext) ? deckDownload(edition) : false),
    plan: deckPlan,
  };
}
