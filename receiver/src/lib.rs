//! `aduan-receiver`: the reference receiver for the Aduan complaint widget.
//!
//! A small native HTTP server that an agency can run as is or read as a starting
//! point for its own. It takes the `aduan.complaint/1` payloads the widget POSTs,
//! checks them again with the widget's own rules (the shared `aduan` core, so a
//! hand-made or tampered request meets the same validation), and keeps each
//! complaint once in SQLite, however many times the widget retries.
//!
//! Layers, outermost first: [`cli`] reads the command line; [`server`] runs
//! `tiny_http` and gives each request a thread ([`relay`] in front of it with the
//! fault switch); [`http`] routes a request and applies [`cors`], answering with
//! a [`reply::Reply`]; [`open311`] serves the Open311 GeoReport v2 routes,
//! [`media`] the photo host behind Open311's `media_url`, and [`faults`] the
//! test-only fault switch; [`multipart`], [`form`] and [`content_type`] read
//! bodies; [`store`] keeps complaints, requests and photos; [`clock`] supplies today's date in WIB and timestamps.

pub mod cli;
pub mod clock;
pub mod content_type;
pub mod cors;
pub mod faults;
pub mod form;
pub mod http;
pub mod media;
pub mod multipart;
pub mod open311;
pub mod relay;
pub mod reply;
pub mod server;
pub mod store;
pub mod stored_json;

pub use server::{Options, Server, ServerError, serve};
