//! Sub-graphs: the events (and the actors and places they link) that pass
//! a filter — by kind, date range, factuality, number of sources, or an
//! actor's ego network. Every export format and query applies the same one.

use super::{EventGraph, EventNode, GraphData};
use crate::model::{DateSpan, EventKind, Factuality};
use chrono::NaiveDate;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only these kinds (empty: all).
    pub kinds: Vec<EventKind>,
    /// Events that end on or after this day.
    pub from: Option<NaiveDate>,
    /// Events that start on or before this day.
    pub to: Option<NaiveDate>,
    /// Only these factualities (empty: all).
    pub factualities: Vec<Factuality>,
    /// At least this many distinct sources.
    pub min_sources: usize,
    /// Only events at these place ids (`None`: anywhere).
    pub places: Option<BTreeSet<String>>,
    /// Only events within `depth` event-steps of these actors (ego network).
    pub actors: Vec<String>,
    pub depth: usize,
}

impl Filter {
    /// Keeps everything: no condition set (a depth without actors is none).
    pub fn is_empty(&self) -> bool {
        Filter {
            depth: 0,
            ..self.clone()
        } == Filter::default()
    }

    /// Does one event pass the filter, ignoring the ego network?
    pub fn keeps(&self, e: &EventNode) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&e.kind) {
            return false;
        }
        if !self.factualities.is_empty() && !self.factualities.contains(&e.factuality) {
            return false;
        }
        if e.sources < self.min_sources {
            return false;
        }
        if let Some(ids) = &self.places {
            if !e.place.as_ref().is_some_and(|p| ids.contains(p)) {
                return false;
            }
        }
        self.in_period(e.date)
    }

    /// An event overlapping the period counts; an undated one never does
    /// when a period is asked for.
    pub fn in_period(&self, d: Option<DateSpan>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(d) = d else { return false };
        self.from.is_none_or(|f| d.end >= f) && self.to.is_none_or(|t| d.start <= t)
    }

    /// The filtered graph.
    pub fn apply(&self, g: &EventGraph) -> EventGraph {
        if self.is_empty() {
            return g.clone();
        }
        let mut events: Vec<&EventNode> = g.data.events.iter().filter(|e| self.keeps(e)).collect();
        if !self.actors.is_empty() {
            let reach = self.ego_actors(&events);
            events.retain(|e| e.actor_ids().iter().any(|a| reach.contains(*a)));
        }
        EventGraph::from_data(subgraph(&g.data, events))
    }

    /// The filtered graph, taking the graph itself: a filter that keeps
    /// everything hands it back instead of copying every report.
    pub fn apply_owned(&self, g: EventGraph) -> EventGraph {
        if self.is_empty() {
            g
        } else {
            self.apply(&g)
        }
    }

    /// The ego actors and those within `depth - 1` shared events of them:
    /// depth 1 keeps the egos' own events, depth 2 their partners' too.
    fn ego_actors(&self, events: &[&EventNode]) -> BTreeSet<String> {
        let mut reach: BTreeSet<String> = self.actors.iter().cloned().collect();
        for _ in 1..self.depth.max(1) {
            let mut next = reach.clone();
            for e in events {
                let ids = e.actor_ids();
                if ids.iter().any(|a| reach.contains(*a)) {
                    next.extend(ids.iter().map(|s| s.to_string()));
                }
            }
            if next == reach {
                break;
            }
            reach = next;
        }
        reach
    }
}

/// The graph data holding only `events` and what they link.
fn subgraph(data: &GraphData, events: Vec<&EventNode>) -> GraphData {
    let actor_ids: BTreeSet<&str> = events.iter().flat_map(|e| e.actor_ids()).collect();
    let place_ids: BTreeSet<&str> = events.iter().filter_map(|e| e.place.as_deref()).collect();
    let docs: BTreeSet<&str> = events.iter().flat_map(|e| e.doc_ids()).collect();
    GraphData {
        format: data.format.clone(),
        documents: data
            .documents
            .iter()
            .filter(|d| docs.contains(&d[..]))
            .cloned()
            .collect(),
        actors: data
            .actors
            .iter()
            .filter(|a| actor_ids.contains(a.id.as_str()))
            .cloned()
            .collect(),
        places: data
            .places
            .iter()
            .filter(|p| place_ids.contains(p.id.as_str()))
            .cloned()
            .collect(),
        events: events.into_iter().cloned().collect(),
    }
}
