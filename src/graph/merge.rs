//! Merging reports into events and actors into one node each.

use super::*;
use crate::model::Precision;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cmp::Ordering;

/// What makes two reports one event: kind, the set of actors (and place
/// target), the reported date, and whether it was denied.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventKey {
    pub kind: EventKind,
    pub actors: Vec<Text>,
    pub negated: bool,
    pub date: Option<DateSpan>,
}

impl EventKey {
    /// A meeting is keyed by all its participants; other kinds by source
    /// and target, as in extraction.
    fn of(p: &Provenance, kind: EventKind, participants: &[Text]) -> EventKey {
        let mut actors: Vec<Text> = Vec::with_capacity(participants.len() + 2);
        if kind == EventKind::Meeting {
            actors.extend_from_slice(participants);
        }
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
    let doc_id = document(b, &x.doc_id);
    for a in &x.actors {
        add_extracted_actor(b, a);
    }
    let outlet = b.strings.opt_text(x.source.as_deref());
    // a sentence often holds several events: hashed once for them all
    let mut last_sentence: Option<(&str, Text)> = None;
    for e in &x.events {
        let s = &mut b.strings;
        let sentence = match &last_sentence {
            Some((text, shared)) if *text == e.sentence => shared.clone(),
            _ => s.text(&e.sentence),
        };
        last_sentence = Some((&e.sentence, sentence.clone()));
        let p = Provenance {
            doc_id: doc_id.clone(),
            outlet: outlet.clone(),
            // unique per report: nothing to share
            event_id: Text::from(e.id.as_str()),
            sentence,
            span: e.span,
            trigger: s.text(&e.trigger),
            factuality: e.factuality,
            date: e.date,
            source: s.opt_text(e.source.as_deref()),
            target: s.opt_text(e.target.as_deref()),
            place: e.place.as_ref().map(|pl| s.place(pl)),
            reported_by: s.texts(e.reported_by.iter().map(String::as_str)),
            cameo: s.opt_text(e.cameo.as_deref()),
            participants: s.texts(e.participants.iter().map(String::as_str)),
        };
        add_report(b, e.kind, p);
    }
}

/// A document's id, registered; the one copy of it that its reports share.
fn document(b: &mut GraphBuilder, id: &str) -> Text {
    if let Some(known) = b.documents.get(id) {
        return known.clone();
    }
    let id = Text::from(id);
    b.documents.insert(id.clone());
    id
}

/// The same report with its strings replaced by this builder's copies
/// (for reports built elsewhere: another builder, a graph file).
fn shared_report(b: &mut GraphBuilder, p: Provenance) -> Provenance {
    let share_all = |s: &mut intern::Interner, v: Vec<Text>| -> Vec<Text> {
        v.iter().map(|t| s.share(t)).collect()
    };
    let s = &mut b.strings;
    Provenance {
        doc_id: b.documents.get(&p.doc_id).unwrap_or(&p.doc_id).clone(),
        outlet: p.outlet.as_ref().map(|t| s.share(t)),
        event_id: p.event_id,
        sentence: s.share(&p.sentence),
        span: p.span,
        trigger: s.share(&p.trigger),
        factuality: p.factuality,
        date: p.date,
        source: p.source.as_ref().map(|t| s.share(t)),
        target: p.target.as_ref().map(|t| s.share(t)),
        place: p.place.as_deref().map(|pl| s.place(pl)),
        reported_by: share_all(s, p.reported_by),
        cameo: p.cameo.as_ref().map(|t| s.share(t)),
        participants: share_all(s, p.participants),
    }
}

fn add_report(b: &mut GraphBuilder, kind: EventKind, p: Provenance) {
    let key = EventKey::of(&p, kind, &p.participants);
    b.events.entry(key).or_default().push(p);
}

/// An actor as one document describes it; copied only when it is new or
/// richer than what is known, since most documents name known actors.
fn add_extracted_actor(b: &mut GraphBuilder, a: &crate::model::Actor) {
    if let Some(old) = b.actors.get(&a.id) {
        let (country, role) = (a.country.as_deref(), a.role.as_deref());
        if !richer((&a.name, country, role), described(old)) {
            return;
        }
    }
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

fn add_actor(b: &mut GraphBuilder, a: ActorNode) {
    match b.actors.get_mut(&a.id) {
        Some(old) => {
            if richer(described(&a), described(old)) {
                *old = a;
            }
        }
        None => {
            b.actors.insert(a.id.clone(), a);
        }
    }
}

/// What [`richer`] compares: name, country, role.
type Description<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

fn described(a: &ActorNode) -> Description<'_> {
    (&a.name, a.country.as_deref(), a.role.as_deref())
}

/// Of two descriptions of one actor, the one with more known fields, then
/// the lexicographically smaller: an order-independent choice.
fn richer(a: Description, b: Description) -> bool {
    let filled = |x: &Description| x.1.is_some() as u8 + x.2.is_some() as u8;
    let ka = (std::cmp::Reverse(filled(&a)), a);
    let kb = (std::cmp::Reverse(filled(&b)), b);
    ka < kb
}

pub fn merge_builders(b: &mut GraphBuilder, other: GraphBuilder) {
    b.documents.extend(other.documents);
    for (_, a) in other.actors {
        add_actor(b, a);
    }
    for (key, reports) in other.events {
        for p in reports {
            let p = shared_report(b, p);
            add_report(b, key.kind, p);
        }
    }
}
pub fn add_graph_data(b: &mut GraphBuilder, g: &GraphData) {
    for d in &g.documents {
        document(b, d);
    }
    for a in &g.actors {
        add_actor(b, a.clone());
    }
    for e in &g.events {
        for p in &e.provenance {
            let p = shared_report(b, p.clone());
            add_report(b, e.kind, p);
        }
    }
}

/// Reports of one exact key, or of one event once grouped.
type Group = (EventKey, Vec<Provenance>);

/// The builder's reports, one bucket at a time: a bucket holds the exact
/// keys of one kind, actor set and polarity (adjacent in key order), the
/// only reports that may be one event. Taking buckets one by one lets each
/// become events while the rest still waits in the builder, so reports are
/// never held twice.
fn buckets(events: FxHashMap<EventKey, Vec<Provenance>>) -> Buckets {
    let keyed: Vec<Group> = events.into_iter().collect();
    let keyed = sort_by_opening(keyed, |g| key_opening(&g.0), |a, b| key_order(&a.0, &b.0));
    Buckets {
        rest: keyed.into_iter().peekable(),
    }
}

/// What decides most comparisons of two keys, as one number: the kind,
/// whether there are actors, and the first seven bytes of the first actor.
fn key_opening(k: &EventKey) -> u64 {
    let first = k.actors.first().map_or(0, |a| opening(a.as_bytes()) >> 8);
    (k.kind as u64) << 62 | u64::from(!k.actors.is_empty()) << 61 | first
}

/// The first eight bytes of a string as a number, zero-padded: of two
/// strings with different openings, the one with the smaller is first.
fn opening(s: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s[..n]);
    u64::from_be_bytes(b)
}

/// The first 24 bytes of a string as three [`opening`]s: strings that
/// differ there are ordered by the numbers alone, whatever they share
/// before their eighth byte (as the doc ids of one source do).
fn openings(s: &[u8]) -> [u64; 3] {
    let word = |k: usize| opening(s.get(8 * k..).unwrap_or_default());
    [word(0), word(1), word(2)]
}

/// `items` in `order`, given no two are equal. `opening` gives each a
/// number (or numbers) that orders them as `order` does wherever the
/// numbers differ: most comparisons are of numbers, and items are sorted
/// as (number, position) pairs, so each item moves once rather than at
/// every swap.
fn sort_by_opening<T, K: Ord>(
    items: Vec<T>,
    opening: impl Fn(&T) -> K,
    order: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    let mut keyed: Vec<(K, usize)> = items.iter().map(opening).zip(0..).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| order(&items[a.1], &items[b.1])));
    permuted(items, keyed.iter().map(|&(_, i)| i))
}

/// `items` taken in the order of their positions in `order`, a permutation
/// of `0..items.len()`: each item is moved once.
fn permuted<T>(items: Vec<T>, order: impl Iterator<Item = usize>) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.filter_map(|i| slots[i].take()).collect()
}

struct Buckets {
    rest: std::iter::Peekable<std::vec::IntoIter<(EventKey, Vec<Provenance>)>>,
}

impl Iterator for Buckets {
    type Item = Vec<Group>;

    fn next(&mut self) -> Option<Vec<Group>> {
        let (key, reports) = self.rest.next()?;
        let mut bucket: Vec<Group> = vec![(key, reports)];
        let same_bucket = |a: &EventKey, b: &EventKey| {
            a.kind == b.kind && a.negated == b.negated && a.actors == b.actors
        };
        while let Some(group) = self.rest.next_if(|(k, _)| same_bucket(&bucket[0].0, k)) {
            bucket.push(group);
        }
        Some(bucket)
    }
}

/// The order of [`EventKey`]s, but comparing actor strings by pointer
/// first: the keys sorted side by side mostly hold the very same interned
/// actors, which then need no byte comparison.
fn key_order(a: &EventKey, b: &EventKey) -> Ordering {
    a.kind
        .cmp(&b.kind)
        .then_with(|| texts_order(&a.actors, &b.actors))
        .then_with(|| a.negated.cmp(&b.negated))
        .then_with(|| a.date.cmp(&b.date))
}

/// The order of `Vec<Text>`, lexicographic, with [`text_order`].
fn texts_order(a: &[Text], b: &[Text]) -> Ordering {
    a.iter()
        .zip(b)
        .map(|(x, y)| text_order(x, y))
        .find(|o| o.is_ne())
        .unwrap_or_else(|| a.len().cmp(&b.len()))
}

/// The order of two strings; one interned string is equal to itself
/// without looking at its bytes.
fn text_order(a: &Text, b: &Text) -> Ordering {
    if Arc::ptr_eq(a, b) {
        Ordering::Equal
    } else {
        a.cmp(b)
    }
}

/// Reports by document (sharing one interned id each), then event id.
fn report_order(x: &Provenance, y: &Provenance) -> Ordering {
    text_order(&x.doc_id, &y.doc_id).then_with(|| x.event_id.cmp(&y.event_id))
}

/// Reports in (doc, event id) order, each once: of a report added several
/// times, the last added.
fn once_each(mut reports: Vec<Provenance>) -> Vec<Provenance> {
    // stable: equal ids keep the order they were added in
    reports.sort_by(report_order);
    // the later of two equal ones takes the earlier's place
    reports.dedup_by(|later, kept| {
        let same = later.doc_id == kept.doc_id && later.event_id == kept.event_id;
        if same {
            std::mem::swap(later, kept);
        }
        same
    });
    reports
}

/// Group one bucket's reports into events. Reports of one kind, between
/// the same actors, with the same polarity, are one event when their days
/// lie within the dedup window of each other and their places do not name
/// different countries; a report dated only to a week, month or year joins
/// the one such event its span holds, if there is exactly one.
/// Everything is decided on sorted data, so input order never matters.
fn grouped(bucket: Vec<Group>, options: MergeOptions) -> Vec<Group> {
    if !options.dedup {
        return bucket
            .into_iter()
            .flat_map(|(k, v)| v.into_iter().map(move |p| (k.clone(), vec![p])))
            .collect();
    }
    cluster(bucket, i64::from(options.dedup_window_days.max(1)))
}

/// Countries named by the places of a group's reports.
fn place_countries(reports: &[Provenance]) -> BTreeSet<String> {
    let mut countries = BTreeSet::new();
    for c in reports.iter().filter_map(place_country) {
        if !countries.contains(c) {
            countries.insert(c.to_string());
        }
    }
    countries
}

fn place_country(p: &Provenance) -> Option<&str> {
    p.place.as_ref().and_then(|pl| pl.country.as_deref())
}

fn places_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.is_empty() || b.is_empty() || !a.is_disjoint(b)
}

/// Split reports of one exact key by the country of their place; reports
/// without a place join the largest part (the first by name on a tie).
fn split_by_place(reports: Vec<Provenance>) -> Vec<Vec<Provenance>> {
    // most keys' reports name one country or none: one part, without a
    // map of owned country names
    let mut countries = reports.iter().filter_map(place_country);
    match countries.next() {
        None => return vec![reports],
        Some(first) if countries.all(|c| c == first) => return vec![placed_first(reports)],
        Some(_) => {}
    }
    split_by_country_map(reports)
}

/// [`split_by_place`] for any reports: one part per country in a sorted
/// map, the unplaced joining the largest.
fn split_by_country_map(reports: Vec<Provenance>) -> Vec<Vec<Provenance>> {
    let mut parts: BTreeMap<String, Vec<Provenance>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for p in reports {
        match place_country(&p).map(String::from) {
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

/// The reports with a country first, then those without, each in the
/// order given: the one part [`split_by_place`] makes of reports that
/// name a single country.
fn placed_first(reports: Vec<Provenance>) -> Vec<Provenance> {
    let (mut placed, unplaced): (Vec<_>, Vec<_>) = reports
        .into_iter()
        .partition(|p| place_country(p).is_some());
    placed.extend(unplaced);
    placed
}

/// Merge the groups of one bucket (same kind, actors, polarity).
fn cluster(groups: Vec<Group>, window: i64) -> Vec<Group> {
    let is_fine = |k: &EventKey| k.date.is_some_and(|d| d.precision == Precision::Day);
    let (fine, coarse): (Vec<_>, Vec<_>) = groups.into_iter().partition(|(k, _)| is_fine(k));
    // day-precise groups, in date order: join a cluster within the window
    // whose places agree
    type Cluster = (EventKey, Vec<Provenance>, BTreeSet<String>, NaiveDate);
    let mut clusters: Vec<Cluster> = Vec::with_capacity(fine.len());
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
    let mut alone: Vec<Group> = Vec::new();
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
    let mut out: Vec<Group> = clusters.into_iter().map(|(k, r, _, _)| (k, r)).collect();
    out.extend(alone);
    out
}

/// A person nobody listed, named without a title in one document
/// ("Reagan") and with a country in others ("reagan-usa"), is one person
/// when exactly one such country version exists: their reports move to it.
/// Decided on the whole set, so merge order does not matter.
fn resolve_countryless_people(b: &mut GraphBuilder) {
    let remap = countryless_people(&b.actors);
    if remap.is_empty() {
        return;
    }
    // looked up for every id of every report
    let remap: FxHashMap<String, Text> = remap
        .into_iter()
        .map(|(from, to)| (from, b.strings.text(&to)))
        .collect();
    let moved = |x: &mut Text| {
        if let Some(to) = remap.get(&**x) {
            *x = to.clone();
        }
    };
    let names_moved = |p: &mut Provenance| {
        let mut ids = p.source.iter().chain(&p.target).chain(&p.participants);
        ids.any(|x| remap.contains_key(&**x))
    };
    // only reports naming a moved person change key; the rest stay put.
    // Every report is visited: on the rayon pool, which is idle now that
    // extraction is over (this was 60 ms on one thread at 200 MB); the
    // moved reports keep the map's order, as they would one by one.
    let to_move: Vec<Vec<(EventKind, Provenance)>> = b
        .events
        .par_iter_mut()
        .map(|(key, reports)| {
            let out: Vec<_> = reports
                .extract_if(.., names_moved)
                .map(|p| (key.kind, p))
                .collect();
            // a graph with people moved has every report's participants
            // listed once, as when every report was re-keyed here
            reports.iter_mut().for_each(list_participants_once);
            out
        })
        .collect();
    b.events.retain(|_, reports| !reports.is_empty());
    for (kind, mut p) in to_move.into_iter().flatten() {
        if let Some(x) = p.source.as_mut() {
            moved(x);
        }
        if let Some(x) = p.target.as_mut() {
            moved(x);
        }
        p.participants.iter_mut().for_each(moved);
        list_participants_once(&mut p);
        add_report(b, kind, p);
    }
    for from in remap.keys() {
        b.actors.remove(from);
    }
}

/// The countryless people nobody listed, each with the one person of the
/// same name whose id is theirs and a country (`reagan` -> `reagan-usa`).
fn countryless_people(actors: &FxHashMap<String, ActorNode>) -> Vec<(String, String)> {
    // people with a country suffix by the id without it: one lookup per
    // countryless person, not a sorted map of every actor
    let mut by_stem: FxHashMap<&str, Vec<&ActorNode>> = FxHashMap::default();
    for x in actors.values() {
        if let Some(stem) = country_stem(&x.id).filter(|_| x.actor_type == ActorType::Person) {
            by_stem.entry(stem).or_default().push(x);
        }
    }
    let mut remap = Vec::new();
    for a in actors.values() {
        if a.actor_type != ActorType::Person || a.country.is_some() {
            continue;
        }
        let Some(with_country) = by_stem.get(a.id.as_str()) else {
            continue;
        };
        let mut same_name = with_country.iter().filter(|x| x.name == a.name);
        if let (Some(x), None) = (same_name.next(), same_name.next()) {
            remap.push((a.id.clone(), x.id.clone()));
        }
    }
    remap
}

/// `reagan` for `reagan-usa`: the id without a final `-` and three
/// lower-case ASCII letters, if it ends so.
fn country_stem(id: &str) -> Option<&str> {
    let (stem, suffix) = id.split_at_checked(id.len().checked_sub(4)?)?;
    let letters = suffix.strip_prefix('-')?;
    letters
        .bytes()
        .all(|c| c.is_ascii_lowercase())
        .then_some(stem)
}

/// Drop repeated participants, keeping first mentions in order. Lists are
/// a few names long: a scan of those kept beats a set.
fn list_participants_once(p: &mut Provenance) {
    let ids = &mut p.participants;
    let mut kept = 0;
    for i in 0..ids.len() {
        if !ids[..kept].contains(&ids[i]) {
            ids.swap(kept, i);
            kept += 1;
        }
    }
    ids.truncate(kept);
}

/// Distinct outlets and credited media behind some reports, compared
/// without case; a report without an outlet counts as its own document.
fn count_sources(reports: &[Provenance]) -> usize {
    const DOCUMENT: &str = "document:";
    let mut named: Vec<Cow<str>> = Vec::with_capacity(reports.len());
    // documents of reports without an outlet, each a source `document:<id>`
    let mut unnamed: Vec<&str> = Vec::new();
    for p in reports {
        match &p.outlet {
            Some(o) => named.push(folded(o)),
            None => unnamed.push(&p.doc_id),
        }
        named.extend(p.reported_by.iter().map(|r| folded(r)));
    }
    // only a name spelled `document:...` can be a document's source too
    if named.iter().any(|n| n.starts_with(DOCUMENT)) {
        named.extend(
            unnamed
                .drain(..)
                .map(|d| Cow::Owned([DOCUMENT, d].concat())),
        );
    }
    distinct(named) + distinct(unnamed)
}

/// How many different items; a handful per event, so sorted in place
/// rather than put in a set.
fn distinct<T: Ord>(mut items: Vec<T>) -> usize {
    items.sort_unstable();
    items.dedup();
    items.len()
}

/// Lower case, without copying what is lower-case ASCII already.
fn folded(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| !c.is_ascii() || c.is_ascii_uppercase()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The merged graph; consumes the builder so that every report moves into
/// its event instead of being copied.
///
/// Buckets become events independently of each other: the first and
/// second half (by reports) are made side by side, while a third thread
/// sorts the documents, and joined in bucket order, so the graph is the
/// same as made in one pass.
pub fn to_data(b: GraphBuilder) -> GraphData {
    to_data_split(b, half_by_reports)
}

/// Where to split a list of buckets.
type Split = fn(&[Vec<Group>]) -> usize;

/// [`to_data`], the buckets split where `split` says.
fn to_data_split(mut b: GraphBuilder, split: Split) -> GraphData {
    resolve_countryless_people(&mut b);
    let options = b.options;
    let mut first: Vec<Vec<Group>> = buckets(std::mem::take(&mut b.events)).collect();
    let second = first.split_off(split(&first).min(first.len()));
    let documents: Vec<Text> = std::mem::take(&mut b.documents).into_iter().collect();
    let (documents, made, made_later) = std::thread::scope(|s| {
        let documents = s.spawn(move || sorted(documents));
        let later = s.spawn(move || events_of(second, options));
        let made = events_of(first, options);
        (joined(documents), made, joined(later))
    });
    let (mut events, mut places) = made;
    events.extend(made_later.0);
    // of two events with one place id, the first in bucket order made it
    for (id, place) in made_later.1 {
        places.entry(id).or_insert(place);
    }
    // the actors some event links, each moved out of the builder by the
    // first event linking it
    let mut actors: Vec<ActorNode> = Vec::new();
    for e in &events {
        actors.extend(e.actor_ids().into_iter().filter_map(|x| b.actors.remove(x)));
    }
    GraphData {
        format: FORMAT.to_string(),
        documents,
        actors: sorted_by_id(actors),
        places: places.into_values().collect(),
        events: in_final_order(events),
    }
}

/// What a scoped thread returned; its panic goes on in the caller.
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Where to split `buckets` so that each side holds about half the
/// reports.
fn half_by_reports(buckets: &[Vec<Group>]) -> usize {
    let reports = |bucket: &Vec<Group>| bucket.iter().map(|g| g.1.len()).sum::<usize>();
    let total: usize = buckets.iter().map(reports).sum();
    let mut seen = 0;
    buckets
        .iter()
        .position(|bucket| {
            seen += reports(bucket);
            2 * seen >= total
        })
        .map_or(buckets.len(), |i| i + 1)
}

/// The events of some buckets, in bucket order, and the places they
/// registered (each made by the first event naming it).
fn events_of(
    buckets: Vec<Vec<Group>>,
    options: MergeOptions,
) -> (Vec<EventNode>, BTreeMap<String, PlaceNode>) {
    let mut events = Vec::new();
    let mut places: BTreeMap<String, PlaceNode> = BTreeMap::new();
    let mut slugs = Slugs::default();
    for mut bucket in buckets {
        // here, on the threads that share the buckets, not while they are
        // cut: sorting every key's reports was a twentieth of a second on
        // one thread at 200 MB
        for (_, reports) in &mut bucket {
            *reports = once_each(std::mem::take(reports));
        }
        for (key, reports) in grouped(bucket, options) {
            if reports.is_empty() {
                continue;
            }
            events.push(event_node(key, reports, &mut places, &mut slugs));
        }
    }
    (events, places)
}

/// Slugs of actor ids for event ids: made once per actor, not once per
/// event naming it.
#[derive(Default)]
struct Slugs(FxHashMap<Text, String>);

impl Slugs {
    fn of(&mut self, id: &Text) -> &str {
        self.0
            .entry(id.clone())
            .or_insert_with(|| crate::extract::mentions::slug(id))
    }
}

/// Distinct strings, sorted.
fn sorted(v: Vec<Text>) -> Vec<Text> {
    sorted_by_str(v, |t| t)
}

fn sorted_by_id(actors: Vec<ActorNode>) -> Vec<ActorNode> {
    sorted_by_str(actors, |a| &a.id)
}

/// Items with distinct strings, sorted by them. Ids mostly share an
/// opening (a source, a year): the 24 bytes after what all share decide
/// most comparisons as three numbers.
fn sorted_by_str<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let common = common_prefix_len(items.iter().map(&key));
    sort_by_opening(
        items,
        |x| openings(&key(x).as_bytes()[common..]),
        |a, b| key(a).cmp(key(b)),
    )
}

/// Bytes at the start of every string.
fn common_prefix_len<'a>(mut strings: impl Iterator<Item = &'a str>) -> usize {
    let Some(first) = strings.next() else {
        return 0;
    };
    strings.fold(first.len(), |n, s| {
        let same = first.as_bytes()[..n].iter().zip(s.as_bytes());
        same.take_while(|(a, b)| a == b).count()
    })
}

/// One event from its reports: what the strongest report says, the
/// earliest most precise date, the first located place (registered in
/// `places`), every participant.
fn event_node(
    key: EventKey,
    mut reports: Vec<Provenance>,
    places: &mut BTreeMap<String, PlaceNode>,
    slugs: &mut Slugs,
) -> EventNode {
    reports.sort_by(|x, y| report_order(x, y).then_with(|| x.span.cmp(&y.span)));
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
        .filter_map(|p| p.place.as_deref())
        .find(|p| p.lat.is_some())
        .or_else(|| reports.iter().find_map(|p| p.place.as_deref()));
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
    let mut participants: Vec<String> = Vec::with_capacity(lead.participants.len());
    for p in &reports {
        for x in &p.participants {
            if !participants.iter().any(|known| **known == **x) {
                participants.push(String::from(&**x));
            }
        }
    }
    // sorted by document: each run of one document counts once
    let documents = reports.chunk_by(|x, y| x.doc_id == y.doc_id).count();
    EventNode {
        id: event_id(&key, date, slugs),
        kind: key.kind,
        date,
        factuality: lead.factuality,
        source: lead.source.as_deref().map(String::from),
        target: lead.target.as_deref().map(String::from),
        participants,
        place: place_id,
        trigger: String::from(&*lead.trigger),
        cameo: lead.cameo.as_deref().map(String::from),
        mentions: reports.len(),
        documents,
        sources: count_sources(&reports),
        provenance: reports,
    }
}

/// Events by day, then id, with ids made unique; equal ids stay in the
/// order they were made in (a stable sort). Equal ids always share a day,
/// since an id spells out its day: days are ordered as plain numbers, and
/// ids compared and made unique only within each day's few events.
fn in_final_order(mut events: Vec<EventNode>) -> Vec<EventNode> {
    let mut by_day: Vec<(NaiveDate, usize)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (date_key(&e.date), i))
        .collect();
    by_day.sort_unstable();
    let mut order: Vec<usize> = by_day.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    for day in by_day.chunk_by(|a, b| a.0 == b.0) {
        settle_day(&mut order[start..start + day.len()], &mut events);
        start += day.len();
    }
    permuted(events, order.into_iter())
}

/// One day's events (`day` indexes `events`, in the order they were made),
/// sorted by id. Events that share kind, date and actors but happened in
/// different countries get the place's country in their id; any still
/// equal a number.
fn settle_day(day: &mut [usize], events: &mut [EventNode]) {
    sort_by_id(day, events);
    let shared: Vec<usize> = twins(day, events).flatten().collect();
    if shared.is_empty() {
        return;
    }
    for i in shared {
        let e = &mut events[i];
        let country = e
            .provenance
            .iter()
            .find_map(|p| p.place.as_ref().and_then(|pl| pl.country.clone()))
            .unwrap_or_else(|| "unplaced".into());
        e.id = format!("{}@{}", e.id, country.to_ascii_lowercase());
    }
    sort_by_id(day, events);
    let still_shared: Vec<Vec<usize>> = twins(day, events).collect();
    for run in &still_shared {
        for (n, &i) in run.iter().enumerate().skip(1) {
            let e = &mut events[i];
            e.id = format!("{}~{}", e.id, n + 1);
        }
    }
    if !still_shared.is_empty() {
        sort_by_id(day, events);
    }
}

/// By id, equal ids in the order the events were made. A day's ids
/// share their kind's name and the day: compared as the numbers of
/// [`openings`] past what they all share, falling back to the strings
/// only where those agree.
fn sort_by_id(day: &mut [usize], events: &[EventNode]) {
    let id = |i: usize| events[i].id.as_str();
    let common = common_prefix_len(day.iter().map(|&i| id(i)));
    let mut keyed: Vec<([u64; 3], usize)> = day
        .iter()
        .map(|&i| (openings(&id(i).as_bytes()[common..]), i))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| id(a.1).cmp(id(b.1)))
            .then(a.1.cmp(&b.1))
    });
    for (slot, (_, i)) in day.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// The runs of events sharing an id in a day sorted by id, each in the
/// order the events were made.
fn twins<'a>(day: &'a [usize], events: &'a [EventNode]) -> impl Iterator<Item = Vec<usize>> + 'a {
    day.chunk_by(|&a, &b| events[a].id == events[b].id)
        .filter(|run| run.len() > 1)
        .map(<[usize]>::to_vec)
}

/// A readable, stable id that is also a valid XML name token:
/// `meeting:2017-04-12:rex-tillerson.sergey-lavrov` (`:not` for denials).
fn event_id(key: &EventKey, date: Option<DateSpan>, slugs: &mut Slugs) -> String {
    let mut id = String::with_capacity(64);
    id.push_str(key.kind.as_str());
    id.push(':');
    match date {
        Some(d) => push_iso_day(&mut id, d.start),
        None => id.push_str("undated"),
    }
    id.push(':');
    if key.actors.is_empty() {
        id.push_str("unknown");
    }
    for (i, a) in key.actors.iter().enumerate() {
        if i > 0 {
            id.push('.');
        }
        id.push_str(slugs.of(a));
    }
    if key.negated {
        id.push_str(":not");
    }
    id
}

/// A day as chrono's `%Y-%m-%d` writes it ([`crate::model::iso_day`]): one
/// per event, where chrono's formatter costs more than the rest of the id.
fn push_iso_day(out: &mut String, d: NaiveDate) {
    match crate::model::iso_day(d)
        .as_ref()
        .map(|b| std::str::from_utf8(b))
    {
        Some(Ok(day)) => out.push_str(day),
        // chrono signs years past four digits
        _ => out.push_str(&d.format("%Y-%m-%d").to_string()),
    }
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
    fn a_document_added_twice_counts_once() {
        let mut once = GraphBuilder::new();
        let mut twice = GraphBuilder::new();
        for x in [
            ext("d1", 7, Factuality::Asserted, Precision::Day),
            ext("d2", 7, Factuality::Asserted, Precision::Day),
        ] {
            once.add(&x);
            twice.add(&x);
            twice.add(&x);
        }
        let twice = twice.finish();
        assert_eq!(twice.data.events[0].mentions, 2);
        assert_eq!(once.finish().data, twice.data);
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

    #[test]
    fn reports_split_by_place_as_a_map_of_countries_splits_them() {
        let report = |n: usize, country: Option<&str>| {
            let mut b = GraphBuilder::new();
            let mut x = ext(&format!("d{n}"), 7, Factuality::Asserted, Precision::Day);
            if let Some(c) = country {
                x = with_place(x, c);
            }
            b.add(&x);
            b.events.into_values().next().unwrap().remove(0)
        };
        let cases: &[&[Option<&str>]] = &[
            &[],
            &[None, None],
            &[None, Some("CHE"), None, Some("CHE")],
            &[Some("CHE"), None, Some("FIN"), Some("CHE"), None],
            &[Some("FIN"), Some("CHE")],
            &[None, Some("FIN")],
        ];
        for countries in cases {
            let reports: Vec<Provenance> = countries
                .iter()
                .enumerate()
                .map(|(n, c)| report(n, *c))
                .collect();
            let docs = |parts: Vec<Vec<Provenance>>| -> Vec<Vec<String>> {
                parts
                    .iter()
                    .map(|p| p.iter().map(|r| r.doc_id.to_string()).collect())
                    .collect()
            };
            assert_eq!(
                docs(split_by_place(reports.clone())),
                docs(split_by_country_map(reports)),
                "{countries:?}"
            );
        }
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
    fn the_graph_is_the_same_wherever_the_buckets_are_split() {
        let mut xs = vec![
            ext("d1", 7, Factuality::Possible, Precision::Day),
            ext("d2", 7, Factuality::Asserted, Precision::Day),
            ext("d3", 12, Factuality::Asserted, Precision::Week),
            ext("d4", 10, Factuality::Negated, Precision::Day),
            with_place(ext("d5", 7, Factuality::Asserted, Precision::Day), "CHE"),
            with_place(ext("d6", 7, Factuality::Asserted, Precision::Day), "FIN"),
        ];
        for (n, kind) in [(7, EventKind::Strike), (8, EventKind::Proposal)] {
            let mut x = with_place(
                ext(&format!("d{n}"), 9, Factuality::Asserted, Precision::Day),
                "CHE",
            );
            x.events[0].kind = kind;
            xs.push(x);
        }
        let builder = || {
            let mut b = GraphBuilder::new();
            for x in &xs {
                b.add(x);
            }
            b
        };
        let whole = to_data_split(builder(), |_| 0);
        assert!(whole.events.len() >= 4, "{:#?}", whole.events);
        assert!(!whole.places.is_empty());
        let splits: [Split; 4] = [|_| 1, |b| b.len() - 1, |b| b.len(), half_by_reports];
        for split in splits {
            assert_eq!(to_data_split(builder(), split), whole);
        }
    }

    #[test]
    fn buckets_split_where_half_the_reports_are_on_each_side() {
        let bucket = |n: usize| {
            let mut b = GraphBuilder::new();
            let x = ext("d", 7, Factuality::Asserted, Precision::Day);
            b.add(&x);
            let (k, r) = b.events.into_iter().next().unwrap();
            vec![(k, vec![r[0].clone(); n])]
        };
        assert_eq!(half_by_reports(&[]), 0);
        assert_eq!(half_by_reports(&[bucket(1)]), 1);
        assert_eq!(half_by_reports(&[bucket(1), bucket(1), bucket(2)]), 2);
        assert_eq!(half_by_reports(&[bucket(5), bucket(1), bucket(2)]), 1);
    }

    #[test]
    fn strings_sorted_by_their_openings_sort_as_strings() {
        let words = [
            "reuters21578-10",
            "reuters21578-1",
            "reuters21578-100",
            "reuters21578-",
            "reuters21578-1\0",
            "reuters21578-1000000000",
            "reuters21578-10000000000000",
            "reuters21578-10000000000000\0",
            "reuters21578-100000000000001",
            "reuters21578-10000000000000\u{ff}",
            "wikinews-2020-12-28-0295",
            "wikinews-2020-12-28-029",
        ];
        let mut want = words.to_vec();
        want.sort_unstable();
        assert_eq!(sorted_by_str(words.to_vec(), |w| w), want);
        let mut reversed = words.to_vec();
        reversed.reverse();
        assert_eq!(sorted_by_str(reversed, |w| w), want);
    }

    #[test]
    fn events_sorted_by_id_are_in_string_order_then_made_order() {
        let node = |id: &str| EventNode {
            id: id.into(),
            kind: EventKind::Meeting,
            date: None,
            factuality: Factuality::Asserted,
            source: None,
            target: None,
            participants: vec![],
            place: None,
            trigger: String::new(),
            cameo: None,
            mentions: 0,
            documents: 0,
            sources: 0,
            provenance: vec![],
        };
        let ids = [
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov",
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov",
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov@rus",
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov~2",
            "meeting:2017-04-12:rex-tillerson",
            "meeting:2017-04-12:a",
            "statement:2017-04-12:rex-tillerson:not",
            "meeting:2017-04-12:rex-tillerson.sergey-lavrov",
            "meeting:2017-04-12:rex",
        ];
        let events: Vec<EventNode> = ids.iter().map(|id| node(id)).collect();
        let mut want: Vec<usize> = (0..ids.len()).collect();
        want.sort_by(|&a, &b| ids[a].cmp(ids[b]).then(a.cmp(&b)));
        for start in [0, 4] {
            let mut day: Vec<usize> = (start..ids.len()).rev().collect();
            sort_by_id(&mut day, &events);
            let expected: Vec<usize> = want.iter().copied().filter(|&i| i >= start).collect();
            assert_eq!(day, expected);
        }
    }

    #[test]
    fn a_country_stem_is_an_id_less_a_three_letter_suffix() {
        assert_eq!(country_stem("reagan-usa"), Some("reagan"));
        assert_eq!(country_stem("-usa"), Some(""));
        for id in [
            "reagan",
            "reagan-us",
            "reagan-USA",
            "reagan_usa",
            "usa",
            "a",
        ] {
            assert_eq!(country_stem(id), None, "{id}");
        }
        assert_eq!(country_stem("é-usa"), Some("é"));
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
