/** The editor's schema map is made from the file kinds, so no kind lacks completion in VS Code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITOR_SETTINGS, editorSettings } from '../../src/schema/jsonschema.ts';
import { fileKinds } from '../../src/schema/index.ts';

describe('.vscode/settings.json', () => {
  const file = path.join(import.meta.dirname, '..', '..', EDITOR_SETTINGS);
  const text = readFileSync(file, 'utf8');

  it('is what npm run schema writes (run it when this fails)', () => {
    expect(text).toBe(editorSettings(text));
  });

  it('maps every file kind to its schema', () => {
    const map = (JSON.parse(text) as { 'yaml.schemas': Record<string, string> })['yaml.schemas'];
    for (const k of fileKinds) expect(map[`./schema/${k.kind}.schema.json`], k.kind).toBe(`data/*/${k.glob}`);
  });
});
