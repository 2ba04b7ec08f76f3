/**
 * Stage 3 — render (slides): the validated edition → a view-model per slide →
 * Marp Markdown through the Handlebars templates. Which slides, in which order, is the
 * edition's deck.yaml; each slide is built by the view of its kind (slides/index.ts),
 * which resolves references between files (a table row's budget → the call's budget),
 * so templates only print.
 */
import path from 'node:path';
import type { Edition, SlideKind } from '../../schema/index.ts';
import { ReadRecord, settle } from '../../shared/reads.ts';
import { trackEdition } from '../../schema/edition-paths.ts';
import { compileFile, registerPartials } from './handlebars.ts';
import { keepTogetherOf } from './keep-together.ts';
import { renderMarkdown } from './markdown.ts';
import { SLIDE_VIEWS, partialOf, type SlideModel, type SlideModels } from './slides/index.ts';
import type { ContentBlockView, LeafBlockView } from './slides/content.ts';

export interface SlideView<K extends SlideKind = SlideKind> {
  kind: K;
  /** The slide's id in deck.yaml (its own, or made from kind and call). */
  id: string;
  /** Partial name under templates/slides/partials. */
  partial: string;
  /** Bookmark title for the PDF outline. */
  title: string;
  /** Data file the slide is filled from (named in overflow errors). */
  source: string;
  ctx: SlideModels[K];
  /** Speaker notes from deck.yaml (for the PPTX notes; not printed on the slide). */
  speakerNotes: string | undefined;
  /** What the slide read from the data (planner, 新旧対照表). */
  reads: ReadRecord;
}

export interface DeckView {
  footer: string;
  draft: boolean;
  draftMark: string;
  slides: SlideView[];
  /** Words no line may break inside: the edition's names and its staff list (keep-together.ts). */
  keepTogether: string[];
  /** What the keep-together words read (an input, printed nowhere). */
  keepReads: ReadRecord;
  /** What deciding the deck's slides and its footer read. */
  reads: ReadRecord;
}

/**
 * The deck's slides in deck.yaml's order. Each slide is built from its own tracked copy of
 * the edition, so the slide's `reads` say exactly what it prints (its own deck.yaml entry
 * included); the deck's structure (the list of slides) and its frame (footer, 案) are the
 * deck's own reads.
 */
export function deckView(edition: Edition): DeckView {
  const reads = new ReadRecord();
  const keepReads = new ReadRecord();
  const deck = trackEdition(edition, reads);
  const slides: SlideView[] = [];
  deck.deck.slides.forEach((entry, index) => {
    const { kind, id } = entry;
    const slideReads = new ReadRecord();
    const e = trackEdition(edition, slideReads);
    const spec = e.deck.slides[index]!;
    const build = (SLIDE_VIEWS[kind] as (e: Edition, s: typeof spec) => { title: string; source: string; ctx: SlideModel })(e, spec);
    const built = settle({ ...build, speakerNotes: spec.speakerNotes });
    slides.push({ kind, id, partial: partialOf(kind), title: built.title, source: built.source, ctx: built.ctx, speakerNotes: built.speakerNotes, reads: slideReads } as SlideView);
  });
  const { meta } = deck;
  return {
    footer: `${meta.title} ${meta.subtitle}`,
    draft: meta.status === 'draft',
    draftMark: meta.labels.draftMark,
    slides,
    // Read into a record of its own: the words shape every line (an input of the deck), but print
    // nothing, so the 新旧対照表 places no row of theirs on the deck's frame.
    keepTogether: keepTogetherOf(trackEdition(edition, keepReads)),
    reads,
    keepReads,
  };
}

/** Everything the deck reads: its frame and every slide. */
export function deckReads(view: DeckView): ReadRecord {
  const all = new ReadRecord().merge(view.reads).merge(view.keepReads);
  for (const s of view.slides) all.merge(s.reads);
  return all;
}

/** Content slides' Markdown → HTML (markdown-it, raw HTML off), one line per block element. */
async function withMarkdown(view: DeckView): Promise<DeckView> {
  const leaf = async (b: LeafBlockView): Promise<LeafBlockView> =>
    b.kind === 'text' || b.kind === 'callout' ? { ...b, html: await renderMarkdown(b.md, { compact: true, keepTogether: view.keepTogether }) } : b;
  const block = async (b: ContentBlockView): Promise<ContentBlockView> =>
    b.kind === 'columns' ? { ...b, columns: await Promise.all(b.columns.map((col) => Promise.all(col.map(leaf)))) } : leaf(b);
  const slides = await Promise.all(
    view.slides.map(async (s) => (s.ctx.kind === 'content' ? ({ ...s, ctx: { ...s.ctx, blocks: await Promise.all(s.ctx.blocks.map(block)) } } as SlideView) : s)),
  );
  return { ...view, slides };
}

/** Render the deck's Marp Markdown. */
export async function renderDeckMarkdown(templatesDir: string, view: DeckView): Promise<string> {
  await registerPartials(path.join(templatesDir, 'slides', 'partials'), 'slides/partials');
  const template = await compileFile(path.join(templatesDir, 'slides', 'deck.hbs'));
  return template(await withMarkdown(view));
}
