/**
 * One PPTX builder per slide kind. A builder draws from the same typed view-model the
 * slide's HTML template prints (`SlideModels[K]`, src/stages/render/slides/) — never from the
 * raw data — so the PPTX says what the PDF says, and a field renamed in a view-model is a
 * compile error here rather than an empty box in PowerPoint.
 */
import type { SlideKind } from '../../../schema/index.ts';
import type { FontMetrics } from '../../../stages/convert/textfit.ts';
import type { SlideModels } from '../../../stages/render/slides/index.ts';
import type { SlideCanvas } from '../canvas.ts';
import type { Area, DeckLook } from '../look.ts';
import type { MarkdownBlock } from '../markdown.ts';
import type { TemplateGeometry } from '../template-geometry.ts';
import type { ThemeTokens } from '../theme.ts';

export interface KindContext<K extends SlideKind = SlideKind> {
  canvas: SlideCanvas;
  theme: ThemeTokens;
  look: DeckLook;
  /** The slide's view-model. */
  view: SlideModels[K];
  /** The content box (below the heading band, above the footer). */
  area: Area;
  /** What the slide templates write inline (column widths, a few gaps). */
  geometry: TemplateGeometry;
  /** Markdown of the data (content slides' text and callouts) as blocks of runs. */
  markdown: (md: string) => MarkdownBlock[];
}

export interface KindBuilder<K extends SlideKind = SlideKind> {
  /** The title slide has its own layout; every other kind the content layout. */
  layout?: 'title';
  /** Room before the title in the heading band (a tag), px. */
  titleInset?(k: { theme: ThemeTokens; look: DeckLook; view: SlideModels[K]; metrics: FontMetrics }): number;
  draw(k: KindContext<K>): void;
}
