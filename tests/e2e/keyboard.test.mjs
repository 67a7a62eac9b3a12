// A citizen who uses only the keyboard (WCAG 2.1.1) completes and sends a
// complaint: Tab and Shift+Tab to move, Space for radios and checkboxes, arrow
// keys in the selects, Enter to send. No click, no fill.
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
  focusInWidget,
  settledFocus,
  tabUntil,
  receiptNumber,
  asPersonWould,
} from "./harness.mjs";

let browser, receiver, site;

before(async () => {
  site = await startSite({ receiver: () => receiver?.origin });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  browser = await launchBrowser();
});

/** Presses `key` until the focused select shows `label`; fails after `limit` presses. */
async function arrowTo(page, label, { key = "ArrowDown", limit = 40 } = {}) {
  for (let i = 0; i < limit; i++) {
    const shown = await page.evaluate(() => {
      const select = document.querySelector("aduan-widget").shadowRoot.activeElement;
      return select.options[select.selectedIndex]?.text;
    });
    if (shown === label) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached "${label}"`);
}

test("a complaint can be completed and sent with the keyboard alone", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const { keyboard } = page;
  const title = `Saluran air tersumbat ${Date.now()}`;

  // The page starts with nothing focused; Tab walks through the host's own
  // controls and into the widget.
  await tabUntil(page, "aduan-kind-pengaduan");
  await keyboard.press("Space");
  // Arrow keys move the choice within the radio group, and back.
  await keyboard.press("ArrowDown");
  assert.equal((await focusInWidget(page)).id, "aduan-kind-aspirasi", "ArrowDown moves to the next kind");
  await keyboard.press("ArrowUp");
  assert.equal((await focusInWidget(page)).id, "aduan-kind-pengaduan");

  await tabUntil(page, "aduan-title");
  // Typing, then going back to the start to add a word, as people do.
  await keyboard.type(title.replace("Saluran ", ""));
  await keyboard.press("Home");
  await keyboard.type("Saluran ");
  await keyboard.press("Tab");
  assert.equal((await focusInWidget(page)).id, "aduan-description", "Tab goes from the title to the description");
  await keyboard.type("Saluran air di depan pasar tersumbat sampah sejak hujan deras minggu lalu.");

  await tabUntil(page, "aduan-incident-day");
  await keyboard.type("3");
  await keyboard.press("Tab");
  await keyboard.type("11");
  await keyboard.press("Tab");
  await keyboard.type("2026");
  // The month was wrong: Shift+Tab back to it, select what is there, retype.
  await tabUntil(page, "aduan-incident-month", { backwards: true });
  await keyboard.press("Control+A");
  await keyboard.type("10");

  await tabUntil(page, "aduan-kecamatan");
  await arrowTo(page, "Mandau");
  await tabUntil(page, "aduan-desa");
  await arrowTo(page, "Babussalam (kelurahan)");
  await tabUntil(page, "aduan-location-detail");
  await keyboard.type("Depan Pasar Duri");
  await tabUntil(page, "aduan-agency");
  await arrowTo(page, "Dinas Pekerjaan Umum dan Penataan Ruang (PUPR)");

  await tabUntil(page, "aduan-confidential");
  await keyboard.press("Space");
  await tabUntil(page, "aduan-name");
  await keyboard.type("Rahmat Hidayat");
  await keyboard.press("Tab");
  assert.equal((await focusInWidget(page)).id, "aduan-phone");
  await keyboard.type("0852 6612 3344");
  await keyboard.press("Tab");
  await keyboard.type("rahmat@contoh.id");
  await asPersonWould(form);
  await keyboard.press("Enter");

  const shown = await receiptNumber(form);
  const focus = await settledFocus(page, (f) => f.tag === "h2");
  assert.equal(focus.inWidget, true, "focus stays in the widget after sending");
  assert.equal(focus.tag, "h2", "the receipt heading takes focus");
  assert.equal(focus.text, "Laporan terkirim");

  const rows = receiver.query(`SELECT * FROM complaints WHERE title = ${sqlText(title)}`);
  assert.equal(rows.length, 1, "the complaint arrived once");
  assert.equal(rows[0].tracking_number, shown);
  assert.equal(rows[0].kind, "pengaduan");
  assert.equal(rows[0].incident_date, "2026-10-03");
  assert.equal(rows[0].kecamatan_code, "14.03.09");
  assert.equal(rows[0].desa_code, "14.03.09.1002");
  assert.equal(rows[0].agency_id, "pupr");
  assert.equal(rows[0].confidential, 1);
  assert.equal(rows[0].contact_phone, "+6285266123344");
  assert.equal(rows[0].contact_email, "rahmat@contoh.id");

  // "Kirim laporan lain": an empty form, focus on its heading.
  await keyboard.press("Tab");
  const another = await focusInWidget(page);
  assert.equal(another.text, "Kirim laporan lain", "Tab from the receipt reaches the send-another button");
  await keyboard.press("Enter");
  await form.getByRole("heading", { name: "Sampaikan laporan Anda" }).waitFor();
  const fresh = await settledFocus(page, (f) => f.text === "Sampaikan laporan Anda");
  assert.equal(fresh.tag, "h2", "focus goes to the form's heading");
  assert.equal(fresh.text, "Sampaikan laporan Anda");
  assert.equal(await form.getByLabel("Judul laporan").inputValue(), "", "the new form is empty");
  assert.equal(await form.getByRole("radio", { name: "Pengaduan" }).isChecked(), false);
  assert.equal(await form.getByLabel("Kecamatan").inputValue(), "", "no kecamatan chosen");
  assert.equal(await form.getByLabel("Desa atau kelurahan").inputValue(), "");
  assert.equal(await form.getByLabel("Instansi tujuan").inputValue(), "");
  assert.equal(await form.getByRole("checkbox", { name: "Rahasia" }).isChecked(), false);
  assert.equal(await form.getByLabel("Nomor HP atau WhatsApp").inputValue(), "");
  await form.getByText("Anda punya 4000 karakter tersisa").waitFor();

  assert.deepEqual(tab.consoleErrors, []);
  await tab.close();
});
