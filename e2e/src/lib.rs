//! Helpers for the end-to-end tests: a WebDriver session on headless Chromium
//! against the release build that `cargo xtask test` serves.

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use fantoccini::{elements::Element, error::CmdError, Client, Locator};

pub mod axe;
pub mod machine;

/// The static server of `cargo xtask serve`, shared as a file (xtask is a binary): tests
/// that stop and start the server, or serve a build of their own, run it themselves.
#[path = "../../xtask/src/server.rs"]
pub mod static_server;

/// Where the release build is served, from `cargo xtask test`.
pub fn app_url() -> String {
    std::env::var("PLANWRIGHT_URL")
        .expect("PLANWRIGHT_URL is not set: run the end-to-end tests with `cargo xtask test`")
}

/// The release build's folder: `PLANWRIGHT_DIST` (set by `cargo xtask test`), else dist/.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("PLANWRIGHT_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("dist"))
}

/// A fresh browser with its own profile and download folder.
pub struct Browser {
    pub client: Client,
    pub downloads: PathBuf,
}

impl Browser {
    pub async fn start() -> Self {
        let webdriver = std::env::var("WEBDRIVER_URL").expect("WEBDRIVER_URL is not set: run with `cargo xtask test`");
        let binary = std::env::var("CHROMIUM_BINARY").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let args: Vec<String> =
            std::env::var("CHROMIUM_ARGS").unwrap_or_default().split_whitespace().map(String::from).collect();
        let unique = format!(
            "{}-{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
        );
        let downloads = std::env::temp_dir().join(format!("planwright-e2e-downloads-{unique}"));
        let profile = std::env::temp_dir().join(format!("planwright-e2e-profile-{unique}"));
        std::fs::create_dir_all(&downloads).unwrap();
        let mut all_args = args;
        all_args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = serde_json::json!({
            // Keeps the console (errors, security violations) for `console_errors`.
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": binary,
                "args": all_args,
                "prefs": {
                    "download.default_directory": downloads.to_string_lossy(),
                    "download.prompt_for_download": false,
                }
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = fantoccini::ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .expect("a WebDriver session on Chromium");
        Self { client, downloads }
    }

    pub async fn open_app(&self) {
        self.client.goto(&app_url()).await.unwrap();
        self.wait_for_css("main").await;
    }

    /// Waits up to 15 s for an element (the wasm has to load first).
    pub async fn wait_for_css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|error| panic!("no element {selector}: {error}"))
    }

    pub async fn count(&self, selector: &str) -> usize {
        self.client.find_all(Locator::Css(selector)).await.unwrap().len()
    }

    /// Waits up to 10 s for a condition on the page.
    pub async fn wait_until<F, Fut>(&self, what: &str, condition: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..200 {
            if condition().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("timed out waiting for {what}");
    }

    pub async fn text(&self, selector: &str) -> String {
        match self.client.find(Locator::Css(selector)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// A local storage value, read in the page.
    pub async fn storage_item(&self, key: &str) -> Option<String> {
        let value = self
            .client
            .execute("return window.localStorage.getItem(arguments[0]);", vec![serde_json::json!(key)])
            .await
            .unwrap();
        value.as_str().map(String::from)
    }

    pub async fn storage_keys(&self, prefix: &str) -> Vec<String> {
        let value = self
            .client
            .execute(
                "return Object.keys(window.localStorage).filter(k => k.startsWith(arguments[0])).sort();",
                vec![serde_json::json!(prefix)],
            )
            .await
            .unwrap();
        value.as_array().unwrap().iter().map(|key| key.as_str().unwrap().to_string()).collect()
    }

    /// Waits for a file to finish downloading and returns its path.
    pub async fn downloaded(&self, name: &str) -> PathBuf {
        let path = self.downloads.join(name);
        for _ in 0..200 {
            if path.exists() && std::fs::metadata(&path).map(|meta| meta.len() > 0).unwrap_or(false) {
                return path;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let found: Vec<_> =
            std::fs::read_dir(&self.downloads).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        panic!("{name} was not downloaded; the folder holds {found:?}");
    }

    /// Errors in the browser console since the last call: script errors, failed
    /// loads, Content-Security-Policy violations (ChromeDriver's log endpoint).
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self.client.issue_cmd(BrowserLog).await.expect("the browser log");
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Emulates a network link (ChromeDriver's network conditions): `round_trip_ms` before
    /// each response, `bytes_per_second` down and up.
    pub async fn set_network(&self, round_trip_ms: u64, bytes_per_second: u64) -> Result<(), String> {
        let conditions = NetworkConditions { round_trip_ms, bytes_per_second };
        self.client.issue_cmd(conditions).await.map(|_| ()).map_err(|error| format!("network emulation: {error}"))
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// ChromeDriver's `POST /session/{id}/se/log` for the browser console.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_string()))
    }
}

/// ChromeDriver's `POST /session/{id}/chromium/network_conditions`.
#[derive(Debug)]
struct NetworkConditions {
    round_trip_ms: u64,
    bytes_per_second: u64,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/chromium/network_conditions", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({
            "network_conditions": {
                "offline": false,
                "latency": self.round_trip_ms,
                "download_throughput": self.bytes_per_second,
                "upload_throughput": self.bytes_per_second,
            }
        });
        (http::Method::POST, Some(body.to_string()))
    }
}
