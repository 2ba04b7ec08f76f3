/**
 * Prose from the data as Markdown → HTML, for both documents: markdown-it with raw HTML
 * off, loaded on first use (planning a build reads the view-models, never the prose's HTML).
 * The placeholders of undecided details (（詳細は確定後に記載）, （要確認）) are marked so
 * they stand out; values placed in prose (`{{value:…}}`, resolved by the view-model to
 * `valueToken`s) come back as unbreakable `<span class="value">`.
 */
import Handlebars from 'handlebars';
import { PLACEHOLDERS } from '../../schema/index.ts';
import { escapeText } from './handlebars.ts';

let markdown: Promise<{ render(md: string): string }> | undefined;

/** Private-use brackets around a value's index: they survive Markdown untouched and never occur in data (the character rule refuses them). */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The token that stands for the `index`-th value of a text until the HTML is made. */
export const valueToken = (index: number): string => `${OPEN}${index}${CLOSE}`;

export interface MarkdownOptions {
  /** Values the text's tokens stand for (as printed). */
  values?: readonly string[];
  /** No blank lines in the output (inside Marp Markdown a blank line would end the HTML block). */
  compact?: boolean;
}

export async function renderMarkdown(md: string, opts: MarkdownOptions = {}): Promise<Handlebars.SafeString> {
  markdown ??= import('markdown-it').then(({ default: MarkdownIt }) => new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false }));
  let html = (await markdown).render(md);
  for (const p of PLACEHOLDERS) html = html.split(p).join(`<span class="tbd">${p}</span>`);
  html = html.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'gu'), (_, i: string) => `<span class="value">${escapeText(opts.values?.[Number(i)] ?? '')}</span>`);
  if (opts.compact) html = html.replace(/\n\s*\n/gu, '\n').trim();
  return new Handlebars.SafeString(html);
}
