import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { operatorsOf } from '../src/stages/postprocess/artifacts.ts';
const doc = await PDFDocument.load(readFileSync(process.argv[2]!));
for (const [pi, page] of doc.getPages().entries()) {
const c = page.node.get(PDFName.of('Contents'));
const refs = c instanceof PDFArray ? c.asArray() : [c];
for (const r of refs) {
  const s = doc.context.lookup(r) as PDFRawStream;
  const t = Buffer.from(s.dict.get(PDFName.of('Filter')) ? inflateSync(s.contents) : s.contents).toString('latin1');
  const ops = operatorsOf(t);
  if (!ops) { console.log(pi, 'no ops'); continue; }
  const stack: string[] = [];
  const O: Record<string,string> = { q: 'Q', BT: 'ET', BDC: 'EMC', BMC: 'EMC' };
  let bad = '';
  for (const [i, o] of ops.entries()) {
    if (o.name in O) stack.push(o.name);
    else if (['Q','ET','EMC'].includes(o.name)) { const top = stack.pop(); if (!top || O[top] !== o.name) { bad = `at op ${i} ${o.name} top ${top} ctx ${ops.slice(Math.max(0,i-8), i+1).map(x=>x.name).join(' ')}`; break; } }
  }
  console.log(pi, ops.length, bad || (stack.length ? 'unclosed ' + stack.join(',') : 'ok'));
}}
