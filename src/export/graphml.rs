//! GraphML, as Gephi, NetworkX and igraph read it: every key declared with
//! one of the six standard types and `for="node"` or `for="edge"`, a `label`
//! on every node and edge, `weight` > 0, `edgedefault` written. Dates are
//! ISO strings (GraphML has no date type and no timeline).

use super::derived::Derived;
use super::text::{any_byte, push_day_str};
use super::xml::Xml;
use crate::graph::{EventGraph, Node};
use chrono::NaiveDate;
use std::io::{self, Write};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// The start tag `<data key="KEY">` of a key known when compiling, as one
/// string: the exports write one per value, copied whole rather than in
/// pieces.
macro_rules! tag {
    ($key:literal) => {
        concat!("<data key=\"", $key, "\">")
    };
}

/// `<data key=..>` opened (`tag` from [`tag!`]), its value left to the
/// caller.
fn open_data(w: &mut Xml, tag: &'static str) {
    w.start_static(tag);
}

/// The end of a `<data>` element.
fn end_data(w: &mut Xml) -> io::Result<()> {
    w.end_text_static("</data>")
}

fn data(w: &mut Xml, tag: &'static str, value: &str) -> io::Result<()> {
    open_data(w, tag);
    w.text(value);
    end_data(w)
}

/// `<data>` of the program's own: a kind's name, a constant.
fn data_static(w: &mut Xml, tag: &'static str, value: &'static str) -> io::Result<()> {
    open_data(w, tag);
    w.text_static(value);
    end_data(w)
}

fn data_count(w: &mut Xml, tag: &'static str, n: usize) -> io::Result<()> {
    open_data(w, tag);
    w.text_count(n);
    end_data(w)
}

fn data_day(w: &mut Xml, tag: &'static str, day: NaiveDate) -> io::Result<()> {
    open_data(w, tag);
    w.text_day(day);
    end_data(w)
}

fn data_f64(w: &mut Xml, tag: &'static str, v: f64) -> io::Result<()> {
    open_data(w, tag);
    w.text_f64(v);
    end_data(w)
}

/// `<data>` whose value is `items` joined by `;`.
fn data_joined<S: AsRef<str>>(w: &mut Xml, tag: &'static str, items: &[S]) -> io::Result<()> {
    open_data(w, tag);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.text(";");
        }
        w.text(item.as_ref());
    }
    end_data(w)
}

fn opt(w: &mut Xml, tag: &'static str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(v) if !v.is_empty() => data(w, tag, v),
        _ => Ok(()),
    }
}

/// (id, for, attr.name, attr.type). Key ids are unique across the file;
/// node and edge keys may share an attr.name ("label").
type Key = (&'static str, &'static str, &'static str, &'static str);

fn header(w: &mut Xml, keys: &[Key]) -> io::Result<()> {
    w.start(
        "graphml",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    );
    for (id, scope, name, ty) in keys {
        w.empty(
            "key",
            &[
                ("id", id),
                ("for", scope),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )?;
    }
    Ok(())
}

const FULL_KEYS: &[Key] = &[
    ("label", "node", "label", "string"),
    ("node_type", "node", "node_type", "string"),
    ("actor_type", "node", "actor_type", "string"),
    ("country", "node", "country", "string"),
    ("role", "node", "role", "string"),
    ("kind", "node", "kind", "string"),
    ("date_start", "node", "date_start", "string"),
    ("date_end", "node", "date_end", "string"),
    ("precision", "node", "precision", "string"),
    ("factuality", "node", "factuality", "string"),
    ("trigger", "node", "trigger", "string"),
    ("cameo", "node", "cameo", "string"),
    ("sentence", "node", "sentence", "string"),
    ("document_ids", "node", "document_ids", "string"),
    ("mentions", "node", "mentions", "int"),
    ("documents", "node", "documents", "int"),
    ("sources", "node", "sources", "int"),
    ("lat", "node", "lat", "double"),
    ("lon", "node", "lon", "double"),
    ("e_label", "edge", "label", "string"),
    ("e_role", "edge", "role", "string"),
    ("weight", "edge", "weight", "double"),
];

/// The full graph: actor, event and place nodes; edges from each event to
/// its actors (with their role) and its place.
pub fn write_full(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Xml::new(out);
    header(&mut w, FULL_KEYS)?;
    w.start(
        "graph",
        &[("id", "diplograph"), ("edgedefault", "directed")],
    );
    // node ids by node index, for the edges' ends
    let mut ids = Vec::with_capacity(g.graph.node_count());
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let id = match node {
            Node::Actor(a) => prefixed_nmtoken("actor:", &a.id),
            Node::Event(i) => prefixed_nmtoken("event:", &g.event(*i).id),
            Node::Place(p) => prefixed_nmtoken("place:", &p.id),
        };
        w.start("node", &[("id", &id)]);
        match node {
            Node::Actor(a) => {
                data(&mut w, tag!("label"), &a.name)?;
                data_static(&mut w, tag!("node_type"), "actor")?;
                data_static(&mut w, tag!("actor_type"), a.actor_type.as_str())?;
                opt(&mut w, tag!("country"), a.country.as_deref())?;
                opt(&mut w, tag!("role"), a.role.as_deref())?;
            }
            Node::Event(i) => write_event_data(&mut w, d, *i)?,
            Node::Place(p) => {
                data(&mut w, tag!("label"), &p.name)?;
                data_static(&mut w, tag!("node_type"), "place")?;
                opt(&mut w, tag!("country"), p.country.as_deref())?;
                if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                    data_f64(&mut w, tag!("lat"), lat)?;
                    data_f64(&mut w, tag!("lon"), lon)?;
                }
            }
        }
        w.end("node")?;
        ids.push(id);
    }
    for e in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(e) else {
            continue;
        };
        let (Some(source), Some(target)) = (ids.get(a.index()), ids.get(b.index())) else {
            continue;
        };
        let role = g.graph[e].as_str();
        w.open("edge");
        w.attr_prefixed_count("id", "e", e.index());
        w.attr("source", source);
        w.attr("target", target);
        w.close_start();
        data_static(&mut w, tag!("e_label"), role)?;
        data_static(&mut w, tag!("e_role"), role)?;
        data_static(&mut w, tag!("weight"), "1.0")?;
        w.end("edge")?;
    }
    w.end("graph")?;
    w.end("graphml")?;
    w.finish()
}

/// The `<data>` of event `i`'s node.
fn write_event_data(w: &mut Xml, d: &Derived, i: usize) -> io::Result<()> {
    let e = d.g.event(i);
    data(w, tag!("label"), d.event_label(i))?;
    data_static(w, tag!("node_type"), "event")?;
    data_static(w, tag!("kind"), e.kind.as_str())?;
    if let Some(d) = e.date {
        data_day(w, tag!("date_start"), d.start)?;
        data_day(w, tag!("date_end"), d.end)?;
        data_static(w, tag!("precision"), d.precision.as_str())?;
    }
    data_static(w, tag!("factuality"), e.factuality.as_str())?;
    data(w, tag!("trigger"), &e.trigger)?;
    opt(w, tag!("cameo"), e.cameo.as_deref())?;
    data(w, tag!("sentence"), e.evidence())?;
    data_joined(w, tag!("document_ids"), &e.doc_ids())?;
    data_count(w, tag!("mentions"), e.mentions)?;
    data_count(w, tag!("documents"), e.documents)?;
    data_count(w, tag!("sources"), e.sources)
}

/// An id as an XML name token (GraphML ids are NMTOKENs) into `out`,
/// reused across elements: characters outside letters, digits, `.`, `-`,
/// `_`, `:` become `_`.
fn nmtoken_into(out: &mut String, id: &str) {
    out.clear();
    push_nmtoken(out, id);
}

/// [`nmtoken`] of `prefix` + `id`, built in one `String`.
fn prefixed_nmtoken(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len());
    push_nmtoken(&mut out, prefix);
    push_nmtoken(&mut out, id);
    out
}

fn push_nmtoken(out: &mut String, id: &str) {
    // ids are mostly ASCII slugs, a name token already
    if !any_byte(id.as_bytes(), |b| !is_name_byte(b)) {
        out.push_str(id);
        return;
    }
    out.extend(id.chars().map(|c| {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
            c
        } else {
            '_'
        }
    }));
}

/// An ASCII letter or digit, `.`, `-`, `_` or `:`: a byte a name token
/// keeps as it is. Written with `|` and ranges as subtractions, so that
/// [`any_byte`] checks many at once.
const fn is_name_byte(b: u8) -> bool {
    (b.wrapping_sub(b'0') < 10)
        | (b.wrapping_sub(b'A') < 26)
        | (b.wrapping_sub(b'a') < 26)
        | (b == b'.')
        | (b == b'-')
        | (b == b'_')
        | (b == b':')
}

/// "meeting 2017-04-12: Rex Tillerson, Sergey Lavrov".
pub fn event_label(g: &EventGraph, e: &crate::graph::EventNode) -> String {
    let mut label = String::with_capacity(64);
    label.push_str(e.kind.as_str());
    label.push(' ');
    match e.date {
        Some(d) => push_day_str(&mut label, d.start),
        None => label.push_str("undated"),
    }
    label.push_str(": ");
    for (i, id) in e.actor_ids().into_iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        label.push_str(g.actor(id).map(|a| a.name.as_str()).unwrap_or(id));
    }
    label
}

const ACTOR_KEYS: &[Key] = &[
    ("label", "node", "label", "string"),
    ("actor_type", "node", "actor_type", "string"),
    ("country", "node", "country", "string"),
    ("role", "node", "role", "string"),
    ("meetings", "node", "meetings", "int"),
    ("statements", "node", "statements", "int"),
    ("strikes", "node", "strikes", "int"),
    ("proposals", "node", "proposals", "int"),
    ("first_date", "node", "first_date", "string"),
    ("last_date", "node", "last_date", "string"),
    ("edge_label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("kind", "edge", "kind", "string"),
    ("weight", "edge", "weight", "double"),
    ("first_date_e", "edge", "first_date", "string"),
    ("last_date_e", "edge", "last_date", "string"),
    ("event_ids", "edge", "event_ids", "string"),
    ("sources", "edge", "sources", "int"),
];

/// The actor network: one edge per actor pair and relation, weighted by the
/// number of asserted events.
pub fn write_actors(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Xml::new(out);
    header(&mut w, ACTOR_KEYS)?;
    w.start("graph", &[("id", "actors"), ("edgedefault", "directed")]);
    let mut id = String::new();
    for (a, stats) in g.data.actors.iter().zip(d.actor_stats()) {
        nmtoken_into(&mut id, &a.id);
        w.start("node", &[("id", &id)]);
        data(&mut w, tag!("label"), &a.name)?;
        data_static(&mut w, tag!("actor_type"), a.actor_type.as_str())?;
        opt(&mut w, tag!("country"), a.country.as_deref())?;
        opt(&mut w, tag!("role"), a.role.as_deref())?;
        for (tag, n) in [
            tag!("meetings"),
            tag!("statements"),
            tag!("strikes"),
            tag!("proposals"),
        ]
        .into_iter()
        .zip(stats.counts)
        {
            data_count(&mut w, tag, n)?;
        }
        if let Some((first, last)) = stats.span {
            data_day(&mut w, tag!("first_date"), first)?;
            data_day(&mut w, tag!("last_date"), last)?;
        }
        w.end("node")?;
    }
    for (i, t) in d.ties().iter().enumerate() {
        // one edge default for all readers: "met" ties are symmetric and
        // written in id order (NetworkX rejects mixed directions)
        w.open("edge");
        w.attr_prefixed_count("id", "t", i);
        nmtoken_into(&mut id, &t.source);
        w.attr("source", &id);
        nmtoken_into(&mut id, &t.target);
        w.attr("target", &id);
        w.close_start();
        data_static(&mut w, tag!("edge_label"), t.relation)?;
        data_static(&mut w, tag!("relation"), t.relation)?;
        data_static(&mut w, tag!("kind"), t.kind.as_str())?;
        open_data(&mut w, tag!("weight"));
        w.text_count_as_f64(t.weight);
        end_data(&mut w)?;
        if let Some(d) = t.first_date {
            data_day(&mut w, tag!("first_date_e"), d)?;
        }
        if let Some(d) = t.last_date {
            data_day(&mut w, tag!("last_date_e"), d)?;
        }
        data_joined(&mut w, tag!("event_ids"), &t.event_ids)?;
        data_count(&mut w, tag!("sources"), t.sources)?;
        w.end("edge")?;
    }
    w.end("graph")?;
    w.end("graphml")?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character kept or replaced one by one: what `push_nmtoken`
    /// does for ids its fast path does not take.
    fn nmtoken_by_chars(id: &str) -> String {
        id.chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }

    #[test]
    fn name_bytes_are_ascii_letters_digits_and_four_marks() {
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':');
            assert_eq!(is_name_byte(b), want, "{b}");
        }
    }

    #[test]
    fn name_tokens_keep_letters_digits_and_punctuation_of_names() {
        for id in [
            "",
            "sergey-lavrov",
            "meeting:2017-04-12:a.b",
            "a b",
            "o'brien",
            "erdoğan",
            "北京",
            "x/y#z",
            "tab\there",
            "a-long-id-of-more-than-sixteen-bytes:2017-04-12",
            "a-long-id-of-more-than-sixteen-bytes:2017-04-12 x",
        ] {
            let mut out = String::from("keep:");
            push_nmtoken(&mut out, id);
            assert_eq!(out, format!("keep:{}", nmtoken_by_chars(id)), "{id:?}");
        }
    }
}
