// Works under a strict Content-Security-Policy (users' request 7): no inline
// script or style, no eval; only WebAssembly compilation is allowed.
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
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  tinyPng,
  eventually,
} from "./harness.mjs";

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

let browser, receiver, site;

before(async () => {
  site = await startSite({
    receiver: () => receiver?.origin,
    headers: (pathname) => (pathname.endsWith(".html") ? { "Content-Security-Policy": POLICY } : {}),
  });
  receiver = await startReceiver({ allowOrigins: [site.origin] });
  browser = await launchBrowser();
});

test("under a strict CSP header the widget renders and sends with no violation and no console error", async () => {
  const tab = await openPage(browser, site.url("csp.html"));
  const { page } = tab;
  const response = await page.reload();
  assert.equal(response.headers()["content-security-policy"], POLICY, "the page really is served with the policy");

  const form = widget(page);
  await formReady(form);
  const answers = sampleComplaint({ files: [{ name: "bukti.png", mimeType: "image/png", buffer: tinyPng() }] });
  await fillComplaint(form, answers);
  // The error state too: it renders new markup and moves focus.
  await fields(form).title.fill("");
  await fields(form).submit.click();
  await form.getByRole("heading", { name: "Ada masalah" }).waitFor();
  await fields(form).title.fill(answers.title);
  await fields(form).submit.click();
  const shown = await receiptNumber(form);

  const rows = receiver.query(`SELECT tracking_number FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.deepEqual(rows, [{ tracking_number: shown }], "the complaint arrived");
  assert.deepEqual(tab.cspViolations, [], "no securitypolicyviolation event");
  assert.deepEqual(tab.consoleErrors, [], "no console error");
  assert.deepEqual(tab.pageErrors, [], "no uncaught exception");
  await tab.close();
});

test("the violation listener does catch a violation on this page", async () => {
  // Guards the test above: were the listener broken, it would pass vacuously.
  const tab = await openPage(browser, site.url("csp.html"));
  await formReady(widget(tab.page));
  await tab.page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://example.invalid/pixel.png";
    document.body.append(image);
  });
  await eventually(() => tab.cspViolations.length > 0, { what: "a securitypolicyviolation event" });
  assert.equal(tab.cspViolations[0].directive, "img-src");
  await tab.close();
});
