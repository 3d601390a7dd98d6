//! Questions asked of a finished graph: who met whom, when, where, what
//! linked two actors, and how they are connected.
//!
//! One way in: build an [`Engine`] once per loaded graph (it indexes actor
//! names), then [`Engine::run`] a [`Query`] under [`Filters`]; the answer is
//! a [`Table`] to print in any [`Format`].
//!
//! By default only asserted events answer, as in the actor network: "may
//! meet" never answers "whom did X meet".

mod answers;
mod filter;
mod paths;
mod resolve;
mod table;

use crate::graph::EventGraph;
use crate::lexicon::Lexicon;
use crate::model::ActorType;
use crate::pipeline::{self, PipelineError, RunOptions};
use std::collections::BTreeSet;

pub use answers::ActorFilter;
pub use filter::{parse_period, show_date, Filters};
pub use resolve::{fold, ActorSet, Resolver};
pub use table::{Cell, Column, Format, Table};

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Everyone ACTOR met, with counts, first and last dates, places.
    Met { actor: String },
    /// Every event linking A and B, in time order, with evidence.
    Between { a: String, b: String },
    /// Every event involving ACTOR, in time order.
    Timeline { actor: String },
    /// Every event the filters keep.
    Events,
    /// Actors at most `depth` events away from ACTOR.
    Neighbors { actor: String, depth: usize },
    /// The shortest chain of events joining A and B.
    Path { a: String, b: String },
    /// Actors with their event counts per kind.
    Actors {
        /// An ISO3 or organisation code, or a country's name.
        country: Option<String>,
        actor_type: Option<ActorType>,
    },
}

/// Everything a query can be asked with besides the question.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryOptions {
    pub filters: Filters,
    /// A country is the state only, not its officials.
    pub exact: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(
        "{name:?} is ambiguous; it could be:{}\ngive the full name or the id",
        bullet(candidates)
    )]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("{}", unknown_actor(name, *known_elsewhere, suggestions))]
    UnknownActor {
        name: String,
        /// The lexicon knows the name, but no event of this graph has it.
        known_elsewhere: bool,
        suggestions: Vec<String>,
    },
    #[error("no place {name:?} in the graph{}", did_you_mean(suggestions))]
    UnknownPlace {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("unknown country {0:?}: give an ISO3 code (RUS) or a country name")]
    UnknownCountry(String),
    #[error("bad date {0:?}: use YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    #[error("no chain of {filters}events joins {a} and {b}")]
    NoPath {
        a: String,
        b: String,
        /// "" or a hint that filters were in force.
        filters: String,
    },
}

impl QueryError {
    /// Exit status for the command line: 2 for a question that needs to be
    /// asked again more precisely (an ambiguous name, a malformed date), 1
    /// for one that has no answer.
    pub fn exit_code(&self) -> u8 {
        match self {
            QueryError::Ambiguous { .. } | QueryError::BadDate(_) => 2,
            _ => 1,
        }
    }
}

fn bullet(items: &[String]) -> String {
    items.iter().map(|c| format!("\n  {c}")).collect()
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

fn unknown_actor(name: &str, known_elsewhere: bool, suggestions: &[String]) -> String {
    if known_elsewhere {
        format!("{name:?} is in no event of this graph")
    } else {
        format!(
            "no actor {name:?} in the graph{}",
            did_you_mean(suggestions)
        )
    }
}

/// A loaded graph ready for questions.
pub struct Engine<'g> {
    graph: &'g EventGraph,
    resolver: Resolver<'g>,
}

impl<'g> Engine<'g> {
    pub fn new(graph: &'g EventGraph, lex: &'g Lexicon) -> Engine<'g> {
        Engine {
            graph,
            resolver: Resolver::new(graph, lex),
        }
    }

    /// The actors a typed name stands for.
    pub fn resolve(&self, name: &str, exact: bool) -> Result<ActorSet, QueryError> {
        self.resolver.resolve(name, exact)
    }

    pub fn run(&self, q: &Query, o: &QueryOptions) -> Result<Table, QueryError> {
        let g = self.graph;
        let places = match &o.filters.place {
            Some(p) => Some(self.place_ids(p)?),
            None => None,
        };
        let f = filter::event_filter(&o.filters, places);
        let who = |name: &str| self.resolve(name, o.exact);
        Ok(match q {
            Query::Met { actor } => answers::met(g, &f, &who(actor)?),
            Query::Between { a, b } => answers::between(g, &f, &who(a)?, &who(b)?),
            Query::Timeline { actor } => answers::timeline(g, &f, &who(actor)?),
            Query::Events => answers::events(g, &f),
            Query::Neighbors { actor, depth } => paths::neighbors(g, &f, &who(actor)?, *depth),
            Query::Path { a, b } => {
                let (sa, sb) = (who(a)?, who(b)?);
                paths::path(g, &f, &sa, &sb).ok_or_else(|| QueryError::NoPath {
                    a: sa.label.clone(),
                    b: sb.label.clone(),
                    filters: if o.filters == Filters::default() {
                        "asserted ".to_string()
                    } else {
                        "kept ".to_string()
                    },
                })?
            }
            Query::Actors {
                country,
                actor_type,
            } => {
                let which = ActorFilter {
                    country: match country {
                        Some(c) => Some(self.resolver.country_code(c)?),
                        None => None,
                    },
                    actor_type: *actor_type,
                };
                answers::actors(g, &f, &which)
            }
        })
    }

    /// Place ids for `--place`: a place's name or id, else every place in a
    /// country ("--place Turkey").
    fn place_ids(&self, name: &str) -> Result<BTreeSet<String>, QueryError> {
        let places = &self.graph.data.places;
        let folded = fold(name);
        let by_name: BTreeSet<String> = places
            .iter()
            .filter(|p| p.id == name.trim() || fold(&p.name) == folded)
            .map(|p| p.id.clone())
            .collect();
        if !by_name.is_empty() {
            return Ok(by_name);
        }
        if let Ok(code) = self.resolver.country_code(name) {
            let in_country: BTreeSet<String> = places
                .iter()
                .filter(|p| p.country.as_deref() == Some(code.as_str()))
                .map(|p| p.id.clone())
                .collect();
            if !in_country.is_empty() {
                return Ok(in_country);
            }
        }
        let mut near: Vec<(usize, &str)> = places
            .iter()
            .map(|p| {
                (
                    resolve::edit_distance(&folded, &fold(&p.name)),
                    p.name.as_str(),
                )
            })
            .filter(|(d, _)| *d <= (folded.len() / 3).max(2))
            .collect();
        near.sort();
        Err(QueryError::UnknownPlace {
            name: name.to_string(),
            suggestions: near
                .into_iter()
                .take(5)
                .map(|(_, n)| n.to_string())
                .collect(),
        })
    }
}

/// A graph built from articles in memory, for `query INPUT...` (nothing is
/// written).
pub fn graph_from_inputs(
    opts: &RunOptions,
    lex: &Lexicon,
    log: &mut dyn FnMut(&str),
) -> Result<EventGraph, PipelineError> {
    pipeline::build_graph(opts, lex, crate::graph::MergeOptions::default(), log).map(|(g, _)| g)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Actor, DateSpan, Event, EventKind, Extraction, Factuality, Place};
    use chrono::NaiveDate;

    fn actor(id: &str, name: &str, t: ActorType, country: Option<&str>) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            actor_type: t,
            country: country.map(str::to_string),
            role: None,
            mentions: vec![],
        }
    }

    fn place(name: &str, country: &str) -> Option<Place> {
        Some(Place {
            name: name.into(),
            country: Some(country.into()),
            lat: Some(1.0),
            lon: Some(1.0),
        })
    }

    struct Ev<'a> {
        kind: EventKind,
        day: Option<(i32, u32, u32)>,
        fact: Factuality,
        source: &'a str,
        target: &'a str,
        place: Option<Place>,
        sentence: &'a str,
    }

    fn event(doc: &str, n: usize, e: Ev) -> Event {
        Event {
            id: format!("{doc}#{n}"),
            kind: e.kind,
            source: Some(e.source.into()),
            target: Some(e.target.into()),
            participants: vec![e.source.into(), e.target.into()],
            place: e.place,
            date: e
                .day
                .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .map(DateSpan::day),
            factuality: e.fact,
            trigger: "t".into(),
            sentence: e.sentence.into(),
            span: [0, e.sentence.len()],
            reported_by: vec![],
            cameo: None,
        }
    }

    /// A small graph: the U.S. strike on Syria, Russia's statement on it,
    /// two Tillerson–Lavrov meetings, a planned Tillerson–Erdoğan meeting,
    /// and a possible statement linking two people called Kim.
    /// An actor set of these ids, as resolution would give.
    pub(crate) fn set(ids: &[&str]) -> ActorSet {
        ActorSet {
            label: ids.join("+"),
            ids: ids.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The default filter: asserted events only.
    pub(crate) fn asserted() -> filter::EventFilter {
        filter::event_filter(&Filters::default(), None)
    }

    /// One column of a table, top to bottom.
    pub(crate) fn column(t: &Table, name: &str) -> Vec<String> {
        (0..t.rows.len()).filter_map(|i| t.get(i, name)).collect()
    }

    pub(crate) fn fixture() -> EventGraph {
        use ActorType::*;
        use EventKind::*;
        use Factuality::*;
        let actors = vec![
            actor("united-states", "United States", Country, Some("USA")),
            actor("syria", "Syria", Country, Some("SYR")),
            actor("russia", "Russia", Country, Some("RUS")),
            actor("rex-tillerson", "Rex Tillerson", Person, Some("USA")),
            actor("sergey-lavrov", "Sergey Lavrov", Person, Some("RUS")),
            actor(
                "recep-tayyip-erdogan",
                "Recep Tayyip Erdoğan",
                Person,
                Some("TUR"),
            ),
            actor("kim-jong-un", "Kim Jong Un", Person, Some("PRK")),
            actor("vitaliy-kim", "Vitaliy Kim", Person, None),
        ];
        let evs = vec![
            Ev {
                kind: Strike,
                day: Some((2017, 4, 7)),
                fact: Asserted,
                source: "united-states",
                target: "syria",
                place: None,
                sentence: "The U.S. struck Syria.",
            },
            Ev {
                kind: Statement,
                day: Some((2017, 4, 8)),
                fact: Asserted,
                source: "russia",
                target: "syria",
                place: None,
                sentence: "Russia spoke about Syria.",
            },
            Ev {
                kind: Meeting,
                day: Some((2017, 4, 12)),
                fact: Asserted,
                source: "rex-tillerson",
                target: "sergey-lavrov",
                place: place("Moscow", "RUS"),
                sentence: "Tillerson met Lavrov in Moscow.",
            },
            Ev {
                kind: Meeting,
                day: Some((2017, 5, 10)),
                fact: Asserted,
                source: "rex-tillerson",
                target: "sergey-lavrov",
                place: place("Washington", "USA"),
                sentence: "Tillerson met Lavrov in Washington.",
            },
            Ev {
                kind: Meeting,
                day: None,
                fact: Planned,
                source: "rex-tillerson",
                target: "recep-tayyip-erdogan",
                place: place("Ankara", "TUR"),
                sentence: "Tillerson will meet Erdogan.",
            },
            Ev {
                kind: Statement,
                day: Some((2022, 3, 1)),
                fact: Possible,
                source: "vitaliy-kim",
                target: "kim-jong-un",
                place: None,
                sentence: "Kim may speak of Kim.",
            },
        ];
        let mut b = crate::graph::GraphBuilder::new();
        for (n, e) in evs.into_iter().enumerate() {
            let doc = format!("d{n}");
            b.add(&Extraction {
                doc_id: doc.clone(),
                date: None,
                title: String::new(),
                source: Some("test".into()),
                actors: actors.clone(),
                events: vec![event(&doc, n, e)],
            });
        }
        b.finish()
    }

    fn opts() -> QueryOptions {
        QueryOptions::default()
    }

    #[test]
    fn the_engine_resolves_names_and_places_before_answering() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let e = Engine::new(&g, &lex);
        let t = e
            .run(
                &Query::Met {
                    actor: "lavrov".into(),
                },
                &opts(),
            )
            .unwrap();
        assert_eq!(t.get(0, "actor").as_deref(), Some("Rex Tillerson"));
        let mut o = opts();
        o.filters.place = Some("washington".into());
        let t = e
            .run(
                &Query::Timeline {
                    actor: "Tillerson".into(),
                },
                &o,
            )
            .unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.get(0, "date").as_deref(), Some("2017-05-10"));
        // a country name selects every place in it
        o.filters.place = Some("Russia".into());
        let t = e.run(&Query::Events, &o).unwrap();
        assert_eq!(t.get(0, "place").as_deref(), Some("Moscow"));
        o.filters.place = Some("Mosow".into());
        match e.run(&Query::Events, &o) {
            Err(QueryError::UnknownPlace { suggestions, .. }) => {
                assert_eq!(suggestions, ["Moscow"])
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_carry_exit_codes_and_readable_messages() {
        let g = fixture();
        let lex = Lexicon::embedded().unwrap();
        let e = Engine::new(&g, &lex);
        let err = e
            .run(
                &Query::Timeline {
                    actor: "kim".into(),
                },
                &opts(),
            )
            .unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string().contains("\n  Kim Jong Un (kim-jong-un"),
            "{err}"
        );
        let err = e
            .run(
                &Query::Path {
                    a: "Lavrov".into(),
                    b: "Kim Jong Un".into(),
                },
                &opts(),
            )
            .unwrap_err();
        assert_eq!(err.exit_code(), 1);
        assert_eq!(
            err.to_string(),
            "no chain of asserted events joins Sergey Lavrov and Kim Jong Un"
        );
        let mut o = opts();
        o.filters.factualities = vec![];
        let t = e
            .run(
                &Query::Met {
                    actor: "Turkey".into(),
                },
                &o,
            )
            .unwrap();
        assert_eq!(t.get(0, "actor").as_deref(), Some("Rex Tillerson"));
        assert_eq!(t.get(0, "first").as_deref(), Some(""));
    }
}
