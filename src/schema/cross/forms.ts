/**
 * Rules of forms.yaml against the calls: every call a form names exists (and every call of
 * `titleByCall`), ids are unique (the Word files are named by them), and every `{{value:…}}` a
 * form's texts name exists in each call the form is made for. None runs while a call file fails
 * its schema: what a form names could be in it.
 */
import { issue } from '../../shared/data-issues/index.ts';
import type { CrossIssue } from '../contract.ts';
import { formCalls, formTypes, type Form, type FormsFile } from '../forms.ts';
import { valueNames } from './guidelines.ts';
import { at, type CrossContext, type CrossRule, type Path } from './rule.ts';

/** The forms file, typed (undefined when the edition has none). */
const formsFile = (ctx: CrossContext): { rel: string; data: FormsFile } | undefined => {
  const f = ctx.files.find((x) => x.kind === 'forms');
  return f ? { rel: f.rel, data: f.data as FormsFile } : undefined;
};

export const formCallRefs: CrossRule = {
  id: 'form-calls',
  description: { ja: '様式の calls と titleByCall が公募を指す', en: 'a form’s calls and titleByCall name calls' },
  reads: ['forms', 'call'],
  reports: ['danglingRef'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const file = formsFile(ctx);
    if (!file) return [];
    const out: CrossIssue[] = [];
    const dangling = (path: Path, key: string) => out.push(at(file.rel, path, issue('danglingRef', { what: '公募', key, known: ctx.callById.keys() })));
    file.data.forms.forEach((form, i) => {
      form.calls?.forEach((c, j) => {
        if (!ctx.callById.has(c)) dangling(['forms', i, 'calls', j], c);
      });
      for (const c of Object.keys(form.titleByCall ?? {})) if (!ctx.callById.has(c)) dangling(['forms', i, 'titleByCall', c], c);
    });
    return out;
  },
};

export const formIds: CrossRule = {
  id: 'form-ids',
  description: { ja: '様式のIDと、様式ごとの欄のIDが一意', en: 'form ids, and the field ids of each form, are unique' },
  reads: ['forms'],
  reports: ['duplicateId'],
  check(ctx) {
    const file = formsFile(ctx);
    if (!file) return [];
    const out: CrossIssue[] = [];
    const unique = (items: { key: string; path: Path }[], what: string) => {
      const seen = new Map<string, Path>();
      for (const { key, path } of items) {
        const first = seen.get(key);
        if (first) out.push(at(file.rel, path, issue('duplicateId', { what, key, first })));
        else seen.set(key, path);
      }
    };
    unique(
      file.data.forms.map((f, i) => ({ key: f.id, path: ['forms', i, 'id'] })),
      '様式ID',
    );
    file.data.forms.forEach((form, i) =>
      unique(
        (form.fields ?? []).map((f, j) => ({ key: f.id, path: ['forms', i, 'fields', j, 'id'] })),
        '欄ID',
      ),
    );
    return out;
  },
};

/** The texts of a form that may name values: its instructions and the hints of its fields. */
function formTexts(form: Form, base: Path): { text: string; path: Path }[] {
  return [
    ...(form.instructions ?? []).map((text, k) => ({ text, path: [...base, 'instructions', k] })),
    ...(form.fields ?? []).flatMap((f, j) => [
      ...(f.hint ? [{ text: f.hint, path: [...base, 'fields', j, 'hint'] }] : []),
      ...(f.kind === 'entries' ? f.items.flatMap((e, k) => (e.hint ? [{ text: e.hint, path: [...base, 'fields', j, 'items', k, 'hint'] }] : [])) : []),
    ]),
  ];
}

export const formValues: CrossRule = {
  id: 'form-values',
  description: { ja: '様式の {{value:…}} が、その様式を作る各公募にある値を指す', en: 'each {{value:…}} of a form names a value of every call the form is made for' },
  reads: ['forms', 'call'],
  reports: ['unknownValue'],
  skipWhenFailed: ['call'],
  check(ctx) {
    const file = formsFile(ctx);
    if (!file) return [];
    const out: CrossIssue[] = [];
    const callIds = ctx.calls.map((c) => c.data.id);
    file.data.forms.forEach((form, i) => {
      for (const call of ctx.calls.filter((c) => formCalls(form, callIds).includes(c.data.id) && formTypes(c.data, form).length > 0)) {
        const known = valueNames(ctx, call);
        for (const { text, path } of formTexts(form, ['forms', i]))
          for (const m of text.matchAll(/\{\{\s*value\s*:\s*([^}\s]*)\s*\}\}/gu)) {
            const name = m[1] ?? '';
            if (!known.includes(name)) out.push(at(file.rel, path, issue('unknownValue', { name, known })));
          }
      }
    });
    return out;
  },
};
