/**
 * Untagged painting marked as Artifact (issue 31): running heads, folios, slide numbers and the
 * watermark are not body text for a screen reader. Synthetic content streams of the shapes
 * Chromium (Skia) writes: a header block before the tagged body, untagged paint inside a q group
 * that also holds tagged text, and streams the pass must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { markArtifacts, operatorsOf } from '../../src/stages/postprocess/artifacts.ts';

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
