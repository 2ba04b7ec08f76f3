/**
 * dev's live preview (src/app/dev/live.ts): an edit swaps only the changed slides into the warm
 * page and prints; what it writes is what a build writes for the same data.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { LivePreview } from '../../src/app/dev/live.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { testBrowser } from '../helpers/browser.ts';
import { pdfInfo, pdfText, tempProject, type TempProject } from '../helpers/project.ts';

const resolved = await testBrowser('live.test');

describe.skipIf(!resolved)('live preview', () => {
  let project: TempProject;
  let session: BrowserSession;
  let live: LivePreview;
  const pdf = (p: TempProject): string => path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.pdf');
  const html = (p: TempProject): string => path.join(p.paths.outDir, 'r3', 'slides', 'r3-slides.html');

  beforeAll(async () => {
    project = await tempProject();
    session = new BrowserSession();
    live = new LivePreview({ paths: project.paths, session });
  }, 120_000);
  afterAll(async () => {
    await live?.close();
    await session?.close();
    await project?.dispose();
  });

  it('loads the whole deck the first time, then swaps only the slide an edit changed', async () => {
    const first = await live.preview('r3');
    expect(first.full).toBe(true);
    expect(first.changed).toHaveLength(11);
    expect(first.written).toEqual(['r3/slides/r3-slides.html', 'r3/slides/r3-slides.pdf']);
    expect(pdfInfo(pdf(project)).Pages).toBe('11');

    // The closing line of the contact slide (the last), in characters the deck already has.
    await project.edit('r3/contact.yaml', /^closing: .*$/m, 'closing: ご清聴ありがとうございました。');
    const second = await live.preview('r3');
    expect(second.full, 'fonts and theme unchanged: a swap').toBe(false);
    expect(second.changed).toEqual([10]);
    expect(pdfText(pdf(project), { page: 11 })).toContain('ご清聴ありがとうございました。');
    expect(pdfInfo(pdf(project)).Pages).toBe('11');
    // Phrase breaks (<wbr />) sit between the words of the HTML.
    expect((await readFile(html(project), 'utf8')).replace(/<[^>]+>/g, '')).toContain('ご清聴ありがとうございました。');

    // Nothing changed: nothing swapped, the PDF printed again all the same.
    const third = await live.preview('r3');
    expect(third.changed).toEqual([]);
  }, 300_000);

  it('a character the font subsets do not hold yet loads the document again', async () => {
    await project.edit('r3/contact.yaml', /^closing: .*$/m, 'closing: ご清聴ありがとうございました（鬱）');
    const r = await live.preview('r3');
    expect(r.full).toBe(true);
    expect(pdfText(pdf(project), { page: 11 })).toContain('（鬱）');
  }, 300_000);

  it('a swapped page writes the same bytes a build writes for the same data', async () => {
    // An edit the warm page swaps in (characters it has), with the build's date fixed for both.
    await project.edit('r3/contact.yaml', /^closing: .*$/m, 'closing: ご清聴ありがとうございました（鬱）。');
    const fixed = new Date('2021-04-01T00:00:00Z');
    process.env.SOURCE_DATE_EPOCH = String(fixed.getTime() / 1000);
    let swapped: Awaited<ReturnType<LivePreview['preview']>>;
    try {
      swapped = await live.preview('r3');
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    expect(swapped.full).toBe(false);
    expect(swapped.changed).toEqual([10]);
    const other = await tempProject();
    try {
      await writeFile(path.join(other.paths.dataDir, 'r3', 'contact.yaml'), await readFile(path.join(project.paths.dataDir, 'r3', 'contact.yaml')));
      await build({ paths: other.paths, editions: ['r3'], only: 'slides', formats: ['pdf', 'html'], date: fixed });
      expect(await readFile(html(project), 'utf8')).toBe(await readFile(html(other), 'utf8'));
      const [a, b] = [await readFile(pdf(project)), await readFile(pdf(other))];
      expect(pdfText(pdf(project))).toBe(pdfText(pdf(other)));
      expect(a.length).toBeGreaterThan(100_000);
      expect(Buffer.compare(a, b), 'byte for byte').toBe(0);
    } finally {
      await other.dispose();
    }
  }, 300_000);

  it('a value that no longer fits fails as a build does, naming the slide; the page recovers with the fix', async () => {
    const file = path.join(project.paths.dataDir, 'r3', 'contact.yaml');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace(/^closing: .*$/m, `closing: ${'ご清聴ありがとうございました'.repeat(40)}`));
    await expect(live.preview('r3')).rejects.toMatchObject({ code: 'OVERFLOW' });
    await writeFile(file, good);
    const r = await live.preview('r3');
    expect(pdfText(pdf(project), { page: 11 })).toContain('（鬱）');
    expect(r.written).toHaveLength(2);
  }, 300_000);
});
