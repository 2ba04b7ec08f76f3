/**
 * The 様式 as Word files, on the r4 fixture edition with the fixture forms: each form per call
 * read back as XML — its fields as content controls, the call's figures (types, the cap per
 * year, the fiscal years of the support period, the dates) as text, Japanese on every run —
 * and reproducible bytes. An edited budget changes the forms that print it and no other.
 */
import { japaneseBrackets } from '../../src/shared/format/text.ts';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { forms as formsOutput } from '../../src/outputs/forms/index.ts';
import { writeForm } from '../../src/outputs/forms/write.ts';
import { crossContext, type Edition, type ParsedFile } from '../../src/schema/index.ts';
import { formCallRefs, formIds, formValues } from '../../src/schema/cross/forms.ts';
import { fieldWords, formView, formUnits } from '../../src/stages/render/form-view.ts';
import { BLOCK_BUILDERS, blockEnv } from '../../src/stages/render/guideline-blocks.ts';
import { callBudgetText, callPeriodText, milestoneText, minInstitutionsText, scheduleOf, yenText } from '../../src/stages/render/values.ts';
import * as fmt from '../../src/shared/format/index.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { allText, controlsOf, readDocx, runsOf, type DocxFile } from '../helpers/docx.ts';
import { parseStrict } from '../helpers/pptx.ts';
import { withFixture, type TempProject } from '../helpers/project.ts';

const FIXTURE_FORMS = path.join(TOOL_ROOT, 'test', 'fixtures', 'forms', 'forms.yaml');
const DATE = new Date('2023-11-14T22:13:20Z');

async function loadR4(project: TempProject): Promise<Edition> {
  const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
  if (!valid) throw new Error('r4 did not load');
  return valid.edition;
}

async function formFile(edition: Edition, call: string, form: string): Promise<DocxFile> {
  return readDocx(await writeForm(formView(edition, call, form), DATE));
}

describe('the forms of the r4 fixture', () => {
  let project: TempProject;
  let edition: Edition;
  beforeAll(async () => {
    project = await withFixture();
    await cp(FIXTURE_FORMS, path.join(project.root, 'data', 'r4', 'forms.yaml'));
    edition = await loadR4(project);
  }, 60_000);
  afterAll(() => project.dispose());

  it('makes a form for each call that uses it and has a type it is for', () => {
    expect(formUnits(edition)).toEqual([
      { call: 'kyoso', form: 'cover' },
      { call: 'kyoso', form: 'summary' },
      { call: 'kyoso', form: 'budget' },
      { call: 'kyoso', form: 'transition' },
      { call: 'seisaku', form: 'cover' },
      { call: 'seisaku', form: 'summary' },
      { call: 'seisaku', form: 'budget' },
      { call: 'seisaku', form: 'policy' },
    ]);
    expect(formView(edition, 'kyoso', 'cover').file).toBe('forms/kyoso/01-cover.docx');
    expect(formView(edition, 'seisaku', 'policy').file).toBe('forms/seisaku/05-policy.docx');
    expect(formsOutput.release('forms/kyoso/01-cover.docx', 'r4')).toBe('r4-forms-kyoso-01-cover.docx');
  });

  it('prints the call’s types with their period and budget as check boxes, and its dates in the instructions', async () => {
    const file = await formFile(edition, 'seisaku', 'cover');
    const xml = file.parts.get('word/document.xml')!;
    const text = allText(file);
    const call = edition.calls.find((c) => c.id === 'seisaku')!;
    const type = call.types[0]!;
    // Shared schedule (sameAs kyoso): the period milestone of 共創分野, as the 公募要領 prints it.
    const period = scheduleOf(edition, call).milestones.find((m) => m.id === 'call-period')!;
    for (const needle of [
      '様式1　提案書表紙',
      '1ページ以内',
      callPeriodText(edition, type),
      callBudgetText(edition, call, type),
      milestoneText(edition, period),
      minInstitutionsText(call),
    ])
      expect(text).toContain(japaneseBrackets(needle)); // brackets as every print sets them
    const controls = controlsOf(xml);
    expect(controls.filter((c) => c.type === 'checkbox').map((c) => c.tag)).toEqual(['type.honkaku']);
    expect(controls.filter((c) => c.type === 'text').map((c) => c.tag)).toEqual(['proposal.title', 'proposal.institution']);
    // An entry's hint is its placeholder.
    expect(controls.find((c) => c.tag === 'proposal.institution')?.text).toBe('正式名称で');
    // The header: the call, and the form's number on the right.
    expect(text).toContain('「政策重点分野」');
  });

  it('gives a text box its limit and a rich-text control, and a years table one column per fiscal year with the cap', async () => {
    const summary = await formFile(edition, 'kyoso', 'summary');
    expect(allText(summary)).toContain('提案の要約（800字以内）');
    expect(controlsOf(summary.parts.get('word/document.xml')!).map((c) => [c.tag, c.type])).toEqual([['summary', 'rich']]);

    for (const call of edition.calls) {
      const type = call.types[0]!;
      if (type.period === '要確認') throw new Error('the fixture gives every type a period');
      const period = type.period;
      const file = await formFile(edition, call.id, 'budget');
      const text = allText(file);
      const years = Array.from({ length: period.years }, (_, i) => fmt.fiscalYear(edition.meta.fiscalYear + i));
      for (const y of years) expect(text, `${call.id} ${y}`).toContain(y);
      expect(text).not.toContain(fmt.fiscalYear(edition.meta.fiscalYear + period.years));
      // The cap in every year's column, from the call's budget.
      expect(text.split(yenText(edition, type.budget)).length - 1).toBe(period.years);
      expect(text).toContain(`${edition.meta.labels.fundingTerm}の上限`);
      // Landscape A4, the header row repeated.
      const doc = file.parts.get('word/document.xml')!;
      expect(doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
      expect(doc).toContain('<w:tblHeader/>');
    }
  });

  it('writes a form only for the types it is for, and check boxes given in the data', async () => {
    const text = allText(await formFile(edition, 'kyoso', 'transition'));
    expect(text).toContain(`${callPeriodText(edition, edition.calls[0]!.types[0]!)}の間に達成すること`);
    const policy = await formFile(edition, 'seisaku', 'policy');
    expect(controlsOf(policy.parts.get('word/document.xml')!).map((c) => c.tag)).toEqual(['pledges.pledges-1', 'pledges.pledges-2']);
  });

  it('sets every run in Japanese with the East Asian font, and Japanese line breaking on every paragraph', async () => {
    for (const { call, form } of formUnits(edition)) {
      const file = await formFile(edition, call, form);
      for (const [name, xml] of file.parts) {
        parseStrict(xml, `${call}/${form} ${name}`);
        if (!/^word\/(document|header\d+|footer\d+)\.xml$/.test(name)) continue;
        const runs = runsOf(xml);
        expect(runs.length, name).toBeGreaterThan(0);
        for (const r of runs) {
          expect(r.props, `${call}/${form} ${name}: ${r.body.slice(0, 80)}`).toMatch(/<w:rFonts\b[^>]*w:eastAsia="BIZ UDPGothic"/);
          expect(r.props, `${call}/${form} ${name}: ${r.body.slice(0, 80)}`).toMatch(/<w:lang\b[^>]*w:eastAsia="ja-JP"/);
        }
      }
      const styles = file.parts.get('word/styles.xml')!;
      expect(styles).toMatch(
        /<w:pPrDefault><w:pPr><w:kinsoku w:val="1"\/><w:wordWrap w:val="1"\/><w:overflowPunct w:val="1"\/><w:topLinePunct w:val="0"\/><w:autoSpaceDE w:val="1"\/><w:autoSpaceDN w:val="1"\/>/,
      );
      expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="BIZ UDPGothic"[^>]*\/>[\s\S]*<w:lang w:val="en-US" w:eastAsia="ja-JP"/);
      expect(file.parts.get('word/settings.xml')).toContain('<w:characterSpacingControl w:val="doNotCompress"/>');
      expect(file.parts.get('word/settings.xml')).toContain('<w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>');
      expect(file.parts.get('word/fontTable.xml')).toContain('<w:font w:name="BIZ UDPGothic"><w:altName w:val="BIZ UDPゴシック"/>');
    }
  });

  it('writes the same bytes for the same data and date, whatever was written before', async () => {
    const view = formView(edition, 'kyoso', 'cover');
    const first = await writeForm(view, DATE);
    // Other documents in between advance docx's process-wide counters.
    await writeForm(formView(edition, 'seisaku', 'policy'), DATE);
    await writeForm(formView(edition, 'kyoso', 'budget'), DATE);
    expect(Buffer.compare(Buffer.from(await writeForm(view, DATE)), Buffer.from(first))).toBe(0);
    const file = await readDocx(first);
    expect(file.parts.get('docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>');
    expect(new Set(file.dates.map((d) => d.getTime())).size).toBe(1);
    // And another date gives other bytes.
    expect(Buffer.compare(Buffer.from(await writeForm(view, new Date('2024-01-01T00:00:00Z'))), Buffer.from(first))).not.toBe(0);
  });

  it('renames and replans a form moved in forms.yaml (its number in the file name)', async () => {
    const before = new Map((await formsOutput.plan(edition)).map((p) => [p.key, p]));
    const moved = (await readFile(FIXTURE_FORMS, 'utf8')).replace(/^forms:\n/m, 'forms:\n  - { id: notice, number: 様式0, title: 注意事項 }\n');
    const other = await withFixture();
    try {
      await writeFile(path.join(other.root, 'data', 'r4', 'forms.yaml'), moved);
      const e = await loadR4(other);
      expect(formView(e, 'kyoso', 'cover').file).toBe('forms/kyoso/02-cover.docx');
      const after = new Map((await formsOutput.plan(e)).map((p) => [p.key, p]));
      expect(after.get('kyoso/cover')!.values).not.toEqual(before.get('kyoso/cover')!.values);
    } finally {
      await other.dispose();
    }
  });

  it('plans each form on the values it printed: an edited budget moves exactly the forms that print it', async () => {
    const before = new Map((await formsOutput.plan(edition)).map((p) => [p.key, p]));
    const oldBudget = callBudgetText(edition, edition.calls[0]!, edition.calls[0]!.types[0]!);
    const printing = new Set<string>();
    for (const { call, form } of formUnits(edition)) if (allText(await formFile(edition, call, form)).includes(oldBudget)) printing.add(`${call}/${form}`);
    // The cover's check boxes and the budget table print the 育成型 budget of 共創分野.
    expect([...printing].sort()).toEqual(['kyoso/budget', 'kyoso/cover']);

    await project.edit('r4/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 30000000, approx: 程度 }');
    const edited = await loadR4(project);
    const after = new Map((await formsOutput.plan(edited)).map((p) => [p.key, p]));
    const moved = [...after.keys()].filter((k) => JSON.stringify(after.get(k)!.values) !== JSON.stringify(before.get(k)!.values));
    expect(moved.sort()).toEqual([...printing].sort());
    // Every kyoso form still names the call file among what it read.
    expect([...after.values()].filter((p) => p.key.startsWith('kyoso/')).every((p) => p.data.includes('calls/kyoso.yaml'))).toBe(true);
    const text = allText(await formFile(edited, 'kyoso', 'budget'));
    expect(text).toContain(yenText(edited, edited.calls[0]!.types[0]!.budget));
    expect(text).not.toContain(oldBudget);
  });
});

/** The rules of forms.yaml alone (the minimal calls below would not satisfy the other rules). */
const formsRules = (files: ParsedFile[]) => [formCallRefs, formIds, formValues].flatMap((rule) => rule.check(crossContext(files, new Set())));

describe('the forms rule', () => {
  const files = (forms: unknown): ParsedFile[] => [
    { rel: 'calls/kyoso.yaml', kind: 'call', data: { id: 'kyoso', types: [{ id: 'ikusei', kind: 'ikusei', awards: { count: 1 } }], schedule: { milestones: [{ id: 'close' }] } } },
    { rel: 'forms.yaml', kind: 'forms', data: { forms } },
  ];
  const form = { id: 'cover', number: '様式1', title: '表紙' };

  it('accepts forms whose calls and values exist', () => {
    expect(formsRules(files([{ ...form, calls: ['kyoso'], instructions: ['締切は{{value:milestone.close}}'] }])).filter((i) => i.file === 'forms.yaml')).toEqual([]);
  });

  it('names a call that does not exist, a duplicate id, and a value the call lacks', () => {
    const issues = formsRules(
      files([
        { ...form, calls: ['kyoso', 'chiiki'], titleByCall: { tiiki: '別名' } },
        {
          ...form,
          instructions: ['締切は{{value:milestone.open}}'],
          fields: [
            { kind: 'text', id: 'a', label: 'A' },
            { kind: 'text', id: 'a', label: 'B', hint: '{{value:budget.honkaku}}' },
          ],
        },
      ]),
    ).filter((i) => i.file === 'forms.yaml');
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['DANGLING_REF', 'forms.0.calls.1'],
      ['DANGLING_REF', 'forms.0.titleByCall.tiiki'],
      ['DUPLICATE_ID', 'forms.1.id'],
      ['DUPLICATE_ID', 'forms.1.fields.1.id'],
      ['DANGLING_REF', 'forms.1.instructions.0'],
      ['DANGLING_REF', 'forms.1.fields.1.hint'],
    ]);
    expect(issues[0]!.message.ja).toContain('公募「chiiki」');
  });

  it('does not check a call the form is not made for (no type of its kinds)', () => {
    expect(formsRules(files([{ ...form, typeKinds: ['honkaku'], instructions: ['{{value:period.honkaku}}'] }])).filter((i) => i.file === 'forms.yaml')).toEqual([]);
  });
});

describe('the 公募要領 list of forms (別紙, 主な記入欄)', () => {
  it('names what each field asks for in words, never a field id', async () => {
    const project = await withFixture();
    try {
      const [valid] = await loadEditions(project.paths, ['r3'], { text: 'none' });
      const e = valid!.edition;
      const { blocks } = BLOCK_BUILDERS['form-guide'](blockEnv(e, 'chiiki'));
      const lines = JSON.stringify(blocks).match(/主な記入欄：[^"]*/gu) ?? [];
      expect(lines.length).toBeGreaterThan(5);
      // Fields of r3's forms.yaml written without a label: careers' `person`, the 幹事自治体 form's `municipality`.
      for (const id of ['person', 'municipality']) expect(lines.join('\n')).not.toMatch(new RegExp(`[：、]${id}(、|$)`, 'u'));
      expect(lines.join('\n')).toContain('幹事自治体名');
      for (const f of e.forms?.forms ?? []) for (const field of f.fields ?? []) expect(fieldWords(field), `${f.id}.${field.id}`).not.toBe('');
    } finally {
      await project.dispose();
    }
  });
});
