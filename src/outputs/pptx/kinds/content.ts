/**
 * A free content slide (deck.yaml `kind: content`): its blocks top to bottom as the HTML
 * template lays them (content.hbs, content-block.hbs) — headings, Markdown text, bullet
 * lists, tables from the data's rows, a callout box, ※ notes, and two or three equal
 * columns of such blocks. Vertical margins collapse between neighbours as in CSS (the
 * larger of the two); a column keeps its first and last block's margins inside it (a grid
 * item). The heading's tag is drawn before the title, as on the sites slide.
 */
import type { LeafBlockView } from '../../../stages/render/slides/index.ts';
import { para, type Cell, type Para, type Run } from '../canvas.ts';
import type { MarkdownBlock, MarkdownRun } from '../markdown.ts';
import type { TextStyle } from '../theme.ts';
import { drawTag, frameInsets, listIndent, listParas, marginBottom, tagInset } from './common.ts';
import type { KindBuilder, KindContext } from './types.ts';

type K = KindContext<'content'>;
type At = { x: number; y: number; w: number };

/** A block: its top and bottom margins, and how to draw it at a place (returns its height). */
interface Placed {
  top: number;
  bottom: number;
  draw(at: At): number;
}

export const content: KindBuilder<'content'> = {
  titleInset: ({ theme, look, view, metrics }) => tagInset(theme, look, metrics, view.tag),
  draw(k) {
    const { canvas, theme, look, view: v, area } = k;
    drawTag(canvas, theme, look, v.tag);
    const base = theme.style('.content', look.base);
    const blocks: Placed[] = v.blocks.map((b) => {
      if (b.kind !== 'columns') return leaf(k, base, b);
      return {
        top: 0,
        bottom: 0,
        draw(at) {
          const gap = theme.gap('.columns').column;
          const n = Math.max(1, b.count);
          const w = (at.w - gap * (n - 1)) / n;
          const heights = b.columns.map((col, i) =>
            stack(
              col.map((x) => leaf(k, base, x)),
              { x: at.x + i * (w + gap), y: at.y, w },
              true,
            ),
          );
          return Math.max(0, ...heights);
        },
      };
    });
    stack(blocks, { x: area.x, y: area.y, w: area.w }, false);
  },
};

/**
 * Blocks one below the other, neighbouring margins collapsed; with `contained` the first
 * block's top and the last one's bottom margin count (a grid item's content), else only
 * the first one's top (the slide's content box holds it; what follows the last is empty).
 */
function stack(blocks: readonly Placed[], at: At, contained: boolean): number {
  let y = at.y;
  let pending = 0;
  blocks.forEach((b, i) => {
    y += i === 0 ? b.top : Math.max(pending, b.top);
    y += b.draw({ ...at, y });
    pending = b.bottom;
  });
  return y + (contained ? pending : 0) - at.y;
}

/** The top and bottom margin of a rule's `margin` (0 when the theme sets none). */
function margins(k: K, selector: string): { top: number; bottom: number } {
  if (!k.theme.has(selector, 'margin')) return { top: 0, bottom: 0 };
  const [top, , bottom] = k.theme.box(selector, 'margin');
  return { top, bottom };
}

function leaf(k: K, base: TextStyle, b: LeafBlockView): Placed {
  const { canvas, theme } = k;
  switch (b.kind) {
    case 'heading': {
      // <h3 class="content-heading">: bold as a heading, the class's size, colour and margins over h3's.
      const style = { ...theme.style('.content-heading', theme.style('h3', base)), bold: true };
      const m = theme.has('.content-heading', 'margin') ? margins(k, '.content-heading') : margins(k, 'h3');
      return { ...m, draw: (at) => canvas.text(at, [para(b.text, style)], { name: 'Heading' }) };
    }
    case 'bullets': {
      const style = theme.style('.content .bullets', theme.style('.bullets', base));
      const paras = listParas(b.items, style, { indent: listIndent(theme, 'ul', style), gap: theme.px('.bullets li', 'margin-bottom') });
      return { top: theme.box('ul', 'margin')[0], bottom: theme.px('.bullets', 'margin-bottom'), draw: (at) => canvas.text(at, paras, { name: 'Bullets' }) };
    }
    case 'text': {
      const { paras, top, bottom } = markdownParas(k, base, k.markdown(b.md), '.content-text p');
      return { top, bottom, draw: (at) => (paras.length > 0 ? canvas.text(at, paras, { name: 'Text' }) : 0) };
    }
    case 'callout': {
      const style = theme.style('.callout', base);
      const { paras } = markdownParas(k, style, k.markdown(b.md), '.callout p');
      const { inset, border } = frameInsets(theme, '.callout');
      return {
        ...margins(k, '.callout'),
        draw: (at) =>
          canvas.text(at, paras, {
            shape: 'roundRect',
            fill: theme.color('.callout', 'background'),
            line: { color: theme.color('.callout', 'border'), width: border },
            radius: theme.px('.callout', 'border-radius'),
            inset,
            name: 'Callout',
          }),
      };
    }
    case 'notes': {
      const style = theme.style('.notes', base);
      const gap = theme.has('.notes p', 'margin') ? marginBottom(theme, '.notes p') : 0;
      const paras = b.items.map((n) => para(`※${n}`, style, { spaceAfter: gap }));
      return { ...margins(k, '.notes'), draw: (at) => canvas.text(at, paras, { name: 'Notes' }) };
    }
    case 'table': {
      const tt = theme.style('.table-title', base);
      const [ttTop, , ttBottom] = theme.box('.table-title', 'margin');
      const table = theme.style('table', base);
      const th = theme.style('th', table);
      const td = theme.style('td', table);
      return {
        top: b.caption ? ttTop : 0,
        bottom: 0,
        draw(at) {
          let y = at.y;
          if (b.caption) y += canvas.text(at, [para(`■${b.caption}`, tt)], { name: 'Table title' }) + ttBottom;
          // table-layout: fixed without widths: equal columns over the table's width.
          const n = Math.max(1, b.head.length);
          const colW = b.head.map(() => at.w / n);
          const rows: Cell[][] = [
            b.head.map((h): Cell => ({ paras: [para(h, th, { align: 'center' })], fill: theme.color('th', 'background'), valign: 'middle' })),
            ...b.rows.map((r) => r.map((c): Cell => ({ paras: [para(c, td)] }))),
          ];
          y += canvas.table(at.x, y, colW, rows, {
            padding: theme.box('td', 'padding'),
            border: { color: theme.color('td', 'border'), width: theme.borderWidth('td', 'border') },
            name: b.caption || 'Table',
          });
          return y - at.y;
        },
      };
    }
  }
}

/**
 * Markdown blocks as paragraphs in `style`: a paragraph with the margins of `pSelector`, a
 * ### heading bold in its heading's size and colour, list items with their markers; the
 * space between two is the larger of their margins. Returns the first one's top margin and
 * the last one's bottom margin (the block's own).
 */
function markdownParas(k: K, style: TextStyle, blocks: readonly MarkdownBlock[], pSelector: string): { paras: Para[]; top: number; bottom: number } {
  const { theme } = k;
  const link = theme.color('a', 'color');
  const runs = (rs: readonly MarkdownRun[]): Run[] =>
    rs.map((r) => ({ text: r.text, ...(r.bold ? { bold: true, color: theme.color('strong', 'color') } : {}), ...(r.link ? { link: r.link, color: link } : {}) }));
  const pm = theme.has(pSelector, 'margin') ? margins(k, pSelector) : margins(k, 'p');
  const ul = margins(k, 'ul');
  const li = theme.px('li', 'margin-bottom');
  const items = blocks.map((b, i): { p: Para; top: number; bottom: number } => {
    if (b.kind === 'h') {
      const tag = b.level <= 2 ? 'h2' : 'h3';
      const hs = { ...theme.style(tag, style), bold: true };
      return { p: para(runs(b.runs), hs), ...margins(k, tag) };
    }
    if (b.kind === 'li') {
      const next = blocks[i + 1];
      const prev = blocks[i - 1];
      const inList = (x: MarkdownBlock | undefined) => x?.kind === 'li';
      return {
        p: para(runs(b.runs), style, { bullet: b.ordered ? 'number' : 'disc', indent: listIndent(theme, 'ul', style), level: b.depth - 1 }),
        top: inList(prev) ? 0 : ul.top,
        bottom: inList(next) ? li : Math.max(li, ul.bottom),
      };
    }
    return { p: para(runs(b.runs), style), ...pm };
  });
  const paras = items.map((it, i) => {
    const next = items[i + 1];
    return next ? { ...it.p, spaceAfter: Math.max(it.bottom, next.top) } : it.p;
  });
  return { paras, top: items[0]?.top ?? 0, bottom: items[items.length - 1]?.bottom ?? 0 };
}
