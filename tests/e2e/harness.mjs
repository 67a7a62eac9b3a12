// Shared plumbing for the end-to-end tests: the reference receiver on a free
// port with a throwaway SQLite file, static servers for the built widget and the
// test host pages, one Chromium per test file, and the listeners that collect
// console errors and Content-Security-Policy violations.
//
// Everything started here is registered and stopped by an `after()` hook that
// this module installs in the test file that imports it, so it runs even when
// tests fail; a last-resort `exit` handler kills any receiver left behind.
// The harness never builds: dist/ and target/debug/aduan-receiver must exist.
import { after } from "node:test";
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

import { startServer } from "./serve.mjs";

export const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST = path.join(ROOT, "dist");
export const HOSTS = path.join(ROOT, "tests/e2e/hosts");
export const CONFIG = path.join(ROOT, "config/bengkalis.json");
export const RECEIVER_BIN = path.join(ROOT, "target/debug/aduan-receiver");

for (const [file, how] of [
  [path.join(DIST, "aduan_bg.wasm"), "PATH=\"$PWD/node_modules/.bin:$PATH\" trunk build --release"],
  [RECEIVER_BIN, "cargo build -p aduan-receiver"],
]) {
  if (!fs.existsSync(file)) {
    throw new Error(`end-to-end tests need ${path.relative(ROOT, file)}; build it first with: ${how}`);
  }
}

// ---------------------------------------------------------------------------
// Cleanup: everything started is stopped in this order (pages before the
// browser, the browser before the servers it talks to).

const running = { contexts: new Set(), browsers: new Set(), servers: new Set(), receivers: new Set(), dirs: new Set() };

export async function stopAll() {
  const errors = [];
  const settle = async (set, stop) => {
    for (const item of [...set]) {
      try {
        await stop(item);
      } catch (error) {
        errors.push(error);
      }
      set.delete(item);
    }
  };
  await settle(running.contexts, (context) => context.close());
  await settle(running.browsers, (browser) => browser.close());
  await settle(running.servers, (server) => server.stop());
  await settle(running.receivers, (receiver) => receiver.stop());
  await settle(running.dirs, (dir) => fs.promises.rm(dir, { recursive: true, force: true }));
  if (errors.length) throw new AggregateError(errors, "cleanup failed");
}

after(async () => {
  await stopAll();
  // Everything should be closed now; if a handle still holds the process open,
  // say so and fail rather than hang the suite.
  setTimeout(() => {
    console.error("e2e harness: something was still running 10 s after cleanup; exiting");
    process.exit(1);
  }, 10_000).unref();
});
process.on("exit", () => {
  for (const receiver of running.receivers) receiver.child?.kill("SIGKILL");
});

export function tempDir(prefix = "aduan-e2e-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  running.dirs.add(dir);
  return dir;
}

/** Waits until `check()` (in node) returns something truthy; fails after `timeout` ms. */
export async function eventually(check, { timeout = 5000, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A port nothing listens on (bound, then released), for "the server is down". */
export async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ---------------------------------------------------------------------------
// The reference receiver.

/**
 * Starts target/debug/aduan-receiver with a fresh SQLite file.
 * allowOrigins: origins passed as --allow-origin; config: the config it checks
 * complaints against (default: the shipped Bengkalis config); args: more
 * switches, such as ["--faults"] or ["--open311-api-key", "k"].
 */
export async function startReceiver({ allowOrigins = [], config = CONFIG, port = 0, db, args: extra = [] } = {}) {
  const receiver = {
    db: db ?? path.join(tempDir(), "aduan.sqlite"),
    child: null,
    origin: null,
    port,
    log: "",
    get endpoint() {
      return `${this.origin}/api/complaints`;
    },
    /** Runs `sql` with the sqlite3 tool; rows as objects. */
    query(sql) {
      const out = execFileSync("sqlite3", ["-json", this.db, sql], { encoding: "utf8" }).trim();
      return out ? JSON.parse(out) : [];
    },
    async start() {
      const args = ["--config", config, "--db", this.db, "--listen", `127.0.0.1:${this.port}`];
      for (const origin of allowOrigins) args.push("--allow-origin", origin);
      args.push(...extra);
      const child = spawn(RECEIVER_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
      this.child = child;
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (text) => (this.log += text));
      this.origin = await new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`receiver did not start within 10 s:\n${this.log}`)), 10_000);
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (text) => {
          out += text;
          const found = out.match(/listening on (http:\/\/[^\s]+)/);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        });
        child.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`receiver exited with ${code} before listening:\n${this.log}`));
        });
      });
      this.port = Number(new URL(this.origin).port);
      running.receivers.add(this);
    },
    /** Stops the process; the database stays for the test to read or to restart on. */
    async stop() {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
      running.receivers.delete(this);
    },
  };
  await receiver.start();
  return receiver;
}

/** Quotes a string for SQL. */
export function sqlText(text) {
  return `'${String(text).replaceAll("'", "''")}'`;
}

// ---------------------------------------------------------------------------
// Static servers.

/**
 * Serves the test host pages (rendered from tests/e2e/hosts/, see `render`) and
 * then, if `dist`, the built widget. `headers(pathname)` adds response headers;
 * `receiver` (a function returning an origin) makes /api/ forward to it.
 */
export async function startSite({ dist = true, headers, receiver = null } = {}) {
  const pages = tempDir("aduan-e2e-site-");
  const roots = dist ? [pages, DIST] : [pages];
  const handle = await startServer({ roots, headers, receiver });
  const site = {
    origin: handle.origin,
    dir: pages,
    /**
     * Copies tests/e2e/hosts/ into this site, replacing each {{NAME}} with
     * vars.NAME (a webmaster's page names absolute addresses; the tests only
     * know theirs once the servers are up).
     */
    render(vars = {}) {
      copyRendered(HOSTS, pages, { SELF: handle.origin, ...vars });
      return site;
    },
    url(file) {
      return `${handle.origin}/${file}`;
    },
    async stop() {
      handle.server.closeAllConnections();
      await handle.close();
    },
  };
  running.servers.add(site);
  site.render();
  return site;
}

function copyRendered(from, to, vars) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copyRendered(source, target, vars);
    } else if (/\.(html|json|css|js)$/.test(entry.name)) {
      const text = fs.readFileSync(source, "utf8").replace(/\{\{([A-Z_]+)\}\}/g, (whole, name) => vars[name] ?? whole);
      fs.writeFileSync(target, text);
    } else {
      fs.copyFileSync(source, target);
    }
  }
}

/** Registers a server a test started itself (anything with `stop()`), to be stopped after the file. */
export function registerServer(server) {
  running.servers.add(server);
  return server;
}

/** A tiny server that answers every request with one canned response (and CORS). */
export async function startCannedServer({ status, body, contentType = "application/json" }) {
  const requests = [];
  const server = http.createServer((request, response) => {
    const cors = {
      "Access-Control-Allow-Origin": request.headers.origin ?? "*",
      "Access-Control-Allow-Methods": "POST, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    let received = "";
    request.on("data", (chunk) => (received += chunk));
    request.on("end", () => {
      requests.push({ method: request.method, url: request.url, body: received });
      response.writeHead(status, { "Content-Type": contentType, ...cors });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const canned = {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  running.servers.add(canned);
  return canned;
}

// ---------------------------------------------------------------------------
// The browser.

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  running.browsers.add(browser);
  return browser;
}

/**
 * A fresh browser context and page that record what went wrong on the page:
 * console errors and warnings, uncaught exceptions and `securitypolicyviolation` events
 * (from the document and, because those events are composed, from inside shadow
 * roots). `url`, if given, is opened.
 */
export async function openPage(browser, url, { viewport = { width: 1024, height: 900 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  running.contexts.add(context);
  const seen = { consoleErrors: [], consoleWarnings: [], pageErrors: [], cspViolations: [] };
  await context.exposeFunction("__aduanTestCspViolation", (violation) => seen.cspViolations.push(violation));
  await context.addInitScript(() => {
    window.addEventListener(
      "securitypolicyviolation",
      (event) =>
        window.__aduanTestCspViolation({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
          sample: event.sample,
        }),
      true,
    );
  });
  const page = await context.newPage();
  // Every wait in these tests is for something that takes well under a second.
  page.setDefaultTimeout(10_000);
  page.on("console", (message) => {
    if (message.type() === "warning") {
      seen.consoleWarnings.push(message.text());
      return;
    }
    if (message.type() !== "error") return;
    const where = message.location()?.url;
    seen.consoleErrors.push(where ? `${message.text()} (${where})` : message.text());
  });
  page.on("pageerror", (error) => seen.pageErrors.push(String(error)));
  if (url) await page.goto(url);
  return {
    page,
    context,
    ...seen,
    async close() {
      await context.close();
      running.contexts.delete(context);
    },
  };
}

// ---------------------------------------------------------------------------
// The widget, found the way a citizen finds it: by its words.

/** The Indonesian and English texts the tests look for (from src/messages). */
export const ID = {
  heading: "Sampaikan laporan Anda",
  submit: "Kirim laporan",
  retry: "Coba kirim lagi",
  errorSummary: "Ada masalah",
  receipt: "Laporan terkirim",
  notSent: "Laporan belum terkirim",
  saved: "Laporan tersimpan, belum terkirim",
  sendNow: "Kirim sekarang",
  outbox: "Laporan Anda di perangkat ini",
  configFailed: "Formulir pengaduan tidak dapat dimuat",
};
export const EN = {
  heading: "Send a report",
  submit: "Send report",
  errorSummary: "There is a problem",
  receipt: "Report sent",
};

/** The n-th <aduan-widget> of the page, as a locator that pierces its shadow root. */
export function widget(page, index = 0) {
  return page.locator("aduan-widget").nth(index);
}

/** When each page's form last appeared, for `asPersonWould`. */
const formShownAt = new WeakMap();

/** Waits until the widget's form is on screen (its config loaded and mounted). */
export async function formReady(scope, text = ID) {
  await scope.getByRole("heading", { name: text.heading }).waitFor();
  formShownAt.set(scope.page(), Date.now());
}

/**
 * Waits, if need be, until a person could have written the complaint since the
 * form appeared (formReady) or since `since`: call it before pressing "Kirim
 * laporan" on a form not filled with fillComplaint.
 */
export async function asPersonWould(scope, since = formShownAt.get(scope.page()) ?? Date.now()) {
  await humanPause(since);
}

/** The fields of the Indonesian form, by their labels. */
export function fields(scope) {
  return {
    pengaduan: scope.getByRole("radio", { name: "Pengaduan" }),
    aspirasi: scope.getByRole("radio", { name: "Aspirasi" }),
    title: scope.getByLabel("Judul laporan"),
    description: scope.getByLabel("Isi laporan"),
    day: scope.getByLabel("Tanggal", { exact: true }),
    month: scope.getByLabel("Bulan", { exact: true }),
    year: scope.getByLabel("Tahun", { exact: true }),
    // By role and the start of the name: a photo's thumbnail is labelled with its
    // file name, which may well contain "kecamatan".
    kecamatan: scope.getByRole("combobox", { name: /^Kecamatan/ }),
    desa: scope.getByRole("combobox", { name: /^Desa atau kelurahan/ }),
    locationDetail: scope.getByLabel("Detail lokasi"),
    agency: scope.getByLabel("Instansi tujuan"),
    attachments: scope.getByLabel("Lampiran"),
    anonim: scope.getByRole("checkbox", { name: "Anonim" }),
    rahasia: scope.getByRole("checkbox", { name: "Rahasia" }),
    name: scope.getByLabel("Nama lengkap"),
    phone: scope.getByLabel("Nomor HP atau WhatsApp"),
    email: scope.getByLabel("Email"),
    nik: scope.getByLabel("NIK"),
    submit: scope.getByRole("button", { name: ID.submit }),
  };
}

/** A complete, valid complaint; `overrides` replaces some answers. */
export function sampleComplaint(overrides = {}) {
  return {
    title: `Lampu jalan padam di depan sekolah ${Math.random().toString(36).slice(2, 8)}`,
    description: "Sudah dua minggu lampu jalan di depan SD padam, anak-anak pulang mengaji dalam gelap.",
    day: "14",
    month: "11",
    year: "2026",
    kecamatan: "Rupat",
    desa: "Batu Panjang (kelurahan)",
    locationDetail: "Jalan Pesisir, dekat dermaga",
    agency: "Dinas Perhubungan (Dishub)",
    name: "Siti Aminah",
    phone: "0812-3456-7890",
    ...overrides,
  };
}

/**
 * The widget refuses a form sent sooner than this after it appeared, as a bot's
 * (config `limits.min_fill_seconds`, 3 by default); a person is never that fast.
 */
export const MIN_FILL_MS = 3000;

/** Waits until at least MIN_FILL_MS (and a little) have passed since `since`. */
export async function humanPause(since) {
  const left = MIN_FILL_MS + 150 - (Date.now() - since);
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

/**
 * Fills the form as a citizen would, by label. Missing answers are left empty.
 * Takes at least as long as a person would (see MIN_FILL_MS), so the next
 * press of "Kirim laporan" is not refused as a bot's.
 */
export async function fillComplaint(scope, answers) {
  const started = Date.now();
  const f = fields(scope);
  await f.pengaduan.check();
  for (const key of ["title", "description", "day", "month", "year"]) {
    if (answers[key] !== undefined) await f[key].fill(answers[key]);
  }
  if (answers.kecamatan) await f.kecamatan.selectOption({ label: answers.kecamatan });
  if (answers.desa) await f.desa.selectOption({ label: answers.desa });
  if (answers.locationDetail) await f.locationDetail.fill(answers.locationDetail);
  if (answers.agency) await f.agency.selectOption({ label: answers.agency });
  if (answers.files) await f.attachments.setInputFiles(answers.files);
  if (answers.anonim) await f.anonim.check();
  if (answers.rahasia) await f.rahasia.check();
  for (const key of ["name", "phone", "email", "nik"]) {
    if (answers[key] !== undefined) await f[key].fill(answers[key]);
  }
  await humanPause(started);
}

/**
 * The <label> whose visible text is `text`. Labels keep a hidden "(opsional)"
 * mark in the page, which Playwright's exact text match would count, so the
 * match allows for it.
 */
export function labelFor(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.locator("label").filter({ hasText: new RegExp(`^\\s*${escaped}\\s*(\\(.*\\))?\\s*$`) });
}

/** The text a sighted reader sees in `locator` (innerText: hidden parts left out), spaces tidied. */
export async function shownText(locator) {
  return locator.evaluate((element) => element.innerText.replace(/\s+/g, " ").trim());
}

/** A tracking number as the reference receiver writes it: PREFIX-YYYY-000001. */
export const TRACKING_NUMBER = /^[A-Z0-9]{1,12}-\d{4}-\d{6,}$/;

/** Waits for the receipt and returns the tracking number it shows. */
export async function receiptNumber(scope, text = ID) {
  await scope.getByRole("heading", { name: text.receipt }).waitFor();
  const number = scope.getByText(TRACKING_NUMBER);
  return (await number.textContent()).trim();
}

/**
 * The element focused inside a widget: `document.activeElement` must be the
 * widget, and its shadow root's activeElement is described (tag, id, classes,
 * text) so a failing assertion says where focus went instead.
 */
export async function focusInWidget(page, index = 0) {
  return page.evaluate((index) => {
    const host = document.querySelectorAll("aduan-widget")[index];
    const active = document.activeElement;
    if (active !== host) {
      return { inWidget: false, outside: active ? `${active.tagName.toLowerCase()}#${active.id}` : null };
    }
    const inner = host.shadowRoot.activeElement;
    if (!inner) return { inWidget: true, tag: null };
    return {
      inWidget: true,
      tag: inner.tagName.toLowerCase(),
      id: inner.id,
      classes: [...inner.classList],
      text: inner.innerText.replace(/\s+/g, " ").trim().slice(0, 200),
      value: "value" in inner ? inner.value : undefined,
    };
  }, index);
}

/**
 * Focus after something the widget does a frame later (it focuses the error
 * summary, notice or receipt in the animation frame after rendering them):
 * waits up to `timeout` ms for `accept(focus)`, then returns the focus as it
 * is, so a failing assertion shows where it went instead.
 */
export async function settledFocus(page, accept, { index = 0, timeout = 2000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const focus = await focusInWidget(page, index);
    if (accept(focus) || Date.now() > end) return focus;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Tabs (or shift-tabs) until the focused element in the widget has `id`; fails after `limit` presses. */
export async function tabUntil(page, id, { backwards = false, limit = 40 } = {}) {
  const trail = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const focus = await focusInWidget(page);
    trail.push(focus.inWidget ? `${focus.tag}#${focus.id}` : `outside:${focus.outside}`);
    if (focus.inWidget && focus.id === id) return trail;
  }
  throw new Error(`could not reach #${id} with ${backwards ? "Shift+Tab" : "Tab"}; focus went: ${trail.join(" → ")}`);
}

// ---------------------------------------------------------------------------
// axe.

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Runs axe on the widget(s) only; returns the violations. */
export async function axeViolations(page, include = "aduan-widget") {
  const result = await new AxeBuilder({ page }).include(include).withTags(AXE_TAGS).analyze();
  return result.violations;
}

/** Violations as text a person can act on: rule, impact, help, and each node's target and summary. */
export function describeViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    at ${JSON.stringify(node.target)}\n      ${node.failureSummary?.replace(/\n/g, "\n      ")}\n      ${node.html}`)
        .join("\n");
      return `- ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

// ---------------------------------------------------------------------------
// Test data.

/** A valid 2×2 PNG, generated byte by byte (signature, IHDR, IDAT, IEND with CRCs). */
export function tinyPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0); // width
  ihdr.writeUInt32BE(2, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // Two rows, each a filter byte then two RGB pixels: red, green / blue, white.
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
