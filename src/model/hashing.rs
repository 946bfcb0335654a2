//! A fast hasher for the plan's own short ids (`T12`, `P3`). The standard SipHash
//! guards against hash flooding, which local data does not need; on 100,000-task
//! plans it was the largest cost of building the task graph.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash (as used inside rustc): a rotate, xor and multiply per word.
#[derive(Default, Clone, Copy)]
pub struct IdHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, value: u8) {
        self.add(value as u64);
    }

    fn write_u32(&mut self, value: u32) {
        self.add(value as u64);
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak, and hash tables index by the low bits:
        // a final avalanche (MurmurHash3's) spreads every input bit over all of them.
        let mut hash = self.hash;
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
        hash ^= hash >> 33;
        hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        hash ^ (hash >> 33)
    }
}

pub type IdBuildHasher = BuildHasherDefault<IdHasher>;
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
/// - any other id goes through a hash table whose probes compare against a compact
///   copy of those ids, not the scattered originals.
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

fn hash_of(id: &[u8]) -> u64 {
    let mut hasher = IdHasher::default();
    hasher.write(id);
    hasher.finish()
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
        index.slots = vec![empty; (2 * hashed_positions.len()).next_power_of_two().max(8)];
        for (hashed, position) in hashed_positions.into_iter().enumerate() {
            let id = index.hashed_text(hashed as u32);
            let hash = hash_of(id);
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
                self.find(id, hash_of(id)).ok().map(|slot| self.slots[slot].position)
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
    use super::IdIndex;

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
