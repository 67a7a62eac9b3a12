// axe on every state the widget can be in (WCAG 2.1 A and AA, plus axe's best
// practices), scanning the widget only: a host page's own faults are not ours.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  openPage,
  startReceiver,
  startSite,
  startCannedServer,
  closedPort,
  widget,
  formReady,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  tinyPng,
  axeViolations,
  describeViolations,
  ID,
  EN,
} from "./harness.mjs";

let browser, receiver, site, offlineSite, refusingSite;

before(async () => {
  site = await startSite({ receiver: () => receiver?.origin });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  offlineSite = await startSite();
  offlineSite.render({ ENDPOINT: `http://127.0.0.1:${await closedPort()}/api/complaints` });
  const refusing = await startCannedServer({ status: 422, body: { message: "Judul sudah pernah dilaporkan." } });
  refusingSite = await startSite();
  refusingSite.render({ ENDPOINT: `${refusing.origin}/api/complaints` });
  browser = await launchBrowser();
});

async function assertNoViolations(page, state) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe found problems in the ${state}:\n${describeViolations(violations)}`);
}

test("the empty form has no axe violations", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  await formReady(widget(tab.page));
  await assertNoViolations(tab.page, "empty form");
  await tab.close();
});

test("the form showing its errors has no axe violations", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const form = widget(tab.page);
  await formReady(form);
  await fields(form).pengaduan.check();
  await fields(form).phone.fill("0812");
  await fields(form).day.fill("31");
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.errorSummary }).waitFor();
  await assertNoViolations(tab.page, "error state");
  await tab.close();
});

test("the filled form with a chosen photo has no axe violations", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const form = widget(tab.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint({ files: [{ name: "foto.png", mimeType: "image/png", buffer: tinyPng() }] }));
  // Photos are re-encoded as JPEG, so the file is listed by its new name.
  await form.getByRole("button", { name: "Hapus foto.jpg" }).waitFor();
  await assertNoViolations(tab.page, "filled form");
  await tab.close();
});

test("the not-sent notice of a refused complaint has no axe violations", async () => {
  const tab = await openPage(browser, refusingSite.url("endpoint.html"));
  const form = widget(tab.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint());
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.notSent }).waitFor();
  await assertNoViolations(tab.page, "not-sent notice");
  await tab.close();
});

test("a complaint saved on the device to send later has no axe violations", async () => {
  const tab = await openPage(browser, offlineSite.url("endpoint.html"));
  const form = widget(tab.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint());
  await fields(form).submit.click();
  await form.getByRole("heading", { name: ID.saved }).waitFor();
  await assertNoViolations(tab.page, "saved, not sent");
  await tab.close();
});

test("the receipt has no axe violations", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const form = widget(tab.page);
  await formReady(form);
  await fillComplaint(form, sampleComplaint({ rahasia: true }));
  await fields(form).submit.click();
  await receiptNumber(form);
  await assertNoViolations(tab.page, "receipt");
  await tab.close();
});

test("the config-failure message has no axe violations", async () => {
  const tab = await openPage(browser, site.url("broken-configs.html"));
  await tab.page.getByRole("heading", { name: ID.configFailed }).nth(2).waitFor();
  await assertNoViolations(tab.page, "config failure messages");
  await tab.close();
});

test("the English form, empty and with errors, has no axe violations", async () => {
  const tab = await openPage(browser, site.url("two-widgets.html"));
  const english = widget(tab.page, 1);
  await formReady(english, EN);
  await assertNoViolations(tab.page, "English empty form");
  await english.getByRole("button", { name: EN.submit }).click();
  await english.getByRole("heading", { name: EN.errorSummary }).waitFor();
  await assertNoViolations(tab.page, "English error state");
  await tab.close();
});
