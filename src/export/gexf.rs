//! GEXF 1.3 with a timeline, as Gephi reads it: `timeformat="date"`,
//! `timezone="UTC"`, interval presence from event dates (disjoint `<spells>`
//! where an element lives over several periods), static attributes in one
//! block per class with `id == title`, `label` on every node, `weight`,
//! `kind` and `label` on edges. In the actor view each relation is its own
//! edge kind, so a meeting and a strike between the same pair stay apart.

use super::derived::Derived;
use super::network::Tie;
use super::xml::{empty, end, finish, start, writer, xml_err, W};
use crate::graph::{EventGraph, Node};
use crate::model::{DateSpan, Factuality};
use chrono::{Days, NaiveDate};
use quick_xml::events::{BytesDecl, Event};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const NS: &str = "http://gexf.net/1.3";

/// Days merged into disjoint closed intervals (Gephi rejects overlaps).
pub fn disjoint_spells(mut spans: Vec<(NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    spans.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1.checked_add_days(Days::new(1)).unwrap_or(last.1) => {
                last.1 = last.1.max(e);
            }
            _ => out.push((s, e)),
        }
    }
    out
}

fn header(w: &mut W, bounds: Option<(NaiveDate, NaiveDate)>) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(xml_err)?;
    start(
        w,
        "gexf",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )?;
    start(w, "meta", &[])?;
    start(w, "creator", &[])?;
    text(w, "diplograph")?;
    end(w, "creator")?;
    end(w, "meta")?;
    let (s, e) = bounds
        .map(|(s, e)| (s.to_string(), e.to_string()))
        .unwrap_or_default();
    let mut attrs = vec![
        ("mode", "dynamic"),
        ("defaultedgetype", "directed"),
        ("timeformat", "date"),
        ("timerepresentation", "interval"),
        ("timezone", "UTC"),
    ];
    if bounds.is_some() {
        attrs.push(("start", &s));
        attrs.push(("end", &e));
    }
    start(w, "graph", &attrs)
}

fn text(w: &mut W, s: &str) -> io::Result<()> {
    w.write_event(Event::Text(quick_xml::events::BytesText::new(
        &super::xml_safe(s),
    )))
    .map_err(xml_err)
}

/// `<attributes class=..>` with `(id, type)` pairs; the title is the id.
fn attributes(w: &mut W, class: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    start(w, "attributes", &[("class", class), ("mode", "static")])?;
    for (id, ty) in attrs {
        empty(w, "attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    end(w, "attributes")
}

/// `<attvalues>` of the non-empty values, none if all are empty.
fn attvalues(w: &mut W, values: &[(&str, &str)]) -> io::Result<()> {
    if values.iter().all(|(_, v)| v.is_empty()) {
        return Ok(());
    }
    start(w, "attvalues", &[])?;
    for (k, v) in values.iter().filter(|(_, v)| !v.is_empty()) {
        empty(w, "attvalue", &[("for", k), ("value", v)])?;
    }
    end(w, "attvalues")
}

/// A day as GEXF writes it (ISO), into a stack buffer: no `String` per
/// date of every node and edge.
fn iso_day(d: NaiveDate, buf: &mut [u8; 16]) -> &str {
    use std::io::Write as _;
    let mut cur = std::io::Cursor::new(&mut buf[..]);
    // chrono's Display of a date is at most 11 bytes ("+10000-01-01")
    let n = match write!(cur, "{d}") {
        Ok(()) => cur.position() as usize,
        Err(_) => 0,
    };
    std::str::from_utf8(&buf[..n]).unwrap_or_default()
}

fn write_spells(w: &mut W, spells: &[(NaiveDate, NaiveDate)]) -> io::Result<()> {
    start(w, "spells", &[])?;
    let (mut sb, mut eb) = ([0u8; 16], [0u8; 16]);
    for (s, e) in spells {
        empty(
            w,
            "spell",
            &[
                ("start", iso_day(*s, &mut sb)),
                ("end", iso_day(*e, &mut eb)),
            ],
        )?;
    }
    end(w, "spells")
}

/// Open `name` with `attrs` and its presence: `start`/`end` attributes
/// for one period, `<spells>` inside it for several.
fn open_element(
    w: &mut W,
    name: &str,
    attrs: &[(&str, &str)],
    spells: &[(NaiveDate, NaiveDate)],
) -> io::Result<()> {
    match spells {
        [(s, e)] => {
            let (mut sb, mut eb) = ([0u8; 16], [0u8; 16]);
            let mut all: Vec<(&str, &str)> = Vec::with_capacity(attrs.len() + 2);
            all.extend_from_slice(attrs);
            all.push(("start", iso_day(*s, &mut sb)));
            all.push(("end", iso_day(*e, &mut eb)));
            start(w, name, &all)
        }
        [] => start(w, name, attrs),
        _ => {
            start(w, name, attrs)?;
            write_spells(w, spells)
        }
    }
}

fn span_of(d: &Option<DateSpan>) -> Option<(NaiveDate, NaiveDate)> {
    d.map(|d| (d.start, d.end))
}

fn bounds(g: &EventGraph) -> Option<(NaiveDate, NaiveDate)> {
    let starts = g
        .data
        .events
        .iter()
        .filter_map(|e| e.date.map(|d| d.start))
        .min()?;
    let ends = g
        .data
        .events
        .iter()
        .filter_map(|e| e.date.map(|d| d.end))
        .max()?;
    Some((starts, ends))
}

/// Spells of every actor: the dates of the events it takes part in
/// (`asserted_only` for the actor network).
fn actor_spells(
    g: &EventGraph,
    asserted_only: bool,
) -> FxHashMap<&str, Vec<(NaiveDate, NaiveDate)>> {
    let mut out: FxHashMap<&str, Vec<(NaiveDate, NaiveDate)>> = FxHashMap::default();
    for e in &g.data.events {
        if asserted_only && e.factuality != Factuality::Asserted {
            continue;
        }
        if let Some(s) = span_of(&e.date) {
            for id in e.actor_ids() {
                out.entry(id).or_default().push(s);
            }
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, disjoint_spells(v)))
        .collect()
}

/// `prefix` + `id` into `buf`, reused across elements.
fn prefixed(buf: &mut String, prefix: &str, id: &str) {
    buf.clear();
    buf.push_str(prefix);
    buf.push_str(id);
}

/// The node of event `i` with its attributes (the element is left open).
fn write_event_node(w: &mut W, d: &Derived, i: usize, id: &mut String) -> io::Result<()> {
    let e = d.g.event(i);
    let sp: Vec<_> = span_of(&e.date).into_iter().collect();
    prefixed(id, "event:", &e.id);
    let attrs = [("id", id.as_str()), ("label", d.event_label(i))];
    open_element(w, "node", &attrs, &sp)?;
    let mut day = [0u8; 16];
    let date = e
        .date
        .map(|x| iso_day(x.start, &mut day))
        .unwrap_or_default();
    let (mentions, documents, sources) = (
        e.mentions.to_string(),
        e.documents.to_string(),
        e.sources.to_string(),
    );
    attvalues(
        w,
        &[
            ("node_type", "event"),
            ("kind", e.kind.as_str()),
            ("date", date),
            (
                "precision",
                e.date.map(|x| x.precision.as_str()).unwrap_or_default(),
            ),
            ("factuality", e.factuality.as_str()),
            ("trigger", &e.trigger),
            ("cameo", e.cameo.as_deref().unwrap_or_default()),
            ("sentence", e.evidence()),
            ("mentions", &mentions),
            ("documents", &documents),
            ("sources", &sources),
        ],
    )
}

/// The full graph: actor, event and place nodes; event → actor/place edges,
/// each present from the event's date.
pub fn write_full(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = writer(out);
    header(&mut w, bounds(g))?;
    attributes(
        &mut w,
        "node",
        &[
            ("node_type", "string"),
            ("actor_type", "string"),
            ("country", "string"),
            ("role", "string"),
            ("kind", "string"),
            ("date", "string"),
            ("precision", "string"),
            ("factuality", "string"),
            ("trigger", "string"),
            ("cameo", "string"),
            ("sentence", "string"),
            ("mentions", "integer"),
            ("documents", "integer"),
            ("sources", "integer"),
            ("lat", "double"),
            ("lon", "double"),
        ],
    )?;
    attributes(&mut w, "edge", &[("role", "string")])?;
    let spells = actor_spells(g, false);
    let mut place_spells: BTreeMap<&str, Vec<(NaiveDate, NaiveDate)>> = BTreeMap::new();
    for e in &g.data.events {
        if let (Some(p), Some(s)) = (e.place.as_deref(), span_of(&e.date)) {
            place_spells.entry(p).or_default().push(s);
        }
    }
    for v in place_spells.values_mut() {
        *v = disjoint_spells(std::mem::take(v));
    }
    start(&mut w, "nodes", &[])?;
    let mut id = String::new();
    for n in g.graph.node_indices() {
        match &g.graph[n] {
            Node::Actor(a) => {
                let sp = spells.get(a.id.as_str()).map(Vec::as_slice);
                prefixed(&mut id, "actor:", &a.id);
                let attrs = [("id", id.as_str()), ("label", a.name.as_str())];
                open_element(&mut w, "node", &attrs, sp.unwrap_or_default())?;
                attvalues(
                    &mut w,
                    &[
                        ("node_type", "actor"),
                        ("actor_type", a.actor_type.as_str()),
                        ("country", a.country.as_deref().unwrap_or_default()),
                        ("role", a.role.as_deref().unwrap_or_default()),
                    ],
                )?;
            }
            Node::Event(i) => write_event_node(&mut w, d, *i, &mut id)?,
            Node::Place(p) => {
                let sp = place_spells.get(p.id.as_str()).map(Vec::as_slice);
                prefixed(&mut id, "place:", &p.id);
                let attrs = [("id", id.as_str()), ("label", p.name.as_str())];
                open_element(&mut w, "node", &attrs, sp.unwrap_or_default())?;
                let lat = p.lat.map(|v| v.to_string()).unwrap_or_default();
                let lon = p.lon.map(|v| v.to_string()).unwrap_or_default();
                attvalues(
                    &mut w,
                    &[
                        ("node_type", "place"),
                        ("country", p.country.as_deref().unwrap_or_default()),
                        ("lat", &lat),
                        ("lon", &lon),
                    ],
                )?;
            }
        }
        end(&mut w, "node")?;
    }
    end(&mut w, "nodes")?;
    start(&mut w, "edges", &[])?;
    let (mut edge_id, mut source, mut target) = (String::new(), String::new(), String::new());
    for ei in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(ei) else {
            continue;
        };
        let (&Node::Event(event), target_node) = (&g.graph[a], &g.graph[b]) else {
            continue;
        };
        let e = g.event(event);
        match target_node {
            Node::Actor(x) => prefixed(&mut target, "actor:", &x.id),
            Node::Place(p) => prefixed(&mut target, "place:", &p.id),
            Node::Event(x) => prefixed(&mut target, "event:", &g.event(*x).id),
        }
        prefixed(&mut source, "event:", &e.id);
        edge_id.clear();
        // writing into a String cannot fail
        let _ = write!(edge_id, "e{}", ei.index());
        let role = g.graph[ei].as_str();
        let sp: Vec<_> = span_of(&e.date).into_iter().collect();
        let attrs = [
            ("id", edge_id.as_str()),
            ("source", source.as_str()),
            ("target", target.as_str()),
            ("label", role),
            ("kind", role),
            ("weight", "1.0"),
        ];
        open_element(&mut w, "edge", &attrs, &sp)?;
        attvalues(&mut w, &[("role", role)])?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    finish(w)
}

/// The actor network over asserted events: one edge per pair and relation
/// (`kind` = relation), present on the days of its events.
pub fn write_actors(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = writer(out);
    header(&mut w, bounds(g))?;
    attributes(
        &mut w,
        "node",
        &[
            ("actor_type", "string"),
            ("country", "string"),
            ("role", "string"),
            ("meetings", "integer"),
            ("statements", "integer"),
            ("strikes", "integer"),
            ("proposals", "integer"),
        ],
    )?;
    attributes(
        &mut w,
        "edge",
        &[
            ("relation", "string"),
            ("first_date", "string"),
            ("last_date", "string"),
            ("event_ids", "string"),
            ("sources", "integer"),
        ],
    )?;
    let spells = actor_spells(g, true);
    let counts = d.counts();
    let events: FxHashMap<&str, &crate::graph::EventNode> =
        g.data.events.iter().map(|e| (e.id.as_str(), e)).collect();
    start(&mut w, "nodes", &[])?;
    for a in &g.data.actors {
        let sp = spells.get(a.id.as_str()).map(Vec::as_slice);
        let attrs = [("id", a.id.as_str()), ("label", a.name.as_str())];
        open_element(&mut w, "node", &attrs, sp.unwrap_or_default())?;
        let c = counts.get(&a.id).copied().unwrap_or_default();
        let c = c.map(|n| n.to_string());
        attvalues(
            &mut w,
            &[
                ("actor_type", a.actor_type.as_str()),
                ("country", a.country.as_deref().unwrap_or_default()),
                ("role", a.role.as_deref().unwrap_or_default()),
                ("meetings", &c[0]),
                ("statements", &c[1]),
                ("strikes", &c[2]),
                ("proposals", &c[3]),
            ],
        )?;
        end(&mut w, "node")?;
    }
    end(&mut w, "nodes")?;
    start(&mut w, "edges", &[])?;
    for (i, t) in d.ties().iter().enumerate() {
        write_tie(&mut w, &events, i, t)?;
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    finish(w)
}

/// Edge `t{i}` of the actor network, present on the days of its events.
fn write_tie(
    w: &mut W,
    events: &FxHashMap<&str, &crate::graph::EventNode>,
    i: usize,
    t: &Tie,
) -> io::Result<()> {
    let sp = disjoint_spells(
        t.event_ids
            .iter()
            .filter_map(|id| events.get(id.as_str()).and_then(|e| span_of(&e.date)))
            .collect(),
    );
    let id = format!("t{i}");
    let weight = format!("{:.1}", t.weight as f64);
    let attrs = [
        ("id", id.as_str()),
        ("source", t.source.as_str()),
        ("target", t.target.as_str()),
        ("label", t.relation),
        ("kind", t.relation),
        ("weight", weight.as_str()),
    ];
    // "met" ties are symmetric, written in id order like the GraphML;
    // one edge direction keeps NetworkX and Gephi Lite reading alike
    open_element(w, "edge", &attrs, &sp)?;
    let (mut first, mut last) = ([0u8; 16], [0u8; 16]);
    let first = t
        .first_date
        .map(|x| iso_day(x, &mut first))
        .unwrap_or_default();
    let last = t
        .last_date
        .map(|x| iso_day(x, &mut last))
        .unwrap_or_default();
    attvalues(
        w,
        &[
            ("relation", t.relation),
            ("first_date", first),
            ("last_date", last),
            ("event_ids", &t.event_ids.join(";")),
            ("sources", &t.sources.to_string()),
        ],
    )?;
    end(w, "edge")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, m, day).unwrap()
    }

    #[test]
    fn spells_are_disjoint_and_sorted() {
        let s = disjoint_spells(vec![
            (d(4, 12), d(4, 12)),
            (d(4, 3), d(4, 9)),
            (d(4, 7), d(4, 7)),
            (d(4, 10), d(4, 10)),
        ]);
        assert_eq!(s, vec![(d(4, 3), d(4, 10)), (d(4, 12), d(4, 12))]);
    }
}
