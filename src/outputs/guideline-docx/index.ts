/**
 * The 公募要領 of a call as a Word file (`guidelines/<call>.docx`, beside the PDF), for reviewers
 * who mark it up with tracked changes: the same view-model as the PDF, written with docx, then
 * re-zipped reproducibly. No browser: made while the PDFs print, on a worker thread (off-thread.ts).
 */
import path from 'node:path';
import type { Output } from '../types.ts';

export const guidelineDocx: Output = {
  kind: 'guideline-docx',
  group: 'guidelines',
  label: { ja: '公募要領 Word', en: 'guideline (Word)' },
  browser: false,
  unitPath: (call) => `guidelines/${call}/docx`,
  release: (file, edition) => `${edition}-guidelines-${path.posix.basename(file)}`,
  preview: (file) => ({ ja: `公募要領 ${path.posix.basename(file)}（Word）`, en: `Guidelines ${path.posix.basename(file)} (Word)` }),
  // Listed with the PDF under 公募要領; the page shows the format beside each (「…（Word：…）」).
  download(file, edition) {
    const call = edition.calls.find((c) => `guidelines/${c.id}.docx` === file);
    const guide = call && edition.guidelines.find((g) => g.call === call.id);
    return call && guide ? { list: { ja: '公募要領', en: 'guidelines' }, text: `「${call.name}」${guide.title}` } : false;
  },
  async plan(edition, previous) {
    const [{ guidelineView }, { figuresOf }] = await Promise.all([import('../../stages/render/guideline-view.ts'), import('../../stages/render/guideline-figures.ts')]);
    return edition.calls.flatMap((call) => {
      const guide = edition.guidelines.find((g) => g.call === call.id);
      if (!guide) return [];
      // The prose is Markdown in the data; the templates the PDF prints with are not read.
      const view = guidelineView(edition, call, guide, previous);
      // 「前年度からの主な変更点」 prints values of the previous edition too: the page's content is an input.
      // A figure's file is read too: it is an input (outputs/types.ts UnitPlan.files).
      const files = [...new Set(figuresOf(view).map((f) => f.src))];
      return [{ key: call.id, data: view.sources, files, templates: [], options: { changes: JSON.stringify(view.changes ?? null) } }];
    });
  },
  async build(job) {
    const { edition } = job.valid;
    const call = edition.calls.find((c) => c.id === job.key);
    const guide = edition.guidelines.find((g) => g.call === job.key);
    if (!call || !guide) throw new Error(`guideline ${job.key}: planned but not in the data`);
    const [{ guidelineView }, { writeGuidelineOffThread }, { readFigures }] = await Promise.all([
      import('../../stages/render/guideline-view.ts'),
      import('./off-thread.ts'),
      import('../../stages/render/guideline-figures.ts'),
    ]);
    const view = guidelineView(edition, call, guide, job.valid.previous);
    const file = `guidelines/${view.fileName.replace(/\.pdf$/, '.docx')}`;
    const figures = await readFigures(view, job.valid.loaded.dir);
    const { draftMark } = edition.meta.labels;
    const bytes =
      (await writeGuidelineOffThread(view, job.ctx.date, draftMark, figures)) ?? (await (await import('./write.ts')).writeGuideline(view, job.ctx.date, draftMark, figures));
    return new Map([[file, bytes]]);
  },
};
