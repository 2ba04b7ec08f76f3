/**
 * dev without a server or a browser: which URL the preview server may answer with a file, which
 * edition a changed file concerns, how a burst of saves becomes one batch, and how the live
 * preview cuts the deck into slides. The server and the page: test/e2e/dev.test.ts,
 * test/browser/live.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../src/app/dev/live.ts';
import { outputFileFor } from '../../src/app/dev/server.ts';
import { affectedBy, Debouncer } from '../../src/app/dev/watch.ts';

describe('preview server refuses what is not an output', () => {
  const out = '/srv/p/output';
  it.each([
    ['/r3/slides/r3-slides.html', '/srv/p/output/r3/slides/r3-slides.html'],
    ['/r3/guidelines/kyoso.pdf', '/srv/p/output/r3/guidelines/kyoso.pdf'],
    ['/../data/r3/contact.yaml', undefined],
    ['/r3/%2e%2e/%2e%2e/package.json', undefined],
    ['/..%2f..%2fetc/passwd', undefined],
    ['/.kyoso-lock', undefined],
    ['/r3/slides/.kyoso-tmp-1-r3-slides.pdf', undefined],
    ['/r3\\..\\..\\x', undefined],
    ['/%00', undefined],
    ['/%E0%A4%A', undefined],
  ])('%s', (url, expected) => {
    expect(outputFileFor(out, url)).toBe(expected);
  });
});

describe('which edition a change concerns (the planner decides which of its outputs are stale)', () => {
  const paths = { root: '/p', dataDir: '/p/data', templatesDir: '/t/templates', outDir: '/p/output' };
  it.each([
    ['/p/data/r3/contact.yaml', 'r3'],
    ['/p/data/r3/guidelines/kyoso.yaml', 'r3'],
    ['/t/templates/themes/kyoso.css', '*'],
    ['/t/templates/slides/partials/table.hbs', '*'],
    ['/t/templates/guidelines/guideline.css', '*'],
    ['/p/data/r4', 'r4'],
  ])('%s → %s', (file, edition) => {
    const hit = affectedBy(paths, file);
    expect(hit?.edition).toBe(edition);
  });
  it.each(['/p/data/r3/.contact.yaml.swp', '/p/data/r3/contact.yaml~', '/p/data/r3/4913', '/p/data/_drafts/x.yaml', '/p/data/notes.txt', '/p/package.json'])(
    'ignores %s',
    (file) => {
      expect(affectedBy(paths, file)).toBeUndefined();
    },
  );
  it('coalesces a burst into one batch', async () => {
    const batches: string[][] = [];
    let done!: () => void;
    const flushed = new Promise<void>((r) => (done = r));
    const d = new Debouncer<string>(20, (items) => {
      batches.push(items);
      done();
    });
    for (const f of ['a', 'b', 'a', 'c']) d.push(f);
    expect(d.pending).toBe(true);
    await flushed;
    expect(batches).toEqual([['a', 'b', 'c']]);
  });
});

describe('splitSections', () => {
  it('returns the top-level sections, nested ones inside their slide', () => {
    const html = '<div class="marpit"><section id="1"><p>a</p></section><section id="2"><section class="x">b</section></section><section id="3"></section></div>';
    expect(splitSections(html)).toEqual(['<section id="1"><p>a</p></section>', '<section id="2"><section class="x">b</section></section>', '<section id="3"></section>']);
  });
});
