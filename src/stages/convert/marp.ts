/**
 * Marp Markdown → slide HTML/CSS with marp-core (the engine inside marp-cli),
 * configured for documents that must not reach the network or run data as code:
 * HTML only from an allow-list (what our templates emit), no emoji images from a
 * CDN, no math, no injected browser script.
 */
import { Marp } from '@marp-team/marp-core';
import { PLACEHOLDERS } from '../../shared/values.ts';

type AllowList = Record<string, string[] | Record<string, boolean | ((value: string) => string)>>;

/** Only web and mail links, whatever an href says (the escaper makes no other; this is the second lock). */
const LINK_HREF = (value: string): string => (/^(?:https?:|mailto:)/i.test(value.trim()) ? value : '');

/** The one ARIA role the templates give (a diagram as one image with its description). */
const ONLY_IMG = (value: string): string => (value === 'img' ? value : '');

/**
 * Tags and attributes our templates use. Data is escaped before it gets here, so none of it can
 * add tags; `<wbr>` and `<a href>` are what the escaper writes for phrase breaks and links.
 */
export const HTML_ALLOWLIST: AllowList = {
  // role="img" + aria-label: a diagram tagged as a Figure with that text as its /Alt (Chromium).
  div: { class: true, style: true, 'data-source': true, 'data-pref': true, title: true, role: ONLY_IMG, 'aria-label': true },
  span: ['class', 'style', 'data-source'],
  p: ['class'],
  br: [],
  strong: ['class'],
  em: [],
  small: ['class'],
  sup: [],
  sub: [],
  ul: ['class'],
  ol: ['class', 'start'],
  li: ['class'],
  table: ['class', 'data-source'],
  colgroup: [],
  col: ['style', 'class'],
  thead: [],
  tbody: [],
  tr: ['class'],
  th: ['class', 'colspan', 'rowspan', 'scope', 'style'],
  td: ['class', 'colspan', 'rowspan', 'style'],
  a: { href: LINK_HREF },
  wbr: [],
  h1: ['class'],
  h2: ['class'],
  h3: ['class'],
  h4: ['class'],
  code: [],
  section: ['class'],
};

export interface MarpRender {
  html: string;
  css: string;
  /** Number of slides rendered. */
  slides: number;
}

export function createMarp(themeCss: string, opts: { inlineSVG?: boolean } = {}): Marp {
  const marp = new Marp({
    html: HTML_ALLOWLIST,
    emoji: { shortcode: false, unicode: false },
    math: false,
    minifyCSS: false,
    script: false,
    // Print wants plain sections (one per page); the browser viewer wants inline SVG, which scales without script.
    inlineSVG: opts.inlineSVG ?? false,
  });
  marp.themeSet.default = marp.themeSet.add(themeCss);
  return marp;
}

/**
 * The last Marp instance per rendering mode, with the theme it was made for: parsing the theme
 * (postcss) is a third of a render, and dev renders every edit with the same theme. A render
 * keeps no state between calls (marp-cli reuses its instance the same way).
 */
const instances = new Map<boolean, { themeCss: string; marp: Marp }>();

export function renderMarp(markdown: string, themeCss: string, opts: { inlineSVG?: boolean } = {}): MarpRender {
  const mode = opts.inlineSVG ?? false;
  let held = instances.get(mode);
  if (held?.themeCss !== themeCss) {
    held = { themeCss, marp: createMarp(themeCss, opts) };
    instances.set(mode, held);
  }
  const marp = held.marp;
  const rendered = marp.render(markdown);
  const html = markFrameTbd(rendered.html);
  const slides = (html.match(/<section\b/g) ?? []).length;
  return { html, css: rendered.css, slides };
}

/**
 * A fact not known yet in the deck's frame: the footer and header are Marp directives (plain text
 * in the front matter, outside the templates' escaper), so their （要確認） is marked here, in the
 * HTML Marp made of them, as the slides' own text is: `<span class="tbd">`.
 */
export function markFrameTbd(html: string): string {
  return html.replace(/(<(footer|header)\b[^>]*>)([\s\S]*?)(<\/\2>)/gu, (_, open: string, _tag: string, inner: string, close: string) => {
    let marked = inner;
    for (const p of PLACEHOLDERS) marked = marked.split(p).join(`<span class="tbd">${p}</span>`);
    return `${open}${marked}${close}`;
  });
}

/**
 * A standalone HTML document of the deck, one slide per printed page. Fonts
 * come in as data: URLs so the page needs nothing but itself.
 */
export function slidesDocument(render: MarpRender, opts: { title: string; fontCss: string; lang?: string; width?: number; height?: number }): string {
  const w = opts.width ?? 1280;
  const h = opts.height ?? 720;
  return `<!DOCTYPE html>
<html lang="${opts.lang ?? 'ja'}"><head><meta charset="utf-8">
<title>${escapeAttr(opts.title)}</title>
<style>${opts.fontCss}</style>
<style>${render.css}</style>
<style>
@page { size: ${w}px ${h}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
div.marpit > section { break-after: page; overflow: hidden; }
div.marpit > section:last-child { break-after: auto; }
</style>
</head><body>${render.html}</body></html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
