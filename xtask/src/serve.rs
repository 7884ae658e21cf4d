//! A small static file server for `dist/`, on 127.0.0.1 only, one thread per connection.
//!
//! GET and HEAD; every response says `Cache-Control: no-store` (a rebuilt page is never stale) and
//! `Connection: close`. `/` and directories serve their `index.html`. Paths with `..`, backslashes or
//! NUL, and paths that resolve (through symlinks) outside the served folder, are refused with 403;
//! anything else that is not a file is 404.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use anyhow::{Context, Result};

/// Longest request head (request line + headers) read, in bytes.
const MAX_HEAD: u64 = 64 * 1024;
/// How long a connection may stay silent.
const IO_TIMEOUT: Duration = Duration::from_secs(30);

/// Listens on `127.0.0.1:<port>` (`0`: any free port). Bind before a long build to fail fast.
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (in use? try --port N)"))
}

/// Serves `root` on `listener` until the process is stopped (Ctrl-C), one log line per request.
pub fn serve_forever(listener: TcpListener, root: &Path) -> Result<()> {
    let server = Server::start_on(listener, root, true)?;
    println!(
        "xtask: serving {} on {} (Ctrl-C to stop)",
        root.display(),
        server.url()
    );
    server.wait();
    Ok(())
}

/// A running server; dropping it stops it.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `127.0.0.1:<port>` (`0`: any free port) and serves `root` from a background thread.
    /// With `log`, prints one line per request.
    pub fn start(root: &Path, port: u16, log: bool) -> Result<Server> {
        Server::start_on(bind(port)?, root, log)
    }

    /// Serves `root` from a background thread on a listener from [`bind`].
    pub fn start_on(listener: TcpListener, root: &Path, log: bool) -> Result<Server> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot serve {}: not found", root.display()))?;
        let addr = listener
            .local_addr()
            .context("cannot read the server's address")?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = Arc::clone(&stop);
            thread::Builder::new()
                .name("serve".into())
                .spawn(move || accept_loop(&listener, &Arc::new(root), &stop, log))
                .context("cannot start the server thread")?
        };
        Ok(Server {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks for as long as the server runs.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            // Wake the blocking accept() so the loop sees the flag.
            let _ = TcpStream::connect(self.addr);
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, root: &Arc<PathBuf>, stop: &AtomicBool, log: bool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match stream {
            Ok(stream) => {
                let root = Arc::clone(root);
                let spawned = thread::Builder::new()
                    .name("serve-connection".into())
                    .spawn(move || {
                        if let Err(err) = handle(stream, &root, log)
                            && log
                        {
                            eprintln!("xtask serve: connection error: {err}");
                        }
                    });
                if let Err(err) = spawned {
                    eprintln!("xtask serve: cannot start a connection thread: {err}");
                }
            }
            Err(err) => eprintln!("xtask serve: accept failed: {err}"),
        }
    }
}

/// A response about to be written.
struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    /// One extra header line (`Location: ...`, `Allow: ...`), without CRLF.
    extra: Option<String>,
}

impl Response {
    fn error(status: u16, reason: &'static str) -> Response {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            body: format!("{status} {reason}\n").into_bytes(),
            extra: None,
        }
    }
}

/// Reads one request from `stream` and answers it.
fn handle(mut stream: TcpStream, root: &Path, log: bool) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?).take(MAX_HEAD);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(()); // closed without a request (e.g. the shutdown wake-up)
    }
    // Skip the headers: nothing in them changes the answer.
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim_end().is_empty() {
            break;
        }
    }

    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => respond(root, target),
        "" => Response::error(400, "Bad Request"),
        _ => Response {
            extra: Some("Allow: GET, HEAD".into()),
            ..Response::error(405, "Method Not Allowed")
        },
    };
    if log {
        println!(
            "{method} {target} {} {}",
            response.status,
            response.body.len()
        );
    }

    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        response.status,
        response.reason,
        response.content_type,
        response.body.len()
    );
    if let Some(extra) = &response.extra {
        head.push_str(extra);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

/// The response to a GET of `target` (`/path?query`) under `root` (canonical).
fn respond(root: &Path, target: &str) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Response::error(400, "Bad Request");
    }
    let Some(decoded) = percent_decode(path) else {
        return Response::error(400, "Bad Request");
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Response::error(403, "Forbidden"),
            _ if segment.contains(['\\', '\0']) => return Response::error(403, "Forbidden"),
            _ => file.push(segment),
        }
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            // So that relative links inside the directory's index.html resolve.
            return Response {
                extra: Some(format!("Location: {path}/")),
                ..Response::error(301, "Moved Permanently")
            };
        }
        file.push("index.html");
    }
    let Ok(real) = file.canonicalize() else {
        return Response::error(404, "Not Found");
    };
    if !real.starts_with(root) {
        return Response::error(403, "Forbidden");
    }
    if !real.is_file() {
        return Response::error(404, "Not Found");
    }
    match fs::read(&real) {
        Ok(body) => Response {
            status: 200,
            reason: "OK",
            content_type: mime(&real),
            body,
            extra: None,
        },
        Err(_) => Response::error(404, "Not Found"),
    }
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, from its extension.
fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A served folder with a file, a subfolder with an index, and a file outside it.
    fn fixture(name: &str) -> PathBuf {
        let base = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let root = base.join("site");
        fs::create_dir_all(root.join("sub")).expect("create fixture");
        fs::write(root.join("index.html"), "<p>home</p>").expect("write fixture");
        fs::write(root.join("sub/index.html"), "<p>sub</p>").expect("write fixture");
        fs::write(root.join("app.wasm"), [0, 97, 115, 109]).expect("write fixture");
        fs::write(base.join("secret.txt"), "secret").expect("write fixture");
        root.canonicalize().expect("canonical fixture")
    }

    #[test]
    fn serves_files_with_their_types_and_refuses_the_rest() {
        let root = fixture("respond");
        let home = respond(&root, "/?lang=zh");
        assert_eq!(
            (home.status, home.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert_eq!(home.body, b"<p>home</p>");
        let wasm = respond(&root, "/app.wasm");
        assert_eq!((wasm.status, wasm.content_type), (200, "application/wasm"));
        assert_eq!(respond(&root, "/sub/").body, b"<p>sub</p>");
        assert_eq!(respond(&root, "/sub").status, 301);
        assert_eq!(respond(&root, "/missing.js").status, 404);
        assert_eq!(respond(&root, "/../secret.txt").status, 403);
        assert_eq!(respond(&root, "/%2e%2e/secret.txt").status, 403);
        assert_eq!(respond(&root, "/sub/..%2f..%2fsecret.txt").status, 403);
        assert_eq!(respond(&root, "/a%5c..").status, 403);
        assert_eq!(respond(&root, "/%zz").status, 400);
        assert_eq!(respond(&root, "relative").status, 400);
    }

    #[test]
    fn answers_over_tcp() {
        let server = Server::start(&fixture("tcp"), 0, false).expect("start server");
        let addr = server
            .url()
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream
            .write_all(b"GET /app.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send request");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("read answer");
        let text = String::from_utf8_lossy(&answer);
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(
            text.contains("Content-Type: application/wasm\r\n"),
            "{text}"
        );
        assert!(text.contains("Cache-Control: no-store\r\n"), "{text}");
        assert!(answer.ends_with(&[0, 97, 115, 109]));
    }
}
