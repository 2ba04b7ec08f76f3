/**
 * Every budget, count and date of a call, formatted by src/stages/render/values.ts — the
 * functions both the slide and the guideline view-models print with. The
 * guideline view-model reads these strings; the cross-output tests check that
 * each `text` appears in both PDFs.
 */
import type { Call, CallType, Edition, Roster } from '../../schema/index.ts';
import {
  awardsPlainText,
  callBudgetText,
  callStatusOf,
  callPeriodText,
  fieldBudgetText,
  fiscalYearText,
  milestoneText,
  minInstitutionsText,
  rosterAsOfText,
  scheduleOf,
} from './values.ts';

export interface Fact {
  /** What the value is, for test messages: `育成型 委託費`. */
  label: string;
  /** The value as both documents print it: `最大3.2億円/年度程度`. */
  text: string;
}

/** One call type's values, formatted. `awards` is the count, or the 公募しない note. */
export interface TypeValues {
  budget: string;
  period: string;
  awards: string;
  minInstitutions: string;
  /** True when the type is not called this year (awards is then a note, not a count). */
  notCalled: boolean;
}

export interface CallValues {
  fiscalYear: string;
  minInstitutions: string;
  types: Map<string, TypeValues>;
  milestones: Map<string, string>;
  rosterAsOf?: string;
  fieldBudget?: string;
}

export const rosterOf = (edition: Edition, call: Call): Roster | undefined => edition.rosters.find((r) => r.call === call.id);

export function typeValues(edition: Edition, call: Call, t: CallType): TypeValues {
  const notCalled = !callStatusOf(edition, call, t).called;
  return {
    // The same functions the slide templates print with (src/stages/render/values.ts).
    budget: callBudgetText(edition, call, t),
    period: callPeriodText(edition, t),
    awards: awardsPlainText(edition, call, t),
    minInstitutions: minInstitutionsText(call, t),
    notCalled,
  };
}

/** Every formatted value of a call, keyed for the view-model. */
export function callValues(edition: Edition, call: Call): CallValues {
  const roster = rosterOf(edition, call);
  const values: CallValues = {
    fiscalYear: fiscalYearText(edition),
    minInstitutions: minInstitutionsText(call),
    types: new Map(call.types.map((t) => [t.id, typeValues(edition, call, t)])),
    milestones: new Map(scheduleOf(edition, call).milestones.map((m) => [m.id, milestoneText(edition, m)])),
  };
  if (roster) values.rosterAsOf = rosterAsOfText(roster);
  if (call.overview) values.fieldBudget = fieldBudgetText(edition, call.overview);
  return values;
}

/** Name of a type as a reader tells it apart: `本格型（政策重点分野）` when two types share a name. */
export function typeLabel(edition: Edition, call: Call, t: CallType): string {
  const twins = call.types.filter((x) => x.name === t.name).length > 1;
  if (!twins) return t.name;
  const fieldId = t.target.field ?? call.field;
  const field = edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === fieldId);
  return `${t.name}（${field?.name ?? fieldId}）`;
}

/**
 * Every budget, count and date of a call as `[{label, text}]`, formatted as the
 * documents print them. Shared by the guideline and slide tests.
 */
export function callFacts(edition: Edition, call: Call): Fact[] {
  const v = callValues(edition, call);
  const facts: Fact[] = [{ label: '年度', text: v.fiscalYear }];
  for (const t of call.types) {
    const tv = v.types.get(t.id)!;
    const name = typeLabel(edition, call, t);
    facts.push({ label: `${name} ${edition.meta.labels.compositionTerm}（機関数）`, text: tv.minInstitutions });
    facts.push({ label: `${name} ${edition.meta.labels.fundingTerm}`, text: tv.budget });
    facts.push({ label: `${name} ${edition.meta.labels.periodTerm}`, text: tv.period });
    facts.push({ label: `${name} ${edition.meta.labels.awardsTerm}`, text: tv.awards });
  }
  for (const m of scheduleOf(edition, call).milestones) facts.push({ label: m.label, text: v.milestones.get(m.id)! });
  if (v.rosterAsOf !== undefined) facts.push({ label: 'PO・AD 名簿の時点', text: v.rosterAsOf });
  if (v.fieldBudget !== undefined && call.overview) facts.push({ label: call.overview.budget.label, text: v.fieldBudget });
  return facts;
}
