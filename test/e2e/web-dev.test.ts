/**
 * The web page in `dev`: the preview page links it, the server serves it with its fonts and the
 * files it links, and a save of a value it prints is on it once dev is idle again (the planner
 * sees what its view-model reads, and it is made after the outputs it links). The r4 fixture.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type DevServer } from '../../src/app/dev/index.ts';
import { loadEditions } from '../../src/app/editions.ts';
import { WEB_PAGE } from '../../src/outputs/web/index.ts';
import { callBudgetText } from '../../src/stages/render/values.ts';
import { FIXTURE_R4, tempProject, type TempProject } from '../helpers/project.ts';

describe('the web page in dev', () => {
  let project: TempProject;
  let dev: DevServer | undefined;
  const page = () => readFile(path.join(project.paths.outDir, 'r4', WEB_PAGE), 'utf8');

  beforeAll(async () => {
    project = await tempProject([]);
    await cp(FIXTURE_R4, path.join(project.root, 'data', 'r4'), { recursive: true });
    dev = await startDev({ paths: project.paths, port: 0, live: false });
    await dev.idle();
  }, 600_000);

  afterAll(async () => {
    await dev?.close();
    await project?.dispose();
  });

  it('is linked from the preview page and served with its fonts and downloads', async () => {
    const index = await (await fetch(dev!.url)).text();
    const href = /<a href="(\/r4\/web\/index\.html\?v=\d+)"[^>]*>Webページ<\/a>/.exec(index)?.[1];
    expect(href).toBeDefined();
    const res = await fetch(new URL(href!, dev!.url));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toBe(await page());
    const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
    const refs = [...html.matchAll(/(?:href="|url\(')([^"']+)/g)].map((m) => decode(m[1]!)).filter((r) => !/^(#|mailto:|https?:)/.test(r));
    expect(refs.some((r) => r.endsWith('.woff')) && refs.some((r) => r.endsWith('.pdf'))).toBe(true);
    for (const ref of refs) {
      const file = await fetch(new URL(ref, new URL(href!, dev!.url)), { method: 'HEAD' });
      expect(file.status, ref).toBe(200);
    }
  });

  it('shows a saved value once dev is idle again, made after the deck and 公募要領 it links', async () => {
    const order: string[] = [];
    const stop = dev!.on((e) => {
      if (e.type === 'built') order.push(...e.result.rebuilt);
    });
    await project.edit('r4/calls/kyoso.yaml', 'budget: { yen: 25000000, approx: 程度 }', 'budget: { yen: 35000000, approx: 程度 }');
    const [valid] = await loadEditions(project.paths, ['r4'], { text: 'none' });
    const kyoso = valid!.edition.calls.find((c) => c.id === 'kyoso')!;
    const want = callBudgetText(valid!.edition, kyoso, kyoso.types[0]!).replace('.', '&#46;');
    for (let i = 0; i < 1200 && !(await page()).includes(want); i++) await new Promise((r) => setTimeout(r, 100));
    await dev!.idle();
    stop();
    expect(await page()).toContain(want);
    expect(order).toContain('r4/web');
    // After what it links: the slide PDF and the 公募要領 of the call.
    for (const linked of ['r4/slides/pdf', 'r4/guidelines/kyoso']) expect(order.indexOf(linked), linked).toBeLessThan(order.lastIndexOf('r4/web'));
  });
});
