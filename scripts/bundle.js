#!/usr/bin/env node
// After the TypeScript compile (npm run compile, npm ci's prepare, the wrapper's recompile):
// the compiled CLI and the packages it imports bundled into dist/bundle/ with esbuild, one
// chunk per lazily imported part (`--splitting`), so a command loads what it loaded before,
// from a few dozen files instead of ~950 (Node 20 resolves, reads and links each ES module on
// its own). Measured: `validate` with no kept report 0.88 → 0.76 s, a cold slide PDF
// 4.01 → 3.63 s (medians of 5–6 alternating runs).
//
// The bundle is derived from dist/ and the locked packages alone, so the plan cache's code
// digest (src/app/tool-inputs.ts) leaves it out. Never fails the install: without a bundle,
// scripts/kyoso-docs.js runs dist/cli/main.js, as before.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages that find their own files next to their modules (`import.meta.url`, `__dirname`):
 * bundled, they would look beside dist/bundle/ instead. They are imported from node_modules at
 * run time. `puppeteer-core` is only its entry point (the fallback connect; its internals the
 * session imports by path are bundled), which pulls in the launchers and a proxy agent that do.
 */
const EXTERNAL = new Set(['@sparticuz/chromium', 'puppeteer-core']);

/** A module that locates files relative to itself. */
const SELF_LOCATING = /\b__dirname\b|\b__filename\b|\bimport\.meta\.url\b/;

/** Bundles `entry` (and what it imports) into `outdir`; tests point both at a temporary project. */
export async function bundle({ root = toolRoot, entry = path.join(root, 'dist', 'cli', 'main.js'), outdir = path.join(root, 'dist', 'bundle') } = {}) {
  const { build } = await import('esbuild');
  const offenders = new Set();
  const result = await build({
    entryPoints: [entry],
    // Module markers (`// node_modules/…`) relative to the project, as the check below reads them.
    absWorkingDir: root,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS packages call require(): give each chunk a real one (resolved from dist/bundle,
    // so node_modules above it is found as before).
    banner: { js: "import { createRequire as __kyosoCreateRequire } from 'node:module'; const require = __kyosoCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    plugins: [
      {
        name: 'kyoso-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (EXTERNAL.has(args.path) ? { path: args.path, external: true } : undefined));
        },
      },
    ],
  });
  // A package module that locates its own files fails the bundle (named), instead of failing at
  // run time on a machine where the path it computes does not exist. esbuild drops comments and
  // marks where each module starts (`// node_modules/…`), so the output is what is read.
  for (const file of result.outputFiles) {
    let module = '';
    for (const line of file.text.split('\n')) {
      const start = /^\/\/ (\S+)$/.exec(line);
      if (start) module = start[1];
      else if (module.startsWith('node_modules/') && SELF_LOCATING.test(line.replace(/typeof\s+__(?:dir|file)name/g, ''))) offenders.add(module);
    }
  }
  if (offenders.size > 0)
    throw new Error(`modules that locate their own files would be bundled (add their package to EXTERNAL in scripts/bundle.js): ${[...offenders].join(', ')}`);
  // The chunks' names carry their content's hash: written first, they do not disturb a process
  // running the previous bundle. main.js, which names them, is renamed into place last, so a
  // process starting meanwhile loads one bundle or the other, whole. Then the previous chunks go.
  await mkdir(outdir, { recursive: true });
  const mainFile = path.join(outdir, `${path.basename(entry, path.extname(entry))}.js`);
  const chunks = result.outputFiles.filter((f) => f.path !== mainFile);
  await Promise.all(chunks.map((f) => writeFile(f.path, f.contents)));
  const main = result.outputFiles.find((f) => f.path === mainFile);
  if (!main) throw new Error(`esbuild wrote no ${path.basename(mainFile)}`);
  await writeFile(`${mainFile}.tmp`, main.contents);
  await rename(`${mainFile}.tmp`, mainFile);
  const made = new Set(result.outputFiles.map((f) => path.basename(f.path)));
  for (const name of await readdir(outdir)) if (!made.has(name)) await rm(path.join(outdir, name), { force: true, recursive: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await bundle();
  } catch (err) {
    process.stderr.write(`kyoso-docs: CLI not bundled (${err instanceof Error ? err.message : String(err)}); it runs from dist/cli/ (slower start)\n`);
  }
}
