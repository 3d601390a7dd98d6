//! From a name the user typed to the actors of the graph it means, the way
//! the lexicon reads names in articles: full names, surnames, aliases,
//! countries, organisations and metonyms ("the Kremlin"), all compared in
//! folded form (case and diacritics ignored).
//!
//! A country stands for itself and, unless `exact`, for everyone whose
//! `country` it is: "Russia" met whomever Putin or Lavrov met.

use super::QueryError;
use crate::graph::{ActorNode, EventGraph};
use crate::lexicon::{surname_keys, Entry, Lexicon};
use crate::model::ActorType;
use crate::text::{analyze, normalize_phrase};
use std::collections::{BTreeMap, BTreeSet};

/// The actors a name stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorSet {
    /// What to call the set in output: the actor's or country's name.
    pub label: String,
    pub ids: BTreeSet<String>,
}

impl ActorSet {
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// What a name resolved to before it is turned into graph actors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Actor(String),
    /// An ISO3 or an organisation code: the state (or body) and its people.
    Code(String),
}

/// Look-up tables over the graph's actors, built once per loaded graph.
pub struct Resolver<'g> {
    graph: &'g EventGraph,
    lex: &'g Lexicon,
    /// Folded full name -> actor ids.
    by_name: BTreeMap<String, Vec<&'g str>>,
    /// Folded surname -> actor ids (people only).
    by_surname: BTreeMap<String, Vec<&'g str>>,
    /// Country or organisation code -> actor ids.
    by_code: BTreeMap<&'g str, Vec<&'g str>>,
}

impl<'g> Resolver<'g> {
    pub fn new(graph: &'g EventGraph, lex: &'g Lexicon) -> Resolver<'g> {
        let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        let mut by_surname: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        let mut by_code: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for a in &graph.data.actors {
            by_name.entry(fold(&a.name)).or_default().push(&a.id);
            if a.actor_type == ActorType::Person {
                for s in surname_keys(&a.name, a.country.as_deref()) {
                    by_surname.entry(s).or_default().push(&a.id);
                }
            }
            if let Some(c) = &a.country {
                by_code.entry(c).or_default().push(&a.id);
            }
        }
        Resolver {
            graph,
            lex,
            by_name,
            by_surname,
            by_code,
        }
    }

    /// The actors `name` stands for; with `exact`, a country is only the
    /// state itself, not its officials.
    pub fn resolve(&self, name: &str, exact: bool) -> Result<ActorSet, QueryError> {
        let folded = fold(name);
        if folded.is_empty() {
            return Err(self.unknown(name));
        }
        let targets = self.targets(name, &folded);
        match targets.len() {
            0 => Err(self.unknown(name)),
            1 => self.actor_set(name, &targets[0], exact),
            _ => Err(QueryError::Ambiguous {
                name: name.to_string(),
                candidates: targets.iter().map(|t| self.describe(t)).collect(),
            }),
        }
    }

    /// An ISO3 or organisation code for a country filter: the code itself
    /// ("RUS", "nato") or a country's name, alias or adjective.
    pub fn country_code(&self, name: &str) -> Result<String, QueryError> {
        let upper = name.trim().to_ascii_uppercase();
        if self.lex.country(&upper).is_some() || self.by_code.contains_key(upper.as_str()) {
            return Ok(upper);
        }
        let codes: BTreeSet<String> = self
            .lexicon_targets(name)
            .into_iter()
            .filter_map(|t| match t {
                Target::Code(c) => Some(c),
                Target::Actor(_) => None,
            })
            .collect();
        let mut it = codes.into_iter();
        match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(QueryError::UnknownCountry(name.to_string())),
        }
    }

    /// Candidate meanings, most specific rule first: an id, a full name in
    /// the graph, a lexicon phrase, then a surname.
    fn targets(&self, name: &str, folded: &str) -> Vec<Target> {
        if self.graph.actor(name.trim()).is_some() {
            return vec![Target::Actor(name.trim().to_string())];
        }
        if let Some(ids) = self.by_name.get(folded) {
            return ids.iter().map(|id| Target::Actor(id.to_string())).collect();
        }
        let from_lexicon = self.lexicon_targets(name);
        if !from_lexicon.is_empty() {
            return from_lexicon;
        }
        self.surname_targets(folded)
    }

    /// Lexicon entries whose phrase is the whole name (as typed, then with
    /// capitals, since the lexicon wants "US" but users type "us").
    fn lexicon_targets(&self, name: &str) -> Vec<Target> {
        for text in [name.trim().to_string(), capitalized(name)] {
            let found = self.whole_phrase_targets(&text);
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    fn whole_phrase_targets(&self, text: &str) -> Vec<Target> {
        let a = analyze(text);
        let n = a.tokens.len();
        // "the Kremlin" is listed with its article, "the United States" not
        let starts = if n > 1 && a.norm(0) == "the" {
            vec![0, 1]
        } else {
            vec![0]
        };
        let mut out: BTreeSet<Target> = BTreeSet::new();
        for start in starts {
            for m in self.lex.matches_at(&a, start) {
                if start + m.len == n {
                    out.extend(self.entry_target(m.entry));
                }
            }
        }
        out.into_iter().collect()
    }

    fn entry_target(&self, e: Entry) -> Option<Target> {
        let lex = self.lex;
        match e {
            Entry::Country(i) | Entry::Demonym(i) => lex
                .countries
                .get(i as usize)
                .map(|c| Target::Code(c.iso3.clone())),
            Entry::Person(i) => lex
                .people
                .get(i as usize)
                .map(|p| Target::Actor(p.id.clone())),
            Entry::Org(i) => lex.orgs.get(i as usize).map(|o| self.org_target(o)),
            Entry::Metonym(i) => {
                let to = &lex.metonyms.get(i as usize)?.refers_to;
                match lex.org(to) {
                    Some(o) => Some(self.org_target(o)),
                    None => Some(Target::Code(to.clone())),
                }
            }
            _ => None,
        }
    }

    /// An organisation with a code of its own (NATO, UNO) stands, like a
    /// country, for its officials too; an armed group's code is its state's,
    /// so it stands for itself only.
    fn org_target(&self, o: &crate::lexicon::Org) -> Target {
        match &o.code {
            Some(code) if !o.group && self.lex.country(code).is_none() => {
                Target::Code(code.clone())
            }
            _ => Target::Actor(o.id.clone()),
        }
    }

    fn surname_targets(&self, folded: &str) -> Vec<Target> {
        if let Some(ids) = self.by_surname.get(folded) {
            return ids.iter().map(|id| Target::Actor(id.to_string())).collect();
        }
        self.lex
            .person_by_surname(folded, None)
            .map(|p| vec![Target::Actor(p.id.clone())])
            .unwrap_or_default()
    }

    fn actor_set(&self, name: &str, t: &Target, exact: bool) -> Result<ActorSet, QueryError> {
        match t {
            Target::Actor(id) => {
                let a = self
                    .graph
                    .actor(id)
                    .ok_or_else(|| self.not_in_graph(name))?;
                match &a.country {
                    Some(code) if !exact && self.stands_for_members(a, code) => {
                        let mut set = self.code_set(&a.name, code);
                        set.ids.insert(a.id.clone());
                        Ok(set)
                    }
                    _ => Ok(ActorSet {
                        label: a.name.clone(),
                        ids: BTreeSet::from([a.id.clone()]),
                    }),
                }
            }
            Target::Code(code) => {
                let label = self.code_label(code);
                let set = if exact {
                    ActorSet {
                        label,
                        ids: self
                            .members(code)
                            .filter(|a| a.actor_type != ActorType::Person)
                            .filter(|a| fold(&a.name) == fold(&self.code_label(code)))
                            .map(|a| a.id.clone())
                            .collect(),
                    }
                } else {
                    self.code_set(&label, code)
                };
                if set.ids.is_empty() {
                    return Err(self.not_in_graph(name));
                }
                Ok(set)
            }
        }
    }

    /// A state's own actor stands for its officials; so does a body with a
    /// code of its own (NATO), but not a national institution ("Ministry of
    /// Foreign Affairs (Russia)"), whose code is its state's.
    fn stands_for_members(&self, a: &ActorNode, code: &str) -> bool {
        match a.actor_type {
            ActorType::Country => true,
            ActorType::Organization => self.lex.country(code).is_none(),
            ActorType::Person | ActorType::Group => false,
        }
    }

    fn code_set(&self, label: &str, code: &str) -> ActorSet {
        ActorSet {
            label: label.to_string(),
            ids: self.members(code).map(|a| a.id.clone()).collect(),
        }
    }

    fn members<'a>(&'a self, code: &str) -> impl Iterator<Item = &'g ActorNode> + 'a {
        self.by_code
            .get(code)
            .into_iter()
            .flatten()
            .filter_map(|id| self.graph.actor(id))
    }

    fn code_label(&self, code: &str) -> String {
        if let Some(c) = self.lex.country(code) {
            return c.name.clone();
        }
        self.lex
            .orgs
            .iter()
            .find(|o| o.code.as_deref() == Some(code) && !o.group)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| code.to_string())
    }

    fn describe(&self, t: &Target) -> String {
        match t {
            Target::Actor(id) => match self.graph.actor(id) {
                Some(a) => {
                    let mut about = vec![a.id.clone(), a.actor_type.as_str().to_string()];
                    about.extend(a.country.clone());
                    about.extend(a.role.clone());
                    format!("{} ({})", a.name, about.join(", "))
                }
                None => format!("{id} (not in this graph)"),
            },
            Target::Code(code) => format!("{} ({code})", self.code_label(code)),
        }
    }

    fn not_in_graph(&self, name: &str) -> QueryError {
        QueryError::UnknownActor {
            name: name.to_string(),
            known_elsewhere: true,
            suggestions: Vec::new(),
        }
    }

    fn unknown(&self, name: &str) -> QueryError {
        QueryError::UnknownActor {
            name: name.to_string(),
            known_elsewhere: false,
            suggestions: self.closest_names(&fold(name)),
        }
    }

    /// Up to five actor names nearest the typed one by edit distance, on
    /// full names and on surnames ("Lavorv" -> Sergey Lavrov).
    fn closest_names(&self, folded: &str) -> Vec<String> {
        let mut scored: Vec<(usize, &str)> = Vec::new();
        let keys = self
            .by_name
            .iter()
            .chain(self.by_surname.iter())
            .flat_map(|(k, ids)| ids.iter().map(move |id| (k, *id)));
        for (key, id) in keys {
            let d = edit_distance(folded, key);
            if d <= (folded.chars().count() / 3).max(2) {
                scored.push((d, id));
            }
        }
        scored.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, id) in scored {
            let Some(a) = self.graph.actor(id) else {
                continue;
            };
            if !names.contains(&a.name) {
                names.push(a.name.clone());
            }
        }
        names.truncate(5);
        names
    }
}

/// Folded form for comparisons: "Recep Tayyip Erdoğan" and "recep tayyip
/// erdogan" are one key.
pub fn fold(s: &str) -> String {
    normalize_phrase(s)
        .into_iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalized(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let subst = prev[j] + usize::from(ca != cb);
            cur[j + 1] = subst.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::tests::fixture;

    fn ids(s: &ActorSet) -> Vec<&str> {
        s.ids.iter().map(String::as_str).collect()
    }

    #[test]
    fn names_resolve_by_full_name_surname_alias_and_id_ignoring_case_and_accents() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let r = Resolver::new(&g, &lex);
        for name in [
            "Recep Tayyip Erdoğan",
            "recep tayyip erdogan",
            "ERDOGAN",
            "Erdoğan",
            "recep-tayyip-erdogan",
        ] {
            let s = r.resolve(name, false).unwrap();
            assert_eq!(ids(&s), ["recep-tayyip-erdogan"], "{name}");
        }
        // an alias the lexicon lists: "Sergei Lavrov"
        assert_eq!(
            ids(&r.resolve("Sergei Lavrov", false).unwrap()),
            ["sergey-lavrov"]
        );
    }

    #[test]
    fn a_country_includes_its_officials_unless_exact() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let r = Resolver::new(&g, &lex);
        let russia = r.resolve("russia", false).unwrap();
        assert_eq!(russia.label, "Russia");
        assert_eq!(ids(&russia), ["russia", "sergey-lavrov"]);
        assert_eq!(ids(&r.resolve("Russia", true).unwrap()), ["russia"]);
        // "U.S." and "us" are the United States through the lexicon
        assert_eq!(
            ids(&r.resolve("U.S.", false).unwrap()),
            ["rex-tillerson", "united-states"]
        );
        assert_eq!(ids(&r.resolve("us", true).unwrap()), ["united-states"]);
        // Turkey has no actor of its own here, only its president
        assert_eq!(
            ids(&r.resolve("Turkey", false).unwrap()),
            ["recep-tayyip-erdogan"]
        );
        assert!(r.resolve("Turkey", true).is_err());
    }

    #[test]
    fn an_ambiguous_surname_lists_the_candidates() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let r = Resolver::new(&g, &lex);
        match r.resolve("Kim", false) {
            Err(QueryError::Ambiguous { candidates, .. }) => {
                assert_eq!(candidates.len(), 2, "{candidates:?}");
                assert!(candidates[0].starts_with("Kim Jong Un (kim-jong-un"));
                assert!(candidates[1].starts_with("Vitaliy Kim (vitaliy-kim"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_name_suggests_the_closest() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let r = Resolver::new(&g, &lex);
        match r.resolve("Lavorv", false) {
            Err(QueryError::UnknownActor { suggestions, .. }) => {
                assert_eq!(suggestions, ["Sergey Lavrov"]);
            }
            other => panic!("{other:?}"),
        }
        match r.resolve("Dmitry Medvedev", false) {
            Err(QueryError::UnknownActor {
                known_elsewhere, ..
            }) => assert!(known_elsewhere),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn country_filters_take_codes_names_and_adjectives() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let r = Resolver::new(&g, &lex);
        assert_eq!(r.country_code("rus").unwrap(), "RUS");
        assert_eq!(r.country_code("Russian").unwrap(), "RUS");
        assert_eq!(r.country_code("United States").unwrap(), "USA");
        assert!(r.country_code("Atlantis").is_err());
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("lavrov", "lavorv"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("putin", "putin"), 0);
    }
}
