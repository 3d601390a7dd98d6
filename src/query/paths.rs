//! Answers that walk the graph: neighbours within N events, and the
//! shortest chain of events joining two actors.
//!
//! The graph's edges run from events to actors; to walk between actors we
//! project the kept events and all actors onto an undirected petgraph
//! graph, plus one virtual start node tied at no cost to every actor of the
//! starting set (a country and its officials start together). One hop,
//! actor to event or event to actor, costs 1, so an actor's distance is
//! twice its depth.

use super::answers::{evidence, name_of};
use super::filter::{show_date, EventFilter};
use super::resolve::ActorSet;
use super::table::{col, machine_col, Table};
use crate::graph::{date_key, EventGraph, EventNode, Node};
use petgraph::algo::{astar, dijkstra};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::stable_graph::NodeIndex as StableIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, IntoNodeReferences};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A node of the projection.
#[derive(Debug, Clone, Copy)]
enum Hop<'g> {
    Start,
    Actor(&'g str),
    Event(&'g EventNode),
}

struct Projection<'g> {
    graph: UnGraph<Hop<'g>, u32>,
    start: NodeIndex,
}

impl<'g> Projection<'g> {
    /// Actors and kept events of `g`, joined as the full graph joins them,
    /// with the virtual start tied to `from`.
    fn new(g: &'g EventGraph, f: &EventFilter, from: &ActorSet) -> Projection<'g> {
        let mut graph: UnGraph<Hop<'g>, u32> = UnGraph::default();
        let mut index: HashMap<StableIndex, NodeIndex> = HashMap::new();
        for (i, node) in g.graph.node_references() {
            let hop = match node {
                Node::Actor(a) => Hop::Actor(a.id.as_str()),
                Node::Event(i) if f.keeps(g.event(*i)) => Hop::Event(g.event(*i)),
                Node::Event(_) | Node::Place(_) => continue,
            };
            index.insert(i, graph.add_node(hop));
        }
        for e in (&g.graph).edge_references() {
            if let (Some(&a), Some(&b)) = (index.get(&e.source()), index.get(&e.target())) {
                graph.add_edge(a, b, 1);
            }
        }
        let start = graph.add_node(Hop::Start);
        for id in &from.ids {
            if let Some(n) = g.actor_index.get(id).and_then(|i| index.get(i)) {
                graph.add_edge(start, *n, 0);
            }
        }
        Projection { graph, start }
    }

    fn actor(&self, n: NodeIndex) -> Option<&'g str> {
        match self.graph[n] {
            Hop::Actor(id) => Some(id),
            _ => None,
        }
    }

    /// Of the kept events joining two actors, the earliest: a chain of equal
    /// length could take any, so tell the story from its beginning.
    fn first_event_between(&self, a: NodeIndex, b: NodeIndex) -> Option<&'g EventNode> {
        let of_b: BTreeSet<NodeIndex> = self.graph.neighbors(b).collect();
        self.graph
            .neighbors(a)
            .filter(|n| of_b.contains(n))
            .filter_map(|n| self.event(n))
            .min_by(|x, y| {
                (x.date.is_none(), date_key(&x.date), &x.id).cmp(&(
                    y.date.is_none(),
                    date_key(&y.date),
                    &y.id,
                ))
            })
    }

    fn event(&self, n: NodeIndex) -> Option<&'g EventNode> {
        match self.graph[n] {
            Hop::Event(e) => Some(e),
            _ => None,
        }
    }
}

/// `path A B`: the shortest chain of events from an actor of `a` to one of
/// `b`, one row per event; `None` when no chain joins them.
pub fn path(g: &EventGraph, f: &EventFilter, a: &ActorSet, b: &ActorSet) -> Option<Table> {
    let p = Projection::new(g, f, a);
    let is_goal = |n: NodeIndex| p.actor(n).is_some_and(|id| b.contains(id));
    let (_, nodes) = astar(&p.graph, p.start, is_goal, |e| *e.weight(), |_| 0)?;
    let mut t = Table::new(vec![
        col("step"),
        col("from"),
        col("kind"),
        col("date"),
        col("to"),
        col("place"),
        col("evidence"),
        machine_col("event_id"),
    ]);
    // nodes: start, actor, event, actor, event, ..., actor
    for (step, w) in nodes[1..].windows(3).step_by(2).enumerate() {
        let (Some(from), Some(to)) = (p.actor(w[0]), p.actor(w[2])) else {
            continue;
        };
        let Some(e) = p.first_event_between(w[0], w[2]) else {
            continue;
        };
        let place = e
            .place
            .as_deref()
            .and_then(|id| g.place(id))
            .map(|pl| pl.name.as_str())
            .unwrap_or("");
        t.push(vec![
            (step + 1).into(),
            name_of(g, from).into(),
            e.kind.as_str().into(),
            show_date(e.date).into(),
            name_of(g, to).into(),
            place.into(),
            evidence(e).into(),
            e.id.as_str().into(),
        ]);
    }
    Some(t)
}

/// Who reached a neighbour, and through how many events.
#[derive(Default)]
struct Reach<'g> {
    events: BTreeSet<&'g str>,
    via: BTreeSet<&'g str>,
}

/// `neighbors ACTOR --depth N`: actors at most `depth` events away, nearest
/// first, each with the events and actors that reached it.
pub fn neighbors(g: &EventGraph, f: &EventFilter, who: &ActorSet, depth: usize) -> Table {
    let p = Projection::new(g, f, who);
    let dist = dijkstra(&p.graph, p.start, None, |e| *e.weight());
    let mut found: BTreeMap<(usize, &str), Reach> = BTreeMap::new();
    for (&n, &d) in &dist {
        let d = d as usize;
        let Some(id) = p.actor(n) else { continue };
        if d == 0 || d % 2 == 1 || d / 2 > depth || who.contains(id) {
            continue;
        }
        let reach = found.entry((d / 2, id)).or_default();
        // the events one step nearer the start, and their actors nearer still
        for ev in p
            .graph
            .neighbors(n)
            .filter(|m| dist.get(m) == Some(&(d as u32 - 1)))
        {
            let Some(e) = p.event(ev) else { continue };
            reach.events.insert(e.id.as_str());
            for before in p.graph.neighbors(ev) {
                if dist.get(&before) == Some(&(d as u32 - 2)) {
                    reach.via.extend(p.actor(before));
                }
            }
        }
    }
    let mut rows: Vec<((usize, &str), Reach)> = found.into_iter().collect();
    rows.sort_by(|((da, a), x), ((db, b), y)| {
        da.cmp(db)
            .then_with(|| y.events.len().cmp(&x.events.len()))
            .then_with(|| name_of(g, a).cmp(name_of(g, b)))
    });
    let mut t = Table::new(vec![
        col("depth"),
        col("actor"),
        col("type"),
        col("country"),
        col("events"),
        col("via"),
        machine_col("id"),
    ]);
    for ((d, id), reach) in rows {
        let Some(a) = g.actor(id) else { continue };
        let mut via: Vec<&str> = reach.via.iter().map(|v| name_of(g, v)).collect();
        via.sort();
        t.push(vec![
            d.into(),
            a.name.as_str().into(),
            a.actor_type.as_str().into(),
            a.country.clone().unwrap_or_default().into(),
            reach.events.len().into(),
            via.join("; ").into(),
            id.into(),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::Filters;
    use crate::query::tests::{asserted, column, fixture, set};

    #[test]
    fn the_shortest_chain_goes_through_shared_events() {
        let g = fixture();
        // Lavrov met Tillerson twice: one step, the first meeting
        let t = path(
            &g,
            &asserted(),
            &set(&["sergey-lavrov"]),
            &set(&["rex-tillerson"]),
        )
        .unwrap();
        assert_eq!(column(&t, "to"), ["Rex Tillerson"]);
        assert_eq!(t.get(0, "date").as_deref(), Some("2017-04-12"));
        // Russia spoke about Syria, which the U.S. struck
        let t = path(&g, &asserted(), &set(&["russia"]), &set(&["united-states"])).unwrap();
        assert_eq!(column(&t, "from"), ["Russia", "Syria"]);
        assert_eq!(column(&t, "to"), ["Syria", "United States"]);
        assert_eq!(column(&t, "kind"), ["statement", "strike"]);
    }

    #[test]
    fn no_chain_is_none_and_filters_cut_chains() {
        let g = fixture();
        assert!(path(
            &g,
            &asserted(),
            &set(&["sergey-lavrov"]),
            &set(&["kim-jong-un"])
        )
        .is_none());
        let meetings = crate::query::filter::event_filter(
            &Filters {
                kinds: vec![crate::model::EventKind::Meeting],
                ..Filters::default()
            },
            None,
        );
        assert!(path(&g, &meetings, &set(&["russia"]), &set(&["united-states"])).is_none());
    }

    #[test]
    fn neighbors_by_depth_with_the_events_and_actors_that_reach_them() {
        let g = fixture();
        let t = neighbors(&g, &asserted(), &set(&["syria"]), 1);
        assert_eq!(column(&t, "actor"), ["Russia", "United States"]);
        assert_eq!(column(&t, "depth"), ["1", "1"]);
        let t = neighbors(&g, &asserted(), &set(&["sergey-lavrov"]), 2);
        assert_eq!(column(&t, "actor"), ["Rex Tillerson"]);
        assert_eq!(t.get(0, "events").as_deref(), Some("2"));
        let t = neighbors(&g, &asserted(), &set(&["russia"]), 2);
        assert_eq!(column(&t, "actor"), ["Syria", "United States"]);
        assert_eq!(column(&t, "depth"), ["1", "2"]);
        assert_eq!(t.get(1, "via").as_deref(), Some("Syria"));
    }
}
