//! The lexicon: everything diplograph knows about the world, read from plain
//! TSV files under `data/lexicon/` (embedded in the binary) and optionally
//! from the user's own folders in the same layout (`--lexicon DIR`).
//!
//! One way in: [`Lexicon::embedded`] or [`Lexicon::load`]. Look-ups by phrase
//! go through [`Lexicon::matches_at`]; people by role and date through
//! [`Lexicon::role_holder`].

mod files;
mod index;
mod lookup;

use crate::text::normalize_phrase;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

pub use files::{LexiconError, FILES};
use index::PhraseIndex;
pub use index::{Entry, Match, TokenMatches};
pub use lookup::Reading;

#[derive(Debug, Clone)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    pub capital: Option<String>,
    pub capital_lat: Option<f64>,
    pub capital_lon: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub id: String,
    pub code: Option<String>,
    pub group: bool,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub country: String,
    pub role: String,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub female: Option<bool>,
    pub roles: Vec<Role>,
}

impl Person {
    /// The role held on `date`, else the latest role before it, else the first.
    pub fn role_on(&self, date: Option<NaiveDate>) -> Option<&Role> {
        let d = date?;
        self.roles
            .iter()
            .find(|r| r.start <= d && d <= r.end)
            .or_else(|| {
                self.roles
                    .iter()
                    .filter(|r| r.start <= d)
                    .max_by_key(|r| r.start)
            })
            .or_else(|| self.roles.first())
    }

    pub fn country_on(&self, date: Option<NaiveDate>) -> Option<&str> {
        self.role_on(date)
            .or_else(|| self.roles.first())
            .map(|r| r.country.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct PlaceEntry {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub kind: String,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub role: String,
    pub default_country: Option<String>,
    pub display: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    Third,
    Past,
    Participle,
    Gerund,
    Noun,
    /// Not a trigger: a weapon that makes "launch"/"fire" a strike.
    Weapon,
}

/// What a trigger needs around it to code an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requires {
    Nothing,
    /// An actor or place as its object ("hit X").
    Object,
    /// A weapon or strike noun after it ("launched missiles").
    Weapon,
    /// A promise or readiness before it ("will support", "ready to send").
    Intent,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub kind: crate::model::EventKind,
    pub cameo: String,
    pub lemma: String,
    pub form: VerbForm,
    pub requires: Requires,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueEffect {
    Possible,
    Planned,
    Negated,
    Speculation,
    Condition,
    Prevent,
    Realized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueScope {
    Verb,
    Clause,
    Sentence,
}

#[derive(Debug, Clone)]
pub struct Cue {
    pub effect: CueEffect,
    pub scope: CueScope,
}

#[derive(Debug, Clone)]
pub struct Media {
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Metonym {
    /// An ISO3 (the state's government) or an organisation id.
    pub refers_to: String,
}

#[derive(Debug, Clone)]
pub struct Institution {
    /// `None`: the country itself acts ("Russian forces"); `Some(name)`: a
    /// national institution ("Ministry of Foreign Affairs").
    pub name: Option<String>,
    /// A group of people ("protesters", "police"): after a country word the
    /// country's group ("Georgian demonstrators"), alone a group nobody
    /// identified.
    pub group: bool,
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub countries: Vec<Country>,
    pub orgs: Vec<Org>,
    pub people: Vec<Person>,
    pub places: Vec<PlaceEntry>,
    pub titles: Vec<Title>,
    pub triggers: Vec<Trigger>,
    pub cues: Vec<Cue>,
    pub media: Vec<Media>,
    pub metonyms: Vec<Metonym>,
    pub institutions: Vec<Institution>,
    index: PhraseIndex,
    country_by_code: FxHashMap<String, usize>,
    org_by_id: FxHashMap<String, usize>,
    person_by_id: FxHashMap<String, usize>,
    /// Folded surname -> people with that surname.
    surnames: FxHashMap<String, Vec<usize>>,
    /// Folded first names of known people, to spot names nobody listed.
    given_names: rustc_hash::FxHashSet<String>,
    /// (country, role) -> people who held it, with their terms.
    holders: FxHashMap<(String, String), Vec<Term>>,
}

/// A person's term in an office: (person index, start, end).
type Term = (usize, NaiveDate, NaiveDate);

/// Counts shown by `diplograph lexicon stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub countries: usize,
    pub organizations: usize,
    pub people: usize,
    pub person_roles: usize,
    pub places: usize,
    pub places_with_coordinates: usize,
    pub titles: usize,
    pub trigger_forms: usize,
    pub media: usize,
}

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::load(&[])
    }

    /// The embedded lexicon extended, in order, by the user's folders. A
    /// malformed line in any file is an error naming the file and line.
    pub fn load(overlays: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut raw = files::RawLexicon::default();
        files::read_embedded(&mut raw)?;
        for dir in overlays {
            files::read_dir(dir, &mut raw)?;
        }
        Ok(Lexicon::build(raw))
    }

    /// Validate a user folder on its own (`diplograph lexicon check`).
    pub fn check_dir(dir: &Path) -> Result<usize, LexiconError> {
        let mut raw = files::RawLexicon::default();
        files::read_dir(dir, &mut raw)
    }

    fn build(raw: files::RawLexicon) -> Lexicon {
        let mut lex = Lexicon::default();
        raw.install(&mut lex);
        lex.index_lookups();
        lex
    }

    fn add_phrase(&mut self, phrase: &str, entry: Entry, cased: bool) {
        let key = normalize_phrase(phrase);
        if !key.is_empty() {
            self.index.insert(key, entry, cased);
        }
    }

    fn index_lookups(&mut self) {
        for (i, c) in self.countries.iter().enumerate() {
            self.country_by_code.insert(c.iso3.clone(), i);
        }
        for (i, o) in self.orgs.iter().enumerate() {
            self.org_by_id.insert(o.id.clone(), i);
        }
        for (i, p) in self.people.iter().enumerate() {
            self.person_by_id.insert(p.id.clone(), i);
            let country = p.roles.first().map(|r| r.country.as_str());
            for s in surname_keys(&p.name, country) {
                self.surnames.entry(s).or_default().push(i);
            }
            let toks = normalize_phrase(&p.name);
            if toks.len() >= 2 && toks[0].len() >= 2 {
                self.given_names.insert(toks[0].clone());
            }
            for r in &p.roles {
                self.holders
                    .entry((r.country.clone(), r.role.clone()))
                    .or_default()
                    .push((i, r.start, r.end));
            }
        }
        self.index.finish();
    }

    /// Every dictionary entry whose phrase starts at token `i`, longest first.
    pub fn matches_at(&self, a: &crate::text::Analysis, i: usize) -> Vec<Match> {
        self.index.matches_at(a, i)
    }

    /// The dictionary matches at every token of `a`, found once.
    pub fn token_matches(&self, a: &crate::text::Analysis) -> TokenMatches {
        self.index.token_matches(a)
    }

    /// Is this folded word the first name of someone the lexicon knows?
    pub fn is_given_name(&self, folded: &str) -> bool {
        self.given_names.contains(folded)
    }

    /// Index of a country in `countries`, by ISO3.
    pub fn country_index(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }

    /// Index of an organisation in `orgs`, by id.
    pub fn org_index(&self, id: &str) -> Option<usize> {
        self.org_by_id.get(id).copied()
    }

    /// Index of a person in `people`, by id.
    pub fn person_index(&self, id: &str) -> Option<usize> {
        self.person_by_id.get(id).copied()
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&i| &self.countries[i])
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.org_by_id.get(id).map(|&i| &self.orgs[i])
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.person_by_id.get(id).map(|&i| &self.people[i])
    }

    /// Who held `role` in `country` on `date` (the latest-starting holder if
    /// terms overlap, as with a hand-over day).
    pub fn role_holder(&self, country: &str, role: &str, date: NaiveDate) -> Option<&Person> {
        let holders = self.holders.get(&(country.to_string(), role.to_string()))?;
        holders
            .iter()
            .filter(|(_, s, e)| *s <= date && date <= *e)
            .max_by_key(|(_, s, _)| *s)
            .map(|(i, _, _)| &self.people[*i])
    }

    /// A known person referred to by surname alone: the only one with that
    /// surname, or the only one of them in office on `date`.
    pub fn person_by_surname(&self, surname: &str, date: Option<NaiveDate>) -> Option<&Person> {
        let ids = self.surnames.get(surname)?;
        if ids.len() == 1 {
            return Some(&self.people[ids[0]]);
        }
        let d = date?;
        let mut active = ids.iter().filter(|&&i| {
            self.people[i]
                .roles
                .iter()
                .any(|r| r.start <= d && d <= r.end)
        });
        let first = active.next()?;
        active.next().is_none().then(|| &self.people[*first])
    }

    pub fn stats(&self) -> Stats {
        Stats {
            countries: self.countries.len(),
            organizations: self.orgs.len(),
            people: self.people.len(),
            person_roles: self.people.iter().map(|p| p.roles.len()).sum(),
            places: self.places.len(),
            places_with_coordinates: self
                .places
                .iter()
                .filter(|p| p.lat.is_some() && p.lon.is_some())
                .count(),
            titles: self.titles.len(),
            trigger_forms: self.triggers.len(),
            media: self.media.len(),
        }
    }
}

/// States whose names put the family name first ("Xi Jinping", "Kim Jong Un").
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "TWN", "PRK", "KOR", "SGP", "HKG", "MAC"];

/// Words that are never a surname on their own, though they end names
/// ("Moon Jae-in") or start sentences.
const NOT_SURNAMES: &[&str] = &[
    "in", "on", "at", "of", "the", "and", "to", "a", "an", "he", "she", "it", "i", "we", "they",
    "no", "us", "is", "as", "or", "by", "for", "but", "if", "so", "do", "be", "my", "me", "up",
    "jr", "sr", "ii", "iii", "iv", "v", "vi",
];

/// Folded names a person is called by alone: the family name (first for
/// East Asian names, else last), never a function word or numeral.
pub fn surname_keys(name: &str, country: Option<&str>) -> Vec<String> {
    let toks: Vec<String> = normalize_phrase(name)
        .into_iter()
        .filter(|t| t.chars().all(|c| c.is_alphanumeric() || c == '\''))
        .collect();
    let mut out = Vec::new();
    if toks.len() >= 2 && country.is_some_and(|c| FAMILY_NAME_FIRST.contains(&c)) {
        out.push(toks[0].clone());
    }
    if toks.len() >= 2 || out.is_empty() {
        if let Some(last) = toks
            .iter()
            .rev()
            .find(|t| !NOT_SURNAMES.contains(&t.as_str()))
        {
            out.push(last.clone());
        }
    }
    out.retain(|t| t.len() >= 2 && !NOT_SURNAMES.contains(&t.as_str()));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    fn lex() -> &'static Lexicon {
        use std::sync::OnceLock;
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::embedded().expect("embedded lexicon loads"))
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn embedded_lexicon_covers_every_country() {
        let s = lex().stats();
        assert!(s.countries >= 249, "{s:?}");
        assert!(lex().country("RUS").is_some());
    }

    #[test]
    fn titles_resolve_by_date() {
        let l = lex();
        let at = |c: &str, r: &str, date| l.role_holder(c, r, date).map(|p| p.name.as_str());
        assert_eq!(
            at("USA", "foreign_minister", d(2017, 4, 12)),
            Some("Rex Tillerson")
        );
        assert_eq!(
            at("USA", "foreign_minister", d(2023, 6, 18)),
            Some("Antony Blinken")
        );
        assert_eq!(
            at("RUS", "foreign_minister", d(2017, 4, 12)),
            Some("Sergey Lavrov")
        );
        assert_eq!(
            at("RUS", "president", d(2009, 1, 1)),
            Some("Dmitry Medvedev")
        );
    }

    #[test]
    fn phrases_match_case_and_diacritics_insensitively_where_allowed() {
        let l = lex();
        let a = analyze("the U.S. and us met in Kiev");
        let us = l.matches_at(&a, 1);
        assert!(us.iter().any(|m| matches!(m.entry, Entry::Country(_))));
        let pronoun = l.matches_at(&a, 3);
        assert!(!pronoun.iter().any(|m| matches!(m.entry, Entry::Country(_))));
    }
}
