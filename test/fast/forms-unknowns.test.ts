/**
 * Word forms from data with unknowns (issue 28): the r5 fixture's forms.yaml prints the call
 * period whose end is 要確認, the minimum number of institutions 要確認 and 育成型's budget 要確認 as
 * （要確認）, highlighted like the PDF's shading — never the raw word, never a made-up figure —
 * and makes no form for 政策重点分野, which is not called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { writeForm } from '../../src/outputs/forms/write.ts';
import type { Edition } from '../../src/schema/index.ts';
import { formUnits, formView } from '../../src/stages/render/form-view.ts';
import { allText, readDocx, runsOf, type DocxFile } from '../helpers/docx.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2023-11-14T22:13:20Z');

let project: TempProject;
let r5: Edition;
beforeAll(async () => {
  project = await tempProject(['r4', 'r5']);
  const [, b] = await loadEditions(project.paths, ['r4', 'r5'], { text: 'none' });
  r5 = b!.edition;
}, 60_000);
afterAll(() => project.dispose());

const form = async (id: string): Promise<DocxFile> => readDocx(await writeForm(formView(r5, 'kyoso', id), DATE));
/** The highlighted runs' texts of the body. */
const highlighted = (f: DocxFile): string[] =>
  runsOf(f.parts.get('word/document.xml')!)
    .filter((r) => r.props.includes('<w:highlight'))
    .map((r) => r.body.replace(/<[^>]*>/gu, ''));

describe('the forms of a year not yet known (r5)', () => {
  it('makes the forms of the called call only', () => {
    expect(formUnits(r5)).toEqual([
      { call: 'kyoso', form: 'cover' },
      { call: 'kyoso', form: 'budget' },
    ]);
  });

  it('prints the unknown end of the call period, the minimum and the budget as （要確認）, highlighted', async () => {
    const cover = await form('cover');
    const text = allText(cover);
    expect(text).toMatch(/公募期間は令和5年5月10日（水）～（要確認）です。/u);
    expect(text).toContain('代表機関を含めて（要確認）で提案してください。');
    expect(text.replaceAll('（要確認）', '')).not.toContain('要確認');
    // The type to tick names 育成型's budget, not known yet either.
    expect(text).toMatch(/□ 育成型（実施期間 2年度、委託研究費 ?（要確認））/u);
    expect(highlighted(cover)).toEqual(['（要確認）', '（要確認）', '（要確認）']);
  });

  it('prints the unknown yearly cap of the budget form as （要確認）, highlighted, and no amount', async () => {
    const budget = await form('budget');
    const text = allText(budget);
    expect(text).toContain('（要確認）');
    expect(text.replaceAll('（要確認）', '')).not.toContain('要確認');
    expect(text).not.toMatch(/[0-9０-９]+(?:千|百)?万円/u);
    expect(highlighted(budget).length).toBeGreaterThan(0);
    expect(highlighted(budget).every((t) => t === '（要確認）')).toBe(true);
  });
});
