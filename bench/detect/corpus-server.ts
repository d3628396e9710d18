/**
 * Serves the login-form corpus on 127.0.0.1 with its labels taken out before any page reaches the
 * browser: every `data-fathom="…"` attribute becomes `data-cf-label-id="<n>"`, and the label it
 * carried goes into a map kept here, in Node. The detector never reads data-* attributes; the
 * scorer looks the ids up after detection. A page that would still contain "data-fathom" after
 * stripping is refused (500), so a label cannot leak by a quoting form the regex missed.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export type Label = 'username' | 'password' | 'next';

export interface CorpusServer {
  origin: string;
  /** label id → label, for every page and frame served so far. */
  labels: Map<string, Label>;
  /** label ids served with each path (e.g. "positive/14.html"). */
  labelsOf(path: string): string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

const FATHOM_ATTR = /\sdata-fathom\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** Replace each label by an opaque id; returns the page and the ids with their labels. */
export function stripLabels(
  html: string,
  prefix: string,
): { html: string; found: Array<[string, Label]> } {
  const found: Array<[string, Label]> = [];
  const stripped = html.replace(FATHOM_ATTR, (_m, dq?: string, sq?: string, bare?: string) => {
    const id = `${prefix}#${found.length}`;
    found.push([id, (dq ?? sq ?? bare ?? '').trim().toLowerCase() as Label]);
    return ` data-cf-label-id="${id}"`;
  });
  return { html: stripped, found };
}

export async function startCorpusServer(root: string): Promise<CorpusServer> {
  const labels = new Map<string, Label>();
  const byPath = new Map<string, string[]>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = join(root, path);
      if (!file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let body: Buffer | string;
      try {
        body = await readFile(file);
      } catch {
        res.writeHead(404).end();
        return;
      }
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) {
        const rel = path.replace(/^[/\\]+/, '');
        const { html, found } = stripLabels(body.toString('utf8'), rel);
        if (/data-fathom/i.test(html)) {
          res.writeHead(500).end('label left in page');
          return;
        }
        for (const [id, label] of found) labels.set(id, label);
        byPath.set(
          rel,
          found.map(([id]) => id),
        );
        body = html;
      }
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    labels,
    labelsOf: (path) => byPath.get(path) ?? [],
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
