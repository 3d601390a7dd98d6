//! GEXF 1.3 with a timeline, as Gephi reads it: `timeformat="date"`,
//! `timezone="UTC"`, interval presence from event dates (disjoint `<spells>`
//! where an element lives over several periods), static attributes in one
//! block per class with `id == title`, `label` on every node, `weight`,
//! `kind` and `label` on edges. In the actor view each relation is its own
//! edge kind, so a meeting and a strike between the same pair stay apart.

use super::network::{actor_event_counts, actor_ties};
use super::xml::{empty, end, finish, start, writer, xml_err, W};
use crate::graph::{EventGraph, Node};
use crate::model::{DateSpan, Factuality};
use chrono::{Days, NaiveDate};
use quick_xml::events::{BytesDecl, Event};
use std::collections::BTreeMap;
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

fn attvalues(w: &mut W, values: &[(&str, String)]) -> io::Result<()> {
    let present: Vec<&(&str, String)> = values.iter().filter(|(_, v)| !v.is_empty()).collect();
    if present.is_empty() {
        return Ok(());
    }
    start(w, "attvalues", &[])?;
    for (k, v) in present {
        empty(w, "attvalue", &[("for", k), ("value", v)])?;
    }
    end(w, "attvalues")
}

/// Presence of an element: `start`/`end` for one period, `<spells>` for
/// several. Returns the attributes to put on the element and whether spells
/// must be written inside it.
fn presence(spells: &[(NaiveDate, NaiveDate)]) -> (Vec<(&'static str, String)>, bool) {
    match spells {
        [] => (vec![], false),
        [(s, e)] => (
            vec![("start", s.to_string()), ("end", e.to_string())],
            false,
        ),
        _ => (vec![], true),
    }
}

fn write_spells(w: &mut W, spells: &[(NaiveDate, NaiveDate)]) -> io::Result<()> {
    start(w, "spells", &[])?;
    for (s, e) in spells {
        empty(
            w,
            "spell",
            &[("start", &s.to_string()), ("end", &e.to_string())],
        )?;
    }
    end(w, "spells")
}

fn open_element(
    w: &mut W,
    name: &str,
    mut attrs: Vec<(&str, String)>,
    spells: &[(NaiveDate, NaiveDate)],
) -> io::Result<()> {
    let (time, inner) = presence(spells);
    attrs.extend(time);
    let refs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    start(w, name, &refs)?;
    if inner {
        write_spells(w, spells)?;
    }
    Ok(())
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
) -> BTreeMap<String, Vec<(NaiveDate, NaiveDate)>> {
    let mut out: BTreeMap<String, Vec<(NaiveDate, NaiveDate)>> = BTreeMap::new();
    for e in &g.data.events {
        if asserted_only && e.factuality != Factuality::Asserted {
            continue;
        }
        if let Some(s) = span_of(&e.date) {
            for id in e.actor_ids() {
                out.entry(id.to_string()).or_default().push(s);
            }
        }
    }
    out.into_iter()
        .map(|(k, v)| (k, disjoint_spells(v)))
        .collect()
}

/// The full graph: actor, event and place nodes; event → actor/place edges,
/// each present from the event's date.
pub fn write_full(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
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
    start(&mut w, "nodes", &[])?;
    for n in g.graph.node_indices() {
        match &g.graph[n] {
            Node::Actor(a) => {
                let sp = spells.get(&a.id).cloned().unwrap_or_default();
                open_element(
                    &mut w,
                    "node",
                    vec![("id", format!("actor:{}", a.id)), ("label", a.name.clone())],
                    &sp,
                )?;
                attvalues(
                    &mut w,
                    &[
                        ("node_type", "actor".into()),
                        ("actor_type", a.actor_type.as_str().into()),
                        ("country", a.country.clone().unwrap_or_default()),
                        ("role", a.role.clone().unwrap_or_default()),
                    ],
                )?;
            }
            Node::Event(i) => {
                let e = g.event(*i);
                let sp: Vec<_> = span_of(&e.date).into_iter().collect();
                let label = super::graphml::event_label(g, e);
                open_element(
                    &mut w,
                    "node",
                    vec![("id", format!("event:{}", e.id)), ("label", label)],
                    &sp,
                )?;
                attvalues(
                    &mut w,
                    &[
                        ("node_type", "event".into()),
                        ("kind", e.kind.as_str().into()),
                        (
                            "date",
                            e.date.map(|d| d.start.to_string()).unwrap_or_default(),
                        ),
                        (
                            "precision",
                            e.date
                                .map(|d| d.precision.as_str().to_string())
                                .unwrap_or_default(),
                        ),
                        ("factuality", e.factuality.as_str().into()),
                        ("trigger", e.trigger.clone()),
                        ("cameo", e.cameo.clone().unwrap_or_default()),
                        ("sentence", e.evidence().to_string()),
                        ("mentions", e.mentions.to_string()),
                        ("documents", e.documents.to_string()),
                        ("sources", e.sources.to_string()),
                    ],
                )?;
            }
            Node::Place(p) => {
                let sp =
                    disjoint_spells(place_spells.get(p.id.as_str()).cloned().unwrap_or_default());
                open_element(
                    &mut w,
                    "node",
                    vec![("id", format!("place:{}", p.id)), ("label", p.name.clone())],
                    &sp,
                )?;
                attvalues(
                    &mut w,
                    &[
                        ("node_type", "place".into()),
                        ("country", p.country.clone().unwrap_or_default()),
                        ("lat", p.lat.map(|v| v.to_string()).unwrap_or_default()),
                        ("lon", p.lon.map(|v| v.to_string()).unwrap_or_default()),
                    ],
                )?;
            }
        }
        end(&mut w, "node")?;
    }
    end(&mut w, "nodes")?;
    start(&mut w, "edges", &[])?;
    for ei in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(ei) else {
            continue;
        };
        let (&Node::Event(event), target) = (&g.graph[a], &g.graph[b]) else {
            continue;
        };
        let e = g.event(event);
        let target_id = match target {
            Node::Actor(x) => format!("actor:{}", x.id),
            Node::Place(p) => format!("place:{}", p.id),
            Node::Event(x) => format!("event:{}", g.event(*x).id),
        };
        let role = g.graph[ei].as_str();
        let sp: Vec<_> = span_of(&e.date).into_iter().collect();
        open_element(
            &mut w,
            "edge",
            vec![
                ("id", format!("e{}", ei.index())),
                ("source", format!("event:{}", e.id)),
                ("target", target_id),
                ("label", role.to_string()),
                ("kind", role.to_string()),
                ("weight", "1.0".to_string()),
            ],
            &sp,
        )?;
        attvalues(&mut w, &[("role", role.to_string())])?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    finish(w)
}

/// The actor network over asserted events: one edge per pair and relation
/// (`kind` = relation), present on the days of its events.
pub fn write_actors(g: &EventGraph, out: &mut dyn Write) -> io::Result<()> {
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
    let counts = actor_event_counts(g);
    let events: rustc_hash::FxHashMap<&str, &crate::graph::EventNode> =
        g.data.events.iter().map(|e| (e.id.as_str(), e)).collect();
    start(&mut w, "nodes", &[])?;
    for a in &g.data.actors {
        let sp = spells.get(&a.id).cloned().unwrap_or_default();
        open_element(
            &mut w,
            "node",
            vec![("id", a.id.clone()), ("label", a.name.clone())],
            &sp,
        )?;
        let c = counts.get(&a.id).copied().unwrap_or_default();
        attvalues(
            &mut w,
            &[
                ("actor_type", a.actor_type.as_str().into()),
                ("country", a.country.clone().unwrap_or_default()),
                ("role", a.role.clone().unwrap_or_default()),
                ("meetings", c[0].to_string()),
                ("statements", c[1].to_string()),
                ("strikes", c[2].to_string()),
                ("proposals", c[3].to_string()),
            ],
        )?;
        end(&mut w, "node")?;
    }
    end(&mut w, "nodes")?;
    start(&mut w, "edges", &[])?;
    for (i, t) in actor_ties(g).iter().enumerate() {
        let sp = disjoint_spells(
            t.event_ids
                .iter()
                .filter_map(|id| events.get(id.as_str()).and_then(|e| span_of(&e.date)))
                .collect(),
        );
        let attrs = vec![
            ("id", format!("t{i}")),
            ("source", t.source.clone()),
            ("target", t.target.clone()),
            ("label", t.relation.to_string()),
            ("kind", t.relation.to_string()),
            ("weight", format!("{:.1}", t.weight as f64)),
        ];
        // "met" ties are symmetric, written in id order like the GraphML;
        // one edge direction keeps NetworkX and Gephi Lite reading alike
        open_element(&mut w, "edge", attrs, &sp)?;
        attvalues(
            &mut w,
            &[
                ("relation", t.relation.to_string()),
                (
                    "first_date",
                    t.first_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                (
                    "last_date",
                    t.last_date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                ("event_ids", t.event_ids.join(";")),
                ("sources", t.sources.to_string()),
            ],
        )?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "edges")?;
    end(&mut w, "graph")?;
    end(&mut w, "gexf")?;
    finish(w)
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
