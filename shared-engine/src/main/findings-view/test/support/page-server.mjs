// A loopback HTTP server for the test page: the bundle, its stylesheet and a host page carrying a
// report in a JSON data block, all sent with the CSP the Jenkins and Azure DevOps hosts are close to.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { bundleDirectory, harnessDirectory } from './paths.mjs';

export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:";

const STATIC = {
  '/findings-view.js': [bundleDirectory, 'text/javascript'],
  '/findings-view.css': [bundleDirectory, 'text/css'],
  '/violations.js': [harnessDirectory, 'text/javascript'],
  '/host.js': [harnessDirectory, 'text/javascript'],
};

/** JSON that cannot end the data block it sits in, whatever the strings inside hold. */
function dataBlockJson(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function hostPage(report) {
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Container Security</title>'
    + '<script src="/violations.js"></script><link rel="stylesheet" href="/findings-view.css">'
    + '<script src="/findings-view.js"></script></head><body><main id="view"></main>'
    + '<script type="application/json" id="report">' + dataBlockJson(report ?? null) + '</script>'
    + '<script src="/host.js"></script></body></html>';
}

/** Starts the server; reports are registered by name and served at /case/NAME. */
export async function startPageServer() {
  const reports = new Map();
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    requests.push(path);
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    try {
      if (STATIC[path]) {
        const [directory, type] = STATIC[path];
        const body = await readFile(resolve(directory, path.slice(1)));
        res.writeHead(200, { ...headers, 'Content-Type': type + '; charset=utf-8' }).end(body);
      } else if (path === '/favicon.ico') {
        res.writeHead(204, headers).end();
      } else if (path.startsWith('/case/') && reports.has(path.slice(6))) {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(hostPage(reports.get(path.slice(6))));
      } else {
        res.writeHead(404, headers).end();
      }
    } catch (e) {
      res.writeHead(500, headers).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = 'http://127.0.0.1:' + server.address().port;
  return {
    origin,
    requests,
    url(name, query = '') {
      return origin + '/case/' + encodeURIComponent(name) + (query ? '?' + query : '');
    },
    add(name, report) {
      reports.set(name, report);
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
