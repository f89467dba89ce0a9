// Serves a built playground folder on 127.0.0.1, for a local look (scripts/playground) and for the
// browser test. Static files only, with the types a browser needs (application/wasm for
// WebAssembly's streaming compile). Usage: node serve.mjs DIR [PORT]; PORT 0 picks a free one.
// Prints the page's address on its first line of output.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".map": "application/json",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json",
};

export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error("outside the site");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("not found\n");
    }
  });
  return new Promise((resolveListening, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolveListening({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node serve.mjs DIR [PORT]");
    process.exit(2);
  }
  serve(dir, Number(port ?? 0)).then(
    ({ url }) => console.log(url),
    (error) => {
      console.error(`error: cannot serve ${dir} on 127.0.0.1:${port}: ${error.message}`);
      process.exit(2);
    },
  );
}
