//! CSV exports: `events.csv`, a timeline for spreadsheets (one row per
//! event, ISO dates in their own columns), and `nodes.csv` + `edges.csv`,
//! the actor network laid out as Gephi's spreadsheet import expects (no bare
//! date columns there: time goes in a `Timeset` interval).

use super::derived::Derived;
use super::{cell_safe, safe_cell};
use crate::graph::EventGraph;
use std::borrow::Cow;
use std::io::{self, Write};

fn csv_err(e: csv::Error) -> io::Error {
    io::Error::other(e.to_string())
}

pub const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "date",
    "date_end",
    "precision",
    "kind",
    "source",
    "target",
    "participants",
    "place",
    "country",
    "lat",
    "lon",
    "factuality",
    "trigger",
    "cameo",
    "sentence",
    "document_ids",
    "mentions",
    "documents",
    "sources",
    "reported_by",
];

/// The name of actor `id`, or the id of an actor the graph lacks.
fn actor_name<'a>(g: &'a EventGraph, id: &'a str) -> &'a str {
    g.actor(id).map(|a| a.name.as_str()).unwrap_or(id)
}

/// `events.csv`: one row per event, in time order.
pub fn write_events(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EVENT_COLUMNS).map_err(csv_err)?;
    let name = |id| actor_name(g, id);
    let mut reported: Vec<&str> = Vec::new();
    for e in &g.data.events {
        let place = e.place.as_deref().and_then(|p| g.place(p));
        reported.clear();
        reported.extend(
            e.provenance
                .iter()
                .flat_map(|p| p.reported_by.iter().map(|r| &**r)),
        );
        reported.sort_unstable();
        reported.dedup();
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let participants: Vec<&str> = e.participants.iter().map(|p| name(p)).collect();
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let row: [Cow<str>; 21] = [
            safe_cell(&e.id),
            day(e.date.map(|d| d.start)).into(),
            day(e.date.map(|d| d.end)).into(),
            e.date
                .map(|d| d.precision.as_str())
                .unwrap_or_default()
                .into(),
            e.kind.as_str().into(),
            safe_cell(e.source.as_deref().map(name).unwrap_or_default()),
            safe_cell(e.target.as_deref().map(name).unwrap_or_default()),
            Cow::Owned(safe_cell(&participants.join("; ")).into_owned()),
            safe_cell(place.map(|p| p.name.as_str()).unwrap_or_default()),
            place
                .and_then(|p| p.country.as_deref())
                .unwrap_or_default()
                .into(),
            number(place.and_then(|p| p.lat)).into(),
            number(place.and_then(|p| p.lon)).into(),
            e.factuality.as_str().into(),
            safe_cell(&e.trigger),
            e.cameo.as_deref().unwrap_or_default().into(),
            safe_cell(e.evidence()),
            Cow::Owned(safe_cell(&e.doc_ids().join("; ")).into_owned()),
            e.mentions.to_string().into(),
            e.documents.to_string().into(),
            e.sources.to_string().into(),
            Cow::Owned(safe_cell(&reported.join("; ")).into_owned()),
        ];
        w.write_record(row.iter().map(|c| c.as_bytes()))
            .map_err(csv_err)?;
    }
    w.flush()
}

/// `nodes.csv` for Gephi: `Id, Label`, attributes, and a `Timeset` interval
/// from the actor's first to last asserted event.
pub fn write_nodes(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Id",
        "Label",
        "type",
        "country",
        "role",
        "meetings",
        "statements",
        "strikes",
        "proposals",
        "Timeset",
    ])
    .map_err(csv_err)?;
    let (counts, spans) = (d.counts(), d.spans());
    for a in &g.data.actors {
        let c = counts.get(&a.id).copied().unwrap_or_default();
        let timeset = spans
            .get(&a.id)
            .copied()
            .map(|(f, l)| format!("<[{f}, {l}]>"))
            .unwrap_or_default();
        w.write_record([
            cell_safe(&a.id),
            cell_safe(&a.name),
            a.actor_type.as_str().to_string(),
            a.country.clone().unwrap_or_default(),
            cell_safe(a.role.as_deref().unwrap_or_default()),
            c[0].to_string(),
            c[1].to_string(),
            c[2].to_string(),
            c[3].to_string(),
            timeset,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// `edges.csv` for Gephi: `Source, Target, Type, Kind, Id, Label, Weight`,
/// attributes and a `Timeset`. `Kind` keeps relations between one pair
/// apart in Gephi's multigraph.
pub fn write_edges(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Source",
        "Target",
        "Type",
        "Kind",
        "Id",
        "Label",
        "Weight",
        "sources",
        "event_ids",
        "Timeset",
    ])
    .map_err(csv_err)?;
    for (i, t) in d.ties().iter().enumerate() {
        let timeset = match (t.first_date, t.last_date) {
            (Some(f), Some(l)) => format!("<[{f}, {l}]>"),
            _ => String::new(),
        };
        w.write_record([
            cell_safe(&t.source),
            cell_safe(&t.target),
            if t.directed { "Directed" } else { "Undirected" }.to_string(),
            t.relation.to_string(),
            format!("t{i}"),
            t.relation.to_string(),
            format!("{:.1}", t.weight as f64),
            t.sources.to_string(),
            cell_safe(&t.event_ids.join(";")),
            timeset,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}
