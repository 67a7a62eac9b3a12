// No complaint is ever lost: a hundred complaints typed into the form while the
// receiver fails at random (503s, 429s with Retry-After, answers lost after the
// complaint was stored), the device goes offline and back, and the page is
// reloaded with complaints still waiting. In the end the receiver holds each
// complaint exactly once, its text byte for byte as typed.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import { launchBrowser, openPage, startReceiver, startSite, widget, formReady, fields, eventually } from "./harness.mjs";
import {
  DELIVERY,
  deliveryConfig,
  pageWithConfig,
  setFaults,
  resetFaults,
  faultReport,
  outboxItems,
  fillQuickly,
  storedOutbox,
} from "./delivery-harness.mjs";

const COUNT = 100;

let browser, receiver, site, url;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin], args: ["--faults"] });
  // Straight to the receiver, so a dropped answer is a network error in the page.
  url = pageWithConfig(
    site,
    "delivery-chaos.json",
    deliveryConfig({ default: "penerima", backends: { penerima: { type: "json", url: receiver.endpoint } } }, (config) => {
      config.limits.min_fill_seconds = 0;
    }),
  );
  browser = await launchBrowser();
});

const PLACES = ["Jalan Sudirman", "Pasar Terubuk", "Desa Teluk Latak", "Pelabuhan Roro", "Kampung Sungai Alam"];
const WORDS = ["jalan berlubang", "lampu padam", "sampah menumpuk", "air keruh", "antrean panjang", "jembatan kayu rapuh"];
const EMOJI = ["🚧", "💡", "🗑️", "🚰", "🕰️", "🌉", "👨‍👩‍👧", "🙏🏽"];

/**
 * Complaint `i`'s text: Indonesian, Arabic, emoji (with skin tones and joiners),
 * a combining accent, markup-like and quoting characters, and line breaks in
 * the description, all as a cleaned answer stays (single spaces, no trailing
 * blanks), so what is stored must equal what was typed.
 */
function text(i) {
  const word = WORDS[i % WORDS.length];
  const place = PLACES[i % PLACES.length];
  return {
    title: `No. ${String(i + 1).padStart(3, "0")}: ${word} di ${place} ${EMOJI[i % EMOJI.length]} «السلام عليكم»`,
    description: [
      `Laporan ke-${i + 1}: ${word} di ${place}, RT 0${(i % 9) + 1}/RW 0${(i % 4) + 1}.`,
      `مرحبا، شكرا جزيلا — café́ "kutip" & 'apostrof' <b>tebal</b> ${EMOJI[(i + 3) % EMOJI.length].repeat((i % 3) + 1)}`,
      "",
      `Terima kasih, Pak/Bu. ✓ ${i % 2 ? "Mohon segera ditindak." : "Semoga cepat diperbaiki 🙂"}`,
    ].join("\n"),
    anonim: i % 3 === 2,
  };
}

/** Every complaint's submissions so far, by the receiver's count. */
const submissions = async () => (await faultReport(receiver)).counters.submissions;

test("a hundred complaints sent through failures, offline spells and a reload all arrive exactly once, byte for byte", async () => {
  const tab = await openPage(browser, url);
  const { page, context } = tab;
  page.setDefaultTimeout(20_000);
  const form = widget(page);
  await formReady(form);
  const f = fields(form);
  const outcome = form.getByRole("heading", { name: new RegExp(`^(Laporan terkirim|${DELIVERY.saved})$`) });
  const typed = [];
  let offlineChecked = 0;

  const send = async (i) => {
    const answers = text(i);
    typed.push(answers);
    await fillQuickly(form, answers);
    await f.submit.click();
    await outcome.waitFor();
    await form.getByRole("button", { name: DELIVERY.another }).click();
    await formReady(form);
  };

  /** Offline for a while: whatever is due waits, and no request reaches the receiver. */
  const offlineSpell = async (ms) => {
    await context.setOffline(true);
    await page.waitForTimeout(300); // an attempt already on the wire may still land
    const before = await submissions();
    await page.waitForTimeout(ms);
    assert.equal(await submissions(), before, "no complaint is sent while the device is offline");
    offlineChecked += 1;
    await context.setOffline(false);
  };

  // 1–30: one in three answered 503; three answers lost after storing.
  await setFaults(receiver, { fail_rate: 0.35, status: 503, drop_next: 3, seed: 7 });
  for (let i = 0; i < 30; i++) await send(i);

  // 31–45: "too many requests", come back in 2 s.
  await setFaults(receiver, { fail_rate: 0.4, status: 429, retry_after: 2, seed: 11 });
  for (let i = 30; i < 45; i++) await send(i);
  await offlineSpell(2500);

  // 46–60: the receiver fails everything, so all of these wait...
  await setFaults(receiver, { fail_rate: 1, status: 503 });
  for (let i = 45; i < 60; i++) await send(i);
  // ...when the page is reloaded.
  const waitingBefore = Object.keys(await storedOutbox(page)).filter((key) => key.endsWith("/payload")).length;
  assert.ok(waitingBefore >= 15, `at least the last 15 complaints wait on the device before the reload (${waitingBefore})`);
  await page.reload();
  await formReady(form);

  // 61–100: failures and lost answers again, and a second offline spell.
  await setFaults(receiver, { fail_rate: 0.3, status: 503, drop_next: 2, seed: 3 });
  for (let i = 60; i < 80; i++) await send(i);
  await offlineSpell(2000);
  for (let i = 80; i < 90; i++) await send(i);

  // 91: the page is reloaded while that complaint's first attempt is on its way
  // (held a second by the receiver), as when a tab is closed right after sending.
  await setFaults(receiver, { delay_ms: 1000, fail_rate: 0.3, status: 503, seed: 5 });
  const inFlight = text(90);
  typed.push(inFlight);
  await fillQuickly(form, inFlight);
  await f.submit.click();
  await eventually(
    async () => Object.values(await storedOutbox(page)).some((value) => value.includes(`"title":${JSON.stringify(inFlight.title)}`)),
    { what: "the complaint to be on the device" },
  );
  await page.reload();
  await formReady(form);

  // 92–100.
  await setFaults(receiver, { fail_rate: 0.3, status: 503, seed: 5 });
  for (let i = 91; i < COUNT; i++) await send(i);

  const chaos = (await faultReport(receiver)).counters;
  assert.ok(chaos.failed >= 40, `the receiver failed at least 40 submissions (${chaos.failed})`);
  assert.equal(chaos.dropped, 5, "five answers were lost after the complaint was stored");
  assert.equal(offlineChecked, 2);

  // The receiver recovers. Nothing is pressed: the outbox sends what waits by itself.
  await resetFaults(receiver);
  const stored = () => receiver.query("SELECT count(*) AS n FROM complaints")[0].n;
  await eventually(() => stored() >= COUNT, { timeout: 150_000, what: `all ${COUNT} complaints in SQLite` });

  const rows = receiver.query("SELECT client_id, hex(title) AS title, hex(description) AS description, anonymous FROM complaints");
  assert.equal(rows.length, COUNT, "exactly one row per complaint");
  assert.equal(new Set(rows.map((row) => row.client_id)).size, COUNT, "no client id twice");
  const hex = (value) => Buffer.from(value, "utf8").toString("hex").toUpperCase();
  const got = rows.map((row) => `${row.title}|${row.description}|${row.anonymous}`).sort();
  const want = typed.map((t) => `${hex(t.title)}|${hex(t.description)}|${t.anonim ? 1 : 0}`).sort();
  assert.equal(new Set(want).size, COUNT, "the test typed a hundred different complaints");
  assert.deepEqual(got, want, "every title and description arrived byte for byte, each once");

  // The device: nothing left to send, no payload kept; receipts only for named complaints.
  await eventually(async () => !Object.keys(await storedOutbox(page)).some((key) => key.endsWith("/payload")), {
    what: "the payloads to leave the device",
  });
  const entries = Object.entries(await storedOutbox(page)).map(([, value]) => JSON.parse(value));
  assert.ok(entries.every((entry) => entry.status === "sent" && entry.keep_receipt), "only receipts of named complaints stay");
  const items = await outboxItems(form).evaluateAll((all) => all.map((item) => item.innerText));
  assert.ok(items.every((item) => /Terkirim\. Nomor pelacakan: ADU-\d{4}-\d{6}/.test(item)), "the list shows every one as sent");
  for (const { title } of typed.filter((t) => !t.anonim)) {
    assert.ok(items.some((item) => item.startsWith(title)), `the list names ${title}`);
  }
  assert.deepEqual(tab.pageErrors, []);
  await tab.close();
});
