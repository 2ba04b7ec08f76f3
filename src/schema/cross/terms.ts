/** Rule of the terms: every `{{term:…}}` names a label of edition.yaml. */
import { issue } from '../../shared/data-issues/index.ts';
import { NOTE_RE, VALUE_RE } from '../guideline.ts';
import { TERM_RE, termKey, termNames, textsOf } from '../terms.ts';
import { REF_RE } from './guidelines.ts';
import { at, type CrossRule } from './rule.ts';

export const knownTerms: CrossRule = {
  id: 'term-names',
  description: { ja: '本文の {{term:…}} が edition.yaml の labels を指す', en: 'each {{term:…}} of a text names a label of edition.yaml' },
  reads: ['edition', 'programmes', 'overview', 'call', 'roster', 'sites', 'contact', 'deck', 'guideline'],
  reports: ['unknownTerm'],
  skipWhenFailed: ['edition'],
  check({ edition, files }) {
    const labels = edition?.data.labels;
    if (!labels) return [];
    const names = termNames(labels);
    return files.flatMap((f) =>
      textsOf(f).flatMap(({ path, text }) =>
        [...text.matchAll(TERM_RE)].flatMap((m) => (termKey(labels, m[1] ?? '') ? [] : [at(f.rel, path, issue('unknownTerm', { name: m[1] ?? '', names }))])),
      ),
    );
  },
};

const whole = (re: RegExp) => new RegExp(`^${re.source}$`, 'u');
const TERM_WHOLE = whole(TERM_RE);
const VALUE_WHOLE = whole(VALUE_RE);
/** A pair of braces with anything between, or a lone `{{` / `}}`. */
const BRACES_RE = /\{\{[^{}\n]*\}\}|\{\{|\}\}/gu;

const REF_WHOLE = whole(REF_RE);
const NOTE_WHOLE = whole(NOTE_RE);

/** Where `{{value:…}}` and `{{ref:…}}` are replaced: a guideline's (or shared part's) titles and prose, a form's texts. */
function valueAllowed(kind: string, path: readonly (string | number)[]): boolean {
  if (kind === 'forms') return true;
  if (kind !== 'guideline' && kind !== 'guideline-part') return false;
  const last = path.at(-1);
  return last === 'title' || last === 'text';
}

/**
 * Template syntax written in data is replaced or refused, never printed raw: every `{{…}}` of a
 * text is a term, or a value where values are replaced; anything else with double braces (a
 * helper, a typo, a lone `{{`) and any braces inside edition.yaml's labels is a located error.
 */
export const templateSyntax: CrossRule = {
  id: 'template-syntax',
  description: { ja: '本文の {{…}} が {{term:…}} か（使える場所の）{{value:…}} である', en: 'each {{…}} of a text is a {{term:…}} or, where values are replaced, a {{value:…}}' },
  reads: ['edition', 'programmes', 'overview', 'call', 'roster', 'sites', 'contact', 'deck', 'guideline', 'guideline-part', 'forms'],
  reports: ['templateSyntax'],
  check({ files, edition }) {
    const out = files.flatMap((f) =>
      textsOf(f).flatMap(({ path, text }) => {
        if (!text.includes('{{') && !text.includes('}}')) return [];
        return [...text.matchAll(BRACES_RE)].flatMap((m) => {
          const written = m[0];
          if (TERM_WHOLE.test(written)) return [];
          // A cross-reference: whether its id exists is the guideline-refs rule's question.
          if (REF_WHOLE.test(written) && valueAllowed(f.kind, path)) return [];
          // A footnote: in the prose of a guideline or a shared part (not a title: a heading has no notes).
          if (NOTE_WHOLE.test(written) && (f.kind === 'guideline' || f.kind === 'guideline-part') && path.at(-1) === 'text') return [];
          if (VALUE_WHOLE.test(written)) return valueAllowed(f.kind, path) ? [] : [at(f.rel, path, issue('templateSyntax', { written, why: 'value' }))];
          return [at(f.rel, path, issue('templateSyntax', { written, why: 'malformed' }))];
        });
      }),
    );
    for (const [key, label] of Object.entries(edition?.data.labels ?? {}))
      if (typeof label === 'string' && /\{\{|\}\}/u.test(label)) out.push(at(edition!.rel, ['labels', key], issue('templateSyntax', { written: label, why: 'label' })));
    return out;
  },
};
