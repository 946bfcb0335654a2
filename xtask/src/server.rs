//! A small static file server for the release build: what any static host does,
//! with the right content types (WebAssembly must be served as application/wasm).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A server running on a background thread until `stop` (or drop).
pub struct StaticServer {
    pub port: u16,
    running: Arc<AtomicBool>,
    accepting: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` under the URL prefix `base` ("/" or "/planwright/") on 127.0.0.1.
    pub fn start(root: &Path, port: u16, base: &str) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        let port = listener.local_addr()?.port();
        let running = Arc::new(AtomicBool::new(true));
        let root = root.to_path_buf();
        let base = base.to_string();
        let flag = running.clone();
        let accepting = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if !flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    let base = base.clone();
                    std::thread::spawn(move || {
                        let _ = handle(stream, &root, &base);
                    });
                }
            }
        });
        Ok(Self { port, running, accepting: Some(accepting) })
    }

    /// Stops listening: once this returns, connections to the port are refused (and the
    /// port can be served again).
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if self.running.swap(false, Ordering::SeqCst) {
            // Wake the accept loop so it sees the flag, then wait until it has closed the port.
            let _ = TcpStream::connect(("127.0.0.1", self.port));
            if let Some(accepting) = self.accepting.take() {
                let _ = accepting.join();
            }
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|ext| ext.to_str()).unwrap_or("") {
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

fn handle(stream: TcpStream, root: &Path, base: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    let inside = path.strip_prefix(base.trim_end_matches('/')).filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let Some(relative) = inside.map(|rest| rest.trim_start_matches('/')) else {
        return respond(&mut stream, "404 Not Found", "text/plain", b"not found", method);
    };
    if relative.split('/').any(|segment| segment == "..") {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad path", method);
    }
    let mut file: PathBuf = root.join(relative);
    if file.is_dir() {
        // A folder without its final slash ("/planwright"): as static hosts do, send the
        // browser to "/planwright/" so that the page's relative URLs resolve inside it.
        if !path.ends_with('/') {
            let location = format!("{path}/");
            return redirect(&mut stream, &location);
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, "200 OK", content_type(&file), &body, method),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found", method),
    }
}

fn redirect(stream: &mut TcpStream, location: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    stream.flush()
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], method: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}
