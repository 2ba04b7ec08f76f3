/**
 * Templates compiled ahead (src/stages/render/precompiled.ts): a spec is used only for the exact
 * template text it was made from, renders as the compiled template does, and keeps the
 * file:line:col of strict-mode errors. No browser.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compileFile } from '../../src/stages/render/handlebars.ts';
import { setPrecompiledSpecs, specKey, writePrecompiled } from '../../src/stages/render/precompiled.ts';
import { TOOL_ROOT } from '../../src/shared/paths.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kyoso-precompiled-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => setPrecompiledSpecs(undefined));

/** The specs `writePrecompiled` makes for the templates under `templates`. */
async function specsOf(templates: Record<string, string>): Promise<Map<string, string>> {
  const tdir = await mkdtemp(path.join(dir, 't-'));
  for (const [name, text] of Object.entries(templates)) await writeFile(path.join(tdir, name), text);
  const file = path.join(tdir, 'out.json');
  await writeFile(file, '');
  const count = await writePrecompiled(tdir, file);
  expect(count).toBe(Object.keys(templates).length);
  const json = JSON.parse(await readFile(file, 'utf8')) as { specs: Record<string, string> };
  return new Map(Object.entries(json.specs));
}

describe('templates compiled ahead', () => {
  it('are used for the exact text they were made from, and an edited template is compiled anew', async () => {
    const specs = await specsOf({ 'a.hbs': 'from the spec: {{name}}', 'b.hbs': 'compiled: {{name}}' });
    // The spec made from a.hbs, filed under b.hbs's text: what renders shows which one ran.
    const aKey = specKey('from the spec: {{name}}');
    setPrecompiledSpecs(new Map([[specKey('compiled: {{name}}'), specs.get(aKey)!]]));
    const file = path.join(dir, 'b.hbs');
    await writeFile(file, 'compiled: {{name}}');
    expect((await compileFile(file))({ name: 'x' })).toBe('from the spec: x');
    // Edited: no spec for the new text.
    await writeFile(file, 'edited: {{name}}');
    expect((await compileFile(file))({ name: 'x' })).toBe('edited: x');
  });

  it('render as compiled templates do, and strict-mode errors keep the template’s line and column', async () => {
    const text = 'line one\n{{#each items}}{{this.label}}, {{/each}}\n  {{missing}}\n';
    const specs = await specsOf({ 'c.hbs': text });
    const file = path.join(dir, 'c.hbs');
    await writeFile(file, text);
    const items = [{ label: '<共創>' }, { label: 'B&C' }];
    setPrecompiledSpecs(undefined);
    const compiled = await compileFile(file);
    const viaCompile = (() => {
      try {
        return compiled({ items, missing: 'ok' });
      } catch (e) {
        return e;
      }
    })();
    // A second file with the same text, so the compile cache of handlebars.ts does not answer.
    const file2 = path.join(dir, 'c2.hbs');
    await writeFile(file2, text);
    setPrecompiledSpecs(specs);
    const fromSpec = await compileFile(file2);
    expect(fromSpec({ items, missing: 'ok' })).toBe(viaCompile);
    const errorOf = (run: (ctx: unknown) => string): string | undefined => {
      try {
        run({ items });
      } catch (e) {
        return (e as { detail?: { en: string } }).detail?.en;
      }
      return undefined;
    };
    const fromSpecError = errorOf(fromSpec);
    // The field is named where it stands: line 3, column 5 (after the two spaces and the braces).
    expect(fromSpecError).toContain(`${file2}:3:5`);
    expect(fromSpecError).toContain('"missing"');
    expect(fromSpecError?.replace(file2, file)).toBe(errorOf(compiled));
  });

  it('cover every template of the repository', async () => {
    const file = path.join(dir, 'repo.json');
    const count = await writePrecompiled(path.join(TOOL_ROOT, 'templates'), file);
    const json = JSON.parse(await readFile(file, 'utf8')) as { specs: Record<string, string> };
    expect(count).toBeGreaterThanOrEqual(10);
    expect(Object.keys(json.specs)).toHaveLength(count);
  });
});
