/** Rule of the terms: every `{{term:…}}` names a label of edition.yaml. */
import { issue } from '../../shared/data-issues/index.ts';
import { TERM_RE, termKey, termNames, textsOf } from '../terms.ts';
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
