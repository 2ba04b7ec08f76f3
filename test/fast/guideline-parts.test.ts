/**
 * Shared parts of the 公募要領 (data/<edition>/guideline-parts/*.yaml): the text both calls print is
 * written once in the live data, each call's tree includes it by id, and the view-model of each
 * call carries it (the PDFs are read back in test/browser/guideline-r3.test.ts). Also what an
 * include may change per call (title, add, omit) and what a cross-reference prints.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import type { Edition, Guideline } from '../../src/schema/index.ts';
import { guidelineView, proseValues, type Block, type GuidelineView, type Section } from '../../src/stages/render/guideline-view.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const DATA = path.join(import.meta.dirname, '..', '..', 'data', 'r3');
/** The chapters every call of r3 prints from one place (issue 27's list). */
const COMMON = [
  'budget',
  'awards',
  'schedule',
  'contact',
  'closing',
  'definitions',
  'applicant',
  'selection',
  'evaluation',
  'expenses',
  'application',
  'after-adoption',
  'notices',
  'qa',
];
/** The JST notices every call carries: section ids of the notices part. */
const NOTICES = ['ethics-education', 'duplication', 'other-funding', 'misuse', 'research-misconduct', 'integrity', 'export-control', 'bioethics', 'privacy'];

type Raw = { text?: string; include?: string; body?: Raw[]; add?: Raw[]; sections?: Raw[]; chapters?: Raw[]; appendices?: Raw[] };
const yamlOf = (rel: string): Raw => parse(readFileSync(path.join(DATA, rel), 'utf8')) as Raw;
const FILES = globbySync(['guidelines/*.yaml', 'guideline-parts/*.yaml'], { cwd: DATA }).sort();

/** Every prose text of a file, and every include it makes. */
function walk(node: Raw, texts: string[], includes: string[]): void {
  if (node.text !== undefined) texts.push(node.text);
  if (node.include !== undefined) includes.push(node.include);
  for (const key of ['body', 'add', 'sections', 'chapters', 'appendices'] as const) for (const c of node[key] ?? []) walk(c, texts, includes);
}

/** Sentences long enough to be a passage, not a stock phrase (values and references left as written). */
const sentences = (text: string): string[] =>
  text
    .split(/(?<=。)|\n/u)
    .map((s) => s.replace(/^[\s>*\-|0-9.]+/u, '').trim())
    .filter((s) => [...s].length >= 24);

describe('shared parts of the r3 公募要領 in the live data', () => {
  const byFile = new Map(
    FILES.map((rel) => {
      const texts: string[] = [];
      const includes: string[] = [];
      walk(yamlOf(rel), texts, includes);
      return [rel, { texts, includes }] as const;
    }),
  );

  it('writes each passage once: no sentence of the guidelines and their parts appears in two places', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [rel, { texts }] of byFile)
      for (const t of texts)
        for (const s of sentences(t)) {
          const first = seen.get(s);
          if (first !== undefined) twice.push(`${s} — ${first} and ${rel}`);
          else seen.set(s, rel);
        }
    expect(seen.size).toBeGreaterThan(100);
    expect(twice).toEqual([]);
  });

  it('has each common chapter as a part that both calls include by id', () => {
    for (const id of COMMON) {
      expect(byFile.has(`guideline-parts/${id}.yaml`), id).toBe(true);
      for (const call of ['kyoso', 'chiiki']) expect(byFile.get(`guidelines/${call}.yaml`)!.includes, `${call} includes ${id}`).toContain(id);
    }
  });

  it('holds every JST notice the issue lists in the notices part', () => {
    const notices = yamlOf('guideline-parts/notices.yaml');
    expect((notices.sections ?? []).map((s) => (s as { id?: string }).id)).toEqual(expect.arrayContaining(NOTICES));
  });
});

describe('the view-models of r3 print the shared parts', () => {
  let project: TempProject;
  let edition: Edition;
  const views = new Map<string, GuidelineView>();
  beforeAll(async () => {
    project = await tempProject(['r3'], { live: true });
    const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
    edition = valid!.edition;
    for (const call of edition.calls) {
      const guide = edition.guidelines.find((g) => g.call === call.id);
      if (guide) views.set(call.id, guidelineView(edition, call, guide));
    }
  }, 60_000);
  afterAll(() => project.dispose());

  const all = (list: Section[]): Section[] => list.flatMap((s) => [s, ...all(s.sections)]);
  const mdOf = (v: GuidelineView): string =>
    v.chapters
      .flatMap((c) => [...c.blocks, ...all(c.sections).flatMap((s) => s.blocks)])
      .map((b: Block) => (b.kind === 'html' ? b.md : ''))
      .join('\n');

  it('puts each part’s text into both calls’ documents, and names the part file among what each reads', () => {
    const part = edition.guidelineParts.find((p) => p.id === 'notices')!;
    const first = (part.sections![0]!.body![0] as { text: string }).text;
    for (const call of ['kyoso', 'chiiki']) {
      const v = views.get(call)!;
      expect(mdOf(v), call).toContain(first.slice(0, 40));
      expect(v.sources, call).toEqual(expect.arrayContaining(COMMON.map((id) => `guideline-parts/${id}.yaml`)));
    }
  });

  it('prints a chapter per include with the part’s title, and the call’s own additions only in its document', () => {
    const kyoso = views.get('kyoso')!;
    const chiiki = views.get('chiiki')!;
    const titles = (v: GuidelineView) => v.chapters.map((c) => c.title);
    expect(titles(kyoso)).toContain('応募にあたっての留意事項');
    expect(titles(chiiki)).toContain('応募にあたっての留意事項');
    const sections = (v: GuidelineView) => v.chapters.flatMap((c) => all(c.sections).map((s) => s.title));
    expect(sections(chiiki)).toContain('幹事自治体の要件');
    expect(sections(kyoso)).not.toContain('幹事自治体の要件');
  });

  it('numbers as the data chooses (第N章 / N.M / N.M.K) and resolves each cross-reference to its target’s number', () => {
    const v = views.get('kyoso')!;
    expect(v.chapters[0]!.label).toBe('第1章');
    const sub = all(v.chapters.flatMap((c) => c.sections)).find((s) => s.level === 3)!;
    expect(sub.number).toMatch(/^\d+\.\d+\.\d+$/u);
    const refs = v.chapters.flatMap((c) => [...c.blocks, ...all(c.sections).flatMap((s) => s.blocks)]).flatMap((b) => (b.kind === 'html' ? (b.refs ?? []) : []));
    expect(refs.length).toBeGreaterThan(10);
    const ids = new Map(v.chapters.flatMap((c) => [[c.id, c.label] as const, ...all(c.sections).map((s) => [s.id, s.number] as const)]));
    for (const r of refs) expect(ids.get(r.dom), r.dom).toBe(r.label);
  });

  it('prints a reference as its number and page once the print has found the page', () => {
    const v = views.get('kyoso')!;
    const block = v.chapters
      .flatMap((c) => [...c.blocks, ...all(c.sections).flatMap((s) => s.blocks)])
      .find((b): b is Extract<Block, { kind: 'html' }> => b.kind === 'html' && (b.refs?.length ?? 0) > 0)!;
    const r = block.refs![0]!;
    expect(proseValues(block, new Map([[r.dom, '12']]))![r.index]).toBe(`${r.label}（p.12）`);
    expect(proseValues(block, undefined)![r.index]).toBe(`${r.label}（p.00）`);
  });

  it('captions the budget table by its own content, not with the types table’s caption (issue 27: 第4章 repeated 第2章’s)', () => {
    for (const v of views.values()) {
      const tables = v.chapters.flatMap((c) => [...c.blocks, ...all(c.sections).flatMap((s) => s.blocks)]).filter((b) => b.kind === 'table');
      const captions = tables.map((t) => (t.kind === 'table' ? t.caption : undefined)).filter((c): c is string => c !== undefined);
      expect(new Set(captions).size, v.callId).toBe(captions.length);
      expect(captions, v.callId).toContain(`${edition.meta.labels.fundingTerm}・${edition.meta.labels.periodTerm}`);
    }
  });

  it('prints the contact’s lead (「下記ホームページ」) before the lines it points at, and the address, telephone and hours', () => {
    const v = views.get('kyoso')!;
    const chapter = v.chapters.find((c) => c.key === 'contact')!;
    const kinds = chapter.blocks.map((b) => b.kind);
    const lead = chapter.blocks.findIndex((b) => b.kind === 'p' && b.text === edition.contact.lead);
    const pairs = chapter.blocks.findIndex((b) => b.kind === 'dl');
    expect(lead, kinds.join()).toBeGreaterThanOrEqual(0);
    expect(lead).toBeLessThan(pairs);
    const dl = chapter.blocks[pairs] as Extract<Block, { kind: 'dl' }>;
    expect(dl.items.map((i) => i.desc)).toEqual(expect.arrayContaining([edition.contact.address, edition.contact.phone, edition.contact.hours, edition.contact.url]));
    const url = dl.items.findIndex((i) => i.desc === edition.contact.url);
    expect(url).toBe(dl.items.length - 1);
  });

  it('puts the deadline from the schedule and the notes the guideline names on the cover', () => {
    for (const v of views.values()) {
      const guide = edition.guidelines.find((g) => g.call === v.callId)!;
      expect(v.cover.deadline?.label, v.callId).toBe('募集締切');
      expect(v.cover.deadline?.text).toMatch(/令和3年5月下旬/u);
      const notes = guide.coverNoteRefs!.map((id) => edition.meta.notes.find((n) => n.id === id)!.text);
      expect(v.cover.notes).toEqual(notes);
      expect(v.cover.notes.some((n) => n.includes('予算'))).toBe(true);
      expect(v.schedule.blocks.some((b) => b.kind === 'table')).toBe(true);
    }
  });

  it('lets an include change the title, add text and leave out a section of the part', () => {
    const guide = structuredClone(edition.guidelines.find((g) => g.call === 'kyoso')!) as Guideline;
    const at = guide.chapters.findIndex((c) => 'include' in c && c.include === 'notices');
    guide.chapters[at] = { include: 'notices', title: '留意事項（共創分野）', add: [{ text: 'この分野だけの注意です。' }], omit: ['diversity'] };
    const e = { ...edition, guidelines: edition.guidelines.map((g) => (g.call === 'kyoso' ? guide : g)) };
    const v = guidelineView(e, e.calls.find((c) => c.id === 'kyoso')!, guide);
    const chapter = v.chapters[at]!;
    expect(chapter.title).toBe('留意事項（共創分野）');
    expect(chapter.blocks.map((b) => (b.kind === 'html' ? b.md : '')).join('\n')).toContain('この分野だけの注意です。');
    expect(chapter.sections.map((s) => s.title)).not.toContain('多様な人材の参画');
    expect(chapter.sections.map((s) => s.title)).toContain('安全保障貿易管理');
  });
});
