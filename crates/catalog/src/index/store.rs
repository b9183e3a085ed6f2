//! What the index holds for every published product: an inverted index from lexeme to
//! products (with the field weight it has there), and the columns listings filter, count
//! and sort on: category, price, stock, creation time and each variant's option words.

use super::tsvector::{Lexeme, Weight};
use std::collections::{BTreeMap, HashMap};

/// One variant as listings see it.
#[derive(Debug, Clone)]
pub struct VariantDoc {
    pub price_minor: i64,
    pub in_stock: bool,
    /// Interned `key=value` words (`size=m`).
    pub facets: Vec<u32>,
}

/// One published product.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: i64,
    pub category_id: i64,
    /// Microseconds since the epoch.
    pub created_at: i64,
    /// The lowest variant price (what cards show and price sorts use).
    pub price_minor: i64,
    pub in_stock: bool,
    /// How many distinct lexemes the name has: the denominator of "how much of the name
    /// the query covers".
    pub name_terms: u32,
    /// Interned lexemes, to take the product out of their postings when it changes.
    terms: Vec<u32>,
    pub variants: Vec<VariantDoc>,
}

/// A product as read from PostgreSQL, before interning.
#[derive(Debug, Clone)]
pub struct DocData {
    pub id: i64,
    pub category_id: i64,
    pub created_at: i64,
    pub price_minor: i64,
    pub in_stock: bool,
    pub lexemes: Vec<Lexeme>,
    /// The lexemes of each name's head word (see [`Lead`]).
    pub heads: Vec<(String, Lead)>,
    pub variants: Vec<VariantData>,
}

/// Where a lexeme stands at the head of each name: the word a name starts with (after
/// the brand) is what the product is; words further on say what it is for or like
/// (`Silicone Case for iPhone 15`, `جراب ايفون 15`). The low four bits hold its position
/// in the English name, the high four in the Arabic one: 1 for the first word, up to
/// [`LEAD_WORDS`], 0 when it is not among them.
pub type Lead = u8;
/// How many words of a name count as its head.
pub const LEAD_WORDS: u8 = 3;

/// A lead for a position in the English name (`english`) or the Arabic one.
pub fn lead(english: bool, position: u8) -> Lead {
    let position = position.min(LEAD_WORDS);
    if english {
        position
    } else {
        position << 4
    }
}

/// The nearer head position of each name.
pub fn nearer(a: Lead, b: Lead) -> Lead {
    let pick = |x: u8, y: u8| match (x, y) {
        (0, y) => y,
        (x, 0) => x,
        (x, y) => x.min(y),
    };
    pick(a & 0x0f, b & 0x0f) | pick(a >> 4, b >> 4) << 4
}

/// How much a lead says the product is what the query names: per name 1 for its first
/// word, a half for its second, a quarter for its third. The Arabic name says more: an
/// Arabic noun phrase puts what the thing is first (`جراب ايفون 15`), while English
/// compounds put it last (`iPhone 15 Case`, `Laptop Sleeve`), so an English name's
/// first word may only say what the product is for.
pub fn lead_share(lead: Lead) -> f32 {
    let value = |p: u8| match p {
        0 => 0.0,
        p => 1.0 / f32::from(1u8 << (p - 1)),
    };
    ENGLISH_LEAD * value(lead & 0x0f) + (1.0 - ENGLISH_LEAD) * value(lead >> 4)
}

/// The English name's part of a lead; the Arabic name has the rest.
const ENGLISH_LEAD: f32 = 0.4;

#[derive(Debug, Clone)]
pub struct VariantData {
    pub price_minor: i64,
    pub in_stock: bool,
    pub facets: Vec<String>,
}

/// How a facet word is shown: its option's name and its value, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetLabel {
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    pub value_en: String,
    pub value_ar: String,
    /// The option's place on its product (Size before Colour).
    pub option_position: i16,
}

#[derive(Debug, Clone, Copy)]
pub struct Posting {
    pub slot: u32,
    pub weight: Weight,
    pub lead: Lead,
}

/// An interned facet word: the interned key before its `=`.
#[derive(Debug, Clone)]
pub struct FacetWord {
    pub key: u32,
}

#[derive(Debug, Default)]
pub struct Store {
    docs: Vec<Option<Doc>>,
    slot_of: HashMap<i64, u32>,
    /// Category id → the slots of its products, so a category page never walks the
    /// whole catalog.
    by_category: HashMap<i64, Vec<u32>>,
    free: Vec<u32>,
    /// Lexeme → term id, for exact look-ups (loading touches every lexeme of every
    /// product: hashing beats walking a tree).
    term_ids: HashMap<String, u32>,
    /// The same, sorted, so a prefix is a range.
    sorted_terms: BTreeMap<String, u32>,
    /// Per term, sorted by slot.
    postings: Vec<Vec<Posting>>,
    facet_ids: HashMap<String, u32>,
    facet_words: Vec<FacetWord>,
    key_ids: HashMap<String, u32>,
    labels: HashMap<u32, FacetLabel>,
}

impl Store {
    pub fn doc(&self, slot: u32) -> Option<&Doc> {
        self.docs.get(slot as usize).and_then(Option::as_ref)
    }

    /// Every slot a document may occupy (for dense per-query arrays).
    pub fn slots(&self) -> usize {
        self.docs.len()
    }

    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn docs(&self) -> impl Iterator<Item = (u32, &Doc)> {
        self.docs
            .iter()
            .enumerate()
            .filter_map(|(slot, doc)| doc.as_ref().map(|d| (slot as u32, d)))
    }

    /// The slot of product `id`, if the index has it.
    pub fn slot_of_id(&self, id: i64) -> Option<u32> {
        self.slot_of.get(&id).copied()
    }

    /// The slots of the products directly in `category`.
    pub fn in_category(&self, category: i64) -> &[u32] {
        self.by_category.get(&category).map_or(&[], Vec::as_slice)
    }

    pub fn term(&self, lexeme: &str) -> Option<&[Posting]> {
        self.term_ids
            .get(lexeme)
            .map(|id| self.postings[*id as usize].as_slice())
            .filter(|p| !p.is_empty())
    }

    /// Every term that starts with `prefix` (itself included), with its postings.
    pub fn terms_with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [Posting])> + 'a {
        self.sorted_terms
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(term, _)| term.starts_with(prefix))
            .map(|(term, id)| (term.as_str(), self.postings[*id as usize].as_slice()))
    }

    pub fn facet_id(&self, word: &str) -> Option<u32> {
        self.facet_ids.get(word).copied()
    }

    pub fn key_id(&self, key: &str) -> Option<u32> {
        self.key_ids.get(key).copied()
    }

    pub fn facet_word(&self, id: u32) -> &FacetWord {
        &self.facet_words[id as usize]
    }

    pub fn facet_count(&self) -> usize {
        self.facet_words.len()
    }

    pub fn label(&self, facet: u32) -> Option<&FacetLabel> {
        self.labels.get(&facet)
    }

    /// Puts a product in (replacing what the index had for it).
    pub fn upsert(&mut self, mut data: DocData) {
        self.remove(data.id);
        let heads = std::mem::take(&mut data.heads);
        let slot = match self.free.pop() {
            Some(slot) => slot,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        // A tsvector lists each lexeme once, with its best weight already known.
        let mut terms = Vec::with_capacity(data.lexemes.len());
        let mut name_terms = 0;
        for Lexeme { text, weight, .. } in data.lexemes {
            let lead = heads
                .iter()
                .filter(|(head, _)| *head == text)
                .fold(0, |lead, (_, other)| nearer(lead, *other));
            if weight == Weight::A {
                name_terms += 1;
            }
            let id = match self.term_ids.get(&text) {
                Some(id) => *id,
                None => {
                    let id = self.postings.len() as u32;
                    self.sorted_terms.insert(text.clone(), id);
                    self.term_ids.insert(text, id);
                    self.postings.push(Vec::new());
                    id
                }
            };
            let list = &mut self.postings[id as usize];
            let posting = Posting { slot, weight, lead };
            match list.last() {
                Some(last) if last.slot > slot => {
                    let at = list.partition_point(|p| p.slot < slot);
                    list.insert(at, posting);
                }
                _ => list.push(posting),
            }
            terms.push(id);
        }
        let variants = data
            .variants
            .into_iter()
            .map(|v| VariantDoc {
                price_minor: v.price_minor,
                in_stock: v.in_stock,
                facets: v.facets.iter().map(|w| self.intern_facet(w)).collect(),
            })
            .collect();
        self.by_category
            .entry(data.category_id)
            .or_default()
            .push(slot);
        self.docs[slot as usize] = Some(Doc {
            id: data.id,
            category_id: data.category_id,
            created_at: data.created_at,
            price_minor: data.price_minor,
            in_stock: data.in_stock,
            name_terms,
            terms,
            variants,
        });
        self.slot_of.insert(data.id, slot);
    }

    /// Takes a product out (unpublished, deleted, or about to be replaced).
    pub fn remove(&mut self, id: i64) {
        let Some(slot) = self.slot_of.remove(&id) else {
            return;
        };
        if let Some(doc) = self.docs[slot as usize].take() {
            if let Some(slots) = self.by_category.get_mut(&doc.category_id) {
                if let Some(at) = slots.iter().position(|s| *s == slot) {
                    slots.swap_remove(at);
                }
            }
            for term in doc.terms {
                let list = &mut self.postings[term as usize];
                if let Ok(at) = list.binary_search_by_key(&slot, |p| p.slot) {
                    list.remove(at);
                }
            }
        }
        self.free.push(slot);
    }

    /// Records how a facet word is shown; `replace` lets a renamed option or value win
    /// over what a full load saw first.
    pub fn set_label(&mut self, word: &str, label: FacetLabel, replace: bool) {
        let id = self.intern_facet(word);
        if replace || !self.labels.contains_key(&id) {
            self.labels.insert(id, label);
        }
    }

    fn intern_facet(&mut self, word: &str) -> u32 {
        if let Some(id) = self.facet_ids.get(word) {
            return *id;
        }
        let key_text = word.split_once('=').map_or(word, |(k, _)| k);
        let next_key = self.key_ids.len() as u32;
        let key = *self.key_ids.entry(key_text.to_string()).or_insert(next_key);
        let id = self.facet_words.len() as u32;
        self.facet_words.push(FacetWord { key });
        self.facet_ids.insert(word.to_string(), id);
        id
    }
}

/// A product in category 1 with one in-stock size-M variant, for the index's tests.
#[cfg(test)]
pub fn test_doc(id: i64, lexemes: &[(&str, Weight)]) -> DocData {
    DocData {
        id,
        category_id: 1,
        created_at: id,
        price_minor: 100,
        in_stock: true,
        lexemes: lexemes
            .iter()
            .map(|(t, w)| Lexeme {
                text: t.to_string(),
                weight: *w,
                first: 0,
            })
            .collect(),
        heads: Vec::new(),
        variants: vec![VariantData {
            price_minor: 100,
            in_stock: true,
            facets: vec!["size=m".into()],
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::{test_doc as doc, *};

    fn slots(store: &Store, term: &str) -> Vec<u32> {
        store
            .term(term)
            .map(|p| p.iter().map(|p| p.slot).collect())
            .unwrap_or_default()
    }

    #[test]
    fn upsert_replaces_and_remove_forgets() {
        let mut store = Store::default();
        store.upsert(doc(10, &[("mug", Weight::A), ("cup", Weight::D)]));
        store.upsert(doc(11, &[("mug", Weight::B)]));
        assert_eq!(slots(&store, "mug"), [0, 1]);
        store.upsert(doc(10, &[("kettl", Weight::A)]));
        assert_eq!(store.len(), 2);
        assert_eq!(slots(&store, "cup"), Vec::<u32>::new());
        assert!(store.term("cup").is_none());
        // The freed slot 0 is reused and the postings stay sorted.
        assert_eq!(slots(&store, "kettl"), [0]);
        store.upsert(doc(12, &[("mug", Weight::A)]));
        assert_eq!(slots(&store, "mug"), [1, 2]);
        store.remove(11);
        store.remove(11);
        assert_eq!(slots(&store, "mug"), [2]);
        assert_eq!(store.len(), 2);
        assert_eq!(store.doc(0).unwrap().name_terms, 1);
        let mut in_one = store.in_category(1).to_vec();
        in_one.sort_unstable();
        assert_eq!(in_one, [0, 2]);
        assert!(store.in_category(2).is_empty());
    }

    #[test]
    fn prefixes_are_ranges_of_terms() {
        let mut store = Store::default();
        store.upsert(doc(1, &[("head", Weight::A), ("headphon", Weight::A)]));
        store.upsert(doc(2, &[("heat", Weight::A), ("he", Weight::B)]));
        let found: usize = store.terms_with_prefix("hea").map(|(_, p)| p.len()).sum();
        assert_eq!(found, 3);
        assert_eq!(store.terms_with_prefix("x").count(), 0);
    }

    #[test]
    fn leads_keep_the_nearer_position_of_each_name() {
        let (en1, en3, ar2) = (lead(true, 1), lead(true, 3), lead(false, 2));
        assert_eq!(nearer(en3, en1), en1);
        assert_eq!(nearer(en3, ar2), en3 | ar2);
        assert_eq!(nearer(0, ar2), ar2);
        assert_eq!(lead(true, 9), lead(true, LEAD_WORDS));
        assert_eq!(lead_share(en1 | lead(false, 1)), 1.0);
        assert_eq!(lead_share(en1), 0.4);
        assert_eq!(lead_share(ar2), 0.3);
        assert!(lead_share(lead(false, 1)) > lead_share(en1));
        assert_eq!(lead_share(0), 0.0);
    }

    #[test]
    fn facet_words_share_keys() {
        let mut store = Store::default();
        store.upsert(doc(1, &[]));
        let m = store.facet_id("size=m").unwrap();
        let l = store.intern_facet("size=l");
        let red = store.intern_facet("color=red");
        assert_eq!(store.facet_word(m).key, store.facet_word(l).key);
        assert_ne!(store.facet_word(m).key, store.facet_word(red).key);
        assert_eq!(store.key_id("color"), Some(store.facet_word(red).key));
    }
}
