/**
 * JSON Schema for editors, generated from the zod schemas (which stay the
 * single source of truth). VS Code's YAML extension reads them through the
 * `# yaml-language-server: $schema=…` modeline at the top of each data file and
 * through .vscode/settings.json, giving completion, hover docs and checks.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fileKinds } from './index.ts';

export const SCHEMA_DIR = 'schema';

/** `{ file name → JSON text }` for every file kind. Pure, so a test can compare it to what is committed. */
export function jsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of fileKinds) {
    const json = z.toJSONSchema(kind.schema, { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
    const doc = {
      $schema: json.$schema,
      $id: `kyoso-docs/${kind.kind}.schema.json`,
      title: `${kind.description.ja} (${kind.glob})`,
      ...Object.fromEntries(Object.entries(json).filter(([k]) => k !== '$schema')),
    };
    out.set(`${kind.kind}.schema.json`, `${JSON.stringify(doc, null, 2)}\n`);
  }
  return out;
}

export const EDITOR_SETTINGS = path.join('.vscode', 'settings.json');

/**
 * `.vscode/settings.json` with its `yaml.schemas` map made from the file kinds (each kind's schema
 * for its glob in every edition folder); the file's other settings are kept as they are.
 */
export function editorSettings(existing: string | undefined): string {
  const settings = existing ? (JSON.parse(existing) as Record<string, unknown>) : {};
  const schemas = Object.fromEntries(fileKinds.map((k) => [`./${SCHEMA_DIR}/${k.kind}.schema.json`, `data/*/${k.glob}`]));
  return `${JSON.stringify({ ...settings, 'yaml.schemas': schemas }, null, 2)}\n`;
}

export async function writeJsonSchemas(root: string): Promise<string[]> {
  const settingsFile = path.join(root, EDITOR_SETTINGS);
  const settings = await readFile(settingsFile, 'utf8').catch(() => undefined);
  const nextSettings = editorSettings(settings);
  if (nextSettings !== settings) {
    await mkdir(path.dirname(settingsFile), { recursive: true });
    await writeFile(settingsFile, nextSettings);
  }
  const dir = path.join(root, SCHEMA_DIR);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of jsonSchemas()) {
    const target = path.join(dir, name);
    const existing = await readFile(target, 'utf8').catch(() => undefined);
    if (existing === text) continue;
    const tmp = `${target}.tmp-${process.pid}`;
    await writeFile(tmp, text);
    await rename(tmp, target);
    written.push(name);
  }
  return [...jsonSchemas().keys()];
}
