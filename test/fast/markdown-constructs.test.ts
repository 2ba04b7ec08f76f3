/**
 * Guideline prose: every CommonMark / GFM construct is either printed or a located error
 * (issue 32, class 5). Each kind is fed to the prose schema; what it accepts is rendered with the
 * documents' Markdown renderer, and every word of the sample must be in the rendered text — a
 * construct that vanishes (a definition, a setext underline turned heading) or leaks its syntax
 * fails here.
 */
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../src/schema/guideline.ts';
import { renderMarkdown } from '../../src/stages/render/markdown.ts';

/** Samples with the words that must be printed (upper-case markers), or `refused` with the line of the error. */
const PRINTED: Record<string, { md: string; words: string[]; html?: RegExp }> = {
  paragraph: { md: 'ALPHA BRAVO', words: ['ALPHA', 'BRAVO'] },
  'ATX heading ###': { md: '### ALPHA\n\nBRAVO', words: ['ALPHA', 'BRAVO'], html: /<h3/ },
  'ATX heading ####': { md: '#### ALPHA', words: ['ALPHA'], html: /<h4/ },
  emphasis: { md: 'ALPHA *BRAVO* _CHARLIE_', words: ['ALPHA', 'BRAVO', 'CHARLIE'], html: /<em>/ },
  strong: { md: '**ALPHA** __BRAVO__', words: ['ALPHA', 'BRAVO'], html: /<strong>/ },
  'code span': { md: 'ALPHA `BRAVO`', words: ['ALPHA', 'BRAVO'], html: /<code>/ },
  'fenced code': { md: '```\nALPHA\n```', words: ['ALPHA'], html: /<pre>/ },
  'indented code': { md: 'ALPHA\n\n    BRAVO', words: ['ALPHA', 'BRAVO'], html: /<pre>/ },
  blockquote: { md: '> ALPHA', words: ['ALPHA'], html: /<blockquote>/ },
  'bullet list': { md: '- ALPHA\n- BRAVO', words: ['ALPHA', 'BRAVO'], html: /<ul>/ },
  'ordered list': { md: '1. ALPHA\n2. BRAVO', words: ['ALPHA', 'BRAVO'], html: /<ol>/ },
  'thematic break after a blank line': { md: 'ALPHA\n\n---\n\nBRAVO', words: ['ALPHA', 'BRAVO'], html: /<hr/ },
  'thematic break ***': { md: 'ALPHA\n***\nBRAVO', words: ['ALPHA', 'BRAVO'], html: /<hr/ },
  'inline link': { md: '[ALPHA](https://example.jp/)', words: ['ALPHA'], html: /<a / },
  'bare URL': { md: 'ALPHA https://example.jp/', words: ['ALPHA', 'example.jp'] },
  'hard line break (backslash)': { md: 'ALPHA\\\nBRAVO', words: ['ALPHA', 'BRAVO'], html: /<br/ },
  'hard line break (two spaces)': { md: 'ALPHA  \nBRAVO', words: ['ALPHA', 'BRAVO'], html: /<br/ },
  'soft line break': { md: 'ALPHA\nBRAVO', words: ['ALPHA', 'BRAVO'] },
  'backslash escape': { md: '\\*ALPHA\\*', words: ['*ALPHA*'] },
  entity: { md: 'ALPHA &amp; BRAVO', words: ['ALPHA & BRAVO'] },
  'GFM table': { md: '| ALPHA | BRAVO |\n| --- | --- |\n| CHARLIE | DELTA |', words: ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA'], html: /<table>/ },
  'GFM strikethrough': { md: '~~ALPHA~~ BRAVO', words: ['ALPHA', 'BRAVO'], html: /<s>/ },
  'GFM task list item (printed as its text)': { md: '- [ ] ALPHA', words: ['ALPHA'] },
};

const REFUSED: Record<string, { md: string; line: number }> = {
  'setext heading (=)': { md: 'ALPHA\n=====', line: 2 },
  'setext heading (-)': { md: 'ALPHA\n---', line: 2 },
  'ATX heading #': { md: '# ALPHA', line: 1 },
  'ATX heading ##': { md: '## ALPHA', line: 1 },
  'heading without a space': { md: '###ALPHA', line: 1 },
  'reference definition': { md: 'ALPHA\n\n[site]: https://example.jp/', line: 3 },
  'reference link': { md: 'see [ALPHA][site]', line: 1 },
  'collapsed reference link': { md: 'see [ALPHA][]', line: 1 },
  'footnote reference': { md: 'ALPHA[^1]', line: 1 },
  'footnote definition': { md: 'ALPHA\n\n[^1]: BRAVO', line: 3 },
  'link with no text': { md: 'ALPHA [](https://example.jp/)', line: 1 },
  'HTML block': { md: '<div>ALPHA</div>', line: 1 },
  'inline HTML': { md: 'ALPHA <b>BRAVO</b>', line: 1 },
  'HTML comment': { md: 'ALPHA <!-- BRAVO -->', line: 1 },
  autolink: { md: 'ALPHA <https://example.jp/>', line: 1 },
  'remote image': { md: '![ALPHA](https://example.jp/a.png)', line: 1 },
};

/** The text a reader sees: tags dropped, entities decoded, whitespace collapsed. */
const visible = (html: string): string =>
  decodeHTML(html.replace(/<[^>]*>/g, ' '))
    .replace(/[\u200b\u2060]/g, '')
    .replace(/\s+/g, ' ');

describe('a construct the documents print: every word of it is on the page', () => {
  it.each(Object.entries(PRINTED))('%s', async (_kind, { md, words, html }) => {
    const parsed = MarkdownSchema.safeParse(md);
    expect(parsed.success, parsed.success ? '' : parsed.error.issues.map((i) => i.message).join('\n')).toBe(true);
    const out = String(await renderMarkdown(md));
    for (const w of words) expect(visible(out), `${w} in ${out}`).toContain(w);
    if (html) expect(out).toMatch(html);
  });
});

describe('a construct that would vanish or leak its syntax: a located error', () => {
  it.each(Object.entries(REFUSED))('%s', (_kind, { md, line }) => {
    const parsed = MarkdownSchema.safeParse(md);
    expect(parsed.success).toBe(false);
    const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    expect(messages.join('\n')).toMatch(new RegExp(`line ${line}\\b`));
  });
});

describe('lists and quotes nested on one line', () => {
  // 20,000 of them kept validate on the CPU for over 9 minutes, deaf to SIGTERM (issue 32, class 7).
  it('refuses a line that opens more than 8 levels, at once, naming its line', () => {
    const parsed = MarkdownSchema.safeParse(`まえがき\n${'- '.repeat(20_000)}x`);
    expect(parsed.success).toBe(false);
    expect(parsed.success ? '' : parsed.error.issues.map((i) => i.message).join('\n')).toMatch(/line 2\b/u);
  });

  it.each(['- - -', '- a\n  - b\n    - c', `${'> '.repeat(8)}引用`, '1. 2. 3. 項目'])('lets %j through', (md) => {
    expect(MarkdownSchema.safeParse(md).success).toBe(true);
  });
});
