//! Runs the HTTP API on `tiny_http`: one short-lived thread per request.
//!
//! `tiny_http` already reads each connection's headers on a thread of its own,
//! but has no timeouts, so a client that sends its body slowly (a phone on a weak
//! signal, or someone on purpose) would block whoever reads that body. Giving each
//! request its own thread means such a client only ever holds up itself; a cap on
//! requests in flight answers 503 beyond it, which the widget retries later.
//!
//! With the fault switch on, connections come in through a [`Relay`] that can
//! hang up on a client, which `tiny_http` itself cannot.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Instant, SystemTime};

use aduan::config::Config;

use crate::cli;
use crate::clock;
use crate::cors::AllowedOrigins;
use crate::faults::Faults;
use crate::http::{self, App, Incoming};
use crate::open311;
use crate::relay::Relay;
use crate::reply::Reply;
use crate::store::{Store, StoreError};

/// Requests handled at once before new ones get 503.
pub const MAX_IN_FLIGHT: usize = 64;

/// Requests declaring a body larger than this get no answer at all.
///
/// `tiny_http` 0.12 drains an unread body when a request is dropped, and does so
/// by allocating a buffer of the declared size: one request claiming a terabyte
/// would abort the process. Above this size the request is forgotten instead
/// (its connection and thread are leaked, as an idle connection's would be);
/// below it, the drain's allocation is affordable. No widget sends this much: the
/// largest complaint the receiver takes is [`http::MAX_BODY_BYTES`].
pub const ABANDON_BODIES_ABOVE: usize = 256 * 1024 * 1024;

/// How to run a receiver; [`Options::new`] gives the command line's defaults.
#[derive(Clone, Debug)]
pub struct Options {
    /// The widget's config: payloads are checked against it.
    pub config: Config,
    /// The SQLite file. Default `aduan.sqlite`.
    pub db: PathBuf,
    /// Address and port; port 0 picks a free one. Default `127.0.0.1:8787`.
    pub listen: String,
    /// Origins whose pages may POST, normalised as [`cli::parse`] does, or `*`.
    /// Default: none.
    pub allow_origins: Vec<String>,
    /// Default `ADU`.
    pub tracking_prefix: String,
    /// What Open311 clients must send. Default: nothing asked for.
    pub open311: open311::Settings,
    /// Serve the fault switch at `/api/_faults`, for the widget's delivery tests
    /// only. Default `false`.
    pub faults: bool,
    /// One line per request on stderr. Default `true`.
    pub log_requests: bool,
}

impl Options {
    pub fn new(config: Config) -> Self {
        Self {
            config,
            db: PathBuf::from(cli::DEFAULT_DB),
            listen: cli::DEFAULT_LISTEN.to_owned(),
            allow_origins: Vec::new(),
            tracking_prefix: cli::DEFAULT_TRACKING_PREFIX.to_owned(),
            open311: open311::Settings::default(),
            faults: false,
            log_requests: true,
        }
    }
}

/// Why the receiver could not start or stopped serving.
#[derive(Debug)]
pub enum ServerError {
    Store(StoreError),
    Listen {
        addr: String,
        reason: String,
    },
    /// The listening socket failed (for example, too many open files); `tiny_http`
    /// accepts no more connections after this, so the process should exit and be
    /// restarted.
    Accept(io::Error),
}

impl fmt::Display for ServerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerError::Store(error) => write!(f, "cannot open the database: {error}"),
            ServerError::Listen { addr, reason } => write!(f, "cannot listen on {addr}: {reason}"),
            ServerError::Accept(error) => write!(f, "stopped accepting connections: {error}"),
        }
    }
}

impl std::error::Error for ServerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServerError::Store(error) => Some(error),
            ServerError::Accept(error) => Some(error),
            ServerError::Listen { .. } => None,
        }
    }
}

impl From<StoreError> for ServerError {
    fn from(error: StoreError) -> Self {
        ServerError::Store(error)
    }
}

pub type Result<T> = std::result::Result<T, ServerError>;

/// A running receiver. Dropping it stops accepting requests; requests already
/// being answered finish on their own threads.
pub struct Server {
    addr: SocketAddr,
    http: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
    dispatcher: Option<JoinHandle<Option<io::Error>>>,
}

impl Server {
    /// The address it listens on, with the real port when 0 was asked for.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://` and the address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Blocks until the server stops, which it does only when it can no longer
    /// accept connections.
    pub fn wait(mut self) -> Result<()> {
        match self.dispatcher.take().map(JoinHandle::join) {
            Some(Ok(Some(error))) => Err(ServerError::Accept(error)),
            _ => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.http.unblock();
        if let Some(dispatcher) = self.dispatcher.take() {
            let _ = dispatcher.join();
        }
    }
}

/// Opens the store, binds the address and starts answering requests.
///
/// # Example
/// ```no_run
/// use aduan::config::Config;
/// use aduan_receiver::{serve, Options};
/// let config = Config::from_json(&std::fs::read_to_string("config/bengkalis.json").unwrap()).unwrap();
/// let server = serve(Options { listen: "127.0.0.1:0".into(), ..Options::new(config) }).unwrap();
/// println!("listening on {}", server.url());
/// server.wait().unwrap();
/// ```
pub fn serve(options: Options) -> Result<Server> {
    let store = Store::open(&options.db)?;
    let listen_error = |reason: String| ServerError::Listen { addr: options.listen.clone(), reason };
    // With the fault switch, tiny_http listens on loopback behind the relay.
    let http_listen = if options.faults { "127.0.0.1:0" } else { options.listen.as_str() };
    let http = tiny_http::Server::http(http_listen).map_err(|error| listen_error(error.to_string()))?;
    let http_addr = http.server_addr().to_ip().ok_or_else(|| listen_error("not an IP address".to_owned()))?;
    let relay = if options.faults {
        Some(Arc::new(Relay::start(&options.listen, http_addr).map_err(|error| listen_error(error.to_string()))?))
    } else {
        None
    };
    let addr = relay.as_ref().map_or(http_addr, |relay| relay.addr());
    let http = Arc::new(http);
    let mut app = App::new(options.config, store, AllowedOrigins::new(&options.allow_origins), options.tracking_prefix);
    app.open311 = options.open311;
    app.faults = options.faults.then(Faults::new);
    let app = Arc::new(app);
    let stopping = Arc::new(AtomicBool::new(false));
    // The dispatcher and the request threads hold the relay; it stops accepting
    // when the last of them ends.
    let dispatcher = {
        let (http, stopping, log) = (Arc::clone(&http), Arc::clone(&stopping), options.log_requests);
        thread::Builder::new()
            .name("aduan-dispatch".to_owned())
            .spawn(move || dispatch(&http, &app, relay.as_ref(), &stopping, log))
            .map_err(|error| listen_error(format!("cannot start a thread: {error}")))?
    };
    Ok(Server { addr, http, stopping, dispatcher: Some(dispatcher) })
}

/// Hands each request to a thread of its own; returns the error that ended
/// accepting, or `None` on shutdown.
fn dispatch(
    http: &tiny_http::Server,
    app: &Arc<App>,
    relay: Option<&Arc<Relay>>,
    stopping: &AtomicBool,
    log: bool,
) -> Option<io::Error> {
    let in_flight = Arc::new(AtomicUsize::new(0));
    loop {
        let request = match http.recv() {
            Ok(request) => request,
            Err(_) if stopping.load(Ordering::SeqCst) => return None,
            Err(error) => {
                eprintln!("aduan-receiver: stopped accepting connections: {error}");
                return Some(error);
            }
        };
        let slot = InFlight::enter(&in_flight);
        let (app, relay) = (Arc::clone(app), relay.cloned());
        let spawned = thread::Builder::new()
            .name("aduan-request".to_owned())
            .spawn(move || answer(&app, relay.as_deref(), request, slot, log));
        if let Err(error) = spawned {
            // The request was dropped with the closure, and tiny_http answered 500.
            eprintln!("aduan-receiver: cannot start a thread for a request: {error}");
        }
    }
}

/// Counts a request in flight for as long as it lives.
struct InFlight {
    count: Arc<AtomicUsize>,
    over_limit: bool,
}

impl InFlight {
    fn enter(count: &Arc<AtomicUsize>) -> Self {
        let now = count.fetch_add(1, Ordering::SeqCst) + 1;
        Self { count: Arc::clone(count), over_limit: now > MAX_IN_FLIGHT }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.count.fetch_sub(1, Ordering::SeqCst);
    }
}

fn answer(app: &App, relay: Option<&Relay>, mut request: tiny_http::Request, slot: InFlight, log: bool) {
    let started = Instant::now();
    let now = SystemTime::now();
    let method = request.method().as_str().to_owned();
    let url = request.url().to_owned();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|header| (header.field.as_str().as_str().to_owned(), header.value.as_str().to_owned()))
        .collect();
    let content_length = request.body_length();
    let seen_as = request.remote_addr().copied();
    // Behind the relay, tiny_http sees the relay; the log should show the client.
    let peer = seen_as.map(|addr| relay.and_then(|relay| relay.client_of(addr)).unwrap_or(addr));
    let peer = peer.map_or_else(|| "-".to_owned(), |addr| addr.to_string());
    let remote = forwarded_for(&headers).unwrap_or(peer);
    let path = url.split('?').next().unwrap_or_default().to_owned();
    let log_line = |status: &str, note: &str| {
        if log {
            let elapsed = started.elapsed().as_millis();
            let note = if note.is_empty() { String::new() } else { format!(" {note}") };
            eprintln!("{} {remote} {method} {path} {status} {elapsed}ms{note}", clock::rfc3339_utc(now));
        }
    };

    if let Some(length) = content_length.filter(|length| *length > ABANDON_BODIES_ABOVE) {
        log_line("-", &format!("abandoned: the request declares a {length}-byte body"));
        std::mem::forget(request);
        return;
    }

    let reply = {
        let mut body = LazyBody(&mut request);
        let mut incoming = Incoming { method: &method, url: &url, headers: &headers, content_length, body: &mut body };
        if slot.over_limit {
            let busy = Reply::error(503, "busy", "the receiver is busy; try again in a moment")
                .with_header("Retry-After", "10");
            http::finish_outside(app, &incoming, busy)
        } else {
            // A bug must cost one answer, not the receiver: every other request
            // runs on its own thread and the store recovers from a poisoned lock.
            match catch_unwind(AssertUnwindSafe(|| http::handle(app, &mut incoming, now))) {
                Ok(reply) => reply,
                Err(_) => {
                    let failed = Reply::error(500, "internal_error", "the receiver failed; try again later");
                    http::finish_outside(app, &incoming, failed)
                }
            }
        }
    };
    let status = reply.status.to_string();
    let mut note = reply.note.clone().unwrap_or_default();
    // The work is done; what is left is writing the answer and, for a refused
    // body, draining it, which can take as long as the client likes.
    drop(slot);
    if reply.hang_up {
        // Taking the writer keeps tiny_http from answering 500 when the request
        // is dropped; closing the client's socket is the lost answer.
        drop(request.into_writer());
        let hung_up = seen_as.zip(relay).is_some_and(|(seen_as, relay)| relay.hang_up(seen_as));
        if !hung_up {
            note.push_str(" (the connection could not be closed)");
        }
        log_line("-", &note);
        return;
    }
    if let Err(error) = request.respond(into_response(reply)) {
        note.push_str(&format!(" (answer not delivered: {error})"));
        note = note.trim_start().to_owned();
    }
    log_line(&status, &note);
}

/// The request body, opened on first read: `tiny_http` answers `Expect:
/// 100-continue` when the body is opened, and a request refused on its headers
/// alone should not invite the client to send the body.
struct LazyBody<'a>(&'a mut tiny_http::Request);

impl io::Read for LazyBody<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.as_reader().read(buf)
    }
}

/// The client a reverse proxy says it forwarded for, for the log. Anyone can
/// send this header, so it is only ever logged, never trusted.
fn forwarded_for(headers: &[(String, String)]) -> Option<String> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("X-Forwarded-For"))
        .and_then(|(_, value)| value.split(',').next())
        .map(|first| first.trim().to_owned())
        .filter(|first| !first.is_empty())
}

fn into_response(reply: Reply) -> tiny_http::Response<io::Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in reply.headers {
        // Every value is ours or an allowed Origin echoed back, so ASCII; skip
        // rather than fail if that ever stops being true.
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}
