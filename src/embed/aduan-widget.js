// Aduan loader: the one script a host page includes.
//
//   <script type="module" src="/aduan/aduan-widget.js"></script>
//   <aduan-widget config="/aduan/config.json"></aduan-widget>
//
// It fetches the WebAssembly module and its JavaScript glue side by side (one
// round trip, not two, on a slow connection) from the folder it was loaded from,
// then starts the widget, which registers <aduan-widget>. The config of every
// <aduan-widget> already on the page is fetched at the same time and handed to
// the widget (by address, in `globalThis.aduanConfigs`), so it does not wait for
// the WebAssembly before asking for it. Anything inside the element stays
// visible if the widget cannot start, so a webmaster can put a plain link to
// another complaint channel there.
const here = new URL(".", import.meta.url);
const wasm = fetch(new URL("aduan_bg.wasm", here));
globalThis.aduanConfigs ??= new Map();
for (const element of document.querySelectorAll("aduan-widget[config]")) {
  const address = element.getAttribute("config").trim();
  if (address && !globalThis.aduanConfigs.has(address)) {
    // A failed fetch is the widget's to report, once it asks for this address.
    const answer = fetch(address);
    answer.catch(() => {});
    globalThis.aduanConfigs.set(address, answer);
  }
}
import(new URL("aduan.js", here).href)
  .then((glue) => glue.default({ module_or_path: wasm }))
  .catch((error) => console.error("Aduan: the widget could not start.", error));
