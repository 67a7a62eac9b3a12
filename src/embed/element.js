// The <aduan-widget> custom element. Custom elements must be JavaScript classes,
// so this is the one piece of the embed layer not written in Rust; everything it
// does is hand the element to Rust. It is a module file, not inline script, so
// a host page's strict Content-Security-Policy allows it.
// Where the widget's files are: wasm-bindgen puts this file at
// snippets/<crate>-<hash>/src/embed/element.js, four folders below them.
export function asset_base() {
  return new URL("../../../../", import.meta.url).href;
}

export function define_aduan_widget(connected, disconnected) {
  if (customElements.get("aduan-widget")) {
    return;
  }
  customElements.define(
    "aduan-widget",
    class extends HTMLElement {
      static observedAttributes = ["config", "lang", "endpoint"];

      connectedCallback() {
        connected(this, false);
      }

      disconnectedCallback() {
        disconnected(this);
      }

      attributeChangedCallback(_name, oldValue, newValue) {
        // Initial attributes arrive before the element is connected; only a
        // later change means the webmaster (or their CMS) wants a new widget.
        if (this.isConnected && this.shadowRoot && oldValue !== newValue) {
          connected(this, true);
        }
      }
    },
  );
}
