/**
 * r3's two 公募要領 as the live data makes them (issue 27), read back from the PDFs: their length,
 * the JST notices written once in data/r3/guideline-parts/ printed in both, 3-level bookmarks,
 * every cross-reference printing the page its target is on, and the pagination rules — no heading
 * in the last lines of a page, pages at least 75 % full unless a chapter ends there or a table that
 * needs the next page follows, and a table that splits repeats its head.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { build } from '../../src/app/build.ts';
import { loadEditions } from '../../src/app/editions.ts';
import type { Edition } from '../../src/schema/index.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { readOutline, readPageLabels } from '../../src/stages/convert/pdf-read.ts';
import { guidelineView, type Block, type GuidelineView, type Section } from '../../src/stages/render/guideline-view.ts';
import { squash, tempProject, type TempProject } from '../helpers/project.ts';

const CALLS = ['kyoso', 'chiiki'] as const;
/** The long document: kyoso's chapters four times over (real scale, ≥ 100 pages), built from its own copy of the data. */
const LONG = 'long';
const DOCS = [...CALLS, LONG] as const;
/** A4 in pt and guideline.css's margins (top 22 mm, bottom 20 mm). */
const PAGE_H = 841.89;
const TOP = (22 / 25.4) * 72;
const BOTTOM = PAGE_H - (20 / 25.4) * 72;
const MIN_FILL = 0.75;

interface Line {
  text: string;
  xMin: number;
  yMin: number;
  yMax: number;
}

/**
 * Each page's visual rows, top down: pdftotext's lines (-bbox-layout) on one baseline joined left to
 * right (a heading's number and title, a table row's cells), running head, footer and the draft
 * watermark left out.
 */
function pageLines(file: string, watermark: string): Line[][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const raw = [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([\s\S]*?)<\/line>/gu)]
        .map((m) => ({
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          yMax: Number(m[3]),
          text: decode([...m[4]!.matchAll(/<word[^>]*>([^<]*)<\/word>/gu)].map((w) => w[1]).join('')),
        }))
        .filter((l) => l.yMin > TOP - 2 && l.yMax < BOTTOM + 2 && l.text !== watermark)
        .sort((x, y) => x.yMax - y.yMax || x.xMin - y.xMin);
      const rows: Line[] = [];
      for (const l of raw) {
        const last = rows.at(-1);
        if (last && Math.abs(last.yMax - l.yMax) < 2.5) {
          last.text += l.text;
          last.yMin = Math.min(last.yMin, l.yMin);
        } else rows.push({ ...l });
      }
      return rows;
    });
}

/** A page's rows from the top down. */
const byHeight = (page: Line[]): Line[] => page;

const decode = (s: string) =>
  s
    .replace(/&amp;/gu, '&')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'");
const all = (list: Section[]): Section[] => list.flatMap((s) => [s, ...all(s.sections)]);
const blocksOf = (v: GuidelineView): Block[] => v.chapters.flatMap((c) => [...c.blocks, ...all(c.sections).flatMap((s) => s.blocks)]);

let project: TempProject;
let longProject: TempProject;
let edition: Edition;
const session = new BrowserSession();
const views = new Map<string, GuidelineView>();
const files = new Map<string, string>();
const lines = new Map<string, Line[][]>();

/** Without its `id`s: a repeated chapter must not repeat the data's ids (the first copy keeps them). */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => k !== 'id')
      .map(([k, v]) => [k, withoutIds(v)]),
  );
}

/** Build r3's guidelines in `p` and read `call`'s PDF into the maps under `key`. */
async function buildAndRead(p: TempProject, call: string, key: string): Promise<void> {
  const [valid] = await loadEditions(p.paths, ['r3'], { text: 'none' });
  const e = valid!.edition;
  const c = e.calls.find((x) => x.id === call)!;
  views.set(key, guidelineView(e, c, e.guidelines.find((g) => g.call === call)!));
  const file = path.join(p.paths.outDir, 'r3', 'guidelines', `${call}.pdf`);
  files.set(key, file);
  const labels = await readPageLabels(readFileSync(file));
  bodyStarts.set(file, labels.find((l) => l.style === 'D')!.startIndex);
  lines.set(key, pageLines(file, e.meta.labels.draftMark));
}

beforeAll(async () => {
  project = await tempProject(['r3'], { live: true });
  await build({ paths: project.paths, editions: ['r3'], session, only: 'guidelines', formats: ['guideline'] });
  const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
  edition = valid!.edition;
  for (const call of CALLS) await buildAndRead(project, call, call);
  // The long fixture: the same data, kyoso's chapters four times.
  longProject = await tempProject(['r3'], { live: true });
  const guideFile = path.join(longProject.paths.dataDir, 'r3', 'guidelines', 'kyoso.yaml');
  const guide = parse(readFileSync(guideFile, 'utf8')) as { chapters: unknown[] };
  guide.chapters = [...guide.chapters, ...[1, 2, 3].flatMap(() => withoutIds(guide.chapters) as unknown[])];
  writeFileSync(guideFile, stringify(guide));
  await build({ paths: longProject.paths, editions: ['r3'], session, only: 'guidelines', formats: ['guideline'] });
  await buildAndRead(longProject, 'kyoso', LONG);
}, 900_000);
afterAll(async () => {
  await session.close();
  await project.dispose();
  await longProject?.dispose();
});

const bodyStarts = new Map<string, number>();
/** The 0-based PDF page of body page `n`: the page labels the build writes (body pages 1, 2 … in decimal). */
function bodyPageIndex(file: string, n: number): number {
  return bodyStarts.get(file)! + n - 1;
}

describe.each(DOCS)('the r3 公募要領 of %s', (call) => {
  it('runs to at least 30 A4 pages (the long fixture to 100)', () => {
    expect(lines.get(call)!.length).toBeGreaterThanOrEqual(call === LONG ? 100 : 30);
  });

  it('prints every JST notice of the shared part, from the one place in the data', () => {
    const text = squash(
      lines
        .get(call)!
        .flatMap((p) => p.map((l) => l.text))
        .join(''),
    );
    const part = edition.guidelineParts.find((p) => p.id === 'notices')!;
    for (const s of part.sections ?? []) {
      expect(text, s.title).toContain(squash(s.title ?? ''));
      const first = (s.body?.[0] as { text?: string } | undefined)?.text ?? '';
      // The first sentence, values and references aside.
      const sentence = first.split('。')[0]!.replace(/\{\{[^}]*\}\}/gu, '');
      expect(text, s.title).toContain(squash(sentence).slice(0, 30));
    }
  });

  it('has bookmarks three levels deep, each at its heading’s page', async () => {
    const outline = await readOutline(readFileSync(files.get(call)!));
    const third = outline.flatMap((c) => c.children.flatMap((s) => s.children));
    expect(third.length).toBeGreaterThan(20);
    const pages = lines.get(call)!;
    for (const item of third.slice(0, 40)) {
      const page = squash(pages[item.pageIndex!]!.map((l) => l.text).join(''));
      expect(page, item.title).toContain(squash(item.title));
    }
  });

  it('prints each cross-reference as its target’s number and the page the target is on', () => {
    const v = views.get(call)!;
    const file = files.get(call)!;
    const text = squash(
      lines
        .get(call)!
        .flatMap((p) => p.map((l) => l.text))
        .join(''),
    );
    const headings = new Map(v.chapters.flatMap((c) => [[c.id, `${c.label}${c.title}`] as const, ...all(c.sections).map((s) => [s.id, `${s.number}${s.title}`] as const)]));
    const refs = blocksOf(v).flatMap((b) => (b.kind === 'html' ? (b.refs ?? []) : []));
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const m = new RegExp(`${squash(r.label).replace(/[.()（）]/gu, '\\$&')}（p\\.(\\d+)）`, 'u').exec(text);
      expect(m, `${r.label} printed with a page`).not.toBeNull();
      const index = bodyPageIndex(file, Number(m![1]));
      const page = squash(
        lines
          .get(call)!
          [index]!.map((l) => l.text)
          .join(''),
      );
      expect(page, `${r.label} → p.${m![1]}`).toContain(squash(headings.get(r.dom)!));
    }
  });

  it('makes each cross-reference a link inside the document', async () => {
    const v = views.get(call)!;
    const refs = blocksOf(v).flatMap((b) => (b.kind === 'html' ? (b.refs ?? []) : []));
    const doc = await PDFDocument.load(readFileSync(files.get(call)!), { updateMetadata: false });
    const start = bodyStarts.get(files.get(call)!)!;
    let internal = 0;
    doc.getPages().forEach((page, i) => {
      if (i < start) return;
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (let k = 0; k < (annots?.size() ?? 0); k++) {
        const a = annots!.lookup(k, PDFDict);
        const action = a.lookupMaybe(PDFName.of('A'), PDFDict);
        const uri = action?.get(PDFName.of('URI'));
        if (a.get(PDFName.of('Subtype')) === PDFName.of('Link') && uri === undefined) internal++;
      }
    });
    // A reference wrapped over two lines makes two annotations; none may be missing.
    expect(internal).toBeGreaterThanOrEqual(refs.length);
  });

  it('leaves no heading in the last two lines of a page (unless the one line under it ends its section)', () => {
    const v = views.get(call)!;
    const headings = new Set(v.chapters.flatMap((c) => [squash(`${c.label}${c.title}`), ...all(c.sections).map((s) => squash(`${s.number}${s.title}`))]));
    const bad: string[] = [];
    const first = bodyPageIndex(files.get(call)!, 1);
    const pages = lines.get(call)!;
    pages.forEach((page, i) => {
      if (i < first || i === pages.length - 1) return;
      // A heading over one line is fine when that line ends its section (the next page opens with a heading).
      const opener = squash(pages[i + 1]![0]?.text ?? '');
      const nextIsHeading = headings.has(opener);
      page.slice(-2).forEach((l, k, tail) => {
        if (!headings.has(squash(l.text))) return;
        if (k === 0 && nextIsHeading) return;
        bad.push(`page ${i + 1}: ${l.text}${k === tail.length - 1 ? ' (last line)' : ''}`);
      });
    });
    expect(bad).toEqual([]);
  });

  it('fills each body page to at least 75 % unless a chapter ends there or a table that needs the next page follows', () => {
    const v = views.get(call)!;
    const pages = lines.get(call)!;
    const file = files.get(call)!;
    const first = bodyPageIndex(file, 1);
    const chapterStarts = new Set(v.chapters.map((c) => squash(`${c.label}${c.title}`)));
    const tableStarts = blocksOf(v).flatMap((b) => (b.kind === 'table' ? [b.caption ? squash(`■${b.caption}`) : squash(b.head.join(''))].filter((x) => x !== '') : []));
    const bad: string[] = [];
    for (let i = first; i < pages.length - 1; i++) {
      const page = pages[i]!;
      const next = pages[i + 1]!;
      const fill = (Math.max(TOP, ...page.map((l) => l.yMax)) - TOP) / (BOTTOM - TOP);
      if (fill >= MIN_FILL) continue;
      const top = byHeight(next);
      const opener = squash(top[0]?.text ?? '');
      if (chapterStarts.has(opener) || [...chapterStarts].some((c) => opener.startsWith(c))) continue;
      // A table (its caption or its head) within the first lines of the next page: a table that needed the room.
      const head = squash(
        top
          .slice(0, 8)
          .map((l) => l.text)
          .join(''),
      );
      if (tableStarts.some((t) => head.includes(t))) continue;
      bad.push(`page ${i + 1}: ${Math.round(fill * 100)} % full, next starts with ${top[0]?.text}`);
    }
    expect(bad).toEqual([]);
  });

  it('repeats a table’s head on each page it runs onto', () => {
    const v = views.get(call)!;
    const pages = lines.get(call)!.map((p) => squash(p.map((l) => l.text).join('')));
    const first = bodyPageIndex(files.get(call)!, 1);
    let split = 0;
    const located: string[] = [];
    for (const b of blocksOf(v)) {
      if (b.kind !== 'table' || b.head.length === 0) continue;
      const head = squash(b.head.join(''));
      // Each row by the start of its longest cell (a cell's wrapped lines stay in order; columns do not).
      const keys = b.rows.map((r) => {
        const cell = r.filter((c) => !c.skip).reduce((x, c) => (c.text.length > x.length ? c.text : x), '');
        return squash(cell).slice(0, 10);
      });
      const start = pages.findIndex((p, i) => i >= first && p.includes(head) && keys.some((k) => p.includes(k)));
      // A table whose cells pdftotext reads out of order (merged cells) is not located; the long ones are.
      if (start < 0) continue;
      located.push(b.caption ?? head);
      // The table runs on while the next page holds one of its rows that the pages before did not.
      const seen = new Set(keys.filter((k) => pages[start]!.includes(k)));
      let p = start + 1;
      while (p < pages.length && keys.some((k) => !seen.has(k) && pages[p]!.includes(k))) {
        split++;
        expect(pages[p], `${b.caption ?? head}: page ${p + 1} repeats the head`).toContain(head);
        for (const k of keys) if (pages[p]!.includes(k)) seen.add(k);
        p++;
      }
    }
    expect(located).toContain('様式一覧');
    // r3's long tables (the roster, the forms list) do split: the rule was applied.
    if (call === 'kyoso') expect(split).toBeGreaterThan(0);
  });
});
