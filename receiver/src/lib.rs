//! `aduan-receiver`: the reference receiver for the Aduan complaint widget.
//!
//! A small native HTTP server that an agency can run as is or read as a starting
//! point for its own. It takes the `aduan.complaint/1` payloads the widget POSTs,
//! checks them again with the widget's own rules (the shared `aduan` core, so a
//! hand-made or tampered request meets the same validation), and keeps each
//! complaint once in SQLite, however many times the widget retries.
//!
//! Layers, outermost first: [`cli`] reads the command line; [`server`] runs
//! `tiny_http` and gives each request a thread; [`http`] routes a request and
//! applies [`cors`], answering with a [`reply::Reply`]; [`store`] keeps complaints;
//! [`clock`] supplies today's date in WIB and timestamps.

pub mod cli;
pub mod clock;
pub mod cors;
pub mod http;
pub mod reply;
pub mod server;
pub mod store;
pub mod stored_json;

pub use server::{Options, Server, ServerError, serve};
