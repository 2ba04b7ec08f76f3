/**
 * build-run's order of work: the PPTX (laid out in this process, no page) is made while the
 * edition's page lays out and prints, not after it. Shown without timing: the deck's page is held
 * open after its work until the PPTX has been logged — made beside the page, it is; made after
 * the page's units, it cannot be, and the hold runs out.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/app/build.ts';
import { BrowserSession, type PageContext, type WithPageOptions } from '../../src/stages/convert/browser.ts';
import type { Page } from 'puppeteer-core';
import { testBrowser } from '../helpers/browser.ts';
import { tempProject } from '../helpers/project.ts';

// The PPTX builder, broken on demand (the second test): the real one otherwise.
const broken = vi.hoisted(() => ({ pptx: false }));
vi.mock('../../src/outputs/pptx/native.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/outputs/pptx/native.ts')>();
  return {
    ...real,
    buildNativePptx: (...args: Parameters<typeof real.buildNativePptx>) => (broken.pptx ? Promise.reject(new Error('the PPTX broke (test)')) : real.buildNativePptx(...args)),
  };
});

const resolved = await testBrowser('build-schedule.test');
const itBrowser = resolved ? it : it.skip;

/** A session whose pages, once their work is done, stay open until `release` resolves (or `holdMs` passes). */
class HoldingSession extends BrowserSession {
  held: Array<'released' | 'ran out'> = [];
  constructor(
    private readonly release: Promise<void>,
    private readonly holdMs: number,
  ) {
    super({ resolved: resolved! });
  }
  override withPage<T>(fn: (page: Page, ctx: PageContext) => Promise<T>, opts?: WithPageOptions): Promise<T> {
    return super.withPage(async (page, ctx) => {
      const out = await fn(page, ctx);
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        this.release.then(() => 'released' as const),
        new Promise<'ran out'>((r) => {
          timer = setTimeout(() => r('ran out'), this.holdMs);
        }),
      ]);
      clearTimeout(timer);
      this.held.push(outcome);
      return out;
    }, opts);
  }
}

describe('build: work that needs no page', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  itBrowser(
    'makes the PPTX while the deck page is still open',
    async () => {
      const project = await tempProject(['r3']);
      cleanups.push(project.dispose);
      let pptxLogged = (): void => {};
      const pptx = new Promise<void>((r) => (pptxLogged = r));
      const session = new HoldingSession(pptx, 20_000);
      cleanups.push(() => session.close());
      const lines: string[] = [];
      const result = await build({
        paths: project.paths,
        editions: ['r3'],
        only: 'slides',
        formats: ['pdf', 'pptx'],
        session,
        log: (line) => {
          lines.push(line);
          if (/: PPTX /.test(line)) pptxLogged();
        },
      });
      expect(result.written.sort()).toEqual(['r3/slides/r3-slides.pdf', 'r3/slides/r3-slides.pptx']);
      // The deck's one page was released by the PPTX, not by the clock.
      expect(session.held).toEqual(['released']);
      const pptxAt = lines.findIndex((l) => /: PPTX /.test(l));
      const pdfAt = lines.findIndex((l) => /: スライド PDF |: slides PDF/.test(l));
      expect(pptxAt).toBeGreaterThanOrEqual(0);
      expect(pptxAt).toBeLessThan(pdfAt);
    },
    90_000,
  );

  itBrowser(
    'stops the edition when the PPTX made beside fails, as one after another would',
    async () => {
      const project = await tempProject(['r3']);
      cleanups.push(project.dispose);
      broken.pptx = true;
      const lines: string[] = [];
      try {
        const err = await build({ paths: project.paths, editions: ['r3'], formats: ['pdf', 'pptx', 'guideline'], log: (line) => lines.push(line) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err instanceof Error && err.message).toContain('the PPTX broke (test)');
      } finally {
        broken.pptx = false;
      }
      // The 公募要領 come after the PPTX in the registry's order: never made once it failed.
      expect(lines.filter((l) => /公募要領|guideline/.test(l) && /ファイル（|files \(/.test(l))).toEqual([]);
    },
    90_000,
  );
});
