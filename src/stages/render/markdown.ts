/**
 * Prose from the data as Markdown → HTML, for both documents: markdown-it with raw HTML
 * off, loaded on first use (planning a build reads the view-models, never the prose's HTML).
 * The placeholders of undecided details (（詳細は確定後に記載）, （要確認）) are marked so
 * they stand out; values placed in prose (`{{value:…}}`, resolved by the view-model to
 * `valueToken`s) come back as unbreakable `<span class="value">`.
 */
import { japaneseBrackets } from '../../shared/format/text.ts';
import Handlebars from 'handlebars';
import type MarkdownIt from 'markdown-it';
import type { RenderRule } from 'markdown-it/lib/renderer.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { loadPhraser, phrasePlugin, withKeepTogether } from './phrases.ts';
import { PLACEHOLDERS } from '../../schema/index.ts';
import { escapeText } from './handlebars.ts';

let markdown: Promise<unknown> | undefined;
/** The phrase plugin's text rule, which ours wraps (marks, values). */
let phraseRule: RenderRule | undefined;

/**
 * Private-use brackets around a value's index: they survive Markdown untouched and never occur in
 * data (the character rule refuses them). Not the escaper's markers (phrases.ts, U+E000–E004).
 */
const OPEN = '\uE010';
const CLOSE = '\uE011';

/** The token that stands for the `index`-th value of a text until the HTML is made. */
export const valueToken = (index: number): string => `${OPEN}${index}${CLOSE}`;

export interface MarkdownOptions {
  /** Values the text's tokens stand for (as printed). */
  values?: readonly string[];
  /** No blank lines in the output (inside Marp Markdown a blank line would end the HTML block). */
  compact?: boolean;
  /** Words no line may break inside (keep-together.ts), on top of BudouX's phrases. */
  keepTogether?: readonly string[];
}

/** The one markdown-it, made on first use: raw HTML off; phrases, links and placeholders by the phrase plugin. */
async function instance(): Promise<MarkdownIt> {
  // Set by phrase like every template value; bare URLs and e-mail addresses become links (phrases.ts).
  markdown ??= Promise.all([import('markdown-it'), loadPhraser()]).then(([{ default: MarkdownIt }]) =>
    new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false }).use(phrasePlugin, { atoms: PLACEHOLDERS }),
  );
  return (await markdown) as unknown as MarkdownIt;
}

/** Escaped text with each placeholder (（要確認）, （詳細は確定後に記載）) in a `.tbd` span. */
function tbdMarked(html: string, esc: (s: string) => string): string {
  return PLACEHOLDERS.reduce((out, p) => out.split(esc(p)).join(`<span class="tbd">${esc(p)}</span>`), html);
}

/**
 * Marks and values are added where text is rendered as text (markdown-it's `text` rule),
 * never by replacing in the finished HTML: there a placeholder may sit inside an attribute
 * (an image's alt, a link's title), and markup inserted into it would break out of the
 * attribute and print a stray `">` in the PDF. A value token left in an attribute becomes
 * the plain value.
 */
export async function renderMarkdown(md: string, opts: MarkdownOptions = {}): Promise<Handlebars.SafeString> {
  const it = await instance();
  const escapeHtml = it.utils.escapeHtml;
  const split = new RegExp(`(${OPEN}\\d+${CLOSE})`, 'u');
  const token = new RegExp(`^${OPEN}(\\d+)${CLOSE}$`, 'u');
  // A value placed in prose prints as in a table: one width of brackets (5月10日（火）).
  const value = (i: string): string => japaneseBrackets(opts.values?.[Number(i)] ?? '');
  const phrased = phraseRule ?? (phraseRule = it.renderer.rules.text!);
  it.renderer.rules.text = (tokens, idx, options, env, self) =>
    tokens[idx]!.content.split(split)
      .map((piece) => {
        const t = token.exec(piece);
        if (t) return `<span class="value">${tbdMarked(escapeText(value(t[1]!)), escapeText)}</span>`;
        if (piece === '') return '';
        return tbdMarked(phrased([{ ...tokens[idx]!, content: piece } as (typeof tokens)[number]], 0, options, env, self), escapeHtml);
      })
      .join('');
  let html = withKeepTogether(opts.keepTogether, () => it.render(md)).replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'gu'), (_, i: string) => escapeHtml(value(i)));
  if (opts.compact) html = html.replace(/\n\s*\n/gu, '\n').trim();
  return new Handlebars.SafeString(html);
}

/**
 * markdown-it's tokens of a prose block — the same parser, plugins and link rules as
 * renderMarkdown — for a writer that is not HTML (the 公募要領's Word file walks them).
 */
export async function markdownTokens(md: string): Promise<Token[]> {
  return (await instance()).parse(md, {});
}

/** A text of prose with its value tokens: plain pieces and the values they stand for. */
export function valuePieces(text: string, values: readonly string[] | undefined): { text: string; value?: true }[] {
  return text
    .split(new RegExp(`(${OPEN}\\d+${CLOSE})`, 'u'))
    .filter((p) => p !== '')
    .map((p) => {
      const m = new RegExp(`^${OPEN}(\\d+)${CLOSE}$`, 'u').exec(p);
      return m ? { text: values?.[Number(m[1])] ?? '', value: true as const } : { text: p };
    });
}
