/**
 * Cross-file and cross-field rules. Input: files that already passed their own schema. Each
 * rule is a named entry of CROSS_RULES (rule.ts says what an entry holds); its words are
 * entries of the data-issue catalogue (shared/data-issues/). Every issue names the file
 * (relative to the edition folder) and the data path.
 *
 * A new check is one entry: write the rule beside those of the files it reads (a CrossRule
 * whose check returns `at(file, path, issue(id, facts))`), add it to CROSS_RULES, add the
 * catalogue entry it reports if none says it yet, and a break of the fixture edition that
 * makes it fire to test/fast/cross-rules.test.ts (that test fails until there is one).
 */
import type { CrossIssue, ParsedFile } from '../contract.ts';
import { callProgrammeRefs, ikuseiBelowHonkaku, scheduleFiscalYear, scheduleOrder, scheduleSameAs, typeComposition, uniqueCallIds } from './calls.ts';
import { footnoteRefs, noteRefs, requiredFiles, uniqueIds } from './common.ts';
import { slideIds, slideRefs, tableCells } from './deck.ts';
import { formCallRefs, formIds, formValues } from './forms.ts';
import { guidelineBlocks, guidelineCall, guidelineIncludes, guidelinePerCall, guidelineRefs, guidelineTitles, guidelineValues } from './guidelines.ts';
import { lineageRefs, programmeRefs, tableBudgetRefs } from './programmes.ts';
import { resultCounts, resultRefs, resultSites } from './results.ts';
import { rosterCall, rosterDate, rosterPerCall } from './rosters.ts';
import { crossContext, type CrossRule } from './rule.ts';
import { siteCounts, siteRefs, siteTwice } from './sites.ts';
import { knownTerms, templateSyntax } from './terms.ts';

export { requiredFilesOf } from './common.ts';
export { moneyTop } from './programmes.ts';
export { crossContext, type CrossContext, type CrossRule, type KindName } from './rule.ts';

/** The codes the rules report (a subset of the data-issue codes). */
export const CROSS_CODES = [
  'DUPLICATE_ID',
  'DANGLING_REF',
  'SCHEDULE_ORDER',
  'AMOUNT_INCONSISTENT',
  'DATE_AFTER_EDITION',
  'FISCAL_YEAR_MISMATCH',
  'COUNT_MISMATCH',
  'SITE_MISMATCH',
  'MISSING_FILE',
  'MISSING_FIELD',
  'UNKNOWN_TERM',
] as const;
export type CrossCode = (typeof CROSS_CODES)[number];

/** Every cross-file rule, in the order they run (issues come out in this order). */
export const CROSS_RULES: readonly CrossRule[] = [
  requiredFiles,
  uniqueIds,
  noteRefs,
  programmeRefs,
  lineageRefs,
  uniqueCallIds,
  scheduleSameAs,
  callProgrammeRefs,
  typeComposition,
  ikuseiBelowHonkaku,
  scheduleOrder,
  scheduleFiscalYear,
  tableBudgetRefs,
  rosterCall,
  rosterDate,
  rosterPerCall,
  footnoteRefs,
  siteTwice,
  siteRefs,
  siteCounts,
  resultRefs,
  resultSites,
  resultCounts,
  guidelineCall,
  guidelinePerCall,
  guidelineBlocks,
  guidelineTitles,
  guidelineValues,
  guidelineIncludes,
  guidelineRefs,
  slideIds,
  slideRefs,
  formCallRefs,
  formIds,
  formValues,
  tableCells,
  knownTerms,
  templateSyntax,
];

export interface CrossOptions {
  /** Kinds of which a file is present but failed its own schema (CrossContext.failed). */
  failed?: ReadonlySet<string>;
}

/** Run every rule on an edition's parsed files; a rule whose input failed its schema is skipped (CrossRule.skipWhenFailed). */
export function crossCheck(files: readonly ParsedFile[], options: CrossOptions = {}): CrossIssue[] {
  const ctx = crossContext(files, options.failed ?? new Set());
  return CROSS_RULES.flatMap((rule) => (rule.skipWhenFailed?.some((k) => ctx.failed.has(k)) ? [] : rule.check(ctx)));
}
