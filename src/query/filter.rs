//! Filters shared by every query: kind, period, factuality, number of
//! sources, place.

use super::QueryError;
use crate::model::{DateSpan, EventKind, Factuality, Precision};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// What the user asked to keep. Place is still a name here; the engine
/// resolves it against the graph's places.
#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    /// Empty: every kind.
    pub kinds: Vec<EventKind>,
    /// Keep events ending on or after this day.
    pub from: Option<NaiveDate>,
    /// Keep events starting on or before this day.
    pub to: Option<NaiveDate>,
    /// Empty: every factuality.
    pub factualities: Vec<Factuality>,
    pub min_sources: usize,
    pub place: Option<String>,
}

impl Default for Filters {
    /// What happened: asserted events only, as in the actor network, so a
    /// hoped-for or denied meeting never answers "who met whom".
    fn default() -> Self {
        Filters {
            kinds: Vec::new(),
            from: None,
            to: None,
            factualities: vec![Factuality::Asserted],
            min_sources: 0,
            place: None,
        }
    }
}

/// [`Filters`] with the place resolved to place ids: the graph's filter,
/// shared with every export.
pub type EventFilter = crate::graph::filter::Filter;

/// The graph filter for these filters and resolved places.
pub fn event_filter(f: &Filters, places: Option<BTreeSet<String>>) -> EventFilter {
    EventFilter {
        kinds: f.kinds.clone(),
        from: f.from,
        to: f.to,
        factualities: f.factualities.clone(),
        min_sources: f.min_sources,
        places,
        ..EventFilter::default()
    }
}

/// A period written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as its first and last
/// day, so `--from 2017 --to 2017` means the whole year.
pub fn parse_period(s: &str) -> Result<(NaiveDate, NaiveDate), QueryError> {
    let bad = || QueryError::BadDate(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts[..] {
        [y] => {
            let y = num(y)? as i32;
            let first = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
            let last = NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?;
            Ok((first, last))
        }
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            Ok((first, last_day_of_month(first).ok_or_else(bad)?))
        }
        [y, m, d] => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)?;
            Ok((day, day))
        }
        _ => Err(bad()),
    }
}

fn last_day_of_month(first: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// A date as precisely as the text gave it: `2017-04-12`, `2017-04`,
/// `2017`, or a week as `2017-04-03/2017-04-09`.
pub fn show_date(d: Option<DateSpan>) -> String {
    let Some(d) = d else {
        return "undated".to_string();
    };
    match d.precision {
        Precision::Day => d.start.format("%Y-%m-%d").to_string(),
        Precision::Week => format!(
            "{}/{}",
            d.start.format("%Y-%m-%d"),
            d.end.format("%Y-%m-%d")
        ),
        Precision::Month => d.start.format("%Y-%m").to_string(),
        Precision::Year => d.start.format("%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_cover_whole_years_months_and_days() {
        assert_eq!(
            parse_period("2017").unwrap(),
            (ymd(2017, 1, 1), ymd(2017, 12, 31))
        );
        assert_eq!(
            parse_period("2016-02").unwrap(),
            (ymd(2016, 2, 1), ymd(2016, 2, 29))
        );
        assert_eq!(parse_period("2017-12").unwrap().1, ymd(2017, 12, 31));
        assert_eq!(
            parse_period("2017-04-12").unwrap(),
            (ymd(2017, 4, 12), ymd(2017, 4, 12))
        );
        assert!(parse_period("2017-13").is_err());
        assert!(parse_period("April").is_err());
        assert!(parse_period("2017-04-12-1").is_err());
    }

    #[test]
    fn a_week_long_event_overlapping_the_period_is_kept_an_undated_one_is_not() {
        let f = event_filter(
            &Filters {
                from: Some(ymd(2017, 4, 8)),
                to: Some(ymd(2017, 4, 30)),
                ..Filters::default()
            },
            None,
        );
        let week = DateSpan {
            start: ymd(2017, 4, 3),
            end: ymd(2017, 4, 9),
            precision: Precision::Week,
        };
        assert!(f.in_period(Some(week)));
        assert!(!f.in_period(Some(DateSpan::day(ymd(2017, 4, 7)))));
        assert!(!f.in_period(None));
        assert!(event_filter(&Filters::default(), None).in_period(None));
    }

    #[test]
    fn dates_show_their_precision() {
        let week = DateSpan {
            start: ymd(2017, 4, 3),
            end: ymd(2017, 4, 9),
            precision: Precision::Week,
        };
        assert_eq!(show_date(Some(week)), "2017-04-03/2017-04-09");
        let month = DateSpan {
            precision: Precision::Month,
            ..week
        };
        assert_eq!(show_date(Some(month)), "2017-04");
        assert_eq!(show_date(None), "undated");
    }
}
