//! GEXF 1.3 with a timeline, as Gephi reads it: `timeformat="date"`,
//! `timezone="UTC"`, interval presence from event dates (disjoint `<spells>`
//! where an element lives over several periods), static attributes in one
//! block per class with `id == title`, `label` on every node, `weight`,
//! `kind` and `label` on edges. In the actor view each relation is its own
//! edge kind, so a meeting and a strike between the same pair stay apart.

use super::derived::Derived;
use super::network::Tie;
use super::xml::Xml;
use crate::graph::{EventGraph, Node};
use crate::model::{DateSpan, Factuality};
use chrono::{Days, NaiveDate};
use rustc_hash::FxHashMap;
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

fn header(w: &mut Xml, bounds: Option<(NaiveDate, NaiveDate)>) {
    w.start(
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
    );
    w.start("meta", &[]);
    w.start("creator", &[]);
    w.text("diplograph");
    // nothing is flushed before the first few kilobytes
    let _ = w.end_text("creator");
    let _ = w.end("meta");
    w.open("graph");
    for (k, v) in [
        ("mode", "dynamic"),
        ("defaultedgetype", "directed"),
        ("timeformat", "date"),
        ("timerepresentation", "interval"),
        ("timezone", "UTC"),
    ] {
        w.attr(k, v);
    }
    if let Some((s, e)) = bounds {
        w.attr_day("start", s);
        w.attr_day("end", e);
    }
    w.close_start();
}

/// `<attributes class=..>` with `(id, type)` pairs; the title is the id.
fn attributes(w: &mut Xml, class: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.start("attributes", &[("class", class), ("mode", "static")]);
    for (id, ty) in attrs {
        w.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    w.end("attributes")
}

/// `<attvalue for="KEY"` begun, for a key known when compiling, as one
/// string: the exports write one per value, copied whole rather than in
/// pieces.
macro_rules! attvalue {
    ($key:literal) => {
        concat!("<attvalue for=\"", $key, "\"")
    };
}

/// The `<attvalues>` of one element, opened on its first non-empty value:
/// an element whose values are all empty has none.
struct AttValues<'x, 'a> {
    w: &'x mut Xml<'a>,
    open: bool,
}

impl<'x, 'a> AttValues<'x, 'a> {
    fn new(w: &'x mut Xml<'a>) -> Self {
        AttValues { w, open: false }
    }

    /// `<attvalue for=..` begun (`tag` from [`attvalue!`]), `<attvalues>`
    /// first if not yet open.
    fn begin(&mut self, tag: &'static str) {
        if !std::mem::replace(&mut self.open, true) {
            self.w.start_static("<attvalues>");
        }
        self.w.open_static(tag);
    }

    /// A value of the program's own (a kind's name): nothing to escape.
    fn name(&mut self, tag: &'static str, value: &'static str) -> io::Result<()> {
        self.begin(tag);
        self.w.attr_static("value", value);
        self.w.close_empty()
    }

    fn text(&mut self, tag: &'static str, value: &str) -> io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        self.begin(tag);
        self.w.attr("value", value);
        self.w.close_empty()
    }

    /// What both graphs say of an actor: its type, country and role.
    fn actor(&mut self, a: &crate::graph::ActorNode) -> io::Result<()> {
        self.name(attvalue!("actor_type"), a.actor_type.as_str())?;
        self.text(
            attvalue!("country"),
            a.country.as_deref().unwrap_or_default(),
        )?;
        self.text(attvalue!("role"), a.role.as_deref().unwrap_or_default())
    }

    /// The value `items` joined by `;`.
    fn joined<S: AsRef<str>>(&mut self, tag: &'static str, items: &[S]) -> io::Result<()> {
        match items {
            [] => return Ok(()),
            [one] if one.as_ref().is_empty() => return Ok(()),
            _ => {}
        }
        self.begin(tag);
        self.w.attr_joined("value", items, ";");
        self.w.close_empty()
    }

    fn count(&mut self, tag: &'static str, n: usize) -> io::Result<()> {
        self.begin(tag);
        self.w.attr_count("value", n);
        self.w.close_empty()
    }

    fn day(&mut self, tag: &'static str, day: Option<NaiveDate>) -> io::Result<()> {
        let Some(day) = day else { return Ok(()) };
        self.begin(tag);
        self.w.attr_day("value", day);
        self.w.close_empty()
    }

    fn number(&mut self, tag: &'static str, v: Option<f64>) -> io::Result<()> {
        let Some(v) = v else { return Ok(()) };
        self.begin(tag);
        self.w.attr_f64("value", v);
        self.w.close_empty()
    }

    fn finish(self) -> io::Result<()> {
        if self.open {
            self.w.end("attvalues")?;
        }
        Ok(())
    }
}

fn write_spells(w: &mut Xml, spells: &[(NaiveDate, NaiveDate)]) -> io::Result<()> {
    w.start("spells", &[]);
    for (s, e) in spells {
        w.open("spell");
        w.attr_day("start", *s);
        w.attr_day("end", *e);
        w.close_empty()?;
    }
    w.end("spells")
}

/// Close the start tag of an element with its presence: `start`/`end`
/// attributes for one period, `<spells>` inside it for several.
fn close_with_presence(w: &mut Xml, spells: &[(NaiveDate, NaiveDate)]) -> io::Result<()> {
    match spells {
        [(s, e)] => {
            w.attr_day("start", *s);
            w.attr_day("end", *e);
            w.close_start();
            Ok(())
        }
        [] => {
            w.close_start();
            Ok(())
        }
        _ => {
            w.close_start();
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
    // merged in place: a second map would hash every id again
    for spells in out.values_mut() {
        *spells = disjoint_spells(std::mem::take(spells));
    }
    out
}

/// The node of event `i` with its attributes (the element is left open).
fn write_event_node(w: &mut Xml, d: &Derived, i: usize) -> io::Result<()> {
    let e = d.g.event(i);
    w.open("node");
    w.attr_prefixed("id", "event:", &e.id);
    w.attr("label", d.event_label(i));
    close_with_presence(w, span_of(&e.date).as_slice())?;
    let mut v = AttValues::new(w);
    v.name(attvalue!("node_type"), "event")?;
    v.name(attvalue!("kind"), e.kind.as_str())?;
    v.day(attvalue!("date"), e.date.map(|x| x.start))?;
    if let Some(x) = e.date {
        v.name(attvalue!("precision"), x.precision.as_str())?;
    }
    v.name(attvalue!("factuality"), e.factuality.as_str())?;
    v.text(attvalue!("trigger"), &e.trigger)?;
    v.text(attvalue!("cameo"), e.cameo.as_deref().unwrap_or_default())?;
    v.text(attvalue!("sentence"), e.evidence())?;
    v.count(attvalue!("mentions"), e.mentions)?;
    v.count(attvalue!("documents"), e.documents)?;
    v.count(attvalue!("sources"), e.sources)?;
    v.finish()
}

/// The full graph: actor, event and place nodes; event → actor/place edges,
/// each present from the event's date.
pub fn write_full(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Xml::new(out);
    header(&mut w, bounds(g));
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
    w.start("nodes", &[]);
    for n in g.graph.node_indices() {
        match &g.graph[n] {
            Node::Actor(a) => {
                let sp = spells.get(a.id.as_str()).map(Vec::as_slice);
                w.open("node");
                w.attr_prefixed("id", "actor:", &a.id);
                w.attr("label", &a.name);
                close_with_presence(&mut w, sp.unwrap_or_default())?;
                let mut v = AttValues::new(&mut w);
                v.name(attvalue!("node_type"), "actor")?;
                v.actor(a)?;
                v.finish()?;
            }
            Node::Event(i) => write_event_node(&mut w, d, *i)?,
            Node::Place(p) => {
                let sp = place_spells.get(p.id.as_str()).map(Vec::as_slice);
                w.open("node");
                w.attr_prefixed("id", "place:", &p.id);
                w.attr("label", &p.name);
                close_with_presence(&mut w, sp.unwrap_or_default())?;
                let mut v = AttValues::new(&mut w);
                v.name(attvalue!("node_type"), "place")?;
                v.text(
                    attvalue!("country"),
                    p.country.as_deref().unwrap_or_default(),
                )?;
                v.number(attvalue!("lat"), p.lat)?;
                v.number(attvalue!("lon"), p.lon)?;
                v.finish()?;
            }
        }
        w.end("node")?;
    }
    w.end("nodes")?;
    w.start("edges", &[]);
    for ei in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(ei) else {
            continue;
        };
        let (&Node::Event(event), target_node) = (&g.graph[a], &g.graph[b]) else {
            continue;
        };
        let e = g.event(event);
        let role = g.graph[ei].as_str();
        w.open("edge");
        w.attr_prefixed_count("id", "e", ei.index());
        w.attr_prefixed("source", "event:", &e.id);
        match target_node {
            Node::Actor(x) => w.attr_prefixed("target", "actor:", &x.id),
            Node::Place(p) => w.attr_prefixed("target", "place:", &p.id),
            Node::Event(x) => w.attr_prefixed("target", "event:", &g.event(*x).id),
        }
        w.attr_static("label", role);
        w.attr_static("kind", role);
        w.attr_static("weight", "1.0");
        close_with_presence(&mut w, span_of(&e.date).as_slice())?;
        let mut v = AttValues::new(&mut w);
        v.name(attvalue!("role"), role)?;
        v.finish()?;
        w.end("edge")?;
    }
    w.end("edges")?;
    w.end("graph")?;
    w.end("gexf")?;
    w.finish()
}

/// The actor network over asserted events: one edge per pair and relation
/// (`kind` = relation), present on the days of its events.
pub fn write_actors(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Xml::new(out);
    header(&mut w, bounds(g));
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
    let events: FxHashMap<&str, &crate::graph::EventNode> =
        g.data.events.iter().map(|e| (e.id.as_str(), e)).collect();
    w.start("nodes", &[]);
    for (a, stats) in g.data.actors.iter().zip(d.actor_stats()) {
        let sp = spells.get(a.id.as_str()).map(Vec::as_slice);
        w.open("node");
        w.attr("id", &a.id);
        w.attr("label", &a.name);
        close_with_presence(&mut w, sp.unwrap_or_default())?;
        let mut v = AttValues::new(&mut w);
        v.actor(a)?;
        for (tag, n) in [
            attvalue!("meetings"),
            attvalue!("statements"),
            attvalue!("strikes"),
            attvalue!("proposals"),
        ]
        .into_iter()
        .zip(stats.counts)
        {
            v.count(tag, n)?;
        }
        v.finish()?;
        w.end("node")?;
    }
    w.end("nodes")?;
    w.start("edges", &[]);
    for (i, t) in d.ties().iter().enumerate() {
        write_tie(&mut w, &events, i, t)?;
    }
    w.end("edges")?;
    w.end("graph")?;
    w.end("gexf")?;
    w.finish()
}

/// Edge `t{i}` of the actor network, present on the days of its events.
fn write_tie(
    w: &mut Xml,
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
    // "met" ties are symmetric, written in id order like the GraphML;
    // one edge direction keeps NetworkX and Gephi Lite reading alike
    w.open("edge");
    w.attr_prefixed_count("id", "t", i);
    w.attr("source", &t.source);
    w.attr("target", &t.target);
    w.attr_static("label", t.relation);
    w.attr_static("kind", t.relation);
    w.attr_count_as_f64("weight", t.weight);
    close_with_presence(w, &sp)?;
    let mut v = AttValues::new(w);
    v.name(attvalue!("relation"), t.relation)?;
    v.day(attvalue!("first_date"), t.first_date)?;
    v.day(attvalue!("last_date"), t.last_date)?;
    v.joined(attvalue!("event_ids"), &t.event_ids)?;
    v.count(attvalue!("sources"), t.sources)?;
    v.finish()?;
    w.end("edge")
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
