/**
 * `new-edition r4 --from r3`, then a build of the new edition with no code or template change;
 * a final build refuses what still needs a person, located. The copy itself:
 * test/fast/new-edition.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/app/build.ts';
import { run } from '../../src/cli/run.ts';
import { pdfInfo, pdfText, tempProject, type TempProject } from '../helpers/project.ts';

describe('new-edition r4 --from r3, built', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await tempProject();
    const err: string[] = [];
    const code = await run(['new-edition', 'r4', '--from', 'r3'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root });
    if (code !== 0) throw new Error(`new-edition failed (${code}):\n${err.join('\n')}`);
  });
  afterAll(() => project.dispose());

  it('builds with no code or template change: an 11-slide deck for 令和４年度', async () => {
    const result = await build({ paths: project.paths, editions: ['r4'], only: 'slides', formats: ['pdf'], force: true });
    expect(result.written).toEqual(['r4/slides/r4-slides.pdf']);
    const pdf = path.join(project.paths.outDir, 'r4', 'slides', 'r4-slides.pdf');
    expect(pdfInfo(pdf).Pages).toBe('11');
    const text = pdfText(pdf);
    expect(text).toContain('令和4年度予算（案）資料');
    expect(text).not.toContain('令和3年度予算（案）資料');
    // No date of the new year's schedule was guessed: each milestone prints （要確認）; so do the headings about its calls.
    expect(text).not.toMatch(/令和[4４]年[0-9０-９]+月/u);
    expect(text).toContain('「共創分野」の令和4年度公募について（要確認）');
    expect(text.match(/（要確認）/gu)!.length).toBeGreaterThanOrEqual(8);
    // The call status placeholder is printed for review, and a final build refuses it, located.
    expect(text).toContain('※（要確認）');
    const err: string[] = [];
    const refused = await run(['build', 'r4', '--final', '--only', 'slides', '--formats', 'pdf'], { out: () => {}, err: (l) => err.push(l) }, { root: project.root });
    expect(refused).toBe(1);
    expect(err.join('\n')).toMatch(/data\/r4\/calls\/kyoso\.yaml:52:\d+ .*（要確認）.*\[PLACEHOLDER\]/u);
    expect(err.join('\n')).toMatch(/data\/r4\/edition\.yaml:\d+:\d+ .*status.*\[NOT_FINAL\]/u);
    expect(err.join('\n')).toMatch(/data\/r4\/calls\/kyoso\.yaml:58:\d+ .*\[VALUE_TO_CONFIRM\]/u);
    expect(err.join('\n')).toMatch(/data\/r4\/calls\/kyoso\.yaml:65:\d+ .*status.*\[VALUE_TO_CONFIRM\]/u);
  }, 300_000);
});
