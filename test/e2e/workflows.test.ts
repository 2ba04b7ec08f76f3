/**
 * The release workflow's shell, run: its sed must name the 新旧対照表 as `npm run diff` does
 * (src/app/diff), or the notes step fails on a tag. The workflows' structure: test/fast/workflows.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sideFileName } from '../../src/app/diff/index.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';

describe('release.yml', () => {
  it('looks for the 新旧対照表 under the name `npm run diff` gives it', () => {
    const sed = /sed '([^']+)'/.exec(readFileSync(path.join(TOOL_ROOT, '.github', 'workflows', 'release.yml'), 'utf8'))?.[1];
    expect(sed).toBeDefined();
    for (const spec of ['v1.0:r3', 'v2.0.1-rc.1:r3', 'v1/x:r3']) {
      const shell = execFileSync('sed', [sed!], { input: spec, encoding: 'utf8' });
      expect(shell, spec).toBe(sideFileName(spec));
    }
  });
});
