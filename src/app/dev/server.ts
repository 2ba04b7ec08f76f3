/**
 * The preview server: loopback only, and it serves nothing but the index page,
 * the event stream and files under output/. Anything else — another folder, a
 * `..` path, a symlink out of output/, a dot file such as the build lock or a
 * temporary — is refused, so a page in the user's browser cannot read the
 * machine through it. A Host check keeps DNS-rebinding pages out as well.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const EVENTS_PATH = '/__events';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.woff': 'font/woff',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface PreviewServerOptions {
  outDir: string;
  /** 0 = any free port. */
  port: number;
  /** The index page, rendered per request from the current state. */
  index: () => Promise<string>;
  /** Sent to each new event-stream client first (so a page rendered before the last build can notice). */
  hello: () => { event: string; data: unknown };
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Send an event to every open page. */
  broadcast(event: string, data: unknown): void;
  close(): Promise<void>;
}

/**
 * The file under `outDir` a URL path names, or undefined when it is not one we serve.
 * Exported for tests: the traversal rules are the security boundary.
 */
export function outputFileFor(outDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  // No `..`, no `.`, no dot files (`.kyoso-lock`, `.kyoso-tmp-*`, the manifest).
  if (segments.length === 0 || segments.some((s) => s.startsWith('.'))) return undefined;
  const file = path.resolve(outDir, ...segments);
  const root = path.resolve(outDir) + path.sep;
  return file.startsWith(root) ? file : undefined;
}

function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function startPreviewServer(opts: PreviewServerOptions): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let port = opts.port;

  const allowedHost = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;

  async function serveFile(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    const file = outputFileFor(opts.outDir, urlPath);
    if (!file) return void res.writeHead(404).end();
    let real: string;
    try {
      real = await realpath(file);
      // A symlink inside output/ must not lead out of it.
      const root = (await realpath(opts.outDir)) + path.sep;
      if (!real.startsWith(root) || !(await stat(real)).isFile()) return void res.writeHead(404).end();
    } catch {
      return void res.writeHead(404).end();
    }
    const size = (await stat(real)).size;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      // Outputs change under the same name; the page adds ?v=<build> and the browser must not keep stale copies.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const server: Server = createServer((req, res) => {
    if (!allowedHost(req.headers.host)) return void res.writeHead(403).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === '/' || urlPath === '/index.html') {
      opts.index().then(
        (html) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : html),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(err)),
      );
      return;
    }
    if (urlPath === EVENTS_PATH) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      const hello = opts.hello();
      // retry: how soon the page reconnects after the server restarts.
      res.write(`retry: 500\n\n${sseFrame(hello.event, hello.data)}`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    serveFile(req, res, urlPath).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the preview is for the person at this machine.
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    broadcast(event, data) {
      const frame = sseFrame(event, data);
      for (const c of clients) c.write(frame);
    },
    async close() {
      for (const c of clients) c.end();
      clients.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets of open pages would hold close() forever.
      server.closeAllConnections();
      await closed;
    },
  };
}
