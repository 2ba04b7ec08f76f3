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

/**
 * Marks and values are added where text is rendered as text (markdown-it's `text` rule),
 * never by replacing in the finished HTML: there a placeholder may sit inside an attribute
 * (an image's alt, a link's title), and markup inserted into it would break out of the
 * attribute and print a stray `">` in the PDF. A value token left in an attribute becomes
 * the plain value.
 */
export async function renderMarkdown(md: string, opts: MarkdownOptions = {}): Promise<Handlebars.SafeString> {
  markdown ??= import('markdown-it').then(({ default: MarkdownIt }) => new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false }));
  const it = (await markdown) as { render(md: string): string; renderer: { rules: Record<string, unknown> }; utils: { escapeHtml(s: string): string } };
  const escapeHtml = it.utils.escapeHtml;
  const token = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'gu');
  const value = (i: string): string => opts.values?.[Number(i)] ?? '';
  it.renderer.rules.text = (tokens: Array<{ content: string }>, idx: number) => {
    let html = escapeHtml(tokens[idx]!.content);
    for (const p of PLACEHOLDERS) html = html.split(escapeHtml(p)).join(`<span class="tbd">${escapeHtml(p)}</span>`);
    return html.replace(token, (_, i: string) => `<span class="value">${escapeText(value(i))}</span>`);
  };
  let html = it.render(md).replace(token, (_, i: string) => escapeHtml(value(i)));
  if (opts.compact) html = html.replace(/\n\s*\n/gu, '\n').trim();
  return new Handlebars.SafeString(html);
}
