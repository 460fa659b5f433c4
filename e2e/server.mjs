// A tiny static file server for the built app, used by the end-to-end tests,
// the benchmark and scripts/serve.sh. Node's standard library only, so it
// needs nothing installed beyond node itself.
//
// It can serve a build under a sub-path (prefix "/insyn/") the way a static
// host such as GitHub Pages serves a project site, which is how the
// sub-path build (trunk --public-url /insyn/) is tested.
//
// CLI: node e2e/server.mjs [--root dist] [--prefix /] [--host 127.0.0.1] [--port 8080]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Browsers refuse WebAssembly.instantiateStreaming unless the wasm is served
// as application/wasm, and module scripts need a JavaScript MIME type.
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

// The headers a static host should send with every response (README, "Static
// hosting", has the nginx equivalent). The policy is the one in index.html's
// meta tag plus frame-ancestors, which only works as a header: it stops other
// sites from framing the app (clickjacking). e2e/integrity.test.mjs checks
// that this, the meta tag and the README agree.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; " +
  "frame-ancestors 'none'";
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function normalizePrefix(prefix) {
  let p = prefix || '/';
  if (!p.startsWith('/')) p = '/' + p;
  if (!p.endsWith('/')) p += '/';
  return p;
}

/**
 * Starts serving `root` under `prefix`. Port 0 picks a free port.
 * Resolves to { url, port, close() }; `url` ends with the prefix.
 */
export async function startServer({ root, prefix = '/', host = '127.0.0.1', port = 0, log = false } = {}) {
  const rootDir = path.resolve(root);
  const base = normalizePrefix(prefix);

  const server = createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      // The bare prefix without its slash (/insyn) redirects, as static hosts do.
      if (base !== '/' && pathname === base.slice(0, -1)) {
        res.writeHead(301, { Location: base, ...SECURITY_HEADERS });
        return res.end();
      }
      if (!pathname.startsWith(base)) return send(404, 'not found\n');

      let rel = pathname.slice(base.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.resolve(rootDir, rel);
      // Refuse anything that resolves outside the served directory (../ tricks).
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden\n');

      let info = await stat(file).catch(() => null);
      let target = file;
      if (info && info.isDirectory()) {
        target = path.join(file, 'index.html');
        info = await stat(target).catch(() => null);
      }
      if (!info || !info.isFile()) return send(404, 'not found\n');

      const body = await readFile(target);
      const type = MIME[path.extname(target).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`${req.method} ${req.url} 200`);
    } catch (err) {
      send(500, `internal error: ${err.message}\n`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    url: `http://${host}:${actualPort}${base}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function parseArgs(argv) {
  const opts = { root: 'dist', prefix: '/', host: '127.0.0.1', port: 8080 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts)) throw new Error(`unknown option ${argv[i]}`);
    opts[key] = key === 'port' ? Number(argv[++i]) : argv[++i];
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  const srv = await startServer({ ...opts, log: true });
  console.log(`Serving ${path.resolve(opts.root)} at ${srv.url} (Ctrl-C to stop)`);
}
