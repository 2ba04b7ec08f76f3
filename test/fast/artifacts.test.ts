/**
 * Untagged painting marked as Artifact (issue 31): running heads, folios, slide numbers and the
 * watermark are not body text for a screen reader. Synthetic content streams of the shapes
 * Chromium (Skia) writes: a header block before the tagged body, untagged paint inside a q group
 * that also holds tagged text, and streams the pass must leave alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markArtifacts } from '../../src/stages/postprocess/artifacts.ts';
import { operatorsOf } from '../helpers/content-stream.ts';

/** Each painting operator with whether it lies inside marked content (tagged or Artifact). */
function paintInside(text: string): { op: string; marked: string | null }[] {
  const out: { op: string; marked: string | null }[] = [];
  const stack: string[] = [];
  for (const op of operatorsOf(text) ?? []) {
    const src = text.slice(op.start, op.end);
    if (op.name === 'BDC' || op.name === 'BMC') stack.push(src.split(/\s/u)[0]!);
    else if (op.name === 'EMC') stack.pop();
    else if (['Tj', 'TJ', 'f', 'S', 'Do'].includes(op.name)) out.push({ op: src, marked: stack[0] ?? null });
  }
  return out;
}

const HEAD = 'q\nBT\n/F4 10.5 Tf\n1 0 0 -1 40 30 Tm\n<0012002a> Tj\nET\nQ\n';
const BODY = '/P <</MCID 0 >>BDC\nBT\n/F4 12 Tf\n(body \\) text) Tj\nET\nEMC\n';

describe('markArtifacts', () => {
  it('wraps a running head before the body, and leaves the tagged body as it was', () => {
    const { text, runs } = markArtifacts(HEAD + BODY);
    expect(runs).toBe(1);
    expect(text).toContain(BODY);
    expect(paintInside(text)).toEqual([
      { op: '<0012002a> Tj', marked: '/Artifact' },
      { op: '(body \\) text) Tj', marked: '/P' },
    ]);
  });

  it('wraps untagged paint inside a group that also holds tagged text, keeping q/Q and BT/ET nested', () => {
    const src = `q\n1 0 0 1 0 0 cm\n${BODY}0 0 10 10 re\nf\nBT\n[<0001> 5 <0002>] TJ\nET\nQ\n`;
    const { text, runs } = markArtifacts(src);
    expect(runs).toBe(2);
    expect(paintInside(text).map((p) => p.marked)).toEqual(['/P', '/Artifact', '/Artifact']);
    // Marked content never begins inside a path object (between re and f).
    expect(text).toContain('/Artifact BMC\n0 0 10 10 re\nf\nEMC');
    // Still one q…Q around everything: the Artifact run opens and closes inside it.
    expect(text.startsWith('q\n')).toBe(true);
    expect(text.trimEnd().endsWith('TJ\nEMC\nET\nQ')).toBe(true);
    expect(markArtifacts(text).runs).toBe(0);
  });

  it('works where Skia closes a tagged sequence after the Q of the group it opened in', () => {
    const src = `q\n/P <</MCID 1 >>BDC\n0 0 5 5 re\nf\nQ\nq\n1 1 2 2 re\nf\nQ\nEMC\n${HEAD}`;
    const { text, runs } = markArtifacts(src);
    expect(runs).toBe(1);
    expect(paintInside(text).map((p) => p.marked)).toEqual(['/P', '/P', '/Artifact']);
  });

  it('does not mark operators that paint nothing', () => {
    expect(markArtifacts(`q\n1 0 0 1 5 5 cm\nQ\n${BODY}`).runs).toBe(0);
  });

  it('leaves a stream it cannot read with certainty exactly as it was', () => {
    for (const odd of [`${HEAD}BI /W 1 /H 1 ID \u00ff EI\n`, `${HEAD}EMC\n`, `${HEAD}(unclosed Tj\n`, `/P <</MCID 0 >>BDC\n${HEAD}`])
      expect(markArtifacts(odd)).toEqual({ text: odd, runs: 0 });
  });
});

/** Pieces of the shapes Skia writes, some of them odd on purpose (unbalanced, inline image, stray syntax). */
const PIECES = [
  HEAD,
  BODY,
  'q\n',
  'Q\n',
  '/Span <</MCID 3 >>BDC\n',
  'EMC\n',
  '0 0 m\n10 10 l\nS\n',
  '1 2 30 40 re\nf\n',
  '5 5 m\n6 6 l\nn\n',
  'BT\n/F1 9 Tf\n[(a) -12.5 <00ff> (b\\(c)] TJ\nET\n',
  '% a comment with ( and <<\n',
  '/Im1 Do\n',
  '.5 -1. +2 0 0 1 cm\n',
  '<</A true /B null /C [false 1.5]>> BDC\n',
  'BI /W 1 ID x EI\n',
  ') Tj\n',
  '12 ',
];

describe('the byte scanner', () => {
  it('keeps every byte, leaves no paint outside marked content, and gives up only where the plain reader does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (pieces) => {
        const src = pieces.join('');
        const { text, runs } = markArtifacts(src);
        const readable = operatorsOf(src) !== null;
        if (runs === 0) expect(text).toBe(src);
        else {
          expect(readable).toBe(true);
          // Only wrappers were added: removing them gives the stream back, byte for byte.
          expect(text.replaceAll('/Artifact BMC\n', '').replaceAll('\nEMC', '')).toBe(src.replaceAll('\nEMC', ''));
          const paint = paintInside(text);
          const before = paintInside(src);
          if (before.some((p) => p.marked === null) && src.split('BDC').length === src.split('EMC').length) expect(paint.filter((p) => p.marked === null)).toEqual([]);
          expect(paint.filter((p) => p.marked !== '/Artifact').map((p) => p.marked)).toEqual(before.filter((p) => p.marked !== null).map((p) => p.marked));
        }
        if (!readable) expect(runs).toBe(0);
      }),
      { numRuns: 400 },
    );
  });
});
