/** Options before or after the command: the command is the first positional that is no option's value. */
import { describe, expect, it } from 'vitest';
import { commandArg, run } from '../../src/cli/run.ts';

describe('finding the command among the options', () => {
  it.each([
    [['build', '--only', 'slides'], 'build', ['--only', 'slides']],
    [['--only', 'slides', 'build'], 'build', ['--only', 'slides']],
    [['--only=slides', 'build', 'r3'], 'build', ['--only=slides', 'r3']],
    [['--lang', 'en', '--formats', 'pdf,html', 'build', 'r3'], 'build', ['--lang', 'en', '--formats', 'pdf,html', 'r3']],
    [['--from', 'r3', 'new-edition', 'r4'], 'new-edition', ['--from', 'r3', 'r4']],
    [['--debug', 'validate'], 'validate', ['--debug']],
    [['--help'], undefined, ['--help']],
  ])('%j → %s', (argv, name, rest) => {
    expect(commandArg(argv)).toEqual({ name, rest });
  });

  it('names the unknown command, not an option value, when the command is mistyped', async () => {
    const err: string[] = [];
    const code = await run(['--only', 'slides', 'biuld'], { out: () => {}, err: (l) => err.push(l) });
    expect(code).not.toBe(0);
    expect(err.join('\n')).toContain('biuld');
    expect(err.join('\n')).not.toContain('「slides」');
  });

  it('lists the groups and formats of the registry in the help', async () => {
    const out: string[] = [];
    await run(['--help'], { out: (l) => out.push(l), err: () => {} });
    expect(out.join('\n')).toMatch(/--only slides\|guidelines/);
    expect(out.join('\n')).toMatch(/--formats md,pdf,html,png,pptx,pptx-pictures,guideline/);
  });
});
