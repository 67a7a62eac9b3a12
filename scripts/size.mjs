// Size benchmark: what a host page downloads to show the widget, raw, gzip and
// brotli (quality 11, as a web server's static pre-compression would use).
// Run through `scripts/size`, which builds the release bundle first.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = process.argv[2] ?? "dist";
const budget = 100 * 1024;

// The loader, the glue and the wasm it fetches, the snippet the glue imports,
// and the config the widget fetches before it can show the form (Bengkalis's).
const files = ["aduan-widget.js", "aduan.js", "aduan_bg.wasm", "config/bengkalis.json"];
for (const entry of fs.readdirSync(path.join(dist, "snippets"), { recursive: true })) {
  if (entry.endsWith(".js")) files.push(path.join("snippets", entry));
}

const rows = files.map((file) => {
  const bytes = fs.readFileSync(path.join(dist, file));
  return {
    file,
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
});
const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const width = Math.max(...files.map((f) => f.length), 5);
console.log(`${"file".padEnd(width)}  ${"raw KB".padStart(8)}  ${"gzip KB".padStart(8)}  ${"brotli KB".padStart(9)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)}  ${kb(r.raw)}  ${kb(r.gzip)}  ${kb(r.brotli).padStart(9)}`);
console.log(`${"total".padEnd(width)}  ${kb(total.raw)}  ${kb(total.gzip)}  ${kb(total.brotli).padStart(9)}`);
console.log(`budget: ${(budget / 1024).toFixed(0)} KB brotli; ${total.brotli <= budget ? "within" : "OVER"} by ${kb(Math.abs(budget - total.brotli)).trim()} KB`);
