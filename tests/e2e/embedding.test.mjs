// How webmasters embed the widget: two on one page, the script tag before or
// after the element, configs they got wrong, and the widget's files served from
// another origin than the page.
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
  focusInWidget,
  eventually,
  labelFor,
  shownText,
  settledFocus,
  ID,
  EN,
} from "./harness.mjs";

let browser, receiver, site, hostSite, widgetSite, noWasmSite;

before(async () => {
  site = await startSite({ receiver: () => receiver?.origin });
  // Cross-origin: the page on one server, the widget's files and config on
  // another (which allows any origin to load them, as a CDN would).
  hostSite = await startSite({ dist: false });
  widgetSite = await startSite({ headers: () => ({ "Access-Control-Allow-Origin": "*" }) });
  // A site whose policy forbids compiling WebAssembly.
  noWasmSite = await startSite({
    headers: (pathname) =>
      pathname.endsWith(".html") ? { "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'" } : {},
  });
  receiver = await startReceiver({ allowOrigins: [site.origin, hostSite.origin] });
  hostSite.render({ WIDGET_ORIGIN: widgetSite.origin, RECEIVER: receiver.origin });
  browser = await launchBrowser();
});

test("two widgets on one page, one in English, work independently", async () => {
  const tab = await openPage(browser, site.url("two-widgets.html"));
  const { page } = tab;
  const indonesian = widget(page, 0);
  const english = widget(page, 1);
  await formReady(indonesian);
  await formReady(english, EN);
  await english.getByRole("button", { name: EN.submit }).waitFor();
  assert.equal(await english.getByRole("button", { name: ID.submit }).count(), 0, "the English widget has no Indonesian button");
  assert.equal(await indonesian.getByRole("button", { name: EN.submit }).count(), 0, "and the Indonesian one no English button");

  // Typing in the Indonesian widget and failing in the English one.
  await fields(indonesian).title.fill("Judul di widget pertama");
  const englishTitle = english.getByRole("textbox", { name: "Title", exact: true });
  await englishTitle.fill("Title in the second widget");
  await english.getByRole("button", { name: EN.submit }).click();
  await english.getByRole("heading", { name: EN.errorSummary }).waitFor();
  assert.equal(await indonesian.getByRole("alert").count(), 0, "the English widget's errors do not appear in the Indonesian one");
  assert.equal(await indonesian.locator("[aria-invalid=true]").count(), 0, "no Indonesian field is marked invalid");
  assert.equal(await fields(indonesian).title.inputValue(), "Judul di widget pertama", "each widget keeps its own answers");
  assert.equal(await englishTitle.inputValue(), "Title in the second widget");
  const focus = await settledFocus(page, (f) => f.classes?.includes("aduan-error-summary"), { index: 1 });
  assert.ok(focus.inWidget && focus.classes.includes("aduan-error-summary"), "the English widget's summary took focus");

  // Same ids in both shadow roots, yet each label points at its own widget's input.
  await labelFor(english, "Full name").click();
  assert.equal((await focusInWidget(page, 1)).id, "aduan-name", "the English label focuses the English input");
  await labelFor(indonesian, "Judul laporan").click();
  assert.equal((await focusInWidget(page, 0)).id, "aduan-title", "the Indonesian label focuses the Indonesian input");
  const leaked = await page.evaluate(() => ["aduan-title", "aduan-name", "aduan-title-error"].filter((id) => document.getElementById(id)));
  assert.deepEqual(leaked, [], "no widget id is in the host document, where it could collide with the host's");

  // The Indonesian widget sends; the English one keeps its errors.
  const answers = sampleComplaint();
  await fillComplaint(indonesian, answers);
  await fields(indonesian).submit.click();
  const shown = await receiptNumber(indonesian);
  assert.equal(await english.getByRole("heading", { name: EN.errorSummary }).count(), 1, "the English widget still shows its errors");
  assert.equal(await english.getByRole("heading", { name: EN.receipt }).count(), 0, "and no receipt");
  const rows = receiver.query(`SELECT tracking_number, language FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.deepEqual(rows, [{ tracking_number: shown, language: "id" }]);
  assert.deepEqual(tab.pageErrors, []);
  await tab.close();
});

test("the widget renders whether its script comes after the element or before it in <head>", async () => {
  for (const file of ["script-after.html", "script-in-head.html"]) {
    const tab = await openPage(browser, site.url(file));
    await formReady(widget(tab.page));
    await fields(widget(tab.page)).submit.waitFor();
    assert.deepEqual(tab.consoleErrors, [], `${file}: no console errors`);
    await tab.close();
  }
});

test("a missing config attribute, a config that 404s and a config with a bad key each show the failure message", async () => {
  const tab = await openPage(browser, site.url("broken-configs.html"));
  const { page } = tab;
  // The one widget configured right still works beside the three broken ones.
  await formReady(widget(page, 3));

  const cases = [
    { index: 0, detail: /needs a config attribute/ },
    { index: 1, detail: /the config "\/config\/tidak-ada\.json" answered HTTP 404/ },
    { index: 2, detail: /the config "\/config\/bad-key\.json" is not valid: .*respons_hours/ },
  ];
  for (const { index, detail } of cases) {
    const box = widget(page, index);
    const alert = box.getByRole("alert");
    await alert.getByRole("heading", { name: ID.configFailed }).waitFor();
    const text = await shownText(alert);
    assert.match(text, /Maaf, formulir ini sedang bermasalah/, `widget ${index}: the apology for the citizen`);
    assert.match(text, /Keterangan untuk pengelola situs:/, `widget ${index}: the note for the webmaster`);
    assert.match(text, detail, `widget ${index}: the detail names the problem`);
    assert.equal(await box.getByRole("heading", { name: ID.heading }).count(), 0, `widget ${index}: no form`);
  }
  const fromAduan = await eventually(
    () => {
      const found = tab.consoleErrors.filter((message) => message.startsWith("Aduan:"));
      return found.length >= 3 && found;
    },
    { what: "three console errors starting with Aduan:" },
  );
  for (const { detail } of cases) {
    assert.ok(fromAduan.some((message) => detail.test(message)), `a console error says ${detail}:\n${fromAduan.join("\n")}`);
  }
  await tab.close();
});

test("a page on one origin with the widget from another sends straight to the receiver", async () => {
  const tab = await openPage(browser, hostSite.url("cross-origin.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  const posted = page.waitForRequest((request) => request.method() === "POST");
  await fields(form).submit.click();
  const shown = await receiptNumber(form);
  assert.equal((await posted).url(), `${receiver.origin}/api/complaints`, "the complaint went to the endpoint attribute's address");

  const rows = receiver.query(`SELECT tracking_number, payload_json FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].tracking_number, shown);
  assert.equal(JSON.parse(rows[0].payload_json).source.page_url, hostSite.url("cross-origin.html"), "the page it came from is the host's");
  assert.deepEqual(tab.consoleErrors, []);
  await tab.close();
});

test("when the widget cannot start, the fallback the webmaster put inside the element stays visible", async () => {
  const tab = await openPage(browser, noWasmSite.url("fallback.html"));
  const { page } = tab;
  const started = await eventually(() => tab.consoleErrors.find((message) => message.startsWith("Aduan:")), {
    what: "the loader's console error",
  });
  assert.match(started, /^Aduan: the widget could not start/);
  const link = page.getByRole("link", { name: "SP4N-LAPOR!" });
  assert.equal(await link.isVisible(), true, "the citizen still sees where else to report");
  assert.equal(await page.evaluate(() => document.querySelector("aduan-widget").shadowRoot), null, "no empty shadow root hides it");
  await tab.close();
});

test("the config is fetched while the WebAssembly downloads, not after it, and only once", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  await formReady(widget(page)); // the first load's requests are over before counting starts
  const seen = [];
  page.on("request", (request) => seen.push({ what: "asked", url: request.url(), at: Date.now() }));
  page.on("requestfinished", (request) => seen.push({ what: "done", url: request.url(), at: Date.now() }));
  // A slow link: the WebAssembly takes a second and a half to arrive.
  await page.route("**/aduan_bg.wasm", async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ response });
  });
  await page.reload();
  await formReady(widget(page));
  const configAsked = seen.filter(({ what, url }) => what === "asked" && url.endsWith("/config/bengkalis.json"));
  const wasmDone = seen.find(({ what, url }) => what === "done" && url.endsWith("/aduan_bg.wasm"));
  assert.equal(configAsked.length, 1, `the config is asked for once: ${JSON.stringify(seen.map(({ what, url }) => `${what} ${url}`))}`);
  const timeline = seen.map(({ what, url, at }) => `${at - seen[0].at} ms ${what} ${new URL(url).pathname}`).join("\n");
  assert.ok(configAsked[0].at < wasmDone.at - 1000, `the config was asked for while the WebAssembly was still on its way:\n${timeline}`);
  assert.deepEqual(tab.consoleErrors, []);
  await tab.close();
});
