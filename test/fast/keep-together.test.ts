/**
 * Words that stay whole: names from the data and the staff's list are never cut by a phrase
 * boundary (BudouX cuts 文部|科学省 and 公立はこだて|未来大学), a long phrase may wrap only
 * between its words, and a URL is one run of text (one link annotation per line, not one per
 * piece).
 */
import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { japaneseBrackets } from '../../src/shared/format/text.ts';
import { keepTogetherIn, wordsOfName } from '../../src/stages/render/keep-together.ts';
import { loadPhraser, markedText, phrasePlugin, phraseWordsOf, phrasesOf, resolveMarkers, withKeepTogether } from '../../src/stages/render/phrases.ts';

beforeAll(() => loadPhraser());

describe('the keep-together list', () => {
  it('cuts names into words: legal forms, brackets, spaces, Latin, long names at a change of script', () => {
    expect(wordsOfName('公益財団法人地球環境戦略研究機関 都市タスクフォース')).toEqual(['公益財団法人', '地球環境戦略研究機関', '都市タスクフォース']);
    expect(wordsOfName('ライフ事業統括本部CSO 兼 企画本部長')).toEqual(['ライフ事業統括本部', '企画本部長']);
    expect(wordsOfName('センター・オブ・イノベーション（COI）プログラム')).toEqual(['センター', 'オブ', 'イノベーション', 'プログラム']);
    expect(wordsOfName('共創の場形成支援プログラム')).toEqual(['共創の場形成支援', 'プログラム']);
  });

  it('takes names from the data by key, and the staff list as written', () => {
    const words = keepTogetherIn(
      { rosters: [{ entries: [{ affiliation: '公立はこだて未来大学', title: '特別アドバイザー', name: '美馬 のゆり' }] }], calls: [{ heading: '見出しは名前ではない' }] },
      ['文部科学省'],
    );
    expect(words).toEqual(expect.arrayContaining(['公立はこだて未来大学', '特別アドバイザー', '文部科学省', 'のゆり']));
    expect(words).not.toContain('見出しは名前ではない');
  });
});

describe('phrases with the keep-together list', () => {
  const boundaries = (text: string, keep: string[]) => withKeepTogether(keep, () => phrasesOf(text)).join('|');

  it('puts no boundary inside a kept word (BudouX alone does)', () => {
    const text = '国の政策方針に基づき文部科学省が設定する';
    const cutsName = (b: string) => !b.split('|').some((p) => p.includes('文部科学省'));
    // The test can fail: without the list BudouX cuts the name.
    expect(cutsName(boundaries(text, []))).toBe(true);
    expect(cutsName(boundaries(text, ['文部科学省']))).toBe(false);
    expect(boundaries('公立はこだて未来大学 システム情報科学部', ['公立はこだて未来大学'])).toContain('公立はこだて未来大学');
  });

  it('lets a long phrase wrap between its words only, never inside a kept word', () => {
    const words = withKeepTogether(['環境エネルギー'], () => phraseWordsOf('環境エネルギー分野'));
    expect(words).toEqual([['環境エネルギー', '分野']]);
    // No break that leaves one kanji (バックキャスト|型).
    expect(withKeepTogether([], () => phraseWordsOf('バックキャスト型'))).toEqual([['バックキャスト型']]);
  });

  it('marks a held phrase with a break between its words, and the list reaches the escaper', () => {
    const html = resolveMarkers(withKeepTogether(['環境エネルギー'], () => markedText('COI-NEXT 環境エネルギー分野・本格型')));
    expect(html).toContain('環境エネルギー<wbr>分野');
    expect(html).not.toMatch(/環境<wbr>エネルギー/);
  });

  it('writes a URL as one run with break opportunities, no boxes of its own', () => {
    const html = resolveMarkers(markedText('https://www.mext.go.jp/component/a_menu/science/detail/__icsFiles/x.pdf'));
    expect(html).toMatch(/^<a class="url" href="[^"]+">[\s\S]*<\/a>$/);
    expect(html).not.toContain('class="ph"');
    expect(html).not.toContain('<wbr>');
  });
});

describe('one width of brackets in print', () => {
  it.each([
    ['課題(拠点)数', '課題（拠点）数'],
    ['5月10日(火)', '5月10日（火）'],
    ['PoC (Proof of Concept)', 'PoC (Proof of Concept)'],
    ['令和3年度予算額(案)', '令和3年度予算額（案）'],
    ['a)', 'a)'],
  ])('%s → %s', (from, to) => expect(japaneseBrackets(from)).toBe(to));

  it('sets prose as it sets values: a date placed in a 公募要領 sentence gets full-width brackets, a link keeps its own', () => {
    const md = new MarkdownIt().use(phrasePlugin);
    const html = md.renderInline('公募期間は令和4年5月10日(火)～7月5日(火)12:00（正午）です。https://example.jp/a(b)');
    expect(html.replace(/<[^>]+>/gu, '')).toContain('5月10日（火）～7月5日（火）12:00（正午）です。');
    expect(html).not.toContain('(火)');
    expect(html).toContain('https://example.jp/a(b)');
  });
});
