// A citizen on the demo page fills in every question and sends; the complaint
// must reach the reference receiver's SQLite file exactly as the receipt says.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  openPage,
  startReceiver,
  startSite,
  sqlText,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  tinyPng,
  ID,
} from "./harness.mjs";

let browser, receiver, site;

before(async () => {
  // The demo page is dist/index.html; its config sends to the relative
  // /api/complaints, which the static server forwards to the receiver.
  site = await startSite({ receiver: () => receiver?.origin });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  browser = await launchBrowser();
});

test("a complaint typed in the demo page arrives in SQLite with every answer", async () => {
  const tab = await openPage(browser, site.url("index.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);

  const png = tinyPng();
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");
  const answers = sampleComplaint({
    email: "siti.aminah@contoh.co.id",
    nik: "1403011203850002",
    rahasia: true,
    files: [
      { name: "lampu-padam.png", mimeType: "image/png", buffer: png },
      { name: "surat-rt.pdf", mimeType: "application/pdf", buffer: pdf },
    ],
  });
  await fillComplaint(form, answers);
  // Each chosen file is listed with a button to remove it; the photo under its
  // new name, since it is re-encoded as JPEG.
  await form.getByRole("button", { name: "Hapus lampu-padam.jpg" }).waitFor();
  await form.getByRole("button", { name: "Hapus surat-rt.pdf" }).waitFor();
  await fields(form).submit.click();

  const shown = await receiptNumber(form);
  assert.match(shown, /^ADU-\d{4}-\d{6}$/, "the receipt shows the receiver's tracking number");

  const rows = receiver.query(`SELECT * FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.equal(rows.length, 1, "exactly one row has the title typed");
  const row = rows[0];
  assert.equal(row.tracking_number, shown, "the number on screen is the one stored");
  assert.equal(row.kind, "pengaduan");
  assert.equal(row.description, answers.description);
  assert.equal(row.incident_date, "2026-11-14");
  assert.equal(row.kecamatan_code, "14.03.10", "Rupat's Kemendagri code");
  assert.equal(row.desa_code, "14.03.10.1001", "Batu Panjang's Kemendagri code");
  assert.equal(row.location_detail, answers.locationDetail);
  assert.equal(row.agency_id, "dishub");
  assert.equal(row.confidential, 1, "Rahasia was ticked");
  assert.equal(row.anonymous, 0, "Anonim was not ticked");
  assert.equal(row.contact_name, "Siti Aminah");
  assert.equal(row.contact_phone, "+6281234567890", "0812-3456-7890 is stored in +62 form");
  assert.equal(row.contact_email, "siti.aminah@contoh.co.id");
  assert.equal(row.contact_nik, "1403011203850002");
  assert.equal(row.language, "id");

  const files = receiver.query(
    `SELECT position, name, mime, size, hex(data) AS hex FROM attachments WHERE complaint_id = ${row.id} ORDER BY position`,
  );
  assert.equal(files.length, 2, "two attachment rows");
  const photo = Buffer.from(files[0].hex, "hex");
  assert.deepEqual([files[0].position, files[0].name, files[0].mime], [0, "lampu-padam.jpg", "image/jpeg"], "the photo, re-encoded");
  assert.equal(photo.subarray(0, 2).toString("hex"), "ffd8", "a JPEG");
  assert.equal(files[0].size, photo.length);
  assert.deepEqual(
    { ...files[1], hex: files[1].hex.toLowerCase() },
    { position: 1, name: "surat-rt.pdf", mime: "application/pdf", size: pdf.length, hex: pdf.toString("hex") },
    "a document arrives byte for byte",
  );

  // The receipt names the agency and what was sent.
  await form.getByText("Laporan Anda ditujukan kepada Dinas Perhubungan (Dishub).").waitFor();
  await form.getByText(answers.title, { exact: true }).waitFor();
  assert.deepEqual(tab.consoleErrors, [], "no console errors");
  assert.deepEqual(tab.cspViolations, [], "the demo page's own strict policy is not violated");
  assert.deepEqual(tab.pageErrors, [], "no uncaught exceptions");
  await tab.close();
});

test("after \"Kirim laporan lain\" the same words sent again are a new complaint with a new number", async () => {
  // A citizen may report the same broken light twice on purpose; only a retry
  // of one attempt may be merged by the receiver.
  const tab = await openPage(browser, site.url("index.html"));
  const form = widget(tab.page);
  await formReady(form);
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  const first = await receiptNumber(form);

  await form.getByRole("button", { name: "Kirim laporan lain" }).click();
  await formReady(form);
  assert.equal(await fields(form).title.inputValue(), "", "the form starts empty");
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  const second = await receiptNumber(form);

  assert.notEqual(second, first, "a new tracking number");
  const rows = receiver.query(`SELECT tracking_number FROM complaints WHERE title = ${sqlText(answers.title)} ORDER BY id`);
  assert.deepEqual(rows, [{ tracking_number: first }, { tracking_number: second }], "two rows");
  await tab.close();
});
