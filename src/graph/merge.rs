//! Merging reports into events and actors into one node each.

use super::*;
use crate::model::Precision;

/// What makes two reports one event: kind, the set of actors (and place
/// target), the reported date, and whether it was denied.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventKey {
    pub kind: EventKind,
    pub actors: Vec<String>,
    pub negated: bool,
    pub date: Option<DateSpan>,
}

impl EventKey {
    /// A meeting is keyed by all its participants; other kinds by source
    /// and target, as in extraction.
    fn of(p: &Provenance, kind: EventKind, participants: &[String]) -> EventKey {
        let mut actors: Vec<String> = if kind == EventKind::Meeting {
            participants.to_vec()
        } else {
            Vec::new()
        };
        for x in p.source.iter().chain(p.target.iter()) {
            if !actors.contains(x) {
                actors.push(x.clone());
            }
        }
        actors.sort();
        actors.dedup();
        EventKey {
            kind,
            actors,
            negated: p.factuality == Factuality::Negated,
            date: p.date,
        }
    }
}

pub fn add_extraction(b: &mut GraphBuilder, x: &Extraction) {
    b.documents.insert(x.doc_id.clone());
    for a in &x.actors {
        add_actor(
            b,
            ActorNode {
                id: a.id.clone(),
                name: a.name.clone(),
                actor_type: a.actor_type,
                country: a.country.clone(),
                role: a.role.clone(),
            },
        );
    }
    for e in &x.events {
        let p = Provenance {
            doc_id: x.doc_id.clone(),
            outlet: x.source.clone(),
            event_id: e.id.clone(),
            sentence: e.sentence.clone(),
            span: e.span,
            trigger: e.trigger.clone(),
            factuality: e.factuality,
            date: e.date,
            source: e.source.clone(),
            target: e.target.clone(),
            place: e.place.clone(),
            reported_by: e.reported_by.clone(),
            cameo: e.cameo.clone(),
            participants: e.participants.clone(),
        };
        add_report(b, e.kind, p);
    }
}

fn add_report(b: &mut GraphBuilder, kind: EventKind, p: Provenance) {
    let key = EventKey::of(&p, kind, &p.participants);
    b.events
        .entry(key)
        .or_default()
        .insert((p.doc_id.clone(), p.event_id.clone()), p);
}

fn add_actor(b: &mut GraphBuilder, a: ActorNode) {
    match b.actors.get_mut(&a.id) {
        Some(old) => {
            if richer(&a, old) {
                *old = a;
            }
        }
        None => {
            b.actors.insert(a.id.clone(), a);
        }
    }
}

/// Of two descriptions of one actor, the one with more known fields, then
/// the lexicographically smaller: an order-independent choice.
fn richer(a: &ActorNode, b: &ActorNode) -> bool {
    let filled = |x: &ActorNode| x.country.is_some() as u8 + x.role.is_some() as u8;
    let ka = (std::cmp::Reverse(filled(a)), &a.name, &a.country, &a.role);
    let kb = (std::cmp::Reverse(filled(b)), &b.name, &b.country, &b.role);
    ka < kb
}

pub fn merge_builders(b: &mut GraphBuilder, other: GraphBuilder) {
    b.documents.extend(other.documents);
    for (_, a) in other.actors {
        add_actor(b, a);
    }
    for (key, reports) in other.events {
        b.events.entry(key).or_default().extend(reports);
    }
}

pub fn add_graph_data(b: &mut GraphBuilder, g: &GraphData) {
    b.documents.extend(g.documents.iter().cloned());
    for a in &g.actors {
        add_actor(b, a.clone());
    }
    for e in &g.events {
        for p in &e.provenance {
            add_report(b, e.kind, p.clone());
        }
    }
}

/// Group reports into events. Reports of one kind, between the same actors,
/// with the same polarity, are one event when their days lie within the
/// dedup window of each other and their places do not name different
/// countries; a report dated only to a week, month or year joins the one
/// such event its span holds, if there is exactly one.
/// Everything is decided on sorted data, so input order never matters.
fn grouped(b: &GraphBuilder) -> Vec<(EventKey, Vec<&Provenance>)> {
    if !b.options.dedup {
        return b
            .events
            .iter()
            .flat_map(|(k, v)| v.values().map(move |p| (k.clone(), vec![p])))
            .collect();
    }
    type Bucket<'a> = Vec<(EventKey, Vec<&'a Provenance>)>;
    let mut buckets: BTreeMap<(EventKind, Vec<String>, bool), Bucket> = BTreeMap::new();
    for (k, v) in &b.events {
        buckets
            .entry((k.kind, k.actors.clone(), k.negated))
            .or_default()
            .push((k.clone(), v.values().collect()));
    }
    let window = i64::from(b.options.dedup_window_days.max(1));
    buckets
        .into_values()
        .flat_map(|groups| cluster(groups, window))
        .collect()
}

/// Countries named by the places of a group's reports.
fn place_countries(reports: &[&Provenance]) -> BTreeSet<String> {
    reports
        .iter()
        .filter_map(|p| p.place.as_ref().and_then(|pl| pl.country.clone()))
        .collect()
}

fn places_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || !a.is_disjoint(b)
}

/// Split reports of one exact key by the country of their place; reports
/// without a place join the largest part (the first by name on a tie).
fn split_by_place(reports: Vec<&Provenance>) -> Vec<Vec<&Provenance>> {
    let mut parts: BTreeMap<String, Vec<&Provenance>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for p in reports {
        match p.place.as_ref().and_then(|pl| pl.country.clone()) {
            Some(c) => parts.entry(c).or_default().push(p),
            None => unplaced.push(p),
        }
    }
    let largest = parts
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.clone());
    match largest {
        Some(c) => {
            if let Some(v) = parts.get_mut(&c) {
                v.extend(unplaced);
            }
            parts.into_values().collect()
        }
        None => vec![unplaced],
    }
}

/// Merge the groups of one bucket (same kind, actors, polarity).
fn cluster(
    groups: Vec<(EventKey, Vec<&Provenance>)>,
    window: i64,
) -> Vec<(EventKey, Vec<&Provenance>)> {
    let is_fine = |k: &EventKey| k.date.is_some_and(|d| d.precision == Precision::Day);
    let (fine, coarse): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(k, _)| is_fine(k));
    // day-precise groups, in date order: join a cluster within the window
    // whose places agree
    type Cluster<'a> = (EventKey, Vec<&'a Provenance>, BTreeSet<String>, NaiveDate);
    let mut clusters: Vec<Cluster> = Vec::new();
    for (k, reports) in fine {
        let Some(d) = k.date else { continue };
        for part in split_by_place(reports) {
            let places = place_countries(&part);
            let joined = clusters
                .iter_mut()
                .rev()
                .take_while(|c| (d.start - c.3).num_days() < window)
                .find(|c| places_agree(&c.2, &places));
            match joined {
                Some(c) => {
                    c.1.extend(part);
                    c.2.extend(places);
                    c.3 = c.3.max(d.end);
                }
                None => clusters.push((k.clone(), part, places, d.end)),
            }
        }
    }
    let mut alone: Vec<(EventKey, Vec<&Provenance>)> = Vec::new();
    for (k, reports) in coarse {
        let places = place_countries(&reports);
        let holds: Vec<usize> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                // an undated report could be any day of any year: it joins
                // nothing reported elsewhere
                let inside = match k.date {
                    Some(span) => {
                        c.0.date
                            .is_some_and(|d| span.start <= d.start && d.end <= span.end)
                    }
                    None => false,
                };
                inside && places_agree(&c.2, &places)
            })
            .map(|(i, _)| i)
            .collect();
        match holds[..] {
            [i] => clusters[i].1.extend(reports),
            _ => alone.push((k, reports)),
        }
    }
    let mut out: Vec<(EventKey, Vec<&Provenance>)> =
        clusters.into_iter().map(|(k, r, _, _)| (k, r)).collect();
    out.extend(alone);
    out
}

/// A person nobody listed, named without a title in one document
/// ("Reagan") and with a country in others ("reagan-usa"), is one person
/// when exactly one such country version exists: their reports move to it.
/// Decided on the whole set, so merge order does not matter.
fn resolve_countryless_people(b: &mut GraphBuilder) {
    let mut remap: BTreeMap<String, String> = BTreeMap::new();
    for a in b.actors.values() {
        if a.actor_type != ActorType::Person || a.country.is_some() {
            continue;
        }
        let prefix = format!("{}-", a.id);
        let mut with_country = b
            .actors
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, x)| {
                let suffix = &k[prefix.len()..];
                x.actor_type == ActorType::Person
                    && x.name == a.name
                    && suffix.len() == 3
                    && suffix.chars().all(|c| c.is_ascii_lowercase())
            });
        if let (Some((k, _)), None) = (with_country.next(), with_country.next()) {
            remap.insert(a.id.clone(), k.clone());
        }
    }
    if remap.is_empty() {
        return;
    }
    let moved = |x: &mut String| {
        if let Some(to) = remap.get(x.as_str()) {
            *x = to.clone();
        }
    };
    let events = std::mem::take(&mut b.events);
    for (key, reports) in events {
        for (_, mut p) in reports {
            if let Some(x) = p.source.as_mut() {
                moved(x);
            }
            if let Some(x) = p.target.as_mut() {
                moved(x);
            }
            p.participants.iter_mut().for_each(moved);
            let mut seen = BTreeSet::new();
            p.participants.retain(|x| seen.insert(x.clone()));
            add_report(b, key.kind, p);
        }
    }
    for from in remap.keys() {
        b.actors.remove(from);
    }
}

/// Where each report of each event is stored: its key and (doc, event id).
type ReportAddress = (EventKey, (String, String));

/// The merged graph; consumes the builder so that every report moves into
/// its event instead of being copied.
pub fn to_data(mut b: GraphBuilder) -> GraphData {
    resolve_countryless_people(&mut b);
    let plan: Vec<(EventKey, Vec<ReportAddress>)> = grouped(&b)
        .into_iter()
        .map(|(key, reports)| {
            let addresses = reports
                .iter()
                .map(|p| {
                    let k = EventKey::of(p, key.kind, &p.participants);
                    (k, (p.doc_id.clone(), p.event_id.clone()))
                })
                .collect();
            (key, addresses)
        })
        .collect();
    let mut events = Vec::new();
    let mut places: BTreeMap<String, PlaceNode> = BTreeMap::new();
    let mut used_actors: BTreeSet<String> = BTreeSet::new();
    for (key, addresses) in plan {
        let mut reports: Vec<Provenance> = addresses
            .into_iter()
            .filter_map(|(k, id)| b.events.get_mut(&k).and_then(|m| m.remove(&id)))
            .collect();
        if reports.is_empty() {
            continue;
        }
        reports.sort_by(|x, y| {
            (&x.doc_id, &x.event_id, x.span).cmp(&(&y.doc_id, &y.event_id, y.span))
        });
        let strongest = reports
            .iter()
            .map(|p| p.factuality.strength())
            .max()
            .unwrap_or(0);
        let lead_at = reports
            .iter()
            .position(|p| p.factuality.strength() == strongest)
            .unwrap_or(0);
        let lead = &reports[lead_at];
        let date = reports
            .iter()
            .filter_map(|p| p.date)
            .min_by_key(|d| (d.precision, d.start, d.end));
        let place = reports
            .iter()
            .filter_map(|p| p.place.as_ref())
            .find(|p| p.lat.is_some())
            .or_else(|| reports.iter().find_map(|p| p.place.as_ref()));
        let place_id = place.map(|p| {
            let id = place_id(p);
            places.entry(id.clone()).or_insert_with(|| PlaceNode {
                id: id.clone(),
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
            });
            id
        });
        let mut participants: Vec<String> = Vec::new();
        for p in &reports {
            for x in &p.participants {
                if !participants.contains(x) {
                    participants.push(x.clone());
                }
            }
        }
        let is_actor = |x: &String| b.actors.contains_key(x);
        for x in participants
            .iter()
            .chain(lead.source.iter())
            .chain(lead.target.iter())
        {
            if is_actor(x) {
                used_actors.insert(x.clone());
            }
        }
        let mut outlets: BTreeSet<String> = BTreeSet::new();
        for p in &reports {
            match &p.outlet {
                Some(o) => {
                    outlets.insert(o.to_lowercase());
                }
                None => {
                    outlets.insert(format!("document:{}", p.doc_id));
                }
            }
            for r in &p.reported_by {
                outlets.insert(r.to_lowercase());
            }
        }
        let documents = reports
            .iter()
            .map(|p| p.doc_id.as_str())
            .collect::<BTreeSet<&str>>()
            .len();
        events.push(EventNode {
            id: event_id(&key, date),
            kind: key.kind,
            date,
            factuality: lead.factuality,
            source: lead.source.clone(),
            target: lead.target.clone(),
            participants,
            place: place_id,
            trigger: lead.trigger.clone(),
            cameo: lead.cameo.clone(),
            mentions: reports.len(),
            documents,
            sources: outlets.len(),
            provenance: reports,
        });
    }
    make_ids_unique(&mut events);
    events.sort_by(|x, y| (date_key(&x.date), &x.id).cmp(&(date_key(&y.date), &y.id)));
    GraphData {
        format: FORMAT.to_string(),
        documents: b.documents.iter().cloned().collect(),
        actors: b
            .actors
            .values()
            .filter(|a| used_actors.contains(&a.id))
            .cloned()
            .collect(),
        places: places.into_values().collect(),
        events,
    }
}

/// Events that share kind, date and actors but happened in different
/// countries get the place's country in their id; any still equal a number.
fn make_ids_unique(events: &mut [EventNode]) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in events.iter() {
        *count.entry(e.id.clone()).or_default() += 1;
    }
    for e in events.iter_mut() {
        if count[&e.id] > 1 {
            let country = e
                .provenance
                .iter()
                .find_map(|p| p.place.as_ref().and_then(|pl| pl.country.clone()))
                .unwrap_or_else(|| "unplaced".into());
            e.id = format!("{}@{}", e.id, country.to_ascii_lowercase());
        }
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in events.iter_mut() {
        let n = seen.entry(e.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            e.id = format!("{}~{}", e.id, n);
        }
    }
}

/// A readable, stable id that is also a valid XML name token:
/// `meeting:2017-04-12:rex-tillerson.sergey-lavrov` (`:not` for denials).
fn event_id(key: &EventKey, date: Option<DateSpan>) -> String {
    let d = date
        .map(|d| d.start.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "undated".into());
    let actors: Vec<String> = key
        .actors
        .iter()
        .map(|a| crate::extract::mentions::slug(a))
        .collect();
    let neg = if key.negated { ":not" } else { "" };
    let who = if actors.is_empty() {
        "unknown".to_string()
    } else {
        actors.join(".")
    };
    format!("{}:{}:{}{}", key.kind.as_str(), d, who, neg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Event};

    fn ext(doc: &str, day: u32, fact: Factuality, precision: Precision) -> Extraction {
        let d = NaiveDate::from_ymd_opt(2017, 4, day).unwrap();
        let date = match precision {
            Precision::Day => DateSpan::day(d),
            _ => DateSpan {
                start: NaiveDate::from_ymd_opt(2017, 4, 3).unwrap(),
                end: NaiveDate::from_ymd_opt(2017, 4, 9).unwrap(),
                precision,
            },
        };
        let actor = |id: &str| Actor {
            id: id.into(),
            name: id.into(),
            actor_type: ActorType::Person,
            country: None,
            role: None,
            mentions: vec![],
        };
        Extraction {
            doc_id: doc.into(),
            date: Some(d),
            title: String::new(),
            source: Some(format!("outlet-{doc}")),
            actors: vec![actor("a"), actor("b")],
            events: vec![Event {
                id: format!("{doc}#1"),
                kind: EventKind::Meeting,
                source: Some("a".into()),
                target: Some("b".into()),
                participants: vec!["a".into(), "b".into()],
                place: None,
                date: Some(date),
                factuality: fact,
                trigger: "met".into(),
                sentence: "A met B.".into(),
                span: [0, 8],
                reported_by: vec![],
                cameo: Some("040".into()),
            }],
        }
    }

    #[test]
    fn reports_of_one_meeting_become_one_event_with_all_provenance() {
        let mut b = GraphBuilder::new();
        b.add(&ext("d1", 7, Factuality::Possible, Precision::Day));
        b.add(&ext("d2", 7, Factuality::Asserted, Precision::Day));
        b.add(&ext("d3", 12, Factuality::Asserted, Precision::Week));
        let g = b.finish();
        assert_eq!(g.data.events.len(), 1, "{:#?}", g.data.events);
        let e = &g.data.events[0];
        assert_eq!(e.factuality, Factuality::Asserted);
        assert_eq!((e.mentions, e.documents, e.sources), (3, 3, 3));
        assert_eq!(e.date.unwrap().precision, Precision::Day);
    }

    #[test]
    fn merging_in_any_order_or_grouping_gives_the_same_graph() {
        let xs = [
            ext("d1", 7, Factuality::Possible, Precision::Day),
            ext("d2", 7, Factuality::Asserted, Precision::Day),
            ext("d3", 12, Factuality::Asserted, Precision::Week),
            ext("d4", 10, Factuality::Negated, Precision::Day),
        ];
        let mut all = GraphBuilder::new();
        for x in &xs {
            all.add(x);
        }
        let mut left = GraphBuilder::new();
        left.add(&xs[3]);
        left.add(&xs[0]);
        let mut right = GraphBuilder::new();
        right.add(&xs[2]);
        right.add(&xs[1]);
        let mut tree = GraphBuilder::new();
        tree.add_graph(&right.finish().data);
        tree.merge(left);
        assert_eq!(all.finish().data, tree.finish().data);
    }

    fn with_place(mut x: Extraction, country: &str) -> Extraction {
        x.events[0].place = Some(Place {
            name: format!("somewhere in {country}"),
            country: Some(country.into()),
            lat: None,
            lon: None,
        });
        x
    }

    #[test]
    fn the_dedup_window_decides_how_far_apart_reports_may_be() {
        let reports = [
            ext("d1", 7, Factuality::Asserted, Precision::Day),
            ext("d2", 8, Factuality::Asserted, Precision::Day),
        ];
        let count = |options: MergeOptions| {
            let mut b = GraphBuilder::with_options(options);
            for r in &reports {
                b.add(r);
            }
            b.finish().data.events.len()
        };
        assert_eq!(count(MergeOptions::default()), 2);
        assert_eq!(
            count(MergeOptions {
                dedup: true,
                dedup_window_days: 2
            }),
            1
        );
        assert_eq!(
            count(MergeOptions {
                dedup: false,
                dedup_window_days: 2
            }),
            2
        );
    }

    #[test]
    fn reports_placed_in_different_countries_stay_apart() {
        let mut b = GraphBuilder::new();
        b.add(&with_place(
            ext("d1", 7, Factuality::Asserted, Precision::Day),
            "CHE",
        ));
        b.add(&with_place(
            ext("d2", 7, Factuality::Asserted, Precision::Day),
            "FIN",
        ));
        b.add(&with_place(
            ext("d3", 7, Factuality::Asserted, Precision::Day),
            "CHE",
        ));
        let g = b.finish();
        let mentions: Vec<usize> = g.data.events.iter().map(|e| e.mentions).collect();
        assert_eq!(mentions.len(), 2, "{mentions:?}");
        assert!(mentions.contains(&2) && mentions.contains(&1));
    }

    #[test]
    fn a_person_named_without_a_title_joins_the_one_with_a_country() {
        let mut with_title = ext("d1", 7, Factuality::Asserted, Precision::Day);
        let mut bare = ext("d2", 8, Factuality::Asserted, Precision::Day);
        for (x, id, country) in [
            (&mut with_title, "reagan-usa", Some("USA")),
            (&mut bare, "reagan", None),
        ] {
            x.actors[0].id = id.into();
            x.actors[0].name = "Reagan".into();
            x.actors[0].country = country.map(String::from);
            x.events[0].source = Some(id.into());
            x.events[0].participants[0] = id.into();
        }
        let mut b = GraphBuilder::new();
        b.add(&bare);
        b.add(&with_title);
        let g = b.finish();
        let ids: Vec<&str> = g.data.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b", "reagan-usa"]);
        assert!(g
            .data
            .events
            .iter()
            .all(|e| e.participants.contains(&"reagan-usa".to_string())));
    }
}
