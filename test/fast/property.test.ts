/**
 * Property tests (issue 7.2), the validator's half (the printed half: test/browser/property.test.ts): arbitrary Unicode — biased toward Markdown, HTML and
 * Handlebars syntax — in any free-text field either validates and then renders with the
 * text appearing literally in the PDF and the HTML (and nothing injected), or is rejected
 * with located issues, or fails as a reported OVERFLOW naming the slide. Never a crash,
 * never an unknown error.
 *
 * The text fields are taken from the zod schemas themselves: every string leaf of the
 * r3 data whose schema carries `Text`'s checks (non-empty, trimmed, no look-alikes).
 * Seeds are fixed and shrinking is off: a failure is reproduced by the printed
 * field/value, and shrinking would mean dozens of browser builds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/app/editions.ts';
import { Text } from '../../src/schema/index.ts';
import { drawable, expectLocated, restore, setField, textArb, textFields } from '../helpers/property.ts';
import { tempProject, type TempProject } from '../helpers/project.ts';

const fields = await textFields();

describe('text fields derived from the schema', () => {
  it('finds the free-text fields of every file', () => {
    expect(new Set(fields.map((f) => f.file)).size).toBe(10);
    expect(fields.length).toBeGreaterThan(100);
    // Identifiers, enums, dates and URLs are not Text.
    expect(fields.some((f) => f.path.at(-1) === 'id' || f.path.at(-1) === 'url' || f.path.at(-1) === 'email')).toBe(false);
    expect(fields.some((f) => f.file === 'contact.yaml' && f.path.join('.') === 'section')).toBe(true);
  });
});

describe('characters the documents cannot show', () => {
  // Found by the property below (seed 42): U+893F2 (unassigned) in calls/chiiki.yaml
  // types[0].goal and U+17C4F (Tangut) in overview.yaml second.goals.items[0].label passed
  // validation, then vanished from the PDF text. A value the reader cannot see must be refused.
  it('Text rejects characters the deck cannot draw', () => {
    for (const ch of ['\u{893F2}', '\u{17C4F}', '\uE000', '\u{F0000}']) {
      expect(drawable(ch), ch).toBe(false);
      expect(Text.safeParse(`共創${ch}拠点`).success, ch).toBe(false);
    }
  });
});

describe('any text in any text field: validates, or is rejected with located issues', () => {
  let p: TempProject;
  beforeAll(async () => {
    p = await tempProject();
  });
  afterAll(() => p.dispose());

  it('never crashes the validator (60 samples, no browser)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fields.length - 1 }), textArb, async (index, value) => {
        const f = fields[index]!;
        await setField(p, f, value);
        try {
          await loadEditions(p.paths, ['r3']);
        } catch (err) {
          expectLocated(err, `${f.file} ${f.path.join('.')} = ${JSON.stringify(value)}`);
        } finally {
          await restore(p, f);
        }
      }),
      { numRuns: 60, seed: 7, endOnFailure: true },
    );
    // 60 loads of the edition: a few seconds on an idle machine, past the tier's 30 s at load 17 with coverage on.
    // A rejected sample's text is checked too since every error comes in one run (15 s → 60 s at load 9).
  }, 300_000);
});
