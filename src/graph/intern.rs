//! Shared strings for provenance. A large corpus repeats the same sentences,
//! actor ids, outlets and places in many reports (wire copies, reprints,
//! the bench corpus's ten copies of each article); each distinct string is
//! kept once and every report holds a reference-counted handle to it.

use crate::model::Place;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

/// A string shared between reports; serialises as a plain string.
pub type Text = Arc<str>;

/// One copy of every distinct string and place seen while merging.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    strings: FxHashSet<Text>,
    /// Places by name; places of one name rarely differ, so a short scan.
    places: FxHashMap<Text, Vec<Arc<Place>>>,
}

impl Interner {
    pub fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.strings.get(s) {
            return t.clone();
        }
        let t: Text = Arc::from(s);
        self.strings.insert(t.clone());
        t
    }

    /// Re-use the interned copy of a string that may come from elsewhere
    /// (another builder, a graph file).
    pub fn share(&mut self, t: &Text) -> Text {
        if let Some(known) = self.strings.get(&**t) {
            return known.clone();
        }
        self.strings.insert(t.clone());
        t.clone()
    }

    pub fn opt_text(&mut self, s: Option<&str>) -> Option<Text> {
        s.map(|s| self.text(s))
    }

    pub fn texts<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) -> Vec<Text> {
        items.into_iter().map(|s| self.text(s)).collect()
    }

    pub fn place(&mut self, p: &Place) -> Arc<Place> {
        if let Some(same) = self
            .places
            .get(p.name.as_str())
            .and_then(|v| v.iter().find(|q| same_place(q, p)))
        {
            return same.clone();
        }
        let shared = Arc::new(p.clone());
        let name = self.text(&p.name);
        self.places.entry(name).or_default().push(shared.clone());
        shared
    }
}

/// Equal as written out: lat/lon compared by bits, so that NaN-free
/// coordinates that print alike are one place and no others are.
fn same_place(a: &Place, b: &Place) -> bool {
    a.name == b.name
        && a.country == b.country
        && a.lat.map(f64::to_bits) == b.lat.map(f64::to_bits)
        && a.lon.map(f64::to_bits) == b.lon.map(f64::to_bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_and_places_are_stored_once() {
        let mut i = Interner::default();
        let a = i.text("Lavrov met Tillerson.");
        let b = i.text(&String::from("Lavrov met Tillerson."));
        assert!(Arc::ptr_eq(&a, &b));
        let elsewhere: Text = Arc::from("Lavrov met Tillerson.");
        assert!(Arc::ptr_eq(&i.share(&elsewhere), &a));
        let geneva = Place {
            name: "Geneva".into(),
            country: Some("CHE".into()),
            lat: Some(46.2),
            lon: Some(6.15),
        };
        let p = i.place(&geneva);
        assert!(Arc::ptr_eq(&p, &i.place(&geneva.clone())));
        let unplaced = Place {
            lat: None,
            ..geneva.clone()
        };
        assert!(!Arc::ptr_eq(&p, &i.place(&unplaced)));
    }
}
