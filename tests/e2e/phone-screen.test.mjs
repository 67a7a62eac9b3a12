// On a 320 px wide phone (WCAG 1.4.10 reflow) nothing scrolls sideways, and
// every control is a touch target of at least 44×44 px (WCAG 2.5.5, GOV.UK).
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  openPage,
  startReceiver,
  startSite,
  closedPort,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  tinyPng,
  ID,
} from "./harness.mjs";
import { DELIVERY, deliveryConfig, pageWithConfig, outboxItems } from "./delivery-harness.mjs";

const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let browser, receiver, site, offlineSite;

before(async () => {
  site = await startSite({ receiver: () => receiver?.origin });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  offlineSite = await startSite();
  offlineSite.render({ ENDPOINT: `http://127.0.0.1:${await closedPort()}/api/complaints` });
  browser = await launchBrowser();
});

/**
 * Measures the page as it is now: horizontal overflow of the page and of the
 * widget's container, any visible element of the widget that sticks out past
 * the viewport, and every visible control smaller than 44×44 px. Links inside
 * running text (a <p>) are exempt, as WCAG 2.5.5 allows for inline links.
 */
function measure(page) {
  return page.evaluate(() => {
    const root = document.querySelector("aduan-widget").shadowRoot;
    const container = root.querySelector(".aduan");
    const visible = (element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      const clipped = style.clipPath === "inset(50%)" || style.clip === "rect(0px, 0px, 0px, 0px)";
      return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && style.display !== "none" && !clipped;
    };
    const describe = (element) => {
      const label = element.labels?.[0]?.innerText ?? element.getAttribute("aria-label") ?? element.innerText;
      return `${element.tagName.toLowerCase()}${element.type ? `[type=${element.type}]` : ""}#${element.id} "${label.replace(/\s+/g, " ").trim().slice(0, 50)}"`;
    };
    const all = [...root.querySelectorAll("*")].filter(visible);
    const sticksOut = all
      .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((element) => `${describe(element)} right edge at ${element.getBoundingClientRect().right.toFixed(1)} px`);
    // Controls a person uses: not the bot trap, which is hidden from people
    // (aria-hidden, off screen, out of the tab order).
    const controls = [...root.querySelectorAll("input, select, textarea, button, a[href], [tabindex]:not([tabindex='-1'])")]
      .filter(visible)
      .filter((element) => !element.closest("[aria-hidden=true]"))
      .filter((element) => !(element.tagName === "A" && element.closest("p")));
    const small = controls
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ element, box }) => `${describe(element)} is ${box.width.toFixed(1)}×${box.height.toFixed(1)} px`);
    return {
      page: { scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth },
      widget: { scrollWidth: container.scrollWidth, clientWidth: container.clientWidth },
      sticksOut,
      small,
      controls: controls.length,
    };
  });
}

function assertFits(found, state) {
  assert.ok(
    found.page.scrollWidth <= found.page.clientWidth,
    `${state}: the page scrolls sideways (${found.page.scrollWidth} > ${found.page.clientWidth})`,
  );
  assert.ok(
    found.widget.scrollWidth <= found.widget.clientWidth,
    `${state}: the widget overflows its container (${found.widget.scrollWidth} > ${found.widget.clientWidth})`,
  );
  assert.deepEqual(found.sticksOut, [], `${state}: nothing sticks out past the 320 px screen`);
  assert.ok(found.controls > 0, `${state}: there are controls to measure`);
  assert.deepEqual(found.small, [], `${state}: every control is at least 44×44 px`);
}

test("at 320 px the empty form neither scrolls sideways nor has a control under 44×44 px", async () => {
  const tab = await openPage(browser, site.url("plain.html"), PHONE);
  await formReady(widget(tab.page));
  assertFits(await measure(tab.page), "empty form");
  await tab.close();
});

test("at 320 px the error summary, a chosen file and the filled form fit and are easy to tap", async () => {
  const tab = await openPage(browser, site.url("plain.html"), PHONE);
  const form = widget(tab.page);
  await formReady(form);
  await fields(form).pengaduan.check();
  await fields(form).attachments.setInputFiles([
    { name: "foto-jalan-rusak-di-depan-kantor-desa-batu-panjang-kecamatan-rupat.png", mimeType: "image/png", buffer: tinyPng() },
  ]);
  await fields(form).phone.fill("0812");
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.errorSummary }).waitFor();
  assertFits(await measure(tab.page), "error state with a file chosen");

  await fillComplaint(form, sampleComplaint({ agency: "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak (DP2KBP3A)" }));
  assertFits(await measure(tab.page), "filled form with a long agency name");
  await tab.close();
});

test("at 320 px the saved-not-sent panel and the receipt fit and are easy to tap", async () => {
  const offline = await openPage(browser, offlineSite.url("endpoint.html"), PHONE);
  const form = widget(offline.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint());
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.saved }).waitFor();
  assertFits(await measure(offline.page), "saved, not sent");
  await offline.close();

  const tab = await openPage(browser, site.url("plain.html"), PHONE);
  const sent = widget(tab.page);
  await formReady(sent);
  await fillComplaint(sent, sampleComplaint({ title: "Jembatan kayu penghubung antar-desa di Kecamatan Rupat lapuk dan berbahaya bagi anak sekolah" }));
  await fields(sent).submit.click();
  await receiptNumber(sent);
  assertFits(await measure(tab.page), "receipt");
  await tab.close();
});

test("at 320 px the outbox list, a restored draft, a shared location and the WhatsApp hand-off fit and are easy to tap", async () => {
  // A complaint kept on the device while the receiver cannot be reached, then
  // a reload: the list shows it, and the half-typed next one comes back.
  const offline = await openPage(browser, offlineSite.url("endpoint.html"), {
    ...PHONE,
    permissions: ["geolocation"],
    geolocation: { latitude: 1.46743189, longitude: 102.10314561 },
  });
  const form = widget(offline.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint({ title: "Jembatan kayu penghubung antar-desa di Kecamatan Rupat lapuk dan berbahaya" }));
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.saved }).waitFor();
  await form.getByRole("button", { name: DELIVERY.another }).click();
  await formReady(form);
  await fields(form).title.fill("Lampu jalan di depan pasar padam sejak Senin malam");
  await offline.page.waitForTimeout(700); // the draft is saved once typing pauses
  await offline.page.reload();
  await formReady(form);
  await outboxItems(form).first().waitFor();
  await form.getByText(DELIVERY.restored).waitFor();
  assertFits(await measure(offline.page), "outbox list and restored draft");

  await form.getByRole("button", { name: DELIVERY.useLocation }).click();
  await form.getByRole("button", { name: DELIVERY.removeLocation }).waitFor();
  assertFits(await measure(offline.page), "shared location");
  await offline.close();

  const handOff = pageWithConfig(
    site,
    "phone-whatsapp.json",
    deliveryConfig({ default: "wa", backends: { wa: { type: "whatsapp", number: "0812 7000 113" } } }),
  );
  const tab = await openPage(browser, handOff, PHONE);
  const whatsapp = widget(tab.page);
  await formReady(whatsapp);
  await fillComplaint(whatsapp, sampleComplaint({ files: [{ name: "foto-jembatan.png", mimeType: "image/png", buffer: tinyPng() }] }));
  await fields(whatsapp).submit.click();
  await whatsapp.getByRole("heading", { name: DELIVERY.whatsappTitle }).waitFor();
  assertFits(await measure(tab.page), "WhatsApp hand-off");
  await tab.close();
});
