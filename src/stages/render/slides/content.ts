/**
 * A free slide made of blocks written in deck.yaml: headings, Markdown text, bullet lists,
 * tables whose rows are data, two or three columns, a callout and ※ notes. Markdown is kept
 * as Markdown in the view-model (`md`); the HTML is filled in when the deck is rendered
 * (renderDeckMarkdown), so planning a build never loads markdown-it.
 */
import type Handlebars from 'handlebars';
import type { ContentBlock, LeafBlock } from '../../../schema/index.ts';
import { dataPath, type SlideViewFn } from './common.ts';

export type LeafBlockView =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; md: string; html?: Handlebars.SafeString }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] }
  | { kind: 'callout'; md: string; html?: Handlebars.SafeString }
  | { kind: 'notes'; items: string[] };

export type ContentBlockView = LeafBlockView | { kind: 'columns'; count: number; columns: LeafBlockView[][] };

export interface ContentSlide {
  kind: 'content';
  heading: string;
  tag: string;
  blocks: ContentBlockView[];
  source: string;
}

function leaf(b: LeafBlock): LeafBlockView {
  if ('heading' in b) return { kind: 'heading', text: b.heading };
  if ('text' in b) return { kind: 'text', md: b.text };
  if ('bullets' in b) return { kind: 'bullets', items: b.bullets };
  if ('table' in b) return { kind: 'table', caption: b.table.caption ?? '', head: b.table.head, rows: b.table.rows };
  if ('callout' in b) return { kind: 'callout', md: b.callout };
  return { kind: 'notes', items: b.notes };
}

function block(b: ContentBlock): ContentBlockView {
  if ('columns' in b) return { kind: 'columns', count: b.columns.length, columns: b.columns.map((col) => col.map(leaf)) };
  return leaf(b);
}

export const view: SlideViewFn<'content', ContentSlide> = (e, slide) => {
  const source = dataPath(e, 'deck');
  return { title: slide.heading, source, ctx: { kind: 'content', heading: slide.heading, tag: slide.tag ?? '', blocks: slide.blocks.map(block), source } };
};
