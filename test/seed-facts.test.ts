/**
 * Every fact of the seed deck (/work/shared/seed/000_77299ab6c33d9a53.txt) mapped to
 * where it lives in data/r3, in its stored form (integer yen, ISO dates).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globbySync } from 'globby';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expandTerms } from '../src/schema/terms.ts';

const DIR = join(import.meta.dirname, '..', 'data', 'r3');
const RELS = globbySync('**/*.yaml', { cwd: DIR }).sort();
const RAW: Record<string, unknown> = Object.fromEntries(RELS.map((rel) => [rel, parse(readFileSync(join(DIR, rel), 'utf8'))]));
/** The data as every document prints it: year-dependent words ({{term:funding}}) are the edition's labels. */
const EDITION_LABELS = (RAW['edition.yaml'] as { labels: Record<string, string> }).labels;
const DATA: Record<string, unknown> = expandTerms(RAW, EDITION_LABELS);

/** get(DATA, 'roster.yaml', 'entries[3].name') */
function get(data: Record<string, unknown>, rel: string, path: string): unknown {
  let cur: unknown = data[rel];
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[/^\d+$/.test(part) ? Number(part) : part];
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

type Fact = [fact: string, rel: string, path: string, expected: unknown];

const FACTS: Fact[] = [
  // slide 1 — title
  ['title', 'edition.yaml', 'title', '「共創の場形成支援」の概要'],
  ['subtitle', 'edition.yaml', 'subtitle', '令和3年度予算（案）資料'],
  ['fiscal year 令和3年度', 'edition.yaml', 'fiscalYear', 2021],
  ['draft（案）', 'edition.yaml', 'status', 'draft'],
  ['deck date 2020-10', 'edition.yaml', 'date.date', '2020-10'],
  ['publisher', 'edition.yaml', 'publisher', '国立研究開発法人科学技術振興機構'],
  ['note: details under review', 'edition.yaml', 'notes[0].text', '令和3年度の事業実施内容の詳細は検討中です。'],
  ['note: budget passage', 'edition.yaml', 'notes[1].text', '令和3年度の公募実施は、政府予算案の成立を前提としています。'],
  ['note: content may change', 'edition.yaml', 'notes[2].text', '令和3年度のプログラムの内容は、変更となる場合があります。'],
  ['note: call may change', 'edition.yaml', 'notes[3].text', '公募内容やスケジュール等は、今後変更する可能性があります。'],
  ['label 委託費', 'edition.yaml', 'labels.fundingTerm', '委託費'],
  ['label 支援期間', 'edition.yaml', 'labels.periodTerm', '支援期間'],
  ['label 採択予定件数', 'edition.yaml', 'labels.awardsTerm', '採択予定件数'],
  ['label 実施機関の構成要件', 'edition.yaml', 'labels.compositionTerm', '実施機関の構成要件'],
  ['label 最長', 'edition.yaml', 'labels.periodUpToCall', '最長'],
  // slide 2 — lineage
  ['slide 2 heading', 'programmes.yaml', 'lineage.heading', '拠点形成型プログラムの大括り化'],
  ['statement 1', 'programmes.yaml', 'lineage.statements[0]', '既存のJST拠点形成型プログラムを「共創の場形成支援」として大括り化。'],
  ['statement 2', 'programmes.yaml', 'lineage.statements[1]', '令和2年度から、新規公募・採択を「共創の場形成支援プログラム」へ一本化。毎年度の新規課題（拠点）の定期公募を予定。'],
  ['リサーチコンプレックス', 'programmes.yaml', 'lineage.predecessors[0].name', 'リサーチコンプレックス'],
  ['イノベーションハブ', 'programmes.yaml', 'lineage.predecessors[1].name', 'イノベーションハブ'],
  ['COI predecessor', 'programmes.yaml', 'lineage.predecessors[2].programme', 'coi'],
  ['OPERA predecessor', 'programmes.yaml', 'lineage.predecessors[3].programme', 'opera'],
  ['successor', 'programmes.yaml', 'lineage.successorLabel', '共創の場形成支援プログラム（COI-NEXT）'],
  ['▲', 'programmes.yaml', 'lineage.endMarker.symbol', '▲'],
  ['2019年度で公募終了', 'programmes.yaml', 'lineage.endMarker.text', '2019年度で公募終了'],
  ['2019', 'programmes.yaml', 'lineage.endMarker.fiscalYear', 2019],
  // slide 3 — programme table
  ['table heading', 'programmes.yaml', 'table.heading', '「共創の場形成支援」を構成するプログラムの概要'],
  ['column 課題(拠点)数', 'programmes.yaml', 'table.columns.count', '課題(拠点)数'],
  ['column 予算規模', 'programmes.yaml', 'table.columns.budget', '予算規模（JSTからの配分額）'],
  ['column 参画機関', 'programmes.yaml', 'table.columns.participants', '参画機関'],
  ['table footnote', 'programmes.yaml', 'table.noteRefs[0]', 'budget-passage'],
  ['COI-NEXT name', 'programmes.yaml', 'programmes[0].name', '共創の場形成支援プログラム'],
  ['COI-NEXT abbr', 'programmes.yaml', 'programmes[0].abbr', 'COI-NEXT'],
  ['※令和３年度公募内容検討中', 'programmes.yaml', 'programmes[0].notes[0]', '令和３年度公募内容検討中'],
  ['COI-NEXT 参画機関', 'programmes.yaml', 'programmes[0].participants.institutions', ['大学等', '企業等', '自治体等']],
  [
    'JST委託費の配分先',
    'programmes.yaml',
    'programmes[0].participants.fundingNote',
    'JST委託費の配分先は大学等のみ（大学、大学共同利用機関、高等専門学校、国立研究開発法人、財団法人）',
  ],
  ['共創分野', 'programmes.yaml', 'programmes[0].fields[0].name', '共創分野'],
  ['【既採択分】', 'programmes.yaml', 'programmes[0].fields[0].adoptedLabel', '既採択分'],
  ['育成型:12', 'programmes.yaml', 'programmes[0].fields[0].adopted[0].count', 12],
  ['本格型:1', 'programmes.yaml', 'programmes[0].fields[0].adopted[1].count', 1],
  ['政策重点分野', 'programmes.yaml', 'programmes[0].fields[1].name', '政策重点分野'],
  ['バイオ', 'programmes.yaml', 'programmes[0].fields[1].areas[0].name', 'バイオ'],
  ['バイオ:2', 'programmes.yaml', 'programmes[0].fields[1].adopted[0].count', 2],
  ['量子', 'programmes.yaml', 'programmes[0].fields[1].areas[1].name', '量子'],
  ['量子:2', 'programmes.yaml', 'programmes[0].fields[1].adopted[1].count', 2],
  ['環境エネルギー', 'programmes.yaml', 'programmes[0].fields[1].areas[2].name', '環境エネルギー'],
  ['環境エネルギー:1', 'programmes.yaml', 'programmes[0].fields[1].adopted[2].count', 1],
  ['政策重点分野ごとに設定', 'programmes.yaml', 'programmes[0].fields[1].budget.items[0].text', '政策重点分野ごとに設定'],
  ['政策重点 最大10年度支援', 'programmes.yaml', 'programmes[0].fields[1].budget.items[0].period', { years: 10, upTo: true }],
  ['政策重点 summary', 'programmes.yaml', 'programmes[0].fields[1].summary[0]', '国の重点戦略（政策重点分野）を踏まえた、自立的・持続的な産学官共創拠点の形成を推進'],
  [
    '共創分野 summary',
    'programmes.yaml',
    'programmes[0].fields[0].summary[0]',
    '知識集約型社会を牽引する大学等の強みを活かし、「ウィズ・コロナ」、「ポスト・コロナ」時代の社会ビジョン達成を目指す、自立的・持続的な産学官共創拠点の形成を推進',
  ],
  ['per 年度・拠点', 'programmes.yaml', 'programmes[0].fields[0].budget.per', '年度・拠点'],
  ['共創分野 table budget → call', 'programmes.yaml', 'programmes[0].fields[0].budget.items[1].ref', { call: 'kyoso', type: 'honkaku' }],
  ['地域共創分野', 'programmes.yaml', 'programmes[0].fields[2].name', '地域共創分野'],
  ['（令和３年度新設予定）', 'programmes.yaml', 'programmes[0].fields[2].status', '令和３年度新設予定'],
  ['地域共創 summary', 'programmes.yaml', 'programmes[0].fields[2].summary[0]', '大学等と地域のパートナーシップによる、自立的・持続的な地域共創拠点の形成を推進'],
  ['地域共創 参画機関 note', 'programmes.yaml', 'programmes[0].fields[2].participantsNote', '詳細検討中、大学等・自治体・企業等の連名提案を求める予定'],
  ['地域共創 table budget → call', 'programmes.yaml', 'programmes[0].fields[2].budget.items[1].ref', { call: 'chiiki', type: 'honkaku' }],
  ['COI name', 'programmes.yaml', 'programmes[1].name', 'センター・オブ・イノベーション（COI）プログラム'],
  ['COI ※新規公募無し', 'programmes.yaml', 'programmes[1].notes[0]', '新規公募無し'],
  ['COI 18', 'programmes.yaml', 'programmes[1].siteCount', 18],
  ['COI purpose', 'programmes.yaml', 'programmes[1].purpose', '本格的産学連携によるイノベーションの創出'],
  ['COI (本格的産学連携拠点)', 'programmes.yaml', 'programmes[1].purposeTag', '本格的産学連携拠点'],
  ['COI 1~10億円 min', 'programmes.yaml', 'programmes[1].budget.items[0].money.min', 100000000],
  ['COI 1~10億円 max', 'programmes.yaml', 'programmes[1].budget.items[0].money.max', 1000000000],
  ['COI 最大9年度支援', 'programmes.yaml', 'programmes[1].budget.items[0].period', { years: 9, upTo: true }],
  ['COI 年度・拠点', 'programmes.yaml', 'programmes[1].budget.per', '年度・拠点'],
  ['OPERA name', 'programmes.yaml', 'programmes[2].name', '産学共創プラットフォーム共同研究推進プログラム（OPERA）'],
  ['OPERA 19', 'programmes.yaml', 'programmes[2].siteCount', 19],
  ['OPERA purpose', 'programmes.yaml', 'programmes[2].purpose', 'オープンイノベーションに対応した複数企業連携型の非競争領域の産学連携の推進'],
  ['OPERA (非競争領域での産学連携)', 'programmes.yaml', 'programmes[2].purposeTag', '非競争領域での産学連携'],
  ['OPERA 従来型', 'programmes.yaml', 'programmes[2].types[0].name', '従来型'],
  ['OPERA 従来型 約1.7億円', 'programmes.yaml', 'programmes[2].budget.items[0].money', { yen: 170000000, approx: '約' }],
  ['OPERA 育成型 約0.3億円', 'programmes.yaml', 'programmes[2].budget.items[1].money', { yen: 30000000, approx: '約' }],
  ['OPERA OI機構連携型 約1億円', 'programmes.yaml', 'programmes[2].budget.items[2].money', { yen: 100000000, approx: '約' }],
  ['OPERA 年度・領域', 'programmes.yaml', 'programmes[2].budget.per', '年度・領域'],
  ['OPERA 5年度支援', 'programmes.yaml', 'programmes[2].budget.period.years', 5],
  ['OPERA FS2年＋本採択4年', 'programmes.yaml', 'programmes[2].budget.periodNote', 'ただし、育成型はFS2年＋本採択4年'],
  // slide 4 — overview ①
  ['overview ① heading', 'overview.yaml', 'first.heading', '共創の場形成支援プログラムの概要 ①'],
  [
    '背景・課題 1',
    'overview.yaml',
    'first.background.points[0]',
    '今後、「ウィズ・コロナ」、「ポスト・コロナ」の社会像を世界中が模索する中、産学官民で将来ビジョンを策定・共有し、その実現に向かって取り組むことが必要。',
  ],
  [
    '背景・課題 2',
    'overview.yaml',
    'first.background.points[1]',
    '経済が厳しい状況にある中、国が重点的に支援し、大学等を中核とした組織対組織の本格的な共同研究開発の推進と環境づくりを進めることが重要。',
  ],
  ['事業概要 title', 'overview.yaml', 'first.summary.title', '事業概要'],
  ['「人が変わる」', 'overview.yaml', 'first.points.items[0].caption', '「人が変わる」'],
  ['人 subcaption', 'overview.yaml', 'first.points.items[0].subcaption', 'SDGs×ウィズ/ポストコロナに係るビジョンを共有'],
  ['「社会が変わる」', 'overview.yaml', 'first.points.items[1].caption', '「社会が変わる」'],
  ['社会 subcaption', 'overview.yaml', 'first.points.items[1].subcaption', '科学技術イノベーションによる社会システムの変革'],
  ['「大学が変わる」', 'overview.yaml', 'first.points.items[2].caption', '「大学が変わる」'],
  ['大学 subcaption', 'overview.yaml', 'first.points.items[2].subcaption', '持続的な産学共創システムの整備・運営'],
  [
    '大学 line',
    'overview.yaml',
    'first.points.items[2].line',
    '産学共創拠点を自立的に運営するためのシステム（産学共創システム）を構築。プロジェクト終了後も、代表機関が中心となり持続的に運営。',
  ],
  ['（３つのポイント）', 'overview.yaml', 'first.points.title', '（３つのポイント）'],
  ['コンセプトイメージ', 'overview.yaml', 'first.concept.title', '共創の場のコンセプトイメージ'],
  ['concept 成長 (⾧ fixed)', 'overview.yaml', 'first.concept.labels[7]', '「ウィズ・コロナ」「ポスト・コロナ」の国の成長と地方活性化'],
  // slide 5 — overview ②
  ['overview ② heading', 'overview.yaml', 'second.heading', '共創の場形成支援プログラムの概要②'],
  ['goals title', 'overview.yaml', 'second.goals.title', '＜プロジェクトに求める２つのゴール（到達点）＞'],
  ['ゴール①', 'overview.yaml', 'second.goals.items[0].text', '拠点ビジョン実現のために必要となるターゲットの達成（研究開発成果の創出）'],
  ['ゴール②', 'overview.yaml', 'second.goals.items[1].text', '拠点ビジョン実現に向けた持続的運営を可能とする産学共創システムの構築'],
  ['mechanisms title', 'overview.yaml', 'second.mechanisms.title', '＜ゴールの達成を支える仕組み＞'],
  ['①研究開発マネジメント', 'overview.yaml', 'second.mechanisms.items[0].title', '研究開発マネジメント'],
  ['７年度目 PoC(※1)', 'overview.yaml', 'second.mechanisms.items[0].bullets[0]', '７年度目までを目安としてPoC(※1) の達成が見込まれる研究開発課題を設定し推進'],
  ['②拠点の自立化を促す仕組み', 'overview.yaml', 'second.mechanisms.items[1].title', '拠点の自立化を促す仕組み'],
  [
    '9年度目・10年度目',
    'overview.yaml',
    'second.mechanisms.items[1].bullets[2]',
    '本格型の9年度目・10年度目は委託費の一定割合の段階的減額を基準とした上で、取組状況を踏まえてJST（PO）が委託費を査定',
  ],
  ['overview ② note', 'overview.yaml', 'second.noteRefs[0]', 'content-may-change'],
  ['※1 PoC', 'overview.yaml', 'footnotes[0].lines[0]', 'PoC（Proof of Concept; 概念実証）:企業等が実用化が可能と判断できる段階。'],
  ['※1 ただし', 'overview.yaml', 'footnotes[0].lines[1]', 'ただし、大学等による複数企業の共通的課題解決や標準化を目指す課題等のPoC目標については個別に配慮'],
  ['guideline 2016 title', 'overview.yaml', 'footnotes[1].documents[0].title', '産学官連携による共同研究強化のためのガイドライン'],
  ['guideline 2016 issuer', 'overview.yaml', 'footnotes[1].documents[0].issuer', 'イノベーション促進産学官対話会議事務局'],
  ['平成28年11月30日', 'overview.yaml', 'footnotes[1].documents[0].date.date', '2016-11-30'],
  [
    'guideline 2016 URL',
    'overview.yaml',
    'footnotes[1].documents[0].url',
    'https://www.mext.go.jp/component/a_menu/science/detail/__icsFiles/afieldfile/2016/12/27/1380912_02.pdf',
  ],
  ['guideline 追補版 title', 'overview.yaml', 'footnotes[1].documents[1].title', '産学官連携による共同研究強化のためのガイドライン【追補版】'],
  ['guideline 追補版 issuer', 'overview.yaml', 'footnotes[1].documents[1].issuer', '文部科学省・経済産業省'],
  ['令和2年６月30日', 'overview.yaml', 'footnotes[1].documents[1].date.date', '2020-06-30'],
  ['guideline 追補版 URL', 'overview.yaml', 'footnotes[1].documents[1].url', 'https://www.mext.go.jp/content/20200630-mxt_sanchi01-000008194_01.pdf'],
  // slide 6 — 共創分野 call
  ['kyoso heading', 'calls/kyoso.yaml', 'heading', '「共創分野」の令和３年度公募について'],
  ['kyoso notes', 'calls/kyoso.yaml', 'noteRefs', ['budget-passage', 'call-may-change']],
  ['kyoso bullet 1', 'calls/kyoso.yaml', 'bullets[0]', '産学共創拠点の形成初期及び維持発展のフェーズに応じた実施タイプを設定（育成型、本格型）'],
  ['kyoso bullet 2', 'calls/kyoso.yaml', 'bullets[1]', '公募分野として、科学技術分野全般を対象とする共創分野と、国の政策方針に基づき文部科学省が設定する政策重点分野を設定'],
  ['kyoso table title', 'calls/kyoso.yaml', 'table.title', '令和３年度 公募実施タイプ・対象分野（案）'],
  ['※医療分野…対象外', 'calls/kyoso.yaml', 'table.targetNote', '医療分野に限定される研究開発は対象外'],
  ['※間接経費含む', 'calls/kyoso.yaml', 'table.budgetNote', '間接経費含む'],
  ['kyoso composition', 'calls/kyoso.yaml', 'table.composition.text', '大学等を代表機関とする3機関以上（うち、少なくとも1機関は民間企業であること）'],
  ['3機関以上', 'calls/kyoso.yaml', 'table.composition.minInstitutions', 3],
  ['kyoso 育成型 target', 'calls/kyoso.yaml', 'types[0].target.text', '科学技術分野全般を対象'],
  ['kyoso 育成型 goal', 'calls/kyoso.yaml', 'types[0].goal', '本格型へのステップアップ'],
  ['kyoso 2500万円/年度 程度', 'calls/kyoso.yaml', 'types[0].budget', { yen: 25000000, approx: '程度' }],
  ['kyoso 育成型 2年度', 'calls/kyoso.yaml', 'types[0].period', { years: 2 }],
  ['kyoso 4件程度', 'calls/kyoso.yaml', 'types[0].awards', { count: 4, approx: '程度' }],
  ['kyoso 本格型 goal', 'calls/kyoso.yaml', 'types[1].goal', '大学等を中心とし、大学等や地域の独自性や強みに基づき成果を生み出す、国際的な水準の持続的な産学共創拠点の形成'],
  ['kyoso 最大3.2億円/年度 程度', 'calls/kyoso.yaml', 'types[1].budget', { yen: 320000000, upTo: true, approx: '程度' }],
  ['プロジェクトの規模に応じて', 'calls/kyoso.yaml', 'types[1].budgetQualifier', 'プロジェクトの規模に応じて'],
  ['kyoso 最長10年度', 'calls/kyoso.yaml', 'types[1].period', { years: 10, upTo: true }],
  ['kyoso 2件程度', 'calls/kyoso.yaml', 'types[1].awards', { count: 2, approx: '程度' }],
  ['政策重点 target', 'calls/kyoso.yaml', 'types[2].target', { text: '国の政策方針に基づき文部科学省が設定', field: 'seisaku' }],
  ['政策重点 goal', 'calls/kyoso.yaml', 'types[2].goal', '大学等を中心とし、国の分野戦略に基づき成果を生み出す、国際的にも認知・評価が高い持続的な産学共創拠点の形成'],
  ['政策重点 最大4億円/年度 程度', 'calls/kyoso.yaml', 'types[2].budget', { yen: 400000000, upTo: true, approx: '程度' }],
  ['※令和3年度の公募は予定しておりません', 'calls/kyoso.yaml', 'types[2].awards', { notCalled: true, note: '令和3年度の公募は予定しておりません' }],
  ['schedule title', 'calls/kyoso.yaml', 'schedule.title', '令和３年度 共創の場形成支援プログラム 公募スケジュール概要（案）'],
  ['公募開始', 'calls/kyoso.yaml', 'schedule.milestones[0].label', '公募開始'],
  ['令和３年４月以降', 'calls/kyoso.yaml', 'schedule.milestones[0].date', { date: '2021-04', suffix: '以降' }],
  ['公募締切', 'calls/kyoso.yaml', 'schedule.milestones[1].label', '公募締切'],
  ['令和３年５月下旬以降', 'calls/kyoso.yaml', 'schedule.milestones[1].date', { date: '2021-05', part: '下旬', suffix: '以降' }],
  ['研究開発開始', 'calls/kyoso.yaml', 'schedule.milestones[2].label', '研究開発開始'],
  ['令和３年１０月頃', 'calls/kyoso.yaml', 'schedule.milestones[2].date', { date: '2021-10', suffix: '頃' }],
  // slide 7 — roster
  ['roster heading', 'roster.yaml', 'heading', '共創の場形成支援プログラム 「共創分野」のPO・AD'],
  ['roster call', 'roster.yaml', 'call', 'kyoso'],
  ['※2020.10.16時点', 'roster.yaml', 'asOf.date', '2020-10-16'],
  ['※PO・アドバイザーは…', 'roster.yaml', 'notes[0]', 'PO・アドバイザーは、今後更新される場合があります。'],
  ['アドバイザー（AD）', 'roster.yaml', 'roleLabels.ad', 'アドバイザー（AD）'],
  ['プログラムオフィサー（PO）', 'roster.yaml', 'roleLabels.po', 'プログラムオフィサー（PO）'],
  ['松田 譲', 'roster.yaml', 'entries[0].name', '松田 譲'],
  ['特別アドバイザー', 'roster.yaml', 'entries[0].title', '特別アドバイザー'],
  ['松田 affiliation', 'roster.yaml', 'entries[0].affiliation', '公益財団法人加藤記念バイオサイエンス振興財団'],
  ['松田 名誉理事', 'roster.yaml', 'entries[0].position', '名誉理事'],
  ['荒金 久美', 'roster.yaml', 'entries[1].name', '荒金 久美'],
  ['株式会社コーセー 理事', 'roster.yaml', 'entries[1].affiliation', '株式会社コーセー'],
  ['大島 まり', 'roster.yaml', 'entries[2].name', '大島 まり'],
  ['大島 affiliation', 'roster.yaml', 'entries[2].affiliation', '東京大学 大学院情報学環／生産技術研究所'],
  ['大津留 榮佐久', 'roster.yaml', 'entries[3].name', '大津留 榮佐久'],
  ['OSTi 代表理事', 'roster.yaml', 'entries[3].position', '代表理事'],
  ['長我部 信行 (⾧ fixed)', 'roster.yaml', 'entries[4].name', '長我部 信行'],
  ['日立 position (⾧ fixed)', 'roster.yaml', 'entries[4].position', 'ライフ事業統括本部CSO 兼 企画本部長'],
  ['岸本 喜久雄', 'roster.yaml', 'entries[5].name', '岸本 喜久雄'],
  ['岸本 名誉教授', 'roster.yaml', 'entries[5].position', '名誉教授'],
  ['財満 鎭明', 'roster.yaml', 'entries[6].name', '財満 鎭明'],
  ['名城大学', 'roster.yaml', 'entries[6].affiliation', '名城大学 大学院理工学研究科'],
  ['辻村 英雄', 'roster.yaml', 'entries[7].name', '辻村 英雄'],
  ['サントリー 理事長 (⾧ fixed)', 'roster.yaml', 'entries[7].position', '理事長'],
  ['藤野 純一', 'roster.yaml', 'entries[8].name', '藤野 純一'],
  ['IGES', 'roster.yaml', 'entries[8].affiliation', '公益財団法人地球環境戦略研究機関 都市タスクフォース'],
  ['プログラムディレクター', 'roster.yaml', 'entries[8].position', 'プログラムディレクター'],
  ['美馬 のゆり', 'roster.yaml', 'entries[9].name', '美馬 のゆり'],
  ['はこだて', 'roster.yaml', 'entries[9].affiliation', '公立はこだて未来大学 システム情報科学部'],
  ['PO 久世 和資', 'roster.yaml', 'entries[10].name', '久世 和資'],
  ['PO role', 'roster.yaml', 'entries[10].role', 'po'],
  ['旭化成', 'roster.yaml', 'entries[10].affiliation', '旭化成株式会社'],
  ['執行役員エグゼクティブフェロー', 'roster.yaml', 'entries[10].position', '執行役員エグゼクティブフェロー'],
  // slide 8 — 地域共創分野 overview
  ['slide 8 heading', 'calls/chiiki.yaml', 'overview.heading', '「地域共創分野」 （令和３年度 新設予定）の概要'],
  ['分野・公募内容の詳細は検討中です。', 'calls/chiiki.yaml', 'overview.notes[0]', '分野・公募内容の詳細は検討中です。'],
  [
    '背景 1',
    'calls/chiiki.yaml',
    'overview.background.points[0]',
    '新型コロナウイルスの拡大は、知的・人的・物的リソースを都市部に依存する一極集中型の日本社会の脆弱性を浮き彫りに。',
  ],
  [
    '背景 3',
    'calls/chiiki.yaml',
    'overview.background.points[2]',
    '絶えず変化・複雑化する地域の課題に対し、知の拠点である地方大学、地域ニーズを把握している地方自治体、出口となる企業が連携し、地域における産学官の地域共創の場の構築が必要。',
  ],
  ['【提案主体】', 'calls/chiiki.yaml', 'overview.proposer.label', '提案主体'],
  ['大学等×自治体×企業', 'calls/chiiki.yaml', 'overview.proposer.structure', '大学等×自治体×企業'],
  ['（学）地方大学等', 'calls/chiiki.yaml', 'overview.proposer.roles[0].name', '地方大学等'],
  ['（官）地方自治体', 'calls/chiiki.yaml', 'overview.proposer.roles[1].name', '地方自治体'],
  ['（産）産業界', 'calls/chiiki.yaml', 'overview.proposer.roles[2].name', '産業界'],
  ['予算措置', 'calls/chiiki.yaml', 'overview.proposer.roles[1].contributions[2]', '予算措置'],
  ['共同研究資金の提供', 'calls/chiiki.yaml', 'overview.proposer.roles[2].contributions[1]', '共同研究資金の提供'],
  ['地域拠点ビジョンを実現', 'calls/chiiki.yaml', 'overview.outcome.label', '地域拠点ビジョンを実現'],
  ['地域の社会的課題の解決 / 経済発展', 'calls/chiiki.yaml', 'overview.outcome.results', ['地域の社会的課題の解決', '地域の経済発展']],
  ['（地域共創拠点）', 'calls/chiiki.yaml', 'overview.hubLabel', '地域共創拠点'],
  ['「地域社会が変わる」', 'calls/chiiki.yaml', 'overview.points.items[1].caption', '「地域社会が変わる」'],
  ['地域 人 subcaption', 'calls/chiiki.yaml', 'overview.points.items[0].subcaption', 'SDGs×ウィズ/ポストコロナに係る地域拠点ビジョンを共有'],
  ['地域 大学 subcaption', 'calls/chiiki.yaml', 'overview.points.items[2].subcaption', '持続的な地域産学官共創システムの整備・運営'],
  ['地域共創の場', 'calls/chiiki.yaml', 'overview.place.name', '地域共創の場'],
  [
    '地域共創の場 description',
    'calls/chiiki.yaml',
    'overview.place.description',
    '地域共創拠点等に設置し、地域拠点ビジョンの作成等を実施。地域連携プラットフォームも活用して運用。',
  ],
  ['diagram title', 'calls/chiiki.yaml', 'overview.diagramTitle', '共創の場形成支援 ー 地域共創分野 －'],
  ['令和3年度予算額(案)', 'calls/chiiki.yaml', 'overview.budget.label', '令和3年度予算額(案)'],
  ['640百万円', 'calls/chiiki.yaml', 'overview.budget.money.yen', 640000000],
  ['（新規）', 'calls/chiiki.yaml', 'overview.budget.tag', '新規'],
  ['※内数・推計額', 'calls/chiiki.yaml', 'overview.budget.notes[0]', '「共創の場形成支援」の内数、運営費交付金の推計額'],
  // slide 9 — 地域共創分野 call
  ['chiiki heading', 'calls/chiiki.yaml', 'heading', '「地域共創分野」令和３年度公募について'],
  ['chiiki bullet', 'calls/chiiki.yaml', 'bullets[0]', '地域産学官共創拠点の形成初期及び維持発展のフェーズに応じた実施タイプを設定（育成型、本格型）'],
  ['chiiki table title', 'calls/chiiki.yaml', 'table.title', '令和３年度 地域共創分野公募（案）'],
  ['chiiki composition', 'calls/chiiki.yaml', 'table.composition.text', '大学等を代表機関とする3機関以上（うち、少なくとも1機関の民間企業、1機関の自治体を含んでいること）'],
  ['chiiki 2.5千万円/年度 程度', 'calls/chiiki.yaml', 'types[0].budget', { yen: 25000000, approx: '程度' }],
  ['chiiki 8件程度', 'calls/chiiki.yaml', 'types[0].awards', { count: 8, approx: '程度' }],
  [
    'chiiki 本格型 goal',
    'calls/chiiki.yaml',
    'types[1].goal',
    '地方大学等を中心とし、未来の地域社会のあるべき姿（地域拠点ビジョン）に基づき、地域課題の解決や地域経済の発展を進めるための持続的な地域産学官共創拠点の形成',
  ],
  ['chiiki 最大2億円/年度 程度', 'calls/chiiki.yaml', 'types[1].budget', { yen: 200000000, upTo: true, approx: '程度' }],
  ['chiiki 最長10年度', 'calls/chiiki.yaml', 'types[1].period', { years: 10, upTo: true }],
  ['chiiki 2件程度', 'calls/chiiki.yaml', 'types[1].awards', { count: 2, approx: '程度' }],
  ['※共創分野と同様', 'calls/chiiki.yaml', 'schedule.note', '共創分野と同様'],
  ['期間 2年度 / 最長10年度 (one merged cell for both 本格型)', 'calls/kyoso.yaml', 'types[2].period', { years: 10, upTo: true }],
  // 「（※共創分野と同様）」: the seed prints the same schedule; the data refers to it instead of copying it.
  ['chiiki schedule = kyoso', 'calls/chiiki.yaml', 'schedule.sameAs', 'kyoso'],
  ['chiiki notes', 'calls/chiiki.yaml', 'noteRefs', ['budget-passage', 'call-may-change']],
  // slide 10 — sites
  ['sites heading', 'sites.yaml', 'heading', '共創の場形成支援 実施中拠点一覧'],
  ['参考', 'sites.yaml', 'tag', '参考'],
  ['凡例', 'sites.yaml', 'legendTitle', '凡例'],
  ['legend', 'sites.yaml', 'legend', ['coi', 'opera', 'coi-next']],
  ['琉球大学 → 沖縄県', 'sites.yaml', 'sites[0].prefecture', '沖縄県'],
  ['OPERA 共創型 (map label)', 'programmes.yaml', 'programmes[2].types[0].mapLabel', '共創型'],
  ['量子技術分野 (map)', 'programmes.yaml', 'programmes[0].fields[1].areas[1].mapName', '量子技術分野'],
  // slide 11 — contact
  ['contact heading', 'contact.yaml', 'heading', '共創の場形成支援の問い合わせ先'],
  ['contact org', 'contact.yaml', 'organization', '国立研究開発法人科学技術振興機構'],
  ['イノベーション拠点推進部', 'contact.yaml', 'department', 'イノベーション拠点推進部'],
  ['企画課', 'contact.yaml', 'section', '企画課'],
  ['platform@jst.go.jp', 'contact.yaml', 'email', 'platform@jst.go.jp'],
  ['https://www.jst.go.jp/pf/platform', 'contact.yaml', 'url', 'https://www.jst.go.jp/pf/platform'],
  ['今後の情報は…', 'contact.yaml', 'lead', '今後の情報は、下記ホームページをご覧ください。'],
  ['ご清聴ありがとうございました', 'contact.yaml', 'closing', 'ご清聴ありがとうございました'],
];

/** Loose labels of slides 4 and 8 that must appear somewhere (exact leaf value). */
const LABELS = [
  '科学技術イノベーション',
  '共創の場',
  '企業等との共同研究推進',
  '自立的に運営するための仕組みと体制を構築',
  'SDGs×ウィズ/ポストコロナの社会像（ビジョン）共有',
  '産学共創システム',
  '持続可能な社会の実現',
  '地域拠点ビジョン提示',
  '地域拠点ビジョン案',
  '政策提言',
  '主体的コミット',
  '企業ニーズの提示',
  '予算措置',
  '実証フィールドの提供',
  '自治体職員の派遣',
  '共同研究資金の提供',
  '企業人の派遣',
  '学生の企業派遣受入れ',
  '企業支援プログラム',
  '技術シーズマッチング',
  '地域拠点ビジョンを実現',
  '地域の社会的課題の解決',
  '地域の経済発展',
  'ビジョンの実現に必要な研究開発成果の社会実装',
  'ビジョンの実現に向けて必要な施策立案等を実施',
  '政策への提言',
  '社会実装に係る提案',
  '地域内外の研究機関等も参画し、産学共同研究開発を推進',
];

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
