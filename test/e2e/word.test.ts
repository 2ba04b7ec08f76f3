/**
 * The Word files of r3, end to end: built beside the 公募要領 PDFs from a copy of the data, then
 * — every seed fact a PDF shows is in its Word file's text; LibreOffice opens every Word file
 * (the 公募要領 and each 様式) and prints it with the bundled font, its headings as the outline;
 * release publishes them flat and the preview page links them; a budget edited in the data
 * rebuilds exactly the forms that print it.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { renderIndex } from '../../src/app/dev/page.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { releasedFiles } from '../../src/app/release.ts';
import type { Edition } from '../../src/schema/index.ts';
import { callFacts } from '../../src/stages/render/facts.ts';
import { formUnits, formView } from '../../src/stages/render/form-view.ts';
import { guidelineView } from '../../src/stages/render/guideline-view.ts';
import { callBudgetText } from '../../src/stages/render/values.ts';
import { FACTS, LABELS } from '../fixtures/seed-facts.ts';
import { browserRequired } from '../helpers/browser.ts';
import { allText, readDocx } from '../helpers/docx.ts';
import { officeToPdf, soffice } from '../helpers/libreoffice.ts';
import { pdfFonts, pdfInfo, pdfText, squash, tempProject, type TempProject } from '../helpers/project.ts';

/** The seed's facts as texts (the PPTX test's needles): the fact values, the loose labels, each call's formatted values. */
function needles(edition: Edition): string[] {
  const values = FACTS.flatMap(([, , , v]) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const formatted = edition.calls.flatMap((c) => callFacts(edition, c).map((f) => f.text));
  return [...new Set([...values, ...LABELS, ...formatted])].filter((s) => squash(s).length > 1);
}

describe('the Word files of r3', () => {
  let project: TempProject;
  let edition: Edition;
  const out = (...p: string[]) => path.join(project.paths.outDir, 'r3', ...p);

  beforeAll(async () => {
    project = await tempProject(['r3']);
    await build({ paths: project.paths, editions: ['r3'], only: 'guidelines', date: new Date('2020-10-01T00:00:00Z') });
    await build({ paths: project.paths, editions: ['r3'], only: 'forms', date: new Date('2020-10-01T00:00:00Z') });
    const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
    edition = valid!.edition;
  });
  afterAll(() => project.dispose());

  it('writes a 公募要領 docx beside each PDF, and a docx per form per call', async () => {
    expect((await readdir(out('guidelines'))).sort()).toEqual(['chiiki.docx', 'chiiki.pdf', 'kyoso.docx', 'kyoso.pdf']);
    for (const { call, form } of formUnits(edition)) expect(await readdir(out('forms', call))).toContain(path.basename(formView(edition, call, form).file));
    expect(formUnits(edition)).toHaveLength(27);
  });

  it('holds in each 公募要領 docx every seed fact its PDF shows', async () => {
    const all = needles(edition);
    for (const call of ['kyoso', 'chiiki']) {
      const pdf = pdfText(out('guidelines', `${call}.pdf`));
      const word = squash(allText(await readDocx(out('guidelines', `${call}.docx`))));
      const shown = all.filter((n) => pdf.includes(squash(n)));
      expect(shown.length, call).toBeGreaterThan(30);
      expect(
        shown.filter((n) => !word.includes(squash(n))),
        call,
      ).toEqual([]);
    }
  });

  it('opens every Word file in LibreOffice, printed with the bundled font, the 公募要領’s headings as its outline', async () => {
    const exe = soffice();
    if (!exe) {
      if (browserRequired) throw new Error('LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-writer');
      console.warn('[word.test] skipping the LibreOffice conversion — soffice is not installed');
      return;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'kyoso-docx-'));
    try {
      // One LibreOffice run for all of them (it starts once); names made unique across the calls' folders.
      const forms = formUnits(edition).map(({ call, form }) => ({ call, form, file: out(formView(edition, call, form).file) }));
      const inputs = [
        ...forms.map((f) => ({ from: f.file, name: `${f.call}-${path.basename(f.file)}` })),
        ...['kyoso', 'chiiki'].map((c) => ({ from: out('guidelines', `${c}.docx`), name: `guideline-${c}.docx` })),
      ];
      await mkdir(path.join(dir, 'in'));
      for (const i of inputs) await copyFile(i.from, path.join(dir, 'in', i.name));
      const pdfs = await officeToPdf(
        inputs.map((i) => path.join(dir, 'in', i.name)),
        dir,
        exe,
      );
      forms.forEach(({ call, form }, i) => {
        const pdf = pdfs[i]!;
        const view = formView(edition, call, form);
        expect(Number(pdfInfo(pdf).Pages), view.file).toBeGreaterThanOrEqual(1);
        for (const f of pdfFonts(pdf)) expect(f, view.file).toMatch(/^[A-Z]{6}\+BIZUDPGothic(-Regular|-Bold)?$/);
        const text = pdfText(pdf);
        expect(text, view.file).toContain(squash(`${view.number}　${view.title}`));
        for (const field of view.fields) expect(text, `${view.file} ${field.id}`).toContain(squash(field.label ?? ''));
      });
      const guides = pdfs.slice(forms.length);
      for (const [i, call] of ['kyoso', 'chiiki'].entries()) {
        const pdf = guides[i]!;
        for (const f of pdfFonts(pdf)) expect(f).toMatch(/^[A-Z]{6}\+BIZUDPGothic(-Regular|-Bold)?$/);
        const c = edition.calls.find((x) => x.id === call)!;
        const view = guidelineView(edition, c, edition.guidelines.find((g) => g.call === call)!);
        // Word's heading styles are LibreOffice's outline levels: the PDF's bookmarks are the chapters and sections.
        const outline = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', pdf], { encoding: 'utf8' });
        for (const ch of view.chapters) expect(outline, `${call} ${ch.title}`).toContain(`${ch.label} ${ch.title}`.replace(/&/g, '&amp;'));
        // The TOC page lists every chapter with its page number.
        const toc = pdfText(pdf, { page: 2, keepSpace: true }).split('\n').map(squash);
        for (const ch of view.chapters)
          expect(
            toc.some((l) => l.startsWith(squash(`${ch.label}${ch.title}`)) && /\.\d+$/.test(l)),
            `${call} ${ch.title}`,
          ).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // LibreOffice takes a minute or more for 29 files on a loaded 2-core machine.
  }, 600_000);

  it('releases the Word files flat and links them from the preview page', async () => {
    const names = (await releasedFiles(project.paths, 'r3')).map((f) => f.name);
    expect(names).toContain('r3-guidelines-kyoso.docx');
    expect(names).toContain('r3-forms-kyoso-01-cover.docx');
    expect(names).toContain('r3-forms-chiiki-14-municipality.docx');
    expect(names.filter((n) => n.startsWith('r3-forms-'))).toHaveLength(27);
    const page = await renderIndex({ gen: 1, status: { kind: 'idle', text: '' }, editions: ['r3'], errors: new Map(), outDir: project.paths.outDir });
    expect(page).toContain('href="/r3/forms/kyoso/08-budget.docx?v=1"');
    expect(page).toContain('href="/r3/guidelines/kyoso.docx?v=1"');
  });

  it('rebuilds exactly the forms that print a budget edited in the data', async () => {
    const call = edition.calls.find((c) => c.id === 'kyoso')!;
    const old = callBudgetText(edition, call, call.types[0]!);
    const printing: string[] = [];
    // 地域共創分野's 育成型 has the same budget, printed from its own file: only 共創分野's forms read this one.
    for (const { call: c, form } of formUnits(edition).filter((u) => u.call === 'kyoso'))
      if (allText(await readDocx(out(formView(edition, c, form).file))).includes(old)) printing.push(`r3/forms/${c}/${form}`);
    expect(printing.sort()).toEqual(['r3/forms/kyoso/budget', 'r3/forms/kyoso/cover']);
    await project.edit('r3/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 30000000, approx: 程度 }');
    const result = await build({ paths: project.paths, editions: ['r3'], only: 'forms', date: new Date('2020-10-01T00:00:00Z') });
    expect(result.rebuilt.sort()).toEqual(printing.sort());
    expect(allText(await readDocx(out('forms', 'kyoso', '08-budget.docx')))).toContain('3千万円程度');
  });
});
