/**
 * LibreOffice for the Office files' checks: converts a PPTX or a DOCX to PDF headless, with the bundled font.
 *
 * LibreOffice gets the full BIZ UDPGothic TrueType files of the
 * @expo-google-fonts/biz-udpgothic package (the files the documents' subsets are cut from)
 * through a private fontconfig file: nothing is
 * installed on the system, and a machine without any CJK font (CI) renders the same. Each
 * conversion uses its own profile folder, so parallel runs and a user's LibreOffice never meet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The soffice executable on PATH, or undefined. */
export function soffice(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, 'soffice');
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

/** The folders holding the TrueType BIZ UDPGothic (regular and bold). */
export function truetypeFontDirs(): string[] {
  const root = path.dirname(require.resolve('@expo-google-fonts/biz-udpgothic/package.json'));
  return ['400Regular', '700Bold'].map((d) => path.join(root, d));
}

/** A fontconfig file: the system's configuration plus the bundled font's folders. */
export async function writeFontconfig(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'fonts.conf');
  const dirs = truetypeFontDirs()
    .map((d) => `  <dir>${d}</dir>`)
    .join('\n');
  await writeFile(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${dirs}\n  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/** Converts `pptx` to PDF in `outDir` (same base name); returns the PDF's path. */
export async function pptxToPdf(pptx: string, outDir: string, exe = soffice()): Promise<string> {
  const [pdf] = await officeToPdf([pptx], outDir, exe);
  return pdf!;
}

/**
 * Converts Office files (PPTX, DOCX) to PDFs in `outDir` (same base names; the names must differ)
 * with one LibreOffice process, which starts once for all of them; returns the PDFs' paths.
 */
export async function officeToPdf(files: readonly string[], outDir: string, exe = soffice()): Promise<string[]> {
  if (!exe) throw new Error('soffice (LibreOffice) is not installed');
  const work = await mkdtemp(path.join(tmpdir(), 'kyoso-lo-'));
  try {
    const fontconfig = await writeFontconfig(work);
    execFileSync(
      exe,
      [`-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...files],
      {
        env: { ...process.env, FONTCONFIG_FILE: fontconfig, HOME: work },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 600_000,
      },
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return files.map((f) => {
    const pdf = path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${f}`);
    return pdf;
  });
}
