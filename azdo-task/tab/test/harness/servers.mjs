// The HTTP ends of the tab tests, each on its own loopback origin like in Azure DevOps:
// the host page, the extension's static files, and the Build REST API of a collection.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const CONTENT_TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({
      origin: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
    }));
  });
}

/** Serves the named files (URL path -> {body, type}) and 404 for anything else. */
export function startFileServer(files) {
  return listen((request, response) => {
    const file = files[new URL(request.url, "http://x").pathname];
    if (!file) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": file.type, "Cache-Control": "no-store" }).end(file.body);
  });
}

/** The files of a directory under a URL prefix, with content types by extension. */
export function directoryFiles(prefix, directory, names) {
  const files = {};
  for (const name of names) {
    files[`${prefix}${name}`] = { body: readFileSync(join(directory, name)), type: CONTENT_TYPES[name.slice(name.lastIndexOf("."))] };
  }
  return files;
}

/**
 * The two Build REST routes the tab uses, under collectionPath ("/org/" on Services, "/tfs/DefaultCollection/" on
 * Server), for one project and build. Cross-origin like the real thing: CORS for allowedOrigin only, a Bearer token
 * required, an api-version required in Accept. attachments: [{timelineId, recordId, name, body: Buffer}];
 * listStatus: answer the list with this status instead (404: the build has no such attachments).
 * Every request lands in `requests` as {method, path, accept, authorization, origin}.
 */
export async function startBuildRestServer({ allowedOrigin, token, collectionPath, projectId, buildId, attachments, listStatus }) {
  const requests = [];
  const buildPath = `${collectionPath}${projectId}/_apis/build/builds/${buildId}/`;
  const listPath = `${buildPath}attachments/portcullis.report`;
  let server;
  const contentPath = (a) => `${buildPath}${a.timelineId}/${a.recordId}/attachments/portcullis.report/${encodeURIComponent(a.name)}`;

  server = await listen((request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    requests.push({ method: request.method, path, accept: request.headers.accept, authorization: request.headers.authorization,
      origin: request.headers.origin });
    const cors = request.headers.origin === allowedOrigin ? { "Access-Control-Allow-Origin": allowedOrigin, Vary: "Origin" } : { Vary: "Origin" };
    const answer = (status, headers, body) => response.writeHead(status, { ...cors, ...headers }).end(body);
    const json = (status, value) => answer(status, { "Content-Type": "application/json; charset=utf-8" }, JSON.stringify(value));

    if (request.method === "OPTIONS") {
      answer(204, {
        "Access-Control-Allow-Methods": "GET",
        "Access-Control-Allow-Headers": "accept, authorization, content-type, x-tfs-fedauthredirect, x-tfs-session, x-vss-reauthenticationaction",
        "Access-Control-Max-Age": "600",
      });
      return;
    }
    if (request.headers.authorization !== `Bearer ${token}`) {
      json(401, { message: "TF400813: The user is not authorized to access this resource." });
      return;
    }
    const accept = request.headers.accept || "";
    if (!/;\s*api-version=[0-9]/.test(accept)) {
      json(400, { message: "No api-version was supplied for the request." });
      return;
    }
    if (request.method === "GET" && path === listPath) {
      if (listStatus) {
        json(listStatus, { message: `status ${listStatus} from the test server` });
        return;
      }
      const list = attachments.map((a) => ({ name: a.name, _links: { self: { href: server.origin + contentPath(a) } } }));
      json(200, accept.includes("noArrayWrap=true") ? list : { count: list.length, value: list });
      return;
    }
    const attachment = attachments.find((a) => contentPath(a) === path);
    if (request.method === "GET" && attachment) {
      answer(200, { "Content-Type": "application/octet-stream" }, attachment.body);
      return;
    }
    json(404, { message: `no route ${path}` });
  });
  return { ...server, requests };
}
