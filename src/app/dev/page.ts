/**
 * The preview index page: per edition the slide deck (its HTML in an iframe),
 * links to every output, a status line and the error box. Server-rendered from
 * the current state; a small script listens to the event stream and, when a
 * build changed something, brings the page up to date in place: the status,
 * errors and links from the new index, and in each deck only the slides whose
 * markup changed (the rest keep their DOM and the reader keeps their place).
 * Anything it cannot patch (an edition came or went, the fonts or theme of a
 * deck changed) reloads that deck or the page, keeping the scroll positions.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { msg } from '../../shared/errors.ts';
import { t } from '../../shared/i18n.ts';
import { outputs } from '../../outputs/index.ts';
import { slidesHtmlFile } from '../../outputs/html/index.ts';
import { readManifest } from '../plan.ts';
import { EVENTS_PATH } from './server.ts';

export interface PageStatus {
  kind: 'idle' | 'busy' | 'error';
  text: string;
}

export interface PageState {
  /** Bumped whenever what the page shows changed; the page reloads when the server's differs from its own. */
  gen: number;
  status: PageStatus;
  editions: string[];
  /** Edition id (or `*` for problems not tied to one) → formatted error, as printed in the terminal. */
  errors: ReadonlyMap<string, string>;
  outDir: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Links to an edition's outputs as the last build recorded them (the manifest), in registry order,
 * each with the words its output gives it (Output.preview): the page keeps no list of outputs.
 */
async function outputLinks(id: string, state: PageState): Promise<Array<{ href: string; label: string }>> {
  const { manifest } = await readManifest(state.outDir);
  const links: Array<{ href: string; label: string }> = [];
  for (const output of outputs()) {
    const units = Object.values(manifest.units).filter((u) => u.edition === id && u.kind === output.kind);
    for (const file of units.flatMap((u) => Object.keys(u.files)).sort()) {
      const label = output.preview(file.slice(id.length + 1));
      if (label) links.push({ href: `/${file}`, label: t(label) });
    }
  }
  return links;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function editionSection(id: string, state: PageState): Promise<string> {
  const deck = slidesHtmlFile(id);
  const v = `?v=${state.gen}`;
  const links = (await outputLinks(id, state)).map((l) => `<a href="${esc(l.href)}${v}" target="_blank" rel="noopener">${esc(l.label)}</a>`);
  // A stable path for the deck; only the query changes, so bookmarks and the iframe stay valid.
  const frame = (await exists(path.join(state.outDir, id, deck)))
    ? `<iframe class="slides" id="slides-${esc(id)}" src="/${esc(id)}/${esc(deck)}${v}" title="${esc(id)} slides"></iframe>`
    : `<p class="empty">${esc(t(msg('まだ出力がありません', 'Not built yet')))}</p>`;
  return `<section class="edition" data-edition="${esc(id)}"><h2>${esc(id)}</h2><nav>${links.join(' ')}</nav>${frame}</section>`;
}

export async function renderIndex(state: PageState): Promise<string> {
  const errors = [...state.errors].map(([id, text]) => `<pre class="error" data-edition="${esc(id)}">${esc(text)}</pre>`).join('');
  const sections = (await Promise.all(state.editions.map((id) => editionSection(id, state)))).join('');
  return `<!DOCTYPE html>
<html lang="${t(msg('ja', 'en'))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kyoso-docs ${esc(t(msg('プレビュー', 'preview')))}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #eef0f3; color: #1d232b; }
header { position: sticky; top: 0; z-index: 1; display: flex; gap: 1em; align-items: baseline; padding: .5em 1em; background: #1d3557; color: #fff; }
header h1 { font-size: 1.1em; margin: 0; }
#status { margin: 0; font-size: .95em; }
#status.busy::before { content: '⟳ '; }
#status.error { color: #ffb4b4; }
#errors { margin: 1em; }
#errors:empty { display: none; }
pre.error { scroll-margin-top: 4em; white-space: pre-wrap; background: #fff0f0; border: 2px solid #c0392b; border-radius: 6px; padding: 1em; margin: 0 0 1em; font-size: .9em; }
section.edition { margin: 1em; }
section.edition h2 { margin: .2em 0; }
nav a { margin-right: 1em; }
iframe.slides { width: 100%; height: 80vh; border: 1px solid #999; background: #5b6470; margin-top: .5em; }
</style></head>
<body>
<header><h1>kyoso-docs ${esc(t(msg('プレビュー', 'preview')))}</h1><p id="status" class="${state.status.kind}">${esc(state.status.text)}</p></header>
<div id="errors">${errors}</div>
${sections || `<p class="empty">${esc(t(msg('data/ に版がありません', 'No edition under data/')))}</p>`}
<script>
(() => {
  let GEN = ${state.gen};
  const KEY = 'kyoso-preview-scroll';
  const frames = () => Array.from(document.querySelectorAll('iframe.slides'));
  const errorTexts = () => Array.from(document.querySelectorAll('pre.error'), (e) => e.textContent);
  const reload = () => {
    // Keep where the reader was: the page and each deck (and which errors were already on screen).
    const at = { y: scrollY, frames: {}, errors: errorTexts() };
    for (const f of frames()) { try { at.frames[f.id] = f.contentWindow.scrollY; } catch {} }
    sessionStorage.setItem(KEY, JSON.stringify(at));
    location.reload();
  };
  try {
    const at = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    sessionStorage.removeItem(KEY);
    if (at) {
      // A new error is what the reader must see: scroll to it instead of back to where they were.
      // The browser's own restoring of the scroll position would undo that after load: it is ours.
      history.scrollRestoration = 'manual';
      const fresh = Array.from(document.querySelectorAll('pre.error')).find((e) => !(at.errors || []).includes(e.textContent));
      const place = () => (fresh ? fresh.scrollIntoView({ block: 'start' }) : scrollTo(0, at.y));
      place();
      addEventListener('load', place, { once: true });
      for (const f of frames()) f.addEventListener('load', () => { try { f.contentWindow.scrollTo(0, at.frames[f.id] || 0); } catch {} });
    }
  } catch {}
  const fetchDoc = async (url) => {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(url + ': ' + res.status);
    return new DOMParser().parseFromString(await res.text(), 'text/html');
  };
  // One deck: the slides whose markup differs are replaced; new fonts or theme (the head), or
  // another number of slides, reload the deck's frame alone.
  const patchFrame = async (frame, src) => {
    const next = await fetchDoc(src);
    const doc = frame.contentDocument;
    if (!doc || doc.head.innerHTML !== next.head.innerHTML) return void (frame.src = src);
    const now = Array.from(doc.querySelectorAll('div.marpit > svg'));
    const fresh = Array.from(next.querySelectorAll('div.marpit > svg'));
    if (now.length !== fresh.length || now.length === 0) return void (frame.src = src);
    fresh.forEach((svg, i) => { if (now[i].outerHTML !== svg.outerHTML) now[i].replaceWith(doc.importNode(svg, true)); });
  };
  const update = async (gen) => {
    const next = await fetchDoc(location.pathname);
    const before = Array.from(document.querySelectorAll('section.edition'));
    const after = Array.from(next.querySelectorAll('section.edition'));
    if (before.length !== after.length || before.some((s, i) => s.dataset.edition !== after[i].dataset.edition)) return reload();
    const seen = errorTexts();
    document.getElementById('errors').innerHTML = next.getElementById('errors').innerHTML;
    // A new error is what the reader must see — in the same task that puts it on the page, so
    // no frame is painted with the error there but out of sight while the decks are fetched.
    Array.from(document.querySelectorAll('pre.error')).find((e) => !seen.includes(e.textContent))?.scrollIntoView({ block: 'start' });
    for (let i = 0; i < before.length; i++) {
      before[i].querySelector('nav').innerHTML = after[i].querySelector('nav').innerHTML;
      const frame = before[i].querySelector('iframe.slides');
      const src = after[i].querySelector('iframe.slides')?.getAttribute('src');
      if (!frame !== !src) return reload();
      if (frame) await patchFrame(frame, src);
    }
    GEN = gen;
  };
  let queue = Promise.resolve();
  const events = new EventSource('${EVENTS_PATH}');
  const check = (e) => {
    const gen = JSON.parse(e.data).gen;
    if (gen === GEN) return;
    // In turn (a second change waits for the first), and a reload when patching fails.
    queue = queue.then(() => update(gen)).catch(() => reload());
  };
  events.addEventListener('hello', check);
  events.addEventListener('reload', check);
  events.addEventListener('status', (e) => {
    const s = JSON.parse(e.data);
    const el = document.getElementById('status');
    el.textContent = s.text;
    el.className = s.kind;
  });
})();
</script>
</body></html>`;
}
