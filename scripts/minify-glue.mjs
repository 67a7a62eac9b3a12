// Trunk post-build hook: minifies the wasm-bindgen glue (aduan.js) with terser.
// Trunk's own minifier cannot parse that file, and unminified it is a third of
// what the host page downloads besides the wasm. Only release builds are touched.
import fs from "node:fs";
import path from "node:path";
import { minify } from "terser";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
const file = path.join(process.env.TRUNK_STAGING_DIR ?? "dist", "aduan.js");
const source = fs.readFileSync(file, "utf8");
const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
fs.writeFileSync(file, result.code);
