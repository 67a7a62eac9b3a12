// Agencies that take complaints only by WhatsApp or email: the widget writes the
// complaint into a wa.me or mailto link for the citizen's own app, warns when an
// Anonim report would still show the sender, and POSTs nothing anywhere.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  openPage,
  startReceiver,
  startSite,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  tinyPng,
  axeViolations,
  describeViolations,
} from "./harness.mjs";
import { DELIVERY, deliveryConfig, pageWithConfig, storedOutbox, localStore, DRAFT_KEY } from "./delivery-harness.mjs";

let browser, receiver, site, url;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  url = pageWithConfig(
    site,
    "delivery-handoff.json",
    deliveryConfig(
      {
        default: "penerima",
        backends: {
          penerima: { type: "json", url: receiver.endpoint },
          "wa-dishub": { type: "whatsapp", number: "0812 7000 113" },
          "surel-inspektorat": { type: "email", address: "pengaduan.inspektorat@bengkaliskab.go.id" },
        },
      },
      (config) => {
        config.agencies.find((agency) => agency.id === "dishub").backend = "wa-dishub";
        config.agencies.find((agency) => agency.id === "inspektorat").backend = "surel-inspektorat";
      },
    ),
  );
  browser = await launchBrowser();
});

/**
 * Opens the form with every request recorded, and wa.me answered locally so
 * that following the link opens a tab without anything leaving the machine.
 */
async function openForm() {
  const tab = await openPage(browser, url);
  const requests = [];
  tab.context.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  await tab.context.route("https://wa.me/**", (route) => route.fulfill({ contentType: "text/html", body: "<title>WhatsApp</title>" }));
  const form = widget(tab.page);
  await formReady(form);
  return { ...tab, form, requests };
}

const posts = (requests) => requests.filter((request) => request.method !== "GET");
const complaintsIn = () => receiver.query("SELECT count(*) AS n FROM complaints")[0].n;

test("a complaint for an agency on WhatsApp becomes a wa.me link with the whole complaint, the files to attach and the report number", async () => {
  const { page, form, requests, close } = await openForm();
  const answers = sampleComplaint({
    title: `Kapal roro terlambat tiga jam ${Date.now()}`,
    description: "Kapal roro Bengkalis–Sungai Selari berangkat terlambat 🚢\nTidak ada pengumuman.",
    email: "siti@contoh.id",
    files: [{ name: "antrean.png", mimeType: "image/png", buffer: tinyPng() }],
  });
  await fillComplaint(form, answers);
  await fields(form).submit.click();

  await form.getByRole("heading", { name: DELIVERY.whatsappTitle }).waitFor();
  const link = form.getByRole("link", { name: DELIVERY.whatsappOpen });
  const href = await link.getAttribute("href");
  assert.match(href, /^https:\/\/wa\.me\/628127000113\?text=[A-Za-z0-9%._~-]+$/, "the number in international form, the text fully encoded");
  assert.equal(await link.getAttribute("target"), "_blank");
  const message = new URL(href).searchParams.get("text");
  const number = message.match(/^\*Nomor laporan:\* ([0-9a-f]{8})$/m)?.[1];
  assert.ok(number, `the message ends with the report number:\n${message}`);
  for (const line of [
    "Pengaduan untuk Pemerintah Kabupaten Bengkalis",
    `*Judul:* ${answers.title}`,
    `*Isi laporan:* ${answers.description}`,
    "*Tanggal kejadian:* 14-11-2026",
    "*Lokasi:* Jalan Pesisir, dekat dermaga, Batu Panjang, Rupat, Kabupaten Bengkalis",
    "*Ditujukan kepada:* Dinas Perhubungan",
    "*Pelapor:* Siti Aminah",
    "*No. HP:* +6281234567890",
    "*Email:* siti@contoh.id",
    "*Lampiran:* 1 berkas menyusul dalam pesan ini",
  ]) {
    assert.ok(message.includes(line), `the message has "${line}":\n${message}`);
  }
  await form.getByText("Lampirkan sendiri 1 berkas Anda di pesan itu: tautan tidak dapat membawa berkas.").waitFor();
  assert.equal(await form.getByText(DELIVERY.notAnonymous).isVisible(), false, "no Anonim warning for a named report");
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `the hand-off panel passes axe:\n${describeViolations(violations)}`);

  assert.deepEqual(await storedOutbox(page), {}, "nothing waits in the outbox");
  assert.deepEqual(posts(requests), [], "nothing was POSTed anywhere");
  assert.equal(complaintsIn(), 0);
  await close();
});

test("an Anonim complaint's WhatsApp message names nobody, and the panel warns that the sender's number still shows", async () => {
  const { page, form, requests, close } = await openForm();
  const answers = sampleComplaint({ title: `Parkir liar di depan pasar ${Date.now()}`, anonim: true, name: "Rahmat Hidayat", phone: "0813 1111 2222" });
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  await form.getByRole("heading", { name: DELIVERY.whatsappTitle }).waitFor();
  await form.getByText(DELIVERY.notAnonymous).waitFor();
  const message = new URL(await form.getByRole("link", { name: DELIVERY.whatsappOpen }).getAttribute("href")).searchParams.get("text");
  assert.ok(message.includes("*Pelapor:* Anonim (mohon identitas pelapor dirahasiakan)"), message);
  for (const secret of ["Rahmat", "Hidayat", "0813", "+62813", "No. HP"]) {
    assert.ok(!message.includes(secret), `the message does not contain "${secret}":\n${message}`);
  }
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `the hand-off panel with its warning passes axe:\n${describeViolations(violations)}`);

  // "Ubah laporan" goes back to the form with every answer.
  await form.getByRole("button", { name: DELIVERY.editReport }).click();
  await formReady(form);
  assert.equal(await fields(form).title.inputValue(), answers.title);
  assert.equal(await fields(form).anonim.isChecked(), true);
  assert.equal(await fields(form).name.inputValue(), "Rahmat Hidayat");
  assert.deepEqual(posts(requests), [], "nothing was POSTed anywhere");
  await close();
});

test("a complaint for an agency on email becomes a mailto link with a subject and a CRLF body", async () => {
  const { form, requests, close } = await openForm();
  const answers = sampleComplaint({
    title: `Pungutan liar pengurusan izin ${Date.now()}`,
    description: "Diminta uang Rp500.000 untuk mempercepat izin usaha.\nTidak ada kuitansi.",
    agency: "Inspektorat Daerah",
  });
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  await form.getByRole("heading", { name: DELIVERY.emailTitle }).waitFor();
  const link = form.getByRole("link", { name: DELIVERY.emailOpen });
  const href = await link.getAttribute("href");
  const found = href.match(/^mailto:pengaduan\.inspektorat@bengkaliskab\.go\.id\?subject=([^&]+)&body=([^&]+)$/);
  assert.ok(found, `a mailto link to the inspectorate with subject and body: ${href}`);
  assert.equal(decodeURIComponent(found[1]), `Pengaduan: ${answers.title}`);
  const body = decodeURIComponent(found[2]);
  assert.ok(body.includes("\r\n") && !/[^\r]\n/.test(body), "every line break in the body is CRLF");
  assert.ok(body.includes(`Judul: ${answers.title}\r\n`), body);
  assert.ok(body.includes(`Isi laporan: ${answers.description.replace("\n", "\r\n")}\r\n`), body);
  assert.ok(body.includes("Pelapor: Siti Aminah"), body);
  assert.ok(!body.includes("*"), "no WhatsApp bold marks in an email");
  const number = body.match(/Nomor laporan: ([0-9a-f]{8})$/)?.[1];
  assert.ok(number, body);
  assert.equal(await link.getAttribute("target"), null, "the mail app opens from this page");

  assert.deepEqual(posts(requests), [], "nothing was POSTed anywhere");
  assert.equal(complaintsIn(), 0);
  await close();
});

/** Counts navigations of the host page itself (a link that reloads it loses the complaint on screen). */
function hostNavigations(page) {
  const seen = [];
  page.on("framenavigated", (frame) => frame === page.mainFrame() && seen.push(frame.url()));
  return seen;
}

test(
  "following \"Buka WhatsApp\" opens WhatsApp in a new tab with the message, and the page shows \"Laporan siap dikirim\" with the report number",
  async () => {
    const { page, context, form, requests, close } = await openForm();
    try {
      await fillComplaint(form, sampleComplaint({ title: `Halte bus rusak ${Date.now()}` }));
      await fields(form).submit.click();
      const link = form.getByRole("link", { name: DELIVERY.whatsappOpen });
      const href = await link.getAttribute("href");
      const number = new URL(href).searchParams.get("text").match(/\*Nomor laporan:\* ([0-9a-f]{8})$/)[1];
      const navigations = hostNavigations(page);
      const [whatsapp] = await Promise.all([context.waitForEvent("page", { timeout: 5000 }), link.click()]);
      assert.equal(whatsapp.url(), href, "WhatsApp opens with the message");
      await form.getByRole("heading", { name: DELIVERY.handedOff }).waitFor({ timeout: 5000 });
      await form.getByText(DELIVERY.reportNumber).waitFor();
      await form.getByText(number, { exact: true }).waitFor();
      assert.deepEqual(navigations, [], "the host page stays where it is");
      assert.equal((await localStore(page))[DRAFT_KEY], undefined, "the draft is gone: the citizen's app has the complaint");
      assert.deepEqual(posts(requests), [], "nothing was POSTed anywhere");
    } finally {
      await close();
    }
  },
);

test(
  "following \"Buka aplikasi email\" keeps the page and shows \"Laporan siap dikirim\" with the report number",
  async () => {
    const { page, form, requests, close } = await openForm();
    try {
      await fillComplaint(form, sampleComplaint({ title: `Pegawai tidak masuk kerja ${Date.now()}`, agency: "Inspektorat Daerah" }));
      await fields(form).submit.click();
      const link = form.getByRole("link", { name: DELIVERY.emailOpen });
      const number = decodeURIComponent(await link.getAttribute("href")).match(/Nomor laporan: ([0-9a-f]{8})$/)[1];
      const navigations = hostNavigations(page);
      await link.click();
      await form.getByRole("heading", { name: DELIVERY.handedOff }).waitFor({ timeout: 5000 });
      await form.getByText(number, { exact: true }).waitFor();
      await page.waitForTimeout(500);
      assert.deepEqual(navigations, [], "the host page stays where it is");
      assert.deepEqual(posts(requests), [], "nothing was POSTed anywhere");
    } finally {
      await close();
    }
  },
);
