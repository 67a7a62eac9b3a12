// Aduan loader: the one script a host page includes.
//
//   <script type="module" src="/aduan/aduan-widget.js"></script>
//   <aduan-widget config="/aduan/config.json"></aduan-widget>
//
// It fetches the WebAssembly module and its JavaScript glue side by side (one
// round trip, not two, on a slow connection) from the folder it was loaded from,
// then starts the widget, which registers <aduan-widget>. Anything inside the
// element stays visible if the widget cannot start, so a webmaster can put a
// plain link to another complaint channel there.
const here = new URL(".", import.meta.url);
const wasm = fetch(new URL("aduan_bg.wasm", here));
import(new URL("aduan.js", here).href)
  .then((glue) => glue.default({ module_or_path: wasm }))
  .catch((error) => console.error("Aduan: the widget could not start.", error));
