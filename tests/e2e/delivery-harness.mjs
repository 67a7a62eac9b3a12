// Helpers for the delivery tests (delivery-*.test.mjs): configs with a
// `delivery` section written per story, the receiver's fault switch, the
// outbox and draft as the device keeps them, and JPEG bytes read in Node.
//
// Everything else (servers, browser, the form by its labels) comes from
// harness.mjs, which this module only builds on.
import fs from "node:fs";
import path from "node:path";

import { CONFIG, fields, formReady, openPage, shownText, widget } from "./harness.mjs";

/** What the citizen reads, from src/messages/id.rs, for the delivery states. */
export const DELIVERY = {
  sending: "Mengirim laporan…",
  saved: "Laporan tersimpan, belum terkirim",
  temporaryNumber: "Nomor sementara",
  sendNow: "Kirim sekarang",
  editReport: "Ubah laporan",
  discard: "Buang laporan",
  dismiss: "Tutup",
  outbox: "Laporan Anda di perangkat ini",
  another: "Kirim laporan lain",
  restored: "Isian Anda yang belum terkirim dipulihkan. Lampiran tidak ikut tersimpan; pilih lagi bila perlu.",
  clearDraft: "Hapus isian",
  draftCleared: "Isian formulir sudah dihapus dari perangkat ini.",
  undo: "Batalkan",
  editReturned: "Laporan dikembalikan ke formulir. Perbaiki isiannya, lalu kirim lagi.",
  tooFast: "Laporan dikirim terlalu cepat setelah formulir dibuka.",
  trapFilled: "Formulir ini tampaknya diisi oleh program otomatis, jadi tidak dikirim.",
  useLocation: "Gunakan lokasi saya",
  removeLocation: "Jangan kirim titik lokasi",
  locationDenied: "Izin lokasi tidak diberikan. Tulis saja lokasinya di atas.",
  photoScaled: "diperkecil, data lokasi di foto dihapus",
  whatsappTitle: "Kirim lewat WhatsApp",
  whatsappOpen: "Buka WhatsApp",
  emailTitle: "Kirim lewat email",
  emailOpen: "Buka aplikasi email",
  notAnonymous: "Laporan ini Anda tandai Anonim, tetapi penerima pesan tetap dapat melihat nomor atau alamat pengirimnya.",
  handedOff: "Laporan siap dikirim",
  reportNumber: "Nomor laporan",
};

// ---------------------------------------------------------------------------
// Configs.

/**
 * The shipped Bengkalis config (agencies, areas, triage) with `endpoint`
 * replaced by `delivery`, then `change(config)` applied: the config a regency
 * would write to send somewhere else.
 */
export function deliveryConfig(delivery, change = () => {}) {
  const config = JSON.parse(fs.readFileSync(CONFIG, "utf8"));
  delete config.endpoint;
  config.delivery = delivery;
  change(config);
  return config;
}

/**
 * Writes `config` into the site as /config/<name> and returns the address of
 * hosts/delivery.html showing a widget with that config.
 */
export function pageWithConfig(site, name, config) {
  const dir = path.join(site.dir, "config");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), JSON.stringify(config, null, 2));
  return site.url(`delivery.html?config=${encodeURIComponent(`/config/${name}`)}`);
}

/** Opens `url` in a fresh browser context and waits for the form: the tab's handles plus `form`. */
export async function openForm(browser, url, options = {}) {
  const tab = await openPage(browser, url, options);
  const form = widget(tab.page);
  await formReady(form);
  return { ...tab, form };
}

// ---------------------------------------------------------------------------
// The receiver's fault switch (receiver --faults; see receiver/README.md).

async function faults(receiver, method, plan) {
  const response = await fetch(`${receiver.origin}/api/_faults`, {
    method,
    body: plan === undefined ? undefined : JSON.stringify(plan),
  });
  const report = await response.json();
  if (!response.ok) throw new Error(`fault switch refused ${JSON.stringify(plan)}: ${JSON.stringify(report)}`);
  return report;
}

/** Sets a fault plan (replacing the last); returns the switch's report. */
export const setFaults = (receiver, plan) => faults(receiver, "POST", plan);
/** The plan as it stands and the counters since the last reset. */
export const faultReport = (receiver) => faults(receiver, "GET");
/** No faults, counters back to zero. */
export const resetFaults = (receiver) => faults(receiver, "DELETE");

/**
 * Records when each complaint submission reached `receiver` (by the log line
 * it writes per request), as { at: Date.now(), line } in arrival order.
 */
export function watchSubmissions(receiver, pathname = "/api/complaints") {
  const seen = [];
  let partial = "";
  receiver.child.stderr.on("data", (text) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop();
    for (const line of lines) {
      if (line.includes(` POST ${pathname} `)) seen.push({ at: Date.now(), line });
    }
  });
  return seen;
}

// ---------------------------------------------------------------------------
// The widget's delivery states, found by their words.

/** "Laporan Anda di perangkat ini": the outbox list above the form. */
export function outboxList(form) {
  return form.getByRole("region", { name: DELIVERY.outbox });
}

/** The items of the outbox list. */
export function outboxItems(form) {
  return outboxList(form).getByRole("listitem");
}

/** Waits for the saved-not-sent panel and returns the temporary number it shows. */
export async function savedNumber(form) {
  await form.getByRole("heading", { name: DELIVERY.saved }).waitFor();
  await form.getByText(DELIVERY.temporaryNumber).waitFor();
  return (await form.getByText(/^[0-9a-f]{8}$/).textContent()).trim();
}

/** The saved-not-sent panel's sentence: the promise to send it, then where it stands. */
export async function savedStatus(form) {
  return shownText(form.getByText(/^Laporan Anda aman di perangkat ini/));
}

/**
 * Fills the fewest answers a complaint needs, as fast as a script can: an
 * Aspirasi needs no date or place. For hosts with `min_fill_seconds: 0`.
 */
export async function fillQuickly(form, { title, description, name = "Rahmat Hidayat", phone = "0813-1234-5678", anonim = false }) {
  const f = fields(form);
  await f.aspirasi.check();
  await f.title.fill(title);
  await f.description.fill(description);
  if (anonim) {
    await f.anonim.check();
  } else {
    await f.name.fill(name);
    await f.phone.fill(phone);
  }
}

// ---------------------------------------------------------------------------
// What the device keeps.

/**
 * The outbox records in IndexedDB ("aduan" / "outbox"), key → value, or {} if
 * the widget has not made the database (opening it here would make an empty one).
 */
export async function storedOutbox(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("aduan")) return {};
    return new Promise((resolve, reject) => {
      const open = indexedDB.open("aduan");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("outbox")) {
          db.close();
          resolve({});
          return;
        }
        const transaction = db.transaction("outbox");
        const store = transaction.objectStore("outbox");
        const keys = store.getAllKeys();
        const values = store.getAll();
        transaction.oncomplete = () => {
          const out = {};
          keys.result.forEach((key, i) => (out[key] = values.result[i]));
          db.close();
          resolve(out);
        };
        transaction.onerror = () => reject(transaction.error);
      };
    });
  });
}

/** Everything in localStorage, key → value. */
export async function localStore(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])));
}

/** The draft key for the Bengkalis widget without an element id. */
export const DRAFT_KEY = "aduan-draft:14.03";

// ---------------------------------------------------------------------------
// JPEG bytes.

/**
 * The segments of a JPEG before its image data: [{ marker, data }] (marker as
 * a number such as 0xffe1; data without the length bytes). Stops at SOS.
 */
export function jpegSegments(bytes) {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("not a JPEG: no SOI marker");
  const segments = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`not a marker at byte ${at}`);
    const marker = (bytes[at] << 8) | bytes[at + 1];
    if (marker === 0xffd8 || (marker >= 0xffd0 && marker <= 0xffd7) || marker === 0xff01) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    segments.push({ marker, data: bytes.subarray(at + 4, at + 2 + length) });
    if (marker === 0xffda) break;
    at += 2 + length;
  }
  return segments;
}

/** Width and height from the JPEG's start-of-frame segment. */
export function jpegSize(bytes) {
  const frame = jpegSegments(bytes).find(({ marker }) => marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker));
  if (!frame) throw new Error("no start-of-frame segment");
  return { height: frame.data.readUInt16BE(1), width: frame.data.readUInt16BE(3) };
}

/**
 * `jpeg` with an EXIF APP1 segment right after SOI, as a phone camera writes
 * it: IFD0 with the camera's `make` and a pointer to a GPS IFD holding
 * `lat` (south) and `long` (east) as degrees, minutes and seconds.
 */
export function withExifGps(jpeg, { make = "AduanUjiKamera", lat = [1, 28, 3], long = [102, 6, 11] } = {}) {
  // TIFF, little-endian. Layout: header (8) | IFD0 (2 + 2×12 + 4) | GPS IFD (2 + 4×12 + 4) | make | rationals.
  const ifd0At = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsAt = ifd0At + ifd0Size;
  const gpsSize = 2 + 4 * 12 + 4;
  const makeAt = gpsAt + gpsSize;
  const makeBytes = Buffer.from(`${make}\0`, "ascii");
  const latAt = makeAt + makeBytes.length + (makeBytes.length % 2);
  const longAt = latAt + 24;
  const tiff = Buffer.alloc(longAt + 24);
  tiff.write("II", 0, "ascii");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0At, 4);
  const entry = (at, tag, type, count, value) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (typeof value === "string") tiff.write(value, at + 8, "ascii");
    else tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(2, ifd0At);
  entry(ifd0At + 2, 0x010f, 2, makeBytes.length, makeAt); // Make
  entry(ifd0At + 14, 0x8825, 4, 1, gpsAt); // GPSInfo IFD pointer
  tiff.writeUInt32LE(0, ifd0At + 26);
  tiff.writeUInt16LE(4, gpsAt);
  entry(gpsAt + 2, 0x0001, 2, 2, "S"); // GPSLatitudeRef
  entry(gpsAt + 14, 0x0002, 5, 3, latAt); // GPSLatitude
  entry(gpsAt + 26, 0x0003, 2, 2, "E"); // GPSLongitudeRef
  entry(gpsAt + 38, 0x0004, 5, 3, longAt); // GPSLongitude
  tiff.writeUInt32LE(0, gpsAt + 50);
  makeBytes.copy(tiff, makeAt);
  [lat, long].forEach((dms, i) =>
    dms.forEach((value, k) => {
      tiff.writeUInt32LE(value, (i ? longAt : latAt) + k * 8);
      tiff.writeUInt32LE(1, (i ? longAt : latAt) + k * 8 + 4);
    }),
  );
  const body = Buffer.concat([Buffer.from("Exif\0\0", "ascii"), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

/**
 * A `width`×`height` picture drawn in the page (gradients and shapes, so it
 * compresses like a photo, not like a flat colour) and encoded there as `type`.
 */
export async function drawnImage(page, { width, height, type = "image/jpeg", quality = 0.9 }) {
  const dataUrl = await page.evaluate(
    ({ width, height, type, quality }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      const sky = context.createLinearGradient(0, 0, width, height);
      sky.addColorStop(0, "#0b6fa4");
      sky.addColorStop(1, "#f5d76e");
      context.fillStyle = sky;
      context.fillRect(0, 0, width, height);
      for (let i = 0; i < 60; i++) {
        context.fillStyle = `hsl(${(i * 37) % 360} 70% 50% / 0.6)`;
        context.beginPath();
        context.arc((i * 97) % width, (i * 53) % height, 20 + (i % 7) * 15, 0, Math.PI * 2);
        context.fill();
      }
      return canvas.toDataURL(type, quality);
    },
    { width, height, type, quality },
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}
