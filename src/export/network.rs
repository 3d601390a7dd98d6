//! The actor network: actor–actor ties per relation, aggregated over
//! asserted events (what happened, not what was hoped or denied).

use crate::graph::EventGraph;
use crate::model::{DateSpan, EventKind, Factuality};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One actor pair and relation, with how often and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    pub source: String,
    pub target: String,
    /// `met`, `struck`, `stated_about`, `proposed_to`.
    pub relation: &'static str,
    pub kind: EventKind,
    pub directed: bool,
    pub weight: usize,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub event_ids: Vec<String>,
    /// Distinct sources behind the events, summed.
    pub sources: usize,
}

/// Every tie of the actor network, sorted by (source, target, relation).
pub fn actor_ties(g: &EventGraph) -> Vec<Tie> {
    let mut ties: BTreeMap<(String, String, &'static str), Tie> = BTreeMap::new();
    for e in g
        .data
        .events
        .iter()
        .filter(|e| e.factuality == Factuality::Asserted)
    {
        let pairs: Vec<(String, String)> = match e.kind {
            EventKind::Meeting => {
                let ids: Vec<&str> = e
                    .actor_ids()
                    .into_iter()
                    .filter(|id| g.actor(id).is_some())
                    .collect();
                let mut v = Vec::new();
                for i in 0..ids.len() {
                    for j in i + 1..ids.len() {
                        let (a, b) = if ids[i] <= ids[j] {
                            (ids[i], ids[j])
                        } else {
                            (ids[j], ids[i])
                        };
                        v.push((a.to_string(), b.to_string()));
                    }
                }
                v
            }
            _ => match (&e.source, &e.target) {
                (Some(s), Some(t)) if s != t && g.actor(s).is_some() && g.actor(t).is_some() => {
                    vec![(s.clone(), t.clone())]
                }
                _ => vec![],
            },
        };
        for (s, t) in pairs {
            let tie = ties
                .entry((s.clone(), t.clone(), e.kind.relation()))
                .or_insert_with(|| Tie {
                    source: s,
                    target: t,
                    relation: e.kind.relation(),
                    kind: e.kind,
                    directed: e.kind != EventKind::Meeting,
                    weight: 0,
                    first_date: None,
                    last_date: None,
                    event_ids: Vec::new(),
                    sources: 0,
                });
            tie.weight += 1;
            tie.sources += e.sources;
            tie.event_ids.push(e.id.clone());
            if let Some(DateSpan { start, end, .. }) = e.date {
                tie.first_date = Some(tie.first_date.map_or(start, |d| d.min(start)));
                tie.last_date = Some(tie.last_date.map_or(end, |d| d.max(end)));
            }
        }
    }
    ties.into_values().collect()
}

/// Asserted events per actor and kind (meeting, statement, strike, proposal).
pub fn actor_event_counts(g: &EventGraph) -> BTreeMap<String, [usize; 4]> {
    let mut counts: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    for a in &g.data.actors {
        counts.insert(a.id.clone(), [0; 4]);
    }
    for e in g
        .data
        .events
        .iter()
        .filter(|e| e.factuality == Factuality::Asserted)
    {
        let k = EventKind::ALL
            .iter()
            .position(|&k| k == e.kind)
            .unwrap_or(0);
        for id in e.actor_ids() {
            if let Some(c) = counts.get_mut(id) {
                c[k] += 1;
            }
        }
    }
    counts
}

/// First and last dates of each actor's asserted events.
pub fn actor_spans(g: &EventGraph) -> BTreeMap<String, (NaiveDate, NaiveDate)> {
    let mut spans: BTreeMap<String, (NaiveDate, NaiveDate)> = BTreeMap::new();
    for e in g
        .data
        .events
        .iter()
        .filter(|e| e.factuality == Factuality::Asserted)
    {
        let Some(d) = e.date else { continue };
        for id in e.actor_ids() {
            spans
                .entry(id.to_string())
                .and_modify(|s| *s = (s.0.min(d.start), s.1.max(d.end)))
                .or_insert((d.start, d.end));
        }
    }
    spans
}
