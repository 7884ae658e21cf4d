//! The static file server of `dist/` (`cargo xtask serve`, the end-to-end tests, the browser
//! benchmark), on 127.0.0.1 only, so that a dev build is never exposed to the network.
//!
//! hyper's HTTP/1 server on a small tokio runtime, with tower-http's `ServeDir` for the files: well
//! kept crates, so this module is only glue. `ServeDir` answers GET and HEAD (anything else: 405),
//! serves `index.html` for `/` and directories (redirecting `/dir` to `/dir/`), percent-decodes the
//! path and answers 404 to any path with a `..`, root or drive component, as to a missing file
//! (it follows symlinks; `dist/` has none). Here every response gets `Cache-Control: no-store` (a
//! rebuilt page is never stale), and text types get `charset=utf-8`. Each connection is a task, so
//! keep-alive connections never keep a page's parallel fetches (modules, wasm) waiting for a thread.
//!
//! Not tiny_http (tried): its pool keeps a thread per keep-alive connection and, its idle count
//! lagging, can queue a new connection behind them; ~4 in 48 headless Chromium page loads hung 30 s
//! on their module requests, and it strips `Connection: close` from responses, so no workaround.

use std::convert::Infallible;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::runtime::Runtime;
use tower_http::services::ServeDir;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_service::Service;

/// Listens on `127.0.0.1:<port>` (`0`: any free port). Bind before a long build to fail fast.
pub fn bind(port: u16) -> Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port} (in use? try --port N)"))
}

/// Serves `root` on `listener` until the process is stopped (Ctrl-C), one log line per request.
pub fn serve_forever(listener: TcpListener, root: &Path) -> Result<()> {
    let server = Server::start_on(listener, root, true)?;
    let (root, url) = (root.display(), &server.url);
    println!("xtask: serving {root} on {url} (Ctrl-C to stop)");
    server.runtime.block_on(std::future::pending::<()>());
    Ok(())
}

/// A running server. Dropping it drops its runtime, which ends the accept loop and every
/// connection and closes the listener.
pub struct Server {
    runtime: Runtime,
    url: String,
}

impl Server {
    /// Binds `127.0.0.1:<port>` (`0`: any free port) and serves `root` from background threads.
    /// With `log`, prints one line per request.
    pub fn start(root: &Path, port: u16, log: bool) -> Result<Server> {
        Server::start_on(bind(port)?, root, log)
    }

    /// Serves `root` from background threads on a listener from [`bind`].
    fn start_on(listener: TcpListener, root: &Path, log: bool) -> Result<Server> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot serve {}: not found", root.display()))?;
        let url = format!("http://{}/", listener.local_addr()?);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("serve")
            .enable_all()
            .build()
            .context("cannot start the server's runtime")?;
        listener.set_nonblocking(true)?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        runtime.spawn(accept_loop(listener, ServeDir::new(root), log));
        Ok(Server { runtime, url })
    }

    /// `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        self.url.clone()
    }
}

/// Accepts connections for ever, each served by a task of its own.
async fn accept_loop(listener: tokio::net::TcpListener, files: ServeDir, log: bool) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // E.g. out of file descriptors: wait for some to close rather than spin.
                eprintln!("xtask serve: accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let files = files.clone();
        let service = service_fn(move |request| answer(files.clone(), request, log));
        tokio::spawn(async move {
            // The timer enables hyper's default 30 s limit on reading a request head.
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service);
            if let Err(err) = connection.await
                && log
            {
                eprintln!("xtask serve: connection error: {err}");
            }
        });
    }
}

/// The policy every response is sent with, the strictest the page works under, as a careful host
/// would serve it: scripts and styles only from the site's own files (no inline script, no `style`
/// attribute: styles are classes or set through the CSSOM), WebAssembly compiled from them, images
/// from the site, `data:` and `blob:` URLs (exports), no plugins, no `<base>`. The end-to-end tests
/// fail on any violation; README's "Deploying" section gives it to hosts.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'";

/// Answers one request from `files`; with `log`, prints `METHOD URL STATUS`.
async fn answer(
    mut files: ServeDir,
    request: Request<Incoming>,
    log: bool,
) -> Result<Response<ServeFileSystemResponseBody>, Infallible> {
    let line = log.then(|| format!("{} {}", request.method(), request.uri()));
    // `ServeDir` is always ready (no `poll_ready` needed) and answers errors itself (404, 500).
    let mut response = files.call(request).await?;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(kind) = text_type(headers) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    if let Some(line) = line {
        println!("{line} {}", response.status().as_u16());
    }
    Ok(response)
}

/// The `Content-Type` to send instead of mime_guess's for text (`charset=utf-8`; `.mjs` as
/// `text/javascript` like `.js`); `None` to keep it (`application/wasm`, images, ...).
fn text_type(headers: &HeaderMap) -> Option<HeaderValue> {
    let kind = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let kind = if kind == "application/javascript" {
        "text/javascript"
    } else {
        kind
    };
    if !kind.starts_with("text/") || kind.contains(';') {
        return None;
    }
    HeaderValue::from_str(&format!("{kind}; charset=utf-8")).ok()
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use super::*;

    /// Real requests on 127.0.0.1: the answer's head must start with `status` and contain `has`.
    #[test]
    fn serves_files_with_their_types_and_refuses_the_rest() {
        // A served folder with an index, typed files, a subfolder with an index; a file outside.
        let base = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        let write = |path: &str, bytes: &[u8]| std::fs::write(base.join(path), bytes).unwrap();
        std::fs::create_dir_all(base.join("site/sub")).unwrap();
        write("site/index.html", b"<p>home</p>");
        write("site/sub/index.html", b"<p>sub</p>");
        write("site/app.wasm", b"\0asm");
        write("site/app.mjs", b"export {};");
        write("site/style.css", b"p {}");
        write("secret.txt", b"secret");
        let server = Server::start(&base.join("site"), 0, false).unwrap();
        let addr = server
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let secret = base.canonicalize().unwrap().join("secret.txt");
        let absolute = format!("GET /{}", secret.to_str().unwrap().replace('/', "%2F"));
        let html = "content-type: text/html; charset=utf-8\r\n";
        let js = "content-type: text/javascript; charset=utf-8\r\n";
        let css = "content-type: text/css; charset=utf-8\r\n";
        let wasm = "content-type: application/wasm\r\n";
        for (request, status, has, body) in [
            ("GET /app.wasm", 200, wasm, "\0asm"),
            ("GET /?lang=zh", 200, html, "<p>home</p>"),
            ("GET /app.mjs", 200, js, "export {};"),
            ("GET /style.css", 200, css, "p {}"),
            ("HEAD /sub/", 200, "content-length: 10\r\n", ""),
            ("GET /sub", 307, "location: /sub/\r\n", ""),
            ("GET /missing.js", 404, "", ""),
            ("GET /../secret.txt", 404, "", ""),
            ("GET /%2e%2e/secret.txt", 404, "", ""),
            ("GET /sub/..%2f..%2fsecret.txt", 404, "", ""),
            (absolute.as_str(), 404, "", ""),
            ("GET /%e4", 404, "", ""),
            ("POST /", 405, "allow: get,head\r\n", ""),
        ] {
            let mut stream = TcpStream::connect(&addr).unwrap();
            let head = format!("{request} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes()).unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            let (head, rest) = answer.split_once("\r\n\r\n").unwrap();
            let head = format!("{}\r\n", head.to_ascii_lowercase());
            assert!(
                head.starts_with(&format!("http/1.1 {status} ")),
                "{request}: {answer}"
            );
            assert!(
                head.contains("cache-control: no-store\r\n"),
                "{request}: {answer}"
            );
            assert!(head.contains(has), "{request}: {answer}");
            assert_eq!(rest, body, "{request}");
        }
        // Dropping the server closes its listener and its open (keep-alive) connections too.
        let mut idle = TcpStream::connect(&addr).unwrap();
        idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        idle.write_all(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let mut answer = Vec::new();
        while !answer.ends_with(b"\r\n\r\n") {
            let mut byte = [0];
            idle.read_exact(&mut byte).unwrap();
            answer.push(byte[0]);
        }
        drop(server);
        assert!(TcpStream::connect(&addr).is_err(), "listening after drop");
        assert!(matches!(idle.read(&mut [0; 1]), Ok(0)), "connection kept");
    }
}
