/**
 * prh (textlint-rule-prh's engine) splits each text into paragraphs with `/([^]*?)\n{2,}/g`. On a
 * text whose tail has no blank line, that last failing search restarts at every position of the
 * tail: quadratic in one long value (measured before this patch: a 200 KB value validated in
 * 23 s, 400 KB in 79 s). Ending the text with a blank line makes every search end at the next
 * blank line, so the split is linear; the paragraphs, and so the changes prh finds (all inside
 * the original text), are the same. Installed once, on import, on the Engine every prh user of
 * this process shares (one copy of the package in node_modules).
 */
import { Engine } from 'prh';

/** The text prh is given: the caller's, ending with a blank line. */
export function withFinalBlankLine(content: string): string {
  return content.endsWith('\n\n') ? content : `${content}\n\n`;
}

type MakeChangeSet = (this: Engine, filePath: string, content?: string) => ReturnType<Engine['makeChangeSet']>;
const proto = Engine.prototype as unknown as { makeChangeSet: MakeChangeSet & { linear?: true } };

if (!proto.makeChangeSet.linear) {
  const original = proto.makeChangeSet;
  const makeChangeSetLinear: MakeChangeSet & { linear?: true } = function (this: Engine, filePath, content) {
    return original.call(this, filePath, content == null ? content : withFinalBlankLine(content));
  };
  makeChangeSetLinear.linear = true;
  proto.makeChangeSet = makeChangeSetLinear;
}

/** Is the linear split installed (the tests check it is, in every process that lints)? */
export const prhLinear = (): boolean => proto.makeChangeSet.linear === true;
