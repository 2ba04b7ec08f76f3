/**
 * The 様式 of each call as Word files (`forms/<call>/01-cover.docx`), one unit per form per call,
 * from forms.yaml and the call's data: render (view-model) → write (docx) → post-process (re-zip).
 * No browser. Each unit is planned on the values it printed, not on whole files: a budget edited
 * in calls/kyoso.yaml rebuilds the kyoso forms that print the budget, and no other.
 */
import path from 'node:path';
import type { Output } from '../types.ts';

export const forms: Output = {
  kind: 'forms',
  group: 'forms',
  label: { ja: '様式', en: 'forms' },
  browser: false,
  // `kyoso/cover` → forms/kyoso/cover
  unitPath: (key) => `forms/${key}`,
  // forms/kyoso/01-cover.docx → r3-forms-kyoso-01-cover.docx (a release is flat)
  release: (file, edition) => `${edition}-${file.split('/').join('-')}`,
  preview: (file) => {
    const [, call, name] = file.split('/');
    return { ja: `様式 ${call} ${name ?? path.posix.basename(file)}`, en: `Form ${call} ${name ?? path.posix.basename(file)}` };
  },
  // 様式1 提案書表紙, in the list of forms, grouped by call (the unit's key is `kyoso/cover`).
  download(file, edition) {
    const [, call, name] = file.split('/');
    const form = edition.forms?.forms.find((f) => name === undefined || name.replace(/^\d+-/, '').replace(/\.docx$/, '') === f.id);
    if (!call || !form) return false;
    return { list: forms.label, text: `${form.number} ${form.titleByCall?.[call] ?? form.title}`, call };
  },
  async plan(edition) {
    const { formUnits, formView } = await import('../../stages/render/form-view.ts');
    return formUnits(edition).map(({ call, form }) => {
      const view = formView(edition, call, form);
      return { key: `${call}/${form}`, data: view.sources, templates: [], values: view.values };
    });
  },
  async build(job) {
    const [call, form] = job.key.split('/') as [string, string];
    const [{ formView }, { writeForm }] = await Promise.all([import('../../stages/render/form-view.ts'), import('./write.ts')]);
    const view = formView(job.valid.edition, call, form);
    return new Map([[view.file, await writeForm(view, job.ctx.date)]]);
  },
};
