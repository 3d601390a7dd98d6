//! The graph: extractions of many documents merged into one set of actors,
//! places and events, then laid out as a `petgraph` [`StableGraph`].
//!
//! One way in: [`GraphBuilder::add`] per extraction (or [`GraphBuilder::merge`]
//! for partial graphs), then [`GraphBuilder::finish`]. Merging only ever takes
//! unions of keyed sets, and everything derived (an event's factuality, date,
//! place) is computed from the full set at the end, so shards merged in any
//! order or grouping give the same graph.
//!
//! The same event reported by several documents (same kind, same
//! participants, same day; negations apart) is one event node keeping every
//! report as provenance.

pub mod filter;
mod intern;
mod merge;

use crate::model::{ActorType, DateSpan, EventKind, Extraction, Factuality, Place};
use chrono::NaiveDate;
use petgraph::stable_graph::{NodeIndex, StableGraph};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

pub use intern::Text;
pub use merge::EventKey;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorNode {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    pub country: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceNode {
    pub id: String,
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One report of an event: which document said it, where, and how.
/// Strings are shared ([`Text`]): the same sentence, actor or outlet in
/// many reports is held once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub doc_id: Text,
    /// The outlet of the document, when known.
    pub outlet: Option<Text>,
    pub event_id: Text,
    pub sentence: Text,
    pub span: [usize; 2],
    pub trigger: Text,
    pub factuality: Factuality,
    pub date: Option<DateSpan>,
    pub source: Option<Text>,
    pub target: Option<Text>,
    pub place: Option<Arc<Place>>,
    pub reported_by: Vec<Text>,
    pub cameo: Option<Text>,
    /// The actors this report linked, as extracted.
    pub participants: Vec<Text>,
}

/// A merged event, with what its reports agree on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventNode {
    pub id: String,
    pub kind: EventKind,
    pub date: Option<DateSpan>,
    pub factuality: Factuality,
    pub source: Option<String>,
    pub target: Option<String>,
    pub participants: Vec<String>,
    pub place: Option<String>,
    pub trigger: String,
    pub cameo: Option<String>,
    /// Number of reports (sentences) of this event.
    pub mentions: usize,
    /// Number of distinct documents reporting it.
    pub documents: usize,
    /// Number of distinct outlets and credited media behind the reports.
    pub sources: usize,
    pub provenance: Vec<Provenance>,
}

impl EventNode {
    /// The distinct documents of the reports, sorted.
    pub fn doc_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.provenance.iter().map(|p| &*p.doc_id).collect();
        // merged events keep their reports in document order already: no
        // set per event, only a check (a graph read from a file may differ)
        if !ids.is_sorted() {
            ids.sort_unstable();
        }
        ids.dedup();
        ids
    }

    pub fn evidence(&self) -> &str {
        self.provenance.first().map(|p| &*p.sentence).unwrap_or("")
    }

    /// Every actor the event links, source and target first.
    pub fn actor_ids(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for id in self
            .source
            .iter()
            .chain(self.target.iter())
            .chain(self.participants.iter())
        {
            if !v.contains(&id.as_str()) {
                v.push(id);
            }
        }
        v
    }
}

/// Nodes of the full graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Actor(ActorNode),
    /// Index into `GraphData::events` (events carry every report; the
    /// graph holds them once).
    Event(usize),
    Place(PlaceNode),
}

/// Edges of the full graph: from an event to an actor in a role, or to its
/// place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Source,
    Target,
    Participant,
    Place,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Target => "target",
            Role::Participant => "participant",
            Role::Place => "place",
        }
    }
}

/// The serialised graph (`graph.json`): sorted, so equal graphs are equal
/// bytes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphData {
    pub format: String,
    pub documents: Vec<Text>,
    pub actors: Vec<ActorNode>,
    pub places: Vec<PlaceNode>,
    pub events: Vec<EventNode>,
}

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: not a diplograph graph: {message}")]
    Format { path: String, message: String },
}

pub const FORMAT: &str = "diplograph-graph/1";

/// The merged graph, with a petgraph view for traversal.
#[derive(Debug, Clone)]
pub struct EventGraph {
    pub data: GraphData,
    pub graph: StableGraph<Node, Role>,
    pub actor_index: BTreeMap<String, NodeIndex>,
    /// `actor_index` hashed, for [`EventGraph::actor`]: the exports look
    /// up every actor of every event, where the sorted map would compare
    /// ids at every level.
    actor_at: FxHashMap<String, NodeIndex>,
    /// Place id -> its index in `data.places`.
    place_index: FxHashMap<String, usize>,
}

/// How reports are merged into events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeOptions {
    /// Merge reports of one event at all (`--no-dedup` turns it off).
    pub dedup: bool,
    /// Day-precise reports whose days are fewer than this many days apart
    /// are one event (`--dedup-window`; 1 = the same day).
    pub dedup_window_days: u32,
}

impl Default for MergeOptions {
    fn default() -> Self {
        MergeOptions {
            dedup: true,
            dedup_window_days: 1,
        }
    }
}

/// Accumulates extractions; memory grows with distinct events and their
/// reports, not with the text read.
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    options: MergeOptions,
    /// Documents and actors are looked up once per extraction and sorted
    /// once, in `finish`.
    documents: rustc_hash::FxHashSet<Text>,
    actors: rustc_hash::FxHashMap<String, ActorNode>,
    /// Event key -> reports. A report added twice (same doc and event id)
    /// counts once: the last one added is kept when the graph is finished
    /// (a map per key would cost a whole B-tree node for the one or two
    /// reports most keys have).
    /// Hashed, not ordered: keys are compared once per report here and
    /// sorted once in `finish`.
    events: rustc_hash::FxHashMap<EventKey, Vec<Provenance>>,
    strings: intern::Interner,
}

impl GraphBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_options(options: MergeOptions) -> Self {
        GraphBuilder {
            options,
            ..Self::default()
        }
    }

    /// Add one document's extraction.
    pub fn add(&mut self, x: &Extraction) {
        merge::add_extraction(self, x);
    }

    /// Merge another builder into this one (associative and commutative).
    pub fn merge(&mut self, other: GraphBuilder) {
        merge::merge_builders(self, other);
    }

    /// Add a finished graph back (for hierarchical merges of graph files).
    pub fn add_graph(&mut self, g: &GraphData) {
        merge::add_graph_data(self, g);
    }

    pub fn documents(&self) -> usize {
        self.documents.len()
    }

    /// The merged graph (consumes the builder: reports move, not copy).
    pub fn finish(self) -> EventGraph {
        EventGraph::from_data(merge::to_data(self))
    }
}

impl EventGraph {
    pub fn from_data(data: GraphData) -> EventGraph {
        let mut graph = StableGraph::with_capacity(
            data.actors.len() + data.places.len() + data.events.len(),
            0,
        );
        let actor_nodes: Vec<NodeIndex> = data
            .actors
            .iter()
            .map(|a| graph.add_node(Node::Actor(a.clone())))
            .collect();
        let place_nodes: Vec<NodeIndex> = data
            .places
            .iter()
            .map(|p| graph.add_node(Node::Place(p.clone())))
            .collect();
        {
            // looked up for every actor of every event: hashed, where the
            // sorted indexes kept below would compare ids at every level
            let actor_at = by_id(data.actors.iter().map(|a| a.id.as_str()), &actor_nodes);
            let place_at = by_id(data.places.iter().map(|p| p.id.as_str()), &place_nodes);
            for (i, e) in data.events.iter().enumerate() {
                let n = graph.add_node(Node::Event(i));
                // an event links a handful of actors: a list beats a set of
                // copied ids
                let mut linked: Vec<&str> = Vec::new();
                for (id, role) in e
                    .source
                    .iter()
                    .map(|s| (s, Role::Source))
                    .chain(e.target.iter().map(|t| (t, Role::Target)))
                    .chain(e.participants.iter().map(|p| (p, Role::Participant)))
                {
                    if let Some(&a) = actor_at.get(id.as_str()) {
                        if !linked.contains(&id.as_str()) {
                            linked.push(id);
                            graph.add_edge(n, a, role);
                        }
                    }
                }
                if let Some(p) = e.place.as_deref().and_then(|p| place_at.get(p)) {
                    graph.add_edge(n, *p, Role::Place);
                }
            }
        }
        // of actors sharing an id (a graph file may repeat one), both
        // maps keep the last
        let id_nodes = || {
            data.actors
                .iter()
                .zip(actor_nodes.iter().copied())
                .map(|(a, n)| (a.id.clone(), n))
        };
        let actor_index = id_nodes().collect();
        let actor_at = id_nodes().collect();
        let place_index = data
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        EventGraph {
            data,
            graph,
            actor_index,
            actor_at,
            place_index,
        }
    }

    pub fn actor(&self, id: &str) -> Option<&ActorNode> {
        self.actor_at.get(id).and_then(|&n| match &self.graph[n] {
            Node::Actor(a) => Some(a),
            _ => None,
        })
    }

    /// The event a graph node stands for.
    pub fn event(&self, i: usize) -> &EventNode {
        &self.data.events[i]
    }

    pub fn place(&self, id: &str) -> Option<&PlaceNode> {
        self.place_index.get(id).map(|&i| &self.data.places[i])
    }

    /// Read `graph.json`.
    pub fn read_json(path: &Path) -> Result<EventGraph, GraphError> {
        let bytes = std::fs::read(path).map_err(|source| GraphError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let data: GraphData = serde_json::from_slice(&bytes).map_err(|e| GraphError::Format {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        if data.format != FORMAT {
            return Err(GraphError::Format {
                path: path.display().to_string(),
                message: format!("format {:?}, expected {FORMAT:?}", data.format),
            });
        }
        Ok(EventGraph::from_data(data))
    }

    /// Events per kind, in kind order.
    pub fn counts_by_kind(&self) -> Vec<(EventKind, usize)> {
        EventKind::ALL
            .iter()
            .map(|&k| (k, self.data.events.iter().filter(|e| e.kind == k).count()))
            .collect()
    }
}

/// Nodes by id; of nodes with one id (a graph file may repeat one), the
/// last, as a map filled in order keeps it.
fn by_id<'a>(
    ids: impl Iterator<Item = &'a str>,
    nodes: &[NodeIndex],
) -> rustc_hash::FxHashMap<&'a str, NodeIndex> {
    ids.zip(nodes.iter().copied()).collect()
}

/// Id of a place node: name and country.
pub fn place_id(p: &Place) -> String {
    let mut s = crate::extract::mentions::slug(&p.name);
    if let Some(c) = &p.country {
        s.push('-');
        s.push_str(&c.to_ascii_lowercase());
    }
    s
}

/// Earliest day of an optional date, for sorting.
pub fn date_key(d: &Option<DateSpan>) -> NaiveDate {
    d.map(|d| d.start).unwrap_or(NaiveDate::MIN)
}
