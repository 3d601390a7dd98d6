//! CSV exports: `events.csv`, a timeline for spreadsheets (one row per
//! event, ISO dates in their own columns), and `nodes.csv` + `edges.csv`,
//! the actor network laid out as Gephi's spreadsheet import expects (no bare
//! date columns there: time goes in a `Timeset` interval).

use super::derived::Derived;
use super::safe_cell;
use super::text::{any_byte, push_count, push_count_as_f64, push_day, push_f64};
use crate::graph::EventGraph;
use chrono::NaiveDate;
use std::io::{self, Write};

/// Buffered bytes are handed to the output once they pass this size, after
/// a whole record.
const FLUSH_AT: usize = 1 << 16;

/// A CSV file being written into `out`, quoted as the csv crate's default
/// writer quotes (only fields with `,`, `"`, `\n` or `\r`, quotes doubled;
/// records end in `\n`). The fields go straight into one byte buffer: no
/// `String` per cell, no record of owned cells.
struct Csv<'a> {
    out: &'a mut dyn Write,
    buf: Vec<u8>,
    /// Fields written of the current record.
    fields: usize,
}

impl<'a> Csv<'a> {
    fn new(out: &'a mut dyn Write) -> Csv<'a> {
        Csv {
            out,
            buf: Vec::with_capacity(FLUSH_AT + (FLUSH_AT >> 2)),
            fields: 0,
        }
    }

    /// The delimiter before every field but a record's first.
    fn delimit(&mut self) {
        if self.fields > 0 {
            self.buf.push(b',');
        }
        self.fields += 1;
    }

    /// A field as it is, quoted if it must be.
    fn field(&mut self, s: &str) {
        self.delimit();
        let bytes = s.as_bytes();
        let needs_quotes = any_byte(bytes, |b| {
            (b == b',') | (b == b'"') | (b == b'\n') | (b == b'\r')
        });
        if !needs_quotes {
            self.buf.extend_from_slice(bytes);
            return;
        }
        self.buf.push(b'"');
        for (i, part) in bytes.split(|&b| b == b'"').enumerate() {
            if i > 0 {
                self.buf.extend_from_slice(b"\"\"");
            }
            self.buf.extend_from_slice(part);
        }
        self.buf.push(b'"');
    }

    /// A text cell a spreadsheet will not run (see [`safe_cell`]).
    fn cell(&mut self, s: &str) {
        let bytes = s.as_bytes();
        // nearly every cell has no control byte, comma or quote and does
        // not start like a formula: one scan, copied as it is
        let plain = !matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@'))
            && !any_byte(bytes, |b| (b < b' ') | (b == b',') | (b == b'"'));
        if plain {
            self.delimit();
            self.buf.extend_from_slice(bytes);
        } else {
            self.field(&safe_cell(s));
        }
    }

    /// A cell of `items` joined by `sep`, made safe as a whole; `scratch`
    /// holds the joined text, reused across records.
    fn joined_cell<'s>(
        &mut self,
        scratch: &mut String,
        items: impl IntoIterator<Item = &'s str>,
        sep: &str,
    ) {
        scratch.clear();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                scratch.push_str(sep);
            }
            scratch.push_str(item);
        }
        self.cell(scratch);
    }

    fn count(&mut self, n: usize) {
        self.delimit();
        push_count(&mut self.buf, n);
    }

    /// `prefix` followed by a count (`t12`); neither needs quotes.
    fn prefixed_count(&mut self, prefix: &'static str, n: usize) {
        self.delimit();
        self.buf.extend_from_slice(prefix.as_bytes());
        push_count(&mut self.buf, n);
    }

    /// A count written as a one-decimal float (`3.0`).
    fn count_as_f64(&mut self, n: usize) {
        self.delimit();
        push_count_as_f64(&mut self.buf, n);
    }

    /// A day in ISO form, or an empty cell.
    fn day(&mut self, day: Option<NaiveDate>) {
        self.delimit();
        if let Some(d) = day {
            push_day(&mut self.buf, d);
        }
    }

    /// A number as `Display` writes it, or an empty cell.
    fn number(&mut self, v: Option<f64>) {
        self.delimit();
        if let Some(v) = v {
            push_f64(&mut self.buf, v);
        }
    }

    /// Gephi's `Timeset` of one interval, `<[first, last]>` (quoted for its
    /// comma), or an empty cell.
    fn timeset(&mut self, span: Option<(NaiveDate, NaiveDate)>) {
        self.delimit();
        if let Some((first, last)) = span {
            self.buf.extend_from_slice(b"\"<[");
            push_day(&mut self.buf, first);
            self.buf.extend_from_slice(b", ");
            push_day(&mut self.buf, last);
            self.buf.extend_from_slice(b"]>\"");
        }
    }

    /// A whole record of plain fields (a header).
    fn record(&mut self, fields: &[&str]) -> io::Result<()> {
        for f in fields {
            self.field(f);
        }
        self.end_record()
    }

    fn end_record(&mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        self.fields = 0;
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }
}

pub const EVENT_COLUMNS: &[&str] = &[
    "event_id",
    "date",
    "date_end",
    "precision",
    "kind",
    "source",
    "target",
    "participants",
    "place",
    "country",
    "lat",
    "lon",
    "factuality",
    "trigger",
    "cameo",
    "sentence",
    "document_ids",
    "mentions",
    "documents",
    "sources",
    "reported_by",
];

/// The name of actor `id`, or the id of an actor the graph lacks.
fn actor_name<'a>(g: &'a EventGraph, id: &'a str) -> &'a str {
    g.actor(id).map(|a| a.name.as_str()).unwrap_or(id)
}

/// `events.csv`: one row per event, in time order.
pub fn write_events(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Csv::new(out);
    w.record(EVENT_COLUMNS)?;
    let name = |id| actor_name(g, id);
    let mut reported: Vec<&str> = Vec::new();
    let mut scratch = String::new();
    for e in &g.data.events {
        let place = e.place.as_deref().and_then(|p| g.place(p));
        reported.clear();
        reported.extend(
            e.provenance
                .iter()
                .flat_map(|p| p.reported_by.iter().map(|r| &**r)),
        );
        reported.sort_unstable();
        reported.dedup();
        w.cell(&e.id);
        w.day(e.date.map(|d| d.start));
        w.day(e.date.map(|d| d.end));
        w.field(e.date.map(|d| d.precision.as_str()).unwrap_or_default());
        w.field(e.kind.as_str());
        w.cell(e.source.as_deref().map(name).unwrap_or_default());
        w.cell(e.target.as_deref().map(name).unwrap_or_default());
        w.joined_cell(&mut scratch, e.participants.iter().map(|p| name(p)), "; ");
        w.cell(place.map(|p| p.name.as_str()).unwrap_or_default());
        w.field(place.and_then(|p| p.country.as_deref()).unwrap_or_default());
        w.number(place.and_then(|p| p.lat));
        w.number(place.and_then(|p| p.lon));
        w.field(e.factuality.as_str());
        w.cell(&e.trigger);
        w.field(e.cameo.as_deref().unwrap_or_default());
        w.cell(e.evidence());
        w.joined_cell(&mut scratch, e.doc_ids(), "; ");
        w.count(e.mentions);
        w.count(e.documents);
        w.count(e.sources);
        w.joined_cell(&mut scratch, reported.iter().copied(), "; ");
        w.end_record()?;
    }
    w.finish()
}

/// `nodes.csv` for Gephi: `Id, Label`, attributes, and a `Timeset` interval
/// from the actor's first to last asserted event.
pub fn write_nodes(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let g = d.g;
    let mut w = Csv::new(out);
    w.record(&[
        "Id",
        "Label",
        "type",
        "country",
        "role",
        "meetings",
        "statements",
        "strikes",
        "proposals",
        "Timeset",
    ])?;
    for (a, stats) in g.data.actors.iter().zip(d.actor_stats()) {
        w.cell(&a.id);
        w.cell(&a.name);
        w.field(a.actor_type.as_str());
        w.field(a.country.as_deref().unwrap_or_default());
        w.cell(a.role.as_deref().unwrap_or_default());
        for n in stats.counts {
            w.count(n);
        }
        w.timeset(stats.span);
        w.end_record()?;
    }
    w.finish()
}

/// `edges.csv` for Gephi: `Source, Target, Type, Kind, Id, Label, Weight`,
/// attributes and a `Timeset`. `Kind` keeps relations between one pair
/// apart in Gephi's multigraph.
pub fn write_edges(d: &Derived, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Csv::new(out);
    w.record(&[
        "Source",
        "Target",
        "Type",
        "Kind",
        "Id",
        "Label",
        "Weight",
        "sources",
        "event_ids",
        "Timeset",
    ])?;
    let mut scratch = String::new();
    for (i, t) in d.ties().iter().enumerate() {
        w.cell(&t.source);
        w.cell(&t.target);
        w.field(if t.directed { "Directed" } else { "Undirected" });
        w.field(t.relation);
        w.prefixed_count("t", i);
        w.field(t.relation);
        w.count_as_f64(t.weight);
        w.count(t.sources);
        w.joined_cell(&mut scratch, t.event_ids.iter().map(String::as_str), ";");
        w.timeset(t.first_date.zip(t.last_date));
        w.end_record()?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records (all of one length, as the csv crate requires) written by
    /// [`Csv`] and by the csv crate's default writer.
    fn both(records: &[Vec<String>]) -> (String, String) {
        let mut ours = Vec::new();
        let mut w = Csv::new(&mut ours);
        for r in records {
            for f in r {
                w.field(f);
            }
            w.end_record().unwrap();
        }
        w.finish().unwrap();
        let mut theirs = csv::Writer::from_writer(Vec::new());
        for r in records {
            theirs.write_record(r).unwrap();
        }
        let theirs = theirs.into_inner().unwrap();
        (
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap(),
        )
    }

    #[test]
    fn quoting_matches_the_csv_crate() {
        let rows = vec![
            vec!["a".to_string(), "".into(), "b,c".into()],
            vec!["say \"hi\"".into(), "x\ny".into(), "cr\r".into()],
            vec![
                "<[2017-01-01, 2017-02-01]>".into(),
                "'=1".into(),
                "é".into(),
            ],
        ];
        let (ours, theirs) = both(&rows);
        assert_eq!(ours, theirs);
    }

    proptest! {
        #[test]
        fn quoting_matches_the_csv_crate_on_any_text(
            rows in proptest::collection::vec(
                proptest::collection::vec("[a-z,\"\n\r ;'=é]{0,12}", 3),
                1..4,
            )
        ) {
            let (ours, theirs) = both(&rows);
            prop_assert_eq!(ours, theirs);
        }
    }

    /// Each cell written as [`Csv::cell`] and as the field of its
    /// [`safe_cell`] form, the way cells were first written.
    fn cells_both_ways(cells: &[String]) -> (Vec<u8>, Vec<u8>) {
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        let mut w = Csv::new(&mut fast);
        for c in cells {
            w.cell(c);
        }
        w.end_record().unwrap();
        w.finish().unwrap();
        let mut w = Csv::new(&mut reference);
        for c in cells {
            w.field(&safe_cell(c));
        }
        w.end_record().unwrap();
        w.finish().unwrap();
        (fast, reference)
    }

    #[test]
    fn cells_are_the_fields_of_their_safe_form() {
        let cells: Vec<String> = [
            "",
            "plain",
            "=SUM(A1)",
            "+1",
            "-x",
            "@me",
            "\tlead",
            "\rlead",
            "a,b",
            "say \"hi\"",
            "x\ny",
            "bell\u{7}",
            "a long cell without anything to quote in it at all",
            "a long cell with a comma, somewhere past its sixteenth byte",
            "Erdoğan",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (fast, reference) = cells_both_ways(&cells);
        assert_eq!(String::from_utf8(fast), String::from_utf8(reference));
    }

    proptest! {
        #[test]
        fn any_cell_is_the_field_of_its_safe_form(
            cells in proptest::collection::vec("[a-z,\"\n\r\t =+@-]{0,20}|\\PC{0,20}", 1..6)
        ) {
            let (fast, reference) = cells_both_ways(&cells);
            prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn timeset_is_the_quoted_interval() {
        let mut out = Vec::new();
        let mut w = Csv::new(&mut out);
        let day = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
        w.timeset(Some((day(1, 2), day(3, 4))));
        w.timeset(None);
        w.end_record().unwrap();
        w.finish().unwrap();
        let mut theirs = csv::Writer::from_writer(Vec::new());
        theirs
            .write_record([format!("<[{}, {}]>", day(1, 2), day(3, 4)), String::new()])
            .unwrap();
        assert_eq!(out, theirs.into_inner().unwrap());
    }
}
