/**
 * The CLI's bundle (scripts/bundle.js): a package that finds its own files next to its modules
 * is refused by name (bundled, it would look beside dist/bundle/), the packages kept out stay
 * imports from node_modules, and the wrapper runs the bundle when it is as new as the compile.
 * No browser.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/shared/paths.ts';
import { tempProject } from '../helpers/project.ts';

// scripts/ is plain JavaScript run by node (imported by URL: it has no types); bundle() is typed here by what the test uses.
const { bundle } = (await import(pathToFileURL(path.join(TOOL_ROOT, 'scripts', 'bundle.js')).href)) as {
  bundle(opts: { root: string; entry: string; outdir: string }): Promise<void>;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kyoso-bundle-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A project with one entry module and the given packages (name → index.js text). */
async function project(entry: string, packages: Record<string, string>): Promise<{ root: string; entry: string; outdir: string }> {
  const root = await mkdtemp(path.join(dir, 'p-'));
  for (const [name, text] of Object.entries(packages)) {
    const pkg = path.join(root, 'node_modules', name);
    await mkdir(pkg, { recursive: true });
    await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js' }));
    await writeFile(path.join(pkg, 'index.js'), text);
  }
  await writeFile(path.join(root, 'entry.js'), entry);
  return { root, entry: path.join(root, 'entry.js'), outdir: path.join(root, 'out') };
}

describe('the CLI bundle', () => {
  it('refuses a package that locates its own files, naming its module', async () => {
    const p = await project("import { where } from 'selfloc';\nconsole.log(where());\n", {
      selfloc: "exports.where = () => require('path').join(__dirname, 'data');\n",
    });
    await expect(bundle(p)).rejects.toThrow(/locate their own files.*node_modules\/selfloc\/index\.js/);
    // Nothing half-made is left for the wrapper to run.
    await expect(stat(path.join(p.outdir, 'entry.js'))).rejects.toThrow();
  });

  it('bundles a package that only asks whether __dirname exists, and keeps the external ones as imports', async () => {
    const p = await project("import { kind } from 'probe';\nimport chromium from '@sparticuz/chromium';\nconsole.log(kind(), typeof chromium);\n", {
      probe: "exports.kind = () => (typeof __dirname === 'undefined' ? 'esm' : 'cjs');\n",
      // Locates its own files, but is external: imported from node_modules at run time.
      '@sparticuz/chromium': "module.exports = { bin: require('path').join(__dirname, 'bin') };\n",
    });
    await bundle(p);
    const out = await readFile(path.join(p.outdir, 'entry.js'), 'utf8');
    expect(out).toMatch(/from ["']@sparticuz\/chromium["']/);
    expect(out).not.toContain("join(__dirname, 'bin')");
    const r = spawnSync(process.execPath, [path.join(p.outdir, 'entry.js')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('esm object');
  });

  it('loads lazily as the compiled files do: --help no text checks, validate the textlint kernel but not kuromoji, lint-text both', async () => {
    const project = await tempProject(['r3']);
    try {
      /** Which of a few packages the chunks of dist/bundle/ a run loaded hold (each module is marked `// node_modules/<pkg>/…`). */
      const loadedBy = async (args: string[]): Promise<string[]> => {
        const log = path.join(project.root, `loaded-${args[0]}.txt`);
        const hooks = `data:text/javascript,${encodeURIComponent("import{appendFileSync}from'node:fs';export async function load(url,context,next){if(url.includes('/dist/bundle/'))appendFileSync(process.env.KYOSO_TEST_LOG,url+'\\n');return next(url,context)}")}`;
        const register = `data:text/javascript,${encodeURIComponent(`import{register}from'node:module';register(${JSON.stringify(hooks)});`)}`;
        const r = spawnSync(process.execPath, ['--import', register, path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), ...args], {
          encoding: 'utf8',
          env: { ...process.env, KYOSO_ROOT: project.root, KYOSO_TEST_LOG: log },
        });
        expect(r.stderr).not.toMatch(/Error/);
        const chunks = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
        expect(chunks.some((u) => u.endsWith('/dist/bundle/main.js'))).toBe(true);
        const found = new Set<string>();
        for (const url of chunks) {
          const text = await readFile(fileURLToPath(url), 'utf8');
          for (const pkg of ['@textlint/kernel', 'kuromoji', 'marp-core', 'pdf-lib'])
            if (text.includes(`// node_modules/${pkg}/`) || text.includes(`// node_modules/@marp-team/${pkg}/`)) found.add(pkg);
        }
        return [...found].sort();
      };
      expect(await loadedBy(['--help'])).toEqual([]);
      expect(await loadedBy(['validate'])).toEqual(['@textlint/kernel']);
      expect(await loadedBy(['lint-text'])).toEqual(['@textlint/kernel', 'kuromoji']);
    } finally {
      await project.dispose();
    }
  });

  it('is what the kyoso-docs command runs after a compile', async () => {
    const r = spawnSync(process.execPath, [path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), 'schema', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, KYOSO_DEBUG: 'cli' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/kyoso:cli .* code dist\/bundle\/main\.js/);
    const off = spawnSync(process.execPath, [path.join(TOOL_ROOT, 'scripts', 'kyoso-docs.js'), 'schema', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, KYOSO_DEBUG: 'cli', KYOSO_NO_BUNDLE: '1' },
    });
    expect(off.status).toBe(0);
    expect(off.stderr).toMatch(/kyoso:cli .* code dist\/cli\/main\.js/);
  });
});
