//! Extraction: one [`Document`] in, one [`Extraction`] out — a pure function
//! of the document and the lexicon, so documents can run in parallel.
//!
//! Per sentence: [`mentions`] turns tokens into actors, places, dates and
//! triggers; [`events`] attaches arguments to triggers; [`factuality`] and
//! [`dates`] settle how sure and when. Then events of the document that
//! describe one happening are merged, so each is reported once with its
//! first evidence sentence.

pub mod dates;
mod events;
pub mod factuality;
pub mod mentions;

use crate::lexicon::{Entry, Lexicon, TokenMatches, VerbForm};
use crate::model::{
    DateSpan, Document, Event, EventKind, Extraction, Factuality, Place, Precision,
};
use crate::text::{self, Analysis, Sentence};
use chrono::NaiveDate;
use dates::{DateExpr, Tense};
use events::{Arg, Found, SentenceEvents};
use mentions::{Item, ItemKind, Recognizer};

/// Extract the events of one document.
pub fn extract(doc: &Document, lex: &Lexicon) -> Extraction {
    let a = text::analyze(&doc.text);
    let token_matches = lex.token_matches(&a);
    let dl = dateline(&a, lex, &token_matches);
    let mut rec = Recognizer::new(lex, &a, &token_matches, doc.date);
    rec.scope = Some(story_scope(&doc.text));
    let mut anchor: Option<NaiveDate> = None;
    let mut drafts: Vec<Draft> = Vec::with_capacity(8);
    let mut strike_reported = false;
    let mut items = Vec::new();
    for (si, s) in a.sentences.iter().enumerate() {
        let mut s = *s;
        if si == 0 {
            if let Some(d) = &dl {
                s.tok_start = d.body_start.min(s.tok_end);
            }
        }
        rec.sentence_into(&s, &mut items);
        let (reported_by, attribution_verbs) = if rec.names_media {
            attribution(&a, &items, lex)
        } else {
            Default::default()
        };
        let found = SentenceEvents {
            a: &a,
            lex,
            items: &items,
            rec: &mut rec,
            strike_reported,
        }
        .find();
        strike_reported |= found.iter().any(|f| f.kind == EventKind::Strike);
        rec.focus = focus_of(&found, &rec).or(rec.focus);
        for f in found {
            if attribution_verbs.contains(&f.item) {
                continue;
            }
            let Some(fact) = factuality::factuality(
                &a,
                lex,
                &token_matches,
                &items,
                (s.tok_start, s.tok_end),
                f.trigger,
                f.noun,
            ) else {
                continue;
            };
            let fact = if f.intent { Factuality::Asserted } else { fact };
            let tense = tense_of(&a, lex, &items, &f, fact);
            let mut date = event_date(&a, &items, &s, &f, doc.date, anchor, tense);
            let mut fact = fact;
            if fact == Factuality::Asserted {
                if let (Some(d), Some(pub_date)) = (date, doc.date) {
                    // an event dated after the story cannot have happened yet
                    if d.start > pub_date && tense != Tense::Past {
                        fact = Factuality::Planned;
                    }
                }
            }
            // an undated past event is dated by the story, except one named
            // by a noun in passing ("Russia's invasion"), mostly background
            let background = f.noun && !f.governed;
            if date.is_none() && fact == Factuality::Asserted && !background {
                date = doc.date.map(DateSpan::day);
            }
            let place = f
                .place
                .clone()
                .or_else(|| event_place(&a, &items, &rec, &s, &f))
                .or_else(|| match f.kind {
                    // the dateline is where the reporter is: where what
                    // happened happened, not where a hoped-for meeting will
                    // or where an event named in passing took place
                    EventKind::Meeting | EventKind::Statement
                        if fact == Factuality::Asserted && (!f.noun || f.governed) =>
                    {
                        dl.as_ref().and_then(|d| d.place.clone())
                    }
                    _ => None,
                });
            drafts.push(Draft {
                found: f,
                sentence: si,
                span: [s.start, s.end],
                factuality: fact,
                date,
                place,
                reported_by: reported_by.clone(),
            });
        }
        if rec.may_name_dates() {
            if let Some(d) = last_explicit_day(&items, doc.date, anchor) {
                anchor = Some(d);
            }
        }
    }
    let drafts = merge_statements(merge_same_events(drafts, &rec));
    let events = drafts
        .into_iter()
        .enumerate()
        .map(|(n, d)| d.into_event(&doc.id, n + 1, &a, &rec))
        .collect();
    Extraction {
        doc_id: doc.id.clone(),
        date: doc.date,
        title: doc.title.clone(),
        source: doc.source.clone().or_else(|| dl.and_then(|d| d.agency)),
        actors: rec.actors.actors.into_iter().map(|r| r.actor).collect(),
        events,
    }
}

/// The person a sentence is about, for pronouns in the next: the speaker of
/// its last statement, else the first actor of its first event.
fn focus_of(found: &[Found], rec: &Recognizer) -> Option<usize> {
    let person = |a: &Option<Arg>| match a {
        Some(Arg::Actor(x))
            if rec.actors.get(*x).actor.actor_type == crate::model::ActorType::Person =>
        {
            Some(*x)
        }
        _ => None,
    };
    found
        .iter()
        .rev()
        .filter(|f| f.kind == EventKind::Statement)
        .find_map(|f| person(&f.source))
        .or_else(|| found.iter().find_map(|f| person(&f.source)))
}

/// An event of the document before merging and numbering.
struct Draft {
    found: Found,
    sentence: usize,
    span: [usize; 2],
    factuality: Factuality,
    date: Option<DateSpan>,
    place: Option<Place>,
    reported_by: Vec<String>,
}

impl Draft {
    fn into_event(self, doc_id: &str, n: usize, a: &Analysis, rec: &Recognizer) -> Event {
        let id_of = |x: usize| rec.actors.get(x).actor.id.clone();
        let arg = |g: &Option<Arg>| match g {
            Some(Arg::Actor(x)) => Some(id_of(*x)),
            Some(Arg::Place(p)) => Some(p.name.clone()),
            None => None,
        };
        let f = &self.found;
        Event {
            id: format!("{doc_id}#{n}"),
            kind: f.kind,
            source: arg(&f.source),
            target: arg(&f.target),
            participants: f.participants.iter().map(|&x| id_of(x)).collect(),
            place: self.place,
            date: self.date,
            factuality: self.factuality,
            trigger: a.slice(f.trigger.0, f.trigger.1).to_string(),
            sentence: a.text[self.span[0]..self.span[1]].to_string(),
            span: self.span,
            reported_by: self.reported_by,
            cameo: Some(f.cameo.clone()),
        }
    }

    /// Who the event is between, for merging: a meeting's participants;
    /// otherwise its source and target (a place target by name), so that a
    /// strike ordered by a president and the same strike by the state agree.
    fn participant_key(&self, rec: &Recognizer) -> Vec<String> {
        let arg = |g: &Option<Arg>| match g {
            Some(Arg::Actor(x)) => Some(rec.actors.get(*x).actor.id.clone()),
            Some(Arg::Place(p)) => Some(format!("place:{}", p.name)),
            None => None,
        };
        let mut key: Vec<String> = if self.found.kind == EventKind::Meeting {
            self.found
                .participants
                .iter()
                .map(|&x| rec.actors.get(x).actor.id.clone())
                .collect()
        } else {
            [arg(&self.found.source), arg(&self.found.target)]
                .into_iter()
                .flatten()
                .collect()
        };
        key.sort();
        key.dedup();
        key
    }
}

/// A dateline opening the text: "MOSCOW (Reuters) -", "GENEVA, June 16 (AP) —".
struct Dateline {
    body_start: usize,
    place: Option<Place>,
    agency: Option<String>,
}

/// What scopes the groups a story names without saying whose they are
/// ("police", "analysts"): the story's text, not its id, so that the same
/// article republished under other ids (wire copies, aggregators) gives the
/// same groups and its events merge, while different stories stay apart.
fn story_scope(text: &str) -> String {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    format!("story-{:012x}", h.finish() & 0xffff_ffff_ffff)
}

fn dateline(a: &Analysis, lex: &Lexicon, tm: &TokenMatches) -> Option<Dateline> {
    let first = a.sentences.first()?;
    let end = first.tok_end.min(first.tok_start + 16);
    let dash = (first.tok_start..end).find(|&i| {
        matches!(a.surface(i), "-" | "\u{2014}" | "\u{2013}") && a.tokens[i].space_before
    })?;
    let lead = a.tokens[first.tok_start];
    if !(lead.upper
        || a.surface(first.tok_start)
            .chars()
            .all(|c| !c.is_lowercase()))
    {
        return None;
    }
    let mut place = None;
    let mut agency = None;
    let mut i = first.tok_start;
    while i < dash {
        let mut step = 1;
        for m in tm.at(i) {
            match m.entry {
                Entry::Capital(c) if place.is_none() => {
                    let k = &lex.countries[c as usize];
                    place = Some(Place {
                        name: k.capital.clone().unwrap_or_default(),
                        country: Some(k.iso3.clone()),
                        lat: k.capital_lat,
                        lon: k.capital_lon,
                    });
                    step = m.len;
                }
                Entry::Place(p) if place.is_none() => {
                    let e = &lex.places[p as usize];
                    place = Some(Place {
                        name: e.name.clone(),
                        country: e.country.clone(),
                        lat: e.lat,
                        lon: e.lon,
                    });
                    step = m.len;
                }
                Entry::Media(x) if agency.is_none() => {
                    agency = Some(lex.media[x as usize].name.clone());
                    step = m.len;
                }
                _ => {}
            }
        }
        i += step.max(1);
    }
    // a dateline is short and names a place or an agency
    (place.is_some() || agency.is_some()).then_some(Dateline {
        body_start: dash + 1,
        place,
        agency,
    })
}

/// Media credited in the sentence ("Reuters reported", "according to RT",
/// "told AFP"), and the items of reporting verbs whose subject is a medium
/// (those are attributions, not statements).
fn attribution(a: &Analysis, items: &[Item], lex: &Lexicon) -> (Vec<String>, Vec<usize>) {
    let mut names = Vec::new();
    let mut verbs = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let ItemKind::Media(x) = it.kind else {
            continue;
        };
        let name = &lex.media[x as usize].name;
        let prev = |d: usize| {
            if k >= d {
                a.norm(items[k - d].start)
            } else {
                ""
            }
        };
        let mut credited = (prev(1) == "to" && prev(2) == "according")
            || matches!(prev(1), "told" | "tells" | "(");
        for (j, next) in items.iter().enumerate().skip(k + 1).take(3) {
            match next.kind {
                ItemKind::Trigger { entry, .. }
                    if lex.triggers[entry as usize].kind == EventKind::Statement =>
                {
                    verbs.push(j);
                    credited = true;
                    break;
                }
                ItemKind::Word
                    if matches!(a.norm(next.start), "also" | "has" | "had" | "later") =>
                {
                    continue
                }
                _ => break,
            }
        }
        if credited && !names.contains(name) {
            names.push(name.clone());
        }
    }
    (names, verbs)
}

/// Direction for bare weekdays: planned or possible events lie ahead, past
/// forms behind.
fn tense_of(a: &Analysis, lex: &Lexicon, items: &[Item], f: &Found, fact: Factuality) -> Tense {
    if matches!(fact, Factuality::Planned | Factuality::Possible) {
        return Tense::Future;
    }
    let ItemKind::Trigger { entry, .. } = items[f.item].kind else {
        return Tense::Unknown;
    };
    match lex.triggers[entry as usize].form {
        VerbForm::Past | VerbForm::Participle | VerbForm::Noun => Tense::Past,
        _ => {
            let prev = a.prev_norm(f.trigger.0);
            if matches!(prev, "has" | "have" | "had" | "did") {
                Tense::Past
            } else {
                Tense::Unknown
            }
        }
    }
}

/// The date of an event: the nearest date expression in its clause, else
/// (for events other than statements) the nearest in the sentence.
fn event_date(
    a: &Analysis,
    items: &[Item],
    s: &Sentence,
    f: &Found,
    doc: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<DateSpan> {
    let (c0, c1) = clause_of(a, items, s, f.trigger.0);
    let dated: Vec<(usize, DateExpr)> = items
        .iter()
        .filter_map(|it| match it.kind {
            ItemKind::Date(e) => Some((it.start, e)),
            _ => None,
        })
        .collect();
    let dist = |p: usize| p.abs_diff(f.trigger.0);
    let in_clause = dated
        .iter()
        .filter(|(p, _)| *p >= c0 && *p < c1)
        .min_by_key(|(p, _)| dist(*p));
    // a noun names an event the sentence mentions in passing ("his summit
    // with Biden"): only a date in its own clause dates it
    let chosen = in_clause.or_else(|| {
        (f.kind != EventKind::Statement && (!f.noun || f.governed))
            .then(|| dated.iter().min_by_key(|(p, _)| dist(*p)))
            .flatten()
    })?;
    let tense = if tense == Tense::Unknown {
        Tense::Past
    } else {
        tense
    };
    dates::resolve(chosen.1, doc, anchor, tense)
}

/// Token range of the clause around token `t`. Commas inside a place or a
/// date ("Lucca, Italy", "April 11, 2017") do not end it.
fn clause_of(a: &Analysis, items: &[Item], s: &Sentence, t: usize) -> (usize, usize) {
    let start = factuality::clause_start(a, s.tok_start, t);
    let inside_item = |tok: usize| {
        items.iter().any(|it| {
            it.start < tok
                && tok < it.end
                && matches!(it.kind, ItemKind::Place(_) | ItemKind::Date(_))
        })
    };
    let mut end = t + 1;
    while end < s.tok_end {
        let n = a.norm(end);
        let boundary = matches!(
            n,
            ";" | "," | ":" | "that" | "who" | "which" | "if" | "but" | "while"
        );
        if boundary && !inside_item(end) {
            break;
        }
        end += 1;
    }
    (start, end)
}

/// The place of an event: a place named in its clause, else (meetings and
/// strikes) anywhere in its sentence.
fn event_place(
    a: &Analysis,
    items: &[Item],
    rec: &Recognizer,
    s: &Sentence,
    f: &Found,
) -> Option<Place> {
    let (c0, c1) = clause_of(a, items, s, f.trigger.0);
    let places: Vec<(usize, &Place)> = items
        .iter()
        .filter_map(|it| match &it.kind {
            ItemKind::Place(p) => Some((it.start, rec.place_of(*p))),
            _ => None,
        })
        .collect();
    let dist = |p: usize| p.abs_diff(f.trigger.0);
    places
        .iter()
        .filter(|(p, _)| *p >= c0 && *p < c1)
        .min_by_key(|(p, _)| dist(*p))
        .or_else(|| {
            matches!(f.kind, EventKind::Meeting | EventKind::Strike)
                .then(|| places.iter().min_by_key(|(p, _)| dist(*p)))
                .flatten()
        })
        .map(|(_, p)| (*p).clone())
}

/// The last day the sentence fixes explicitly: what "that day" refers to next.
fn last_explicit_day(
    items: &[Item],
    doc: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
) -> Option<NaiveDate> {
    items.iter().rev().find_map(|it| match it.kind {
        ItemKind::Date(e) => dates::resolve(e, doc, anchor, Tense::Past)
            .filter(|d| d.precision == Precision::Day)
            .map(|d| d.start),
        _ => None,
    })
}

fn dates_compatible(x: &Option<DateSpan>, y: &Option<DateSpan>) -> bool {
    match (x, y) {
        (Some(a), Some(b)) => a.overlaps(b),
        _ => true,
    }
}

fn more_precise(x: Option<DateSpan>, y: Option<DateSpan>) -> Option<DateSpan> {
    match (x, y) {
        (Some(a), Some(b)) => Some(if b.precision < a.precision { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// One event per happening: events of the same kind and participants whose
/// dates agree merge; the strongest factuality wins (a meeting reported as
/// possible and as having happened happened), a denial stays apart.
/// Indexed by kind, participants and polarity, so long documents stay linear.
fn merge_same_events(drafts: Vec<Draft>, rec: &Recognizer) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut index: std::collections::HashMap<(EventKind, Vec<String>, bool), Vec<usize>> =
        std::collections::HashMap::new();
    for d in drafts {
        // events with nobody named cannot be told to be one happening
        let anonymous = d.found.source.is_none() && d.found.target.is_none();
        if d.found.kind != EventKind::Statement && !anonymous {
            let key = (
                d.found.kind,
                d.participant_key(rec),
                d.factuality == Factuality::Negated,
            );
            let same = index.entry(key).or_default();
            if let Some(&i) = same
                .iter()
                .find(|&&i| dates_compatible(&out[i].date, &d.date))
            {
                absorb(&mut out[i], d);
                continue;
            }
            same.push(out.len());
        }
        out.push(d);
    }
    out
}

/// A speaker's statement running over consecutive sentences is one
/// statement ("Lavrov said ... He also said ...").
fn merge_statements(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        if d.found.kind == EventKind::Statement {
            if let Some(prev) = out
                .iter_mut()
                .rev()
                .find(|p| p.found.kind == EventKind::Statement)
            {
                let same_speaker = prev.found.source == d.found.source;
                let adjacent = d.sentence <= prev.sentence + 1;
                if same_speaker && adjacent && prev.factuality == d.factuality {
                    let last = d.sentence;
                    absorb(prev, d);
                    prev.sentence = last;
                    continue;
                }
            }
        }
        out.push(d);
    }
    out
}

fn absorb(into: &mut Draft, other: Draft) {
    if other.factuality.strength() > into.factuality.strength() {
        into.factuality = other.factuality;
    }
    into.date = more_precise(into.date, other.date);
    let better_place = into.place.as_ref().is_none_or(|p| p.lat.is_none())
        && other.place.as_ref().is_some_and(|p| p.lat.is_some());
    if better_place || into.place.is_none() {
        into.place = other.place;
    }
    if into.found.target.is_none() {
        into.found.target = other.found.target;
    }
    for r in other.reported_by {
        if !into.reported_by.contains(&r) {
            into.reported_by.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        use std::sync::OnceLock;
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::embedded().expect("lexicon"))
    }

    fn run(text: &str) -> Extraction {
        let mut d = Document::new("t", text);
        d.date = NaiveDate::from_ymd_opt(2017, 4, 12);
        extract(&d, lex())
    }

    fn names(x: &Extraction, ids: &[String]) -> Vec<String> {
        ids.iter()
            .map(|id| x.actor(id).map(|a| a.name.clone()).unwrap_or(id.clone()))
            .collect()
    }

    #[test]
    fn a_meeting_with_participants_date_and_place() {
        let x = run("Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Rex Tillerson in Moscow on Wednesday.");
        assert_eq!(x.events.len(), 1, "{:#?}", x.events);
        let e = &x.events[0];
        assert_eq!(e.kind, EventKind::Meeting);
        assert_eq!(
            names(&x, &e.participants),
            ["Sergey Lavrov", "Rex Tillerson"]
        );
        assert_eq!(
            e.date.unwrap().start,
            NaiveDate::from_ymd_opt(2017, 4, 12).unwrap()
        );
        assert_eq!(e.place.as_ref().unwrap().name, "Moscow");
        assert_eq!(e.factuality, Factuality::Asserted);
        assert_eq!(&x.events[0].sentence, &text_of(&x, e));
    }

    fn text_of(_x: &Extraction, e: &Event) -> String {
        e.sentence.clone()
    }

    #[test]
    fn hedged_and_negated_meetings_are_never_asserted() {
        let x = run("Putin may meet Tillerson on Thursday. Lavrov will not meet Kerry.");
        let f: Vec<Factuality> = x
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Meeting)
            .map(|e| e.factuality)
            .collect();
        assert_eq!(f, [Factuality::Possible, Factuality::Negated]);
    }

    #[test]
    fn attribution_is_not_an_actor() {
        let x = run("Russian President Vladimir Putin said relations with the U.S. had worsened, AFP reported.");
        assert_eq!(x.events.len(), 1, "{:#?}", x.events);
        let e = &x.events[0];
        assert_eq!(e.kind, EventKind::Statement);
        assert_eq!(e.source.as_deref(), Some("vladimir-putin"));
        assert_eq!(e.reported_by, ["Agence France-Presse"]);
    }

    #[test]
    fn a_leaders_strike_is_the_states() {
        let x = run("President Donald Trump ordered U.S. forces to launch Tomahawk missiles at a Syrian airbase last week.");
        let s: Vec<&Event> = x
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Strike)
            .collect();
        assert_eq!(s.len(), 1, "{:#?}", x.events);
        assert_eq!(s[0].target.as_deref(), Some("syria"));
        assert_eq!(s[0].date.unwrap().precision, Precision::Week);
    }

    fn kinds_and_triggers(x: &Extraction) -> Vec<(EventKind, String)> {
        x.events
            .iter()
            .map(|e| (e.kind, e.trigger.clone()))
            .collect()
    }

    #[test]
    fn a_bare_attack_takes_up_a_strike_already_reported() {
        let x = run("Two car bombs exploded outside the ministry. Nobody has claimed the bombing. Residents remembered the attack for years.");
        let strikes: Vec<String> = kinds_and_triggers(&x)
            .into_iter()
            .filter(|(k, _)| *k == EventKind::Strike)
            .map(|(_, t)| t)
            .collect();
        // nobody is named, so the three mentions are not merged into one
        assert_eq!(
            strikes,
            ["exploded", "bombing", "attack"],
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn an_attack_named_in_passing_alone_is_no_event() {
        let x = run("The minister resigned weeks after the attack.");
        assert!(x.events.is_empty(), "{:#?}", x.events);
    }

    #[test]
    fn an_attack_in_the_passive_without_agent_is_a_strike_on_its_subject() {
        let x = run("Russia was attacked on Sunday.");
        assert_eq!(x.events.len(), 1, "{:#?}", x.events);
        assert_eq!(x.events[0].kind, EventKind::Strike);
        assert_eq!(x.events[0].source, None);
        assert_eq!(x.events[0].target.as_deref(), Some("russia"));
    }

    #[test]
    fn a_common_noun_subject_is_a_group_of_this_document() {
        let x = run("Police said the suspect had fled.");
        assert_eq!(x.events.len(), 1, "{:#?}", x.events);
        let src = x.events[0].source.clone().expect("a source");
        let a = x.actor(&src).expect("the group is an actor");
        assert_eq!(a.actor_type, crate::model::ActorType::Group);
        assert_eq!(a.name, "police");
        assert!(a.id.starts_with("police-in-story-"), "{}", a.id);
        assert_eq!(a.country, None);
    }

    #[test]
    fn a_story_republished_under_another_id_names_the_same_groups() {
        let text = "Police said the suspect had fled.";
        let group = |id: &str, text: &str| {
            let x = extract(&Document::new(id, text), lex());
            x.events[0].source.clone().expect("a source")
        };
        assert_eq!(group("wire-1", text), group("copy-9", text));
        assert_ne!(
            group("wire-1", text),
            group("wire-2", "Police said the gunman had fled.")
        );
    }

    #[test]
    fn a_trailing_anonymous_source_is_credit_not_a_statement() {
        let x = run("The talks collapsed, officials said.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Statement),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_group_takes_the_country_of_its_adjective() {
        let x = run("Armed Syrian rebels attacked a checkpoint near Aleppo on Monday.");
        let e = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Strike)
            .expect("a strike");
        let a = x.actor(e.source.as_deref().expect("an attacker")).unwrap();
        assert_eq!(a.actor_type, crate::model::ActorType::Group);
        assert_eq!(a.country.as_deref(), Some("SYR"));
    }

    #[test]
    fn a_meeting_verb_with_its_subject_is_a_meeting_though_the_other_side_is_unnamed() {
        let x = run("The Arab League convened in Cairo on Sunday.");
        let m: Vec<&Event> = x
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Meeting)
            .collect();
        assert_eq!(m.len(), 1, "{:#?}", x.events);
        assert_eq!(m[0].participants.len(), 1);
    }

    #[test]
    fn a_capitalised_word_opening_the_sentence_before_a_verb_is_a_name() {
        let x = run("Halvorsen said the border would stay closed.");
        let e = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Statement)
            .expect("a statement");
        let a = x.actor(e.source.as_deref().unwrap()).unwrap();
        assert_eq!(a.name, "Halvorsen");
        // a plural opener is a common noun, not a name
        let y = run("Diplomats said the border would stay closed.");
        assert!(y
            .events
            .iter()
            .all(|e| e.source.as_deref() != Some("diplomats")));
    }

    #[test]
    fn a_proposal_by_an_unresolved_pronoun_keeps_no_source() {
        let x = run("He would urge the council to act.");
        let p: Vec<&Event> = x
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Proposal)
            .collect();
        assert_eq!(p.len(), 1, "{:#?}", x.events);
        assert_eq!(p[0].source, None);
    }

    #[test]
    fn a_participle_after_a_comma_takes_the_main_subject() {
        let x = run("Jordan closed the crossing on Monday, urging calm.");
        let p = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Proposal)
            .expect("a proposal");
        assert_eq!(p.source.as_deref(), Some("jordan"));
    }

    #[test]
    fn each_speaker_of_a_compound_subject_makes_the_statement() {
        let x = run("Norway and Chile said the vote was fair.");
        let speakers: Vec<Option<String>> = x
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Statement)
            .map(|e| e.source.clone())
            .collect();
        assert_eq!(
            speakers,
            [Some("norway".to_string()), Some("chile".to_string())],
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_rejected_proposal_is_the_object_of_the_rejection() {
        let x = run("Peru has rejected a Bolivian proposal for a new border commission.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_trailing_organisation_is_credit_not_a_speaker() {
        let x = run("The convoy reached the border on Monday, the United Nations said.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Statement),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn an_infinitive_of_purpose_expresses_no_intent() {
        let x = run("Chile closed the pass to allow repairs.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            x.events
        );
        let y = run("Chile is ready to allow repairs.");
        assert!(
            y.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            y.events
        );
    }

    #[test]
    fn a_place_visited_alone_is_no_side_of_a_meeting() {
        let x = run("It was the first delegation to visit Lima since May.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Meeting),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn an_acronym_in_a_subjects_place_is_an_organisation() {
        let x = run("Last week the WADA convened in Lausanne.");
        let e = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Meeting)
            .expect("a meeting");
        let a = x.actor(e.source.as_deref().unwrap()).unwrap();
        assert_eq!(a.name, "WADA");
        assert_eq!(a.actor_type, crate::model::ActorType::Organization);
    }

    #[test]
    fn a_relative_clause_after_a_comma_takes_the_phrase_before_it() {
        let x = run("The Russia-NATO council, which met in Brussels on Tuesday, ended early.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Meeting),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_pledge_of_money_and_an_adverb_before_a_verb_are_proposals() {
        let x = run("Norway pledged $20 million for the flood relief.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            x.events
        );
        let y = run("Norway refused to publicly pledge more troops.");
        assert!(
            y.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            y.events
        );
    }

    #[test]
    fn a_hyphenated_modifier_keeps_the_light_verb() {
        let x = run("Norway made long-awaited promises to Chile.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_traveller_arriving_on_a_visit_meets_the_place() {
        let x = run("The Chilean president arrived in Lima on an unexpected visit.");
        let m = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Meeting)
            .expect("a visit");
        assert_eq!(m.place.as_ref().map(|p| p.name.as_str()), Some("Lima"));
    }

    #[test]
    fn people_from_a_state_make_the_state_the_object() {
        let x = run("Peru received ministers from Chile on Monday.");
        let m = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Meeting)
            .expect("a meeting");
        assert!(m.participants.contains(&"chile".to_string()), "{m:#?}");
    }

    #[test]
    fn killing_needs_a_killer_and_a_victim() {
        let x = run("Armed rebels killed two Chilean soldiers.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Strike),
            "{:#?}",
            x.events
        );
        let y = run("Nine people were killed in Lima.");
        assert!(
            !y.events.iter().any(|e| e.kind == EventKind::Strike),
            "{:#?}",
            y.events
        );
    }

    #[test]
    fn the_owner_of_a_place_attacked_is_the_target() {
        let x = run("A camp for Chilean workers was attacked on Monday.");
        let e = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Strike)
            .expect("a strike");
        let t = x.actor(e.target.as_deref().expect("a target")).unwrap();
        assert_eq!(t.country.as_deref(), Some("CHL"));
    }

    #[test]
    fn a_participle_before_by_is_passive() {
        let x = run("Officials counted the victims killed by the storm in Peru.");
        assert!(
            !x.events.iter().any(|e| e.kind == EventKind::Strike),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_claim_of_responsibility_is_a_statement() {
        let x = run("Hamas claimed responsibility for the attack.");
        assert_eq!(x.events[0].kind, EventKind::Statement, "{:#?}", x.events);
        assert_eq!(x.events[0].cameo.as_deref(), Some("015"));
    }

    #[test]
    fn a_people_named_in_the_plural_is_a_subject() {
        let x = run("Chileans blamed Peru for the delay.");
        let e = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Statement)
            .expect("a statement");
        assert_eq!(e.source.as_deref(), Some("chile"));
        assert_eq!(e.target.as_deref(), Some("peru"));
    }

    #[test]
    fn a_verb_right_after_its_subject_is_a_verb_whatever_the_word_before() {
        // "official" is also an adjective ("an official visit")
        let x = run("A Chilean official proposed new talks.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Proposal),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn those_an_offer_is_for_are_its_targets() {
        let x = run("Norway agreed on Monday to provide aid for Chile and Peru.");
        let p = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Proposal)
            .expect("a proposal");
        assert_eq!(p.target.as_deref(), Some("chile"));
        assert!(p.participants.contains(&"peru".to_string()), "{p:#?}");
    }

    #[test]
    fn the_host_of_talks_between_two_sides_takes_part() {
        let x = run("Norway hosted talks between Chile and Peru.");
        let m = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Meeting)
            .expect("a meeting");
        assert_eq!(m.participants.len(), 3, "{m:#?}");
    }

    #[test]
    fn what_a_side_receives_from_another_is_the_givers_proposal() {
        let x = run("Peru received assurances from the Chilean government.");
        let p = x
            .events
            .iter()
            .find(|e| e.kind == EventKind::Proposal)
            .expect("a proposal");
        assert_eq!(p.source.as_deref(), Some("chile"));
        assert_eq!(p.target.as_deref(), Some("peru"));
    }

    #[test]
    fn a_group_after_by_is_the_agent_of_a_passive() {
        let x = run("The meeting was convened by students in Lima.");
        assert!(
            x.events.iter().any(|e| e.kind == EventKind::Meeting),
            "{:#?}",
            x.events
        );
        let y = run("The checkpoint was attacked by gunmen on Monday.");
        let e = y
            .events
            .iter()
            .find(|e| e.kind == EventKind::Strike)
            .expect("a strike");
        let a = y.actor(e.source.as_deref().expect("an attacker")).unwrap();
        assert_eq!(a.name, "gunmen");
    }

    #[test]
    fn spans_point_at_the_evidence_sentence() {
        let text = "Intro line.\n\nLavrov met Tillerson on Wednesday. Then nothing.";
        let x = run(text);
        let e = &x.events[0];
        assert_eq!(&text[e.span[0]..e.span[1]], e.sentence);
        assert!(e.sentence.contains(&e.trigger));
    }

    fn strikes(x: &Extraction) -> Vec<&Event> {
        x.events
            .iter()
            .filter(|e| e.kind == EventKind::Strike)
            .collect()
    }

    #[test]
    fn a_strike_noun_with_nobody_named_needs_its_own_place() {
        // the place belongs to another phrase: no attack is reported
        let x = run("Chile lifted the curfew in Valparaiso that was imposed after bloody riots and clashes there.");
        assert!(strikes(&x).is_empty(), "{:#?}", x.events);
        let x = run("Germany withdrew some invasion forces from Poland on Friday.");
        assert!(strikes(&x).is_empty(), "{:#?}", x.events);
        // the place is attached to the noun
        let x = run("Shops stayed closed on Monday after the clashes in Valparaiso.");
        assert_eq!(strikes(&x).len(), 1, "{:#?}", x.events);
        let x = run("Ministers met in Geneva amid the battle for Syria.");
        assert_eq!(strikes(&x).len(), 1, "{:#?}", x.events);
    }

    #[test]
    fn an_attack_a_speaker_says_had_happened_is_an_accusation() {
        let x = run("Chile claimed that Peru had attacked Bolivia.");
        assert!(strikes(&x).is_empty(), "{:#?}", x.events);
        assert!(x.events.iter().any(|e| e.kind == EventKind::Statement));
        // a report of an attack in the simple past is still an attack
        let x = run("Chile said Peru attacked Bolivia on Monday.");
        assert_eq!(strikes(&x).len(), 1, "{:#?}", x.events);
    }

    #[test]
    fn a_name_after_an_indefinite_article_modifies_the_next_word() {
        // "an Islamic State target": "target" is a noun, no strike on it
        let x = run("Jets hit an Islamic State target west of Mosul.");
        assert!(
            strikes(&x).iter().all(|e| e.trigger != "target"),
            "{:#?}",
            x.events
        );
        // a person after "a" is still a subject
        let x = run("A Russian official offered talks to Ukraine.");
        assert!(x.events.iter().any(|e| e.kind == EventKind::Proposal));
    }

    #[test]
    fn a_rejected_offer_owned_by_a_state_is_no_proposal() {
        let x = run("Peru rejected on Monday a United Nations offer of aid.");
        assert!(
            x.events.iter().all(|e| e.kind != EventKind::Proposal),
            "{:#?}",
            x.events
        );
        let x = run("Peru welcomed a U.S. offer of aid.");
        assert!(x.events.iter().any(|e| e.kind == EventKind::Proposal));
    }

    #[test]
    fn an_attack_a_statement_is_about_is_no_strike() {
        let x = run("The rebels claimed responsibility for the deadly attack on Monday.");
        assert!(strikes(&x).is_empty(), "{:#?}", x.events);
        assert!(x.events.iter().any(|e| e.kind == EventKind::Statement));
        let x = run("Peru blamed Chile for the bombing of the bridge.");
        assert!(strikes(&x).is_empty(), "{:#?}", x.events);
        // another clause: "that" ends the statement's reach
        let x = run("Peru said that Chilean jets carried out the bombing of the bridge.");
        assert_eq!(strikes(&x).len(), 1, "{:#?}", x.events);
    }

    #[test]
    fn an_adjective_in_ly_leaves_a_noun_trigger_a_noun() {
        // "deadly" is no adverb: "attack" is the noun, with nobody named
        let x = run("Peru said a deadly attack was over.");
        assert!(
            strikes(&x).iter().all(|e| e.source.is_none()),
            "{:#?}",
            x.events
        );
    }

    #[test]
    fn a_speaker_announcing_its_own_intent_makes_a_proposal_not_a_statement() {
        let x = run("Peru said it will send aid to Chile.");
        let kinds: Vec<EventKind> = x.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [EventKind::Proposal], "{:#?}", x.events);
        // someone else's intent leaves the statement
        let x = run("Peru said Chile will send aid to Bolivia.");
        assert!(x.events.iter().any(|e| e.kind == EventKind::Statement));
    }
}
