//! `diplograph lexicon lookup NAME [--date D]`: what a name resolves to, and
//! why — which table and phrase matched, and for titles and people, who held
//! the office on the date.

use super::{Entry, Lexicon};
use crate::text::analyze;
use chrono::NaiveDate;

/// One reading of a name: what it is and the facts behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub kind: &'static str,
    pub what: String,
    pub why: String,
}

impl Lexicon {
    /// Every reading of `name` that covers the whole name (or, for a title
    /// preceded by a country word, "the Russian foreign minister", the
    /// office-holder on `date`).
    pub fn lookup(&self, name: &str, date: Option<NaiveDate>) -> Vec<Reading> {
        let a = analyze(name);
        let n = a.tokens.len();
        let mut out = Vec::new();
        let start = usize::from(n > 1 && a.norm(0) == "the");
        for m in self.matches_at(&a, start) {
            if start + m.len == n {
                out.push(self.reading(m.entry, date));
            }
        }
        if out.is_empty() {
            if let Some(r) = self.title_reading(&a, start, date) {
                out.push(r);
            }
        }
        if out.is_empty() && n == 1 {
            if let Some(p) = self.person_by_surname(a.norm(0), date) {
                out.push(Reading {
                    kind: "person",
                    what: format!("{} ({})", p.name, p.id),
                    why: "surname of a known person (the only one, or the only one in office on the date)".into(),
                });
            }
        }
        out
    }

    fn reading(&self, e: Entry, date: Option<NaiveDate>) -> Reading {
        match e {
            Entry::Country(i) => {
                let c = &self.countries[i as usize];
                Reading {
                    kind: "country",
                    what: format!("{} ({})", c.name, c.iso3),
                    why: "a name of the country (countries.tsv)".into(),
                }
            }
            Entry::Demonym(i) => {
                let c = &self.countries[i as usize];
                Reading {
                    kind: "country",
                    what: format!("{} ({})", c.name, c.iso3),
                    why: "an adjective or demonym (countries.tsv)".into(),
                }
            }
            Entry::Capital(i) => {
                let c = &self.countries[i as usize];
                Reading {
                    kind: "capital",
                    what: format!("{} ({}), capital of {}", c.capital.clone().unwrap_or_default(), c.iso3, c.name),
                    why: "a place; as the subject of a verb, the country's government (countries.tsv)".into(),
                }
            }
            Entry::Org(i) => {
                let o = &self.orgs[i as usize];
                let kind = if o.group { "group" } else { "organization" };
                Reading {
                    kind,
                    what: format!(
                        "{} ({}, country code {})",
                        o.name,
                        o.id,
                        o.code.clone().unwrap_or_default()
                    ),
                    why: "organizations.tsv".into(),
                }
            }
            Entry::Person(i) => {
                let p = &self.people[i as usize];
                let role = p
                    .role_on(date)
                    .map(|r| {
                        format!(
                            "{} of {} ({} to {})",
                            r.title,
                            r.country,
                            r.start,
                            show_end(r.end)
                        )
                    })
                    .unwrap_or_else(|| "no role recorded".into());
                Reading {
                    kind: "person",
                    what: format!("{} ({})", p.name, p.id),
                    why: format!("people/*.tsv; on the date: {role}"),
                }
            }
            Entry::Place(i) => {
                let p = &self.places[i as usize];
                let at = match (p.lat, p.lon) {
                    (Some(lat), Some(lon)) => format!(" at {lat}, {lon}"),
                    _ => String::new(),
                };
                Reading {
                    kind: "place",
                    what: format!("{} ({}){at}", p.name, p.country.clone().unwrap_or_default()),
                    why: format!("places.tsv, {}", p.kind),
                }
            }
            Entry::Title(i) => {
                let t = &self.titles[i as usize];
                Reading {
                    kind: "title",
                    what: format!("{} (role {})", t.display, t.role),
                    why: "titles.tsv; add a country for the office-holder".into(),
                }
            }
            Entry::Trigger(i) => {
                let t = &self.triggers[i as usize];
                Reading {
                    kind: "trigger",
                    what: format!("{} ({}, CAMEO {})", t.lemma, t.kind, t.cameo),
                    why: format!("triggers.tsv, {:?}", t.form),
                }
            }
            Entry::Cue(i) => {
                let c = &self.cues[i as usize];
                Reading {
                    kind: "cue",
                    what: format!("{:?}", c.effect),
                    why: format!("cues.tsv, scope {:?}", c.scope),
                }
            }
            Entry::Media(i) => Reading {
                kind: "media",
                what: self.media[i as usize].name.clone(),
                why: "media.tsv: credited as reported_by, never an actor".into(),
            },
            Entry::Metonym(i) => Reading {
                kind: "metonym",
                what: self.metonyms[i as usize].refers_to.clone(),
                why: "metonyms.tsv".into(),
            },
            Entry::Institution(i) => Reading {
                kind: "institution",
                what: self.institutions[i as usize]
                    .name
                    .clone()
                    .unwrap_or_else(|| "the state itself".into()),
                why: "institutions.tsv: after a country word".into(),
            },
        }
    }

    /// "Russian foreign minister", "U.S. Secretary of State": a country word
    /// then a title, resolved to the office-holder on `date`.
    fn title_reading(
        &self,
        a: &crate::text::Analysis,
        start: usize,
        date: Option<NaiveDate>,
    ) -> Option<Reading> {
        let n = a.tokens.len();
        let (country, clen) =
            self.matches_at(a, start)
                .into_iter()
                .find_map(|m| match m.entry {
                    Entry::Country(c) | Entry::Demonym(c) => {
                        Some((self.countries[c as usize].iso3.clone(), m.len))
                    }
                    _ => None,
                })?;
        let mut j = start + clen;
        if j < n && a.norm(j) == "'s" {
            j += 1;
        }
        let title = self
            .matches_at(a, j)
            .into_iter()
            .find_map(|m| match m.entry {
                Entry::Title(t) if j + m.len == n => Some(&self.titles[t as usize]),
                _ => None,
            })?;
        let holder = date.and_then(|d| self.role_holder(&country, &title.role, d));
        let what = match (holder, date) {
            (Some(p), _) => format!("{} ({})", p.name, p.id),
            (None, Some(_)) => format!(
                "{} of {} (no holder recorded on the date)",
                title.display, country
            ),
            (None, None) => format!(
                "{} of {} (give --date to name the holder)",
                title.display, country
            ),
        };
        Some(Reading {
            kind: "person",
            what,
            why: format!(
                "title {} ({}) of {} on the date (people/*.tsv)",
                title.display, title.role, country
            ),
        })
    }
}

fn show_end(d: NaiveDate) -> String {
    if d == NaiveDate::MAX {
        "now".into()
    } else {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_names_and_places_explain_themselves() {
        let lex = Lexicon::embedded().unwrap();
        let d = NaiveDate::from_ymd_opt(2017, 4, 12);
        let r = lex.lookup("the U.S. Secretary of State", d);
        assert!(r[0].what.starts_with("Rex Tillerson"), "{r:?}");
        let r = lex.lookup("Sergei Lavrov", d);
        assert_eq!(r[0].kind, "person");
        assert!(r[0].why.contains("Foreign Minister"), "{r:?}");
        let r = lex.lookup("Kiev", None);
        assert!(r.iter().any(|x| x.what.starts_with("Kyiv")), "{r:?}");
        assert!(lex.lookup("Nowhereland", None).is_empty());
    }
}
