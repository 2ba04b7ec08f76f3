/**
 * Docs rot quietly: a renamed file or heading leaves a link that points nowhere, and a renamed
 * npm script leaves a README that tells staff to run something that does not exist. This reads
 * every Markdown file of the project (README, CHANGELOG, docs/) and checks each relative link and
 * anchor, and that the README's command table lists exactly the scripts of package.json.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/shared/paths.ts';

const files = globbySync(['*.md', 'docs/**/*.md'], { cwd: TOOL_ROOT }).sort();

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor: lower case, punctuation and symbols dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const plain = m[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*_]/g, '');
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** Every link target of a file: Markdown links and images, and the src/href of inline HTML. */
function links(markdown: string): string[] {
  const text = prose(markdown);
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]!);
  for (const m of text.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)) out.push(m[1]!);
  return out;
}

const anchorsOf = new Map<string, Set<string>>();
const anchorsIn = (file: string) => anchorsOf.get(file) ?? anchorsOf.set(file, headingAnchors(readFileSync(file, 'utf8'))).get(file)!;

describe('Markdown links', () => {
  it('finds the project’s Markdown files', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/staff-guide.md', 'docs/developer-guide.md']));
  });

  it.each(files)('%s: every relative link and anchor points at something', (rel) => {
    const markdown = readFileSync(path.join(TOOL_ROOT, rel), 'utf8');
    const broken: string[] = [];
    for (const target of links(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: — not checked offline
      const [file = '', anchor] = target.split('#');
      const resolved = file ? path.resolve(path.dirname(path.join(TOOL_ROOT, rel)), decodeURIComponent(file)) : path.join(TOOL_ROOT, rel);
      if (!existsSync(resolved)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor === undefined || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) continue;
      if (!anchorsIn(resolved).has(decodeURIComponent(anchor))) broken.push(`${target}: no such heading or anchor`);
    }
    expect(broken).toEqual([]);
  });
});

describe('paths named in the docs', () => {
  // `src/app/plan.ts`, `test/fixtures/dense`, `stages/convert/browser.ts` (inside src/): a code span naming a
  // project path is a promise that it exists. Patterns (`<kind>`, `*`) are not paths; `data/` is left out
  // because the docs name editions staff have yet to create (`data/r4`).
  const PATH = /^(?:src|test|scripts|templates|schema|docs|\.github|\.ci|app|cli|outputs|stages|shared)\/[^\s<>*{}…]+$/;
  const exists = (p: string) => existsSync(path.join(TOOL_ROOT, p)) || existsSync(path.join(TOOL_ROOT, 'src', p));

  it.each(files)('%s: every project path in a code span exists', (rel) => {
    const markdown = readFileSync(path.join(TOOL_ROOT, rel), 'utf8');
    const named = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.replace(/(?::\d+)+$|[/:]$/, '')).filter((p) => PATH.test(p));
    expect(named.filter((p) => !exists(p))).toEqual([]);
  });
});

describe('README command table', () => {
  const readme = readFileSync(path.join(TOOL_ROOT, 'README.md'), 'utf8');
  const scripts = Object.keys((JSON.parse(readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  // First cells of the table rows: `npm run <name> …` or `npm test`.
  const listed = [...readme.matchAll(/^\| `npm (?:run ([\w:-]+)|(test))\b[^`]*` \|/gm)].map((m) => m[1] ?? m[2]!);

  it('lists every npm script of package.json, once', () => {
    expect([...listed].sort()).toEqual([...scripts].sort());
  });

  it('names only scripts that exist wherever README and docs/ say `npm run …`', () => {
    const unknown = files.flatMap((rel) =>
      [...readFileSync(path.join(TOOL_ROOT, rel), 'utf8').matchAll(/npm run ([\w:-]+)/g)]
        .map((m) => m[1]!)
        .filter((name) => !scripts.includes(name))
        .map((name) => `${rel}: npm run ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});
