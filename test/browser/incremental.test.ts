/**
 * Incremental builds, atomic writes and the build lock, through build() on a
 * temporary project. The steps share one project and run in order: each starts
 * from the outputs the previous one left, the way successive `npm run build`s do.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/app/build.ts';
import { BrowserSession } from '../../src/stages/convert/browser.ts';
import { isKyosoError, KyosoError, msg } from '../../src/shared/errors.ts';
import { MANIFEST_FILE, type Manifest } from '../../src/app/plan.ts';
import { acquireLock, LOCK_FILE } from '../../src/stages/publish/lock.ts';
import { TEMP_MARK } from '../../src/stages/publish/index.ts';
import { projectPaths, TOOL_ROOT } from '../../src/shared/paths.ts';
import { pdfText, tempProject, type TempProject } from '../helpers/project.ts';

const DATE = new Date('2021-01-15T00:00:00Z');
const ALL_UNITS = ['r3/guidelines/chiiki', 'r3/guidelines/kyoso', 'r3/slides/md', 'r3/slides/pdf'];
const SLIDES_PDF = 'r3/slides/r3-slides.pdf';
const SLIDES_MD = 'r3/slides/r3-slides.md';
const KYOSO_PDF = 'r3/guidelines/kyoso.pdf';
const CHIIKI_PDF = 'r3/guidelines/chiiki.pdf';
/** The Markdown's Marp project files, written with it. */
const MARP_PROJECT = ['r3/slides/.marprc.yml', 'r3/slides/.vscode/settings.json', 'r3/slides/kyoso.css'];

interface FileState {
  sha: string;
  mtimeMs: number;
}

/** Every file under output/ (dotfiles included: the manifest, a forgotten lock or temp file) → bytes digest and mtime. */
async function snapshot(outDir: string): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(outDir, abs).split(path.sep).join('/');
    out.set(rel, {
      sha: createHash('sha256')
        .update(await readFile(abs))
        .digest('hex'),
      mtimeMs: (await stat(abs)).mtimeMs,
    });
  }
  return out;
}

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A browser that fails on its first page, standing in for a crash mid-build. */
class CrashingSession extends BrowserSession {
  override async withPage<T>(): Promise<T> {
    throw new KyosoError('BROWSER_FAILED', msg('テスト用の故障', 'simulated crash'));
  }
}

describe('incremental build', () => {
  let project: TempProject;
  let session: BrowserSession;
  let outDir: string;
  let first: BuildResult;
  let log: string[];
  const run = (extra: Partial<BuildOptions> = {}): Promise<BuildResult> => {
    log = [];
    return build({ paths: project.paths, editions: ['r3'], formats: ['pdf', 'md', 'guideline'], session, date: DATE, log: (l) => log.push(l), ...extra });
  };
  const manifest = async (): Promise<Manifest> => JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;

  beforeAll(async () => {
    project = await tempProject();
    session = new BrowserSession();
    outDir = project.paths.outDir;
    first = await run();
  });
  afterAll(async () => {
    await session.close();
    await project.dispose();
  });

  it('first build writes every output and records each file in the manifest', async () => {
    expect([...first.rebuilt].sort()).toEqual(ALL_UNITS);
    expect(first.upToDate).toEqual([]);
    expect([...first.written].sort()).toEqual([CHIIKI_PDF, KYOSO_PDF, ...MARP_PROJECT, SLIDES_MD, SLIDES_PDF]);
    const m = await manifest();
    const files = await snapshot(outDir);
    expect(Object.keys(m.units).sort()).toEqual(ALL_UNITS);
    expect(m.units['r3/slides/pdf']?.files[SLIDES_PDF]).toBe(files.get(SLIDES_PDF)?.sha);
    expect(m.units['r3/guidelines/kyoso']?.files).toEqual({ [KYOSO_PDF]: files.get(KYOSO_PDF)?.sha });
    // The inputs say what each unit reads: the guideline of chiiki never reads the roster of kyoso.
    expect(Object.keys(m.units['r3/guidelines/kyoso']?.inputs ?? {})).toContain('data/r3/roster.yaml');
    expect(Object.keys(m.units['r3/guidelines/chiiki']?.inputs ?? {})).not.toContain('data/r3/roster.yaml');
    expect(Object.keys(m.units['r3/slides/pdf']?.inputs ?? {})).not.toContain('data/r3/guidelines/kyoso.yaml');
    expect([...files.keys()]).not.toContain(LOCK_FILE);
  });

  it('a build with nothing changed launches no browser and touches no file', async () => {
    const before = await snapshot(outDir);
    // A session of its own, so its counter can only come from this build.
    const own = new BrowserSession();
    const result = await run({ session: own });
    expect(result.launches).toBe(0);
    expect(own.launches).toBe(0);
    expect(result.rebuilt).toEqual([]);
    expect([...result.upToDate].sort()).toEqual(ALL_UNITS);
    expect(result.written).toEqual([]);
    expect(log.join('\n')).toContain('変更はありません（4 個の出力は最新です）');
    expect(result.fromPlanCache, 'ended on the plan the first build kept').toBe(true);
    expect(await snapshot(outDir)).toEqual(before);
    await own.close();
  });

  it('a no-op build prints the data warnings again, from the kept plan', async () => {
    // A directive that silences nothing is a warning of the text checks (never fatal).
    const allow = '# textlint-allow: sentence-length — 試験用\n';
    await project.edit('r3/guidelines/chiiki.yaml', /^title: /m, `${allow}title: `);
    const changed = await run();
    expect(changed.fromPlanCache).toBeUndefined();
    expect(changed.rebuilt).toEqual(['r3/guidelines/chiiki']);
    const warning = changed.warnings.find((w) => w.includes('textlint-allow'));
    expect(warning, changed.warnings.join('\n')).toBeDefined();

    const noop = await run();
    expect(noop.fromPlanCache).toBe(true);
    expect(noop.rebuilt).toEqual([]);
    expect(noop.warnings).toContain(warning);
    expect(log).toContain(warning);

    await project.edit('r3/guidelines/chiiki.yaml', allow, '');
    const back = await run();
    expect(back.rebuilt).toEqual(['r3/guidelines/chiiki']);
    expect(back.warnings.some((w) => w.includes('textlint-allow'))).toBe(false);
  });

  it('a kept plan that does not parse is ignored: the full path decides, and keeps it anew', async () => {
    const file = path.join(outDir, '.cache', 'plan.json');
    await writeFile(file, '{"version": 1, "key": "');
    const result = await run();
    expect(result.fromPlanCache).toBeUndefined();
    expect(result.rebuilt).toEqual([]);
    expect([...result.upToDate].sort()).toEqual(ALL_UNITS);
    expect((await run()).fromPlanCache).toBe(true);
  });

  it('a changed roster value rebuilds exactly the outputs that read the roster', async () => {
    // Leftovers of a run that crashed mid-publish (its pid is gone) are swept; a live writer's are not.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const leftover = path.join(outDir, 'r3', 'slides', `${TEMP_MARK}${dead}-0000-r3-slides.pdf`);
    const live = path.join(outDir, 'r3', 'slides', `${TEMP_MARK}${process.ppid}-0000-r3-slides.pdf`);
    await writeFile(leftover, 'partial');
    await writeFile(live, 'in progress');

    const before = await snapshot(outDir);
    await project.edit('r3/roster.yaml', 'position: 名誉理事', 'position: 名誉顧問');
    const result = await run();
    const after = await snapshot(outDir);

    expect([...result.rebuilt].sort()).toEqual(['r3/guidelines/kyoso', 'r3/slides/md', 'r3/slides/pdf']);
    expect(result.upToDate).toEqual(['r3/guidelines/chiiki']);
    expect(log.join('\n')).toContain('data/r3/roster.yaml');
    // Untouched: same bytes and the same mtime (not rewritten with equal bytes).
    expect(after.get(CHIIKI_PDF)).toEqual(before.get(CHIIKI_PDF));
    // Rebuilt: the new value is in them.
    for (const rel of [SLIDES_PDF, SLIDES_MD, KYOSO_PDF]) expect(after.get(rel)?.sha).not.toBe(before.get(rel)?.sha);
    expect(await readFile(path.join(outDir, SLIDES_MD), 'utf8')).toContain('名誉顧問');
    expect(pdfText(path.join(outDir, KYOSO_PDF))).toContain('名誉顧問');
    const m = await manifest();
    expect(m.units['r3/guidelines/kyoso']?.files[KYOSO_PDF]).toBe(after.get(KYOSO_PDF)?.sha);

    expect(after.has(path.relative(outDir, leftover))).toBe(false);
    expect(after.has(path.relative(outDir, live))).toBe(true);
    await rm(live);
  });

  it('a deleted output rebuilds only its own unit', async () => {
    const before = await snapshot(outDir);
    await rm(path.join(outDir, CHIIKI_PDF));
    const result = await run();
    const after = await snapshot(outDir);
    expect(result.rebuilt).toEqual(['r3/guidelines/chiiki']);
    expect(log.join('\n')).toContain(`${CHIIKI_PDF} がありません`);
    expect(after.get(CHIIKI_PDF)?.sha).toMatch(/^[0-9a-f]{64}$/);
    for (const rel of [SLIDES_PDF, SLIDES_MD, KYOSO_PDF]) expect(after.get(rel)).toEqual(before.get(rel));
  });

  it('a hand-edited output is rebuilt too', async () => {
    const file = path.join(outDir, SLIDES_MD);
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\n手で書き足した行\n`);
    const result = await run();
    // Only the edited format: the deck's other outputs are still what their inputs make.
    expect(result.rebuilt).toEqual(['r3/slides/md']);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('a call whose guideline prose is removed loses its PDF, without a browser', async () => {
    const prose = path.join(project.root, 'data', 'r3', 'guidelines', 'chiiki.yaml');
    const text = await readFile(prose, 'utf8');
    await rm(prose);
    const result = await run({ session: new BrowserSession() });
    expect(result.launches).toBe(0);
    expect(result.removed).toEqual([CHIIKI_PDF]);
    expect(log.join('\n')).toContain(`${CHIIKI_PDF} を削除します`);
    expect((await snapshot(outDir)).has(CHIIKI_PDF)).toBe(false);
    expect(Object.keys((await manifest()).units).sort()).toEqual(['r3/guidelines/kyoso', 'r3/slides/md', 'r3/slides/pdf']);

    await writeFile(prose, text);
    expect((await run()).rebuilt).toEqual(['r3/guidelines/chiiki']);
  });

  it('--force rebuilds every output', async () => {
    const result = await run({ force: true });
    expect([...result.rebuilt].sort()).toEqual(ALL_UNITS);
    expect(result.upToDate).toEqual([]);
    expect([...result.written].sort()).toEqual([CHIIKI_PDF, KYOSO_PDF, ...MARP_PROJECT, SLIDES_MD, SLIDES_PDF]);
  });

  describe('a failed build leaves every output and the manifest byte-identical', () => {
    it('bad data', async () => {
      const before = await snapshot(outDir);
      await project.edit('r3/roster.yaml', 'position: 名誉顧問', 'position: [閉じていない');
      const err = await rejection(run());
      expect(isKyosoError(err) && err.code).toBe('DATA_INVALID');
      expect(await snapshot(outDir)).toEqual(before);
      await project.edit('r3/roster.yaml', 'position: [閉じていない', 'position: 名誉顧問');
    });

    it('a broken template', async () => {
      const templatesDir = await mkdtemp(path.join(tmpdir(), 'kyoso-templates-'));
      try {
        await cp(path.join(TOOL_ROOT, 'templates'), templatesDir, { recursive: true });
        const deck = path.join(templatesDir, 'slides', 'deck.hbs');
        await writeFile(deck, `${await readFile(deck, 'utf8')}\n{{noSuchFieldInTheView}}\n`);
        const before = await snapshot(outDir);
        const err = await rejection(run({ paths: projectPaths({ root: project.root, templatesDir }) }));
        expect(isKyosoError(err) && err.code).toBe('TEMPLATE');
        expect(await snapshot(outDir)).toEqual(before);
      } finally {
        await rm(templatesDir, { recursive: true, force: true });
      }
    });

    it('a browser crash after the data changed', async () => {
      const before = await snapshot(outDir);
      await project.edit('r3/roster.yaml', 'position: 名誉顧問', 'position: 顧問');
      const err = await rejection(run({ session: new CrashingSession() }));
      expect(isKyosoError(err) && err.code).toBe('BROWSER_FAILED');
      expect(await snapshot(outDir)).toEqual(before);
      await project.edit('r3/roster.yaml', 'position: 顧問', 'position: 名誉顧問');
      // The data is back as it was: nothing to do.
      expect((await run()).rebuilt).toEqual([]);
    });
  });

  describe('lock', () => {
    const lockFile = (): string => path.join(outDir, LOCK_FILE);

    it('a second build while one holds the folder fails at once naming the holder', async () => {
      const held = JSON.stringify({ pid: process.pid, host: hostname(), started: '2021-01-15T09:00:00.000Z', token: 'other' });
      await writeFile(lockFile(), held);
      try {
        const before = await snapshot(outDir);
        const err = await rejection(run({ session: new CrashingSession() }));
        expect(isKyosoError(err) && err.code).toBe('LOCKED');
        expect(isKyosoError(err) && err.detail.ja).toContain(`pid ${process.pid}`);
        expect(isKyosoError(err) && err.hint?.ja).toContain(LOCK_FILE);
        // The holder's lock stays; nothing else moved.
        expect(await readFile(lockFile(), 'utf8')).toBe(held);
        expect(await snapshot(outDir)).toEqual(before);
      } finally {
        await rm(lockFile(), { force: true });
      }
    });

    it('a lock left by a process that is gone is taken over with a warning, and released', async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      await writeFile(lockFile(), JSON.stringify({ pid: dead, host: hostname(), started: '2021-01-15T09:00:00.000Z', token: 'crashed' }));
      const result = await run();
      expect(result.rebuilt).toEqual([]);
      expect(result.warnings.join('\n')).toContain(`pid ${dead}`);
      expect((await snapshot(outDir)).has(LOCK_FILE)).toBe(false);
    });

    it('excludes a second holder until the first releases', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'kyoso-lock-'));
      try {
        const a = await acquireLock(dir);
        const err = await rejection(acquireLock(dir));
        expect(isKyosoError(err) && err.code).toBe('LOCKED');
        await a.release();
        const b = await acquireLock(dir);
        await b.release();
        await expect(readdir(dir)).resolves.toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
