//! What a benchmark prints about the machine it ran on: every figure is recorded with it.

pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|name| name.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |cores| cores.get());
    format!("{cpu}, {cores} cores")
}

/// "156.0.8078.108": the user agent says only "156.0.0.0", so ask the binary.
pub fn chromium_version() -> String {
    let binary = std::env::var("CHROMIUM_BINARY").unwrap_or_else(|_| "/usr/bin/chromium".into());
    std::process::Command::new(binary)
        .arg("--version")
        .output()
        .ok()
        .and_then(|output| {
            let text = String::from_utf8_lossy(&output.stdout).into_owned();
            text.split_whitespace().find(|word| word.starts_with(|c: char| c.is_ascii_digit())).map(String::from)
        })
        .unwrap_or_else(|| "(version unknown)".into())
}

/// The one-minute load average: other work on the machine makes every figure slower.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "unknown".into())
}
