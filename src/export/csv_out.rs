//! CSV exports: `events.csv`, a timeline for spreadsheets (one row per
//! event, ISO dates in their own columns), and `nodes.csv` + `edges.csv`,
//! the actor network laid out as Gephi's spreadsheet import expects (no bare
//! date columns there: time goes in a `Timeset` interval).

use super::cell_safe;
use super::derived::Derived;
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

/// `events.csv`: one row per event, in time order.
pub fn write_events(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(EVENT_COLUMNS).map_err(csv_err)?;
    let name = |id: &str| {
        g.actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for e in &g.data.events {
        let place = e.place.as_deref().and_then(|p| g.place(p));
        let reported: std::collections::BTreeSet<&str> = e
            .provenance
            .iter()
            .flat_map(|p| p.reported_by.iter().map(|r| &**r))
            .collect();
        let row: Vec<String> = vec![
            cell_safe(&e.id),
            e.date.map(|d| d.start.to_string()).unwrap_or_default(),
            e.date.map(|d| d.end.to_string()).unwrap_or_default(),
            e.date
                .map(|d| d.precision.as_str().to_string())
                .unwrap_or_default(),
            e.kind.as_str().to_string(),
            cell_safe(&e.source.as_deref().map(name).unwrap_or_default()),
            cell_safe(&e.target.as_deref().map(name).unwrap_or_default()),
            cell_safe(
                &e.participants
                    .iter()
                    .map(|p| name(p))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            cell_safe(place.map(|p| p.name.as_str()).unwrap_or_default()),
            place.and_then(|p| p.country.clone()).unwrap_or_default(),
            place
                .and_then(|p| p.lat)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            place
                .and_then(|p| p.lon)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            e.factuality.as_str().to_string(),
            cell_safe(&e.trigger),
            e.cameo.clone().unwrap_or_default(),
            cell_safe(e.evidence()),
            cell_safe(&e.doc_ids().join("; ")),
            e.mentions.to_string(),
            e.documents.to_string(),
            e.sources.to_string(),
            cell_safe(&reported.into_iter().collect::<Vec<_>>().join("; ")),
        ];
        w.write_record(&row).map_err(csv_err)?;
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
