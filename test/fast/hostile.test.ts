/**
 * Hostile text and values that used to end as internal errors or as markup (issue 16, items
 * 4, 8, 12); the located data cases are in the bad-input corpus (fixtures/bad/cases.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildDate, MAX_SOURCE_DATE_EPOCH } from '../../src/app/build.ts';
import { run } from '../../src/cli/run.ts';
import { EXIT, KyosoError, fail, msg, type DataIssue } from '../../src/shared/errors.ts';
import { formatError, MAX_SHOWN_ISSUES } from '../../src/shared/report.ts';
import { terminalSafe } from '../../src/shared/unicode.ts';
import { measure } from '../../src/stages/load/source.ts';
import { renderMarkdown } from '../../src/stages/render/markdown.ts';
import { PLACEHOLDER } from '../../src/schema/guideline.ts';
import { Tree } from '../fixtures/bad/tree.ts';

async function cli(argv: string[], root: string, env: Record<string, string> = {}): Promise<{ exit: number; text: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const lines: string[] = [];
  try {
    const exit = await run(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root });
    return { exit, text: lines.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('the placeholder mark (item 4)', () => {
  it('marks the placeholder in text, and never inside a link title or an image alt', async () => {
    const md = [
      `本文の${PLACEHOLDER}です。`,
      '',
      `[公募ページ](https://www.jst.go.jp/pf/platform "${PLACEHOLDER}")`,
      '',
      `![${PLACEHOLDER}](data:image/png;base64,iVBORw0KGgo=)`,
      '',
      `\`${PLACEHOLDER}\``,
    ].join('\n');
    const html = (await renderMarkdown(md)).toString();
    // Exactly one mark: the one in running text. Attributes hold the plain words.
    expect(html.match(/<span class="tbd">/g)).toHaveLength(1);
    // Phrase breaks (<wbr>) may sit between the words and the mark.
    expect(html.replaceAll('<wbr>', '')).toContain(`本文の<span class="tbd">${PLACEHOLDER}</span>です。`);
    expect(html).toContain(`title="${PLACEHOLDER}"`);
    expect(html).toContain(`alt="${PLACEHOLDER}"`);
    expect(html).toContain(`<code>${PLACEHOLDER}</code>`);
    // No tag starts inside an attribute value (what printed a stray "> in the PDF).
    for (const attr of html.matchAll(/="([^"]*)"/g)) expect(attr[1]).not.toMatch(/[<>]/);
  });
});

describe('user errors that used to be internal ones (item 8)', () => {
  it.each(['99999999999999999999', String(MAX_SOURCE_DATE_EPOCH + 1), '1e9', '-5', '１６００'])('SOURCE_DATE_EPOCH=%s is a usage error with its range', (raw) => {
    const err = (() => {
      try {
        buildDate({ SOURCE_DATE_EPOCH: raw });
      } catch (e) {
        return e as KyosoError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('USAGE');
    expect(err?.detail.en).toContain(String(MAX_SOURCE_DATE_EPOCH));
  });

  it('SOURCE_DATE_EPOCH at the very end of 9999 is still a date', () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: String(MAX_SOURCE_DATE_EPOCH) }).toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });

  it('an absurd SOURCE_DATE_EPOCH through the CLI: exit 2, no stack', async () => {
    const tree = await Tree.create();
    try {
      const { exit, text } = await cli(['build', '--formats', 'md'], tree.root, { SOURCE_DATE_EPOCH: '99999999999999999999' });
      expect(exit, text).toBe(EXIT.USAGE);
      expect(text).toContain('[USAGE]');
      expect(text).not.toMatch(/\n\s+at /);
    } finally {
      await tree.dispose();
    }
  });

  it.each(['HEAD:../r3', 'HEAD:r3/../../etc', 'HEAD:r3/calls', 'HEAD:/r3'])('diff with a path as the edition (%s) is refused as a usage error', async (spec) => {
    const tree = await Tree.create();
    try {
      const { exit, text } = await cli(['diff', spec, 'r3'], tree.root);
      expect(exit, text).toBe(EXIT.USAGE);
      expect(text).toContain('[USAGE]');
      expect(text).toContain('パス');
      expect(text).not.toMatch(/\n\s+at /);
    } finally {
      await tree.dispose();
    }
  });
});

describe('limits and characters whatever form the input takes (item 12)', () => {
  it('measures data with aliases expanded, each shared value once', () => {
    const shared = { a: ['x', 'y'], b: 'zz' };
    const m = measure({ one: shared, two: shared, three: [shared, shared] });
    // shared: its map, keys a and b, the list and its two items, 'zz' = 7 values; it appears four times.
    // The root: itself, three keys, and the list under `three`.
    expect(m.nodes).toBe(1 + 3 + 1 + 4 * 7);
    expect(m.depth).toBe(4);
    expect(m.bytes).toBe('onetwothree'.length + 4 * 'abxyzz'.length);
  });

  it('caps the issues printed, and counts the rest', () => {
    const issue = (i: number): DataIssue => ({ code: 'UNKNOWN_KEY', file: 'data/r3/x.yaml', line: i + 1, col: 1, path: `k${i}`, message: msg('不明', 'unknown') });
    const err = fail('dataInvalid', { edition: 'r3', problems: 250, files: 1 }, { issues: Array.from({ length: 250 }, (_, i) => issue(i)) });
    const text = formatError(err, { lang: 'en' });
    expect(text.match(/\[UNKNOWN_KEY\]/g)).toHaveLength(MAX_SHOWN_ISSUES);
    expect(text).toContain(`and 50 more problems (the first ${MAX_SHOWN_ISSUES} are shown)`);
  });

  it('shows control characters by code point on the terminal, and only those', () => {
    expect(terminalSafe('a\u001b[2Jb\u202ec\n長')).toBe('a<U+001B>[2Jb<U+202E>c\n長');
    expect(terminalSafe(terminalSafe('x\u0007'))).toBe('x<U+0007>');
    expect(terminalSafe('普通の文')).toBe('普通の文');
  });

  it('an escape sequence in a value reaches the terminal as text, not as a command', async () => {
    const tree = await Tree.create();
    try {
      await tree.replace('contact.yaml', 'section: 企画課', 'section: "企画\\e[2J課"');
      const { exit, text } = await cli(['validate'], tree.root);
      expect(exit).toBe(EXIT.DATA_INVALID);
      expect(text).toContain('[CONTROL_CHAR]');
      expect(formatError(new KyosoError('DATA_INVALID', msg('\u001b[2J', '\u001b[2J')))).not.toContain('\u001b');
      // The in-process io gets what formatError made: the frame shows the source (escaped as written), the message the code point.
      expect(text).toContain('U+001B');
      expect(text).not.toContain('\u001b');
    } finally {
      await tree.dispose();
    }
  });
});
