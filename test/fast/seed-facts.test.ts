/**
 * Every fact of the seed deck (/work/shared/seed/000_77299ab6c33d9a53.txt) mapped to
 * where it lives in data/r3, in its stored form (integer yen, ISO dates).
 *
 * On the live data by design: r3 is the seed edition, and its facts must keep coming out of the
 * real data, not of a copy (the tests of code behaviour use test/fixtures/editions instead).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globbySync } from 'globby';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FACTS, LABELS } from '../fixtures/seed-facts.ts';
import { expandTerms } from '../../src/schema/terms.ts';

const DIR = join(import.meta.dirname, '..', '..', 'data', 'r3');
const RELS = globbySync('**/*.yaml', { cwd: DIR }).sort();
const RAW: Record<string, unknown> = Object.fromEntries(RELS.map((rel) => [rel, parse(readFileSync(join(DIR, rel), 'utf8'))]));
/** The data as every document prints it: year-dependent words ({{term:funding}}) are the edition's labels. */
const EDITION_LABELS = (RAW['edition.yaml'] as { labels: Record<string, string> }).labels;
const DATA: Record<string, unknown> = expandTerms(RAW, EDITION_LABELS);

/**
 * get(DATA, 'calls/kyoso.yaml', 'types[1].goal'); list entries with an id by it, so adding a
 * member to the roster moves no fact: get(DATA, 'roster.yaml', 'entries[id=kuze].name').
 */
function get(data: Record<string, unknown>, rel: string, path: string): unknown {
  let cur: unknown = data[rel];
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || cur === undefined) return undefined;
    const byId = /^id=(.+)$/.exec(part);
    if (byId) cur = Array.isArray(cur) ? cur.find((e: { id?: unknown }) => e?.id === byId[1]) : undefined;
    else cur = (cur as Record<string, unknown>)[/^\d+$/.test(part) ? Number(part) : part];
  }
  return cur;
}
/** Every leaf value of the data tree with its location. */
function leaves(v: unknown, at: string, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, !at || at.endsWith(':') ? `${at}${k}` : `${at}.${k}`, out);
  else out.push([at, v]);
  return out;
}
const ALL = RELS.flatMap((rel) => leaves(DATA[rel], `${rel}:`));
/** Locations where a leaf equals the value (or contains it, for text). */
const where = (value: unknown, contains = false) =>
  ALL.filter(([, v]) => v === value || (contains && typeof v === 'string' && typeof value === 'string' && v.includes(value))).map(([p]) => p);

describe('seed facts', () => {
  it(`lists at least 120 facts (${FACTS.length})`, () => expect(FACTS.length).toBeGreaterThanOrEqual(120));
  for (const [fact, rel, path, expected] of FACTS)
    it(`${fact} → ${rel} ${path}`, () => {
      expect(get(DATA, rel, path)).toEqual(expected);
    });
  it('every loose diagram label is stored', () => {
    for (const l of LABELS) expect(where(l), l).not.toEqual([]);
  });
  it('the three programme-table budgets that equal call budgets are stored once (in the call)', () => {
    expect(where(25000000).sort()).toEqual(['calls/chiiki.yaml:types[0].budget.yen', 'calls/kyoso.yaml:types[0].budget.yen']);
    expect(where(320000000)).toEqual(['calls/kyoso.yaml:types[1].budget.yen']);
    expect(where(200000000)).toEqual(['calls/chiiki.yaml:types[1].budget.yen']);
  });
  it('the long prose of slides 4, 8 is stored verbatim (spot checks)', () => {
    expect(where('国の成長と地方活性化、持続可能な社会の実現を目指す。', true)).toHaveLength(1);
    expect(where('ビジョンからバックキャストし、研究開発目標と課題を設定。', true)).toHaveLength(1);
    expect(where('地域が自律的に地域課題解決・地域経済発展を進めることができる', true)).toHaveLength(1);
    expect(where('地域への分散化を図りリスクを最小化し', true)).toHaveLength(1);
    expect(where('外部リソースを主体としながら', true)).toHaveLength(1);
    expect(where('大学等の法人本体のコミットを要件化', true)).toHaveLength(1);
    expect(where('柔軟に充当可能', true)).toHaveLength(1);
    expect(where('本格型プロジェクト終了後も引き続き', true)).toHaveLength(1);
    expect(where('産学官のステークホルダが新たな関係を構築。', true)).toHaveLength(1);
    expect(where('地域の社会システム変革に寄与することを目指す。', true)).toHaveLength(1);
    expect(where('産業界のトップマネジメント経験者による全体進捗管理を実施。', true)).toHaveLength(1);
    expect(where('大学のシステム改革を一体的に推進。', true)).toHaveLength(1);
  });
});

describe('slide 10: every site once', () => {
  type S = { programme: string; field?: string; area?: string; type?: string; vision?: string; institution: string; prefecture: string };
  const sites = (DATA['sites.yaml'] as { sites: S[] }).sites;
  it('55 sites: COI-NEXT 18, COI 18, OPERA 19', () => {
    expect(sites).toHaveLength(55);
    const n = (p: string) => sites.filter((s) => s.programme === p).length;
    expect([n('coi-next'), n('coi'), n('opera')]).toEqual([18, 18, 19]);
  });
  it('the deduplicated labels of the seed equal the labels built from the data', () => {
    const SEED = '/work/shared/seed/000_77299ab6c33d9a53.txt';
    if (!existsSync(SEED)) return;
    const txt = readFileSync(SEED, 'utf8');
    const slide = txt.slice(txt.indexOf('COI-NEXT 共創分野・育成型'), txt.indexOf('共創の場形成支援の問い合わせ先'));
    const fromSeed = new Set<string>();
    for (const m of slide.matchAll(/COI-NEXT (\S+?)・(育成型|本格型)\s*（(.+?)）/gu)) fromSeed.add(`COI-NEXT ${m[1]}・${m[2]}（${m[3]}）`);
    for (const m of slide.matchAll(/COI ビジョン(\d) ?（(.+?)）/gu)) fromSeed.add(`COI ビジョン${m[1]}（${m[2]}）`);
    for (const m of slide.matchAll(/OPERA(共創型|育成型|OI機構連携型)（(.+?)）/gu)) fromSeed.add(`OPERA${m[1]}（${m[2]}）`);
    const AREA: Record<string, string> = { bio: 'バイオ分野', quantum: '量子技術分野', energy: '環境エネルギー分野' };
    const TYPE: Record<string, string> = { ikusei: '育成型', honkaku: '本格型', conventional: '共創型', oi: 'OI機構連携型' };
    const fromData = new Set(
      sites.map((s) =>
        s.programme === 'coi-next'
          ? `COI-NEXT ${s.area ? AREA[s.area] : '共創分野'}・${TYPE[s.type!]}（${s.institution}）`
          : s.programme === 'coi'
            ? `COI ビジョン${s.vision!.slice(-1)}（${s.institution}）`
            : `OPERA${TYPE[s.type!]}（${s.institution}）`,
      ),
    );
    expect(fromData.size).toBe(55);
    expect([...fromData].sort()).toEqual([...fromSeed].sort());
  });
  it('prefectures of lead institutions', () => {
    const pref = (inst: string) => [...new Set(sites.filter((s) => s.institution === inst).map((s) => s.prefecture))];
    expect(pref('東京大学')).toEqual(['東京都']);
    expect(pref('国立循環器病研究センター')).toEqual(['大阪府']);
    expect(pref('物質・材料研究機構')).toEqual(['茨城県']);
    expect(pref('量子科学技術研究開発機構')).toEqual(['千葉県']);
    expect(pref('川崎市産業振興財団')).toEqual(['神奈川県']);
    expect(pref('金沢工業大学')).toEqual(['石川県']);
    expect(pref('豊橋技術科学大学')).toEqual(['愛知県']);
    expect(pref('仙台高等専門学校')).toEqual(['宮城県']);
    expect(pref('弘前大学')).toEqual(['青森県']);
    expect(pref('慶應義塾大学')).toEqual(['東京都']);
    expect(pref('信州大学')).toEqual(['長野県']);
  });
});

describe('proper kanji', () => {
  it('no Kangxi radical (U+2F00–U+2FDF) or CJK compatibility ideograph (U+F900–U+FAFF) in the data', () => {
    const bad = ALL.filter(([, v]) => typeof v === 'string' && /[\u2F00-\u2FDF\uF900-\uFAFF]/u.test(v)).map(([p]) => p);
    expect(bad).toEqual([]);
    for (const rel of RELS) expect(readFileSync(join(DIR, rel), 'utf8')).not.toMatch(/[\u2F00-\u2FDF\uF900-\uFAFF]/u);
  });
  it('the seed really had ⾧ (the test above is meaningful)', () => {
    const SEED = '/work/shared/seed/000_77299ab6c33d9a53.txt';
    if (existsSync(SEED)) expect(readFileSync(SEED, 'utf8')).toContain('\u2FA7');
  });
});
