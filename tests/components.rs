#![cfg(target_arch = "wasm32")]
//! Component tests: the form mounted in a real (headless Chromium) page, used the
//! way a citizen uses it (find a question by its label, type, press send), then
//! checked the way a screen reader would meet it (labels, `aria-invalid`,
//! `aria-describedby`, focus). Run with
//! `cargo test --target wasm32-unknown-unknown --test components`.

use std::sync::Arc;

use aduan::config::Config;
use aduan::messages::Lang;
use aduan::triage::Model;
use aduan::ui::{ConfigFailure, Widget};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn bengkalis() -> Config {
    Config::from_json(include_str!("../config/bengkalis.json")).expect("the shipped config is valid")
}

/// Mounts `view` in its own shadow root, as the embed layer does (so each
/// test's widget has its own ids), and returns the element it renders into.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    shadow.append_child(&container).unwrap();
    mount_to(container.clone(), view).forget();
    container
}

/// A name of its own for each widget's draft and outbox on the device, so one
/// test never finds another's draft in localStorage.
fn fresh_device_key() -> String {
    thread_local!(static MOUNTED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = MOUNTED.with(|m| {
        m.set(m.get() + 1);
        m.get()
    });
    format!("test-{}-{n}", js_sys::Date::now())
}

fn mount_widget(config: Config) -> HtmlElement {
    let config = Arc::new(config);
    let device_key = fresh_device_key();
    mount(move || view! { <Widget config=config device_key=device_key /> })
}

/// The widget with the shipped triage model already loaded.
fn mount_widget_with_triage(config: Config) -> HtmlElement {
    let config = Arc::new(config);
    let model = Arc::new(Model::from_bytes(include_bytes!("../triage/model.bin")).expect("the shipped model loads"));
    let device_key = fresh_device_key();
    mount(move || view! { <Widget config=config model=model device_key=device_key /> })
}

/// Waits past the pause after which the widget reads what was typed.
async fn after_typing_pauses() {
    sleep(600).await;
    settle().await;
}

fn all(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|node| node.unchecked_into()).collect()
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The control a `<label>` names, as a screen reader would find it. Matches the
/// label's text with or without its "(opsional)" mark.
fn by_label(root: &Element, name: &str) -> HtmlElement {
    let label = all(root, "label")
        .into_iter()
        .find(|label| {
            let text = text(label);
            text == name || text.strip_prefix(name).is_some_and(|rest| rest.starts_with(" ("))
        })
        .unwrap_or_else(|| panic!("no label {name:?}"));
    let id = label.get_attribute("for").expect("labels name their control with `for`");
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap_or_else(|| panic!("label {name:?} points at nothing"))
        .unchecked_into()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button").into_iter().find(|b| text(b) == name).unwrap_or_else(|| panic!("no button {name:?}"))
}

fn is_shown(element: &Element) -> bool {
    let mut node = Some(element.clone());
    while let Some(current) = node {
        if current.has_attribute("hidden") {
            return false;
        }
        node = current.parent_element();
    }
    true
}

fn type_into(control: &HtmlElement, value: &str) {
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        panic!("not a text control");
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    control.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn choose(control: &HtmlElement, value: &str) {
    control.unchecked_ref::<HtmlSelectElement>().set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    control.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
}

fn options(control: &HtmlElement) -> Vec<String> {
    all(control, "option").iter().map(|o| text(o)).collect()
}

/// Waits for effects and for the animation frame that moves focus.
async fn settle() {
    tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

/// The focused element inside `root`'s shadow root.
fn focused(root: &Element) -> Option<Element> {
    root.get_root_node().unchecked_into::<web_sys::ShadowRoot>().active_element()
}

#[wasm_bindgen_test]
async fn every_question_is_labelled_and_described_by_its_hint() {
    let root = mount_widget(bengkalis());
    settle().await;
    for label in [
        "Judul laporan",
        "Isi laporan",
        "Tanggal",
        "Bulan",
        "Tahun",
        "Kecamatan",
        "Desa atau kelurahan",
        "Detail lokasi",
        "Instansi tujuan",
        "Lampiran",
        "Anonim",
        "Rahasia",
        "Nama lengkap",
        "Nomor HP atau WhatsApp",
        "Email",
        "NIK",
    ] {
        by_label(&root, label);
    }
    let title = by_label(&root, "Judul laporan");
    assert_eq!(title.get_attribute("aria-describedby").as_deref(), Some("aduan-title-hint"));
    assert!(title.get_attribute("aria-invalid").is_none());
    let description = by_label(&root, "Isi laporan");
    assert_eq!(
        description.get_attribute("aria-describedby").as_deref(),
        Some("aduan-description-hint aduan-description-info")
    );
    assert!(description.get_attribute("maxlength").is_none(), "GOV.UK: no hard limit, people paste then trim");
    assert_eq!(all(&root, "input[type=radio]").len(), 3);
}

#[wasm_bindgen_test]
async fn sending_an_empty_form_shows_a_focused_summary_and_marks_each_field() {
    let root = mount_widget(bengkalis());
    settle().await;
    button(&root, "Kirim laporan").click();
    settle().await;

    let summary = root.query_selector(".aduan-error-summary").unwrap().expect("an error summary");
    assert!(is_shown(&summary));
    assert_eq!(focused(&root).as_ref(), Some(&summary), "the summary takes focus");
    let links: Vec<String> = all(&summary, "a").iter().map(|a| text(a)).collect();
    assert_eq!(
        links,
        [
            "Pilih jenis laporan",
            "Masukkan judul laporan",
            "Masukkan isi laporan",
            "Masukkan nama lengkap Anda",
            "Masukkan nomor HP atau email agar petugas dapat menghubungi Anda",
        ]
    );

    let title = by_label(&root, "Judul laporan");
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(title.get_attribute("aria-describedby").as_deref(), Some("aduan-title-hint aduan-title-error"));
    let error = root.query_selector("#aduan-title-error").unwrap().unwrap();
    assert!(is_shown(&error));
    assert_eq!(text(&error), "Kesalahan: Masukkan judul laporan");

    // The summary's link moves focus to the question, not the page's address.
    let address = web_sys::window().unwrap().location().href().unwrap();
    all(&summary, "a")[1].click();
    settle().await;
    assert_eq!(focused(&root).as_ref(), Some(title.unchecked_ref::<Element>()));
    assert_eq!(web_sys::window().unwrap().location().href().unwrap(), address);
}

#[wasm_bindgen_test]
async fn fixing_a_field_and_sending_again_removes_only_its_error() {
    let root = mount_widget(bengkalis());
    settle().await;
    button(&root, "Kirim laporan").click();
    settle().await;
    type_into(&by_label(&root, "Judul laporan"), "Lampu jalan padam");
    button(&root, "Kirim laporan").click();
    settle().await;
    assert!(by_label(&root, "Judul laporan").get_attribute("aria-invalid").is_none());
    assert_eq!(by_label(&root, "Isi laporan").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(by_label(&root, "Judul laporan").unchecked_into::<HtmlInputElement>().value(), "Lampu jalan padam");
}

#[wasm_bindgen_test]
async fn a_complaint_needs_a_date_and_place_but_a_question_does_not() {
    let root = mount_widget(bengkalis());
    settle().await;
    by_label(&root, "Pengaduan").click();
    button(&root, "Kirim laporan").click();
    settle().await;
    let summary = text(&root.query_selector(".aduan-error-summary").unwrap().unwrap());
    assert!(summary.contains("Masukkan tanggal kejadian"), "{summary}");
    assert!(summary.contains("Pilih kecamatan"), "{summary}");
    let date_legend = all(&root, "legend").into_iter().find(|l| text(l).starts_with("Tanggal kejadian")).unwrap();
    let date_mark = date_legend.query_selector(".aduan-label__optional").unwrap().unwrap();
    assert!(!is_shown(&date_mark), "a complaint's date is required");

    by_label(&root, "Permintaan informasi").click();
    button(&root, "Kirim laporan").click();
    settle().await;
    let summary = text(&root.query_selector(".aduan-error-summary").unwrap().unwrap());
    assert!(!summary.contains("tanggal") && !summary.contains("kecamatan"), "{summary}");
    assert!(is_shown(&date_mark), "a question's date is optional");
}

#[wasm_bindgen_test]
async fn choosing_a_kecamatan_lists_only_its_desa_and_changing_it_forgets_the_desa() {
    let root = mount_widget(bengkalis());
    settle().await;
    let kecamatan = by_label(&root, "Kecamatan");
    let desa = by_label(&root, "Desa atau kelurahan");
    assert_eq!(options(&desa), ["Pilih kecamatan lebih dulu"]);

    choose(&kecamatan, "14.03.11"); // Rupat Utara: 8 desa
    settle().await;
    let rupat_utara = options(&desa);
    assert_eq!(rupat_utara.len(), 1 + 8);
    assert!(rupat_utara.contains(&"Teluk Rhu".to_owned()));

    choose(&desa, "14.03.11.2002");
    settle().await;
    choose(&kecamatan, "14.03.09"); // Mandau: 9 kelurahan, 2 desa
    settle().await;
    assert_eq!(desa.unchecked_ref::<HtmlSelectElement>().value(), "");
    assert!(options(&desa).contains(&"Duri Timur (kelurahan)".to_owned()));
}

#[wasm_bindgen_test]
async fn the_character_count_says_what_is_left_and_what_is_over() {
    let root = mount_widget(bengkalis());
    settle().await;
    let count = root.query_selector(".aduan-character-count__message").unwrap().unwrap();
    assert_eq!(text(&count), "Anda punya 4000 karakter tersisa");
    type_into(&by_label(&root, "Isi laporan"), &"🌊".repeat(4003));
    settle().await;
    assert_eq!(text(&count), "3 karakter terlalu banyak");
    assert_eq!(
        count.get_attribute("aria-hidden").as_deref(),
        Some("true"),
        "screen readers hear the live region instead"
    );

    // The live region speaks once typing has paused for a second, not per keystroke.
    let live = root.query_selector("#aduan-description ~ [aria-live=polite]").unwrap().unwrap();
    assert_eq!(text(&live), "");
    type_into(&by_label(&root, "Isi laporan"), "Lampu padam");
    settle().await;
    assert_eq!(text(&live), "", "not while typing");
    sleep(1200).await;
    assert_eq!(text(&live), "Anda punya 3989 karakter tersisa");
}

async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn anonymous_reports_make_name_and_phone_optional() {
    let root = mount_widget(bengkalis());
    settle().await;
    let mark_of = |label_text: &str| {
        all(&root, "label")
            .into_iter()
            .find(|l| text(l).starts_with(label_text))
            .and_then(|l| l.query_selector(".aduan-label__optional").unwrap())
            .map(|mark| is_shown(&mark))
            .unwrap_or(false)
    };
    assert!(!mark_of("Nama lengkap"));
    by_label(&root, "Anonim").click();
    settle().await;
    assert!(mark_of("Nama lengkap"));
    assert!(mark_of("Nomor HP atau WhatsApp"));
}

/// Fills a valid aspiration (no date or place needed) and presses send.
fn fill_and_send(root: &Element) {
    by_label(root, "Aspirasi").click();
    type_into(&by_label(root, "Judul laporan"), "Taman baca di balai desa");
    type_into(&by_label(root, "Isi laporan"), "Mohon dibangun taman baca kecil untuk anak-anak di balai desa kami.");
    type_into(&by_label(root, "Nama lengkap"), "Rahmat");
    type_into(&by_label(root, "Email"), "rahmat@contoh.id");
    button(root, "Kirim laporan").click();
}

/// Waits (up to ten seconds) for `shown` to hold.
async fn until(mut shown: impl FnMut() -> bool) {
    for _ in 0..200 {
        if shown() {
            return;
        }
        sleep(50).await;
    }
}

#[wasm_bindgen_test]
async fn a_complaint_that_cannot_reach_the_server_is_kept_on_the_device_and_says_why() {
    let mut config = bengkalis();
    config.limits.min_fill_seconds = 0;
    // Nothing listens on the discard port: the fetch fails as it does offline.
    config.delivery = aduan::delivery::backend::Delivery::json_endpoint("http://127.0.0.1:9/api/complaints");
    let root = mount_widget(config);
    settle().await;
    fill_and_send(&root);
    let heading =
        || all(&root, "h2").into_iter().find(|h| is_shown(h) && text(h) == "Laporan tersimpan, belum terkirim");
    until(|| heading().is_some()).await;
    let heading = heading().unwrap_or_else(|| panic!("the saved panel appears; the widget shows: {}", text(&root)));
    settle().await; // focus moves on the next frame
    assert_eq!(focused(&root).as_ref(), Some(heading.unchecked_ref::<Element>()));
    let panel = root.query_selector(".aduan-receipt").unwrap().unwrap();
    assert!(text(&panel).contains("tidak dapat terhubung"), "{}", text(&panel));
    assert!(text(&panel).contains("Nomor sementara"), "{}", text(&panel));
    assert!(is_shown(&button(&root, "Kirim sekarang")));
}

#[wasm_bindgen_test]
async fn a_form_sent_at_once_after_it_appeared_is_refused_as_a_bots_and_keeps_its_answers() {
    let mut config = bengkalis();
    config.delivery = aduan::delivery::backend::Delivery::json_endpoint("http://127.0.0.1:9/api/complaints");
    let root = mount_widget(config);
    settle().await;
    fill_and_send(&root);
    let notice = root.query_selector(".aduan-notice--error").unwrap().unwrap();
    until(|| is_shown(&notice)).await;
    assert!(text(&notice).contains("terlalu cepat"), "{}", text(&notice));
    assert_eq!(
        by_label(&root, "Judul laporan").unchecked_into::<HtmlInputElement>().value(),
        "Taman baca di balai desa"
    );
}

#[wasm_bindgen_test]
async fn a_filled_trap_field_stops_the_send_and_keeps_the_answers() {
    let mut config = bengkalis();
    config.limits.min_fill_seconds = 0;
    config.delivery = aduan::delivery::backend::Delivery::json_endpoint("http://127.0.0.1:9/api/complaints");
    let root = mount_widget(config);
    settle().await;
    type_into(&root.query_selector("#aduan-website").unwrap().unwrap().unchecked_into(), "http://spam.example");
    fill_and_send(&root);
    let notice = root.query_selector(".aduan-notice--error").unwrap().unwrap();
    until(|| is_shown(&notice)).await;
    assert!(text(&notice).contains("program otomatis"), "{}", text(&notice));
    assert_eq!(by_label(&root, "Email").unchecked_into::<HtmlInputElement>().value(), "rahmat@contoh.id");
}

#[wasm_bindgen_test]
async fn markup_typed_in_a_field_stays_text() {
    let root = mount_widget(bengkalis());
    settle().await;
    type_into(&by_label(&root, "Judul laporan"), "<img src=x onerror=alert(1)>");
    button(&root, "Kirim laporan").click();
    settle().await;
    assert!(root.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_english_config_speaks_english() {
    let mut config = bengkalis();
    config.language = Lang::En;
    let root = mount_widget(config);
    settle().await;
    by_label(&root, "Title");
    by_label(&root, "What happened?");
    button(&root, "Send report").click();
    settle().await;
    let summary = text(&root.query_selector(".aduan-error-summary").unwrap().unwrap());
    assert!(summary.starts_with("There is a problem"), "{summary}");
    assert!(summary.contains("Enter a title for your report"), "{summary}");
}

#[wasm_bindgen_test]
async fn a_broken_config_shows_a_message_not_a_blank_box() {
    let root = mount(
        || view! { <ConfigFailure lang=Lang::Id detail="the config \"/x.json\" answered HTTP 404".to_owned() /> },
    );
    settle().await;
    let shown = text(&root);
    assert!(shown.contains("Formulir pengaduan tidak dapat dimuat"), "{shown}");
    assert!(shown.contains("HTTP 404"), "{shown}");
    assert_eq!(root.query_selector("[role=alert]").unwrap().map(|_| ()), Some(()));
}

#[wasm_bindgen_test]
async fn a_clear_complaint_gets_its_agency_suggested_and_preselected() {
    let root = mount_widget_with_triage(bengkalis());
    settle().await;
    type_into(&by_label(&root, "Judul laporan"), "Sampah menumpuk di TPS");
    type_into(&by_label(&root, "Isi laporan"), "Sudah seminggu sampah di TPS dekat pasar tidak diangkut truk sampah.");
    after_typing_pauses().await;

    let panel = text(&root.query_selector(".aduan-suggestion").unwrap().unwrap());
    assert!(panel.contains("Dinas Lingkungan Hidup (DLH)"), "{panel}");
    assert!(panel.contains("Karena Anda menulis:") && panel.contains("sampah"), "{panel}");
    assert_eq!(by_label(&root, "Instansi tujuan").unchecked_into::<HtmlSelectElement>().value(), "dlh");
    assert!(by_label(&root, "Pengaduan").unchecked_into::<HtmlInputElement>().checked(), "the kind is guessed too");
}

#[wasm_bindgen_test]
async fn the_citizens_own_choice_is_never_overridden() {
    let root = mount_widget_with_triage(bengkalis());
    settle().await;
    choose(&by_label(&root, "Instansi tujuan"), "dinkes");
    by_label(&root, "Aspirasi").click();
    type_into(&by_label(&root, "Isi laporan"), "Sudah seminggu sampah di TPS dekat pasar tidak diangkut truk sampah.");
    after_typing_pauses().await;
    assert_eq!(by_label(&root, "Instansi tujuan").unchecked_into::<HtmlSelectElement>().value(), "dinkes");
    assert!(by_label(&root, "Aspirasi").unchecked_into::<HtmlInputElement>().checked());
    // The suggestion is still offered, as a button.
    assert!(
        button(&root, "Pilih Dinas Lingkungan Hidup (DLH)").get_attribute("aria-pressed").as_deref() == Some("false")
    );
}

#[wasm_bindgen_test]
async fn danger_now_shows_the_emergency_numbers_and_an_outside_matter_its_referral() {
    let root = mount_widget_with_triage(bengkalis());
    settle().await;
    type_into(
        &by_label(&root, "Isi laporan"),
        "Tolong, rumah tetangga kebakaran sekarang dan api merambat ke rumah kami",
    );
    after_typing_pauses().await;
    let links: Vec<String> = all(&root, ".aduan-emergency a").iter().filter_map(|a| a.get_attribute("href")).collect();
    assert_eq!(links, ["tel:112", "tel:113"]);

    type_into(&by_label(&root, "Isi laporan"), "Listrik padam sejak semalam di kampung kami dan PLN belum datang");
    after_typing_pauses().await;
    assert!(root.query_selector(".aduan-emergency").unwrap().is_none(), "the alarm goes when the danger words go");
    let referral = text(&root.query_selector(".aduan-inset--referral").unwrap().unwrap());
    assert!(referral.contains("PLN (listrik)") && referral.contains("Telepon 123"), "{referral}");
}
