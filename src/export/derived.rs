//! What several views derive from the same graph — the actor network's
//! ties, per-actor counts and date spans, event labels — computed once per
//! export run instead of once per file.
//!
//! The files are written side by side, so each value sits in a
//! [`OnceLock`]: the first writer that needs it computes it, the others
//! wait for that result instead of repeating the work.

use super::network::{actor_stats, actor_ties, ActorStats, Tie};
use crate::graph::EventGraph;
use std::sync::OnceLock;

/// A finished graph and what its views share, each computed on first use.
pub struct Derived<'g> {
    pub g: &'g EventGraph,
    ties: OnceLock<Vec<Tie>>,
    stats: OnceLock<Vec<ActorStats>>,
    labels: OnceLock<Vec<String>>,
}

impl<'g> Derived<'g> {
    pub fn new(g: &'g EventGraph) -> Derived<'g> {
        Derived {
            g,
            ties: OnceLock::new(),
            stats: OnceLock::new(),
            labels: OnceLock::new(),
        }
    }

    /// [`actor_ties`] of the graph.
    pub fn ties(&self) -> &[Tie] {
        self.ties.get_or_init(|| actor_ties(self.g))
    }

    /// [`actor_stats`] of the graph: one per actor of `data.actors`, in
    /// its order.
    pub fn actor_stats(&self) -> &[ActorStats] {
        self.stats.get_or_init(|| actor_stats(self.g))
    }

    /// The label of event `i` (index into `data.events`), see
    /// [`super::graphml::event_label`].
    pub fn event_label(&self, i: usize) -> &str {
        let labels = self.labels.get_or_init(|| {
            self.g
                .data
                .events
                .iter()
                .map(|e| super::graphml::event_label(self.g, e))
                .collect()
        });
        labels.get(i).map(String::as_str).unwrap_or_default()
    }
}
