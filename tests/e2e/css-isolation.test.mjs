// CSS isolated both ways (users' request 6): a host theme that resets and
// restyles everything, with !important, must not change how the widget looks,
// and the widget must not change how the host page's own elements look.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import { launchBrowser, openPage, startSite, widget, formReady, labelFor, ID } from "./harness.mjs";

let browser, site;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

const PROPERTIES = [
  "display",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "text-transform",
  "text-align",
  "color",
  "background-color",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "border-top-width",
  "border-top-style",
  "border-top-color",
  "border-left-width",
  "border-left-style",
  "border-left-color",
  "box-sizing",
  "appearance",
  "cursor",
  "visibility",
];

/**
 * The computed style of one element, plus its size: height in px, and width as
 * a share of the widget's container (the host decides how wide the widget is;
 * the widget decides how its parts share that width).
 */
function styleOf(locator, { relativeTo = "widget" } = {}) {
  return locator.evaluate(
    (element, { properties, relativeTo }) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      const result = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
      if (element === document.body) {
        // The body holds the widget, so its size changes with it; its style must not.
      } else if (relativeTo === "widget") {
        result.height = Math.round(box.height * 2) / 2;
        const container = element.getRootNode().querySelector(".aduan").getBoundingClientRect();
        result["width / container"] = Math.round((box.width / container.width) * 1000) / 1000;
      } else {
        result.height = Math.round(box.height * 2) / 2;
        result.width = Math.round(box.width * 2) / 2;
      }
      return result;
    },
    { properties: PROPERTIES, relativeTo },
  );
}

/** The widget's parts, found by role, label and text. */
function widgetParts(form) {
  return {
    heading: form.getByRole("heading", { name: ID.heading }),
    label: labelFor(form, "Judul laporan"),
    hint: form.getByText("Singkat saja, misalnya: Lampu jalan padam di depan sekolah."),
    "title input": form.getByLabel("Judul laporan"),
    radio: form.getByRole("radio", { name: "Pengaduan" }),
    "radio label": labelFor(form, "Pengaduan"),
    select: form.getByLabel("Kecamatan"),
    textarea: form.getByLabel("Isi laporan"),
    checkbox: form.getByRole("checkbox", { name: "Rahasia" }),
    button: form.getByRole("button", { name: ID.submit }),
  };
}

/** The host page's own elements. */
function hostParts(page) {
  return {
    body: page.locator("body"),
    h2: page.getByRole("heading", { name: "Berita daerah" }),
    paragraph: page.getByText("Halaman uji: elemen milik situs, di luar widget."),
    label: labelFor(page, "Cari berita"),
    input: page.getByLabel("Cari berita"),
    button: page.getByRole("button", { name: "Cari", exact: true }),
  };
}

async function stylesOf(parts, options) {
  const styles = {};
  for (const [name, locator] of Object.entries(parts)) styles[name] = await styleOf(locator, options);
  return styles;
}

/** Lists every property that differs, as "part: property: plain → other". */
function differences(plain, other) {
  const found = [];
  for (const [part, style] of Object.entries(plain)) {
    for (const [property, value] of Object.entries(style)) {
      if (other[part][property] !== value) found.push(`${part}: ${property}: ${value} → ${other[part][property]}`);
    }
  }
  return found;
}

test("a host theme that resets everything with !important does not change the widget", async () => {
  const plainTab = await openPage(browser, site.url("plain.html"));
  await formReady(widget(plainTab.page));
  const plain = await stylesOf(widgetParts(widget(plainTab.page)));

  const hostileTab = await openPage(browser, site.url("aggressive.html"));
  await formReady(widget(hostileTab.page));
  // The theme really is hostile: it reached the host page's own heading.
  const hostHeading = await styleOf(hostileTab.page.getByRole("heading", { name: "Berita daerah" }), { relativeTo: "page" });
  assert.equal(hostHeading["font-size"], "30px", "the aggressive theme applies to the host page");
  assert.equal(hostHeading.color, "rgb(255, 0, 0)");

  const hostile = await stylesOf(widgetParts(widget(hostileTab.page)));
  assert.deepEqual(differences(plain, hostile), [], "the widget looks the same under the aggressive theme");
  await plainTab.close();
  await hostileTab.close();
});

test("the widget does not change the host page's own elements", async () => {
  const withoutTab = await openPage(browser, site.url("plain-no-widget.html"));
  const without = await stylesOf(hostParts(withoutTab.page), { relativeTo: "page" });
  const sheetsWithout = await withoutTab.page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length]);

  const withTab = await openPage(browser, site.url("plain.html"));
  await formReady(widget(withTab.page));
  const withWidget = await stylesOf(hostParts(withTab.page), { relativeTo: "page" });
  const sheetsWith = await withTab.page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length]);

  assert.deepEqual(differences(without, withWidget), [], "the host's elements look the same with the widget on the page");
  assert.deepEqual(sheetsWith, sheetsWithout, "the widget adds no stylesheet to the host document");
  await withoutTab.close();
  await withTab.close();
});
