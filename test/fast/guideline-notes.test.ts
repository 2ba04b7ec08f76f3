/**
 * Footnotes of the 公募要領 (`{{note:…}}` in prose): a mark 注N where the note stands, linked to the
 * note, the notes numbered through the document and listed at the end of their chapter with a link
 * back; refused in a title, and Markdown's own `[^1]` stays refused. Read back from the PDF in
 * test/browser/guideline-front-figures.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { KyosoError } from '../../src/shared/errors.ts';
import { guidelineView, renderGuidelineHtml } from '../../src/stages/render/guideline-view.ts';
import { addNotes, NOTE_TEXTS } from '../helpers/figures.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

describe('footnotes of a 公募要領', () => {
  it('number the notes through the document and list each at the end of its chapter, marks and notes linked both ways', async () => {
    project = await tempProject(['r4']);
    await addNotes(project);
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const e = valid!.edition;
    const view = guidelineView(e, e.calls.find((c) => c.id === 'kyoso')!, e.guidelines[0]!);
    const withNotes = view.chapters.filter((c) => c.notes.length > 0);
    expect(withNotes.map((c) => [c.label, c.notes.map((n) => [n.number, n.text])])).toEqual([
      ['第1章', [['注1', NOTE_TEXTS[0]]]],
      ['第6章', [['注2', NOTE_TEXTS[1]]]],
    ]);
    // Attributes as the escaper writes them (- as &#45;), text without its phrase breaks.
    const html = (await renderGuidelineHtml(project.paths.templatesDir, view)).replace(/&#45;/gu, '-').replace(/<wbr>/gu, '');
    // The mark: a link to the note, with the id the note links back to; the note: its id and the link back.
    expect(html).toMatch(/<a href="#fn-1" id="fnref-1" class="noteref"><span class="value">注1<\/span><\/a>/u);
    expect(html).toContain(`<li id="fn-2"><span class="note-number">注2</span>${NOTE_TEXTS[1]}<a class="note-back" href="#fnref-2">（本文へ）</a></li>`);
    // At the end of 第1章: after its last section, before 第2章 begins.
    const at = html.indexOf('id="fn-1"');
    expect(at).toBeGreaterThan(html.indexOf('id="sec-1-4"'));
    expect(at).toBeLessThan(html.indexOf('id="ch-2"'));
    expect(html).not.toContain('{{note');
  });

  it('refuses a note in a title, at its line', async () => {
    project = await tempProject(['r4']);
    await project.edit('r4/guidelines/kyoso.yaml', 'title: 公募スケジュール', 'title: 公募スケジュール{{note:予定です}}');
    const err = await loadEditions(project.paths, ['r4'], { text: 'none' }).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(KyosoError);
    const issues = (err as KyosoError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'data/r4/guidelines/kyoso.yaml', path: expect.stringMatching(/title$/u) });
  });
});
