//! Hashing for the plan's ids (`T12`, `P3`) and whatever else the model keeps in hash
//! tables.
//!
//! A plan file comes from outside, so its ids may be chosen by someone hostile. Under an
//! unkeyed hash, 70,000 ids crafted to land in one slot made reading a file take 7 s
//! instead of 0.08 s, and every schedule 3.4 s. So the hash is SipHash-1-3 with keys
//! chosen at random once per process: without the keys, nobody can tell which ids collide.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use siphasher::sip::SipHasher13;

/// The two SipHash keys of this process, fixed by `set_seed` or by the first hash.
static KEYS: OnceLock<(u64, u64)> = OnceLock::new();

/// Sets the process's hash keys from randomness the caller has, for targets where the
/// standard library has none (wasm32-unknown-unknown, whose `RandomState` keys are
/// the same on every run). Call it before anything is hashed: the first keys set, or
/// used, stay for the life of the process, as hash tables already built depend on
/// them. Returns whether these keys were taken.
///
/// Without it the keys come from `RandomState`: random on native targets, fixed in
/// the browser.
pub fn set_seed(key0: u64, key1: u64) -> bool {
    KEYS.set((key0, key1)).is_ok()
}

fn process_keys() -> (u64, u64) {
    *KEYS.get_or_init(|| {
        let random = RandomState::new();
        (random.hash_one(0u8), random.hash_one(1u8))
    })
}

/// Makes SipHash-1-3 hashers with the process's keys.
#[derive(Clone, Copy, Debug)]
pub struct IdBuildHasher {
    keys: (u64, u64),
}

impl Default for IdBuildHasher {
    fn default() -> Self {
        Self { keys: process_keys() }
    }
}

impl IdBuildHasher {
    fn hash_bytes(&self, bytes: &[u8]) -> u64 {
        let mut hasher = self.build_hasher();
        hasher.write(bytes);
        hasher.finish()
    }
}

impl BuildHasher for IdBuildHasher {
    type Hasher = SipHasher13;

    fn build_hasher(&self) -> SipHasher13 {
        SipHasher13::new_with_keys(self.keys.0, self.keys.1)
    }
}

/// A map keyed by ids (or anything hashed the same way).
pub type IdMap<K, V> = HashMap<K, V, IdBuildHasher>;
pub type IdSet<K> = HashSet<K, IdBuildHasher>;

/// An empty map with room for `capacity` entries.
pub fn id_map_with_capacity<K, V>(capacity: usize) -> IdMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, IdBuildHasher::default())
}

/// The position of each id in a list of ids, for resolving many references (parents,
/// dependency ends) at once.
///
/// On 100,000-task plans, resolving ids through a hash map keyed by `&str` was most of
/// the cost of scheduling: every lookup missed the cache twice, once on a random slot
/// of a large table and once on the id's own heap allocation to compare it. So:
/// - ids of the form the app generates, a prefix and a number (`T12`), are found in a
///   plain array by their number: neighbouring tasks sit side by side, no hashing and
///   no comparing (the number is written one way only, so it names one id);
/// - any other id goes through a hash table (keyed, as `IdMap`) whose probes compare
///   against a compact copy of those ids, not the scattered originals.
#[derive(Clone, Debug)]
pub struct IdIndex {
    prefix: String,
    /// Position + 1 of each numbered id by its number, or 0. (Zero for empty lets the
    /// table come from zeroed memory: the pages of numbers not in use are never touched.)
    by_number: Vec<u32>,
    /// The other ids, in a hash table at most half full (open addressing, linear probing).
    slots: Vec<Slot>,
    /// The other ids end to end, in the order they came: the `k`-th is
    /// `text[starts[k]..starts[k + 1]]`.
    text: Vec<u8>,
    starts: Vec<usize>,
    hasher: IdBuildHasher,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    /// High bits of the id's hash, to skip most mismatches without comparing text.
    fingerprint: u32,
    /// Which of the hashed ids (`k` above), or `EMPTY`.
    hashed: u32,
    /// Its position in the list.
    position: u32,
}

const EMPTY: u32 = u32::MAX;

/// A table at most half full, of a power of two slots so a slot is the hash's low bits.
fn slot_count(hashed_ids: usize) -> usize {
    (2 * hashed_ids).next_power_of_two().max(8)
}

/// The slots are chosen by the low bits of the hash, so the high bits tell apart ids
/// that share a slot.
fn fingerprint_of(hash: u64) -> u32 {
    (hash >> 32) as u32
}

impl IdIndex {
    /// Indexes ids by position; numbered ids are those of `prefix` and a number. When
    /// an id repeats, its last position wins (as with `HashMap::insert`).
    pub fn new<T>(prefix: &str, items: &[T], id_of: impl Fn(&T) -> &str) -> Self {
        Self::with_hasher(prefix, items, id_of, IdBuildHasher::default())
    }

    fn with_hasher<T>(prefix: &str, items: &[T], id_of: impl Fn(&T) -> &str, hasher: IdBuildHasher) -> Self {
        let count = items.len();
        assert!(count < EMPTY as usize, "too many ids to index");
        let mut index = Self {
            prefix: prefix.to_string(),
            // Room for ids numbered up to twice the count covers plans that had tasks
            // deleted; beyond that, numbered ids are hashed too.
            by_number: vec![0; 2 * count + 16],
            slots: Vec::new(),
            text: Vec::new(),
            starts: vec![0],
            hasher,
        };
        let mut hashed_positions = Vec::new();
        for (batch_number, batch) in items.chunks(WARM_BATCH).enumerate() {
            warm_ids(batch.iter().map(&id_of));
            for (offset, item) in batch.iter().enumerate() {
                let position = (batch_number * WARM_BATCH + offset) as u32;
                let id = id_of(item);
                match index.number_of(id) {
                    Some(number) => index.by_number[number] = position + 1,
                    None => {
                        index.text.extend_from_slice(id.as_bytes());
                        index.starts.push(index.text.len());
                        hashed_positions.push(position);
                    }
                }
            }
        }
        let empty = Slot { fingerprint: 0, hashed: EMPTY, position: EMPTY };
        index.slots = vec![empty; slot_count(hashed_positions.len())];
        for (hashed, position) in hashed_positions.into_iter().enumerate() {
            let id = index.hashed_text(hashed as u32);
            let hash = index.hasher.hash_bytes(id);
            let (Ok(slot) | Err(slot)) = index.find(id, hash);
            index.slots[slot] = Slot { fingerprint: fingerprint_of(hash), hashed: hashed as u32, position };
        }
        index
    }

    /// The position of `id`, if it is in the list.
    pub fn get(&self, id: &str) -> Option<u32> {
        match self.number_of(id) {
            Some(number) => self.by_number[number].checked_sub(1),
            None => {
                let id = id.as_bytes();
                self.find(id, self.hasher.hash_bytes(id)).ok().map(|slot| self.slots[slot].position)
            }
        }
    }

    /// The number of an id made of the prefix and a number without leading zeros, if
    /// it has a place in `by_number`.
    #[inline]
    fn number_of(&self, id: &str) -> Option<usize> {
        let (id, prefix) = (id.as_bytes(), self.prefix.as_bytes());
        // Compared byte by byte: the prefix is a letter or two, and a call to `memcmp`
        // for each of hundreds of thousands of ids showed in profiles.
        if id.len() <= prefix.len() || !id.iter().zip(prefix).all(|(a, b)| a == b) {
            return None;
        }
        let digits = &id[prefix.len()..];
        if digits.len() > 9 || (digits[0] == b'0' && digits.len() > 1) {
            return None;
        }
        let mut number = 0usize;
        for &digit in digits {
            if !digit.is_ascii_digit() {
                return None;
            }
            number = number * 10 + (digit - b'0') as usize;
        }
        (number < self.by_number.len()).then_some(number)
    }

    fn hashed_text(&self, hashed: u32) -> &[u8] {
        &self.text[self.starts[hashed as usize]..self.starts[hashed as usize + 1]]
    }

    /// The slot holding `id`, or else the empty slot where it would go.
    fn find(&self, id: &[u8], hash: u64) -> Result<usize, usize> {
        let fingerprint = fingerprint_of(hash);
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.slots[slot];
            if entry.hashed == EMPTY {
                return Err(slot);
            }
            if entry.fingerprint == fingerprint && self.hashed_text(entry.hashed) == id {
                return Ok(slot);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// How many slots the longest lookup of an indexed id reads.
    #[cfg(test)]
    fn longest_probe(&self) -> usize {
        let mask = self.slots.len() - 1;
        let probe_of = |(slot, entry): (usize, &Slot)| {
            let home = self.hasher.hash_bytes(self.hashed_text(entry.hashed)) as usize & mask;
            (slot.wrapping_sub(home) & mask) + 1
        };
        self.slots.iter().enumerate().filter(|(_, entry)| entry.hashed != EMPTY).map(probe_of).max().unwrap_or(0)
    }
}

/// How many ids to warm at a time: enough to keep the memory system busy, few enough
/// that they are still in the nearest cache when they are looked up.
pub const WARM_BATCH: usize = 64;

/// Reads the first byte of each id, so that looking them up right after finds them in
/// cache. Each id of a large plan is its own heap allocation, likely not in cache, and
/// a lookup does enough work that the processor waits on one or two of them at a time;
/// this tight loop lets it fetch dozens at once. (A 100,000-task plan resolved its
/// references about twice as fast this way.)
pub fn warm_ids<'a>(ids: impl Iterator<Item = &'a str>) {
    let mut first_bytes = 0u8;
    for id in ids {
        first_bytes ^= id.as_bytes().first().copied().unwrap_or(0);
    }
    std::hint::black_box(first_bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Keys a test knows, as someone crafting a hostile file would need to.
    const KNOWN: IdBuildHasher = IdBuildHasher { keys: (0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210) };

    /// The first `count` ids (not numbered, so hashed) that pass `keep`.
    fn ids_where(count: usize, keep: impl Fn(&str) -> bool) -> Vec<String> {
        (0u64..).map(|number| format!("step-{number}")).filter(|id| keep(id)).take(count).collect()
    }

    #[test]
    fn ids_crafted_to_share_a_slot_under_known_keys_spread_out_under_any_other() {
        let count = 200;
        let mask = slot_count(count) as u64 - 1;
        let crafted = ids_where(count, |id| KNOWN.hash_bytes(id.as_bytes()) & mask == 0);
        let under_known = IdIndex::with_hasher("T", &crafted, |id| id.as_str(), KNOWN);
        assert_eq!(under_known.longest_probe(), count, "under the keys they were made for, they pile up");
        for hasher in [IdBuildHasher { keys: (1, 2) }, IdBuildHasher::default()] {
            let index = IdIndex::with_hasher("T", &crafted, |id| id.as_str(), hasher);
            assert!(index.longest_probe() <= 50, "{hasher:?}: a probe of {} slots", index.longest_probe());
            for (position, id) in crafted.iter().enumerate() {
                assert_eq!(index.get(id), Some(position as u32), "{id}");
            }
        }
    }

    thread_local! {
        /// How often this thread's hash tables compared one `Counted` with another.
        static COMPARISONS: Cell<usize> = const { Cell::new(0) };
    }

    /// An id that counts its comparisons with others.
    #[derive(Hash)]
    struct Counted<'a>(&'a str);

    impl PartialEq for Counted<'_> {
        fn eq(&self, other: &Self) -> bool {
            COMPARISONS.with(|comparisons| comparisons.set(comparisons.get() + 1));
            self.0 == other.0
        }
    }

    impl Eq for Counted<'_> {}

    fn comparisons_to_insert(ids: &[String], hasher: IdBuildHasher) -> usize {
        COMPARISONS.with(|comparisons| comparisons.set(0));
        let mut set: IdSet<Counted> = HashSet::with_capacity_and_hasher(ids.len(), hasher);
        for id in ids {
            set.insert(Counted(id));
        }
        COMPARISONS.with(Cell::get)
    }

    #[test]
    fn ids_crafted_to_collide_in_an_id_set_under_known_keys_do_not_under_any_other() {
        // The standard hash table of 64 entries has 128 slots: it picks the slot by the
        // hash's low 7 bits and tells entries apart by its top 7 bits, comparing ids
        // only where those agree. Ids alike in both are compared with each other.
        let count = 64;
        let alike = |hash: u64| hash & 0x7f == 0 && hash >> 57 == 0;
        let crafted = ids_where(count, |id| alike(KNOWN.hash_one(id)));
        let all_pairs = count * (count - 1) / 2;
        assert_eq!(comparisons_to_insert(&crafted, KNOWN), all_pairs, "under the keys they were made for");
        for hasher in [IdBuildHasher { keys: (1, 2) }, IdBuildHasher::default()] {
            let comparisons = comparisons_to_insert(&crafted, hasher);
            assert!(comparisons < count, "{hasher:?}: {comparisons} comparisons");
        }
    }

    #[test]
    fn the_keys_in_use_stay_for_the_life_of_the_process() {
        let in_use = IdBuildHasher::default().keys;
        assert!(!set_seed(in_use.0 ^ 1, in_use.1), "a later seed is refused");
        assert_eq!(IdBuildHasher::default().keys, in_use);
    }

    #[test]
    fn an_id_index_finds_numbered_and_other_ids_and_nothing_else() {
        let ids = ["T1", "T2", "T10", "design", "T007", "T", "T99999999999", "X5", "T3x", "T0"];
        let index = IdIndex::new("T", &ids, |id| *id);
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id), Some(position as u32), "{id}");
        }
        for missing in ["T3", "T01", "T00", "t1", "", "T1 ", " T1", "design2", "T99999999998", "T4294967296", "X"] {
            assert_eq!(index.get(missing), None, "{missing:?}");
        }
    }

    #[test]
    fn a_repeated_id_is_found_at_its_last_position() {
        let ids = ["T1", "a", "T1", "a", "T900"];
        let index = IdIndex::new("T", &ids, |id| *id);
        assert_eq!((index.get("T1"), index.get("a"), index.get("T900")), (Some(2), Some(3), Some(4)));
    }

    #[test]
    fn an_id_index_of_many_ids_of_both_kinds() {
        let ids: Vec<String> = (0..20_000)
            .map(|number| if number % 3 == 0 { format!("step-{number}") } else { format!("T{number}") })
            .collect();
        let index = IdIndex::new("T", &ids, |id| id.as_str());
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(index.get(id), Some(position as u32), "{id}");
        }
        assert_eq!(index.get("T0"), None);
        assert_eq!(index.get("step-1"), None);
    }
}
