/**
 * Content controls (structured document tags, `w:sdt`) — the form fields Word offers since 2007:
 * a plain-text control for a one-line entry, a rich-text control around the paragraphs of a
 * text box (applicants may paste figures and tables into it), and a check box (Word 2010's
 * `w14:checkbox`). Each shows its placeholder until the applicant types (`showingPlcHdr`), is
 * tagged with the form's field id (so a filled-in form can be read back by tag), and is locked
 * against deletion (`sdtLocked`), not against editing. Legacy form fields (FORMTEXT) are not
 * used: their length limits only work in a document protected for forms, which would stop
 * applicants adding figures, rows and pages.
 *
 * docx (the library) writes the check box but no text control, so the controls are built here
 * from its generic element, in the order Word writes `w:sdtPr`. The check box's two states are
 * □ and ■ of BIZ UDPGothic (the face has no ☐/☒), so both states print in the document's font.
 */
import { BuilderElement, FileChild, Paragraph, RunProperties, TextRun, type ParagraphChild, type XmlComponent } from 'docx';
import { JA_RUN } from './text.ts';

/** The ids of one document's controls: 1, 2, 3 … in the order they are made (the same on every build). */
export class ControlIds {
  #next = 0;
  next(): number {
    this.#next += 1;
    return this.#next;
  }
}

const el = (name: string, attrs?: Record<string, string | number>, children?: readonly XmlComponent[]): BuilderElement =>
  new BuilderElement({
    name,
    ...(attrs ? { attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, { key: k, value: v }])) } : {}),
    ...(children ? { children } : {}),
  });

export interface ControlOptions {
  /** What Word shows as the control's title. */
  alias: string;
  /** The form's field id (`leader.name`). */
  tag: string;
  /** Grey text shown until the applicant types. */
  placeholder: string;
}

/** The run a control shows before anything is typed: the placeholder, in Word's Placeholder Text style. */
const placeholderRun = (text: string): TextRun => new TextRun({ ...JA_RUN, style: 'PlaceholderText', text });

function properties(ids: ControlIds, o: Omit<ControlOptions, 'placeholder'>, tail: readonly XmlComponent[], placeholder: boolean): BuilderElement {
  return el('w:sdtPr', undefined, [
    // What the applicant types is set in the document's font and language.
    new RunProperties(JA_RUN),
    el('w:alias', { 'w:val': o.alias }),
    el('w:tag', { 'w:val': o.tag }),
    el('w:id', { 'w:val': ids.next() }),
    el('w:lock', { 'w:val': 'sdtLocked' }),
    ...(placeholder ? [el('w:showingPlcHdr')] : []),
    ...tail,
  ]);
}

/** A one-line entry: an inline plain-text control (line breaks allowed). */
export function textControl(ids: ControlIds, o: ControlOptions): ParagraphChild {
  const sdt = el('w:sdt', undefined, [properties(ids, o, [el('w:text', { 'w:multiLine': 1 })], true), el('w:sdtContent', undefined, [placeholderRun(o.placeholder)])]);
  // docx lays out any component it is given; its paragraph type lists only its own classes.
  return sdt as unknown as ParagraphChild;
}

/** A check box, unchecked. */
export function checkBox(ids: ControlIds, o: Omit<ControlOptions, 'placeholder'>): ParagraphChild {
  const state = (name: string, hex: string) => el(name, { 'w14:val': hex, 'w14:font': JA_RUN.font.eastAsia });
  const box = el('w14:checkbox', undefined, [el('w14:checked', { 'w14:val': 0 }), state('w14:checkedState', '25A0'), state('w14:uncheckedState', '25A1')]);
  const sdt = el('w:sdt', undefined, [properties(ids, o, [box], false), el('w:sdtContent', undefined, [new TextRun({ ...JA_RUN, text: '□' })])]);
  return sdt as unknown as ParagraphChild;
}

/** A block of paragraphs the applicant replaces: a rich-text control (no type element = rich text). */
class BlockControl extends FileChild {
  constructor(props: BuilderElement, paragraphs: readonly Paragraph[]) {
    super('w:sdt');
    this.root.push(props, el('w:sdtContent', undefined, paragraphs));
  }
}

/** A text box of `lines` lines: the placeholder, then empty lines to show the space it takes. */
export function textBox(ids: ControlIds, o: ControlOptions & { lines: number; style: string }): FileChild {
  const paragraphs = [
    new Paragraph({ style: o.style, children: [placeholderRun(o.placeholder)] }),
    ...Array.from({ length: Math.max(0, o.lines - 1) }, () => new Paragraph({ style: o.style, children: [] })),
  ];
  return new BlockControl(properties(ids, o, [], true), paragraphs);
}
