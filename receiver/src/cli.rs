//! The command line, read by hand from `std::env::args` so the receiver needs no
//! argument-parsing crate.
//!
//! Only parsing lives here; `main.rs` loads the config and starts the server.

use std::fmt;
use std::net::ToSocketAddrs;
use std::path::PathBuf;

/// Printed for `--help` (on stdout) and after a bad argument (on stderr).
pub const USAGE: &str = "\
aduan-receiver: the reference receiver for the Aduan complaint widget

Receives complaints POSTed by the widget as aduan.complaint/1 JSON, checks them
against the widget's config and stores them in an SQLite file.

USAGE:
    aduan-receiver --config PATH [OPTIONS]

OPTIONS:
    --config PATH            The widget's config JSON (required). Payloads are
                             checked against its regency, agencies, areas and limits.
    --db PATH                SQLite file to store complaints in; created if missing.
                             Default: aduan.sqlite
    --listen ADDR            Address and port to listen on; port 0 picks a free one.
                             Default: 127.0.0.1:8787
    --allow-origin ORIGIN    A web origin whose pages may send complaints, such as
                             https://bengkaliskab.go.id. Repeat for several; `*`
                             allows any. Default: none (only same-origin requests).
    --tracking-prefix TEXT   Letters and digits that start every tracking number,
                             as in ADU-2026-000001. Default: ADU
    --open311-api-key KEY    Open311 requests (POST /open311/v2/requests.json) must
                             carry this api_key. Default: none asked for.
    --open311-jurisdiction ID
                             Open311 requests must carry this jurisdiction_id.
                             Default: none asked for.
    --faults                 FOR TESTS ONLY, never in production: lets anyone make
                             the receiver fail, delay or drop complaints through
                             /api/_faults. Default: off.
    -h, --help               Print this help.

On start it prints `aduan-receiver listening on http://ADDR`, then one line per
request on stderr. See receiver/README.md for the HTTP API.
";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Help,
    Run(Args),
}

/// The options of a run, checked for shape but not yet acted on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    pub config: PathBuf,
    /// Default `aduan.sqlite`.
    pub db: PathBuf,
    /// Default `127.0.0.1:8787`.
    pub listen: String,
    /// Normalised origins, or `*`. Default: none.
    pub allow_origins: Vec<String>,
    /// Default `ADU`.
    pub tracking_prefix: String,
    /// The `api_key` Open311 clients must send. Default: none asked for.
    pub open311_api_key: Option<String>,
    /// The `jurisdiction_id` Open311 clients must send. Default: none asked for.
    pub open311_jurisdiction: Option<String>,
    /// `--faults`: serve `/api/_faults` for the widget's delivery tests. Default: off.
    pub faults: bool,
}

/// A command line that cannot be run; `main` prints it with the usage and exits 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError(pub String);

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}

pub type Result<T> = std::result::Result<T, CliError>;

pub const DEFAULT_DB: &str = "aduan.sqlite";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";
pub const DEFAULT_TRACKING_PREFIX: &str = "ADU";

/// Longest tracking prefix: the number is read out on the phone.
const PREFIX_MAX: usize = 12;

/// Reads the arguments after the program name. Both `--db PATH` and `--db=PATH` work.
///
/// # Example
/// ```
/// use aduan_receiver::cli::{parse, Command};
/// let Ok(Command::Run(args)) = parse(["--config", "bengkalis.json", "--listen=127.0.0.1:0"]) else { panic!() };
/// assert_eq!(args.listen, "127.0.0.1:0");
/// assert_eq!(args.tracking_prefix, "ADU");
/// ```
pub fn parse<I, S>(arguments: I) -> Result<Command>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut config = None;
    let mut db = None;
    let mut listen = None;
    let mut allow_origins = Vec::new();
    let mut tracking_prefix = None;
    let mut open311_api_key = None;
    let mut open311_jurisdiction = None;
    let mut faults = false;

    let arguments: Vec<String> = arguments.into_iter().map(Into::into).collect();
    // Someone asking for help wants it even if the rest of the line is wrong.
    if arguments.iter().any(|argument| argument == "-h" || argument == "--help") {
        return Ok(Command::Help);
    }
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let (name, inline_value) = match argument.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name.to_owned(), Some(value.to_owned())),
            _ => (argument, None),
        };
        // The only switch without a value.
        if name == "--faults" {
            if inline_value.is_some() {
                return Err(CliError("`--faults` takes no value".to_owned()));
            }
            if std::mem::replace(&mut faults, true) {
                return Err(CliError("`--faults` is given twice".to_owned()));
            }
            continue;
        }
        if !matches!(
            name.as_str(),
            "--config"
                | "--db"
                | "--listen"
                | "--allow-origin"
                | "--tracking-prefix"
                | "--open311-api-key"
                | "--open311-jurisdiction"
        ) {
            return Err(CliError(format!("unknown argument `{name}`")));
        }
        let value = match inline_value.or_else(|| arguments.next()) {
            Some(value) if !value.is_empty() => value,
            _ => return Err(CliError(format!("`{name}` needs a value"))),
        };
        let once = |slot: &mut Option<String>| {
            if slot.replace(value.clone()).is_some() {
                Err(CliError(format!("`{name}` is given twice")))
            } else {
                Ok(())
            }
        };
        match name.as_str() {
            "--config" => once(&mut config)?,
            "--db" => once(&mut db)?,
            "--listen" => once(&mut listen)?,
            "--tracking-prefix" => once(&mut tracking_prefix)?,
            "--open311-api-key" => once(&mut open311_api_key)?,
            "--open311-jurisdiction" => once(&mut open311_jurisdiction)?,
            _ => allow_origins.push(normalise_origin(&value)?),
        }
    }

    let config = config.ok_or_else(|| CliError("`--config PATH` is required".to_owned()))?;
    let listen = listen.unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
    if listen.to_socket_addrs().map_or(true, |mut addrs| addrs.next().is_none()) {
        return Err(CliError(format!("`--listen {listen}` is not an address and port such as {DEFAULT_LISTEN}")));
    }
    let tracking_prefix = tracking_prefix.unwrap_or_else(|| DEFAULT_TRACKING_PREFIX.to_owned());
    // The number ends up in a URL path and is read out on the phone: keep it plain.
    if tracking_prefix.len() > PREFIX_MAX || !tracking_prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(CliError(format!(
            "`--tracking-prefix {tracking_prefix}` must be 1 to {PREFIX_MAX} letters or digits"
        )));
    }
    Ok(Command::Run(Args {
        config: PathBuf::from(config),
        db: PathBuf::from(db.unwrap_or_else(|| DEFAULT_DB.to_owned())),
        listen,
        allow_origins,
        tracking_prefix,
        open311_api_key,
        open311_jurisdiction,
        faults,
    }))
}

/// An origin as browsers send it: `scheme://host[:port]`, lowercase, no path.
/// A trailing slash is forgiven, because people copy origins from the address bar.
fn normalise_origin(text: &str) -> Result<String> {
    if text == "*" {
        return Ok(text.to_owned());
    }
    let origin = text.strip_suffix('/').unwrap_or(text).to_ascii_lowercase();
    let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match host {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ']) => Ok(origin),
        _ => Err(CliError(format!(
            "`--allow-origin {text}` is not an origin; write scheme and host only, such as https://bengkaliskab.go.id"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(arguments: &[&str]) -> Args {
        match parse(arguments.iter().copied()) {
            Ok(Command::Run(args)) => args,
            other => panic!("expected a run for {arguments:?}, got {other:?}"),
        }
    }

    #[test]
    fn only_the_config_is_required_and_the_rest_has_defaults() {
        let args = run(&["--config", "bengkalis.json"]);
        assert_eq!(
            args,
            Args {
                config: "bengkalis.json".into(),
                db: "aduan.sqlite".into(),
                listen: "127.0.0.1:8787".into(),
                allow_origins: vec![],
                tracking_prefix: "ADU".into(),
                open311_api_key: None,
                open311_jurisdiction: None,
                faults: false,
            }
        );
    }

    #[test]
    fn every_option_is_read_in_either_spelling() {
        let args = run(&[
            "--config=c.json",
            "--db",
            "/var/lib/aduan/aduan.sqlite",
            "--listen",
            "0.0.0.0:0",
            "--allow-origin",
            "https://BengkalisKab.go.id/",
            "--allow-origin=http://localhost:8080",
            "--tracking-prefix",
            "BKS",
            "--open311-api-key",
            "rahasia-dinas-123",
            "--open311-jurisdiction=bengkaliskab.go.id",
            "--faults",
        ]);
        assert_eq!(args.config, PathBuf::from("c.json"));
        assert_eq!(args.db, PathBuf::from("/var/lib/aduan/aduan.sqlite"));
        assert_eq!(args.listen, "0.0.0.0:0");
        assert_eq!(args.allow_origins, ["https://bengkaliskab.go.id", "http://localhost:8080"]);
        assert_eq!(args.tracking_prefix, "BKS");
        assert_eq!(args.open311_api_key.as_deref(), Some("rahasia-dinas-123"));
        assert_eq!(args.open311_jurisdiction.as_deref(), Some("bengkaliskab.go.id"));
        assert!(args.faults);
    }

    #[test]
    fn help_wins_over_everything_else() {
        assert_eq!(parse(["--bogus", "-h"]), Ok(Command::Help));
        assert_eq!(parse(["--config", "c.json", "--help"]), Ok(Command::Help));
        assert_eq!(parse(["-h"]), Ok(Command::Help));
    }

    #[test]
    fn bad_command_lines_are_refused_with_a_reason() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "--config PATH` is required"),
            (&["--config"], "needs a value"),
            (&["--config="], "needs a value"),
            (&["--config", "a.json", "--config", "b.json"], "given twice"),
            (&["--config", "a.json", "--port", "80"], "unknown argument `--port`"),
            (&["--config", "a.json", "extra"], "unknown argument `extra`"),
            (&["--config", "a.json", "--listen", "8787"], "not an address"),
            (&["--config", "a.json", "--allow-origin", "bengkaliskab.go.id"], "not an origin"),
            (&["--config", "a.json", "--allow-origin", "https://bengkaliskab.go.id/aduan"], "not an origin"),
            (&["--config", "a.json", "--tracking-prefix", "AD-U"], "letters or digits"),
            (&["--config", "a.json", "--tracking-prefix", "ABCDEFGHIJKLM"], "letters or digits"),
            (&["--config", "a.json", "--faults=yes"], "`--faults` takes no value"),
            (&["--config", "a.json", "--faults", "--faults"], "`--faults` is given twice"),
            (&["--config", "a.json", "--open311-api-key"], "needs a value"),
            (&["--config", "a.json", "--open311-jurisdiction", "a", "--open311-jurisdiction", "b"], "given twice"),
        ];
        for (arguments, expected) in cases {
            let error = parse(arguments.iter().copied()).expect_err(&format!("{arguments:?}"));
            assert!(error.0.contains(expected), "{arguments:?}: {error}");
        }
    }

    #[test]
    fn a_star_allows_any_origin() {
        assert_eq!(run(&["--config", "c.json", "--allow-origin", "*"]).allow_origins, ["*"]);
    }
}
