//! One seam for every export: a [`Format`] and a [`View`] of the graph
//! written to a path. Single-file formats write the file; table formats
//! (Gephi CSV, Neo4j) write a folder of CSV files.

use super::csv_out;
use super::network::actor_ties;
use super::{atomic_write, cell_safe, gexf, graphml, Derived, ExportError};
use crate::graph::{EventGraph, Node};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Gexf,
    /// Gephi spreadsheet tables: `nodes.csv` + `edges.csv`.
    Csv,
    /// `events.csv`, the spreadsheet timeline.
    Timeline,
    Json,
    /// CSV files laid out for `neo4j-admin database import`.
    Neo4j,
}

impl Format {
    pub const NAMES: &'static [&'static str] =
        &["graphml", "gexf", "csv", "timeline", "json", "neo4j"];

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "csv" => Format::Csv,
            "timeline" => Format::Timeline,
            "json" => Format::Json,
            "neo4j" => Format::Neo4j,
            _ => return None,
        })
    }

    /// Does this format write a folder of files rather than one file?
    pub fn is_folder(self) -> bool {
        matches!(self, Format::Csv | Format::Neo4j)
    }

    /// Default file or folder name for a view.
    pub fn default_name(self, view: View) -> &'static str {
        match (self, view) {
            (Format::Graphml, View::Full) => "graph.graphml",
            (Format::Graphml, View::Actors) => "actors.graphml",
            (Format::Gexf, View::Full) => "graph.gexf",
            (Format::Gexf, View::Actors) => "actors.gexf",
            (Format::Csv, View::Full) => "gephi-full",
            (Format::Csv, View::Actors) => "gephi-actors",
            (Format::Timeline, _) => "events.csv",
            (Format::Json, View::Full) => "graph.json",
            (Format::Json, View::Actors) => "actors.json",
            (Format::Neo4j, View::Full) => "neo4j-full",
            (Format::Neo4j, View::Actors) => "neo4j-actors",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Actor, event and place nodes.
    Full,
    /// The actor network.
    Actors,
}

impl View {
    pub fn parse(s: &str) -> Option<View> {
        match s.to_ascii_lowercase().as_str() {
            "full" => Some(View::Full),
            "actors" => Some(View::Actors),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: Format,
    pub view: View,
    /// Start CSV files with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

/// Write one export to `path` (a file, or a folder for table formats);
/// returns the files written.
pub fn export(
    g: &EventGraph,
    path: &Path,
    opts: ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    let io_err = |p: &Path, source| ExportError::Io {
        path: p.display().to_string(),
        source,
    };
    let bom = opts.bom;
    let mut written = Vec::new();
    let mut put = |p: PathBuf, f: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
        atomic_write(&p, &mut |w| {
            if bom {
                w.write_all("\u{feff}".as_bytes())?;
            }
            f(w)
        })?;
        written.push(p);
        Ok::<(), ExportError>(())
    };
    if opts.format.is_folder() {
        std::fs::create_dir_all(path).map_err(|e| io_err(path, e))?;
    } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
    }
    match (opts.format, opts.view) {
        (Format::Graphml, View::Full) => put(path.into(), &mut |w| {
            graphml::write_full(&Derived::new(g), w)
        })?,
        (Format::Graphml, View::Actors) => put(path.into(), &mut |w| {
            graphml::write_actors(&Derived::new(g), w)
        })?,
        (Format::Gexf, View::Full) => {
            put(path.into(), &mut |w| gexf::write_full(&Derived::new(g), w))?
        }
        (Format::Gexf, View::Actors) => put(path.into(), &mut |w| {
            gexf::write_actors(&Derived::new(g), w)
        })?,
        (Format::Timeline, _) => put(path.into(), &mut |w| {
            csv_out::write_events(&Derived::new(g), w)
        })?,
        (Format::Json, View::Full) => put(path.into(), &mut |w| super::write_json(g, w))?,
        (Format::Json, View::Actors) => put(path.into(), &mut |w| write_node_link(g, w))?,
        (Format::Csv, View::Actors) => {
            put(path.join("nodes.csv"), &mut |w| {
                csv_out::write_nodes(&Derived::new(g), w)
            })?;
            put(path.join("edges.csv"), &mut |w| {
                csv_out::write_edges(&Derived::new(g), w)
            })?;
        }
        (Format::Csv, View::Full) => {
            put(path.join("nodes.csv"), &mut |w| write_full_nodes_csv(g, w))?;
            put(path.join("edges.csv"), &mut |w| write_full_edges_csv(g, w))?;
        }
        (Format::Neo4j, view) => {
            put(path.join("actors.csv"), &mut |w| neo4j_actors(g, w))?;
            if view == View::Full {
                put(path.join("events.csv"), &mut |w| neo4j_events(g, w))?;
                put(path.join("places.csv"), &mut |w| neo4j_places(g, w))?;
                put(path.join("roles.csv"), &mut |w| neo4j_roles(g, w))?;
                put(path.join("event_places.csv"), &mut |w| {
                    neo4j_event_places(g, w)
                })?;
            } else {
                put(path.join("ties.csv"), &mut |w| neo4j_ties(g, w))?;
            }
        }
    }
    Ok(written)
}

fn csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e.to_string())
}

/// The actor network in NetworkX's node-link JSON layout.
fn write_node_link(g: &EventGraph, w: &mut dyn Write) -> io::Result<()> {
    let nodes: Vec<serde_json::Value> = g
        .data
        .actors
        .iter()
        .map(|a| {
            serde_json::json!({"id": a.id, "label": a.name, "type": a.actor_type.as_str(),
                               "country": a.country, "role": a.role})
        })
        .collect();
    let links: Vec<serde_json::Value> = actor_ties(g)
        .iter()
        .map(|t| {
            serde_json::json!({"source": t.source, "target": t.target, "relation": t.relation,
                               "weight": t.weight, "first_date": t.first_date, "last_date": t.last_date,
                               "event_ids": t.event_ids, "sources": t.sources})
        })
        .collect();
    let doc = serde_json::json!({"directed": true, "multigraph": true, "graph": {}, "nodes": nodes, "links": links});
    serde_json::to_writer(&mut *w, &doc)?;
    w.write_all(b"\n")
}

fn node_id(g: &EventGraph, n: &Node) -> String {
    match n {
        Node::Actor(a) => format!("actor:{}", a.id),
        Node::Event(i) => format!("event:{}", g.event(*i).id),
        Node::Place(p) => format!("place:{}", p.id),
    }
}

/// Gephi nodes table of the full graph.
fn write_full_nodes_csv(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Id",
        "Label",
        "node_type",
        "kind",
        "country",
        "factuality",
        "mentions",
        "Timeset",
    ])
    .map_err(csv_err)?;
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let (label, ty, kind, country, fact, mentions, timeset) = match node {
            Node::Actor(a) => (
                a.name.clone(),
                "actor",
                a.actor_type.as_str().to_string(),
                a.country.clone(),
                String::new(),
                String::new(),
                String::new(),
            ),
            Node::Event(i) => {
                let e = g.event(*i);
                (
                    super::graphml::event_label(g, e),
                    "event",
                    e.kind.as_str().to_string(),
                    None,
                    e.factuality.as_str().to_string(),
                    e.mentions.to_string(),
                    e.date
                        .map(|d| format!("<[{}, {}]>", d.start, d.end))
                        .unwrap_or_default(),
                )
            }
            Node::Place(p) => (
                p.name.clone(),
                "place",
                String::new(),
                p.country.clone(),
                String::new(),
                String::new(),
                String::new(),
            ),
        };
        w.write_record([
            cell_safe(&node_id(g, node)),
            cell_safe(&label),
            ty.to_string(),
            kind,
            country.unwrap_or_default(),
            fact,
            mentions,
            timeset,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Gephi edges table of the full graph: event → actor / place.
fn write_full_edges_csv(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Timeset",
    ])
    .map_err(csv_err)?;
    for ei in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(ei) else {
            continue;
        };
        let role = g.graph[ei].as_str();
        let timeset = match &g.graph[a] {
            Node::Event(i) => g
                .event(*i)
                .date
                .map(|d| format!("<[{}, {}]>", d.start, d.end))
                .unwrap_or_default(),
            _ => String::new(),
        };
        w.write_record([
            cell_safe(&node_id(g, &g.graph[a])),
            cell_safe(&node_id(g, &g.graph[b])),
            "Directed".to_string(),
            role.to_string(),
            format!("e{}", ei.index()),
            role.to_string(),
            "1.0".to_string(),
            timeset,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

fn neo4j_actors(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "actorId:ID(Actor)",
        "name",
        "type",
        "country",
        "role",
        ":LABEL",
    ])
    .map_err(csv_err)?;
    for a in &g.data.actors {
        let label = match a.actor_type {
            crate::model::ActorType::Person => "Actor;Person",
            crate::model::ActorType::Country => "Actor;Country",
            crate::model::ActorType::Organization => "Actor;Organization",
            crate::model::ActorType::Group => "Actor;Group",
        };
        w.write_record([
            a.id.as_str(),
            &a.name,
            a.actor_type.as_str(),
            a.country.as_deref().unwrap_or(""),
            a.role.as_deref().unwrap_or(""),
            label,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

fn neo4j_events(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "eventId:ID(Event)",
        "kind",
        "date:date",
        "dateEnd:date",
        "precision",
        "factuality",
        "trigger",
        "cameo",
        "sentence",
        "mentions:int",
        "documents:int",
        "sources:int",
        ":LABEL",
    ])
    .map_err(csv_err)?;
    for e in &g.data.events {
        let label = format!("Event;{}", capitalised(e.kind.as_str()));
        w.write_record([
            e.id.clone(),
            e.kind.as_str().to_string(),
            e.date.map(|d| d.start.to_string()).unwrap_or_default(),
            e.date.map(|d| d.end.to_string()).unwrap_or_default(),
            e.date
                .map(|d| d.precision.as_str().to_string())
                .unwrap_or_default(),
            e.factuality.as_str().to_string(),
            e.trigger.clone(),
            e.cameo.clone().unwrap_or_default(),
            e.evidence().to_string(),
            e.mentions.to_string(),
            e.documents.to_string(),
            e.sources.to_string(),
            label,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

fn neo4j_places(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "placeId:ID(Place)",
        "name",
        "country",
        "lat:float",
        "lon:float",
        ":LABEL",
    ])
    .map_err(csv_err)?;
    for p in &g.data.places {
        w.write_record([
            p.id.clone(),
            p.name.clone(),
            p.country.clone().unwrap_or_default(),
            p.lat.map(|v| v.to_string()).unwrap_or_default(),
            p.lon.map(|v| v.to_string()).unwrap_or_default(),
            "Place".to_string(),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Relationships of the full graph; the ID spaces say which end is which.
fn neo4j_roles(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([":START_ID(Event)", ":END_ID(Actor)", "role", ":TYPE"])
        .map_err(csv_err)?;
    for e in &g.data.events {
        let mut seen = Vec::new();
        for (id, role) in e
            .source
            .iter()
            .map(|s| (s, "SOURCE"))
            .chain(e.target.iter().map(|t| (t, "TARGET")))
            .chain(e.participants.iter().map(|p| (p, "PARTICIPANT")))
        {
            if g.actor(id).is_none() || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            w.write_record([e.id.as_str(), id, &role.to_ascii_lowercase(), role])
                .map_err(csv_err)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Event -> place relationships.
fn neo4j_event_places(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([":START_ID(Event)", ":END_ID(Place)", ":TYPE"])
        .map_err(csv_err)?;
    for e in &g.data.events {
        if let Some(p) = &e.place {
            w.write_record([e.id.as_str(), p, "AT"]).map_err(csv_err)?;
        }
    }
    w.flush()
}

/// The actor network's ties as relationships between actors.
fn neo4j_ties(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        ":START_ID(Actor)",
        ":END_ID(Actor)",
        "weight:int",
        "firstDate:date",
        "lastDate:date",
        "eventIds:string[]",
        ":TYPE",
    ])
    .map_err(csv_err)?;
    for t in actor_ties(g) {
        w.write_record([
            t.source.clone(),
            t.target.clone(),
            t.weight.to_string(),
            t.first_date.map(|d| d.to_string()).unwrap_or_default(),
            t.last_date.map(|d| d.to_string()).unwrap_or_default(),
            t.event_ids.join(";"),
            t.relation.to_ascii_uppercase(),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
