/**
 * What a guideline's block builders and prose work from: one call of the (tracked) edition with
 * its programme and field, and what `{{value:…}}` prints. Its own module so that the forms (which
 * print the same values) and the blocks (which list the forms) need not import each other.
 */
import type { Call, CallType, Edition, Programme, ProgrammeField } from '../../schema/index.ts';
import { rosterOf, typeLabel } from './facts.ts';
import { awardsPlainText, callBudgetText, callPeriodText, fieldBudgetText, fiscalYearText, milestoneText, minInstitutionsText, rosterAsOfText, scheduleOf } from './values.ts';

/** What a block builder gets: the (tracked) data of one call and its owner. */
export interface BlockEnv {
  edition: Edition;
  call: Call;
  programme: Programme;
  field: ProgrammeField;
  labels: Edition['meta']['labels'];
  typeName: (t: CallType) => string;
  fieldName: (id: string | undefined) => string;
}

function ownerOf(edition: Edition, call: Call): { programme: Programme; field: ProgrammeField } {
  for (const programme of edition.programmes.programmes) {
    const field = programme.fields?.find((f) => f.id === call.field);
    if (field) return { programme, field };
  }
  throw new Error(`call ${call.id}: field ${call.field} is in no programme (crossCheck should have caught this)`);
}

export function blockEnv(edition: Edition, callId: string): BlockEnv {
  const call = edition.calls.find((c) => c.id === callId);
  if (!call) throw new Error(`guideline: no call ${callId}`);
  const { programme, field } = ownerOf(edition, call);
  return {
    edition,
    call,
    programme,
    field,
    labels: edition.meta.labels,
    typeName: (t) => typeLabel(edition, call, t),
    fieldName: (id) => edition.programmes.programmes.flatMap((p) => p.fields ?? []).find((f) => f.id === (id ?? call.field))?.name ?? call.name,
  };
}

/** What `{{value:name}}` prints, through the same formatters as the tables (names: schema/guideline.ts VALUE_RE). */
export function valueText(env: BlockEnv, name: string): string {
  const { edition, call } = env;
  const [head, arg] = name.split('.', 2) as [string, string | undefined];
  const type = () => {
    const t = call.types.find((x) => x.id === arg);
    if (!t) throw new Error(`guideline ${call.id}: value ${name}: no type ${arg} (crossCheck should have caught this)`);
    return t;
  };
  switch (head) {
    case 'fiscalYear':
      return fiscalYearText(edition);
    case 'call':
      return call.name;
    case 'minInstitutions':
      return minInstitutionsText(call);
    case 'rosterAsOf': {
      const r = rosterOf(edition, call);
      return r ? rosterAsOfText(r) : '';
    }
    case 'fieldBudget':
      return call.overview ? fieldBudgetText(edition, call.overview) : '';
    case 'email':
      return edition.contact.email;
    case 'url':
      return edition.contact.url;
    case 'budget':
      return callBudgetText(edition, call, type());
    case 'period':
      return callPeriodText(edition, type());
    case 'awards':
      return awardsPlainText(edition, call, type());
    case 'milestone': {
      const m = scheduleOf(edition, call).milestones.find((x) => x.id === arg);
      if (!m) throw new Error(`guideline ${call.id}: value ${name}: no milestone ${arg} (crossCheck should have caught this)`);
      return milestoneText(edition, m);
    }
    default:
      throw new Error(`guideline ${call.id}: unknown value ${name} (crossCheck should have caught this)`);
  }
}
