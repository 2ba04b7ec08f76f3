/**
 * Figures (and footnotes) put into a temporary copy of the fixture r4 (test/fixtures/figures): an SVG in the
 * schedule chapter and a PNG in the Q&A chapter of guidelines/kyoso.yaml, the files beside the
 * data under figures/. The fixture itself stays as it is.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TempProject } from './project.ts';

export const FIGURE_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'figures');

export const FLOW_ALT = '提案はe-Radで提出し、JSTが受け付けてPOが審査する流れを、左から右への3つの箱と矢印で示す図';
export const BAND_ALT = '紺色の帯だけの図（PNGの例）';

/** Adds the two figures (and their files) to r4's 公募要領 of kyoso. `yaml` changes what is written (to leave out an alt, say). */
export async function addFigures(p: TempProject, yaml: (s: string) => string = (s) => s): Promise<void> {
  const dir = path.join(p.root, 'data', 'r4', 'figures');
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(FIGURE_DIR, 'flow.svg'), path.join(dir, 'flow.svg'));
  await copyFile(path.join(FIGURE_DIR, 'band.png'), path.join(dir, 'band.png'));
  await p.edit(
    'r4/guidelines/kyoso.yaml',
    '      - block: schedule\n',
    yaml(
      `      - block: schedule\n      - figure: figures/flow.svg\n        caption: 提案から審査までの流れ\n        alt: ${FLOW_ALT}\n      - figure: figures/band.png\n        caption: 帯の例\n        alt: ${BAND_ALT}\n        width: 40\n`,
    ),
  );
}

/** The two footnotes addNotes writes: one in 第1章, one in 第6章 (numbered through the document). */
export const NOTE_TEXTS = ['既存の拠点形成型プログラムの公募は、令和2年度で終了しています。', '締切の時刻は日本時間です。'] as const;

/** Adds a footnote ({{note:…}}) to the prose of r4's 第1章 and one to its 第6章. */
export async function addNotes(p: TempProject): Promise<void> {
  await p.edit('r4/guidelines/kyoso.yaml', '本プログラムへ一本化しています。', `本プログラムへ一本化しています{{note:${NOTE_TEXTS[0]}}}。`);
  await p.edit('r4/guidelines/kyoso.yaml', '締切を過ぎた提案は', `締切{{note:${NOTE_TEXTS[1]}}}を過ぎた提案は`);
}
