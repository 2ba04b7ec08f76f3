/**
 * Markdown of the data (a content slide's text and callout) as PowerPoint paragraphs: the
 * same markdown-it the HTML is rendered with (raw HTML off), read as tokens — paragraphs,
 * ### headings, bullet and numbered lists, **strong**, links — instead of HTML. Loaded once
 * per deck, only when a deck is built.
 */
import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

export interface MarkdownRun {
  text: string;
  bold?: boolean;
  link?: string;
}

export type MarkdownBlock =
  | { kind: 'p'; runs: MarkdownRun[] }
  | { kind: 'h'; level: number; runs: MarkdownRun[] }
  /** A list item's first paragraph (`depth` 1 for a top-level list); a further paragraph of it is `p` with `depth`. */
  | { kind: 'li'; ordered: boolean; number: number; depth: number; runs: MarkdownRun[] };

export type MarkdownParser = (md: string) => MarkdownBlock[];

export async function loadMarkdownParser(): Promise<MarkdownParser> {
  const { default: Md } = (await import('markdown-it')) as unknown as { default: new (o: object) => MarkdownIt };
  // Bare URLs become links, as in the HTML (phrases.ts).
  const it = new Md({ html: false, linkify: true, typographer: false, breaks: false });
  return (md) => blocksOf(it.parse(md, {}));
}

function runsOf(children: readonly Token[]): MarkdownRun[] {
  const runs: MarkdownRun[] = [];
  let bold = 0;
  let link: string | undefined;
  for (const t of children) {
    if (t.type === 'strong_open') bold++;
    else if (t.type === 'strong_close') bold--;
    else if (t.type === 'link_open') link = t.attrGet('href') ?? undefined;
    else if (t.type === 'link_close') link = undefined;
    // A newline inside a paragraph is white space in HTML (the browser shows a space).
    else if (t.type === 'softbreak') runs.push({ text: ' ' });
    else if (t.type === 'hardbreak') runs.push({ text: '\n' });
    else if (t.type === 'text' || t.type === 'code_inline') {
      const run: MarkdownRun = { text: t.content };
      if (bold > 0) run.bold = true;
      if (link) run.link = link;
      runs.push(run);
    }
  }
  return runs;
}

function blocksOf(tokens: readonly Token[]): MarkdownBlock[] {
  const out: MarkdownBlock[] = [];
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let item: { ordered: boolean; number: number; first: boolean } | undefined;
  let heading = 0;
  for (const t of tokens) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      lists.push({ ordered: t.type === 'ordered_list_open', next: Number(t.attrGet('start') ?? 1) });
    } else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') {
      lists.pop();
    } else if (t.type === 'list_item_open') {
      const list = lists[lists.length - 1]!;
      item = { ordered: list.ordered, number: list.next++, first: true };
    } else if (t.type === 'heading_open') {
      heading = Number(t.tag.slice(1));
    } else if (t.type === 'inline') {
      const runs = runsOf(t.children ?? []);
      if (heading) out.push({ kind: 'h', level: heading, runs });
      else if (item?.first && lists.length > 0) {
        out.push({ kind: 'li', ordered: item.ordered, number: item.number, depth: lists.length, runs });
        item.first = false;
      } else out.push({ kind: 'p', runs });
    } else if (t.type === 'heading_close') {
      heading = 0;
    } else if (t.type === 'fence' || t.type === 'code_block') {
      out.push({ kind: 'p', runs: [{ text: t.content.replace(/\n$/, '') }] });
    }
  }
  return out;
}
