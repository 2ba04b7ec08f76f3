/**
 * The live data/ — what staff edit — checked the way that is its business: every edition
 * under data/ validates (warnings allowed, as `npm run validate` allows them). The tests of the
 * code run on the frozen fixture editions (test/fixtures/editions), so a correction of the real
 * data fails here only when it is a real data error. That the live editions build:
 * test/browser/live-data.test.ts; the seed deck's facts in data/r3: seed-facts.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { EXIT } from '../../src/shared/errors.ts';
import { liveEditions, tempProject, type TempProject } from '../helpers/project.ts';

// A copy, because validate keeps its report under output/.cache of the project it checks.
let project: TempProject;
beforeAll(async () => {
  project = await tempProject(liveEditions(), { live: true });
});
afterAll(() => project.dispose());

describe('the live data', () => {
  it('has editions', () => {
    expect(liveEditions()).toContain('r3');
  });

  it.each(liveEditions())('data/%s validates', async (edition) => {
    const lines: string[] = [];
    const exit = await run(['validate', edition], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: project.root });
    expect(exit, lines.join('\n')).toBe(EXIT.OK);
  });
});
