// When a receiver refuses a complaint, the citizen reads the receiver's own
// reason, in "Server pengaduan menolak laporan ini: …", and keeps the form.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

import {
  CONFIG,
  launchBrowser,
  openPage,
  startReceiver,
  startSite,
  startCannedServer,
  tempDir,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  settledFocus,
  shownText,
  ID,
  eventually,
} from "./harness.mjs";

let browser, otherRegency, otherRegencySite, canned, cannedSite, broken, brokenSite;

before(async () => {
  // A receiver set up for another regency (Kabupaten Siak, 14.08) with the same
  // lists: it refuses Bengkalis's complaints as meant for someone else.
  const config = JSON.parse(fs.readFileSync(CONFIG, "utf8"));
  config.regency = { code: "14.08", name: "Kabupaten Siak" };
  const configPath = path.join(tempDir(), "siak.json");
  fs.writeFileSync(configPath, JSON.stringify(config));
  otherRegencySite = await startSite();
  otherRegency = await startReceiver({ config: configPath, allowOrigins: [otherRegencySite.origin] });
  otherRegencySite.render({ ENDPOINT: otherRegency.endpoint });

  // A backend that answers 400 the Open311 way.
  canned = await startCannedServer({ status: 400, body: [{ code: 400, description: "Kode layanan tidak dikenal oleh sistem dinas" }] });
  cannedSite = await startSite();
  cannedSite.render({ ENDPOINT: `${canned.origin}/requests.json` });

  // And one that fails with a 503: worth retrying, so the citizen is told so.
  broken = await startCannedServer({ status: 503, body: { error: { code: "busy", message: "Sibuk" } } });
  brokenSite = await startSite();
  brokenSite.render({ ENDPOINT: `${broken.origin}/api/complaints` });

  browser = await launchBrowser();
});

/** Fills a valid complaint on `site`'s endpoint page, sends it, and returns the not-sent notice's text. */
async function sendAndReadNotice(site) {
  const tab = await openPage(browser, site.url("endpoint.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await fields(form).submit.click();
  const response = await answered;
  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  await notice.waitFor();
  const focus = await settledFocus(page, (f) => f.text?.startsWith(ID.notSent));
  assert.ok(focus.inWidget && focus.text.startsWith(ID.notSent), "the notice takes focus");
  assert.equal(await fields(form).title.inputValue(), answers.title, "the form keeps the answers");
  return { tab, form, response, text: await shownText(notice) };
}

test("the reference receiver's refusal is shown in its own words", async () => {
  const { tab, response, text } = await sendAndReadNotice(otherRegencySite);
  assert.equal(response.status(), 400);
  const refusal = (await response.json()).error;
  assert.equal(refusal.code, "other_regency");
  assert.ok(text.includes(`Server pengaduan menolak laporan ini: ${refusal.message}`), `the notice quotes the receiver: ${text}`);
  assert.deepEqual(otherRegency.query("SELECT count(*) AS n FROM complaints"), [{ n: 0 }], "nothing was stored");
  await tab.close();
});

test("an Open311-style 400 answer is shown with its description", async () => {
  const { tab, form, text } = await sendAndReadNotice(cannedSite);
  assert.ok(
    text.includes("Server pengaduan menolak laporan ini: Kode layanan tidak dikenal oleh sistem dinas"),
    `the notice quotes the backend: ${text}`,
  );
  assert.equal(canned.requests.filter((request) => request.method === "POST").length, 1, "one attempt reached the backend");
  // A refusal is final: the citizen is not told to simply try again.
  assert.ok(!text.includes("Coba kirim lagi sebentar lagi"), "no promise that retrying will help");
  await form.getByRole("button", { name: ID.retry }).waitFor();
  await tab.close();
});

test("a 503 answer says the server has a problem, keeps the complaint on the device and says when it tries again", async () => {
  const tab = await openPage(browser, brokenSite.url("endpoint.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint());
  await fields(form).submit.click();
  const heading = form.getByRole("heading", { name: ID.saved });
  await heading.waitFor();
  const focus = await settledFocus(page, (f) => f.text === ID.saved);
  assert.ok(focus.inWidget && focus.text === ID.saved, "the saved panel's heading takes focus");
  const said = await shownText(form.locator(".aduan-receipt"));
  assert.match(said, /Server pengaduan sedang bermasalah \(kode 503\)\. Dicoba lagi otomatis pukul \d\d\.\d\d\./, said);
  assert.match(said, /Nomor sementara [0-9a-f]{8}/, said);
  // The backend keeps failing: the outbox tries again by itself.
  const posts = () => broken.requests.filter((request) => request.method === "POST").length;
  const before = posts();
  await eventually(() => posts() > before, { timeout: 15_000, what: "a second attempt" });
  await tab.close();
});
