/**
 * output/ is untrusted on read (issue 32, class 1): a journal, lock or manifest found there may have
 * been written by anyone (a colleague's copy, a synced folder, an unpacked archive). Every path read
 * from one is confined to output/ — symlinks resolved — or refused with a located catalogue error,
 * and recovery never deletes what it cannot prove this tool wrote, the previous release included.
 */
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseAside } from '../../src/app/release.ts';
import { readManifest } from '../../src/app/plan.ts';
import { publish, recoverOutput, sweepLeftovers } from '../../src/stages/publish/index.ts';
import { JOURNAL_PREFIX } from '../../src/stages/publish/journal.ts';
import { acquireLock, LOCK_FILE, TEMP_MARK } from '../../src/stages/publish/lock.ts';
import { failure, outDir, removeOutDirs, seed } from '../helpers/publish.ts';

afterAll(removeOutDirs);

/** A pid no process has (above the kernel's pid_max of 2^22). */
const DEAD = 4_194_305;
const TAG = `${DEAD}-0badc0de`;

async function plantJournal(dir: string, journal: unknown): Promise<string> {
  const name = `${JOURNAL_PREFIX}${TAG}.json`;
  await writeFile(path.join(dir, name), JSON.stringify(journal));
  return name;
}
const journalOf = (entries: unknown[], extra: Record<string, unknown> = {}) => ({ version: 1, pid: DEAD, host: hostname(), marker: -1, entries, dirs: [], ...extra });

/** A file beside output/ that a crafted record aims at. */
async function victim(dir: string, name = 'victim.txt'): Promise<string> {
  const file = path.join(path.dirname(dir), name);
  await writeFile(file, 'precious');
  return file;
}

describe('a crafted journal is refused, located, and nothing it names is touched', () => {
  const cases: Array<[string, (v: string) => unknown[], string]> = [
    ['a target outside output/ (..)', () => [{ target: '../victim.txt', backup: `r3/${TEMP_MARK}${TAG}-old-x` }], 'entries[0].target'],
    ['an absolute target', (v) => [{ target: v, backup: `${TEMP_MARK}${TAG}-old-x` }], 'entries[0].target'],
    ['a temp outside output/', () => [{ target: 'r3/a.pdf', temp: '../victim.txt' }], 'entries[0].temp'],
    ['a backup that is a real output, not a temporary of this journal', () => [{ target: 'r3/a.pdf', backup: 'r3/slides/deck.pdf' }], 'entries[0].backup'],
    ['a temporary of another tag', () => [{ target: 'r3/slides/deck.pdf', temp: `r3/slides/${TEMP_MARK}1-00000000-new-deck.pdf` }], 'entries[0].temp'],
    ['an entry with neither temp nor backup', () => [{ target: 'r3/slides/deck.pdf' }], 'entries[0]'],
  ];
  it.each(cases)('%s', async (_what, entries, field) => {
    const dir = await outDir();
    await seed(dir);
    const v = await victim(dir);
    const name = await plantJournal(dir, journalOf(entries(v)));
    const err = await failure(recoverOutput(dir));
    expect(err?.id).toBe('untrustedRecord');
    expect(err?.code).toBe('OUTPUT_FAILED');
    expect(err?.detail.en).toContain(`output/${name}: ${field}`);
    expect(err?.hint?.ja).toContain('kyoso-docs が書いたものではありません');
    expect(await readFile(v, 'utf8')).toBe('precious');
    expect(await readFile(path.join(dir, 'r3/slides/deck.pdf'), 'utf8')).toBe('old deck');
    // The journal itself is not deleted either: it is not ours to judge.
    expect(await readdir(dir)).toContain(name);
  });

  it('a target whose folder is a symlink out of output/ is refused (resolved on disk)', async () => {
    const dir = await outDir();
    const outside = path.join(path.dirname(dir), 'elsewhere');
    await mkdir(outside);
    await writeFile(path.join(outside, 'a.pdf'), 'precious');
    await symlink(outside, path.join(dir, 'r9'));
    // A rolled-back write: its new file was renamed in, so rollback would delete the target.
    await plantJournal(dir, journalOf([{ target: 'r9/a.pdf', temp: `r9/${TEMP_MARK}${TAG}-new-a.pdf` }], { marker: 0 }));
    const err = await failure(recoverOutput(dir));
    expect(err?.id).toBe('untrustedRecord');
    expect(err?.detail.en).toMatch(/entries\[0\]\.target .*resolves outside output/);
    expect(await readFile(path.join(outside, 'a.pdf'), 'utf8')).toBe('precious');
  });

  it('a journal of the wrong shape or not JSON is refused with the field, not deleted', async () => {
    for (const [text, field] of [
      [JSON.stringify({ ...journalOf([]), marker: 'x' }), 'marker'],
      [JSON.stringify(journalOf([], { marker: 3 })), 'marker'],
      ['{"version":1,', '(whole file)'],
    ] as const) {
      const dir = await outDir();
      await writeFile(path.join(dir, `${JOURNAL_PREFIX}${TAG}.json`), text);
      const err = await failure(recoverOutput(dir));
      expect(err?.id, text).toBe('untrustedRecord');
      expect(err?.detail.en, text).toContain(`: ${field}`);
      expect(await readdir(dir)).toContain(`${JOURNAL_PREFIX}${TAG}.json`);
    }
  });

  it("a valid journal of a dead run is still settled (the tool's own recovery holds)", async () => {
    const dir = await outDir();
    await seed(dir);
    // Killed mid-swap: deck.pdf's new bytes renamed in, the old ones kept under a backup name.
    const backup = `r3/slides/${TEMP_MARK}${TAG}-old-deck.pdf`;
    await writeFile(path.join(dir, backup), 'old deck');
    await writeFile(path.join(dir, 'r3/slides/deck.pdf'), 'new deck');
    await writeFile(path.join(dir, `r3/slides/${TEMP_MARK}${TAG}-new-m`), 'marker not yet in');
    await plantJournal(
      dir,
      journalOf(
        [
          { target: 'r3/slides/deck.pdf', temp: `r3/slides/${TEMP_MARK}${TAG}-new-deck.pdf`, backup },
          { target: 'r3/slides/m', temp: `r3/slides/${TEMP_MARK}${TAG}-new-m` },
        ],
        { marker: 1 },
      ),
    );
    await recoverOutput(dir);
    expect(await readFile(path.join(dir, 'r3/slides/deck.pdf'), 'utf8')).toBe('old deck');
  });
});

describe('a crafted manifest', () => {
  it.each([
    ['../victim.txt', /units\["r3\/slides\/pdf"\]\.files\["\.\.\/victim\.txt"\]/],
    ['/etc/passwd', /files\["\/etc\/passwd"\]/],
    ['r4/slides/x.pdf', /not in its edition's folder r3\//],
    ['r3/a\nfake line.pdf', /files\["r3\/a\\nfake line\.pdf"\]/],
  ])('naming %j is refused with the place in the manifest', async (rel, where) => {
    const dir = await outDir();
    const unit = { edition: 'r3', kind: 'pdf', key: '', digest: 'x', inputs: {}, files: { [rel]: 'x' } };
    await writeFile(path.join(dir, '.kyoso-manifest.json'), JSON.stringify({ version: 3, units: { 'r3/slides/pdf': unit } }));
    const err = await failure(readManifest(dir));
    expect(err?.id).toBe('untrustedRecord');
    expect(err?.detail.en).toMatch(where);
    expect(err?.detail.en).not.toContain('\n');
  });

  it('of another shape is not trusted at all: empty, everything rebuilt, nothing removed', async () => {
    const dir = await outDir();
    await writeFile(path.join(dir, '.kyoso-manifest.json'), JSON.stringify({ version: 3, units: { u: { edition: 'r3', files: 'r3/x' } } }));
    const { manifest, problem } = await readManifest(dir);
    expect(manifest.units).toEqual({});
    expect(problem).toMatch(/units\.u/);
  });

  it('a removal through a symlinked folder out of output/ is refused before anything is staged', async () => {
    const dir = await outDir();
    await seed(dir);
    const outside = path.join(path.dirname(dir), 'elsewhere2');
    await mkdir(outside);
    await writeFile(path.join(outside, 'gone.pdf'), 'precious');
    await symlink(outside, path.join(dir, 'r8'));
    const err = await failure(publish(dir, new Map([['r3/slides/deck.pdf', 'new']]), { remove: ['r8/gone.pdf'] }));
    expect(err?.id).toBe('untrustedRecord');
    expect(await readFile(path.join(outside, 'gone.pdf'), 'utf8')).toBe('precious');
    expect(await readFile(path.join(dir, 'r3/slides/deck.pdf'), 'utf8')).toBe('old deck');
  });
});

describe('a release swap cut by SIGKILL', () => {
  it('between its two renames: the next run puts the previous release back instead of sweeping it', async () => {
    const dir = await outDir();
    const releaseRoot = path.join(dir, 'release');
    await mkdir(releaseRoot);
    // What release.ts leaves when killed after `rename(final, aside)`: the aside folder and the staging one, no final.
    const aside = releaseAside('r3').replace(String(process.pid), String(DEAD));
    await mkdir(path.join(releaseRoot, aside));
    await writeFile(path.join(releaseRoot, aside, 'SHA256SUMS'), 'previous good release');
    await mkdir(path.join(releaseRoot, `${TEMP_MARK}${DEAD}-12345678-release-r3`));
    const warnings: string[] = [];
    await sweepLeftovers(dir, (l) => warnings.push(l));
    expect(await readFile(path.join(releaseRoot, 'r3', 'SHA256SUMS'), 'utf8')).toBe('previous good release');
    expect(await readdir(releaseRoot)).toEqual(['r3']);
    expect(warnings.join('\n')).toContain('release/r3');
  });

  it('after both renames: the set-aside previous release is swept (the new one is in place)', async () => {
    const dir = await outDir();
    const releaseRoot = path.join(dir, 'release');
    await mkdir(path.join(releaseRoot, 'r3'), { recursive: true });
    await writeFile(path.join(releaseRoot, 'r3', 'SHA256SUMS'), 'new release');
    await mkdir(path.join(releaseRoot, releaseAside('r3').replace(String(process.pid), String(DEAD))));
    await sweepLeftovers(dir);
    expect(await readdir(releaseRoot)).toEqual(['r3']);
    expect(await readFile(path.join(releaseRoot, 'r3', 'SHA256SUMS'), 'utf8')).toBe('new release');
  });
});

describe('a lock in a state nobody planned for', () => {
  it('a folder in its place: a catalogue error at once, no spinning', async () => {
    const dir = await outDir();
    await mkdir(path.join(dir, LOCK_FILE));
    const err = await failure(acquireLock(dir));
    expect(err?.id).toBe('lockOdd');
    expect(err?.code).toBe('LOCKED');
    expect(err?.detail.en).toContain('a folder');
  });

  it('a symlink in its place (to a file anywhere): refused, not followed', async () => {
    const dir = await outDir();
    const v = await victim(dir, 'lock-target.txt');
    await symlink(v, path.join(dir, LOCK_FILE));
    const err = await failure(acquireLock(dir));
    expect(err?.id).toBe('lockOdd');
    expect(await readFile(v, 'utf8')).toBe('precious');
  });

  it('a lock of the wrong shape (pid a string, negative, huge) is unreadable and taken over with a warning', async () => {
    for (const text of ['{"pid":"1","host":"h"}', `{"pid":-1,"host":"${hostname()}"}`, '{"pid":1e300,"host":"x"}']) {
      const dir = await outDir();
      await writeFile(path.join(dir, LOCK_FILE), text);
      const warnings: string[] = [];
      const lock = await acquireLock(dir, (l) => warnings.push(l));
      await lock.release();
      // In the language of the run (a CLI test in the same worker may have chosen English).
      expect(warnings.join('\n'), text).toMatch(/読めないロック|unreadable lock/u);
    }
  });

  it('an aborted run (SIGTERM) does not take the lock', async () => {
    const dir = await outDir();
    const err = await failure(acquireLock(dir, () => {}, AbortSignal.abort()));
    expect(err?.id).toBe('interrupted');
    expect(await readdir(dir)).toEqual([]);
  });
});
