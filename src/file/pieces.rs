//! A checked plan handed from one thread to another in pieces. The browser reads a big
//! plan file in a worker (`file::parse_into_pieces`: every check of `parse`), and the
//! page then builds the `Plan` from the plan's JSON a few list elements at a time
//! (`PlanAssembly`), so no single step holds the page for long. The pieces are the
//! positions of the plan's lists and of each of their elements in that JSON, sent as
//! plain numbers (`PlanPieces::to_words`).
//!
//! The page trusts nothing it is sent: positions out of order or out of the text, or an
//! element that does not read, give an error, never a panic.

use std::ops::Range;

use std::marker::PhantomData;

use serde::de::DeserializeSeed;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::{ObjectOnly, Plan};

/// The plan's lists that are read element by element, in the plan's own field names.
/// Everything else in a plan (name, calendar, settings, categories) is small.
const LISTS: [&str; 6] = ["people", "tasks", "dependencies", "raci", "risks", "baselines"];

/// The plan's JSON and where its lists and their elements are in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanPieces {
    /// The JSON of the plan object (after migration), as `parse` read it, in UTF-8.
    pub json: Vec<u8>,
    /// Where each list of the plan is, in the order they appear in `json`.
    pub lists: Vec<ListPieces>,
}

/// One list of the plan: where its value is and where each of its elements is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPieces {
    /// Which list, as an index into `LISTS`.
    list: u32,
    /// The bytes of the list's value (`[ ... ]`) in the plan's JSON.
    value: Range<usize>,
    /// The bytes of each element in the plan's JSON.
    elements: Vec<Range<usize>>,
}

impl PlanPieces {
    /// The pieces of a plan's JSON that `parse` accepted.
    pub(crate) fn of_valid_plan(json: String) -> Result<Self, String> {
        let mut lists = {
            let outline: PlanLists = serde_json::from_str(&json).map_err(|error| error.to_string())?;
            let mut lists = Vec::with_capacity(LISTS.len());
            for (list, raw) in outline.in_order().into_iter().enumerate() {
                let elements: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|error| error.to_string())?;
                let elements = elements.into_iter().map(|element| range_in(&json, element.get())).collect();
                lists.push(ListPieces { list: list as u32, value: range_in(&json, raw.get()), elements });
            }
            lists
        };
        lists.sort_by_key(|list| list.value.start);
        Ok(Self { json: json.into_bytes(), lists })
    }

    /// The positions as numbers: for each list, its index, the start and end of its value,
    /// its number of elements, then the start and end of each element.
    pub fn to_words(&self) -> Vec<u32> {
        let mut words = Vec::new();
        for list in &self.lists {
            words.extend([list.list, list.value.start as u32, list.value.end as u32, list.elements.len() as u32]);
            for element in &list.elements {
                words.extend([element.start as u32, element.end as u32]);
            }
        }
        words
    }

    /// The pieces from the plan's JSON and `to_words` of its positions, checked: every
    /// position inside the JSON, lists in order and apart, elements inside their list.
    pub fn from_words(json: Vec<u8>, words: &[u32]) -> Result<Self, String> {
        let broken = || "the pieces of the checked plan do not fit together".to_string();
        let mut lists = Vec::new();
        let mut rest = words;
        let mut end_of_previous = 0;
        while !rest.is_empty() {
            let [list, start, end, count, tail @ ..] = rest else { return Err(broken()) };
            let (list, value, count) = (*list, *start as usize..*end as usize, *count as usize);
            if list as usize >= LISTS.len() || value.start < end_of_previous || value.end > json.len() {
                return Err(broken());
            }
            if value.start >= value.end || tail.len() / 2 < count {
                return Err(broken());
            }
            let (positions, tail) = tail.split_at(count * 2);
            let elements: Vec<Range<usize>> =
                positions.chunks_exact(2).map(|pair| pair[0] as usize..pair[1] as usize).collect();
            if elements
                .iter()
                .any(|element| element.start < value.start || element.end > value.end || element.start > element.end)
            {
                return Err(broken());
            }
            end_of_previous = value.end;
            lists.push(ListPieces { list, value, elements });
            rest = tail;
        }
        Ok(Self { json, lists })
    }

    /// How many list elements the plan has.
    pub fn element_count(&self) -> usize {
        self.lists.iter().map(|list| list.elements.len()).sum()
    }
}

/// The plan's lists, as they stand in its JSON (the other fields are skipped).
#[derive(Deserialize)]
struct PlanLists<'a> {
    #[serde(borrow)]
    people: &'a RawValue,
    #[serde(borrow)]
    tasks: &'a RawValue,
    #[serde(borrow)]
    dependencies: &'a RawValue,
    #[serde(borrow)]
    raci: &'a RawValue,
    #[serde(borrow)]
    risks: &'a RawValue,
    #[serde(borrow)]
    baselines: &'a RawValue,
}

impl<'a> PlanLists<'a> {
    /// The lists in the order of `LISTS`.
    fn in_order(&self) -> [&'a RawValue; 6] {
        [self.people, self.tasks, self.dependencies, self.raci, self.risks, self.baselines]
    }
}

/// Where `part`, a slice of `whole`, lies in it.
fn range_in(whole: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

/// One element of a list of the checked plan (or the plan without its lists), read by the
/// same path-tracking reader as `file::parse` reads a plan with: one copy of the derived
/// readers in the WebAssembly.
fn element<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    ObjectOnly(PhantomData)
        .deserialize(serde_path_to_error::Deserializer::new(&mut deserializer, &mut track))
        .and_then(|element| deserializer.end().map(|()| element))
        .map_err(|error| format!("an element of the checked plan does not read: {error}"))
}

/// Builds the plan from its pieces a few elements at a time.
pub struct PlanAssembly {
    pieces: PlanPieces,
    /// The plan with its lists read so far.
    plan: Plan,
    /// The list and element read next.
    next_list: usize,
    next_element: usize,
    read: usize,
}

impl PlanAssembly {
    /// Starts with everything of the plan but its lists, which is read at once (it is small).
    pub fn new(pieces: PlanPieces) -> Result<Self, String> {
        let mut outline = Vec::with_capacity(pieces.json.len().min(64 * 1024));
        let mut copied = 0;
        for list in &pieces.lists {
            outline
                .extend_from_slice(pieces.json.get(copied..list.value.start).ok_or("the pieces do not fit the plan")?);
            outline.extend_from_slice(b"[]");
            copied = list.value.end;
        }
        outline.extend_from_slice(pieces.json.get(copied..).ok_or("the pieces do not fit the plan")?);
        let outline = String::from_utf8(outline).map_err(|_| "the checked plan is not UTF-8")?;
        let plan: Plan = element(&outline).map_err(|error| format!("the checked plan does not read: {error}"))?;
        let mut assembly = Self { pieces, plan, next_list: 0, next_element: 0, read: 0 };
        assembly.skip_read_lists();
        Ok(assembly)
    }

    /// Reads up to `count` more elements; true when every element is read.
    pub fn read_some(&mut self, count: usize) -> Result<bool, String> {
        for _ in 0..count {
            let Some(list) = self.pieces.lists.get(self.next_list) else { break };
            let range = list.elements[self.next_element].clone();
            let text = self.pieces.json.get(range).ok_or("an element of the checked plan is cut")?;
            let text = std::str::from_utf8(text).map_err(|_| "an element of the checked plan is not UTF-8")?;
            let plan = &mut self.plan;
            match LISTS[list.list as usize] {
                "people" => plan.people.push(element(text)?),
                "tasks" => plan.tasks.push(element(text)?),
                "dependencies" => plan.dependencies.push(element(text)?),
                "raci" => plan.raci.push(element(text)?),
                "risks" => plan.risks.push(element(text)?),
                _ => plan.baselines.push(element(text)?),
            }
            self.next_element += 1;
            self.read += 1;
            self.skip_read_lists();
        }
        Ok(self.is_done())
    }

    /// Moves past lists whose elements are all read (or that have none).
    fn skip_read_lists(&mut self) {
        while self.pieces.lists.get(self.next_list).is_some_and(|list| self.next_element >= list.elements.len()) {
            self.next_list += 1;
            self.next_element = 0;
        }
    }

    fn is_done(&self) -> bool {
        self.next_list >= self.pieces.lists.len()
    }

    /// Elements read so far and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.read, self.pieces.element_count())
    }

    /// The plan, once every element is read.
    pub fn finish(mut self) -> Result<Plan, String> {
        if !self.is_done() {
            return Err("the plan is not read to its end".into());
        }
        super::complete_older_plan(&mut self.plan);
        Ok(self.plan)
    }
}
