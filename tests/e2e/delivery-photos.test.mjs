// Photos leave the phone small and without their EXIF: a camera JPEG with a GPS
// position is scaled to 1600 px and re-encoded before it is sent, a PNG becomes
// a JPEG too, the chosen file's thumbnail and remove button work by keyboard,
// and a PDF goes as chosen. Sent here through the multipart (Laravel-style) backend.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  startReceiver,
  startSite,
  sqlText,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  settledFocus,
  focusInWidget,
  shownText,
  eventually,
  tinyPng,
} from "./harness.mjs";
import { DELIVERY, deliveryConfig, pageWithConfig, jpegSegments, jpegSize, withExifGps, drawnImage, openForm } from "./delivery-harness.mjs";

let browser, receiver, site, url;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  url = pageWithConfig(
    site,
    "delivery-photos.json",
    deliveryConfig({ default: "sipadu", backends: { sipadu: { type: "multipart", url: receiver.endpoint } } }),
  );
  browser = await launchBrowser();
});

/** The files stored with the complaint titled `title`, bytes as a Buffer. */
function filesOf(title) {
  return receiver
    .query(
      `SELECT a.position, a.name, a.mime, a.size, hex(a.data) AS hex FROM attachments a JOIN complaints c ON c.id = a.complaint_id
       WHERE c.title = ${sqlText(title)} ORDER BY a.position`,
    )
    .map(({ hex, ...file }) => ({ ...file, data: Buffer.from(hex, "hex") }));
}

const has = (bytes, text) => bytes.includes(Buffer.from(text, "latin1"));

test("a 2400×1800 camera JPEG with a GPS position arrives as a 1600×1200 JPEG with no EXIF at all", async () => {
  const { page, form, close } = await openForm(browser, url);
  const camera = withExifGps(await drawnImage(page, { width: 2400, height: 1800 }), { make: "AduanUjiKamera" });
  // The fixture is what a phone writes: EXIF with GPS right after SOI, full size.
  assert.equal(jpegSegments(camera)[0].marker, 0xffe1);
  assert.ok(has(camera, "Exif\0\0") && has(camera, "AduanUjiKamera"));
  assert.deepEqual(jpegSize(camera), { width: 2400, height: 1800 });

  const answers = sampleComplaint({
    title: `Jalan amblas di Desa Bantan Air ${Date.now()}`,
    files: [{ name: "IMG_20261114_071233.jpg", mimeType: "image/jpeg", buffer: camera }],
  });
  await fillComplaint(form, answers);
  await form.getByText(DELIVERY.photoScaled, { exact: false }).waitFor();
  await form.getByRole("img", { name: "Pratinjau IMG_20261114_071233.jpg" }).waitFor();
  await fields(form).submit.click();
  await receiptNumber(form);

  const [photo, ...more] = filesOf(answers.title);
  assert.deepEqual(more, [], "one file");
  assert.equal(photo.name, "IMG_20261114_071233.jpg");
  assert.equal(photo.mime, "image/jpeg");
  assert.equal(photo.size, photo.data.length);
  assert.ok(photo.data.length < camera.length, `smaller than the original (${photo.data.length} ≥ ${camera.length} bytes)`);
  const markers = jpegSegments(photo.data).map(({ marker }) => marker.toString(16));
  assert.ok(!markers.includes("ffe1"), `no APP1 (EXIF or XMP) segment: ${markers}`);
  assert.ok(!has(photo.data, "Exif\0\0"), "no EXIF header anywhere");
  assert.ok(!has(photo.data, "AduanUjiKamera"), "no camera make");
  assert.ok(!photo.data.includes(Buffer.from([0x25, 0x88, 0x04, 0x00])), "no GPS IFD pointer tag");
  assert.deepEqual(jpegSize(photo.data), { width: 1600, height: 1200 }, "the longest side is 1600 px, the shape kept");
  await close();
});

test("a PNG is sent as name.jpg; its thumbnail shows and \"Hapus name.jpg\" removes it by keyboard, focus back on the file input", async () => {
  const { page, form, close } = await openForm(browser, url);
  const plan = await drawnImage(page, { width: 1000, height: 800, type: "image/png" });
  const chosen = { name: "denah-lokasi.png", mimeType: "image/png", buffer: plan };
  const answers = sampleComplaint({ title: `Drainase tersumbat ${Date.now()}`, files: [chosen] });
  await fillComplaint(form, answers);
  await form.getByRole("img", { name: "Pratinjau denah-lokasi.jpg" }).waitFor();
  const listed = form.getByRole("listitem").filter({ hasText: "denah-lokasi" });
  assert.match(await shownText(listed), /^denah-lokasi\.jpg .*diperkecil, data lokasi di foto dihapus/, "listed under its new name, marked scaled");

  // From the file input, Tab reaches the remove button; Enter removes the file.
  await fields(form).attachments.focus();
  await page.keyboard.press("Tab");
  const onButton = await focusInWidget(page);
  assert.equal(onButton.tag, "button");
  assert.equal(onButton.text, "Hapus denah-lokasi.jpg", "Tab from the file input reaches its remove button");
  await page.keyboard.press("Enter");
  await form.getByRole("button", { name: "Hapus denah-lokasi.jpg" }).waitFor({ state: "detached" });
  assert.equal(await form.getByRole("img", { name: "Pratinjau denah-lokasi.jpg" }).count(), 0);
  const back = await settledFocus(page, (focus) => focus.id === "aduan-attachments");
  assert.equal(back.id, "aduan-attachments", `focus returns to the file input, not ${JSON.stringify(back)}`);

  // Chosen again and sent: a JPEG named .jpg, at its own size (never enlarged).
  await fields(form).attachments.setInputFiles([chosen]);
  await form.getByRole("img", { name: "Pratinjau denah-lokasi.jpg" }).waitFor();
  await fields(form).submit.click();
  await receiptNumber(form);
  const [file] = filesOf(answers.title);
  assert.deepEqual([file.name, file.mime], ["denah-lokasi.jpg", "image/jpeg"]);
  assert.deepEqual(jpegSize(file.data), { width: 1000, height: 800 });
  await close();
});

test("a PDF is sent as chosen, byte for byte, next to a scaled photo", async () => {
  const { page, form, close } = await openForm(browser, url);
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");
  const photo = await drawnImage(page, { width: 1800, height: 2400 });
  const answers = sampleComplaint({
    title: `Surat keterangan ditolak ${Date.now()}`,
    files: [
      { name: "surat.pdf", mimeType: "application/pdf", buffer: pdf },
      { name: "loket.jpeg", mimeType: "image/jpeg", buffer: photo },
    ],
  });
  await fillComplaint(form, answers);
  await form.getByRole("img", { name: "Pratinjau loket.jpg" }).waitFor();
  assert.equal(await form.getByRole("img", { name: /surat/ }).count(), 0, "no thumbnail for a PDF");
  await fields(form).submit.click();
  await receiptNumber(form);
  const files = filesOf(answers.title);
  assert.deepEqual(
    files.map(({ position, name, mime }) => ({ position, name, mime })),
    [
      { position: 0, name: "surat.pdf", mime: "application/pdf" },
      { position: 1, name: "loket.jpg", mime: "image/jpeg" },
    ],
  );
  assert.ok(files[0].data.equals(pdf), "the PDF's bytes unchanged");
  assert.deepEqual(jpegSize(files[1].data), { width: 1200, height: 1600 }, "a portrait photo keeps its shape");
  await close();
});

test("a file of a type not allowed, a PDF over 5 MB and a fourth file each get a clear message, at once and on sending, and nothing typed is lost", async () => {
  const { page, form, close } = await openForm(browser, url);
  const answers = sampleComplaint({ title: `Papan nama jalan hilang ${Date.now()}` });
  await fillComplaint(form, answers);
  const f = fields(form);
  // The message under the file input, without its "Kesalahan:" prefix for screen readers.
  const errorFor = async () => (await shownText(form.locator("#aduan-attachments-error"))).replace(/^Kesalahan:\s*/, "");

  await f.attachments.setInputFiles([{ name: "program.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") }]);
  await eventually(async () => /Berkas program\.exe harus berupa foto atau dokumen yang diizinkan/.test(await errorFor()), {
    what: "the type message under the file input",
  });
  await f.submit.click();
  const summary = form.getByRole("alert").filter({ hasText: "Ada masalah" });
  await summary.waitFor();
  assert.match(await shownText(summary), /Berkas program\.exe harus berupa foto atau dokumen yang diizinkan/);
  assert.equal(await f.title.inputValue(), answers.title, "the answers stay");
  await form.getByRole("button", { name: "Hapus program.exe" }).click();

  const large = Buffer.concat([Buffer.from("%PDF-1.4\n", "latin1"), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)]);
  await f.attachments.setInputFiles([{ name: "laporan-lengkap.pdf", mimeType: "application/pdf", buffer: large }]);
  await eventually(async () => /Berkas laporan-lengkap\.pdf harus lebih kecil dari 5 MB/.test(await errorFor()), {
    what: "the size message",
  });
  await form.getByRole("button", { name: "Hapus laporan-lengkap.pdf" }).click();

  const png = (name) => ({ name, mimeType: "image/png", buffer: tinyPng() });
  await f.attachments.setInputFiles([png("satu.png"), png("dua.png"), png("tiga.png"), png("empat.png")]);
  await eventually(async () => /Pilih paling banyak 3 berkas/.test(await errorFor()), { what: "the count message" });
  await form.getByRole("button", { name: "Hapus empat.jpg" }).click();
  await eventually(async () => (await errorFor()) === "", { what: "the message to go once the files are within the limits" });

  await f.submit.click();
  await receiptNumber(form);
  assert.deepEqual(
    filesOf(answers.title).map((file) => file.name),
    ["satu.jpg", "dua.jpg", "tiga.jpg"],
    "the three photos arrive",
  );
  await close();
});
