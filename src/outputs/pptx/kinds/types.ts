/**
 * One PPTX builder per slide kind. A builder draws from the same view-model the slide's HTML
 * template prints (`SlideView.ctx`) — never from the raw data — so the PPTX says what the PDF
 * says. The ctx shapes below are what the builders read; they are the fields deck-view.ts
 * builds today (to be replaced by the typed view-models of the editions-as-data work).
 */
import type { SlideView } from '../../../stages/render/deck-view.ts';
import type { FontMetrics } from '../../../stages/convert/textfit.ts';
import type { SlideCanvas } from '../canvas.ts';
import type { Area, DeckLook } from '../look.ts';
import type { TemplateGeometry } from '../template-geometry.ts';
import type { ThemeTokens } from '../theme.ts';

export interface KindContext {
  canvas: SlideCanvas;
  theme: ThemeTokens;
  look: DeckLook;
  slide: SlideView;
  /** The content box (below the heading band, above the footer). */
  area: Area;
  /** What the slide templates write inline (column widths, a few gaps). */
  geometry: TemplateGeometry;
}

export interface SlideKind {
  /** The title slide has its own layout; every other kind the content layout. */
  layout?: 'title';
  /** Room before the title in the heading band (a tag), px. */
  titleInset?(k: { theme: ThemeTokens; look: DeckLook; slide: SlideView; metrics: FontMetrics }): number;
  draw(k: KindContext): void;
}
