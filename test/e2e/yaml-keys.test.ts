/**
 * Keys YAML allows and the data cannot hold (issue 32, class 8), seen as a user sees them: the CLI
 * as a process. A list or mapping as a key used to make the parser print a raw Node warning on
 * stderr ("Keys with collection values will be stringified …") and place the issue on the line
 * above; now stderr holds the located issues and nothing else. (The positions of every key form
 * are checked in test/fast/yaml-keys.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/shared/errors.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const projects: TempProject[] = [];
afterAll(async () => {
  await Promise.all(projects.map((p) => p.dispose()));
});

describe('keys that are not plain words, through the CLI', () => {
  it('a list, a mapping and an alias as keys: located errors, no Node warning on stderr', async () => {
    const p = await tempProject(['r3']);
    projects.push(p);
    await p.edit('r3/contact.yaml', 'closing: ご清聴ありがとうございました', 'closing: ご清聴ありがとうございました\n? [a, b]\n: v\n? {c: 1}\n: w\n*s : x');
    await p.edit('r3/contact.yaml', 'section: 企画課', 'section: &s 企画課');
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(TOOL_ROOT, 'scripts', 'kyoso.ts'), 'validate', '--lang', 'en'], {
      cwd: TOOL_ROOT,
      env: { ...process.env, KYOSO_ROOT: p.root, NODE_OPTIONS: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(EXIT.DATA_INVALID);
    expect(out).toContain('data/r3/contact.yaml:12:1 — A key cannot be a list or a mapping');
    expect(out).toContain('data/r3/contact.yaml:14:1 — A key cannot be a list or a mapping');
    expect(out).toContain('data/r3/contact.yaml:16:1 — A key is written as an alias');
    expect(r.stderr).not.toMatch(/Warning|stringified|mapAsMap|--trace-warnings/);
    expect(out, 'no stack').not.toMatch(/\n\s+at /);
  });
});
