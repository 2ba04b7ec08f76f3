/**
 * `kyoso-docs release r3` on a temporary project that is its own git repository (one
 * commit with a known date), then the release folder is checked from the outside:
 * `sha256sum -c`, sums and sizes recomputed here, the manifest against git and the data.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { projectPaths, TOOL_VERSION } from '../../src/shared/paths.ts';
import { dataDigest, dirtyInputs, releaseDate, type ReleaseManifest } from '../../src/app/release.ts';
import { isKyosoError } from '../../src/shared/errors.ts';
import { pdfInfo, tempProject, type TempProject } from '../helpers/project.ts';

/** 2021-02-03T04:05:06Z, the commit's date: the release must be dated by it. */
const COMMIT_EPOCH = 1_612_325_106;

function git(root: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['-C', root, '-c', 'user.name=kyoso test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  }).trim();
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('release r3', () => {
  let project: TempProject;
  let dir: string;
  let commit: string;
  let stdout: string[];
  let stderr: string[];
  let code: number;

  beforeAll(async () => {
    project = await tempProject();
    git(project.root, ['init', '-q']);
    git(project.root, ['add', 'data']);
    const date = `@${COMMIT_EPOCH} +0000`;
    git(project.root, ['commit', '-q', '-m', 'data'], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    commit = git(project.root, ['rev-parse', 'HEAD']);
    // A huge file that is not data, left in the edition folder (issue 16): neither read, nor
    // hashed, nor an input — the release goes ahead and says so. Sparse: it takes no disk.
    const junk = await open(path.join(project.paths.dataDir, 'r3', 'notes.bin'), 'w');
    await junk.truncate(3 * 1024 ** 3);
    await junk.close();
    stdout = [];
    stderr = [];
    // A SOURCE_DATE_EPOCH in the environment must not win over the commit date.
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1000000000';
    try {
      code = await run(['release', 'r3'], { out: (l) => stdout.push(l), err: (l) => stderr.push(l) }, { root: project.root });
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    if (code !== 0) throw new Error(`release failed (${code}):\n${stderr.join('\n')}`);
    dir = path.join(project.paths.outDir, 'release', 'r3');
    // A full build (all formats) plus the release copy: room for a loaded CI machine.
  }, 420_000);
  afterAll(() => project.dispose());

  it('holds the PDFs, HTML, PPTX, Word files and the web page zip with SHA256SUMS and manifest.json, and nothing else', async () => {
    const names = await readdir(dir);
    // The 様式: a Word file per form per call, flat (r3-forms-kyoso-01-cover.docx).
    const forms = names.filter((n) => /^r3-forms-(kyoso|chiiki)-\d{2}-[a-z-]+\.docx$/.test(n));
    expect(forms).toHaveLength(27);
    expect(names.filter((n) => !forms.includes(n)).sort()).toEqual(
      [
        'SHA256SUMS',
        'manifest.json',
        'r3-guidelines-chiiki.docx',
        'r3-guidelines-chiiki.pdf',
        'r3-guidelines-kyoso.docx',
        'r3-guidelines-kyoso.pdf',
        'r3-slides.html',
        'r3-slides.pdf',
        'r3-slides.pptx',
        'r3-web.zip',
      ].sort(),
    );
    // No staging leftovers beside it.
    expect(await readdir(path.dirname(dir))).toEqual(['r3']);
  });

  it('passes sha256sum -c', () => {
    const res = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(7 + 2 + 27);
    for (const l of lines) expect(l).toMatch(/: OK$/);
  });

  it('lists every file once, sorted, with sums that recompute', async () => {
    const text = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    const entries = text
      .trimEnd()
      .split('\n')
      .map((l) => {
        const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l);
        if (!m) throw new Error(`bad SHA256SUMS line: ${l}`);
        return { sum: m[1]!, name: m[2]! };
      });
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names.sort()).toEqual((await readdir(dir)).filter((n) => n !== 'SHA256SUMS').sort());
    for (const e of entries) expect(sha256(await readFile(path.join(dir, e.name))), e.name).toBe(e.sum);
  });

  it('copies the built files unchanged', async () => {
    const pairs: Array<[string, string]> = [
      ['r3-slides.pdf', 'r3/slides/r3-slides.pdf'],
      ['r3-slides.pptx', 'r3/slides/r3-slides.pptx'],
      ['r3-guidelines-kyoso.pdf', 'r3/guidelines/kyoso.pdf'],
      ['r3-guidelines-kyoso.docx', 'r3/guidelines/kyoso.docx'],
      ['r3-forms-kyoso-08-budget.docx', 'r3/forms/kyoso/08-budget.docx'],
    ];
    for (const [rel, built] of pairs) {
      const [a, b] = await Promise.all([readFile(path.join(dir, rel)), readFile(path.join(project.paths.outDir, built))]);
      expect(a.equals(b), rel).toBe(true);
    }
  });

  it('zips the web page with the files it links, unpacked as GitHub Pages serves it: every link works', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'kd-release-site-'));
    try {
      execFileSync('unzip', ['-q', path.join(dir, 'r3-web.zip'), '-d', site]);
      const html = await readFile(path.join(site, 'web/index.html'), 'utf8');
      expect(html).toBe(await readFile(path.join(project.paths.outDir, 'r3/web/index.html'), 'utf8'));
      const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
      const refs = [...html.matchAll(/(?:href="|url\(')([^"']+)/g)].map((m) => decode(m[1]!)).filter((r) => !/^(#|mailto:|https?:)/.test(r));
      // Each 公募要領 as PDF and Word, and every 様式 of each call.
      expect(refs.filter((r) => r.startsWith('../guidelines/'))).toHaveLength(4);
      expect(refs.filter((r) => r.startsWith('../forms/'))).toHaveLength(27);
      for (const ref of refs) expect((await stat(path.join(site, 'web', ref))).isFile(), ref).toBe(true);
      // The released PDF and the one in the zip are the same bytes.
      expect((await readFile(path.join(site, 'slides/r3-slides.pdf'))).equals(await readFile(path.join(dir, 'r3-slides.pdf')))).toBe(true);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it('writes a manifest that matches git, the data and the files', async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ReleaseManifest;
    expect(manifest.edition).toBe('r3');
    expect(manifest.commit).toBe(commit);
    expect(manifest.dirty).toBe(false);
    expect(manifest.sourceDateEpoch).toBe(COMMIT_EPOCH);
    expect(manifest.tool).toEqual({ name: 'kyoso-docs', version: TOOL_VERSION });
    expect(manifest.browser).toMatch(/Chrom|Edg/);

    // The data digest, recomputed from its documented recipe: the data files (not notes.bin), sorted paths, `path NUL size NUL bytes`.
    const dataDir = path.join(project.paths.dataDir, 'r3');
    const rels = (await readdir(dataDir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => path.relative(dataDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    expect(rels).toContain('calls/kyoso.yaml');
    const h = createHash('sha256');
    for (const r of rels) {
      const b = await readFile(path.join(dataDir, r));
      h.update(`${r}\0${b.length}\0`);
      h.update(b);
    }
    expect(manifest.dataDigest).toBe(h.digest('hex'));

    expect(manifest.files.map((f) => f.name)).toEqual((await readdir(dir)).filter((n) => n !== 'SHA256SUMS' && n !== 'manifest.json').sort());
    for (const f of manifest.files) {
      const file = path.join(dir, f.name);
      const bytes = await readFile(file);
      expect(f.size, f.name).toBe(bytes.length);
      expect(f.sha256, f.name).toBe(sha256(bytes));
      if (f.name.endsWith('.pdf')) {
        expect(f.pages, f.name).toBe(Number(pdfInfo(file).Pages));
        // Dated by the commit, not the clock and not the environment's SOURCE_DATE_EPOCH.
        const doc = await PDFDocument.load(bytes, { updateMetadata: false });
        expect(doc.getCreationDate()?.getTime(), f.name).toBe(COMMIT_EPOCH * 1000);
      } else expect(f.pages, f.name).toBeUndefined();
    }
    expect(manifest.files.find((f) => f.name === 'r3-slides.pdf')?.pages).toBe(11);
  });

  it('ignores, and says it ignores, a huge file in the edition folder that is not data', () => {
    expect(stderr.join('\n')).toMatch(/データではないファイルは読み込まず.*notes\.bin/);
  });

  it('is readable by colleagues: the folder has the usual permissions, not 0700', async () => {
    const probe = path.join(project.root, 'probe-dir');
    await mkdir(probe);
    const usual = (await stat(probe)).mode & 0o777;
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe(usual.toString(8));
    expect(usual & 0o055, 'this test runs under a umask that lets others read').toBe(0o055);
  });

  it('prints each sum and how to verify', () => {
    expect(stdout.some((l) => l.includes('r3-slides.pdf') && /^[0-9a-f]{64} {2}/.test(l))).toBe(true);
    expect(stdout.some((l) => l.includes('sha256sum -c SHA256SUMS'))).toBe(true);
  });

  it('is detected by sha256sum -c once a file is altered', async () => {
    const file = path.join(dir, 'r3-slides.html');
    await writeFile(file, `${await readFile(file, 'utf8')}<!-- edited -->`);
    const res = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    expect(res.status).not.toBe(0);
    expect(res.stdout).toMatch(/r3-slides\.html: FAILED/);
  });
});

describe('release records what it was made from (issue 16)', () => {
  let project: TempProject;
  const releaseDir = (): string => path.join(project.paths.outDir, 'release', 'r3');
  const cli = async (args: string[]): Promise<{ code: number; text: string }> => {
    const lines: string[] = [];
    const code = await run(['release', 'r3', ...args], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { root: project.root, templatesDir: project.paths.templatesDir });
    return { code, text: lines.join('\n') };
  };
  const digest = async (dir: string): Promise<string> => {
    const h = createHash('sha256');
    for (const name of (await readdir(dir)).sort()) h.update(name).update(await readFile(path.join(dir, name)));
    return h.digest('hex');
  };

  beforeAll(async () => {
    // The templates live in the project's repository here, as they do in the real one.
    project = await tempProject(['r3'], { templates: true });
    git(project.root, ['init', '-q']);
    git(project.root, ['add', 'data', 'templates']);
    const date = `@${COMMIT_EPOCH} +0000`;
    git(project.root, ['commit', '-q', '-m', 'data and templates'], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  });
  afterAll(() => project.dispose());

  it('an uncommitted template edit makes the release dirty: refused without --allow-dirty, naming it', async () => {
    const css = path.join(project.paths.templatesDir, 'themes', 'kyoso.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n/* local tweak */\n`);
    const { code, text } = await cli([]);
    expect(code, text).toBe(2);
    expect(text).toContain('[USAGE]');
    expect(text).toContain('templates/themes/kyoso.css');
    expect(text).toContain('--allow-dirty');
    await expect(stat(releaseDir())).rejects.toThrow();
  });

  it('uncommitted data too; with --allow-dirty the manifest says dirty and lists both', async () => {
    await project.edit('r3/contact.yaml', 'section: 企画課', 'section: 企画調整課');
    const refused = await cli([]);
    expect(refused.code, refused.text).toBe(2);
    expect(refused.text).toContain('data/r3/contact.yaml');

    const { code, text } = await cli(['--allow-dirty']);
    expect(code, text).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(releaseDir(), 'manifest.json'), 'utf8')) as ReleaseManifest;
    expect(manifest.dirty).toBe(true);
    expect(manifest.dirtyFiles).toEqual(['data/r3/contact.yaml', 'templates/themes/kyoso.css']);
    expect(text).toContain('"dirty": true');
  }, 420_000);

  it('a later dirty run without --allow-dirty leaves the previous release as it was', async () => {
    const before = await digest(releaseDir());
    await project.edit('r3/contact.yaml', 'section: 企画調整課', 'section: 企画課');
    const { code } = await cli([]);
    expect(code).toBe(2);
    expect(await digest(releaseDir())).toBe(before);
  });
});

describe('releaseDate', () => {
  it('refuses to fall back to the clock outside git without SOURCE_DATE_EPOCH', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kyoso-nogit-'));
    try {
      const paths = projectPaths({ root });
      const err = await releaseDate(paths, 'r3', {}).catch((e: unknown) => e);
      expect(isKyosoError(err) && err.code).toBe('USAGE');
      expect(String((err as Error).message)).toMatch(/SOURCE_DATE_EPOCH/);
      const { date, source } = await releaseDate(paths, 'r3', { SOURCE_DATE_EPOCH: '1600000000' });
      expect([date.getTime(), source]).toEqual([1_600_000_000_000, 'SOURCE_DATE_EPOCH']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('the release date does not depend on how the repository was cloned', () => {
  it('a depth-1 clone and a full clone date the same commit alike (the data last touched two commits earlier)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kyoso-depth-'));
    try {
      const origin = path.join(root, 'origin');
      await mkdir(path.join(origin, 'data', 'r3'), { recursive: true });
      const git = (cwd: string, args: string[], date?: number) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
          cwd,
          env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: `@${date} +0000`, GIT_COMMITTER_DATE: `@${date} +0000` } : {}) },
          stdio: 'pipe',
        });
      git(origin, ['init', '-q', '-b', 'main']);
      await writeFile(path.join(origin, 'data', 'r3', 'edition.yaml'), 'id: r3\n');
      git(origin, ['add', '.']);
      git(origin, ['commit', '-q', '-m', 'data'], 1_600_000_000);
      for (const [i, at] of [1_600_100_000, 1_600_200_000].entries()) {
        await writeFile(path.join(origin, `code${i}.txt`), 'x');
        git(origin, ['add', '.']);
        git(origin, ['commit', '-q', '-m', `code ${i}`], at);
      }
      const full = path.join(root, 'full');
      const shallow = path.join(root, 'shallow');
      git(root, ['clone', '-q', origin, full]);
      git(root, ['clone', '-q', '--depth', '1', `file://${origin}`, shallow]);
      expect(execFileSync('git', ['-C', shallow, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).trim()).toBe('true');
      const dateOf = async (dir: string) => (await releaseDate(projectPaths({ root: dir }), 'r3', {})).date.getTime();
      expect(await dateOf(shallow)).toBe(await dateOf(full));
      expect(await dateOf(full)).toBe(1_600_200_000_000);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('what a release counts as its inputs', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject(['r3', 'r4']);
    git(project.root, ['init', '-q']);
    git(project.root, ['add', 'data']);
    git(project.root, ['commit', '-q', '-m', 'data']);
  });
  afterAll(() => project.dispose());

  it("counts a figure and the previous edition's data (the changes page), not a stray note", async () => {
    expect(await dirtyInputs(project.paths, 'r4')).toEqual([]);
    const before = await dataDigest(project.paths, 'r4');
    await mkdir(path.join(project.root, 'data', 'r4', 'figures'), { recursive: true });
    await writeFile(path.join(project.root, 'data', 'r4', 'figures', 'flow.svg'), '<svg width="10" height="10"></svg>\n');
    await writeFile(path.join(project.root, 'data', 'r4', 'notes.txt'), 'a note\n');
    await project.edit('r3/contact.yaml', 'section: 企画課', 'section: 企画調整課');
    expect(await dirtyInputs(project.paths, 'r4')).toEqual(['data/r3/contact.yaml', 'data/r4/figures/flow.svg']);
    // The figure is in the data digest; the note is not.
    const withFigure = await dataDigest(project.paths, 'r4');
    expect(withFigure).not.toBe(before);
    await writeFile(path.join(project.root, 'data', 'r4', 'notes.txt'), 'another note\n');
    expect(await dataDigest(project.paths, 'r4')).toBe(withFigure);
  });
});
