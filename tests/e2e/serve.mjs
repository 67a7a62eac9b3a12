// A static server for the end-to-end tests, standing in for a regency's web
// server: it serves the built widget (dist/) and the test host pages, with the
// headers a test asks for (a strict CSP, CORS), and forwards /api/ to the
// reference receiver so the demo page's relative endpoint works as in `trunk serve`.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

/**
 * Starts a server on 127.0.0.1 (port 0 = any free port).
 * roots: folders searched in order for a path; headers(pathname) -> extra headers;
 * receiver: "http://127.0.0.1:PORT" to forward /api/ to, or null; or a function
 * returning one, for a receiver started after the server (it must know the
 * server's origin to allow it).
 */
export function startServer({ roots, headers = () => ({}), receiver = null, port = 0 }) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    const target = typeof receiver === "function" ? receiver() : receiver;
    if (target && url.pathname.startsWith("/api/")) {
      forward(request, response, target);
      return;
    }
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, "") || "index.html";
    for (const root of roots) {
      const file = path.resolve(root, relative);
      if (!file.startsWith(path.resolve(root))) break;
      if (fs.existsSync(file) && fs.statSync(file).isFile()) {
        response.writeHead(200, {
          "Content-Type": types[path.extname(file)] ?? "application/octet-stream",
          "Cache-Control": "no-store",
          ...headers(url.pathname),
        });
        fs.createReadStream(file).pipe(response);
        return;
      }
    }
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("not found");
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

function forward(request, response, receiver) {
  const target = new URL(request.url, receiver);
  const upstream = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on("error", () => {
    response.writeHead(502, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ error: { code: "receiver_unreachable", message: "receiver unreachable" } }));
  });
  request.pipe(upstream);
}

// `node tests/e2e/serve.mjs [port]` serves dist/ by hand, for poking at a build.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 8081);
  const { origin } = await startServer({ roots: ["dist"], port, receiver: "http://127.0.0.1:8787" });
  console.log(`serving dist/ at ${origin}`);
}
