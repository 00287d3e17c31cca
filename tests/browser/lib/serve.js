'use strict';
// A static file server for the built site, on 127.0.0.1 and a free port. It serves only
// what is under root, answers a missing path with the 404 page of that path's language
// (as a static host would be configured to), and sets no cookie and no caching header.

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// resolve maps a URL path to a file under root, or null.
function resolve(root, urlPath) {
  let p;
  try {
    p = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = path.join(root, path.normalize(p));
  if (!file.startsWith(root)) { return null; }
  for (const candidate of [file, path.join(file, 'index.html')]) {
    try {
      if (fs.statSync(candidate).isFile()) { return candidate; }
    } catch { /* try the next one */ }
  }
  return null;
}

// notFound picks the 404 page of the language the path is in (/en/... → en/404.html).
function notFound(root, urlPath) {
  const first = urlPath.split('/')[1] || '';
  const own = path.join(root, first, '404.html');
  if (first && fs.existsSync(own)) { return own; }
  return path.join(root, '404.html');
}

/**
 * serve starts the server and resolves to { origin, close }.
 * @param {string} root absolute path of public/
 */
function serve(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    let file = resolve(root, req.url);
    let status = 200;
    if (!file) {
      status = 404;
      file = notFound(root, req.url);
    }
    const type = types[path.extname(file)] || 'application/octet-stream';
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(err));
        return;
      }
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

module.exports = { serve };
