//! Real MS Project XML files (tests/fixtures/mspdi/README.md lists where each came
//! from and its licence): each is read without error, with as many tasks and links as
//! the file has, and Planwright's schedule of the imported plan gives the Start and
//! Finish MS Project stored for the tasks it should (automatically scheduled, whole
//! days, on the project calendar). docs/interchange.md explains the rest.

use planwright::file::mspdi;
use planwright::schedule;

use super::fixture;

/// Every real file, with the share of comparable tasks whose dates match, in percent
/// (at least), as docs/interchange.md reports it.
const REAL_FILES: [(&str, u32); 18] = [
    ("msproject-2003-task-links.xml", 100),
    ("msproject-2007-task-links.xml", 100),
    ("msproject-2010-task-links.xml", 100),
    ("msproject-2013-task-links.xml", 100),
    ("msproject-2016-task-links.xml", 100),
    ("msproject-2019-task-links.xml", 100),
    ("msproject-2013-task-durations.xml", 100),
    ("msproject-2007-task-baselines.xml", 100),
    ("msproject-2007-relations.xml", 100),
    ("msproject-2007-split-task.xml", 100),
    ("msproject-2010-recurring-exceptions.xml", 100),
    ("msproject-2016-task-dates.xml", 100),
    ("mpxj-sample.xml", 94),
    ("mpxj-sample1.xml", 94),
    ("openproj-holidays.xml", 100),
    ("openproj-weekends.xml", 100),
    ("projectlibre-issue1520.xml", 100),
    ("projectlibre-issue2659.xml", 100),
];

/// Tasks (not blank rows, not the project's own summary) and links in the file,
/// counted on the text so the count does not depend on the reader under test.
fn counts_in_file(text: &str) -> (usize, usize) {
    let tasks = text.split("<Task>").skip(1).filter(|task| {
        let body = task.split("</Task>").next().unwrap_or_default();
        !body.contains("<IsNull>1</IsNull>") && !body.contains("<OutlineLevel>0</OutlineLevel>")
    });
    let tasks: Vec<&str> = tasks.collect();
    let links = tasks.iter().map(|task| task.matches("<PredecessorLink>").count()).sum();
    (tasks.len(), links)
}

#[test]
fn every_real_file_is_read_with_all_its_tasks_and_links() {
    for (name, _) in REAL_FILES {
        let text = fixture(&format!("mspdi/{name}"));
        let imported = mspdi::read(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let (tasks, links) = counts_in_file(&text);
        assert_eq!(imported.plan.tasks.len(), tasks, "{name}: tasks");
        let external = imported.losses.iter().find(|loss| loss.kind == mspdi::LossKind::ExternalLink);
        let external = external.map_or(0, |loss| loss.concerns.len());
        assert_eq!(imported.plan.dependencies.len() + external, links, "{name}: links");
    }
}

/// Tasks with dates in the file, and of those how many Planwright schedules on MS
/// Project's Start and Finish: (comparable, matching, all, all matching).
fn date_matches(name: &str) -> (usize, usize, usize, usize) {
    let imported = mspdi::read(&fixture(&format!("mspdi/{name}"))).unwrap();
    let schedule = schedule::compute(&imported.plan).unwrap();
    let (mut comparable, mut matching, mut all, mut all_matching) = (0, 0, 0, 0);
    for (index, stored) in imported.ms_project_dates.iter().enumerate() {
        let (Some(start), Some(finish)) = (stored.start, stored.finish) else { continue };
        let same = (schedule.start_date(index), schedule.finish_date(index)) == (start, finish);
        all += 1;
        all_matching += usize::from(same);
        if stored.comparable {
            comparable += 1;
            matching += usize::from(same);
        }
    }
    (comparable, matching, all, all_matching)
}

#[test]
fn planwright_schedules_the_comparable_tasks_of_real_files_on_ms_projects_dates() {
    let mut report = String::from("file: comparable tasks matching Start and Finish (all tasks)\n");
    let mut short = Vec::new();
    for (name, expected_percent) in REAL_FILES {
        let (comparable, matching, all, all_matching) = date_matches(name);
        let percent = (matching * 100).checked_div(comparable).unwrap_or(100);
        report
            .push_str(&format!("{name}: {matching} of {comparable} ({percent}%); all tasks {all_matching} of {all}\n"));
        if (percent as u32) < expected_percent {
            short.push(format!("{name}: {percent}% < {expected_percent}%"));
        }
    }
    eprintln!("{report}");
    assert!(short.is_empty(), "{short:?}\n{report}");
}
