/**
 * The prh dictionary of one edition: the programme's terms (data/terms.yaml, prh format,
 * shared by every edition) and the edition's own labels. A label changes between fiscal
 * years (委託費 → 委託研究費); prose copied from last year then still says the old word.
 * So for each `…Term` label the words the *other* editions use for it become patterns
 * whose expected word is this edition's: r4 with 委託研究費 reports 委託費 in its prose.
 * Only `…Term` labels (the names of things): the affixes (最大, 最長, 支援, 案) are single
 * common words that prose uses in other senses.
 */
import { z } from 'zod';
import '../../../schema/zod-locale.ts';
import type { DataIssue } from '../../../shared/errors.ts';
import { issue } from '../../../shared/data-issues/index.ts';
import type { PathSegment } from '../../../shared/datapath.ts';
import { issueForPath, type SourceFile } from '../../load/source.ts';

/** One prh rule (the subset of prh's format this project documents). */
const PrhRuleSchema = z.strictObject({
  expected: z.string().min(1),
  pattern: z.string().min(1).optional(),
  patterns: z.array(z.string().min(1)).min(1).optional(),
  prh: z.string().optional(),
  regexpMustEmpty: z.string().optional(),
  options: z.strictObject({ wordBoundary: z.boolean().optional() }).optional(),
  specs: z.array(z.strictObject({ from: z.string(), to: z.string() })).optional(),
});
const TermsSchema = z.strictObject({ version: z.literal(1), rules: z.array(PrhRuleSchema) });
type PrhRule = z.infer<typeof PrhRuleSchema>;

export interface Terms {
  rules: PrhRule[];
  source?: SourceFile;
}

/** data/terms.yaml checked: the rules, or located problems (a wrong key, a spec that fails). */
export function readTerms(source: SourceFile | undefined): { terms: Terms; issues: DataIssue[] } {
  if (!source) return { terms: { rules: [] }, issues: [] };
  const parsed = TermsSchema.safeParse(source.data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const w = issue('termsMalformed', { text: i.message });
      return issueForPath(source, i.path as PathSegment[], w.code, w.message, w.hint);
    });
    return { terms: { rules: [] }, issues };
  }
  return { terms: { rules: parsed.data.rules, source }, issues: [] };
}

export type LabelSet = Readonly<Record<string, string>>;

/** The dictionary as prh reads it (JSON is YAML). */
export function dictionaryText(rules: readonly PrhRule[]): string {
  return JSON.stringify({ version: 1, rules });
}
