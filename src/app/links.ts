/**
 * Outputs made from their edition's downloads (the web page links each 公募要領, 様式 and deck
 * file with its format and size), in the build graph. The sizes are known only once those files
 * are made, so such a unit
 *   - is planned with an input per file it will link, `output:<path>` → the sha256 the manifest
 *     records for it (the bytes now in output/);
 *   - is stale whenever a unit of its edition whose files it may link is stale (their bytes may
 *     change in this run);
 *   - is made after every other unit of its edition, from the files as this run publishes them;
 *   - is recorded with the inputs of the files it was actually made from, which are what the
 *     manifest then records for them: the next plan finds the same inputs, and a file rebuilt
 *     by a later run that leaves this unit out (`--only slides`) changes them.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Edition } from '../schema/index.ts';
import { msg } from '../shared/errors.ts';
import { downloadOf, isOutputKind, outputKinds, outputOf, type Download, type LinkedFile, type UnitFiles } from '../outputs/index.ts';
import { sha256, unitDigest, type Manifest, type Unit, type UnitStatus } from './plan.ts';

/** The input name of a linked file: `output:r3/guidelines/kyoso.pdf` (its path under output/). */
export const LINKED_INPUT = 'output:';

function links(unit: Unit): boolean {
  return isOutputKind(unit.kind) && outputOf(unit.kind).linksDownloads === true;
}

/** How the web page offers a file (path under output/<edition>/), or false. */
function offered(kind: string, file: string, edition: Edition): Download | false {
  return isOutputKind(kind) && downloadOf(outputOf(kind), file, edition);
}

/**
 * The downloads of an edition the manifest records (the files in output/), except those of the
 * units named in `skip` (removed by this run, or made again by it). Paths under output/.
 */
function recordedDownloads(manifest: Manifest, edition: Edition, skip: ReadonlySet<string>): Array<Omit<LinkedFile, 'size'>> {
  const out: Array<Omit<LinkedFile, 'size'>> = [];
  for (const [id, unit] of Object.entries(manifest.units)) {
    if (unit.edition !== edition.id || skip.has(id)) continue;
    for (const [rel, digest] of Object.entries(unit.files)) {
      const file = rel.slice(edition.id.length + 1);
      const download = offered(unit.kind, file, edition);
      if (download) out.push({ file, kind: unit.kind, key: unit.key, sha256: digest, download });
    }
  }
  return out;
}

/** A unit with its `output:` inputs replaced by these files', and its digest taken again. */
function withLinked(unit: Unit, files: ReadonlyArray<{ file: string; sha256: string }>): Unit {
  const inputs = Object.fromEntries(Object.entries(unit.inputs).filter(([name]) => !name.startsWith(LINKED_INPUT)));
  for (const f of files) inputs[`${LINKED_INPUT}${unit.edition}/${f.file}`] = f.sha256;
  return { ...unit, inputs, digest: unitDigest(inputs) };
}

/** plan: the units of linking outputs gain an input per download their edition has in output/ (the orphans' files go). */
export function planLinks(units: readonly Unit[], editions: ReadonlyMap<string, Edition>, manifest: Manifest, orphans: readonly string[]): Unit[] {
  const skip = new Set(orphans);
  return units.map((u) => {
    const edition = editions.get(u.edition);
    return links(u) && edition ? withLinked(u, recordedDownloads(manifest, edition, skip)) : u;
  });
}

/**
 * status: a linking unit is stale too when a unit of its edition is that may make a download — a
 * new one, or one whose recorded files include a download (the slide PNGs never do).
 */
export function staleLinks(status: readonly UnitStatus[], editions: ReadonlyMap<string, Edition>, manifest: Manifest): UnitStatus[] {
  const feeds = (s: UnitStatus): string | undefined => {
    if (!s.stale || links(s.unit)) return undefined;
    const recorded = manifest.units[s.unit.id];
    const edition = editions.get(s.unit.edition);
    if (!recorded || !edition) return s.unit.id;
    return Object.keys(recorded.files).some((rel) => offered(s.unit.kind, rel.slice(edition.id.length + 1), edition) !== false) ? s.unit.id : undefined;
  };
  return status.map((s) => {
    if (s.stale || !links(s.unit)) return s;
    const cause = status.find((o) => o.unit.edition === s.unit.edition && feeds(o) !== undefined);
    return cause ? { unit: s.unit, stale: true, reason: msg(`${cause.unit.id} を作り直すため`, `${cause.unit.id} is rebuilt`) } : s;
  });
}

/**
 * make: an edition's downloads as this run publishes them — the files its units just made
 * (`made`: path under output/ → bytes, `remade`: those units' ids) over those the manifest records
 * for the others, the orphans left out. Sizes of kept files are read from output/.
 */
export async function linkedFiles(
  outDir: string,
  edition: Edition,
  manifest: Manifest,
  orphans: readonly string[],
  made: { units: ReadonlyMap<string, { kind: string; key: string; files: readonly string[] }>; bytes: UnitFiles },
): Promise<LinkedFile[]> {
  const out: LinkedFile[] = [];
  for (const f of recordedDownloads(manifest, edition, new Set([...orphans, ...made.units.keys()]))) {
    // A file the manifest vouches for but that is gone is not linked; the next build plans without it.
    const size = await stat(path.join(outDir, edition.id, f.file)).then(
      (s) => s.size,
      () => undefined,
    );
    if (size !== undefined) out.push({ ...f, size });
  }
  for (const unit of made.units.values()) {
    for (const rel of unit.files) {
      const file = rel.slice(edition.id.length + 1);
      const bytes = made.bytes.get(rel);
      const download = offered(unit.kind, file, edition);
      if (bytes === undefined || !download) continue;
      const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      out.push({ file, kind: unit.kind, key: unit.key, size: buf.length, sha256: sha256(buf), download });
    }
  }
  // Registry order (the deck, the 公募要領, the 様式 …), then the calls' order in the data, then by path.
  const kinds = outputKinds();
  const calls = edition.calls.map((c) => c.id);
  return out.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || calls.indexOf(a.key) - calls.indexOf(b.key) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** record: a linking unit as made, its inputs the files it linked. */
export function linkedUnit(unit: Unit, linked: readonly LinkedFile[]): Unit {
  return withLinked(unit, linked);
}
