/** Cross-file rule of the terms: every `{{term:…}}` names a label of edition.yaml. */
import type { CrossIssue, ParsedFile } from '../contract.ts';
import { TERM_RE, termKey, termNames, textsOf } from '../terms.ts';

type Labels = Readonly<Record<string, string>>;

/** Unknown term names, each at the text that uses it. */
export function termCrossCheck(files: ParsedFile[]): CrossIssue[] {
  const edition = files.find((f) => f.kind === 'edition');
  const labels = (edition?.data as { labels?: Labels } | undefined)?.labels;
  if (!labels) return [];
  const names = termNames(labels);
  const issues: CrossIssue[] = [];
  for (const f of files)
    for (const { path, text } of textsOf(f))
      for (const m of text.matchAll(TERM_RE)) {
        const name = m[1] ?? '';
        if (termKey(labels, name)) continue;
        issues.push({
          code: 'UNKNOWN_TERM',
          file: f.rel,
          path,
          message: { ja: `用語「${name}」は edition.yaml の labels にありません`, en: `term "${name}" is not a label of edition.yaml` },
          hint: { ja: `使える名前: ${names.join(', ')}`, en: `names: ${names.join(', ')}` },
        });
      }
  return issues;
}
