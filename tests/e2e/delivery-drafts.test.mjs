// Drafts and the spam screen: what a citizen typed survives a reload (and can be
// cleared, and the clearing undone), the draft goes once the complaint is sent,
// a bot's trap or a too-fast send is refused without losing the answers, and a
// refused location permission does not stop the complaint.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  startReceiver,
  startSite,
  sqlText,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  shownText,
  eventually,
  humanPause,
  axeViolations,
  describeViolations,
  ID,
} from "./harness.mjs";
import { DELIVERY, deliveryConfig, pageWithConfig, fillQuickly, storedOutbox, localStore, DRAFT_KEY, openForm } from "./delivery-harness.mjs";

let browser, receiver, site, url;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  // The default limits: min_fill_seconds is 3.
  url = pageWithConfig(
    site,
    "delivery-drafts.json",
    deliveryConfig({ default: "penerima", backends: { penerima: { type: "json", url: receiver.endpoint } } }),
  );
  browser = await launchBrowser();
});

const rowsTitled = (title) =>
  receiver.query(`SELECT id, json_extract(payload_json, '$.location.coordinates') AS point FROM complaints WHERE title = ${sqlText(title)}`);

/** Every answer of the form as it stands, for comparing before and after. */
async function answersIn(form) {
  const f = fields(form);
  const value = (locator) => locator.inputValue();
  return {
    pengaduan: await f.pengaduan.isChecked(),
    title: await value(f.title),
    description: await value(f.description),
    date: [await value(f.day), await value(f.month), await value(f.year)],
    kecamatan: await value(f.kecamatan),
    desa: await value(f.desa),
    locationDetail: await value(f.locationDetail),
    agency: await value(f.agency),
    anonim: await f.anonim.isChecked(),
    rahasia: await f.rahasia.isChecked(),
    name: await value(f.name),
    phone: await value(f.phone),
    email: await value(f.email),
    nik: await value(f.nik),
  };
}

const EMPTY = {
  pengaduan: false,
  title: "",
  description: "",
  date: ["", "", ""],
  kecamatan: "",
  desa: "",
  locationDetail: "",
  agency: "",
  anonim: false,
  rahasia: false,
  name: "",
  phone: "",
  email: "",
  nik: "",
};

test("words typed a moment before the page is reloaded, or hidden behind another app, are kept", async () => {
  const { page, form, close } = await openForm(browser, url);
  const f = fields(form);
  await f.title.fill("Lampu jalan di depan pasar padam");
  await page.reload(); // at once: the half-second pause never came
  await formReady(form);
  await form.getByText(DELIVERY.restored).waitFor();
  assert.equal(await f.title.inputValue(), "Lampu jalan di depan pasar padam");

  // The citizen switches to WhatsApp mid-sentence; the phone may kill the tab unseen.
  await f.description.fill("Sudah tiga malam gelap");
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  const saved = JSON.parse((await localStore(page))[DRAFT_KEY]);
  assert.equal(saved.description, "Sudah tiga malam gelap", "saved the moment the page was hidden");
  await close();
});

test("every typed answer comes back after a reload, with a notice; \"Hapus isian\" clears them and \"Batalkan\" brings them back", async () => {
  const { page, form, close } = await openForm(browser, url);
  const answers = sampleComplaint({
    title: `Jalan berlubang "parah" di Bantan 🚧 ${Date.now()}`,
    description: "Lubang sedalam lutut di depan SD 12.\nSudah tiga motor jatuh minggu ini — مرحبا.",
    email: "rahmat@contoh.id",
    nik: "1403011203850002",
    rahasia: true,
  });
  await fillComplaint(form, answers);
  const typed = await answersIn(form);
  await eventually(async () => (await localStore(page))[DRAFT_KEY]?.includes("1403011203850002"), { what: "the draft to be saved" });

  await page.reload();
  await formReady(form);
  const reloaded = Date.now();
  await form.getByText(DELIVERY.restored).waitFor();
  assert.deepEqual(await answersIn(form), typed, "every answer is back");
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `the restored-draft notice passes axe:\n${describeViolations(violations)}`);

  // "Hapus isian" at the bottom of the form clears the form and the device.
  const clearButtons = form.getByRole("button", { name: DELIVERY.clearDraft, exact: true });
  await clearButtons.last().click();
  await form.getByText(DELIVERY.draftCleared).waitFor();
  assert.equal(await form.getByText(DELIVERY.restored).isVisible(), false, "the restored notice gives way");
  assert.deepEqual(await answersIn(form), EMPTY, "the form is empty");
  assert.equal((await localStore(page))[DRAFT_KEY], undefined, "and so is the device");

  await form.getByRole("button", { name: DELIVERY.undo }).click();
  assert.deepEqual(await answersIn(form), typed, "\"Batalkan\" brings every answer back");
  assert.ok((await localStore(page))[DRAFT_KEY], "and keeps them on the device again");
  assert.equal(await form.getByText(DELIVERY.draftCleared).isVisible(), false);

  // Sent: the draft leaves the device, and a reload shows an empty form. (The
  // form appeared anew with the reload, so the minimum fill time counts from then.)
  await humanPause(reloaded);
  await fields(form).submit.click();
  await receiptNumber(form);
  assert.equal((await localStore(page))[DRAFT_KEY], undefined, "the draft is gone once sent");
  assert.equal(rowsTitled(answers.title).length, 1);
  await page.reload();
  await formReady(form);
  await page.waitForTimeout(700);
  assert.equal(await form.getByText(DELIVERY.restored).isVisible(), false, "no draft offered after sending");
  assert.deepEqual(await answersIn(form), EMPTY);
  assert.equal((await localStore(page))[DRAFT_KEY], undefined);
  await close();
});

test(
  "a shared location is shown, kept in the draft over a reload, and sent as a point to six decimals",
  async () => {
    const { page, form, close } = await openForm(browser, url, {
      permissions: ["geolocation"],
      geolocation: { latitude: 1.46743189, longitude: 102.10314561 },
    });
    const shared = "Titik lokasi Anda (1.467432, 102.103146) akan dikirim bersama laporan ini.";
    const answers = sampleComplaint();
    await fillComplaint(form, answers);
    await form.getByRole("button", { name: DELIVERY.useLocation }).click();
    try {
      await form.getByText(shared).waitFor({ timeout: 5000 });
      await form.getByRole("button", { name: DELIVERY.removeLocation }).waitFor();
      await eventually(async () => (await localStore(page))[DRAFT_KEY]?.includes("1.467432"), { what: "the draft to keep the point" });
      await page.reload();
      await formReady(form);
      const reloaded = Date.now();
      await form.getByText(shared).waitFor();
      await humanPause(reloaded);
      await fields(form).submit.click();
      await receiptNumber(form);
      const rows = rowsTitled(answers.title);
      assert.equal(rows.length, 1);
      assert.deepEqual(JSON.parse(rows[0].point), { lat: 1.467432, long: 102.103146 });
    } finally {
      await close();
    }
  },
);

test("the restored notice's own \"Hapus isian\" clears the draft too", async () => {
  const { page, form, close } = await openForm(browser, url);
  await fields(form).title.fill("Draf yang akan dihapus");
  await eventually(async () => (await localStore(page))[DRAFT_KEY], { what: "the draft to be saved" });
  await page.reload();
  await formReady(form);
  await form.getByText(DELIVERY.restored).waitFor();
  const clearButtons = form.getByRole("button", { name: DELIVERY.clearDraft, exact: true });
  assert.equal(await clearButtons.count(), 2, "one in the notice, one at the bottom of the form");
  await clearButtons.first().click();
  await form.getByText(DELIVERY.draftCleared).waitFor();
  assert.equal(await fields(form).title.inputValue(), "");
  assert.equal((await localStore(page))[DRAFT_KEY], undefined);
  await page.reload();
  await formReady(form);
  await page.waitForTimeout(700);
  assert.equal(await form.getByText(DELIVERY.restored).isVisible(), false, "nothing to restore");
  await close();
});

test("a filled trap field refuses the complaint with a notice and keeps every answer", async () => {
  const { page, form, close } = await openForm(browser, url);
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  const typed = await answersIn(form);
  // A bot fills every input it finds, the hidden one too.
  await page.evaluate(() => {
    const trap = document.querySelector("aduan-widget").shadowRoot.getElementById("aduan-website");
    trap.value = "https://spam.example";
    trap.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await fields(form).submit.click();
  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  await notice.waitFor();
  assert.ok((await shownText(notice)).includes(DELIVERY.trapFilled), await shownText(notice));
  assert.deepEqual(await answersIn(form), typed, "every answer is kept");
  await page.waitForTimeout(500);
  assert.equal(rowsTitled(answers.title).length, 0, "nothing was sent");
  assert.deepEqual(await storedOutbox(page), {}, "nothing went into the outbox");
  await close();
});

test("a complete form sent within three seconds of appearing is refused as too fast, and sent by a second press after the pause", async () => {
  const { page, form, close } = await openForm(browser, url);
  const shown = Date.now();
  const title = `Bantuan sosial tidak merata ${Date.now()}`;
  await fillQuickly(form, { title, description: "Bantuan beras hanya dibagikan kepada keluarga perangkat desa." });
  await fields(form).submit.click();
  assert.ok(Date.now() - shown < 3000, "the test pressed within three seconds");
  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  await notice.waitFor();
  assert.ok((await shownText(notice)).includes(DELIVERY.tooFast), await shownText(notice));
  assert.equal(await fields(form).title.inputValue(), title, "the answers are kept");
  assert.equal(rowsTitled(title).length, 0, "nothing was sent");

  await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - shown)));
  await form.getByRole("button", { name: ID.retry }).click();
  await receiptNumber(form);
  assert.equal(rowsTitled(title).length, 1, "the second press sends it");
  await close();
});

test(
  "with the location permission refused, \"Gunakan lokasi saya\" says so and the complaint still sends without a point",
  async () => {
    // Headless Chromium refuses geolocation to a page not granted it, as a citizen pressing "Block" would.
    const { form, close } = await openForm(browser, url);
    const answers = sampleComplaint();
    await fillComplaint(form, answers);
    await form.getByRole("button", { name: DELIVERY.useLocation }).click();
    try {
      await form.getByText(DELIVERY.locationDenied).waitFor({ timeout: 5000 });
    } finally {
      assert.equal(await form.getByText(/^Titik lokasi Anda/).isVisible(), false, "no point is shown as shared");
      await fields(form).submit.click();
      await receiptNumber(form);
      const rows = rowsTitled(answers.title);
      assert.equal(rows.length, 1, "the complaint is sent all the same");
      assert.equal(rows[0].point, null, "without coordinates");
      await close();
    }
  },
);
