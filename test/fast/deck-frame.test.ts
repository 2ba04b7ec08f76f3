/**
 * The deck's frame (issue 28): the footer and the 「案」 header are Marp directives, outside the
 * templates' escaper, so a （要確認） in the edition's title or subtitle printed unmarked in the
 * footer of every slide. Marp's HTML of them is marked now, like every other unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { loadTheme } from '../../src/outputs/deck/index.ts';
import { markFrameTbd, renderMarp } from '../../src/stages/convert/marp.ts';
import { deckView, renderDeckMarkdown } from '../../src/stages/render/deck-view.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const TBD = '<span class="tbd">（要確認）</span>';

let project: TempProject;
beforeAll(async () => {
  project = await tempProject(['r4', 'r5']);
  // What new-edition leaves in a subtitle it cannot know (「令和N年度…（要確認）」).
  await project.edit('r5/edition.yaml', 'subtitle: 令和5年度公募説明資料', 'subtitle: 令和5年度公募説明資料（要確認）');
}, 60_000);
afterAll(() => project.dispose());

describe('the footer of the deck', () => {
  it('marks a （要確認） of the footer on every slide, and leaves none unmarked', async () => {
    const [, r5] = await loadEditions(project.paths, ['r4', 'r5'], { text: 'none' });
    const view = deckView(r5!.edition);
    const md = await renderDeckMarkdown(project.paths.templatesDir, view);
    const { html } = renderMarp(md, await loadTheme(project.paths.templatesDir));
    const footers = [...html.matchAll(/<footer\b[^>]*>([\s\S]*?)<\/footer>/gu)].map((m) => m[1]!);
    expect(footers).toHaveLength(view.slides.length);
    for (const f of footers) expect(f).toContain(`令和5年度公募説明資料${TBD}`);
    // Every printed （要確認） is marked (Marp's data-footer and style attributes print nothing).
    expect(html.replaceAll(TBD, '').replace(/<[^>]*>/gu, '')).not.toContain('（要確認）');
  });

  it('marks only the frame: a slide’s own text is the escaper’s, and a marked one is not marked twice', () => {
    const html = '<header>案</header><footer>資料（要確認）</footer><section><p>（要確認）</p></section>';
    expect(markFrameTbd(html)).toBe(`<header>案</header><footer>資料${TBD}</footer><section><p>（要確認）</p></section>`);
  });
});
