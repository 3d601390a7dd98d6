//! Date expressions: found in a sentence's tokens, resolved against the
//! document date, the discourse anchor ("that day") and the tense of the event
//! they date ("Wednesday" after a past-tense verb is the last Wednesday).

use crate::model::{DateSpan, Precision};
use crate::text::{Analysis, TokenKind};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A date expression as written, before resolution.
///
/// A word-sized tag leaves no padding between it and the fields, so the
/// expression and the sentence table's `Option<(usize, DateExpr)>`, stored
/// for every token, copy as whole words instead of byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum DateExpr {
    /// Year, month, day all written.
    Full(NaiveDate),
    /// Month and day; the year comes from the document date.
    MonthDay(u32, u32),
    /// Month and year.
    MonthYear(i32, u32),
    /// A month alone ("in April").
    Month(u32),
    Year(i32),
    Weekday(Weekday),
    /// Days relative to the document date: yesterday -1, today 0, tomorrow 1,
    /// "two days ago" -2.
    RelDay(i64),
    /// "last week" -1, "this week" 0, "next week" 1.
    RelWeek(i64),
    RelMonth(i64),
    RelYear(i64),
    /// "that day", "later that day", "the same day": the discourse anchor.
    ThatDay,
    /// "the next day", "the following day".
    DayAfterAnchor,
}

/// Direction to resolve a bare weekday or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

const MONTHS: [(&str, u32); 21] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("apr", 4),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month_at(a: &Analysis, i: usize) -> Option<u32> {
    let t = a.tokens.get(i)?;
    if !t.cap {
        return None;
    }
    let n = a.norm(i);
    let m = MONTHS.iter().find(|(name, _)| *name == n)?.1;
    // "May" is a month only next to a number ("May 5", "May 2017")
    if n == "may" {
        let num_next = a
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Number);
        let num_prev = i > 0 && a.tokens[i - 1].kind == TokenKind::Number;
        if !num_next && !num_prev {
            return None;
        }
    }
    Some(m)
}

fn number_at(a: &Analysis, i: usize) -> Option<u32> {
    let t = a.tokens.get(i)?;
    if t.kind != TokenKind::Number {
        return None;
    }
    let s = a.surface(i);
    let (digits, rest) = s.split_at(s.bytes().take_while(u8::is_ascii_digit).count());
    if !(rest.is_empty() || matches!(rest, "st" | "nd" | "rd" | "th")) {
        return None;
    }
    digits.parse().ok()
}

fn year_at(a: &Analysis, i: usize) -> Option<i32> {
    let t = a.tokens.get(i)?;
    if t.kind != TokenKind::Number || a.surface(i).len() != 4 {
        return None;
    }
    let y: i32 = a.surface(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

fn word_is(a: &Analysis, i: usize, w: &str) -> bool {
    i < a.tokens.len() && a.is(i, w)
}

fn word_in(a: &Analysis, i: usize, ws: &[&str]) -> bool {
    i < a.tokens.len() && {
        let len = norm_len(a, i);
        ws.iter().any(|w| w.len() == len) && ws.contains(&a.norm(i))
    }
}

/// The length of token `i`'s folded form, read from the token: comparing it
/// first rules out most words without slicing the folded text.
#[inline]
fn norm_len(a: &Analysis, i: usize) -> usize {
    let (start, end) = a.tokens[i].norm;
    end.wrapping_sub(start) as usize
}

fn small_number(a: &Analysis, i: usize) -> Option<i64> {
    if let Some(n) = number_at(a, i) {
        return Some(n as i64);
    }
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let n = a.norm(i);
    if n == "a" {
        return Some(1);
    }
    WORDS.iter().position(|w| *w == n).map(|p| p as i64 + 1)
}

/// Every word that can open a date: months, weekdays and the other
/// openers ("yesterday", "last", "the"). A word token not among them never
/// starts one, whatever follows it.
pub fn opener_words() -> impl Iterator<Item = &'static str> {
    let words = OPENER_WORDS.iter().map(|(w, _)| *w);
    let months = MONTHS.iter().map(|(w, _)| *w);
    let weekdays = WEEKDAYS.iter().map(|(w, _)| *w);
    words.chain(months).chain(weekdays)
}

/// A date expression starting at token `i` and ending by token `end` (the
/// sentence end), with its length in tokens.
///
/// Only a number or one of [`opener_words`] can start one, and most of
/// those are turned away before the full grammar ([`parse_unbounded`]) by
/// what it needs of the tokens after them; the result is the grammar's
/// either way (see the tests). Extraction calls this only at numbers and
/// the tokens the dictionary pass marked as opener words.
#[inline(never)]
pub fn parse_at(a: &Analysis, i: usize, end: usize) -> Option<(usize, DateExpr)> {
    let may_start = if a.tokens.get(i)?.kind == TokenKind::Number {
        number_may_start_date(a, i, end)
    } else {
        word_may_start_date(a, i, end)
    };
    if !may_start {
        return None;
    }
    parse_unbounded(a, i, end).filter(|(len, _)| i + len <= end)
}

/// What the grammar may make of a word that can open a date, as far as the
/// quick test before it needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// A month or weekday name: a date by itself when capitalised.
    CalendarName,
    /// "yesterday", "today": a date by itself.
    DayWord,
    /// "the same day", "the next day".
    The,
    /// "a week ago", "two days ago".
    Count,
    /// "last night", "last week", "next month", "this year".
    BeforeUnit,
    /// "earlier this week", "later that day", "early Monday".
    Qualifier,
    /// "on that day".
    That,
}

/// Words other than numbers, months and weekdays that can open a date.
const OPENER_WORDS: [(&str, Opener); 26] = [
    ("yesterday", Opener::DayWord),
    ("today", Opener::DayWord),
    ("tonight", Opener::DayWord),
    ("tomorrow", Opener::DayWord),
    ("last", Opener::BeforeUnit),
    ("past", Opener::BeforeUnit),
    ("next", Opener::BeforeUnit),
    ("this", Opener::BeforeUnit),
    ("coming", Opener::BeforeUnit),
    ("earlier", Opener::Qualifier),
    ("later", Opener::Qualifier),
    ("late", Opener::Qualifier),
    ("early", Opener::Qualifier),
    ("that", Opener::That),
    ("the", Opener::The),
    ("a", Opener::Count),
    ("one", Opener::Count),
    ("two", Opener::Count),
    ("three", Opener::Count),
    ("four", Opener::Count),
    ("five", Opener::Count),
    ("six", Opener::Count),
    ("seven", Opener::Count),
    ("eight", Opener::Count),
    ("nine", Opener::Count),
    ("ten", Opener::Count),
];

/// Open-addressed table of every opener, month and weekday by its
/// [`signature`]: a probe or two and, for words over four letters, one
/// string comparison, instead of one comparison for each word.
const OPENER_SLOTS: usize = 128;
type OpenerTable = [Option<(u64, &'static str, Opener)>; OPENER_SLOTS];
const OPENER_TABLE: OpenerTable = opener_table();

const fn opener_table() -> OpenerTable {
    let mut table = [None; OPENER_SLOTS];
    let mut k = 0;
    while k < OPENER_WORDS.len() {
        add_opener(&mut table, OPENER_WORDS[k].0, OPENER_WORDS[k].1);
        k += 1;
    }
    k = 0;
    while k < MONTHS.len() {
        add_opener(&mut table, MONTHS[k].0, Opener::CalendarName);
        k += 1;
    }
    k = 0;
    while k < WEEKDAYS.len() {
        add_opener(&mut table, WEEKDAYS[k].0, Opener::CalendarName);
        k += 1;
    }
    table
}

const fn add_opener(table: &mut OpenerTable, w: &'static str, o: Opener) {
    let sig = signature(w.as_bytes());
    let mut h = opener_slot(sig);
    while table[h].is_some() {
        h = (h + 1) % OPENER_SLOTS;
    }
    table[h] = Some((sig, w, o));
}

/// A word's length and first three and last bytes: the whole word when it
/// is four bytes long or shorter, which most frequent words are.
const fn signature(b: &[u8]) -> u64 {
    let last = if b.is_empty() { 0 } else { b[b.len() - 1] };
    byte_or_0(b, 0)
        | byte_or_0(b, 1) << 8
        | byte_or_0(b, 2) << 16
        | (last as u64) << 24
        | (b.len() as u64) << 32
}

const fn byte_or_0(b: &[u8], k: usize) -> u64 {
    if k < b.len() {
        b[k] as u64
    } else {
        0
    }
}

const fn opener_slot(sig: u64) -> usize {
    (sig.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize % OPENER_SLOTS
}

/// The opener, month or weekday `n` is (of any case), if any.
fn opener(n: &str) -> Option<Opener> {
    let sig = signature(n.as_bytes());
    let mut h = opener_slot(sig);
    while let Some((s, w, o)) = OPENER_TABLE[h] {
        if s == sig && (n.len() <= 4 || w == n) {
            return Some(o);
        }
        h = (h + 1) % OPENER_SLOTS;
    }
    None
}

/// A test that rules out most tokens cheaply and never a date: a date
/// starts with a number, a capitalised month or weekday, or an opener word,
/// and most openers need particular words after them.
#[cfg(test)]
fn may_start_date(a: &Analysis, i: usize, end: usize) -> bool {
    let Some(t) = a.tokens.get(i) else {
        return false;
    };
    if t.kind == TokenKind::Number {
        return number_may_start_date(a, i, end);
    }
    word_may_start_date(a, i, end)
}

/// Whether the word at `i` may open a date, by what the grammar needs of
/// the tokens after it.
fn word_may_start_date(a: &Analysis, i: usize, end: usize) -> bool {
    let Some(o) = opener(a.norm(i)) else {
        return false;
    };
    let within = |k: usize| k < end;
    match o {
        Opener::CalendarName => a.tokens[i].cap,
        Opener::DayWord => true,
        Opener::The => within(i + 2) && word_is(a, i + 2, "day"),
        Opener::Count => within(i + 2) && word_is(a, i + 2, "ago"),
        Opener::BeforeUnit => {
            within(i + 1) && word_in(a, i + 1, &["week", "month", "year", "weekend", "night"])
        }
        // a weekday, or a word of "this week", "that day", "early Monday"
        Opener::Qualifier => {
            within(i + 1)
                && (a.tokens[i + 1].cap
                    || word_in(
                        a,
                        i + 1,
                        &["this", "that", "earlier", "later", "late", "early"],
                    ))
        }
        Opener::That => {
            i > 0
                && within(i + 1)
                && word_in(
                    a,
                    i + 1,
                    &["day", "morning", "evening", "afternoon", "night"],
                )
        }
    }
}

/// A number opens a date before a month ("11 April") or in "two days ago";
/// four digits may also be a year in "2017-04-11" or "in 2015".
fn number_may_start_date(a: &Analysis, i: usize, end: usize) -> bool {
    let t = &a.tokens[i];
    let year_shaped = t.end - t.start == 4;
    (i + 1 < end && a.tokens[i + 1].cap)
        || (i + 2 < end && word_is(a, i + 2, "ago"))
        || (year_shaped && i + 4 < end && word_is(a, i + 1, "-"))
        || (year_shaped && i > 0 && word_in(a, i - 1, YEAR_PREPOSITIONS))
}

/// Words before a bare year the grammar takes as a date ("in 2015").
const YEAR_PREPOSITIONS: &[&str] = &["in", "since", "during", "until", "of", "by"];

fn parse_unbounded(a: &Analysis, i: usize, end: usize) -> Option<(usize, DateExpr)> {
    // the two most frequent openers can begin one pattern each
    match a.norm(i) {
        "the" => return the_day(a, i),
        "a" => return ago(a, i, end),
        _ => {}
    }
    let within = |k: usize| k < end;
    // ISO 2017-04-11
    if let Some(y) = year_at(a, i) {
        if within(i + 4)
            && a.norm(i + 1) == "-"
            && a.norm(i + 3) == "-"
            && !a.tokens[i + 1].space_before
        {
            if let (Some(m), Some(d)) = (number_at(a, i + 2), number_at(a, i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some((5, DateExpr::Full(date)));
                }
            }
        }
    }
    // Month Day[, Year] | Month Year | Month
    if let Some(m) = month_at(a, i) {
        let mut j = i + 1;
        if within(j) && a.norm(j) == "." {
            j += 1;
        }
        if within(j) {
            if let Some(d) = number_at(a, j).filter(|d| (1..=31).contains(d)) {
                if a.surface(j).len() <= 4 {
                    let mut k = j + 1;
                    if within(k) && a.norm(k) == "," {
                        k += 1;
                    }
                    if within(k) {
                        if let Some(y) = year_at(a, k) {
                            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                                return Some((k + 1 - i, DateExpr::Full(date)));
                            }
                        }
                    }
                    return Some((j + 1 - i, DateExpr::MonthDay(m, d)));
                }
            }
            if let Some(y) = year_at(a, j) {
                return Some((j + 1 - i, DateExpr::MonthYear(y, m)));
            }
        }
        return Some((j - i, DateExpr::Month(m)));
    }
    // Day Month [Year]
    if let Some(d) = number_at(a, i).filter(|d| (1..=31).contains(d)) {
        if within(i + 1) {
            if let Some(m) = month_at(a, i + 1) {
                if within(i + 2) {
                    if let Some(y) = year_at(a, i + 2) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                            return Some((3, DateExpr::Full(date)));
                        }
                    }
                }
                return Some((2, DateExpr::MonthDay(m, d)));
            }
        }
    }
    // Weekday [morning|afternoon|evening|night]
    if a.tokens[i].cap {
        if let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == a.norm(i)) {
            let len = if within(i + 1)
                && word_in(a, i + 1, &["morning", "afternoon", "evening", "night"])
            {
                2
            } else {
                1
            };
            return Some((len, DateExpr::Weekday(*wd)));
        }
    }
    let n = a.norm(i);
    match n {
        "yesterday" => return Some((1, DateExpr::RelDay(-1))),
        "today" | "tonight" => return Some((1, DateExpr::RelDay(0))),
        "tomorrow" => return Some((1, DateExpr::RelDay(1))),
        _ => {}
    }
    // last/next/this/earlier this/later this + week/month/year
    let unit_at = |k: usize| -> Option<&str> {
        within(k)
            .then(|| a.norm(k))
            .filter(|u| matches!(*u, "week" | "month" | "year" | "weekend"))
    };
    let rel = |unit: &str, off: i64| match unit {
        "week" | "weekend" => DateExpr::RelWeek(off),
        "month" => DateExpr::RelMonth(off),
        _ => DateExpr::RelYear(off),
    };
    if n == "last" && word_is(a, i + 1, "night") {
        return Some((2, DateExpr::RelDay(-1)));
    }
    if matches!(n, "last" | "past" | "next" | "this" | "coming") {
        if let Some(u) = unit_at(i + 1) {
            let off = match n {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            return Some((2, rel(u, off)));
        }
    }
    if matches!(n, "earlier" | "later") && word_is(a, i + 1, "this") {
        if let Some(u) = unit_at(i + 2) {
            return Some((3, rel(u, 0)));
        }
    }
    // earlier/later/late/early + Weekday
    if matches!(n, "earlier" | "later" | "late" | "early") && within(i + 1) {
        if let Some((len, DateExpr::Weekday(w))) = parse_at(a, i + 1, end) {
            return Some((len + 1, DateExpr::Weekday(w)));
        }
    }
    // (later|earlier) that day, the same day, the next/following day
    let that_day = |k: usize| {
        word_is(a, k, "that")
            && word_in(
                a,
                k + 1,
                &["day", "morning", "evening", "afternoon", "night"],
            )
    };
    if matches!(n, "later" | "earlier") && that_day(i + 1) {
        return Some((3, DateExpr::ThatDay));
    }
    if that_day(i) && i > 0 && word_in(a, i - 1, &["on", "of"]) {
        return Some((2, DateExpr::ThatDay));
    }
    if let Some(found) = ago(a, i, end) {
        return Some(found);
    }
    // in 2015, since 1990
    if i > 0 && word_in(a, i - 1, YEAR_PREPOSITIONS) {
        if let Some(y) = year_at(a, i) {
            return Some((1, DateExpr::Year(y)));
        }
    }
    None
}

/// "the same day" (the discourse anchor), "the next day", "the following
/// day".
fn the_day(a: &Analysis, i: usize) -> Option<(usize, DateExpr)> {
    if word_is(a, i + 1, "same") && word_is(a, i + 2, "day") {
        return Some((3, DateExpr::ThatDay));
    }
    if word_in(a, i + 1, &["next", "following"]) && word_is(a, i + 2, "day") {
        return Some((3, DateExpr::DayAfterAnchor));
    }
    None
}

/// N days/weeks/months/years ago: "two days ago", "a week ago".
fn ago(a: &Analysis, i: usize, end: usize) -> Option<(usize, DateExpr)> {
    if i + 2 >= end || !word_is(a, i + 2, "ago") {
        return None;
    }
    let k = small_number(a, i)?;
    let e = match a.norm(i + 1) {
        "day" | "days" => DateExpr::RelDay(-k),
        "week" | "weeks" => DateExpr::RelWeek(-k),
        "month" | "months" => DateExpr::RelMonth(-k),
        "year" | "years" => DateExpr::RelYear(-k),
        _ => return None,
    };
    Some((3, e))
}

/// The date an expression stands for. `doc` is the publication date,
/// `anchor` the last day the text fixed (for "that day").
pub fn resolve(
    expr: DateExpr,
    doc: Option<NaiveDate>,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> Option<DateSpan> {
    let span = |start: NaiveDate, end: NaiveDate, precision| DateSpan {
        start,
        end,
        precision,
    };
    match expr {
        DateExpr::Full(d) => Some(DateSpan::day(d)),
        DateExpr::MonthDay(m, d) => {
            let doc = doc?;
            let mut date = NaiveDate::from_ymd_opt(doc.year(), m, d)?;
            // "December 30" in a January story is last year's, unless the
            // event lies ahead
            if tense != Tense::Future && date > doc && (date - doc).num_days() > 60 {
                date = NaiveDate::from_ymd_opt(doc.year() - 1, m, d)?;
            } else if tense == Tense::Future && date < doc && (doc - date).num_days() > 60 {
                date = NaiveDate::from_ymd_opt(doc.year() + 1, m, d)?;
            }
            Some(DateSpan::day(date))
        }
        DateExpr::MonthYear(y, m) => month_span(y, m),
        DateExpr::Month(m) => {
            let doc = doc?;
            let mut y = doc.year();
            if tense == Tense::Future && m < doc.month() {
                y += 1;
            } else if tense != Tense::Future && m > doc.month() {
                y -= 1;
            }
            month_span(y, m)
        }
        DateExpr::Year(y) => Some(span(
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
            Precision::Year,
        )),
        DateExpr::Weekday(w) => {
            let doc = doc?;
            let today = doc.weekday().num_days_from_monday() as i64;
            let want = w.num_days_from_monday() as i64;
            let date = if tense == Tense::Future {
                doc.checked_add_days(Days::new(((want - today + 7) % 7) as u64))?
            } else {
                doc.checked_sub_days(Days::new(((today - want + 7) % 7) as u64))?
            };
            Some(DateSpan::day(date))
        }
        DateExpr::RelDay(k) => Some(DateSpan::day(add_days(doc?, k)?)),
        DateExpr::RelWeek(k) => {
            let doc = doc?;
            let monday = add_days(doc, -(doc.weekday().num_days_from_monday() as i64))?;
            let start = add_days(monday, 7 * k)?;
            Some(span(start, add_days(start, 6)?, Precision::Week))
        }
        DateExpr::RelMonth(k) => {
            let doc = doc?;
            let first = NaiveDate::from_ymd_opt(doc.year(), doc.month(), 1)?;
            let d = if k >= 0 {
                first.checked_add_months(Months::new(k as u32))?
            } else {
                first.checked_sub_months(Months::new((-k) as u32))?
            };
            month_span(d.year(), d.month())
        }
        DateExpr::RelYear(k) => {
            let y = doc?.year().checked_add(i32::try_from(k).ok()?)?;
            resolve(DateExpr::Year(y), None, None, tense)
        }
        DateExpr::ThatDay => Some(DateSpan::day(anchor.or(doc)?)),
        DateExpr::DayAfterAnchor => Some(DateSpan::day(add_days(anchor.or(doc)?, 1)?)),
    }
}

fn add_days(d: NaiveDate, k: i64) -> Option<NaiveDate> {
    if k >= 0 {
        d.checked_add_days(Days::new(k as u64))
    } else {
        d.checked_sub_days(Days::new((-k) as u64))
    }
}

fn month_span(y: i32, m: u32) -> Option<DateSpan> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateSpan {
        start,
        end,
        precision: Precision::Month,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn first_expr(text: &str) -> Option<DateExpr> {
        let a = analyze(text);
        (0..a.tokens.len()).find_map(|i| parse_at(&a, i, a.tokens.len()).map(|x| x.1))
    }

    fn at(text: &str, tense: Tense) -> Option<DateSpan> {
        // 2017-04-12 was a Wednesday
        resolve(
            first_expr(text)?,
            Some(d(2017, 4, 12)),
            Some(d(2017, 4, 12)),
            tense,
        )
    }

    #[test]
    fn a_sentence_table_entry_is_three_words() {
        assert_eq!(std::mem::size_of::<Option<(usize, DateExpr)>>(), 24);
    }

    #[test]
    fn the_opener_table_knows_every_word_and_no_other() {
        for (w, o) in OPENER_WORDS {
            assert_eq!(opener(w), Some(o), "{w}");
        }
        for (w, _) in MONTHS.iter().chain(&[("monday", 1), ("sunday", 7)]) {
            assert_eq!(opener(w), Some(Opener::CalendarName), "{w}");
        }
        for (w, _) in WEEKDAYS {
            assert_eq!(opener(w), Some(Opener::CalendarName), "{w}");
        }
        // near misses, some sharing a word's signature
        let others = [
            "",
            "then",
            "these",
            "thes",
            "a\0",
            "lasts",
            "tue",
            "mayday",
            "an",
            "thi",
            "tha",
            "tuesxay",
            "septxmber",
            "yesterxay",
        ];
        for w in others {
            assert_eq!(opener(w), None, "{w}");
        }
    }

    /// Words the grammar looks at, near misses and others, to build
    /// sentences that hit every rule and every early exit.
    const VOCABULARY: &[&str] = &[
        "the",
        "The",
        "a",
        "A",
        "that",
        "That",
        "this",
        "last",
        "Last",
        "past",
        "next",
        "coming",
        "earlier",
        "Earlier",
        "later",
        "late",
        "early",
        "one",
        "two",
        "Two",
        "ten",
        "yesterday",
        "Today",
        "tonight",
        "tomorrow",
        "same",
        "following",
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        "night",
        "morning",
        "evening",
        "ago",
        "on",
        "of",
        "in",
        "since",
        "by",
        "April",
        "april",
        "May",
        "may",
        "Jan",
        "Sept",
        "Dec",
        "Monday",
        "monday",
        "Wednesday",
        "Sunday",
        "5",
        "11",
        "31",
        "32",
        "11th",
        "3rd",
        "2017",
        "1899",
        "2101",
        "04",
        "0",
        "4000000000",
        "1,000",
        "-",
        ",",
        ".",
        "then",
        "Theresa",
        "talks",
        "Reuters",
        "US",
        "x",
        "2017-04-11",
        "2017-02-30",
        "April 11, 2017",
        "11 April 2017",
        "the same day",
        "the following day",
        "two days ago",
        "a year ago",
        "later that day",
        "on that morning",
        "earlier this week",
        "late Friday",
    ];

    fn sentence_from(picks: &[(usize, bool)]) -> String {
        let mut text = String::new();
        for &(k, space) in picks {
            if space && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(VOCABULARY[k % VOCABULARY.len()]);
        }
        text
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The quick test before the grammar turns away no date: `parse_at`
        /// finds what the full grammar finds at every token, for every end.
        #[test]
        fn the_quick_test_agrees_with_the_full_grammar(
            picks in proptest::collection::vec((0usize..1000, proptest::bool::weighted(0.8)), 0..14)
        ) {
            let text = sentence_from(&picks);
            let a = analyze(&text);
            let n = a.tokens.len();
            for end in 0..=n {
                for i in 0..n {
                    let full = parse_unbounded(&a, i, end).filter(|(len, _)| i + len <= end);
                    proptest::prop_assert_eq!(parse_at(&a, i, end), full, "{} at {}", text, i);
                }
            }
        }
    }

    #[test]
    fn the_quick_test_lets_through_each_kind_of_date() {
        for text in [
            "the same day",
            "the next day",
            "a week ago",
            "two days ago",
            "last night",
            "this year",
            "earlier this month",
            "later that day",
            "early Monday",
            "later early Monday",
            "on that day",
            "11 April",
            "in 2015",
            "2017-04-11",
            "April",
            "Monday",
            "yesterday",
        ] {
            let a = analyze(text);
            let i = usize::from(text.starts_with("on ") || text.starts_with("in "));
            assert!(may_start_date(&a, i, a.tokens.len()), "{text}");
            assert!(parse_at(&a, i, a.tokens.len()).is_some(), "{text}");
        }
    }

    #[test]
    fn absolute_and_partial_dates() {
        assert_eq!(
            at("in Lucca, Italy April 11, 2017.", Tense::Past),
            Some(DateSpan::day(d(2017, 4, 11)))
        );
        assert_eq!(
            at("on 11 April 2017", Tense::Past),
            Some(DateSpan::day(d(2017, 4, 11)))
        );
        assert_eq!(
            at("dated 2017-04-11", Tense::Past),
            Some(DateSpan::day(d(2017, 4, 11)))
        );
        assert_eq!(
            at("on April 3", Tense::Past),
            Some(DateSpan::day(d(2017, 4, 3)))
        );
        assert_eq!(at("on Jan. 5", Tense::Past).unwrap().start, d(2017, 1, 5));
        let y = at("in 2015", Tense::Past).unwrap();
        assert_eq!(
            (y.start, y.end, y.precision),
            (d(2015, 1, 1), d(2015, 12, 31), Precision::Year)
        );
        assert_eq!(first_expr("Theresa May said"), None);
    }

    #[test]
    fn weekdays_follow_the_tense() {
        assert_eq!(
            at("met Wednesday morning", Tense::Past).unwrap().start,
            d(2017, 4, 12)
        );
        assert_eq!(
            at("met on Monday", Tense::Past).unwrap().start,
            d(2017, 4, 10)
        );
        assert_eq!(
            at("will meet on Monday", Tense::Future).unwrap().start,
            d(2017, 4, 17)
        );
        assert_eq!(
            at("said on Thursday", Tense::Past).unwrap().start,
            d(2017, 4, 6)
        );
        assert_eq!(
            at("earlier Wednesday", Tense::Past).unwrap().start,
            d(2017, 4, 12)
        );
    }

    #[test]
    fn relative_spans_carry_their_precision() {
        let w = at("a Syrian base last week.", Tense::Past).unwrap();
        assert_eq!(
            (w.start, w.end, w.precision),
            (d(2017, 4, 3), d(2017, 4, 9), Precision::Week)
        );
        let m = at("Earlier this month, Turkey", Tense::Past).unwrap();
        assert_eq!(
            (m.start, m.end, m.precision),
            (d(2017, 4, 1), d(2017, 4, 30), Precision::Month)
        );
        assert_eq!(at("yesterday", Tense::Past).unwrap().start, d(2017, 4, 11));
        assert_eq!(
            at("two days ago", Tense::Past).unwrap().start,
            d(2017, 4, 10)
        );
        assert_eq!(
            at("later that day", Tense::Future).unwrap().start,
            d(2017, 4, 12)
        );
        assert_eq!(
            at("the next day", Tense::Past).unwrap().start,
            d(2017, 4, 13)
        );
        assert_eq!(
            at("next month", Tense::Future).unwrap().start,
            d(2017, 5, 1)
        );
    }
}
