//! The static server of the release build (`cargo xtask serve`, the end-to-end tests, the
//! benchmarks): what a static host does. WebAssembly is served as application/wasm (the
//! browser compiles nothing else while it streams), text and wasm gzip-compressed to a
//! browser that accepts it, as hosts serve them, so the first view is measured as a user
//! waits for it; the build can be served under a sub-path, as GitHub Pages serves a
//! project site (`/planwright/`).
//!
//! HTTP/1.1 is hyper's, on a single-threaded tokio runtime in a thread of its own, so the
//! callers stay synchronous. e2e/src/lib.rs includes this file as a module: the crates it
//! uses are dependencies of both xtask and e2e.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use tokio::sync::oneshot;

/// A server running on its own thread until `stop` (or drop).
pub struct StaticServer {
    pub port: u16,
    stop_signal: Option<oneshot::Sender<()>>,
    serving: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` under the URL prefix `base` ("/" or "/planwright/") on 127.0.0.1;
    /// port 0 takes a free one (see `port`).
    pub fn start(root: &Path, port: u16, base: &str) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let site = Arc::new(Site {
            root: root.to_path_buf(),
            base: base.trim_end_matches('/').to_owned(),
            gzipped: Mutex::default(),
        });
        let ahead = site.clone();
        runtime.spawn_blocking(move || ahead.compress_ahead(&ahead.root));
        let (stop_signal, stop_requested) = oneshot::channel();
        // The runtime is dropped when `accept` returns, and every open connection with it.
        let serving = std::thread::spawn(move || runtime.block_on(accept(listener, site, stop_requested)));
        Ok(Self { port, stop_signal: Some(stop_signal), serving: Some(serving) })
    }

    /// Stops serving: once this returns, connections to the port are refused, open ones
    /// are closed, and the port can be served again.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(stop_signal) = self.stop_signal.take() {
            let _ = stop_signal.send(());
        }
        if let Some(serving) = self.serving.take() {
            let _ = serving.join();
        }
    }
}

/// Serves each connection the listener accepts until a stop is requested.
async fn accept(listener: tokio::net::TcpListener, site: Arc<Site>, mut stop_requested: oneshot::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            _ = &mut stop_requested => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let site = site.clone();
        let service = hyper::service::service_fn(move |request| respond(site.clone(), request));
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A browser that goes away mid-request is no error of the server's.
            let _ = connection.await;
        });
    }
}

async fn respond(site: Arc<Site>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let accepts_gzip = request.headers().get_all(header::ACCEPT_ENCODING).iter().any(accepts_gzip);
    let path = request.uri().path().to_owned();
    // Reading and compressing a file blocks: off the thread that serves the connections.
    let response = tokio::task::spawn_blocking(move || site.response(&path, accepts_gzip))
        .await
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "the server failed to read the file"));
    Ok(response)
}

/// The served folder and what was compressed of it.
struct Site {
    root: PathBuf,
    /// The URL prefix without its final slash ("" for the site root).
    base: String,
    /// Each file's gzip, with the file's modification time and length when compressed: a
    /// benchmark loads the page many times, and a host compresses a file once, not per
    /// request.
    gzipped: Mutex<HashMap<PathBuf, (SystemTime, u64, Bytes)>>,
}

impl Site {
    /// The response to a GET or HEAD of `path` (hyper leaves out a HEAD's body).
    fn response(&self, path: &str, accepts_gzip: bool) -> Response<Full<Bytes>> {
        let inside = path.strip_prefix(&self.base).filter(|rest| rest.is_empty() || rest.starts_with('/'));
        let Some(relative) = inside.map(|rest| rest.trim_start_matches('/')) else {
            return plain(StatusCode::NOT_FOUND, "not found");
        };
        if relative.split('/').any(|segment| segment == "..") {
            return plain(StatusCode::BAD_REQUEST, "bad path");
        }
        let mut file = self.root.join(relative);
        if file.is_dir() {
            // A folder without its final slash ("/planwright"): as static hosts do, send the
            // browser to "/planwright/" so that the page's relative URLs resolve inside it.
            if !path.ends_with('/') {
                return redirect(&format!("{path}/"));
            }
            file = file.join("index.html");
        }
        let Ok(body) = std::fs::read(&file) else { return plain(StatusCode::NOT_FOUND, "not found") };
        let compressible = is_compressible(&file);
        let gzip = if compressible && accepts_gzip { self.gzip(&file, &body) } else { None };
        let mut response = Response::new(Full::new(gzip.clone().unwrap_or_else(|| Bytes::from(body))));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&file)));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if compressible {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if gzip.is_some() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    }

    /// The gzip of `file`, whose bytes are `body`: from the cache while the file is
    /// unchanged. None if the file cannot be compressed (it is then served as it is).
    fn gzip(&self, file: &Path, body: &[u8]) -> Option<Bytes> {
        let modified = std::fs::metadata(file).and_then(|metadata| metadata.modified()).ok()?;
        let length = body.len() as u64;
        let cached = self.gzipped.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(file).cloned();
        if let Some((when, size, gzip)) = cached {
            if when == modified && size == length {
                return Some(gzip);
            }
        }
        // Compressed without holding the lock, so other files are served meanwhile.
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(body).ok()?;
        let gzip = Bytes::from(encoder.finish().ok()?);
        let mut cache = self.gzipped.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        cache.insert(file.to_path_buf(), (modified, length, gzip.clone()));
        Some(gzip)
    }

    /// Compresses every compressible file under `dir` ahead of its first request, as a
    /// host serves files compressed in advance: a page's first load then waits for no
    /// compression (the main wasm takes about 70 ms).
    fn compress_ahead(&self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
            if path.is_dir() {
                self.compress_ahead(&path);
            } else if is_compressible(&path) {
                if let Ok(body) = std::fs::read(&path) {
                    self.gzip(&path, &body);
                }
            }
        }
    }
}

/// Whether an `Accept-Encoding` header value accepts gzip (`gzip` or `*`, not with q=0).
fn accepts_gzip(value: &HeaderValue) -> bool {
    value.to_str().unwrap_or_default().split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts
            .any(|parameter| parameter.strip_prefix("q=").and_then(|quality| quality.parse::<f32>().ok()) == Some(0.0));
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

/// What a static host compresses: text, and WebAssembly (about a third of its size).
fn is_compressible(path: &Path) -> bool {
    let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default();
    matches!(extension, "html" | "js" | "wasm" | "css" | "json" | "webmanifest" | "svg")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|extension| extension.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

fn redirect(location: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    match HeaderValue::from_str(location) {
        Ok(location) => {
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        Err(_) => plain(StatusCode::BAD_REQUEST, "bad path"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpStream;

    /// A folder with a page and a wasm file, removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Self {
            let root = std::env::temp_dir().join(format!("planwright-server-{name}-{}", std::process::id()));
            std::fs::create_dir_all(root.join("sub")).unwrap();
            std::fs::write(root.join("index.html"), "<html>page</html>".repeat(50)).unwrap();
            std::fs::write(root.join("app.wasm"), b"\0asm\x01\0\0\0".repeat(100)).unwrap();
            std::fs::write(root.join("icon.png"), b"png").unwrap();
            Self(root)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// The response to a request with `headers`, as its head (lower-cased) and its body.
    fn request(port: u16, method: &str, path: &str, headers: &str) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let end = response.windows(4).position(|window| window == b"\r\n\r\n").expect("a response head") + 4;
        (String::from_utf8_lossy(&response[..end]).to_lowercase(), response[end..].to_vec())
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut plain).unwrap();
        plain
    }

    #[test]
    fn files_are_served_under_the_base_with_their_type_and_gzipped_when_accepted() {
        let folder = Folder::new("types");
        let server = StaticServer::start(&folder.0, 0, "/planwright/").unwrap();
        let wasm = std::fs::read(folder.0.join("app.wasm")).unwrap();

        let (head, body) = request(server.port, "GET", "/planwright/app.wasm", "Accept-Encoding: gzip, br\r\n");
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("content-type: application/wasm\r\n"), "{head}");
        assert!(head.contains("content-encoding: gzip\r\n") && head.contains("vary: accept-encoding\r\n"), "{head}");
        assert!(body.len() < wasm.len());
        assert_eq!(gunzip(&body), wasm);
        let (_, again) = request(server.port, "GET", "/planwright/app.wasm", "Accept-Encoding: gzip\r\n");
        assert_eq!(again, body, "the same gzip again");

        let (head, body) = request(server.port, "GET", "/planwright/app.wasm", "");
        assert!(!head.contains("content-encoding"), "{head}");
        assert_eq!(body, wasm, "as it is to a client that accepts no gzip");
        let (head, body) = request(server.port, "GET", "/planwright/app.wasm", "Accept-Encoding: gzip;q=0\r\n");
        assert!(!head.contains("content-encoding") && body == wasm, "{head}");

        let (head, body) = request(server.port, "GET", "/planwright/icon.png", "Accept-Encoding: gzip\r\n");
        assert!(head.contains("content-type: image/png\r\n") && !head.contains("content-encoding"), "{head}");
        assert_eq!(body, b"png", "an image is not compressed");

        let (head, body) = request(server.port, "GET", "/planwright/?v=2", "Accept-Encoding: gzip\r\n");
        assert!(head.contains("content-type: text/html; charset=utf-8\r\n"), "{head}");
        assert_eq!(gunzip(&body), std::fs::read(folder.0.join("index.html")).unwrap(), "a folder serves its page");
        server.stop();
    }

    #[test]
    fn head_redirect_and_not_found_are_answered_as_a_static_host_does() {
        let folder = Folder::new("answers");
        let server = StaticServer::start(&folder.0, 0, "/planwright/").unwrap();
        let (head, body) = request(server.port, "HEAD", "/planwright/app.wasm", "");
        assert!(head.starts_with("http/1.1 200") && head.contains("content-length: 800\r\n"), "{head}");
        assert!(body.is_empty(), "a HEAD has no body");

        let (head, _) = request(server.port, "GET", "/planwright", "");
        assert!(head.starts_with("http/1.1 301") && head.contains("location: /planwright/\r\n"), "{head}");
        let (head, _) = request(server.port, "GET", "/planwright/sub", "");
        assert!(head.contains("location: /planwright/sub/\r\n"), "{head}");

        for outside in ["/app.wasm", "/planwrightx/app.wasm", "/planwright/missing.js", "/planwright/sub/"] {
            let (head, _) = request(server.port, "GET", outside, "");
            assert!(head.starts_with("http/1.1 404"), "{outside}: {head}");
        }
        let (head, _) = request(server.port, "GET", "/planwright/../secret", "");
        assert!(head.starts_with("http/1.1 400"), "{head}");
        server.stop();
    }

    #[test]
    fn a_stopped_server_refuses_connections_and_closes_open_ones() {
        let folder = Folder::new("stop");
        let server = StaticServer::start(&folder.0, 0, "/").unwrap();
        let port = server.port;
        let mut open = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(open, "GET /icon.png HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut answer = [0; 512];
        assert!(open.read(&mut answer).unwrap() > 0, "served, and the connection kept alive");

        server.stop();
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "the port is closed");
        open.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        let mut rest = Vec::new();
        let closed = match open.read_to_end(&mut rest) {
            Ok(_) => true,
            Err(error) => !matches!(error.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
        };
        assert!(closed, "the open connection is closed");
        let again = StaticServer::start(&folder.0, port, "/").unwrap();
        assert_eq!(again.port, port, "the port can be served again");
    }
}
