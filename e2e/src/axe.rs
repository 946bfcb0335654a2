//! axe-core, the accessibility checker, run in the page: `cargo xtask test` installs it from
//! npm into the tools cache and names its script in `AXE_CORE_JS`. The script is evaluated
//! through WebDriver, as a person's browser extension would run it; the page itself loads
//! nothing from outside its own origin.

use serde_json::{json, Value};

use crate::Browser;

/// One rule broken on the page, with the elements that break it.
#[derive(Debug, Clone)]
pub struct Violation {
    /// axe's rule id, such as `color-contrast`.
    pub rule: String,
    /// How much it matters to a person: minor, moderate, serious or critical.
    pub impact: String,
    /// What the rule asks, in axe's words.
    pub help: String,
    /// The CSS selectors of the elements that break it, with axe's summary of why.
    pub elements: Vec<(String, String)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} ({}): {}", self.rule, self.impact, self.help)?;
        for (selector, why) in self.elements.iter().take(10) {
            writeln!(f, "    {selector}: {}", why.lines().next().unwrap_or_default())?;
        }
        if self.elements.len() > 10 {
            writeln!(f, "    … and {} more", self.elements.len() - 10)?;
        }
        Ok(())
    }
}

/// Loads axe-core into the page (once per page) and checks the whole document against the
/// WCAG 2.2 A and AA rules and axe's best practices.
pub async fn violations(browser: &Browser) -> Vec<Violation> {
    let loaded = browser.client.execute("return typeof window.axe !== 'undefined';", vec![]).await.unwrap();
    if loaded != json!(true) {
        let path = std::env::var("AXE_CORE_JS")
            .expect("AXE_CORE_JS is not set: run the end-to-end tests with `cargo xtask test`");
        let script = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
        browser.client.execute(&script, vec![]).await.expect("axe-core loads into the page");
    }
    let result = browser.client.execute_async(RUN_AXE, vec![]).await.expect("axe-core runs");
    if let Some(error) = result.get("error") {
        panic!("axe-core failed: {error}");
    }
    result.as_array().into_iter().flatten().map(violation).collect()
}

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  resultTypes: ["violations"],
}).then((results) => done(results.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary || "" })),
})))).catch((error) => done({ error: String(error) }));
"#;

fn violation(value: &Value) -> Violation {
    let text = |field: &str| value.get(field).and_then(Value::as_str).unwrap_or_default().to_string();
    Violation {
        rule: text("id"),
        impact: text("impact"),
        help: text("help"),
        elements: value["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|node| {
                let field = |name: &str| node.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
                (field("target"), field("summary"))
            })
            .collect(),
    }
}
