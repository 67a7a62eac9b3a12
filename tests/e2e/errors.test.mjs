// The error path, GOV.UK style: an error summary that takes focus and lists the
// problems in form order, links that move focus to the field without touching
// the host page's address, inline errors tied to their inputs, and nothing the
// citizen typed thrown away.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  openPage,
  startSite,
  widget,
  formReady,
  fields,
  focusInWidget,
  settledFocus,
  shownText,
  ID,
} from "./harness.mjs";

let browser, site;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

/** The error summary: the alert headed "Ada masalah". */
function summaryOf(form) {
  return form.getByRole("alert").filter({ has: form.page().getByRole("heading", { name: ID.errorSummary }) });
}

/** The summary's links as [text, target id], in the order shown. */
async function summaryItems(form) {
  const links = summaryOf(form).getByRole("link");
  const items = [];
  for (const link of await links.all()) {
    items.push([await shownText(link), (await link.getAttribute("href")).replace(/^#/, "")]);
  }
  return items;
}

/**
 * What the page says about one invalid field, read from the shadow root: its
 * aria-invalid, its aria-describedby (the input's, or its fieldset's for a
 * question of several inputs), and the text of its `-error` element.
 */
async function inlineError(page, inputId, errorId, { fieldset = false } = {}) {
  return page.evaluate(
    ({ inputId, errorId, fieldset }) => {
      const root = document.querySelector("aduan-widget").shadowRoot;
      const input = root.getElementById(inputId);
      // GOV.UK radios and dates: the fieldset, not each input, is described by the error.
      const group = fieldset ? input.closest("fieldset") : input;
      const error = root.getElementById(errorId);
      return {
        invalid: input.getAttribute("aria-invalid"),
        describedBy: (group.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean),
        errorText: error && error.checkVisibility() ? error.innerText.replace(/\s+/g, " ").trim() : null,
      };
    },
    { inputId, errorId, fieldset },
  );
}

async function submitAndWaitForSummary(form) {
  await fields(form).submit.click();
  await summaryOf(form).waitFor();
}

test("sending the empty form shows a focused error summary listing the problems in form order", async () => {
  const tab = await openPage(browser, site.url("plain.html#awal"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const hostUrl = page.url();

  await submitAndWaitForSummary(form);

  const focus = await settledFocus(page, (f) => f.classes?.includes("aduan-error-summary"));
  assert.equal(focus.inWidget, true, `document.activeElement is the widget (focus is on ${focus.outside})`);
  assert.ok(focus.classes?.includes("aduan-error-summary"), `the summary has focus, not ${JSON.stringify(focus)}`);
  assert.match(focus.text, new RegExp(`^${ID.errorSummary}`));

  const items = await summaryItems(form);
  assert.deepEqual(items, [
    ["Pilih jenis laporan", "aduan-kind-pengaduan"],
    ["Masukkan judul laporan", "aduan-title"],
    ["Masukkan isi laporan", "aduan-description"],
    ["Masukkan nama lengkap Anda", "aduan-name"],
    ["Masukkan nomor HP atau email agar petugas dapat menghubungi Anda", "aduan-phone"],
  ]);

  // Form order is document order of the fields the links point at.
  const inDocumentOrder = await page.evaluate((ids) => {
    const root = document.querySelector("aduan-widget").shadowRoot;
    const nodes = ids.map((id) => root.getElementById(id));
    return nodes.every((node, i) => i === 0 || nodes[i - 1].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, items.map(([, id]) => id));
  assert.ok(inDocumentOrder, "the summary lists the errors in the order of the form");

  // Each inline error is tied to its field and says what the summary says.
  const expectations = [
    { input: "aduan-title", error: "aduan-title-error", invalid: "true" },
    { input: "aduan-description", error: "aduan-description-error", invalid: "true" },
    { input: "aduan-name", error: "aduan-name-error", invalid: "true" },
    { input: "aduan-phone", error: "aduan-phone-error", invalid: "true" },
    // A question of several inputs: the fieldset carries the description.
    { input: "aduan-kind-pengaduan", error: "aduan-kind-error", invalid: null, fieldset: true },
  ];
  for (const { input, error, invalid, fieldset } of expectations) {
    const found = await inlineError(page, input, error, { fieldset });
    if (invalid) assert.equal(found.invalid, invalid, `#${input} has aria-invalid="true"`);
    assert.ok(found.describedBy.includes(error), `#${input}'s aria-describedby (${found.describedBy}) contains ${error}`);
    const sentence = items.find(([, target]) => target === input)[0];
    assert.equal(found.errorText, `Kesalahan: ${sentence}`, `#${error} says what the summary says`);
  }
  // A field without a problem is not marked.
  assert.equal(await inlineError(page, "aduan-email", "aduan-email-error").then((e) => e.invalid), null);

  // Each link moves focus to its field and leaves the host page's address alone.
  for (const [text, target] of items) {
    await summaryOf(form).getByRole("link", { name: text }).click();
    const moved = await focusInWidget(page);
    assert.equal(moved.id, target, `"${text}" focuses #${target}`);
    assert.equal(page.url(), hostUrl, "the host page's URL (and its #hash) is unchanged");
  }
  assert.equal(await page.evaluate(() => location.hash), "#awal");

  // The links work from the keyboard too: Shift+Tab back to the last link, Enter.
  await form.getByRole("button", { name: ID.submit }).focus();
  await fields(form).submit.press("Enter");
  await page.waitForFunction(() => document.querySelector("aduan-widget").shadowRoot.activeElement?.classList.contains("aduan-error-summary"));
  await page.keyboard.press("Tab");
  assert.equal((await focusInWidget(page)).text, "Pilih jenis laporan", "Tab from the summary reaches its first link");
  await page.keyboard.press("Enter");
  assert.equal((await focusInWidget(page)).id, "aduan-kind-pengaduan", "Enter on a link focuses its field");
  assert.equal(page.url(), hostUrl);

  // Sending again with the same problems takes focus back to the summary.
  await fields(form).title.focus();
  await fields(form).submit.click();
  await page.waitForFunction(() => document.querySelector("aduan-widget").shadowRoot.activeElement?.classList.contains("aduan-error-summary"));

  assert.deepEqual(tab.pageErrors, []);
  await tab.close();
});

test("what the citizen typed is kept when the form shows errors", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const f = fields(form);

  await f.pengaduan.check();
  await f.title.fill("Jalan berlubang di Jalan Sudirman");
  await f.description.fill("pendek");
  await f.kecamatan.selectOption({ label: "Bengkalis" });
  await f.desa.selectOption({ label: "Damon (kelurahan)" });
  await f.rahasia.check();
  await f.name.fill("Budi Santoso");
  await f.email.fill("budi@contoh.id");
  await f.nik.fill("1403011203850002");
  await submitAndWaitForSummary(form);

  assert.deepEqual(await summaryItems(form), [
    ["Isi laporan harus paling sedikit 20 karakter", "aduan-description"],
    ["Masukkan tanggal kejadian", "aduan-incident-day"],
  ]);
  assert.equal(await f.pengaduan.isChecked(), true);
  assert.equal(await f.title.inputValue(), "Jalan berlubang di Jalan Sudirman");
  assert.equal(await f.description.inputValue(), "pendek");
  assert.equal(await f.kecamatan.inputValue(), "14.03.01");
  assert.equal(await f.desa.inputValue(), "14.03.01.1002");
  assert.equal(await f.rahasia.isChecked(), true);
  assert.equal(await f.name.inputValue(), "Budi Santoso");
  assert.equal(await f.email.inputValue(), "budi@contoh.id");
  assert.equal(await f.nik.inputValue(), "1403011203850002");
  await tab.close();
});

test("a short phone number, a date without its month, a future date and 31 February get the messages from id.rs", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const f = fields(form);

  await f.pengaduan.check();
  await f.title.fill("Lampu jalan padam");
  await f.description.fill("Lampu jalan di depan masjid sudah padam seminggu.");
  await f.kecamatan.selectOption({ label: "Rupat" });
  await f.name.fill("Siti Aminah");

  const nextYear = String(new Date().getFullYear() + 1);
  const cases = [
    {
      what: "a phone number of four digits",
      phone: "0812",
      date: ["14", "11", "2026"],
      expect: [["Nomor HP terlalu pendek atau terlalu panjang, periksa kembali", "aduan-phone"]],
    },
    {
      what: "a date without its month",
      phone: "0812 3456 7890",
      date: ["14", "", "2026"],
      expect: [["Tanggal kejadian harus berisi bulan", "aduan-incident-month"]],
    },
    {
      what: "a date next year",
      phone: "0812 3456 7890",
      date: ["1", "1", nextYear],
      expect: [["Tanggal kejadian harus hari ini atau sebelumnya", "aduan-incident-day"]],
    },
    {
      what: "31 February",
      phone: "0812 3456 7890",
      date: ["31", "2", "2026"],
      expect: [["Tanggal kejadian harus tanggal yang benar", "aduan-incident-day"]],
    },
  ];
  for (const { what, phone, date, expect } of cases) {
    await f.phone.fill(phone);
    await f.day.fill(date[0]);
    await f.month.fill(date[1]);
    await f.year.fill(date[2]);
    await f.submit.click();
    await summaryOf(form).getByRole("link", { name: expect[0][0] }).waitFor();
    assert.deepEqual(await summaryItems(form), expect, what);
    if (expect[0][1] === "aduan-incident-month") {
      // Only the missing box is marked, and the link goes to it.
      assert.equal(await f.month.getAttribute("aria-invalid"), "true");
      assert.equal(await f.day.getAttribute("aria-invalid"), null);
      await summaryOf(form).getByRole("link", { name: expect[0][0] }).click();
      assert.equal((await focusInWidget(page)).id, "aduan-incident-month", "the link focuses the month box");
    } else if (expect[0][1] === "aduan-incident-day") {
      // A date that is wrong as a whole marks all three boxes.
      for (const box of [f.day, f.month, f.year]) assert.equal(await box.getAttribute("aria-invalid"), "true", what);
      const found = await inlineError(page, "aduan-incident-day", "aduan-incident-error", { fieldset: true });
      assert.ok(found.describedBy.includes("aduan-incident-error"), `the date fieldset is described by its error (${what})`);
      assert.equal(found.errorText, `Kesalahan: ${expect[0][0]}`);
    } else {
      assert.equal(await f.phone.getAttribute("aria-invalid"), "true");
      const found = await inlineError(page, "aduan-phone", "aduan-phone-error");
      assert.equal(found.errorText, `Kesalahan: ${expect[0][0]}`);
    }
    assert.equal(await f.phone.inputValue(), phone, "the phone as typed is kept");
    assert.equal(await f.day.inputValue(), date[0], "the day as typed is kept");
  }
  await tab.close();
});

test("removing a file that broke the limits takes its error out of the summary", async () => {
  // The story: a citizen picked a text file, pressed send, saw the summary
  // list it, removed the file, and the summary kept pointing at a question that
  // no longer had an error.
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const f = fields(form);
  await f.attachments.setInputFiles({ name: "catatan.txt", mimeType: "text/plain", buffer: Buffer.from("catatan") });
  await submitAndWaitForSummary(form);
  const fileError = "Berkas catatan.txt harus berupa foto atau dokumen yang diizinkan";
  assert.ok((await summaryItems(form)).some(([text]) => text === fileError), "the summary lists the file");

  await form.getByRole("button", { name: "Hapus catatan.txt" }).click();
  await summaryOf(form).getByRole("link", { name: fileError }).waitFor({ state: "detached" }).catch(() => {});
  const items = await summaryItems(form);
  assert.ok(!items.some(([text]) => text === fileError), `the file's error is gone: ${JSON.stringify(items)}`);
  assert.ok(items.some(([text]) => text === "Masukkan judul laporan"), "the other errors stay until the next send");
  assert.equal(await f.attachments.getAttribute("aria-invalid"), null);
  await tab.close();
});
