/**
 * The GitHub workflows, checked here so a broken one fails before it reaches GitHub:
 * schema-valid (action-validator), actions pinned, npm cached, and every `npm run x`
 * they call exists in package.json. The release workflow's sed runs in test/e2e/workflows.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { web } from '../../src/outputs/web/index.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';

const DIR = path.join(TOOL_ROOT, '.github', 'workflows');
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const text = (f: string) => readFileSync(path.join(DIR, f), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; needs?: string; permissions?: Record<string, string>; environment?: { name: string; url: string }; env?: Record<string, string> }>;
}
const workflow = (f: string) => parse(text(f)) as Workflow;
const steps = (f: string) => Object.values(workflow(f).jobs).flatMap((j) => j.steps);

/**
 * Scripts the workflows run. The lead adds the last three to package.json:
 *   "release": "tsx scripts/kyoso.ts release", "diff": "tsx scripts/kyoso.ts diff",
 *   "new-edition": "tsx scripts/kyoso.ts new-edition"
 */
const EXPECTED_SCRIPTS = ['build', 'validate', 'test', 'release', 'diff'];

describe('GitHub workflows', () => {
  it('are the CI and release workflows', () => {
    expect(FILES).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(FILES)('%s passes action-validator', (f) => {
    const state = validateWorkflow(text(f));
    expect(state.errors, JSON.stringify(state.errors, null, 2)).toEqual([]);
  });

  it('action-validator does reject a broken workflow (the lint is live)', () => {
    const broken = text('ci.yml')
      .replace(/runs-on: .*\n/, '')
      .replace('steps:', 'stepz:');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s pins every action to a commit SHA or an exact version', (f) => {
    const uses = steps(f).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@(?:[0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
  });

  it.each(FILES)('%s sets up Node 20 with the npm cache and installs with npm ci', (f) => {
    const setup = steps(f).filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup).toHaveLength(1);
    expect(setup[0]?.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
    const runs = steps(f).map((s) => s.run ?? '');
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    // poppler-utils for the tests that read PDFs back.
    expect(runs.some((r) => /apt-get install[^\n]*poppler-utils/.test(r))).toBe(true);
  });

  it.each(FILES)('%s only calls npm scripts that package.json defines', (f) => {
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const called = steps(f).flatMap((s) => [...(s.run ?? '').matchAll(/\bnpm (?:run(?:-script)? ([\w:-]+)|(test))\b/g)].map((m) => m[1] ?? m[2] ?? ''));
    expect(called.length).toBeGreaterThan(0);
    for (const c of called) {
      expect(EXPECTED_SCRIPTS, `${f} calls npm script "${c}" not listed in EXPECTED_SCRIPTS`).toContain(c);
      expect(scripts, `${f} calls "npm run ${c}" but package.json has no such script`).toContain(c);
    }
  });

  it('CI runs on pull requests and pushes to main, tests, builds and uploads the PDFs', () => {
    const wf = workflow('ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
    expect(wf.on.push).toEqual({ branches: ['main'] });
    expect(wf.permissions).toEqual({ contents: 'read' });
    const runs = steps('ci.yml')
      .map((s) => s.run ?? '')
      .join('\n');
    expect(runs).toMatch(/npm test/);
    expect(runs).toMatch(/npm run build/);
    const upload = steps('ci.yml').find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('output/**/*.pdf');
  });

  it('release runs on v* tags with full history, releases, verifies the sums and publishes the notes', () => {
    const wf = workflow('release.yml');
    expect(wf.on).toEqual({ push: { tags: ['v*'] } });
    expect(wf.permissions).toEqual({ contents: 'write' });
    const checkout = steps('release.yml').find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const runs = steps('release.yml')
      .map((s) => s.run ?? '')
      .join('\n');
    expect(runs).toMatch(/npm run release -- "\$EDITION"/);
    expect(runs).toMatch(/sha256sum -c SHA256SUMS/);
    expect(runs).toMatch(/git describe --tags --abbrev=0/);
    expect(runs).toMatch(/npm run diff -- "\$\{PREV_TAG\}:\$\{EDITION\}" "\$EDITION"/);
    expect(runs).toMatch(/gh release create "\$GITHUB_REF_NAME"[\s\S]*--notes-file "\$NOTES_FILE"/);
  });

  it('release puts the web page zip, unpacked as it is, on GitHub Pages after the release', () => {
    const wf = workflow('release.yml');
    const release = wf.jobs.release!;
    // The zip the release publishes: the name the web page's output gives its archive.
    expect(web.releaseArchive?.('$EDITION')).toBe('$EDITION-web.zip');
    const unpack = release.steps.find((s) => /unzip -q "output\/release\/\$EDITION\/\$EDITION-web\.zip" -d "\$PAGES_DIR"/.test(s.run ?? ''));
    expect(unpack).toBeDefined();
    expect(unpack?.run).toMatch(/test -f "\$PAGES_DIR\/web\/index\.html"/);
    const upload = release.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe(release.env?.PAGES_DIR);
    // Unpacked before it is uploaded.
    expect(release.steps.indexOf(unpack!)).toBeLessThan(release.steps.indexOf(upload!));
    const pages = wf.jobs.pages!;
    expect(pages.needs).toBe('release');
    expect(pages.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(pages.environment?.name).toBe('github-pages');
    expect(pages.environment?.url).toMatch(/web\/$/);
    expect(pages.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});
