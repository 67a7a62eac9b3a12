// Nothing typed is lost and markup stays text: a complaint survives a receiver
// that is down, HTML typed by a citizen is never run, and a megabyte pasted into
// the description neither freezes the page nor gets sent.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

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
  settledFocus,
  tinyPng,
  shownText,
  registerServer,
  ID,
  eventually,
} from "./harness.mjs";

let browser, receiver, site, directSite, lossySite, lossy;

before(async () => {
  site = await startSite({ receiver: () => receiver?.origin });
  // A page whose widget sends straight to the receiver (endpoint attribute), so
  // stopping the receiver leaves nothing answering at that address.
  directSite = await startSite();
  lossySite = await startSite();
  receiver = await startReceiver({ allowOrigins: [site.origin, directSite.origin, lossySite.origin] });
  directSite.render({ ENDPOINT: receiver.endpoint });
  // A page whose complaints pass through a proxy that delivers the first one
  // to the receiver but loses the receiver's answer on the way back.
  lossy = await startLossyProxy(receiver, lossySite.origin);
  lossySite.render({ ENDPOINT: `${lossy.origin}/api/complaints` });
  browser = await launchBrowser();
});

test("with the receiver down the complaint is kept on the device and sent, exactly once, when it is back", async () => {
  const tab = await openPage(browser, directSite.url("endpoint.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const png = tinyPng();
  const answers = sampleComplaint({
    email: "siti@contoh.id",
    nik: "1403014507900003",
    rahasia: true,
    anonim: true,
    files: [{ name: "bukti.png", mimeType: "image/png", buffer: png }],
  });
  await fillComplaint(form, answers);
  await form.getByRole("button", { name: "Hapus bukti.jpg" }).waitFor();

  await receiver.stop();
  await fields(form).submit.click();

  // Saved, not lost: the panel says so, with a temporary number and why.
  await form.getByRole("heading", { name: ID.saved }).waitFor();
  const focus = await settledFocus(page, (f) => f.text === ID.saved);
  assert.ok(focus.inWidget, `focus moves to the saved panel, not ${JSON.stringify(focus)}`);
  const said = await shownText(form.locator(".aduan-receipt"));
  assert.match(said, /Laporan Anda aman di perangkat ini dan terkirim otomatis saat koneksi kembali/, said);
  assert.match(said, /Perangkat Anda tidak dapat terhubung ke server pengaduan\./, "the reason");
  const temporary = said.match(/Nomor sementara ([0-9a-f]{8})/)?.[1];
  assert.ok(temporary, said);
  // The complaint itself sits in the browser's storage, photo and all.
  const stored = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("aduan");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction("outbox").objectStore("outbox").getAll();
          all.onsuccess = () => resolve(all.result.filter((value) => value.includes('"schema"')).map((value) => JSON.parse(value)));
        };
      }),
  );
  assert.equal(stored.length, 1, "one payload is stored");
  assert.equal(stored[0].title, answers.title);
  assert.equal(stored[0].client_id.slice(0, 8), temporary, "under the number shown");
  assert.equal(stored[0].attachments[0].name, "bukti.jpg");
  // "Kirim sekarang" while it is still down keeps it waiting.
  await form.getByRole("button", { name: ID.sendNow }).click();
  await form.getByRole("heading", { name: ID.saved }).waitFor();

  // The receiver comes back on the same address: the outbox sends it by itself.
  await receiver.start();
  const shown = await receiptNumber(form);
  const rows = receiver.query(`SELECT id, tracking_number, anonymous, confidential FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.equal(rows.length, 1, "exactly one row arrives");
  assert.equal(rows[0].tracking_number, shown);
  assert.deepEqual([rows[0].anonymous, rows[0].confidential], [1, 1]);
  const files = receiver.query(`SELECT name, mime FROM attachments WHERE complaint_id = ${rows[0].id}`);
  assert.deepEqual(files, [{ name: "bukti.jpg", mime: "image/jpeg" }], "the photo went with it");
  assert.deepEqual(receiver.query("SELECT count(*) AS n FROM complaints"), [{ n: 1 }]);
  // Anonim: once delivered, nothing of it stays on the device.
  await eventually(
    async () =>
      (await page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open("aduan");
            open.onsuccess = () => {
              const keys = open.result.transaction("outbox").objectStore("outbox").getAllKeys();
              keys.onsuccess = () => resolve(keys.result.length);
            };
          }),
      )) === 0,
    { what: "the outbox record of an anonymous complaint deleted" },
  );
  await tab.close();
});

/**
 * A proxy in front of `receiver` that forwards every POST but, for the first,
 * cuts the answer off: the complaint is stored, and the citizen's browser sees
 * only a broken connection.
 */
async function startLossyProxy(receiver, pageOrigin) {
  const cors = {
    "Access-Control-Allow-Origin": pageOrigin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
  };
  const proxy = { posts: 0, answers: [] };
  const server = http.createServer((request, response) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      proxy.posts += 1;
      const first = proxy.posts === 1;
      const upstream = http.request(
        `${receiver.origin}${request.url}`,
        { method: "POST", headers: { "Content-Type": request.headers["content-type"], Origin: pageOrigin } },
        (answer) => {
          let body = "";
          answer.setEncoding("utf8");
          answer.on("data", (text) => (body += text));
          answer.on("end", () => {
            proxy.answers.push({ status: answer.statusCode, body: JSON.parse(body) });
            if (first) {
              // The answer starts, then the connection drops mid-body. (Dropping
              // it before any byte would not do: Chromium silently resends a
              // request whose reused connection closes without an answer.)
              response.writeHead(answer.statusCode, { "Content-Type": "application/json", "Content-Length": String(body.length + 100), ...cors });
              response.write(body.slice(0, 5), () => request.socket.destroy());
              return;
            }
            response.writeHead(answer.statusCode, { "Content-Type": "application/json", ...cors });
            response.end(body);
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.origin = `http://127.0.0.1:${server.address().port}`;
  proxy.stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  registerServer(proxy);
  return proxy;
}

test("when the receiver's answer is lost on the way back, the retry is the same complaint: one row, one number", async () => {
  const tab = await openPage(browser, lossySite.url("endpoint.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const answers = sampleComplaint();
  await fillComplaint(form, answers);
  await fields(form).submit.click();
  // The browser saw a broken connection: the complaint waits, then goes again by itself.
  const shown = await receiptNumber(form);
  assert.equal(lossy.answers[0]?.status, 201, "the first attempt was stored by the receiver");
  assert.deepEqual(lossy.answers[1], { status: 200, body: { tracking_number: shown, duplicate: true } }, "the receiver knew the retry");
  const rows = receiver.query(`SELECT tracking_number FROM complaints WHERE title = ${sqlText(answers.title)}`);
  assert.deepEqual(rows, [{ tracking_number: shown }], "one row, and the receipt shows its number");
  await tab.close();
});

test("HTML typed into the title and description stays text in the receipt and in SQLite", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const title = `<img src=x onerror="window.__pwned=1"> ${Date.now()}`;
  const description = 'Lihat ini: <script>window.__pwned=1</script> dan <b onmouseover="window.__pwned=1">lampu</b> mati.';
  await fillComplaint(form, sampleComplaint({ title, description }));
  await fields(form).submit.click();
  await receiptNumber(form);

  // The receipt shows the title as the citizen typed it, characters and all.
  const shownTitle = form.getByText(title, { exact: true });
  await shownTitle.waitFor();
  assert.equal(await shownTitle.evaluate((element) => element.children.length), 0, "the title is a text node, not markup");
  assert.equal(await form.locator("img, script, b").count(), 0, "no element was made from the citizen's text");
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing the citizen typed ran");

  const rows = receiver.query(`SELECT title, description FROM complaints WHERE title = ${sqlText(title)}`);
  assert.deepEqual(rows, [{ title, description }], "SQLite holds the text exactly");
  assert.deepEqual(tab.pageErrors, []);
  await tab.close();
});

test("a megabyte pasted into the description keeps the page responsive and is refused as too long", async () => {
  const tab = await openPage(browser, site.url("plain.html"));
  const { page } = tab;
  const form = widget(page);
  await formReady(form);
  const f = fields(form);
  await fillComplaint(form, sampleComplaint());

  // About 1 MB of UTF-8: Latin, Arabic and emoji (an emoji is one character but
  // two UTF-16 units and four bytes).
  const unit = "Lampu padam 💡🚧 مرحبا بالعالم ";
  const huge = unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit)));
  const characters = [...huge].length;
  await f.description.fill(huge);
  const over = characters - 4000;
  await form.getByText(`${over.toLocaleString("en-US").replaceAll(",", "")} karakter terlalu banyak`).waitFor({ timeout: 15_000 });

  // Still responsive: a small edit and the count's update come back quickly.
  const started = Date.now();
  await f.description.fill("x".repeat(4001));
  await form.getByText("1 karakter terlalu banyak").waitFor();
  await f.title.fill("Lampu jalan padam, judul diperbarui");
  const took = Date.now() - started;
  assert.ok(took < 5000, `a small fill and the count's update took ${took} ms after the paste`);

  await f.description.fill(huge);
  await f.submit.click();
  await form.getByRole("link", { name: "Isi laporan harus 4000 karakter atau kurang" }).waitFor();
  assert.equal(await f.description.getAttribute("aria-invalid"), "true");
  assert.equal((await f.description.inputValue()).length, huge.length, "the pasted text is kept, not cut");
  assert.deepEqual(receiver.query(`SELECT count(*) AS n FROM complaints WHERE title = ${sqlText("Lampu jalan padam, judul diperbarui")}`), [{ n: 0 }]);
  assert.deepEqual(tab.pageErrors, []);
  await tab.close();
});
