//! Answers that read the event list: who met whom, what linked two actors,
//! one actor's timeline, events by filter, actors with their counts.

use super::filter::{show_date, EventFilter};
use super::resolve::ActorSet;
use super::table::{col, machine_col, Cell, Column, Table};
use crate::graph::{date_key, EventGraph, EventNode};
use crate::model::{ActorType, EventKind};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Columns of every answer that lists events.
pub fn event_columns() -> Vec<Column> {
    vec![
        col("date"),
        col("kind"),
        col("actors"),
        col("place"),
        col("factuality"),
        col("sources"),
        col("documents"),
        col("evidence"),
        machine_col("event_id"),
        machine_col("date_end"),
        machine_col("precision"),
        machine_col("source"),
        machine_col("target"),
        machine_col("participants"),
    ]
}

pub fn event_row(g: &EventGraph, e: &EventNode) -> Vec<Cell> {
    let ids = |v: Vec<&str>| v.join("; ");
    vec![
        show_date(e.date).into(),
        e.kind.as_str().into(),
        actors_cell(g, e).into(),
        place_name(g, e).into(),
        e.factuality.as_str().into(),
        e.sources.into(),
        e.doc_ids().join("; ").into(),
        evidence(e).into(),
        e.id.as_str().into(),
        e.date
            .map(|d| d.end.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
            .into(),
        e.date.map(|d| d.precision.as_str()).unwrap_or("").into(),
        e.source.clone().unwrap_or_default().into(),
        e.target.clone().unwrap_or_default().into(),
        ids(e.participants.iter().map(String::as_str).collect()).into(),
    ]
}

/// "United States → Syria" for what one actor does to another, "Rex
/// Tillerson, Sergey Lavrov" for a meeting.
fn actors_cell(g: &EventGraph, e: &EventNode) -> String {
    match (e.kind, &e.source, &e.target) {
        (EventKind::Meeting, _, _) | (_, None, _) => e
            .actor_ids()
            .into_iter()
            .map(|id| name_of(g, id))
            .collect::<Vec<_>>()
            .join(", "),
        (_, Some(s), Some(t)) => format!("{} → {}", name_of(g, s), name_of(g, t)),
        (_, Some(s), None) => name_of(g, s).to_string(),
    }
}

/// The sentence of a report that says what the event is: for a meeting
/// first previewed as possible and then reported as held, the report of it
/// being held.
pub fn evidence(e: &EventNode) -> &str {
    e.provenance
        .iter()
        .find(|p| p.factuality == e.factuality)
        .map(|p| &*p.sentence)
        .unwrap_or_else(|| e.evidence())
}

pub fn name_of<'a>(g: &'a EventGraph, id: &'a str) -> &'a str {
    g.actor(id).map(|a| a.name.as_str()).unwrap_or(id)
}

fn place_name<'a>(g: &'a EventGraph, e: &EventNode) -> &'a str {
    e.place
        .as_deref()
        .and_then(|p| g.place(p))
        .map(|p| p.name.as_str())
        .unwrap_or("")
}

/// Events that pass the filter, in time order with undated ones last.
pub fn kept_events<'a>(g: &'a EventGraph, f: &'a EventFilter) -> Vec<&'a EventNode> {
    let mut v: Vec<&EventNode> = g.data.events.iter().filter(|e| f.keeps(e)).collect();
    // the graph is sorted by date already (undated first); a stable sort
    // only moves the undated to the end
    v.sort_by_key(|e| (e.date.is_none(), date_key(&e.date)));
    v
}

fn involves(e: &EventNode, set: &ActorSet) -> bool {
    e.actor_ids().iter().any(|id| set.contains(id))
}

fn event_table(g: &EventGraph, events: &[&EventNode]) -> Table {
    let mut t = Table::new(event_columns());
    for e in events {
        t.push(event_row(g, e));
    }
    t
}

/// `events`: every event the filters keep.
pub fn events(g: &EventGraph, f: &EventFilter) -> Table {
    event_table(g, &kept_events(g, f))
}

/// `timeline ACTOR`: the events involving the actor (set).
pub fn timeline(g: &EventGraph, f: &EventFilter, who: &ActorSet) -> Table {
    let v: Vec<&EventNode> = kept_events(g, f)
        .into_iter()
        .filter(|e| involves(e, who))
        .collect();
    event_table(g, &v)
}

/// `between A B`: events with an actor of each side (two different actors,
/// so "Russia" and "Lavrov" are not linked by Lavrov alone).
pub fn between(g: &EventGraph, f: &EventFilter, a: &ActorSet, b: &ActorSet) -> Table {
    let v: Vec<&EventNode> = kept_events(g, f)
        .into_iter()
        .filter(|e| links(e, a, b))
        .collect();
    event_table(g, &v)
}

fn links(e: &EventNode, a: &ActorSet, b: &ActorSet) -> bool {
    let ids = e.actor_ids();
    ids.iter()
        .any(|x| a.contains(x) && ids.iter().any(|y| y != x && b.contains(y)))
}

/// First and last day seen, over spans.
#[derive(Debug, Clone, Copy, Default)]
struct Span(Option<(NaiveDate, NaiveDate)>);

impl Span {
    fn add(&mut self, e: &EventNode) {
        if let Some(d) = e.date {
            self.0 = Some(match self.0 {
                Some((a, b)) => (a.min(d.start), b.max(d.end)),
                None => (d.start, d.end),
            });
        }
    }

    fn first(&self) -> String {
        self.0.map(|(a, _)| a.to_string()).unwrap_or_default()
    }

    fn last(&self) -> String {
        self.0.map(|(_, b)| b.to_string()).unwrap_or_default()
    }
}

#[derive(Default)]
struct Partner {
    meetings: usize,
    span: Span,
    places: BTreeSet<String>,
}

/// `met ACTOR`: everyone the actor (set) met, with how often, when and
/// where. Members of the set meeting each other are not partners.
pub fn met(g: &EventGraph, f: &EventFilter, who: &ActorSet) -> Table {
    let mut partners: BTreeMap<&str, Partner> = BTreeMap::new();
    for e in kept_events(g, f) {
        if e.kind != EventKind::Meeting || !involves(e, who) {
            continue;
        }
        for id in e.actor_ids() {
            if who.contains(id) || g.actor(id).is_none() {
                continue;
            }
            let p = partners.entry(id).or_default();
            p.meetings += 1;
            p.span.add(e);
            let place = place_name(g, e);
            if !place.is_empty() {
                p.places.insert(place.to_string());
            }
        }
    }
    let mut rows: Vec<(&str, Partner)> = partners.into_iter().collect();
    rows.sort_by(|(a, x), (b, y)| {
        y.meetings
            .cmp(&x.meetings)
            .then_with(|| name_of(g, a).cmp(name_of(g, b)))
    });
    let mut t = Table::new(vec![
        col("actor"),
        col("type"),
        col("country"),
        col("meetings"),
        col("first"),
        col("last"),
        col("places"),
        machine_col("id"),
    ]);
    for (id, p) in rows {
        let Some(a) = g.actor(id) else { continue };
        t.push(vec![
            a.name.as_str().into(),
            a.actor_type.as_str().into(),
            a.country.clone().unwrap_or_default().into(),
            p.meetings.into(),
            p.span.first().into(),
            p.span.last().into(),
            p.places.into_iter().collect::<Vec<_>>().join("; ").into(),
            id.into(),
        ]);
    }
    t
}

/// Which actors `actors` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorFilter {
    pub country: Option<String>,
    pub actor_type: Option<ActorType>,
}

#[derive(Default)]
struct Counts {
    per_kind: [usize; 4],
    span: Span,
}

/// `actors`: the actors with their events per kind (under the filters),
/// busiest first; actors with no kept event are left out.
pub fn actors(g: &EventGraph, f: &EventFilter, which: &ActorFilter) -> Table {
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    for e in kept_events(g, f) {
        let k = EventKind::ALL
            .iter()
            .position(|&k| k == e.kind)
            .unwrap_or(0);
        for id in e.actor_ids() {
            let c = counts.entry(id).or_default();
            c.per_kind[k] += 1;
            c.span.add(e);
        }
    }
    let mut rows: Vec<(&crate::graph::ActorNode, Counts)> = counts
        .into_iter()
        .filter_map(|(id, c)| g.actor(id).map(|a| (a, c)))
        .filter(|(a, _)| {
            which
                .country
                .as_ref()
                .is_none_or(|c| a.country.as_deref() == Some(c.as_str()))
                && which.actor_type.is_none_or(|t| a.actor_type == t)
        })
        .collect();
    let total = |c: &Counts| c.per_kind.iter().sum::<usize>();
    rows.sort_by(|(a, x), (b, y)| total(y).cmp(&total(x)).then_with(|| a.name.cmp(&b.name)));
    let mut t = Table::new(vec![
        col("actor"),
        col("type"),
        col("country"),
        col("role"),
        col("meetings"),
        col("statements"),
        col("strikes"),
        col("proposals"),
        col("events"),
        col("first"),
        col("last"),
        machine_col("id"),
    ]);
    for (a, c) in rows {
        let mut row: Vec<Cell> = vec![
            a.name.as_str().into(),
            a.actor_type.as_str().into(),
            a.country.clone().unwrap_or_default().into(),
            a.role.clone().unwrap_or_default().into(),
        ];
        row.extend(c.per_kind.iter().map(|&n| Cell::from(n)));
        row.push(total(&c).into());
        row.push(c.span.first().into());
        row.push(c.span.last().into());
        row.push(a.id.as_str().into());
        t.push(row);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::Filters;
    use crate::query::tests::{asserted, column, fixture, set};

    #[test]
    fn met_counts_each_partner_with_dates_and_places() {
        let g = fixture();
        let t = met(&g, &asserted(), &set(&["sergey-lavrov"]));
        assert_eq!(column(&t, "actor"), ["Rex Tillerson"]);
        assert_eq!(t.get(0, "meetings").as_deref(), Some("2"));
        assert_eq!(t.get(0, "first").as_deref(), Some("2017-04-12"));
        assert_eq!(t.get(0, "last").as_deref(), Some("2017-05-10"));
        assert_eq!(t.get(0, "places").as_deref(), Some("Moscow; Washington"));
    }

    #[test]
    fn planned_and_denied_meetings_count_only_when_asked_for() {
        let g = fixture();
        let all = crate::query::filter::event_filter(
            &Filters {
                factualities: vec![],
                ..Filters::default()
            },
            None,
        );
        let t = met(&g, &all, &set(&["recep-tayyip-erdogan"]));
        assert_eq!(column(&t, "actor"), ["Rex Tillerson"]);
        let t = met(&g, &asserted(), &set(&["recep-tayyip-erdogan"]));
        assert!(t.rows.is_empty());
    }

    #[test]
    fn a_country_set_meets_others_not_its_own_officials() {
        let g = fixture();
        let russia = set(&["russia", "sergey-lavrov"]);
        let t = met(&g, &asserted(), &russia);
        assert_eq!(column(&t, "actor"), ["Rex Tillerson"]);
        let usa = set(&["united-states", "rex-tillerson"]);
        let t = between(&g, &asserted(), &usa, &russia);
        assert_eq!(
            column(&t, "event_id"),
            [
                "meeting:2017-04-12:rex-tillerson.sergey-lavrov",
                "meeting:2017-05-10:rex-tillerson.sergey-lavrov"
            ]
        );
        assert_eq!(
            t.get(0, "evidence").as_deref(),
            Some("Tillerson met Lavrov in Moscow.")
        );
    }

    #[test]
    fn timeline_is_in_time_order_and_events_filter_by_kind() {
        let g = fixture();
        let t = timeline(&g, &asserted(), &set(&["united-states"]));
        assert_eq!(column(&t, "date"), ["2017-04-07"]);
        assert_eq!(t.get(0, "actors").as_deref(), Some("United States → Syria"));
        let strikes = crate::query::filter::event_filter(
            &Filters {
                kinds: vec![EventKind::Strike],
                ..Filters::default()
            },
            None,
        );
        assert_eq!(column(&events(&g, &strikes), "kind"), ["strike"]);
        assert_eq!(events(&g, &asserted()).rows.len(), 4);
    }

    #[test]
    fn actors_count_kept_events_per_kind_busiest_first() {
        let g = fixture();
        let t = actors(&g, &asserted(), &ActorFilter::default());
        assert_eq!(t.get(0, "actor").as_deref(), Some("Rex Tillerson"));
        assert_eq!(t.get(0, "meetings").as_deref(), Some("2"));
        let people_of_usa = ActorFilter {
            country: Some("USA".into()),
            actor_type: Some(ActorType::Country),
        };
        assert_eq!(
            column(&actors(&g, &asserted(), &people_of_usa), "actor"),
            ["United States"]
        );
    }
}
