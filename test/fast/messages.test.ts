/**
 * What a user reads: every error comes from the catalogue, in both languages, and the
 * words are the user's, not the program's (no JavaScript type names, no internal tokens).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ERRORS, fail } from '../../src/shared/errors.ts';
import { inputLabel } from '../../src/app/plan.ts';
import { zodToDataIssues } from '../../src/stages/validate/index.ts';
import { parseYamlBytes } from '../../src/stages/load/source.ts';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');
const sources = globbySync('**/*.ts', { cwd: SRC }).map((f) => [f, readFileSync(path.join(SRC, f), 'utf8')] as const);

describe('the error catalogue', () => {
  it('is where every user-facing error is made (no KyosoError built with its own words elsewhere)', () => {
    const outside = sources.filter(([f, text]) => f !== 'shared/errors.ts' && /new KyosoError\(/.test(text)).map(([f]) => f);
    expect(outside).toEqual([]);
  });

  it('has no entry nobody raises', () => {
    const all = sources.map(([, text]) => text).join('\n');
    const unused = Object.keys(ERRORS).filter((id) => !all.includes(`fail('${id}'`));
    expect(unused).toEqual([]);
  });

  it('words every entry in Japanese and English', () => {
    const sample = {
      name: 'x',
      names: ['a'],
      got: '1',
      groups: ['a'],
      unknown: ['b'],
      kinds: ['c'],
      port: 1,
      text: 't',
      dataDir: 'd',
      id: 'r9',
      available: [],
      dir: 'd',
      edition: 'r3',
      problems: 1,
      files: 1,
      spec: 's',
      rev: 'v',
      data: 'd',
      file: 'f',
      at: 'f:1:1',
      field: 'x',
      expected: 1,
      reason: { ja: '理由', en: 'reason' },
      fault: 'crash',
      attempts: 1,
      seconds: 1,
      passes: 3,
      signal: 'SIGINT',
      slides: [],
      boxes: [],
      selector: '.box',
      property: 'padding',
      faults: [],
      code: 'E',
      who: { ja: '誰', en: 'who' },
      lockFile: 'l',
      max: 9,
      stuck: ['output/a'],
      journal: 'output/.kyoso-journal-1.json',
      pid: 1,
      command: 'git ls-tree',
      commit: 'abc',
      inputs: ['data/r3/edition.yaml'],
    };
    for (const id of Object.keys(ERRORS) as Array<keyof typeof ERRORS>) {
      const e = fail(id, sample as never);
      expect(e.detail.ja, id).not.toBe('');
      expect(e.detail.en, id).not.toBe('');
      if (e.hint) expect(/[ぁ-ん]/u.test(e.hint.en), `${id}: English hint in Japanese`).toBe(false);
    }
  });
});

describe('words for staff', () => {
  it('names value kinds as YAML has them, not as JavaScript does', () => {
    const source = parseYamlBytes(new TextEncoder().encode('fiscalYear: [2021]\n'), 'x.yaml').source!;
    const schema = z.strictObject({ fiscalYear: z.number().describe('対象年度。例: 2021') });
    const issue = schema.safeParse(source.data, { reportInput: true }).error!.issues[0]!;
    const [di] = zodToDataIssues(source, schema, issue);
    expect(di!.message.ja).toBe('数値を書くところにリスト（「- 」で始まる行）が書かれています');
    expect(di!.message.ja).not.toMatch(/number|string|array/);
    expect(di!.hint?.en).toBe('For example: 2021');
  });

  it.each([
    ['option:allowOverflow', '--allow-overflow の有無'],
    ['option:date', '文書の日付（SOURCE_DATE_EPOCH）'],
    ['tool:code', 'kyoso-docs のプログラム'],
    ['data/r3/roster.yaml', 'data/r3/roster.yaml'],
  ])('names the input %s as %s in a rebuild reason', (name, ja) => {
    expect(inputLabel(name).ja).toBe(ja);
  });
});
