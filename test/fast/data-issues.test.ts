/**
 * The data-issue catalogue (src/shared/data-issues/): every entry words its problem in both
 * languages, and every entry is reported by someone. SAMPLES is typed by the catalogue, so an
 * entry added without a sample of its facts does not compile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { CROSS_RULES } from '../../src/schema/index.ts';
import { CROSS_ISSUES, DATA_ISSUES, type DataIssueFacts, type DataIssueId, issue, nounEn, SCHEMA_ISSUES, TEXT_ISSUES } from '../../src/shared/data-issues/index.ts';

const type = { name: '育成型', id: 'ikusei' };
const milestone = { id: 'deadline', label: '締切', when: { date: '2021-05', part: '下旬' as const } };

const SAMPLES: { [K in DataIssueId]: DataIssueFacts<K> } = {
  missingFile: { file: 'contact.yaml' },
  duplicateId: { what: '節目ID', key: 'deadline', first: ['schedule', 'milestones', 0, 'id'] },
  duplicateCallId: { id: 'kyoso', first: 'calls/kyoso.yaml' },
  secondForCall: { document: 'roster', call: 'kyoso', first: 'roster.yaml' },
  duplicateSite: { institution: '琉球大学', id: 'next-01', first: 0 },
  duplicateSlide: { id: 'title', first: 0 },
  danglingRef: { what: '公募「kyoso」の実施タイプ', key: 'honkaku', known: new Set(['ikusei']) },
  unknownValue: { name: 'budget.honkaku', known: ['budget.ikusei'] },
  unknownRef: { id: 'apply', call: 'kyoso', known: ['purpose', 'scope'] },
  figureMissing: { file: 'figures/flow.svg', folder: 'data/r3' },
  figureUnreadable: { file: 'figures/photo.png', type: 'PNG' },
  blockNeedsOverview: { block: 'proposer', call: 'kyoso' },
  blockNeedsRoster: { block: 'roster', call: 'kyoso' },
  blockNeedsResults: { block: 'results', call: 'kyoso', field: 'kyoso' },
  unknownTerm: { name: 'fundng', names: ['funding'] },
  templateSyntax: { written: '{{ term }}', why: 'malformed' },
  untitledSection: { titledBlocks: ['roster'] },
  noComposition: { type },
  budgetAboveUpper: { type, yen: 300000000, upper: { name: '本格型', id: 'honkaku' }, upperYen: 200000000 },
  tableMoneyDiffers: { call: 'kyoso', type },
  tablePeriodDiffers: { call: 'kyoso', type },
  siteCountDiffers: { programme: 'COI', count: 18, listed: 17, sitesFile: 'sites.yaml' },
  adoptedCountDiffers: { field: { name: '共創分野', id: 'kyoso' }, count: 12, listed: 11, sitesFile: 'sites.yaml' },
  resultCountDiffers: { result: { title: '令和2年度公募（共創分野）の結果', id: 'r2-kyoso' }, row: { name: '育成型', id: 'ikusei' }, count: 12, listed: 11 },
  resultSiteDiffers: { what: '代表機関', written: '東京大学', site: 'next-01', listed: '琉球大学', sitesFile: 'sites.yaml' },
  rowCells: { cells: 2, head: 3 },
  scheduleOrder: { milestone, previous: { ...milestone, id: 'open', label: '公募開始' } },
  farFromFiscalYear: { milestone, fiscalYear: 2031 },
  rosterAfterEdition: { asOf: { date: '2021-11-01' }, date: { date: '2021-10' } },
  unknownKey: { key: 'budjet', guess: 'budget', known: ['budget'] },
  missingField: { key: 'budget', doc: '金額（円）。例: 25000000' },
  wrongKind: { expected: 'number', found: 'array', doc: undefined },
  notAllowedValue: { input: 'x', values: ['a', 'b'], guess: undefined, zodText: { ja: '無効な値', en: 'Invalid option' } },
  schemaRule: { code: 'SCHEMA_TOO_SMALL', text: { ja: '短すぎます', en: 'Too small' }, doc: '本文' },
  oldTerm: { old: '委託費', now: '委託研究費', label: 'fundingTerm', previousEdition: 'r3' },
  placeholder: { text: '（要確認）' },
  notFinal: {},
  checksSkipped: { rules: [{ ja: '公募IDがファイル間で重複しない', en: 'call ids are unique across files' }] },
  valueToConfirm: { field: 'budget' },
  budgetRefDangling: { what: 'type', key: 'ikusei', call: 'kyoso', known: [] },
  widthMismatch: { kind: 'digits', text: '１２', prefer: 'half', fixed: '12', half: 30, full: 1 },
  periodAsFullStop: { mark: '．' },
  asciiTilde: {},
  mixedComma: { other: '，', comma: '、' },
  noSuchDate: { year: 2021, month: 2, day: 30 },
  wrongWeekday: { year: 2021, month: 5, day: 10, weekday: 1, written: '火', assumedFiscalYear: 2021 },
  preferredWord: { actual: '産官学', expected: '産学官', reason: 'この資料の語順は「産学官」' },
  doubledParticle: { particle: 'は' },
  longSentence: { length: '120', max: '100' },
  strayLatin: { found: 'a' },
  noFinalPeriod: {},
  decomposedKana: { excerpt: 'が' },
  textRule: { rule: 'some-rule', text: 'found something' },
  listPeriod: { ending: 1, bare: 2, hasPeriod: true },
  allowUnused: { rules: ['edition-width'] },
  allowUnknownRule: { rule: 'nope', known: ['edition-width'] },
  allowWithoutReason: {},
  termsMalformed: { text: 'Invalid input' },
  termsRuleUnusable: { text: 'spec failed' },
};

const SRC = path.join(import.meta.dirname, '..', '..', 'src');
const sources = globbySync('**/*.ts', { cwd: SRC }).map((f) => readFileSync(path.join(SRC, f), 'utf8'));

describe('the data-issue catalogue', () => {
  it.each(Object.keys(DATA_ISSUES) as DataIssueId[])('words %s in Japanese and English, under a permanent code', (id) => {
    const w = issue(id, SAMPLES[id] as never);
    expect(w.id).toBe(id);
    expect(w.code).toMatch(/^([A-Z]+(_[A-Z]+)*|[a-z]+(-[a-z]+)*)$/u);
    expect(w.message.ja).not.toBe('');
    expect(w.message.en).not.toBe('');
    // The facts above are Japanese where the data is; the English may quote them, never add its own.
    expect(w.message.en.replace(/「[^」]*」|"[^"]*"|（[^）]*）/gu, '')).not.toMatch(/[ぁ-ん]/u);
    if (w.hint) expect(w.hint.ja && w.hint.en).toBeTruthy();
  });

  it('joins its parts without one entry hiding another of the same name', () => {
    const parts = [CROSS_ISSUES, SCHEMA_ISSUES, TEXT_ISSUES].flatMap((p) => Object.keys(p));
    expect(parts.length).toBe(new Set(parts).size);
  });

  it('has no entry nobody reports (a rule lists it, or the code names it)', () => {
    const listed = new Set(CROSS_RULES.flatMap((r) => r.reports));
    const all = sources.join('\n');
    const unused = (Object.keys(DATA_ISSUES) as DataIssueId[]).filter((id) => !listed.has(id) && !new RegExp(`(issue|dataIssue)\\('${id}'`, 'u').test(all));
    expect(unused).toEqual([]);
  });

  it('gives the nouns of messages English, of a call and of a programme too', () => {
    expect(nounEn('公募「kyoso」の実施タイプ')).toBe('implementation type of call "kyoso"');
    expect(nounEn('COIのビジョン')).toBe('vision of COI');
    expect(nounEn('スケジュールを持つ公募')).toBe('call with a schedule of its own');
  });
});
