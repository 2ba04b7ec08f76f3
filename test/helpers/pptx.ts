/** Reading a PPTX back: its XML parts, its slides in presentation order, their text. */
import { decodeXML } from 'entities';
import { readFile } from 'node:fs/promises';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';

export interface PptxFile {
  /** Every XML part by name (`ppt/slides/slide1.xml`). */
  parts: Map<string, string>;
  /** Slide parts in the order of `p:sldIdLst`. */
  slides: string[];
  /** Each slide's layout part (what the layout draws on it: footer, stamp). */
  layouts: string[];
}

/** XML character references (named and numeric) as text: the `entities` package the build uses too. */
const decode = decodeXML;

export async function readPptx(file: string): Promise<PptxFile> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) if (/\.(xml|rels)$/.test(name)) parts.set(name, await zip.files[name]!.async('string'));
  const presentation = parts.get('ppt/presentation.xml') ?? '';
  const rels = parts.get('ppt/_rels/presentation.xml.rels') ?? '';
  const target = new Map([...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1]!, `ppt/${m[2]!}`]));
  const slideNames = [...presentation.matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)].map((m) => target.get(m[1]!) ?? '');
  const layouts = slideNames.map((name) => {
    const slideRels = parts.get(name.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels')) ?? '';
    const layout = /Target="\.\.\/slideLayouts\/(slideLayout\d+\.xml)"/.exec(slideRels)?.[1];
    return layout ? (parts.get(`ppt/slideLayouts/${layout}`) ?? '') : '';
  });
  return { parts, slides: slideNames.map((n) => parts.get(n) ?? ''), layouts };
}

/** The text of a part: every `a:t`, in order, joined (entities decoded). */
export function partText(xml: string, sep = ''): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)).join(sep);
}

/** The shape holding the slide's title placeholder (`p:ph type="title"`), or undefined. */
export function titleShapes(slideXml: string): string[] {
  return [...slideXml.matchAll(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<p:ph\b[^>]*type="title"[\s\S]*?<\/p:sp>/g)].map((m) => m[0]);
}

/** Parses XML strictly: a warning or error of the parser is thrown. */
export function parseStrict(xml: string, name: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
}
