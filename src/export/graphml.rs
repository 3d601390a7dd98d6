//! GraphML, as Gephi, NetworkX and igraph read it: every key declared with
//! one of the six standard types and `for="node"` or `for="edge"`, a `label`
//! on every node and edge, `weight` > 0, `edgedefault` written. Dates are
//! ISO strings (GraphML has no date type and no timeline).

use super::derived::Derived;
use super::xml::{empty, end, finish, start, writer, W};
use super::xml_safe;
use crate::graph::{EventGraph, Node};
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{self, Write};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";

fn data(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    start(w, "data", &[("key", key)])?;
    w.write_event(Event::Text(BytesText::new(&xml_safe(value))))
        .map_err(super::xml::xml_err)?;
    end(w, "data")
}

fn opt(w: &mut W, key: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(v) if !v.is_empty() => data(w, key, v),
        _ => Ok(()),
    }
}

/// (id, for, attr.name, attr.type). Key ids are unique across the file;
/// node and edge keys may share an attr.name ("label").
type Key = (&'static str, &'static str, &'static str, &'static str);

fn header(w: &mut W, keys: &[Key]) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(super::xml::xml_err)?;
    start(
        w,
        "graphml",
        &[
            ("xmlns", NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    for (id, scope, name, ty) in keys {
        empty(
            w,
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
    let mut w = writer(out);
    header(&mut w, FULL_KEYS)?;
    start(
        &mut w,
        "graph",
        &[("id", "diplograph"), ("edgedefault", "directed")],
    )?;
    let mut ids = rustc_hash::FxHashMap::default();
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let id = match node {
            Node::Actor(a) => prefixed_nmtoken("actor:", &a.id),
            Node::Event(i) => prefixed_nmtoken("event:", &g.event(*i).id),
            Node::Place(p) => prefixed_nmtoken("place:", &p.id),
        };
        start(&mut w, "node", &[("id", &id)])?;
        match node {
            Node::Actor(a) => {
                data(&mut w, "label", &a.name)?;
                data(&mut w, "node_type", "actor")?;
                data(&mut w, "actor_type", a.actor_type.as_str())?;
                opt(&mut w, "country", a.country.as_deref())?;
                opt(&mut w, "role", a.role.as_deref())?;
            }
            Node::Event(i) => {
                let e = g.event(*i);
                data(&mut w, "label", d.event_label(*i))?;
                data(&mut w, "node_type", "event")?;
                data(&mut w, "kind", e.kind.as_str())?;
                if let Some(d) = e.date {
                    data(&mut w, "date_start", &d.start.to_string())?;
                    data(&mut w, "date_end", &d.end.to_string())?;
                    data(&mut w, "precision", d.precision.as_str())?;
                }
                data(&mut w, "factuality", e.factuality.as_str())?;
                data(&mut w, "trigger", &e.trigger)?;
                opt(&mut w, "cameo", e.cameo.as_deref())?;
                data(&mut w, "sentence", e.evidence())?;
                data(&mut w, "document_ids", &e.doc_ids().join(";"))?;
                data(&mut w, "mentions", &e.mentions.to_string())?;
                data(&mut w, "documents", &e.documents.to_string())?;
                data(&mut w, "sources", &e.sources.to_string())?;
            }
            Node::Place(p) => {
                data(&mut w, "label", &p.name)?;
                data(&mut w, "node_type", "place")?;
                opt(&mut w, "country", p.country.as_deref())?;
                if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                    data(&mut w, "lat", &lat.to_string())?;
                    data(&mut w, "lon", &lon.to_string())?;
                }
            }
        }
        end(&mut w, "node")?;
        ids.insert(n, id);
    }
    for e in g.graph.edge_indices() {
        let Some((a, b)) = g.graph.edge_endpoints(e) else {
            continue;
        };
        let role = g.graph[e].as_str();
        start(
            &mut w,
            "edge",
            &[
                ("id", &format!("e{}", e.index())),
                ("source", &ids[&a]),
                ("target", &ids[&b]),
            ],
        )?;
        data(&mut w, "e_label", role)?;
        data(&mut w, "e_role", role)?;
        data(&mut w, "weight", "1.0")?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "graph")?;
    end(&mut w, "graphml")?;
    finish(w)
}

/// An id as an XML name token (GraphML ids are NMTOKENs): characters
/// outside letters, digits, `.`, `-`, `_`, `:` become `_`.
fn nmtoken(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    push_nmtoken(&mut out, id);
    out
}

/// [`nmtoken`] of `prefix` + `id`, built in one `String`.
fn prefixed_nmtoken(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len());
    push_nmtoken(&mut out, prefix);
    push_nmtoken(&mut out, id);
    out
}

fn push_nmtoken(out: &mut String, id: &str) {
    out.extend(id.chars().map(|c| {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
            c
        } else {
            '_'
        }
    }));
}

/// "meeting 2017-04-12: Rex Tillerson, Sergey Lavrov".
pub fn event_label(g: &EventGraph, e: &crate::graph::EventNode) -> String {
    use std::fmt::Write as _;
    let mut label = String::with_capacity(64);
    // writing into a String cannot fail
    let _ = write!(label, "{} ", e.kind);
    match e.date {
        Some(d) => {
            let _ = write!(label, "{}", d.start);
        }
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
    let mut w = writer(out);
    header(&mut w, ACTOR_KEYS)?;
    start(
        &mut w,
        "graph",
        &[("id", "actors"), ("edgedefault", "directed")],
    )?;
    let (counts, spans) = (d.counts(), d.spans());
    for a in &g.data.actors {
        start(&mut w, "node", &[("id", &nmtoken(&a.id))])?;
        data(&mut w, "label", &a.name)?;
        data(&mut w, "actor_type", a.actor_type.as_str())?;
        opt(&mut w, "country", a.country.as_deref())?;
        opt(&mut w, "role", a.role.as_deref())?;
        let c = counts.get(&a.id).copied().unwrap_or_default();
        for (key, n) in ["meetings", "statements", "strikes", "proposals"]
            .iter()
            .zip(c)
        {
            data(&mut w, key, &n.to_string())?;
        }
        if let Some((first, last)) = spans.get(&a.id).copied() {
            data(&mut w, "first_date", &first.to_string())?;
            data(&mut w, "last_date", &last.to_string())?;
        }
        end(&mut w, "node")?;
    }
    for (i, t) in d.ties().iter().enumerate() {
        // one edge default for all readers: "met" ties are symmetric and
        // written in id order (NetworkX rejects mixed directions)
        start(
            &mut w,
            "edge",
            &[
                ("id", &format!("t{i}")),
                ("source", &nmtoken(&t.source)),
                ("target", &nmtoken(&t.target)),
            ],
        )?;
        data(&mut w, "edge_label", t.relation)?;
        data(&mut w, "relation", t.relation)?;
        data(&mut w, "kind", t.kind.as_str())?;
        data(&mut w, "weight", &format!("{:.1}", t.weight as f64))?;
        if let Some(d) = t.first_date {
            data(&mut w, "first_date_e", &d.to_string())?;
        }
        if let Some(d) = t.last_date {
            data(&mut w, "last_date_e", &d.to_string())?;
        }
        data(&mut w, "event_ids", &t.event_ids.join(";"))?;
        data(&mut w, "sources", &t.sources.to_string())?;
        end(&mut w, "edge")?;
    }
    end(&mut w, "graph")?;
    end(&mut w, "graphml")?;
    finish(w)
}
