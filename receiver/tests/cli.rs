//! The `aduan-receiver` binary as scripts and the end-to-end tests run it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BINARY: &str = env!("CARGO_BIN_EXE_aduan-receiver");

fn config_path() -> String {
    format!("{}/../config/bengkalis.json", env!("CARGO_MANIFEST_DIR"))
}

/// Kills the child if a test fails half-way.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_receiver_prints_its_real_address_and_answers_there() {
    let db = std::env::temp_dir().join(format!("aduan-receiver-cli-{}.sqlite", std::process::id()));
    let mut child = Running(
        Command::new(BINARY)
            .args(["--config", &config_path(), "--listen", "127.0.0.1:0", "--tracking-prefix", "BKS"])
            .arg("--db")
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout is piped");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("a first line");
    let addr = line
        .trim_end()
        .strip_prefix("aduan-receiver listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(!addr.ends_with(":0"), "the real port is printed: {addr}");

    let mut stream = TcpStream::connect(&addr).expect("the printed address accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout");
    stream
        .write_all(format!("GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .expect("a request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("{\"ok\":true}"), "{answer}");

    // One line per request on stderr; it is written just after the answer, so wait for it.
    let stderr = child.0.stderr.take().expect("stderr is piped");
    let (lines, log) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let logged = std::iter::from_fn(|| log.recv_timeout(Duration::from_secs(30)).ok())
        .any(|line| line.contains("GET /api/health 200"));
    assert!(logged, "the request is logged on stderr");
    drop(child);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

#[test]
fn help_prints_the_usage_and_succeeds() {
    let output = Command::new(BINARY).arg("--help").output().expect("the binary runs");
    assert!(output.status.success());
    let usage = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--config",
        "--db",
        "--listen",
        "--allow-origin",
        "--tracking-prefix",
        "--open311-api-key",
        "--open311-jurisdiction",
        "--faults",
    ] {
        assert!(usage.contains(option), "{option} is documented");
    }
}

#[test]
fn bad_arguments_exit_with_code_2_and_explain() {
    for arguments in [&["--listen", "127.0.0.1:0"][..], &["--config"], &["--config", "c.json", "--verbose"]] {
        let output = Command::new(BINARY).args(arguments).output().expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("USAGE"), "{arguments:?}: {stderr}");
    }
}

#[test]
fn a_config_that_cannot_be_read_is_reported_with_its_path() {
    let output = Command::new(BINARY)
        .args(["--config", "/nonexistent/aduan.json", "--listen", "127.0.0.1:0"])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/aduan.json"));
}

#[test]
fn the_fault_switch_warns_on_start_and_serves_its_address() {
    let db = std::env::temp_dir().join(format!("aduan-receiver-cli-faults-{}.sqlite", std::process::id()));
    let mut child = Running(
        Command::new(BINARY)
            .args(["--config", &config_path(), "--listen", "127.0.0.1:0", "--faults"])
            .arg("--db")
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().expect("stdout is piped")).read_line(&mut line).expect("a first line");
    let addr = line.trim_end().strip_prefix("aduan-receiver listening on http://").expect("the address").to_owned();
    let mut warning = String::new();
    let mut stderr = BufReader::new(child.0.stderr.take().expect("stderr is piped"));
    while !warning.contains("--faults") {
        warning.clear();
        assert!(stderr.read_line(&mut warning).expect("a line") > 0, "the warning comes before stderr ends");
    }
    assert!(warning.contains("never run it like this in production"), "{warning}");

    let mut stream = TcpStream::connect(&addr).expect("the printed address accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout");
    stream
        .write_all(format!("GET /api/_faults HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
        .expect("a request");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"counters\""), "{answer}");
    drop(child);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}
