/**
 * Every data error of an edition in one run (issue 28, item 8): a file that cannot be parsed does
 * not hide the schema, cross-file and text errors of the others, and the cross-file checks that
 * could not judge a broken file say so at that file instead of reporting nothing.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { EXIT } from '../../src/shared/errors.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

beforeAll(() => {
  delete process.env.KYOSO_LANG;
});

const projects: TempProject[] = [];
afterEach(async () => {
  await Promise.all(projects.splice(0).map((p) => p.dispose()));
});

async function broken(): Promise<TempProject> {
  const p = await tempProject(['r4', 'r5']);
  projects.push(p);
  // 1. contact.yaml does not parse (an unclosed flow sequence).
  await p.edit('r5/contact.yaml', 'email: platform@jst.go.jp', 'email: [platform@jst.go.jp');
  // 2. roster.yaml parses but fails its schema (a date that does not exist).
  await p.edit('r5/roster.yaml', "date: '2023-03-01'", 'date: 2023-13-45');
  // 3. deck.yaml is valid alone but names a call that does not exist (a cross-file rule).
  await p.edit('r5/deck.yaml', /call: seisaku\n/u, 'call: seisakuu\n');
  // 4. overview.yaml breaks a text rule (the programme's word order 産学官).
  await p.edit('r5/overview.yaml', '産学官民で将来ビジョン', '産官学民で将来ビジョン');
  return p;
}

async function validate(p: TempProject): Promise<{ exit: number; text: string }> {
  const lines: string[] = [];
  const exit = await run(['validate', 'r5'], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: p.root });
  return { exit, text: lines.join('\n') };
}

describe('validate reports every error of an edition in one run', () => {
  it('lists a parse error, a schema error, a cross-file error and a text error of four files together', async () => {
    const { exit, text } = await validate(await broken());
    expect(exit).toBe(EXIT.DATA_INVALID);
    expect(text).toMatch(/data\/r5\/contact\.yaml:6:8 .*\[YAML_MISSING_CHAR\]/u);
    expect(text).toMatch(/data\/r5\/roster\.yaml:5:9 .*asOf\.date.*\[INVALID_VALUE\]/u);
    expect(text).toMatch(/data\/r5\/deck\.yaml:\d+:11 .*seisakuu.*\[DANGLING_REF\]/u);
    // Before, the text checks ran only once every file passed its schema: this came a run later.
    expect(text).toMatch(/data\/r5\/overview\.yaml:\d+:\d+ .*産官学.*\[prh\]/u);
    const errors = text.split('\n').filter((l) => /^data\/r5\/\S+:\d+:\d+ .*\]$/u.test(l));
    expect(errors).toHaveLength(4);
    // The notes on skipped checks are printed, not counted as problems.
    expect(text).toContain('版 r5: 4 ファイルに 4 件の問題があります');
  });

  it('says at each broken file which cross-file checks it kept from running', async () => {
    const { text } = await validate(await broken());
    const notes = text.split('\n').filter((l) => l.includes('[CHECKS_SKIPPED]'));
    expect(notes.map((l) => l.split(' ')[0])).toEqual(['data/r5/contact.yaml:1:1', 'data/r5/roster.yaml:1:1']);
    // The roster's checks are named in words (its call, its date), not by rule id.
    expect(notes[1]).toContain('名簿の call が公募を指す');
  });

  it('reports a deleted required file with the other files’ errors, not alone first', async () => {
    const p = await broken();
    const { rm } = await import('node:fs/promises');
    await rm(`${p.root}/data/r5/sites.yaml`);
    const { exit, text } = await validate(p);
    expect(exit).toBe(EXIT.DATA_INVALID);
    for (const code of ['MISSING_FILE', 'YAML_MISSING_CHAR', 'INVALID_VALUE', 'DANGLING_REF', 'prh']) expect(text).toContain(`[${code}]`);
    expect(text).toMatch(/data\/r5\/sites\.yaml:1:1 .*\[CHECKS_SKIPPED\]/u);
  });
});
