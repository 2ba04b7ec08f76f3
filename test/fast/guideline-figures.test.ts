/**
 * Figures of the 公募要領 (`{figure, caption, alt}` in guidelines/*.yaml and guideline-parts/*.yaml):
 * validation refuses a missing file and a missing alt text, each at its line; the view numbers
 * them 図1, 図2 … (or 図6-1 by chapter, as the data chooses) and reads each file's size. The PDF's
 * Figure tags and the DOCX's pictures are read back in test/browser/guideline-figures.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { writeGuideline } from '../../src/outputs/guideline-docx/write.ts';
import { isWarning, KyosoError } from '../../src/shared/errors.ts';
import { figuresOf, readFigures, svgSize } from '../../src/stages/render/guideline-figures.ts';
import { guidelineView } from '../../src/stages/render/guideline-view.ts';
import { addFigures, BAND_ALT, FLOW_ALT } from '../helpers/figures.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

async function issuesOf(p: TempProject) {
  const err = await loadEditions(p.paths, ['r4'], { text: 'none' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KyosoError);
  // Errors only: the notes beside them (checks skipped for a failed file) are warnings.
  return (err as KyosoError).issues.filter((i) => !isWarning(i));
}

describe('figures of a 公募要領', () => {
  it('are numbered in reading order, with their caption, alt text and file size', async () => {
    project = await tempProject(['r4']);
    await addFigures(project);
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const e = valid!.edition;
    const view = guidelineView(e, e.calls.find((c) => c.id === 'kyoso')!, e.guidelines[0]!);
    const figures = figuresOf(view);
    expect(figures.map((f) => [f.number, f.caption, f.alt, f.width])).toEqual([
      ['図1', '提案から審査までの流れ', FLOW_ALT, 100],
      ['図2', '帯の例', BAND_ALT, 40],
    ]);
    const files = await readFigures(view, valid!.loaded.dir);
    expect(files.get('figures/flow.svg')).toMatchObject({ type: 'svg', width: 480, height: 160 });
    expect(files.get('figures/band.png')).toMatchObject({ type: 'png', width: 40, height: 20 });
  });

  it('are numbered by chapter when the data says so (図6-1: the schedule is chapter 6)', async () => {
    project = await tempProject(['r4']);
    await addFigures(project);
    await project.edit('r4/guidelines/kyoso.yaml', 'statusLabels:', 'numbering:\n  figure: chapter\nstatusLabels:');
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const e = valid!.edition;
    const view = guidelineView(e, e.calls.find((c) => c.id === 'kyoso')!, e.guidelines[0]!);
    expect(figuresOf(view).map((f) => f.number)).toEqual(['図6-1', '図6-2']);
  });

  it('refuses a figure whose file is not in the edition folder, at its figure: line', async () => {
    project = await tempProject(['r4']);
    await addFigures(project);
    await rm(path.join(project.root, 'data', 'r4', 'figures', 'band.png'));
    const issues = await issuesOf(project);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'MISSING_FILE', file: 'data/r4/guidelines/kyoso.yaml' });
    expect(issues[0]!.message.ja).toContain('figures/band.png');
    // The line of `- figure: figures/band.png` in the edited file.
    const text = (await import('node:fs')).readFileSync(path.join(project.root, 'data', 'r4', 'guidelines', 'kyoso.yaml'), 'utf8').split('\n');
    expect(text[issues[0]!.line - 1]).toContain('figure: figures/band.png');
  });

  it('refuses a figure without alt text, and a path outside the folder or of another kind', async () => {
    project = await tempProject(['r4']);
    await addFigures(project, (s) => s.replace(`        alt: ${FLOW_ALT}\n`, '').replace('figures/band.png', '../r3/band.gif'));
    const issues = await issuesOf(project);
    expect(issues.map((i) => i.code).sort()).toEqual(['MISSING_FIELD', 'SCHEMA_INVALID_FORMAT']);
    expect(issues.every((i) => i.file === 'data/r4/guidelines/kyoso.yaml')).toBe(true);
    expect(issues.find((i) => i.code === 'MISSING_FIELD')!.message.ja).toContain('alt');
  });

  it('refuses a file that is not the image its name says (a JPEG named .png, text named .svg), at its figure: line', async () => {
    project = await tempProject(['r4']);
    await addFigures(project);
    const dir = path.join(project.root, 'data', 'r4', 'figures');
    // A JFIF header: read as a PNG it gave 4,718,592 × 4,292,542,531 px, which docx refused mid-build.
    await writeFile(path.join(dir, 'band.png'), Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb0043000302020302020303030304030304050805050404050a', 'hex'));
    await writeFile(path.join(dir, 'flow.svg'), 'not an svg\n');
    const issues = await issuesOf(project);
    expect(issues.map((i) => [i.code, i.message.ja.includes('figures/band.png') || i.message.ja.includes('figures/flow.svg')])).toEqual([
      ['FIGURE_UNREADABLE', true],
      ['FIGURE_UNREADABLE', true],
    ]);
    const text = (await readFile(path.join(project.root, 'data', 'r4', 'guidelines', 'kyoso.yaml'), 'utf8')).split('\n');
    expect(issues.map((i) => text[i.line - 1])).toEqual([expect.stringContaining('figure: figures/flow.svg'), expect.stringContaining('figure: figures/band.png')]);
  });

  it('gives the Word file the same bytes however many documents the process wrote before', async () => {
    project = await tempProject(['r4']);
    await addFigures(project);
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const e = valid!.edition;
    const view = guidelineView(e, e.calls.find((c) => c.id === 'kyoso')!, e.guidelines[0]!);
    const files = await readFigures(view, valid!.loaded.dir);
    const date = new Date('2022-04-01T00:00:00Z');
    // docx numbers drawings from one counter per process: the second document's figures got other ids.
    const first = await writeGuideline(view, date, '案', files);
    const second = await writeGuideline(view, date, '案', files);
    expect(createHash('sha256').update(second).digest('hex')).toBe(createHash('sha256').update(first).digest('hex'));
  }, 60_000);

  it('reads an SVG size from width/height, else the viewBox', () => {
    expect(svgSize('<svg width="300px" height="100">')).toEqual({ width: 300, height: 100 });
    expect(svgSize('<svg viewBox="0 0 640 480" width="100%">')).toEqual({ width: 640, height: 480 });
  });
});
