//! The fault switch's front door: lets the receiver hang up on a client.
//!
//! `tiny_http` cannot close a connection without answering: a request dropped
//! unanswered gets a 500, and the connection stays open for the next request. To
//! lose an answer for real (`drop_next`), with `--faults` the receiver accepts
//! connections itself and relays their bytes to `tiny_http` on a loopback port;
//! hanging up is then closing the client's socket. Without `--faults` there is
//! no relay and clients talk to `tiny_http` directly.
//!
//! Each relayed connection carries one request: the relay adds `Connection:
//! close` to the request, so `tiny_http` closes after answering it, and to the
//! answer, so the client knows not to reuse the connection. That matters because
//! browsers silently resend a request whose *reused* keep-alive connection
//! closed without an answer; a lost answer would then never reach the widget.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A running relay. Dropping it stops accepting; relayed connections run on
/// until either side closes.
pub struct Relay {
    addr: SocketAddr,
    links: Arc<Links>,
    stopping: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

/// The relayed connections, by the address `tiny_http` sees each one come from.
#[derive(Default)]
struct Links(Mutex<HashMap<SocketAddr, Link>>);

struct Link {
    /// The client's connection to the relay.
    client: TcpStream,
    /// The relay's connection to `tiny_http`.
    backend: TcpStream,
    /// Where the client really is, for the log.
    peer: SocketAddr,
}

impl Links {
    fn lock(&self) -> MutexGuard<'_, HashMap<SocketAddr, Link>> {
        // Inserts and removals leave the map whole; a panic elsewhere cannot
        // have left it half-written.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Relay {
    /// Listens on `listen` and relays every connection to `backend`.
    pub fn start(listen: &str, backend: SocketAddr) -> io::Result<Relay> {
        let listener = TcpListener::bind(listen)?;
        let addr = listener.local_addr()?;
        let links = Arc::new(Links::default());
        let stopping = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (links, stopping) = (Arc::clone(&links), Arc::clone(&stopping));
            thread::Builder::new()
                .name("aduan-relay".to_owned())
                .spawn(move || accept(&listener, backend, &links, &stopping))?
        };
        Ok(Relay { addr, links, stopping, acceptor: Some(acceptor) })
    }

    /// Where clients connect.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The client behind the connection `tiny_http` sees coming from `seen_as`.
    pub fn client_of(&self, seen_as: SocketAddr) -> Option<SocketAddr> {
        self.links.lock().get(&seen_as).map(|link| link.peer)
    }

    /// Closes the client's connection without a word: the client reads the end
    /// of the stream where it expected an answer. Returns false when the
    /// connection is not (or no longer) relayed.
    pub fn hang_up(&self, seen_as: SocketAddr) -> bool {
        let Some(link) = self.links.lock().remove(&seen_as) else { return false };
        let _ = link.client.shutdown(Shutdown::Both);
        let _ = link.backend.shutdown(Shutdown::Both);
        true
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // `accept` has no timeout: wake it with a connection of our own.
        let wake = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::new(Ipv4Addr::LOCALHOST.into(), self.addr.port()),
            IpAddr::V6(ip) if ip.is_unspecified() => SocketAddr::new(Ipv6Addr::LOCALHOST.into(), self.addr.port()),
            _ => self.addr,
        };
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn accept(listener: &TcpListener, backend: SocketAddr, links: &Arc<Links>, stopping: &AtomicBool) {
    for client in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let client = match client {
            Ok(client) => client,
            Err(error) => {
                // Out of file descriptors, most likely: wait rather than spin.
                eprintln!("aduan-receiver: the relay cannot accept a connection: {error}");
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        if let Err(error) = relay(client, backend, links) {
            eprintln!("aduan-receiver: the relay cannot reach the server: {error}");
        }
    }
}

/// Connects `client` to `backend` and copies bytes both ways on two threads.
/// Dropping `client` on an error closes it, which is all a client can be told.
fn relay(client: TcpStream, backend_addr: SocketAddr, links: &Arc<Links>) -> io::Result<()> {
    let peer = client.peer_addr()?;
    let backend = TcpStream::connect(backend_addr)?;
    // Requests and answers are small and sent whole: do not hold them back.
    client.set_nodelay(true)?;
    backend.set_nodelay(true)?;
    let seen_as = backend.local_addr()?;
    links.lock().insert(seen_as, Link { client: client.try_clone()?, backend: backend.try_clone()?, peer });

    let (mut from_client, mut to_backend) = (client.try_clone()?, backend.try_clone()?);
    thread::Builder::new().name("aduan-relay-in".to_owned()).spawn(move || {
        let _ = copy_marked_close(&mut from_client, &mut to_backend, Message::Request);
        // The client sent all it will; let tiny_http answer what it has.
        let _ = to_backend.shutdown(Shutdown::Write);
    })?;
    let (mut from_backend, mut to_client) = (backend, client);
    let links = Arc::clone(links);
    thread::Builder::new().name("aduan-relay-out".to_owned()).spawn(move || {
        let _ = copy_marked_close(&mut from_backend, &mut to_client, Message::Answer);
        // tiny_http closed the connection (or it was hung up): close it for the client too.
        let _ = to_client.shutdown(Shutdown::Both);
        links.lock().remove(&seen_as);
    })?;
    Ok(())
}

/// Which way a relayed stream goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Message {
    Request,
    /// May start with interim `1xx` answers (`100 Continue`), which are passed
    /// on as they are: only the final answer says the connection closes.
    Answer,
}

/// Longest first line (and interim answer) looked for; beyond it the stream is
/// passed on unmarked and `tiny_http` deals with it.
const HEAD_MAX: usize = 16 * 1024;

/// The header added after the first line of the request and of the final answer.
const CLOSE: &[u8] = b"Connection: close\r\n";

/// Copies `from` to `to` until `from` ends, adding [`CLOSE`] after the first
/// line of the first request or final answer. HTTP/1.1 lets a header go
/// anywhere in the header block, and `tiny_http` heeds the first `Connection`
/// header of a request, which is then this one.
fn copy_marked_close(from: &mut TcpStream, to: &mut TcpStream, message: Message) -> io::Result<u64> {
    let mut pending = Vec::new();
    let mut buffer = [0; 8192];
    loop {
        let read = from.read(&mut buffer)?;
        if read == 0 {
            to.write_all(&pending)?;
            return Ok(0);
        }
        pending.extend_from_slice(&buffer[..read]);
        match mark_close(&pending, message) {
            Marked::Done(marked) => {
                to.write_all(&marked)?;
                break;
            }
            Marked::Interim(end) => {
                to.write_all(&pending[..end])?;
                pending.drain(..end);
            }
            Marked::NeedMore if pending.len() > HEAD_MAX => {
                to.write_all(&pending)?;
                break;
            }
            Marked::NeedMore => {}
        }
    }
    io::copy(from, to)
}

#[derive(Debug, PartialEq, Eq)]
enum Marked {
    /// The bytes with the header added; the rest of the stream is copied as is.
    Done(Vec<u8>),
    /// An interim answer ends at this index: pass it on and look again after it.
    Interim(usize),
    /// The first line (or the interim answer) is not all there yet.
    NeedMore,
}

fn mark_close(pending: &[u8], message: Message) -> Marked {
    let Some(line_end) = pending.windows(2).position(|pair| pair == b"\r\n") else { return Marked::NeedMore };
    let first_line = &pending[..line_end];
    let interim = message == Message::Answer
        && first_line.starts_with(b"HTTP/")
        && first_line.split(|&b| b == b' ').nth(1).is_some_and(|status| status.starts_with(b"1"));
    if interim {
        return match pending.windows(4).position(|four| four == b"\r\n\r\n") {
            Some(end) => Marked::Interim(end + 4),
            None => Marked::NeedMore,
        };
    }
    Marked::Done([&pending[..line_end + 2], CLOSE, &pending[line_end + 2..]].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backend that answers every connection with what it read, upper-cased,
    /// once the client has finished sending.
    fn shouting_backend() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let mut stream = stream.unwrap();
                thread::spawn(move || {
                    let mut text = Vec::new();
                    stream.read_to_end(&mut text).unwrap();
                    stream.write_all(&text.to_ascii_uppercase()).unwrap();
                });
            }
        });
        addr
    }

    #[test]
    fn bytes_are_relayed_both_ways_and_the_end_of_a_stream_passes_through() {
        let relay = Relay::start("127.0.0.1:0", shouting_backend()).unwrap();
        let mut client = TcpStream::connect(relay.addr()).unwrap();
        client.write_all(b"lampu padam").unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        assert_eq!(answer, "LAMPU PADAM", "no line break: nothing is added");

        let mut client = TcpStream::connect(relay.addr()).unwrap();
        client.write_all(b"POST /a HTTP/1.1\r\nHost: x\r\n\r\nbody").unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let mut answer = String::new();
        client.read_to_string(&mut answer).unwrap();
        // Marked once on the way in (then shouted) and once on the way back.
        assert_eq!(answer, "POST /A HTTP/1.1\r\nConnection: close\r\nCONNECTION: CLOSE\r\nHOST: X\r\n\r\nBODY");
    }

    #[test]
    fn the_header_goes_after_the_first_line_of_a_request_or_final_answer() {
        let done = |text: &str| Marked::Done(text.as_bytes().to_vec());
        let cases: &[(&str, Message, Marked)] = &[
            ("GET / HTTP/1.1\r\n\r\n", Message::Request, done("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")),
            (
                "GET / HTTP/1.1\r\nHost: a\r\n",
                Message::Request,
                done("GET / HTTP/1.1\r\nConnection: close\r\nHost: a\r\n"),
            ),
            ("GET / HTTP/1.1\r", Message::Request, Marked::NeedMore),
            (
                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}",
                Message::Answer,
                done("HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"),
            ),
            ("HTTP/1.1 100 Continue\r\nDate: x\r\n\r\nHTTP/1.1 200 OK\r\n", Message::Answer, Marked::Interim(34)),
            ("HTTP/1.1 100 Continue\r\n", Message::Answer, Marked::NeedMore),
            // A request whose target starts with 1 is not an interim answer.
            ("HTTP/1.1 100 Continue\r\n", Message::Request, done("HTTP/1.1 100 Continue\r\nConnection: close\r\n")),
        ];
        for (text, message, expected) in cases {
            assert_eq!(mark_close(text.as_bytes(), *message), *expected, "{text:?}");
        }
    }

    #[test]
    fn hanging_up_gives_the_client_the_end_of_the_stream_and_nothing_else() {
        // A backend that never answers, so only the hang-up can end the wait.
        let silent = TcpListener::bind("127.0.0.1:0").unwrap();
        let backend = silent.local_addr().unwrap();
        let relay = Relay::start("127.0.0.1:0", backend).unwrap();
        let mut client = TcpStream::connect(relay.addr()).unwrap();
        client.write_all(b"POST / HTTP/1.1\r\n\r\n").unwrap();
        let (seen, _) = silent.accept().unwrap();
        let seen_as = seen.peer_addr().unwrap();
        // The relay registers the link just after connecting; wait for it.
        while relay.client_of(seen_as).is_none() {
            thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(relay.client_of(seen_as), Some(client.local_addr().unwrap()));

        assert!(relay.hang_up(seen_as));
        client.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut rest = Vec::new();
        let read = client.read_to_end(&mut rest);
        assert!(matches!(read, Ok(0)) || read.is_err_and(|e| e.kind() == io::ErrorKind::ConnectionReset), "{rest:?}");
        assert!(!relay.hang_up(seen_as), "a connection is hung up once");
    }

    #[test]
    fn a_dropped_relay_stops_accepting() {
        let relay = Relay::start("127.0.0.1:0", shouting_backend()).unwrap();
        let addr = relay.addr();
        drop(relay);
        assert!(TcpStream::connect(addr).is_err());
    }
}
