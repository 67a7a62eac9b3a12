// Triage as a citizen meets it: typing a complaint suggests who handles it
// (and preselects the agency and the kind only while the citizen has not
// chosen them), points matters that are not the regency's elsewhere, and shows
// emergency numbers for danger happening now, without ever blocking sending.
// What was suggested and what the citizen chose must arrive with the complaint.
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
  receiptNumber,
  focusInWidget,
  shownText,
  axeViolations,
  describeViolations,
  eventually,
  asPersonWould,
} from "./harness.mjs";

let browser, receiver, site;

before(async () => {
  // plain.html loads the shipped config; the widget fetches /triage/model.bin
  // from dist/, as it would from a webmaster's copy of the widget's files.
  site = await startSite({ receiver: () => receiver?.origin });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  browser = await launchBrowser();
});

// ---------------------------------------------------------------------------
// What the tests type (written for these tests) and expect to see.

/** Rubbish not collected: the model reads it as waste, sure, so DLH. */
const RUBBISH = {
  title: "Sampah tidak diangkut seminggu",
  description:
    "Sampah rumah tangga di ujung gang kami sudah seminggu tidak diangkut petugas, baunya menyengat dan banyak lalat.",
};
/** A question: "Permintaan informasi", and Disdukcapil. */
const QUESTION = { title: "Bagaimana cara mengurus akta kelahiran anak?" };
/** Electricity: PLN's business, not the regency's. */
const POWER_CUT = {
  title: "Listrik padam sejak semalam, PLN belum datang",
  description:
    "Sejak pukul sembilan malam listrik di rumah kami dan rumah tetangga padam. Sudah kami laporkan, tetapi petugas belum datang.",
};
/** A fire happening now. */
const FIRE_NOW = { title: "Tolong, rumah tetangga kebakaran sekarang, api merambat" };
/** A fire long past: an ordinary complaint about the ruins. */
const OLD_FIRE = {
  title: "Puing bekas kebakaran tahun lalu belum dibersihkan",
  description: "Puing rumah bekas kebakaran tahun lalu belum dibersihkan dan menghalangi jalan.",
};
/** Words the model finds something in, but not enough to guess. */
const VAGUE = { title: "Mohon perhatian", description: "Terima kasih atas perhatiannya." };
/** Words the model finds nothing in at all. */
const NOTHING = { title: "Halo", description: "Saya mau menyampaikan sesuatu." };

const DLH = "Dinas Lingkungan Hidup (DLH)";
const SUGGESTION_TITLE = "Instansi yang menangani";
const REFERRAL_TITLE = "Bukan kewenangan Pemerintah Kabupaten Bengkalis";
const EMERGENCY_TITLE = "Keadaan darurat?";
const UNSURE = "Kami belum dapat menebak instansi yang tepat.";

// ---------------------------------------------------------------------------
// Helpers: the form found by its words, as a citizen finds it.

async function freshForm(options) {
  const tab = await openPage(browser, site.url("plain.html"), options);
  const form = widget(tab.page);
  await formReady(form);
  return { tab, form, page: tab.page };
}

/** Types the title and, if given, the description. */
async function typeText(form, { title, description }) {
  const f = fields(form);
  await f.title.fill(title);
  if (description !== undefined) await f.description.fill(description);
}

/** The suggestion panel's parts. */
function suggestion(form) {
  return {
    heading: form.getByRole("heading", { name: SUGGESTION_TITLE }),
    reasons: form.getByText(/^Karena Anda menulis:/),
    choose: (agency) => form.getByRole("button", { name: `Pilih ${agency}`, exact: true }),
    // The alternatives are the "Pilih …" buttons listed under "Atau mungkin:".
    alternatives: form.getByRole("listitem").getByRole("button", { name: /^Pilih / }),
    other: form.getByRole("button", { name: "Pilih instansi lain", exact: true }),
  };
}

function referral(form) {
  return {
    heading: form.getByRole("heading", { name: REFERRAL_TITLE }),
    call: form.getByRole("link", { name: /^Telepon / }),
  };
}

function emergencyAlert(form) {
  return form.getByRole("alert").filter({ hasText: EMERGENCY_TITLE });
}

/** Every answer but the kind, the texts and the agency, which triage is about. */
async function fillTheRest(form) {
  const f = fields(form);
  await f.day.fill("14");
  await f.month.fill("11");
  await f.year.fill("2026");
  await f.kecamatan.selectOption({ label: "Rupat" });
  await f.desa.selectOption({ label: "Batu Panjang (kelurahan)" });
  await f.locationDetail.fill("Gang Mawar, dekat surau");
  await f.name.fill("Rahmat Hidayat");
  await f.phone.fill("0813-7654-3210");
}

/** Sends, waits for the receipt, and returns the stored row with its payload parsed. */
async function sendAndRead(form) {
  await asPersonWould(form);
  await fields(form).submit.click();
  const number = await receiptNumber(form);
  const rows = receiver.query(
    `SELECT tracking_number, kind, agency_id, payload_json FROM complaints WHERE tracking_number = ${sqlText(number)}`,
  );
  assert.equal(rows.length, 1, `one row for ${number}`);
  return { ...rows[0], payload: JSON.parse(rows[0].payload_json) };
}

/** The words quoted in "Karena Anda menulis: “a”, “b” dan “c”." */
function quotedWords(sentence) {
  return [...sentence.matchAll(/\u201c([^\u201d]+)\u201d/g)].map((found) => found[1]);
}

/** True if `first` comes before `second` in the widget's document order. */
async function comesBefore(first, second) {
  const other = await second.elementHandle();
  return first.evaluate((element, other) => Boolean(element.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING), other);
}

// ---------------------------------------------------------------------------
// 1. The suggestion.

test("a clear complaint names the agency, the citizen's words behind it, two alternatives, and preselects the agency and the kind", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  assert.equal(await f.agency.inputValue(), "", "nothing is chosen before anything is typed");
  assert.equal(await f.pengaduan.isChecked(), false, "no kind is chosen before anything is typed");

  await typeText(form, RUBBISH);
  const panel = suggestion(form);
  await panel.heading.waitFor();
  await form.getByText(`Menurut isi laporan Anda, laporan ini ditangani oleh ${DLH}.`, { exact: true }).waitFor();

  const reasons = await shownText(panel.reasons);
  const words = quotedWords(reasons);
  const typed = `${RUBBISH.title} ${RUBBISH.description}`.toLowerCase();
  assert.ok(words.length > 0, `the reasons quote words: ${reasons}`);
  assert.ok(words.some((word) => typed.includes(word)), `one of ${JSON.stringify(words)} was typed`);
  assert.deepEqual(words.filter((word) => !typed.includes(word)), [], `every quoted word was typed: ${reasons}`);

  assert.equal(await panel.alternatives.count(), 2, "two alternative agencies are offered");
  const alternatives = await panel.alternatives.allInnerTexts();
  assert.ok(!alternatives.includes(`Pilih ${DLH}`), `the alternatives are other agencies: ${alternatives}`);
  await panel.other.waitFor();

  assert.equal(await f.agency.inputValue(), "dlh", "the suggested agency is preselected");
  assert.equal(await panel.choose(DLH).getAttribute("aria-pressed"), "true", "the suggested agency's button is pressed");
  assert.equal(await f.pengaduan.isChecked(), true, "a complaint is preselected as Pengaduan");
  await tab.close();

  const second = await freshForm();
  await typeText(second.form, QUESTION);
  await suggestion(second.form).heading.waitFor();
  const informasi = second.form.getByRole("radio", { name: "Permintaan informasi" });
  assert.equal(await informasi.isChecked(), true, "a question is preselected as Permintaan informasi");
  assert.equal(await fields(second.form).pengaduan.isChecked(), false, "the question is not a Pengaduan");
  await second.tab.close();
});

test("the words quoted as the citizen's are ones the citizen typed, even in everyday spelling", async () => {
  // The reasons are the model's standardised features: "padam" is read as
  // "mati". Shown after "Karena Anda menulis:" ("because you wrote"), a word
  // the citizen never wrote tells them something untrue about their own text.
  const { tab, form } = await freshForm();
  const text = { title: "Lampu jalan padam", description: "Lampu jalan di depan masjid padam sdh seminggu, gelap sekali." };
  await typeText(form, text);
  await suggestion(form).heading.waitFor();
  const reasons = await shownText(suggestion(form).reasons);
  const typed = `${text.title} ${text.description}`.toLowerCase();
  assert.deepEqual(
    quotedWords(reasons).filter((word) => !typed.includes(word)),
    [],
    `every word quoted in "${reasons}" appears in what was typed: "${typed}"`,
  );
  await tab.close();
});

// ---------------------------------------------------------------------------
// 2. The citizen's choice wins.

test("an agency chosen in the list before typing stays chosen after the suggestion arrives", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await f.agency.selectOption("pupr");
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  await suggestion(form).choose(DLH).waitFor();
  assert.equal(await f.agency.inputValue(), "pupr", "the citizen's choice is kept");
  assert.equal(await suggestion(form).choose(DLH).getAttribute("aria-pressed"), "false", "the suggestion is not marked as chosen");

  // Typing on, and the next pause, do not change it either.
  await f.description.fill(`${RUBBISH.description} Sudah dua kali kami lapor ke RT.`);
  await form.page().waitForTimeout(800);
  assert.equal(await f.agency.inputValue(), "pupr", "still the citizen's choice after typing on");
  await tab.close();
});

test("a kind chosen before typing stays chosen after the suggestion arrives", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await f.aspirasi.check();
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  await suggestion(form).choose(DLH).waitFor();
  assert.equal(await f.aspirasi.isChecked(), true, "Aspirasi stays checked");
  assert.equal(await f.pengaduan.isChecked(), false, "Pengaduan was not preselected over the citizen's choice");
  await tab.close();
});

test("clicking the kind that was preselected confirms it: a later text does not change it", async () => {
  // A click on a radio that is already checked fires no "change" event, so a
  // widget that only listens for "change" never learns that the citizen chose
  // the preselected kind, and goes on preselecting over their click.
  const { tab, form } = await freshForm();
  const f = fields(form);
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  assert.equal(await f.pengaduan.isChecked(), true, "Pengaduan is preselected");
  await f.pengaduan.click();

  // The citizen rewrites the text as a question, which on its own would
  // preselect "Permintaan informasi".
  await typeText(form, { title: QUESTION.title, description: "Anak kami lahir bulan lalu di rumah bidan." });
  await form.getByText(/laporan ini ditangani oleh Dinas Kependudukan dan Pencatatan Sipil/).waitFor();
  assert.equal(await f.pengaduan.isChecked(), true, "Pengaduan, which the citizen clicked, stays checked");
  assert.equal(
    await form.getByRole("radio", { name: "Permintaan informasi" }).isChecked(),
    false,
    "the kind is not preselected over the citizen's click",
  );
  await tab.close();
});

test("after \"Kirim laporan lain\" the next report is preselected again, even though the citizen chose last time", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await f.agency.selectOption("pupr");
  await f.aspirasi.check();
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  await fillTheRest(form);
  await asPersonWould(form);
  await fields(form).submit.click();
  await receiptNumber(form);

  await form.getByRole("button", { name: "Kirim laporan lain" }).click();
  await formReady(form);
  assert.equal(await suggestion(form).heading.count(), 0, "the last report's suggestion is gone");
  await typeText(form, { ...RUBBISH, description: `${RUBBISH.description} Ini laporan kedua.` });
  await suggestion(form).heading.waitFor();
  assert.equal(await f.agency.inputValue(), "dlh", "the suggested agency is preselected for the new report");
  assert.equal(await f.pengaduan.isChecked(), true, "and the kind");
  await tab.close();
});

// ---------------------------------------------------------------------------
// 3. The buttons.

test("an alternative's button chooses that agency for good, and \"Pilih instansi lain\" moves focus to the list", async () => {
  const { tab, form, page } = await freshForm();
  const f = fields(form);
  const panel = suggestion(form);
  await typeText(form, RUBBISH);
  await panel.heading.waitFor();
  assert.equal(await f.agency.inputValue(), "dlh");

  const alternative = panel.alternatives.nth(1);
  const name = (await alternative.innerText()).trim();
  assert.equal(await alternative.getAttribute("aria-pressed"), "false", `${name} is not pressed before it is clicked`);
  await alternative.click();
  const chosen = await f.agency.inputValue();
  assert.notEqual(chosen, "dlh", `clicking "${name}" changes the agency`);
  const chosenLabel = await f.agency.evaluate((select) => select.selectedOptions[0].textContent.trim());
  assert.equal(`Pilih ${chosenLabel}`, name, "the list now shows the agency the button named");
  assert.equal(await alternative.getAttribute("aria-pressed"), "true", `"${name}" is pressed`);
  assert.equal(await panel.choose(DLH).getAttribute("aria-pressed"), "false", "the suggestion's button is no longer pressed");

  // The choice is the citizen's now: a text that would suggest (and, for a
  // citizen who had not chosen, preselect) Disdukcapil leaves it alone.
  await typeText(form, { title: QUESTION.title, description: "Anak kami lahir bulan lalu di rumah bidan." });
  await form.getByText(/laporan ini ditangani oleh Dinas Kependudukan dan Pencatatan Sipil/).waitFor();
  assert.equal(await f.agency.inputValue(), chosen, "the agency the citizen chose with the button stays chosen");

  await panel.other.click();
  const focus = await focusInWidget(page);
  const selectId = await f.agency.getAttribute("id");
  assert.deepEqual({ inWidget: focus.inWidget, tag: focus.tag, id: focus.id }, { inWidget: true, tag: "select", id: selectId }, `focus is on the agency list, not ${JSON.stringify(focus)}`);
  assert.equal(await f.agency.inputValue(), chosen, "moving focus does not change the choice");
  await tab.close();
});

// ---------------------------------------------------------------------------
// 4. A referral.

test("electricity is referred to PLN with a number to call, and the complaint can still be sent and is stored with the referral", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await typeText(form, POWER_CUT);
  const notice = referral(form);
  await notice.heading.waitFor();
  await form.getByText("Urusan seperti ini ditangani oleh PLN (listrik).", { exact: true }).waitFor();
  assert.equal(await notice.call.count(), 1, "one number to call");
  assert.equal(await notice.call.innerText(), "Telepon 123");
  assert.equal(await notice.call.getAttribute("href"), "tel:123");
  assert.ok(await comesBefore(f.description, notice.heading), "the notice is under the description");
  assert.ok(await comesBefore(notice.heading, f.day), "and before the next question");
  assert.equal(await suggestion(form).heading.count(), 0, "no agency is suggested for a referral");
  assert.equal(await f.agency.inputValue(), "", "no agency is preselected for a referral");

  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, null, "sent to no agency: the officer forwards it");
  assert.equal(row.payload.triage?.referral, "PLN (listrik)", `triage: ${JSON.stringify(row.payload.triage)}`);
  assert.equal(row.payload.triage.topic, "electricity");
  assert.equal(row.payload.triage.suggested_agency, null);
  assert.equal(row.payload.triage.choice, "unknown");
  assert.deepEqual(tab.pageErrors, [], "no uncaught exceptions");
  await tab.close();
});

// ---------------------------------------------------------------------------
// 5. An emergency.

test("a fire happening now shows the emergency numbers at the top of the form, and the complaint still sends", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await typeText(form, FIRE_NOW);
  const alert = emergencyAlert(form);
  await alert.waitFor();
  const calls = alert.getByRole("link");
  assert.deepEqual(
    await calls.evaluateAll((links) => links.map((link) => link.getAttribute("href"))),
    ["tel:112", "tel:113"],
    "the general number, then the fire brigade's",
  );
  assert.deepEqual(await calls.allInnerTexts(), ["Telepon 112 (darurat)", "Telepon 113 (pemadam kebakaran)"]);
  assert.ok(await comesBefore(alert, form.getByRole("group", { name: "Jenis laporan" })), "the alert is above the first question");

  await f.description.fill("Apinya sudah sampai ke atap rumah sebelah, warga sedang menyiram dengan ember.");
  await f.pengaduan.check();
  await fillTheRest(form);
  assert.equal(await alert.count(), 1, "the alert is still shown when sending");
  const row = await sendAndRead(form);
  assert.equal(row.payload.triage?.emergency, "fire", `triage: ${JSON.stringify(row.payload.triage)}`);
  await tab.close();
});

test("a fire long past, in an ordinary complaint, shows no emergency alert", async () => {
  const { tab, form } = await freshForm();
  await typeText(form, OLD_FIRE);
  // The suggestion shows the text has been read.
  await suggestion(form).heading.waitFor();
  assert.equal(await emergencyAlert(form).count(), 0, "no emergency alert");
  assert.equal(await form.getByRole("link", { name: /^Telepon 11/ }).count(), 0, "no emergency numbers");
  await tab.close();
});

// ---------------------------------------------------------------------------
// 6. What was sent records the triage.

test("a complaint sent with the suggested agency records the suggestion as kept", async () => {
  const { tab, form } = await freshForm();
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, "dlh");
  assert.equal(row.kind, "pengaduan");
  const triage = row.payload.triage;
  assert.ok(triage, "the payload has a triage record");
  assert.match(triage.model, /^aduan-triage/, "the model's identity");
  assert.deepEqual(
    { topic: triage.topic, confidence: triage.confidence, suggested_agency: triage.suggested_agency, referral: triage.referral, emergency: triage.emergency, choice: triage.choice },
    { topic: "waste", confidence: "sure", suggested_agency: "dlh", referral: null, emergency: null, choice: "suggested" },
  );
  await tab.close();
});

test("a complaint sent with an alternative agency records the choice as an alternative", async () => {
  const { tab, form } = await freshForm();
  const panel = suggestion(form);
  await typeText(form, RUBBISH);
  await panel.heading.waitFor();
  await panel.alternatives.first().click();
  const chosen = await fields(form).agency.inputValue();
  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, chosen, "the alternative is the agency sent");
  assert.equal(row.payload.triage?.suggested_agency, "dlh", `triage: ${JSON.stringify(row.payload.triage)}`);
  assert.equal(row.payload.triage.choice, "alternative");
  await tab.close();
});

test("a complaint sent with an agency picked from the list, neither suggested nor offered, records the choice as other", async () => {
  const { tab, form } = await freshForm();
  const panel = suggestion(form);
  await typeText(form, RUBBISH);
  await panel.heading.waitFor();
  const offered = await panel.alternatives.allInnerTexts();
  assert.ok(!offered.some((text) => text.includes("(Dishub)")), `Dishub is not offered: ${offered}`);
  await fields(form).agency.selectOption({ label: "Dinas Perhubungan (Dishub)" });
  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, "dishub");
  assert.equal(row.payload.triage?.choice, "other", `triage: ${JSON.stringify(row.payload.triage)}`);
  await tab.close();
});

test("a vague complaint left at \"Saya tidak tahu\" records the triage as unsure and the choice as unknown", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await typeText(form, VAGUE);
  await form.getByText(UNSURE).waitFor();
  assert.equal(await suggestion(form).heading.count(), 0, "no agency is named when unsure");
  assert.equal(await f.agency.inputValue(), "", "nothing is preselected when unsure");
  await f.pengaduan.check();
  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, null);
  const triage = row.payload.triage;
  assert.ok(triage, "the payload has a triage record");
  assert.match(triage.model, /^aduan-triage/);
  assert.equal(triage.confidence, "unsure");
  assert.equal(triage.referral, null);
  assert.equal(triage.choice, "unknown");
  await tab.close();
});

test("a text with nothing to go on, after a suggestion, withdraws the preselection and records no topic", async () => {
  const { tab, form } = await freshForm();
  const f = fields(form);
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  assert.equal(await f.agency.inputValue(), "dlh");
  // The citizen rewrites the text: the panel goes once it has been read.
  await typeText(form, NOTHING);
  await suggestion(form).other.waitFor({ state: "detached" });
  assert.equal(await f.agency.inputValue(), "", "the agency preselected for the old text is withdrawn");
  await f.pengaduan.check();
  await fillTheRest(form);
  const row = await sendAndRead(form);
  assert.equal(row.agency_id, null);
  const triage = row.payload.triage;
  assert.ok(triage, "the payload has a triage record");
  assert.deepEqual(
    { topic: triage.topic, confidence: triage.confidence, suggested_agency: triage.suggested_agency, choice: triage.choice },
    { topic: null, confidence: "unsure", suggested_agency: null, choice: "unknown" },
  );
  await tab.close();
});

test("an agency picked from the list while the form is unsure is recorded as the citizen's own choice, not as the suggestion", async () => {
  // The record says "suggested" when the citizen kept or picked the
  // suggestion and "alternative" for one of the two offered. When the model is
  // unsure, the form names no agency; for a referral it offers no agency at
  // all. An agency the citizen then picks from the list was their own choice,
  // whatever the model ranked behind the scenes; an audit of how often
  // citizens follow suggestions must not count it as followed.
  const vague = await freshForm();
  await typeText(vague.form, VAGUE);
  await vague.form.getByText(UNSURE).waitFor();
  assert.equal(await suggestion(vague.form).alternatives.count(), 0, "no agency is offered when unsure");
  // "dpmd" is what this model ranks first for these words (`triage classify`).
  await fields(vague.form).agency.selectOption("dpmd");
  await fields(vague.form).pengaduan.check();
  await fillTheRest(vague.form);
  const unsure = (await sendAndRead(vague.form)).payload.triage;
  assert.equal(unsure?.confidence, "unsure", `triage: ${JSON.stringify(unsure)}`);
  assert.equal(unsure.choice, "other", `an agency never shown is not a suggestion followed: ${JSON.stringify(unsure)}`);
  await vague.tab.close();
});

test("an agency picked from the list beside a referral is recorded as the citizen's own choice, not as an alternative", async () => {
  // The referral notice offers no agency (the model's runners-up stay
  // hidden), so an agency picked from the list is not "one of the two offered".
  const power = await freshForm();
  await typeText(power.form, POWER_CUT);
  await referral(power.form).heading.waitFor();
  assert.equal(await suggestion(power.form).alternatives.count(), 0, "no agency is offered with a referral");
  // Dishub is among this model's runners-up for these words (`triage classify`).
  await fields(power.form).agency.selectOption("dishub");
  await fillTheRest(power.form);
  const referred = (await sendAndRead(power.form)).payload.triage;
  assert.equal(referred?.referral, "PLN (listrik)", `triage: ${JSON.stringify(referred)}`);
  assert.equal(referred.choice, "other", `an agency never offered is not an alternative: ${JSON.stringify(referred)}`);
  await power.tab.close();
});

// ---------------------------------------------------------------------------
// 7. axe.

async function assertNoViolations(page, state) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe found problems with the ${state}:\n${describeViolations(violations)}`);
}

test("the suggestion panel has no axe violations", async () => {
  const { tab, form, page } = await freshForm();
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  await assertNoViolations(page, "suggestion panel");
  await tab.close();
});

test("the unsure suggestion has no axe violations", async () => {
  const { tab, form, page } = await freshForm();
  await typeText(form, VAGUE);
  await form.getByText(UNSURE).waitFor();
  await assertNoViolations(page, "unsure suggestion");
  await tab.close();
});

test("the referral notice has no axe violations", async () => {
  const { tab, form, page } = await freshForm();
  await typeText(form, POWER_CUT);
  await referral(form).heading.waitFor();
  await assertNoViolations(page, "referral notice");
  await tab.close();
});

test("the emergency alert has no axe violations", async () => {
  const { tab, form, page } = await freshForm();
  await typeText(form, FIRE_NOW);
  await emergencyAlert(form).waitFor();
  await assertNoViolations(page, "emergency alert");
  await tab.close();
});

// ---------------------------------------------------------------------------
// 8. A 320 px phone.

const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Sizes of `locator`'s elements under 44×44 px, and sideways scrolling of the page and the widget. */
async function phoneProblems(page, locator, what) {
  const count = await locator.count();
  assert.ok(count > 0, `there are ${what} to measure`);
  const small = [];
  for (let i = 0; i < count; i++) {
    const element = locator.nth(i);
    const box = await element.boundingBox();
    const name = (await element.innerText()).trim();
    if (!box || box.width < 44 || box.height < 44) {
      small.push(`"${name}" is ${box ? `${box.width.toFixed(1)}×${box.height.toFixed(1)}` : "not laid out"} px`);
    }
  }
  const overflow = await page.evaluate(() => {
    const container = document.querySelector("aduan-widget").shadowRoot.querySelector(".aduan");
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`the page is ${doc.scrollWidth} px wide in ${doc.clientWidth}`);
    if (container.scrollWidth > container.clientWidth) out.push(`the widget is ${container.scrollWidth} px wide in ${container.clientWidth}`);
    return out;
  });
  return { small, overflow };
}

test("at 320 px the suggestion's buttons are at least 44×44 px and nothing scrolls sideways", async () => {
  const { tab, form, page } = await freshForm(PHONE);
  await typeText(form, RUBBISH);
  await suggestion(form).heading.waitFor();
  const buttons = form.getByRole("button", { name: /^Pilih / });
  assert.equal(await buttons.count(), 4, "the suggestion, two alternatives and \"Pilih instansi lain\"");
  const found = await phoneProblems(page, buttons, "suggestion buttons");
  assert.deepEqual(found, { small: [], overflow: [] });
  await tab.close();
});

test("at 320 px the referral's call link is at least 44×44 px and nothing scrolls sideways", async () => {
  const { tab, form, page } = await freshForm(PHONE);
  await typeText(form, POWER_CUT);
  await referral(form).heading.waitFor();
  const found = await phoneProblems(page, referral(form).call, "call links");
  assert.deepEqual(found, { small: [], overflow: [] });
  await tab.close();
});

test("at 320 px the emergency call links are at least 44×44 px and nothing scrolls sideways", async () => {
  const { tab, form, page } = await freshForm(PHONE);
  await typeText(form, FIRE_NOW);
  const alert = emergencyAlert(form);
  await alert.waitFor();
  const found = await phoneProblems(page, alert.getByRole("link"), "emergency call links");
  assert.deepEqual(found, { small: [], overflow: [] });
  await tab.close();
});

// ---------------------------------------------------------------------------
// 9. No model.

for (const [story, answer] of [
  ["is missing (404)", { status: 404, contentType: "text/plain", body: "Not Found" }],
  ["is not a model", { status: 200, contentType: "application/octet-stream", body: "this is not a triage model\n\n" }],
]) {
  test(`when triage/model.bin ${story} the form still sends, without suggestions, and says why in a console warning`, async () => {
    const tab = await openPage(browser);
    const { page } = tab;
    let asked = 0;
    await page.route("**/triage/model.bin", (route) => {
      asked += 1;
      return route.fulfill(answer);
    });
    await page.goto(site.url("plain.html"));
    const form = widget(page);
    await formReady(form);
    const warning = await eventually(() => tab.consoleWarnings.find((text) => text.startsWith("Aduan:")), {
      what: "a console warning starting with \"Aduan:\"",
    });
    assert.match(warning, /triage\/model\.bin/, "the warning names the file");
    assert.ok(asked >= 1, "the widget asked for the model");

    const f = fields(form);
    await typeText(form, RUBBISH);
    // Well past the 400 ms pause after typing: a suggestion would be here by now.
    await page.waitForTimeout(1200);
    assert.equal(await suggestion(form).heading.count(), 0, "no suggestion panel");
    assert.equal(await suggestion(form).other.count(), 0, "no \"Pilih instansi lain\"");
    assert.equal(await f.agency.inputValue(), "", "nothing preselected");

    await f.pengaduan.check();
    await f.agency.selectOption("dlh");
    await fillTheRest(form);
    const row = await sendAndRead(form);
    assert.equal(row.agency_id, "dlh");
    assert.equal(row.payload.triage, null, "no triage record without a model");
    assert.deepEqual(tab.pageErrors, [], "no uncaught exceptions");
    await tab.close();
  });
}
