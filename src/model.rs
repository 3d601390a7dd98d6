//! Types that cross pipeline stages: the input [`Document`] and the
//! extraction record (DESIGN.md, "The extraction record") that every later
//! stage and outside tool reads. Field names here are a public contract.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// One input article, as ingest hands it to extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(serialize_with = "serialize_opt_day")]
    pub date: Option<NaiveDate>,
    pub title: String,
    /// Outlet or origin named in the input (`Source:` header, JSONL `source`).
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            date: None,
            title: String::new(),
            source: None,
            url: None,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorType {
    Person,
    Country,
    Organization,
    Group,
}

impl ActorType {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorType::Person => "person",
            ActorType::Country => "country",
            ActorType::Organization => "organization",
            ActorType::Group => "group",
        }
    }
}

/// An actor of one document, with the byte spans where the text names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub actor_type: ActorType,
    pub country: Option<String>,
    pub role: Option<String>,
    pub mentions: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Meeting,
    Statement,
    Strike,
    Proposal,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Meeting,
        EventKind::Statement,
        EventKind::Strike,
        EventKind::Proposal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Statement => "statement",
            EventKind::Strike => "strike",
            EventKind::Proposal => "proposal",
        }
    }

    /// The actor-network relation an event of this kind creates.
    pub fn relation(self) -> &'static str {
        match self {
            EventKind::Meeting => "met",
            EventKind::Statement => "stated_about",
            EventKind::Strike => "struck",
            EventKind::Proposal => "proposed_to",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// A date or span of days, with how precisely the text fixed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DateSpan {
    #[serde(serialize_with = "serialize_day")]
    pub start: NaiveDate,
    #[serde(serialize_with = "serialize_day")]
    pub end: NaiveDate,
    pub precision: Precision,
}

impl DateSpan {
    pub fn day(d: NaiveDate) -> Self {
        DateSpan {
            start: d,
            end: d,
            precision: Precision::Day,
        }
    }

    pub fn overlaps(&self, other: &DateSpan) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// How the text presents an event: as fact, as a possibility, as a plan, or
/// as something that did not or will not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Factuality {
    Asserted,
    Possible,
    Planned,
    Negated,
}

impl Factuality {
    pub const ALL: [Factuality; 4] = [
        Factuality::Asserted,
        Factuality::Possible,
        Factuality::Planned,
        Factuality::Negated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Factuality::Asserted => "asserted",
            Factuality::Possible => "possible",
            Factuality::Planned => "planned",
            Factuality::Negated => "negated",
        }
    }

    pub fn parse(s: &str) -> Option<Factuality> {
        Factuality::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Strength when reports of one event disagree: an assertion outweighs a
    /// plan, a plan outweighs a possibility.
    pub fn strength(self) -> u8 {
        match self {
            Factuality::Asserted => 3,
            Factuality::Planned => 2,
            Factuality::Possible => 1,
            Factuality::Negated => 0,
        }
    }
}

impl fmt::Display for Factuality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub source: Option<String>,
    pub target: Option<String>,
    pub participants: Vec<String>,
    pub place: Option<Place>,
    pub date: Option<DateSpan>,
    pub factuality: Factuality,
    pub trigger: String,
    pub sentence: String,
    pub span: [usize; 2],
    pub reported_by: Vec<String>,
    pub cameo: Option<String>,
}

/// Everything extraction found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub doc_id: String,
    #[serde(serialize_with = "serialize_opt_day")]
    pub date: Option<NaiveDate>,
    pub title: String,
    #[serde(default)]
    pub source: Option<String>,
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
}

impl Extraction {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
}

/// A day as chrono writes it (`2017-04-12`), for the years 0 to 9999;
/// `None` for the others, which chrono writes signed. Records, graphs and
/// exports hold a few days per event, and chrono's formatter writes a
/// character at a time.
pub fn iso_day(day: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(day.year()).ok().filter(|&y| y <= 9999)?;
    let (m, d) = (day.month(), day.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

/// A day serialised as chrono serialises it, through [`iso_day`].
struct IsoDay(NaiveDate);

impl Serialize for IsoDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match iso_day(self.0) {
            Some(bytes) => {
                let text = std::str::from_utf8(&bytes).map_err(serde::ser::Error::custom)?;
                s.serialize_str(text)
            }
            None => self.0.serialize(s),
        }
    }
}

fn serialize_day<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    IsoDay(*day).serialize(s)
}

fn serialize_opt_day<S: Serializer>(day: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    day.map(IsoDay).serialize(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_serialise_as_chrono_serialises_them() {
        for (y, m, d) in [
            (2017, 4, 12),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-44, 3, 15),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let ours = serde_json::to_string(&IsoDay(day)).unwrap();
            assert_eq!(ours, serde_json::to_string(&day).unwrap());
            if let Some(b) = iso_day(day) {
                assert_eq!(b.as_slice(), day.format("%Y-%m-%d").to_string().as_bytes());
            }
        }
    }
    use super::*;

    #[test]
    fn kinds_and_factuality_round_trip_through_their_names() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for f in Factuality::ALL {
            assert_eq!(Factuality::parse(f.as_str()), Some(f));
        }
        assert_eq!(EventKind::parse("Summit"), None);
    }

    #[test]
    fn record_uses_contract_field_names() {
        let a = Actor {
            id: "x".into(),
            name: "X".into(),
            actor_type: ActorType::Person,
            country: Some("USA".into()),
            role: None,
            mentions: vec![[0, 1]],
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["type"], "person");
        let d = DateSpan::day(NaiveDate::from_ymd_opt(2017, 4, 12).unwrap());
        let v = serde_json::to_value(d).unwrap();
        assert_eq!(v["start"], "2017-04-12");
        assert_eq!(v["precision"], "day");
    }

    #[test]
    fn spans_overlap_when_they_share_a_day() {
        let d = |m, day| NaiveDate::from_ymd_opt(2017, m, day).unwrap();
        let week = DateSpan {
            start: d(4, 3),
            end: d(4, 9),
            precision: Precision::Week,
        };
        assert!(week.overlaps(&DateSpan::day(d(4, 7))));
        assert!(!week.overlaps(&DateSpan::day(d(4, 10))));
    }
}
