// A regency whose complaints go to an Open311 GeoReport v2 server (here the
// reference receiver's /open311/v2/): the service request carries the right
// service code, place, description, contact and client id; the receipt shows
// the server's service_request_id; a lost answer is retried into one request;
// and the server's refusal is shown in its own words.
import { test, before, beforeEach } from "node:test";
import assert from "node:assert/strict";

import {
  launchBrowser,
  startReceiver,
  startSite,
  sqlText,
  fields,
  fillComplaint,
  sampleComplaint,
  receiptNumber,
  shownText,
  ID,
  closedPort,
} from "./harness.mjs";
import {
  DELIVERY,
  deliveryConfig,
  pageWithConfig,
  setFaults,
  resetFaults,
  savedNumber,
  openForm,
  drawnImage,
  withExifGps,
  jpegSegments,
  jpegSize,
} from "./delivery-harness.mjs";

const API_KEY = "kunci-uji-311";
const JURISDICTION = "bengkaliskab.go.id";

let browser, receiver, site;

before(async () => {
  site = await startSite();
  receiver = await startReceiver({
    allowOrigins: [site.origin],
    args: ["--faults", "--open311-api-key", API_KEY, "--open311-jurisdiction", JURISDICTION],
  });
  browser = await launchBrowser();
});

beforeEach(() => resetFaults(receiver));

/**
 * A config sending every complaint to the receiver's Open311 endpoint with
 * `apiKey`, the backend's other keys changed by `extra`.
 */
function open311Page(name, apiKey, extra = {}) {
  return pageWithConfig(
    site,
    name,
    deliveryConfig({
      default: "lapor",
      backends: {
        lapor: {
          type: "open311",
          url: `${receiver.origin}/open311/v2/`,
          api_key: apiKey,
          jurisdiction_id: JURISDICTION,
          // The receiver's service codes are the config's agency ids.
          service_codes_by_agency: { dlh: "dlh", dishub: "pupr" },
          default_service_code: "setda",
          ...extra,
        },
      },
    }),
  );
}

const requestFor = (description) =>
  receiver.query(`SELECT * FROM open311_requests WHERE description LIKE ${sqlText(`${description}%`)}`);

test("a complaint arrives as an Open311 service request with the agency's service code, the place, the text and the contact, and the receipt shows its id", async () => {
  const { form, close } = await openForm(browser, open311Page("delivery-open311.json", API_KEY));
  const answers = sampleComplaint({
    title: `Sampah dibuang ke parit ${Date.now()}`,
    description: "Warga membuang sampah ke parit di Jalan Pesisir.\nAir meluap tiap hujan — mohon diangkut.",
    agency: "Dinas Lingkungan Hidup (DLH)",
    email: "siti@contoh.id",
  });
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  const shown = await receiptNumber(form);

  const rows = requestFor(answers.title);
  assert.equal(rows.length, 1, "one service request");
  const row = rows[0];
  assert.equal(row.service_request_id, shown, "the receipt shows the server's service_request_id");
  assert.equal(row.service_code, "dlh", "the agency's service code");
  assert.equal(row.description, `${answers.title}\n\n${answers.description}`, "the title leads the description");
  assert.equal(row.address_string, "Jalan Pesisir, dekat dermaga, Batu Panjang, Rupat, Kabupaten Bengkalis", "no point shared: the place in words");
  assert.equal(row.lat, null);
  assert.deepEqual([row.first_name, row.last_name, row.phone, row.email], ["Siti", "Aminah", "+6281234567890", "siti@contoh.id"]);
  const attributes = JSON.parse(row.attributes_json);
  assert.match(attributes.aduan_client_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "the client id, a UUID v4");
  assert.equal(row.client_id, attributes.aduan_client_id);
  assert.deepEqual([attributes.aduan_anonymous, attributes.aduan_confidential], ["false", "false"]);
  assert.equal(receiver.query(`SELECT count(*) AS n FROM complaints WHERE title = ${sqlText(answers.title)}`)[0].n, 0, "not sent to /api/complaints");
  await close();
});

test("an anonymous complaint for no particular agency takes the default service code and carries no contact", async () => {
  const { form, close } = await openForm(browser, open311Page("delivery-open311.json", API_KEY));
  const title = `Pungutan di loket pelayanan ${Date.now()}`;
  await fillComplaint(form, { title, description: "Petugas loket meminta uang tambahan tanpa kuitansi resmi.", kecamatan: "Bantan", anonim: true, day: "2", month: "3", year: "2026" });
  await fields(form).submit.click();
  await receiptNumber(form);
  const [row] = requestFor(title);
  assert.ok(row, "the service request arrived");
  assert.equal(row.service_code, "setda", "the default service code");
  assert.equal(row.address_string, "Bantan, Kabupaten Bengkalis");
  assert.deepEqual([row.first_name, row.last_name, row.phone, row.email], [null, null, null, null], "an anonymous report names nobody");
  assert.equal(JSON.parse(row.attributes_json).aduan_anonymous, "true");
  await close();
});

test("an Open311 answer lost on the way back is retried into the same service request", async () => {
  const { form, close } = await openForm(browser, open311Page("delivery-open311.json", API_KEY));
  const answers = sampleComplaint({ title: `Lampu jalan padam di Rupat ${Date.now()}` });
  await setFaults(receiver, { drop_next: 1 });
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  await savedNumber(form);
  const shown = await receiptNumber(form);
  const rows = requestFor(answers.title);
  assert.equal(rows.length, 1, "stored once though sent twice");
  assert.equal(rows[0].service_request_id, shown);
  assert.equal(rows[0].service_code, "pupr", "Dishub's complaints go to the code the config maps it to");
  await close();
});

test("with a wrong api_key the Open311 server's own description is shown and every answer is kept", async () => {
  const { page, form, close } = await openForm(browser, open311Page("delivery-open311-bad-key.json", "kunci-salah"));
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  const notice = form.getByRole("alert").filter({ has: page.getByRole("heading", { name: ID.notSent }) });
  await notice.waitFor();
  assert.match(await shownText(notice), /Server pengaduan menolak laporan ini: Invalid api_key/);
  assert.equal(await fields(form).title.inputValue(), answers.title, "the answers stay");
  await form.getByRole("button", { name: ID.retry }).waitFor();
  assert.equal(requestFor(answers.title).length, 0);
  await close();
});

test(
  "a shared location is sent as Open311 lat and long instead of an address",
  async () => {
    const { form, close } = await openForm(browser, open311Page("delivery-open311.json", API_KEY), {
      permissions: ["geolocation"],
      geolocation: { latitude: -1.4666012, longitude: 102.1333 },
    });
    try {
      const answers = sampleComplaint({ title: `Pohon tumbang menutup jalan ${Date.now()}` });
      await fillComplaint(form, answers);
      await form.getByRole("button", { name: DELIVERY.useLocation }).click();
      await form.getByText(/^Titik lokasi Anda \(-1\.466601, 102\.133300\)/).waitFor({ timeout: 5000 });
      await fields(form).submit.click();
      const shown = await receiptNumber(form);
      const [row] = requestFor(answers.title);
      assert.equal(row.service_request_id, shown);
      assert.deepEqual([row.lat, row.long, row.address_string], [-1.466601, 102.1333, null]);
    } finally {
      await close();
    }
  },
);

test("with a media host the photo goes up first, and the service request's media_url serves it scaled and without EXIF", async () => {
  const page311 = open311Page("delivery-open311-media.json", API_KEY, { media_host: `${receiver.origin}/api/media` });
  const { page, form, close } = await openForm(browser, page311);
  const camera = withExifGps(await drawnImage(page, { width: 2400, height: 1800 }), { make: "AduanUjiKamera" });
  const answers = sampleComplaint({
    title: `Tiang listrik miring ${Date.now()}`,
    files: [{ name: "IMG_20261120_160501.jpg", mimeType: "image/jpeg", buffer: camera }],
  });
  await fillComplaint(form, answers);
  await form.getByText(DELIVERY.photoScaled, { exact: false }).waitFor();
  await fields(form).submit.click();
  await receiptNumber(form);

  const [request, ...more] = requestFor(answers.title);
  assert.equal(more.length, 0, "one service request");
  assert.ok(request.media_url?.startsWith(`${receiver.origin}/api/media/`), `media_url is the host's address: ${request.media_url}`);
  const photo = await fetch(request.media_url);
  assert.equal(photo.status, 200);
  assert.equal(photo.headers.get("content-type"), "image/jpeg");
  const bytes = Buffer.from(await photo.arrayBuffer());
  assert.deepEqual(jpegSize(bytes), { width: 1600, height: 1200 }, "the scaled photo, not the camera's");
  assert.ok(!jpegSegments(bytes).some(({ marker }) => marker === 0xffe1), "no EXIF on the public address");
  assert.ok(!bytes.includes(Buffer.from("AduanUjiKamera")), "no camera make");
  await close();
});

test("a media host that cannot be reached keeps the complaint waiting instead of sending it without its photo", async () => {
  const page311 = open311Page("delivery-open311-media-down.json", API_KEY, {
    media_host: `http://127.0.0.1:${await closedPort()}/api/media`,
  });
  const { page, form, close } = await openForm(browser, page311);
  const answers = sampleComplaint({
    title: `Jembatan kayu patah ${Date.now()}`,
    files: [{ name: "jembatan.jpg", mimeType: "image/jpeg", buffer: await drawnImage(page, { width: 2000, height: 1500 }) }],
  });
  await fillComplaint(form, answers);
  await form.getByText(DELIVERY.photoScaled, { exact: false }).waitFor();
  await fields(form).submit.click();
  await savedNumber(form);
  await page.waitForTimeout(1000);
  assert.deepEqual(requestFor(answers.title), [], "no service request without the photo");
  await close();
});
