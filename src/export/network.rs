//! The actor network: actor–actor ties per relation, aggregated over
//! asserted events (what happened, not what was hoped or denied).

use crate::graph::{EventGraph, EventNode};
use crate::model::{DateSpan, EventKind, Factuality};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
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

impl Tie {
    /// The tie of `kind` from `source` to `target`, before any event.
    fn empty(source: &str, target: &str, kind: EventKind) -> Tie {
        Tie {
            source: source.to_string(),
            target: target.to_string(),
            relation: kind.relation(),
            kind,
            directed: kind != EventKind::Meeting,
            weight: 0,
            first_date: None,
            last_date: None,
            event_ids: Vec::new(),
            sources: 0,
        }
    }
}

/// Every tie of the actor network, sorted by (source, target, relation).
pub fn actor_ties(g: &EventGraph) -> Vec<Tie> {
    // ties found under borrowed ids, owned copies made once per tie
    let mut at: FxHashMap<(&str, &str, &'static str), usize> = FxHashMap::default();
    let mut ties: Vec<Tie> = Vec::new();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for e in g
        .data
        .events
        .iter()
        .filter(|e| e.factuality == Factuality::Asserted)
    {
        tie_pairs(g, e, &mut pairs);
        for &(s, t) in &pairs {
            let i = *at.entry((s, t, e.kind.relation())).or_insert_with(|| {
                ties.push(Tie::empty(s, t, e.kind));
                ties.len() - 1
            });
            let tie = &mut ties[i];
            tie.weight += 1;
            tie.sources += e.sources;
            tie.event_ids.push(e.id.clone());
            if let Some(DateSpan { start, end, .. }) = e.date {
                tie.first_date = Some(tie.first_date.map_or(start, |d| d.min(start)));
                tie.last_date = Some(tie.last_date.map_or(end, |d| d.max(end)));
            }
        }
    }
    // keys are distinct: an unstable sort gives the one order
    ties.sort_unstable_by(|a, b| {
        (&a.source, &a.target, a.relation).cmp(&(&b.source, &b.target, b.relation))
    });
    ties
}

/// The actor pairs event `e` ties, into `pairs`: every pair of a
/// meeting's known actors (in id order within the pair), or the source
/// and target of another kind when both are known and differ.
fn tie_pairs<'g>(g: &'g EventGraph, e: &'g EventNode, pairs: &mut Vec<(&'g str, &'g str)>) {
    pairs.clear();
    if e.kind != EventKind::Meeting {
        if let (Some(s), Some(t)) = (&e.source, &e.target) {
            if s != t && g.actor(s).is_some() && g.actor(t).is_some() {
                pairs.push((s, t));
            }
        }
        return;
    }
    let mut ids = e.actor_ids();
    ids.retain(|id| g.actor(id).is_some());
    for (i, &a) in ids.iter().enumerate() {
        for &b in &ids[i + 1..] {
            pairs.push(if a <= b { (a, b) } else { (b, a) });
        }
    }
}

/// What the actor views show of one actor: its asserted events per kind
/// (meeting, statement, strike, proposal), and the first and last days
/// of those that are dated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActorStats {
    pub counts: [usize; 4],
    pub span: Option<(NaiveDate, NaiveDate)>,
}

/// [`ActorStats`] of every actor, in the order of `g.data.actors`; actors
/// sharing an id (a graph file may repeat one) share their numbers.
pub fn actor_stats(g: &EventGraph) -> Vec<ActorStats> {
    let actors = &g.data.actors;
    let slot: FxHashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut stats = vec![ActorStats::default(); actors.len()];
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
            let Some(s) = slot.get(id).map(|&i| &mut stats[i]) else {
                continue;
            };
            s.counts[k] += 1;
            if let Some(d) = e.date {
                s.span = Some(s.span.map_or((d.start, d.end), |(first, last)| {
                    (first.min(d.start), last.max(d.end))
                }));
            }
        }
    }
    actors
        .iter()
        .map(|a| {
            slot.get(a.id.as_str())
                .map_or_else(ActorStats::default, |&i| stats[i])
        })
        .collect()
}

/// Asserted events per actor and kind (meeting, statement, strike, proposal).
pub fn actor_event_counts(g: &EventGraph) -> BTreeMap<String, [usize; 4]> {
    g.data
        .actors
        .iter()
        .zip(actor_stats(g))
        .map(|(a, s)| (a.id.clone(), s.counts))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphBuilder;

    /// The ties as first written: owned keys in a sorted map.
    fn ties_by_sorted_map(g: &EventGraph) -> Vec<Tie> {
        let mut ties: BTreeMap<(String, String, &'static str), Tie> = BTreeMap::new();
        for e in g.data.events.iter() {
            if e.factuality != Factuality::Asserted {
                continue;
            }
            let known = |id: &&str| g.actor(id).is_some();
            let pairs: Vec<(&str, &str)> = match (e.kind, &e.source, &e.target) {
                (EventKind::Meeting, _, _) => {
                    let ids: Vec<&str> = e.actor_ids().into_iter().filter(known).collect();
                    let mut v = Vec::new();
                    for i in 0..ids.len() {
                        for j in i + 1..ids.len() {
                            v.push((ids[i].min(ids[j]), ids[i].max(ids[j])));
                        }
                    }
                    v
                }
                (_, Some(s), Some(t)) if s != t && known(&s.as_str()) && known(&t.as_str()) => {
                    vec![(s.as_str(), t.as_str())]
                }
                _ => vec![],
            };
            for (s, t) in pairs {
                let tie = ties
                    .entry((s.into(), t.into(), e.kind.relation()))
                    .or_insert_with(|| Tie::empty(s, t, e.kind));
                tie.weight += 1;
                tie.sources += e.sources;
                tie.event_ids.push(e.id.clone());
                if let Some(d) = e.date {
                    tie.first_date = Some(tie.first_date.map_or(d.start, |x| x.min(d.start)));
                    tie.last_date = Some(tie.last_date.map_or(d.end, |x| x.max(d.end)));
                }
            }
        }
        ties.into_values().collect()
    }

    /// Counts and spans as first written: one sorted map each, by id.
    fn stats_by_sorted_maps(g: &EventGraph) -> Vec<ActorStats> {
        let mut counts: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
        let mut spans: BTreeMap<&str, (NaiveDate, NaiveDate)> = BTreeMap::new();
        for a in &g.data.actors {
            counts.insert(&a.id, [0; 4]);
        }
        for e in &g.data.events {
            if e.factuality != Factuality::Asserted {
                continue;
            }
            let k = EventKind::ALL.iter().position(|&k| k == e.kind).unwrap();
            for id in e.actor_ids() {
                if let Some(c) = counts.get_mut(id) {
                    c[k] += 1;
                }
                if let Some(d) = e.date {
                    spans
                        .entry(id)
                        .and_modify(|s| *s = (s.0.min(d.start), s.1.max(d.end)))
                        .or_insert((d.start, d.end));
                }
            }
        }
        g.data
            .actors
            .iter()
            .map(|a| ActorStats {
                counts: counts[a.id.as_str()],
                span: spans.get(a.id.as_str()).copied(),
            })
            .collect()
    }

    /// The samples graph with every actor listed twice and every
    /// meeting's participants reversed, as a graph file may hold them.
    fn repeated_actors(g: &EventGraph) -> EventGraph {
        let mut data = g.data.clone();
        let copies = data.actors.clone();
        data.actors.extend(copies);
        for e in &mut data.events {
            e.participants.reverse();
        }
        EventGraph::from_data(data)
    }

    #[test]
    fn ties_and_actor_stats_are_those_of_sorted_maps() {
        let g = crate::export::tests::samples_graph();
        assert!(actor_ties(&g).len() > 3);
        for g in [repeated_actors(&g), g, GraphBuilder::new().finish()] {
            assert_eq!(actor_ties(&g), ties_by_sorted_map(&g));
            let stats = actor_stats(&g);
            assert_eq!(stats, stats_by_sorted_maps(&g));
            let counts = actor_event_counts(&g);
            for (a, s) in g.data.actors.iter().zip(&stats) {
                assert_eq!(counts[&a.id], s.counts);
            }
        }
    }
}
