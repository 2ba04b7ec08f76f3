/**
 * The live data/ — what staff edit — builds: every edition under data/, every output, as
 * `npm run build` makes them, each PDF read back. The tests of the code run on the frozen fixture
 * editions (test/fixtures/editions); that the live editions validate: test/fast/live-data.test.ts.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { liveEditions, pdfInfo, tempProject, type TempProject } from '../helpers/project.ts';

// A copy, so the test writes into a temporary output/, not the repository's.
let project: TempProject;
const session = new BrowserSession();
beforeAll(async () => {
  project = await tempProject(liveEditions(), { live: true });
});
afterAll(async () => {
  await session.close();
  await project.dispose();
});

describe('the live data', () => {
  it('every edition under data/ builds, every output written and readable', async () => {
    const editions = liveEditions();
    const result = await build({ paths: project.paths, editions, session });
    expect(result.editions).toEqual(editions);
    for (const edition of editions) {
      expect(result.written, edition).toContain(`${edition}/slides/${edition}-slides.pdf`);
      expect(
        result.written.some((f) => f.startsWith(`${edition}/guidelines/`) && f.endsWith('.pdf')),
        `${edition}: a 公募要領`,
      ).toBe(true);
    }
    for (const rel of result.written) {
      const file = path.join(project.paths.outDir, rel);
      expect(existsSync(file) && statSync(file).size > 0, rel).toBe(true);
      if (rel.endsWith('.pdf')) expect(Number(pdfInfo(file).Pages), rel).toBeGreaterThan(0);
    }
  }, 600_000);
});
