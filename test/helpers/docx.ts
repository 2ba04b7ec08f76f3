/** Reading a Word file back: its XML parts, their text, their runs and content controls. */
import { decodeXML } from 'entities';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';

export interface DocxFile {
  /** Every XML part by name (`word/document.xml`), and the zip's entries with their dates. */
  parts: Map<string, string>;
  dates: Date[];
}

export async function readDocx(file: string | Uint8Array): Promise<DocxFile> {
  const zip = await JSZip.loadAsync(typeof file === 'string' ? await readFile(file) : file);
  const parts = new Map<string, string>();
  const dates: Date[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    dates.push(zip.files[name]!.date);
    if (/\.(xml|rels)$/.test(name)) parts.set(name, await zip.files[name]!.async('string'));
  }
  return { parts, dates };
}

/** XML character references (named and numeric) as text: the `entities` package the build uses too. */
const decode = decodeXML;

/** The text of a part as Word shows it: each paragraph a line, tabs and breaks kept; field instructions left out. */
export function docxText(xml: string): string {
  return [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)]
    .map((p) =>
      [...(p[1] ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:tab/>' ? '\t' : m[0] === '<w:br/>' ? '\n' : decode(m[1] ?? '')))
        .join(''),
    )
    .join('\n');
}

/** The text of the body, headers and footers of a file. */
export function allText(file: DocxFile): string {
  return [...file.parts]
    .filter(([n]) => /^word\/(document|header\d*|footer\d*|footnotes)\.xml$/.test(n))
    .map(([, xml]) => docxText(xml))
    .join('\n');
}

/** Every `w:r` of a part with its properties (`''` when it has none). */
export function runsOf(xml: string): { props: string; body: string }[] {
  return [...xml.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)].map((m) => {
    const props = /^<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(m[1]!)?.[1] ?? '';
    return { props, body: m[1]!.slice(props ? props.length + '<w:rPr></w:rPr>'.length : 0) };
  });
}

/** Content controls of a part: their tag, their type (`text`, `checkbox`, or `rich`) and their placeholder's text. */
export function controlsOf(xml: string): { tag: string; type: 'text' | 'checkbox' | 'rich'; text: string }[] {
  return [...xml.matchAll(/<w:sdt>(<w:sdtPr>[\s\S]*?<\/w:sdtPr>)<w:sdtContent>([\s\S]*?)<\/w:sdtContent><\/w:sdt>/g)]
    .filter((m) => !m[1]!.includes('w:docPartObj'))
    .map((m) => ({
      tag: /<w:tag w:val="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
      type: m[1]!.includes('<w14:checkbox>') ? 'checkbox' : m[1]!.includes('<w:text') ? 'text' : 'rich',
      text: docxText(`<w:p>${m[2]!.replace(/<\/?w:p\b[^>]*>/g, '')}</w:p>`),
    }));
}
