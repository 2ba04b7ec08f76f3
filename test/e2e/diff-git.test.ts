/**
 * The 新旧対照表 with a side read from git (`diff HEAD:r3 r3`): git runs as a process. The rest of
 * the report: test/fast/diff.test.ts (rows), test/browser/diff.test.ts (the printed files).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diff, resolveSide } from '../../src/app/diff/index.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { byKind } from '../helpers/diff-fixture.ts';
import { tempProject } from '../helpers/project.ts';

const DATE = new Date('2021-03-01T00:00:00Z');
const session = new BrowserSession();
afterAll(() => session.close());

describe('sides', () => {
  it('reads an edition at a git revision: HEAD:r3 against the edited working tree is one row', async () => {
    const p = await tempProject(['r3']);
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: p.root, stdio: 'pipe' });
      git('init', '-q');
      git('add', 'data');
      git('commit', '-q', '-m', 'r3');
      await p.edit('r3/contact.yaml', 'email: platform@jst.go.jp', 'email: kyoso@jst.go.jp');
      const r = await diff({ paths: p.paths, old: 'HEAD:r3', new: 'r3', session, date: DATE });
      expect(byKind(r.rows)).toEqual([['changed', '電子メールアドレス', 'platform@jst.go.jp', 'kyoso@jst.go.jp']]);
      expect(r.written.map((f) => path.basename(f)).sort()).toEqual(['HEAD-r3__r3.md', 'HEAD-r3__r3.pdf']);
      expect(r.markdown).toContain('- 旧: HEAD:r3（');

      // A branch whose name is longer than a file name may be (issue 32, class 9: it was exit 70).
      const branch = `feature/${'x'.repeat(200)}/${'y'.repeat(200)}`;
      git('branch', branch);
      const long = await diff({ paths: p.paths, old: `${branch}:r3`, new: 'r3', session, date: DATE });
      expect(byKind(long.rows)).toHaveLength(1);
      expect(long.written.map((f) => path.basename(f).length).every((n) => n < 200)).toBe(true);

      await expect(resolveSide(p.paths, 'no-such-tag:r3')).rejects.toMatchObject({ code: 'EDITION_NOT_FOUND' });
      await expect(resolveSide(p.paths, 'HEAD:r9')).rejects.toThrow(/no edition "r9" \(available: r3\)/u);
    } finally {
      await p.dispose();
    }
  });
});
