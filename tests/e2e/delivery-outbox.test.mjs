// The outbox: a complaint that could not go at once is kept on the device and
// sent by itself later (after a reload too, once), the server's Retry-After is
// honoured, nothing is tried while the device is offline, a refused complaint
// can be put back into the form, and an anonymous one leaves no trace once
// delivered.
import { test, before, beforeEach } from "node:test";
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
  axeViolations,
  describeViolations,
  ID,
} from "./harness.mjs";
import {
  DELIVERY,
  deliveryConfig,
  pageWithConfig,
  setFaults,
  resetFaults,
  faultReport,
  watchSubmissions,
  outboxList,
  outboxItems,
  savedNumber,
  savedStatus,
  fillQuickly,
  storedOutbox,
  localStore,
  DRAFT_KEY,
  openForm,
} from "./delivery-harness.mjs";

let browser, receiver, site, url;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin], args: ["--faults"] });
  // The widget sends straight to the receiver (cross-origin), so a stopped
  // receiver is a refused connection and a dropped answer a network error.
  url = pageWithConfig(
    site,
    "delivery-outbox.json",
    deliveryConfig({ default: "penerima", backends: { penerima: { type: "json", url: receiver.endpoint } } }, (config) => {
      config.limits.min_fill_seconds = 0;
    }),
  );
  browser = await launchBrowser();
});

beforeEach(async () => {
  // A test that failed while the receiver was stopped must not take the rest down with it.
  if (receiver.child.exitCode !== null || receiver.child.signalCode !== null) await receiver.start();
  await resetFaults(receiver);
});

/** The status of a complaint whose attempt could not connect: waiting for the connection, or for the next try. */
const NO_CONNECTION =
  /Menunggu koneksi internet\.|Belum terkirim: Perangkat Anda tidak dapat terhubung ke server pengaduan\. .* Dicoba lagi otomatis pukul \d\d\.\d\d\./;

const rowsTitled = (title) => receiver.query(`SELECT id, client_id, tracking_number FROM complaints WHERE title = ${sqlText(title)}`);
const unique = (words) => `${words} ${Math.random().toString(36).slice(2, 8)}`;

/** The outbox list's item for the complaint titled `title`. */
const itemFor = (form, title) => outboxItems(form).filter({ hasText: title });

test("a complaint sent while the receiver is down is kept, listed after a reload, and delivered once by itself when the receiver returns", async () => {
  const { page, form, close } = await openForm(browser, url);
  const title = unique("Jembatan kayu patah 🌉");
  await fillQuickly(form, { title, description: "Papan jembatan di Parit Satu patah,\nmotor tidak bisa lewat." });

  await receiver.stop();
  await fields(form).submit.click();
  const temporary = await savedNumber(form);
  assert.match(await savedStatus(form), NO_CONNECTION, "the status says why it waits");
  await form.getByRole("button", { name: DELIVERY.sendNow, exact: true }).waitFor();
  const onPanel = await axeViolations(page);
  assert.deepEqual(onPanel, [], `the saved-not-sent panel passes axe:\n${describeViolations(onPanel)}`);

  // The device holds the complaint and its id starts with the temporary number.
  const stored = await storedOutbox(page);
  const payloadKey = Object.keys(stored).find((key) => key.endsWith("/payload"));
  assert.ok(payloadKey?.startsWith(`14.03/${temporary}`), `payload stored under the client id: ${Object.keys(stored)}`);
  assert.equal(JSON.parse(stored[payloadKey]).title, title);
  assert.equal((await localStore(page))[DRAFT_KEY], undefined, "the draft is gone: the outbox has it now");

  await page.reload();
  await formReady(form);
  const item = itemFor(form, title);
  await item.waitFor();
  // The reload tries it again at once; that attempt fails too.
  await eventually(async () => NO_CONNECTION.test(await shownText(item)), { what: "the status to say why it waits" });
  const onList = await axeViolations(page);
  assert.deepEqual(onList, [], `the outbox list passes axe:\n${describeViolations(onList)}`);
  assert.equal(await fields(form).title.inputValue(), "", "the form is free for another complaint");

  const watched = (await receiver.start(), watchSubmissions(receiver));
  await eventually(async () => /Terkirim\. Nomor pelacakan: ADU-\d{4}-\d{6}/.test(await shownText(item)), {
    timeout: 20_000,
    what: "the waiting complaint to be delivered without a click",
  });
  const rows = rowsTitled(title);
  assert.equal(rows.length, 1, "exactly one row");
  assert.ok(rows[0].client_id.startsWith(temporary), "the client id the temporary number came from");
  assert.match(await shownText(item), new RegExp(`Nomor pelacakan: ${rows[0].tracking_number}`));
  assert.equal(watched.filter(({ line }) => / 20[01] /.test(line)).length, 1, "one successful submission after the restart");
  await item.getByRole("button", { name: new RegExp(`^${DELIVERY.dismiss}`) }).click();
  await outboxList(form).waitFor({ state: "hidden" });
  await close();
});

test("a page closed during the first attempt sends the complaint on the next visit, and the receiver keeps one copy", async () => {
  const { page, form, close } = await openForm(browser, url);
  const title = unique("Sampah menumpuk di pasar 🗑️");
  // The first attempt hangs for three seconds, then fails.
  await setFaults(receiver, { fail_next: 1, delay_ms: 3000 });
  await fillQuickly(form, { title, description: "Sudah seminggu sampah tidak diangkut dari Pasar Terubuk." });
  await fields(form).submit.click();
  await form.getByRole("button", { name: DELIVERY.sending }).waitFor();
  await eventually(async () => (await faultReport(receiver)).counters.submissions === 1, { what: "the first attempt to reach the receiver" });

  // While it is on its way, the complaint is already on the device.
  const stored = await storedOutbox(page);
  const payload = Object.entries(stored).find(([key]) => key.endsWith("/payload"));
  assert.ok(payload, `the payload is stored before the first attempt ends: ${Object.keys(stored)}`);
  assert.equal(JSON.parse(payload[1]).title, title);

  const faultsLogged = () => receiver.log.split("\n").filter((line) => line.includes(" fault: ")).length;
  const before = faultsLogged();
  await resetFaults(receiver);
  await page.reload();
  await formReady(form);
  const item = itemFor(form, title);
  await eventually(async () => /Terkirim\./.test(await shownText(item)), { timeout: 15_000, what: "delivery after the reload" });
  assert.equal(rowsTitled(title).length, 1);
  assert.equal(rowsTitled(title)[0].client_id, payload[0].split("/")[1], "sent with the id it was stored under");
  // The held first attempt ends (failed, into a closed page) before the next test starts.
  await eventually(() => faultsLogged() > before, { what: "the held attempt to end" });
  assert.equal(rowsTitled(title).length, 1, "still one row");
  await close();
});

test("a 429 answer's Retry-After is waited out before the next attempt, and the panel names the time", async () => {
  const { form, close } = await openForm(browser, url, { timezoneId: "Asia/Jakarta" });
  const arrivals = watchSubmissions(receiver);
  await setFaults(receiver, { fail_next: 1, status: 429, retry_after: 5 });
  const title = unique("Antrean KTP terlalu panjang");
  await fillQuickly(form, { title, description: "Antrean di Disdukcapil sejak subuh, nomor habis jam delapan." });
  await fields(form).submit.click();
  await savedNumber(form);
  await eventually(() => arrivals.length >= 1, { what: "the first attempt" });
  const first = arrivals[0];
  assert.match(first.line, / 429 /);

  // The sentence names the retry time in the device's time zone (WIB here).
  const wib = (ms) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(ms)
      .replace(":", ".");
  const status = await savedStatus(form);
  const shown = status.match(/Belum terkirim: Server pengaduan sedang bermasalah \(kode 429\)\. Dicoba lagi otomatis pukul (\d\d\.\d\d)\./);
  assert.ok(shown, `the status names the 429 and the time: ${status}`);
  assert.ok([wib(first.at + 5000), wib(first.at + 6000)].includes(shown[1]), `retry time ${shown[1]} is about now + 5 s in WIB`);

  await receiptNumber(form);
  assert.equal(arrivals.length, 2, "one attempt more, which was delivered");
  const waited = arrivals[1].at - first.at;
  // Without Retry-After the first retry comes after 1 to 2 s.
  assert.ok(waited >= 4800, `the retry waited ${waited} ms, less than the 5 s asked for`);
  assert.ok(waited < 8000, `the retry waited ${waited} ms, far longer than the 5 s asked for`);
  assert.equal(rowsTitled(title).length, 1);
  await close();
});

test("offline, nothing is tried; when the connection returns a waiting complaint goes at once, not at its retry time", async () => {
  const { page, context, form, close } = await openForm(browser, url);
  // The first attempt fails and the server asks for a minute's rest.
  await setFaults(receiver, { fail_next: 1, status: 503, retry_after: 60 });
  const title = unique("Air PDAM keruh");
  await fillQuickly(form, { title, description: "Air PDAM keruh dan berbau sejak hari Senin di Jalan Ahmad Yani." });
  await fields(form).submit.click();
  await savedNumber(form);
  const before = (await faultReport(receiver)).counters.submissions;

  await context.setOffline(true);
  // "Kirim sekarang" while offline makes it due, but no request is made.
  await form.getByRole("button", { name: DELIVERY.sendNow, exact: true }).click();
  await form.getByText(/Menunggu koneksi internet\./).waitFor();
  await page.waitForTimeout(3000);
  assert.equal((await faultReport(receiver)).counters.submissions, before, "no request while offline");
  assert.equal(rowsTitled(title).length, 0);

  const back = Date.now();
  await context.setOffline(false);
  await receiptNumber(form);
  assert.ok(Date.now() - back < 10_000, "delivered when the connection returned, not a minute later");
  assert.equal(rowsTitled(title).length, 1);
  await close();
});

test(
  "a complaint sent while the device is offline is saved at once and the panel says it waits for the connection",
  async () => {
    const { context, form, close } = await openForm(browser, url);
    const title = unique("Lampu taman mati");
    await fillQuickly(form, { title, description: "Lampu di taman kota mati semua sejak hujan deras kemarin." });
    await context.setOffline(true);
    await fields(form).submit.click();
    try {
      await form.getByRole("heading", { name: DELIVERY.saved }).waitFor({ timeout: 5000 });
      assert.match(await savedStatus(form), /Menunggu koneksi internet\./);
    } finally {
      await context.setOffline(false);
      await receiptNumber(form);
      assert.equal(rowsTitled(title).length, 1, "delivered once back online");
      await close();
    }
  },
);

test("a complaint refused on a later attempt waits in the list, and \"Ubah laporan\" puts every answer back into the form", async () => {
  const { page, form, close } = await openForm(browser, url);
  const answers = sampleComplaint({ title: unique("Parit tersumbat di Jalan Bantan"), email: "siti@contoh.id", rahasia: true });
  await fillComplaint(form, answers);
  // The first attempt fails (worth retrying); every later one is refused.
  await setFaults(receiver, { fail_next: 1, status: 503 });
  await fields(form).submit.click();
  await savedNumber(form);
  await setFaults(receiver, { fail_rate: 1, status: 422 });
  await page.reload();
  await formReady(form);
  const item = itemFor(form, answers.title);
  await eventually(async () => /Tidak terkirim: Server pengaduan menolak laporan ini: /.test(await shownText(item)), {
    timeout: 10_000,
    what: "the refusal in the list",
  });
  await item.getByRole("button", { name: new RegExp(`^${DELIVERY.editReport}`) }).click();

  await form.getByText(DELIVERY.editReturned).waitFor();
  const f = fields(form);
  assert.equal(await f.pengaduan.isChecked(), true);
  assert.equal(await f.title.inputValue(), answers.title);
  assert.equal(await f.description.inputValue(), answers.description);
  assert.deepEqual([await f.day.inputValue(), await f.month.inputValue(), await f.year.inputValue()], ["14", "11", "2026"]);
  assert.equal(await f.kecamatan.inputValue(), "14.03.10");
  assert.equal(await f.desa.inputValue(), "14.03.10.1001");
  assert.equal(await f.locationDetail.inputValue(), answers.locationDetail);
  assert.equal(await f.agency.inputValue(), "dishub");
  assert.equal(await f.rahasia.isChecked(), true);
  assert.equal(await f.anonim.isChecked(), false);
  assert.equal(await f.name.inputValue(), answers.name);
  assert.equal(await f.phone.inputValue(), "+6281234567890", "the phone comes back as it was sent");
  assert.equal(await f.email.inputValue(), "siti@contoh.id");
  // The backend's reason is above the button, and the list no longer holds it.
  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  assert.match(await shownText(notice), /Server pengaduan menolak laporan ini: /);
  assert.equal(await itemFor(form, answers.title).count(), 0, "taken out of the list");
  assert.deepEqual(Object.keys(await storedOutbox(page)), [], "and off the device's outbox");

  await resetFaults(receiver);
  await form.getByRole("button", { name: ID.retry }).click();
  await receiptNumber(form);
  assert.equal(rowsTitled(answers.title).length, 1);
  await close();
});

test("a complaint refused after the saved panel appeared goes back into the form with the reason, not left promising to send itself", async () => {
  const { page, form, close } = await openForm(browser, url);
  const title = unique("Pungutan liar di pelabuhan");
  await setFaults(receiver, { fail_next: 1, status: 503 });
  await fillQuickly(form, { title, description: "Petugas meminta uang tambahan untuk tiket kapal penyeberangan." });
  await fields(form).submit.click();
  await savedNumber(form);
  await setFaults(receiver, { fail_rate: 1, status: 400 });
  await form.getByRole("button", { name: DELIVERY.sendNow, exact: true }).click();

  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  await notice.waitFor();
  assert.match(await shownText(notice), /Server pengaduan menolak laporan ini/);
  assert.equal(await form.getByRole("heading", { name: DELIVERY.saved }).isVisible(), false, "the saved panel is gone");
  assert.equal(await fields(form).title.inputValue(), title, "every answer is back in the form");
  assert.equal(await itemFor(form, title).count(), 0, "shown once, not also in the list");
  await eventually(() => notice.evaluate((n) => n.getRootNode().activeElement === n), { what: "focus on the reason" });

  await resetFaults(receiver);
  await form.getByRole("button", { name: ID.retry }).click();
  await receiptNumber(form);
  assert.equal(rowsTitled(title).length, 1, "corrected and sent, it arrives once");
  await close();
});

test("two tabs holding the same waiting complaint send it once between them, and both show it sent", async () => {
  const { page, context, form, close } = await openForm(browser, url);
  const title = unique("Air PDAM keruh");
  await setFaults(receiver, { fail_rate: 1, status: 503 });
  await fillQuickly(form, { title, description: "Air dari keran berwarna cokelat sejak tiga hari." });
  await fields(form).submit.click();
  await savedNumber(form);
  // A second tab of the same site reads the same outbox from the device.
  const second = await context.newPage();
  await second.goto(url);
  const other = widget(second);
  await formReady(other);
  await itemFor(other, title).waitFor();

  // The receiver recovers and the connection comes back: both tabs are due at once.
  await resetFaults(receiver);
  await context.setOffline(true);
  await context.setOffline(false);
  await receiptNumber(form);
  await eventually(async () => /Terkirim\. Nomor pelacakan: /.test(await shownText(itemFor(other, title))), {
    timeout: 15_000,
    what: "the second tab to show it sent",
  });
  await page.waitForTimeout(1500);
  const { counters } = await faultReport(receiver);
  assert.equal(counters.submissions, 1, `one request between the two tabs (${JSON.stringify(counters)})`);
  assert.equal(counters.duplicates, 0);
  assert.equal(rowsTitled(title).length, 1);
  await second.close();
  await close();
});

test("\"Buang laporan\" takes a waiting complaint off the device, and it never arrives", async () => {
  const { page, form, close } = await openForm(browser, url);
  await setFaults(receiver, { fail_rate: 1, status: 503 });
  const title = unique("Salah kirim, mohon abaikan");
  await fillQuickly(form, { title, description: "Laporan ini terkirim tidak sengaja dan akan dibuang." });
  await fields(form).submit.click();
  await savedNumber(form);
  await page.reload();
  await formReady(form);
  const item = itemFor(form, title);
  await item.getByRole("button", { name: new RegExp(`^${DELIVERY.discard}`) }).click();
  await outboxList(form).waitFor({ state: "hidden" });
  await eventually(async () => Object.keys(await storedOutbox(page)).length === 0, { what: "the records to be deleted" });

  await resetFaults(receiver);
  await page.reload();
  await formReady(form);
  await page.waitForTimeout(2500);
  assert.equal(await outboxItems(form).count(), 0, "not back after a reload");
  assert.equal(rowsTitled(title).length, 0, "never delivered");
  await close();
});

test("an anonymous complaint leaves nothing in IndexedDB or localStorage once delivered", async () => {
  const { page, form, close } = await openForm(browser, url);
  await setFaults(receiver, { fail_next: 1, status: 503 });
  const title = unique("Oknum meminta uang di kantor desa");
  await fillQuickly(form, { title, description: "Untuk surat keterangan usaha diminta uang dua ratus ribu.", anonim: true });
  await page.waitForTimeout(700); // the draft is saved once typing pauses
  assert.ok((await localStore(page))[DRAFT_KEY], "a draft is kept while typing");
  await fields(form).submit.click();
  await savedNumber(form);
  const waiting = await storedOutbox(page);
  assert.equal(Object.keys(waiting).length, 2, `payload and entry kept while it waits: ${Object.keys(waiting)}`);
  assert.equal(JSON.parse(Object.entries(waiting).find(([key]) => key.endsWith("/entry"))[1]).keep_receipt, false);

  await receiptNumber(form);
  await eventually(async () => Object.keys(await storedOutbox(page)).length === 0, { what: "the outbox records to go" });
  const left = await localStore(page);
  assert.deepEqual(Object.keys(left).filter((key) => key.startsWith("aduan")), [], `localStorage keeps nothing: ${Object.keys(left)}`);
  await page.reload();
  await formReady(form);
  await page.waitForTimeout(500);
  assert.equal(await outboxItems(form).count(), 0, "nothing listed after a reload");
  assert.equal(rowsTitled(title).length, 1);
  await close();
});

test(
  "after \"Kirim laporan lain\", a delivered anonymous complaint is not listed for the next person at this device",
  async () => {
    const { form, close } = await openForm(browser, url);
    const title = unique("Guru sering tidak masuk kelas");
    await fillQuickly(form, { title, description: "Di SD 05 guru kelas tiga jarang masuk sejak bulan lalu.", anonim: true });
    await fields(form).submit.click();
    await receiptNumber(form);
    await form.getByRole("button", { name: DELIVERY.another }).click();
    await formReady(form);
    try {
      assert.equal(await itemFor(form, title).count(), 0, "the anonymous complaint's title is not on screen");
      assert.equal(await outboxList(form).isVisible(), false);
    } finally {
      await close();
    }
  },
);
