//! `graph.json` written by hand, byte for byte as `serde_json::to_writer`
//! writes [`GraphData`] through its derived `Serialize` (the tests hold
//! serde_json's output as the reference): the same fields in the same
//! order, `null` for `None`, serde_json's string escapes and number forms.
//!
//! serde_json escapes strings a byte at a time and makes a call per
//! field; the graph's text (every report's sentence) is almost all clean,
//! so here each string is scanned in chunks and copied at once. Reading
//! the file back stays with serde's derive ([`EventGraph::read_json`]).
//!
//! [`EventGraph::read_json`]: crate::graph::EventGraph::read_json

use super::text::{any_byte, push_count};
use crate::graph::{ActorNode, EventNode, GraphData, PlaceNode, Provenance};
use crate::model::{DateSpan, Place};
use chrono::NaiveDate;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};

/// Bytes rendered are handed to the writer in pieces of about this size,
/// each ending after a whole actor, place or event.
const PIECE: usize = 1 << 16;

/// Pieces rendered ahead of the writer: what the overlap below may hold
/// in memory at most.
const PIECES_AHEAD: usize = 4;

/// `data` as JSON onto `out`, as `serde_json::to_writer` writes it.
///
/// `graph.json`, with every report, is the largest export and the last to
/// finish on large inputs: a thread renders it while this one writes the
/// rendered pieces, so copying them into the file overlaps rendering.
pub fn write_graph_data(data: &GraphData, out: &mut dyn Write) -> io::Result<()> {
    let (pieces, rendered) = std::sync::mpsc::sync_channel::<Vec<u8>>(PIECES_AHEAD);
    std::thread::scope(|s| {
        // stops early (the channel closed) when writing fails
        s.spawn(move || render(data, &mut |piece| pieces.send(piece).is_ok()));
        for piece in rendered {
            out.write_all(&piece)?;
        }
        Ok(())
    })
}

/// The writer stopped taking pieces; rendering the rest is pointless.
struct Stopped;

/// `data` as JSON, handed to `take` piece by piece, in order.
fn render(data: &GraphData, take: &mut dyn FnMut(Vec<u8>) -> bool) -> Result<(), Stopped> {
    let mut w = Json {
        take,
        buf: new_piece(),
    };
    w.buf.extend_from_slice(br#"{"format":"#);
    push_str(&mut w.buf, &data.format);
    w.buf.extend_from_slice(br#","documents":"#);
    push_str_list(&mut w.buf, &data.documents);
    w.list(br#","actors":"#, &data.actors, push_actor)?;
    w.list(br#","places":"#, &data.places, push_place_node)?;
    w.list(br#","events":"#, &data.events, push_event)?;
    w.buf.push(b'}');
    w.hand_on()
}

fn new_piece() -> Vec<u8> {
    Vec::with_capacity(PIECE + (PIECE >> 2))
}

/// A JSON document being rendered into pieces for `take`.
struct Json<'a> {
    take: &'a mut dyn FnMut(Vec<u8>) -> bool,
    buf: Vec<u8>,
}

impl Json<'_> {
    /// The field `key` (with its leading comma) holding `items` as an
    /// array, each written by `push`; the piece is handed on between
    /// items once full.
    fn list<T>(
        &mut self,
        key: &'static [u8],
        items: &[T],
        push: fn(&mut Vec<u8>, &T),
    ) -> Result<(), Stopped> {
        self.buf.extend_from_slice(key);
        self.buf.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            push(&mut self.buf, item);
            if self.buf.len() >= PIECE {
                self.hand_on()?;
            }
        }
        self.buf.push(b']');
        Ok(())
    }

    /// The piece rendered so far to `take`; rendering goes on in a new one.
    fn hand_on(&mut self) -> Result<(), Stopped> {
        let piece = std::mem::replace(&mut self.buf, new_piece());
        if (self.take)(piece) {
            Ok(())
        } else {
            Err(Stopped)
        }
    }
}

fn push_actor(buf: &mut Vec<u8>, a: &ActorNode) {
    buf.extend_from_slice(br#"{"id":"#);
    push_str(buf, &a.id);
    buf.extend_from_slice(br#","name":"#);
    push_str(buf, &a.name);
    buf.extend_from_slice(br#","type":""#);
    buf.extend_from_slice(a.actor_type.as_str().as_bytes());
    buf.extend_from_slice(br#"","country":"#);
    push_opt_str(buf, a.country.as_deref());
    buf.extend_from_slice(br#","role":"#);
    push_opt_str(buf, a.role.as_deref());
    buf.push(b'}');
}

fn push_place_node(buf: &mut Vec<u8>, p: &PlaceNode) {
    buf.extend_from_slice(br#"{"id":"#);
    push_str(buf, &p.id);
    buf.push(b',');
    push_place_fields(buf, &p.name, p.country.as_deref(), p.lat, p.lon);
    buf.push(b'}');
}

/// A report's place, [`Place`] as extraction gives it.
fn push_place(buf: &mut Vec<u8>, p: &Place) {
    buf.push(b'{');
    push_place_fields(buf, &p.name, p.country.as_deref(), p.lat, p.lon);
    buf.push(b'}');
}

/// The fields a place node and a report's place share, in their order.
fn push_place_fields(
    buf: &mut Vec<u8>,
    name: &str,
    country: Option<&str>,
    lat: Option<f64>,
    lon: Option<f64>,
) {
    buf.extend_from_slice(br#""name":"#);
    push_str(buf, name);
    buf.extend_from_slice(br#","country":"#);
    push_opt_str(buf, country);
    buf.extend_from_slice(br#","lat":"#);
    push_opt_f64(buf, lat);
    buf.extend_from_slice(br#","lon":"#);
    push_opt_f64(buf, lon);
}

fn push_event(buf: &mut Vec<u8>, e: &EventNode) {
    buf.extend_from_slice(br#"{"id":"#);
    push_str(buf, &e.id);
    buf.extend_from_slice(br#","kind":""#);
    buf.extend_from_slice(e.kind.as_str().as_bytes());
    buf.extend_from_slice(br#"","date":"#);
    push_opt_date(buf, e.date.as_ref());
    buf.extend_from_slice(br#","factuality":""#);
    buf.extend_from_slice(e.factuality.as_str().as_bytes());
    buf.extend_from_slice(br#"","source":"#);
    push_opt_str(buf, e.source.as_deref());
    buf.extend_from_slice(br#","target":"#);
    push_opt_str(buf, e.target.as_deref());
    buf.extend_from_slice(br#","participants":"#);
    push_str_list(buf, &e.participants);
    buf.extend_from_slice(br#","place":"#);
    push_opt_str(buf, e.place.as_deref());
    buf.extend_from_slice(br#","trigger":"#);
    push_str(buf, &e.trigger);
    buf.extend_from_slice(br#","cameo":"#);
    push_opt_str(buf, e.cameo.as_deref());
    buf.extend_from_slice(br#","mentions":"#);
    push_count(buf, e.mentions);
    buf.extend_from_slice(br#","documents":"#);
    push_count(buf, e.documents);
    buf.extend_from_slice(br#","sources":"#);
    push_count(buf, e.sources);
    buf.extend_from_slice(br#","provenance":["#);
    let mut last_date = None;
    for (i, p) in e.provenance.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        push_provenance(buf, p, &mut last_date);
    }
    buf.extend_from_slice(b"]}");
}

/// One report; `last_date` is the last report date written into `buf`
/// (see [`push_opt_date_again`]).
fn push_provenance(buf: &mut Vec<u8>, p: &Provenance, last_date: &mut Option<WrittenDate>) {
    buf.extend_from_slice(br#"{"doc_id":"#);
    push_str(buf, &p.doc_id);
    buf.extend_from_slice(br#","outlet":"#);
    push_opt_str(buf, p.outlet.as_deref());
    buf.extend_from_slice(br#","event_id":"#);
    push_str(buf, &p.event_id);
    buf.extend_from_slice(br#","sentence":"#);
    push_str(buf, &p.sentence);
    buf.extend_from_slice(br#","span":["#);
    push_count(buf, p.span[0]);
    buf.push(b',');
    push_count(buf, p.span[1]);
    buf.extend_from_slice(br#"],"trigger":"#);
    push_str(buf, &p.trigger);
    buf.extend_from_slice(br#","factuality":""#);
    buf.extend_from_slice(p.factuality.as_str().as_bytes());
    buf.extend_from_slice(br#"","date":"#);
    push_opt_date_again(buf, p.date, last_date);
    buf.extend_from_slice(br#","source":"#);
    push_opt_str(buf, p.source.as_deref());
    buf.extend_from_slice(br#","target":"#);
    push_opt_str(buf, p.target.as_deref());
    buf.extend_from_slice(br#","place":"#);
    match p.place.as_deref() {
        Some(place) => push_place(buf, place),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(br#","reported_by":"#);
    push_str_list(buf, &p.reported_by);
    buf.extend_from_slice(br#","cameo":"#);
    push_opt_str(buf, p.cameo.as_deref());
    buf.extend_from_slice(br#","participants":"#);
    push_str_list(buf, &p.participants);
    buf.push(b'}');
}

/// A date written into a buffer, and where: the reports of one event
/// mostly share their date, written once and copied for the others.
type WrittenDate = (Option<DateSpan>, std::ops::Range<usize>);

/// [`push_opt_date`], copying what `last` wrote when it was the same date.
/// `last` must describe bytes still in `buf`: the reports of one event
/// are written into one piece.
fn push_opt_date_again(buf: &mut Vec<u8>, d: Option<DateSpan>, last: &mut Option<WrittenDate>) {
    if let Some((_, at)) = last.as_ref().filter(|(date, _)| *date == d) {
        buf.extend_from_within(at.clone());
        return;
    }
    let start = buf.len();
    push_opt_date(buf, d.as_ref());
    *last = Some((d, start..buf.len()));
}

fn push_opt_date(buf: &mut Vec<u8>, d: Option<&DateSpan>) {
    let Some(d) = d else {
        buf.extend_from_slice(b"null");
        return;
    };
    buf.extend_from_slice(br#"{"start":"#);
    push_day(buf, d.start);
    buf.extend_from_slice(br#","end":"#);
    push_day(buf, d.end);
    buf.extend_from_slice(br#","precision":""#);
    buf.extend_from_slice(d.precision.as_str().as_bytes());
    buf.extend_from_slice(br#""}"#);
}

/// A day as a JSON string, as [`crate::model`] serialises it: chrono's
/// ISO form, which needs no escaping.
fn push_day(buf: &mut Vec<u8>, day: NaiveDate) {
    buf.push(b'"');
    super::text::push_day(buf, day);
    buf.push(b'"');
}

/// A float as serde_json writes one: its own shortest form, `null` when
/// not finite.
fn push_opt_f64(buf: &mut Vec<u8>, v: Option<f64>) {
    match v.filter(|v| v.is_finite()) {
        // writing into a Vec cannot fail
        Some(v) => {
            let _ = CompactFormatter.write_f64(buf, v);
        }
        None => buf.extend_from_slice(b"null"),
    }
}

fn push_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => push_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn push_str_list<S: AsRef<str>>(buf: &mut Vec<u8>, items: &[S]) {
    buf.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        push_str(buf, s.as_ref());
    }
    buf.push(b']');
}

/// Whether serde_json escapes `b` in a string: a quote, a backslash or a
/// control byte. Written with `|` so that a scan over many bytes compiles
/// to vector compares (see [`any_byte`]).
const fn needs_escape(b: u8) -> bool {
    (b < b' ') | (b == b'"') | (b == b'\\')
}

/// `s` as a JSON string: quoted, escaped as serde_json escapes.
fn push_str(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    // nearly every string is clean: one scan, one copy
    if any_byte(bytes, needs_escape) {
        push_escaped(buf, bytes);
    } else {
        buf.extend_from_slice(bytes);
    }
    buf.push(b'"');
}

/// `bytes` with each byte serde_json escapes replaced by its escape; the
/// clean runs between them copied whole.
fn push_escaped(buf: &mut Vec<u8>, bytes: &[u8]) {
    let mut copied = 0;
    for (pos, &b) in bytes.iter().enumerate() {
        if !needs_escape(b) {
            continue;
        }
        buf.extend_from_slice(&bytes[copied..pos]);
        push_escape(buf, b);
        copied = pos + 1;
    }
    buf.extend_from_slice(&bytes[copied..]);
}

/// The escape of one byte [`needs_escape`] picks: serde_json's short forms
/// where JSON has one, else `\u00XX` in lower-case hex.
fn push_escape(buf: &mut Vec<u8>, b: u8) {
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (hi, lo) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]);
            buf.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
            return;
        }
    };
    buf.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::GraphBuilder;
    use crate::model::{ActorType, EventKind, Factuality, Precision};
    use proptest::prelude::*;
    use std::sync::Arc;

    /// What serde_json writes for `data`: the reference.
    fn theirs(data: &GraphData) -> Vec<u8> {
        serde_json::to_vec(data).unwrap()
    }

    fn ours(data: &GraphData) -> Vec<u8> {
        let mut out = Vec::new();
        write_graph_data(data, &mut out).unwrap();
        out
    }

    fn assert_same(data: &GraphData) {
        let (ours, theirs) = (ours(data), theirs(data));
        assert!(
            ours == theirs,
            "ours:   {}\ntheirs: {}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn the_samples_graph_is_written_as_serde_json_writes_it() {
        let g = crate::export::tests::samples_graph();
        assert!(!g.data.events.is_empty());
        assert_same(&g.data);
    }

    #[test]
    fn an_empty_graph_is_written_as_serde_json_writes_it() {
        assert_same(&GraphData::default());
        assert_same(&GraphBuilder::new().finish().data);
    }

    /// Text no extraction would make: every escape serde_json knows,
    /// controls, non-ASCII, long and short runs.
    const AWKWARD: &[&str] = &[
        "",
        "plain",
        "say \"hi\"",
        "back\\slash\\",
        "\u{0}\u{1}\u{7}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{e}\u{1f}\u{7f}",
        "line\nbreak\r\ttab",
        "Erdoğan — «Kyiv» 北京 \u{FFFF} 🎉",
        "a long sentence without anything to escape in it at all, ok",
        "a long sentence with a \"quote\" right in the middle of it, and \\ too",
        "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
        "</script>&<>'",
    ];

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A graph of awkward strings, empty and missing fields, odd numbers
    /// and dates, built field by field (not through the merge, which would
    /// tidy some away).
    fn awkward_graph(text: &str) -> GraphData {
        let t = |s: &str| -> crate::graph::Text { Arc::from(s) };
        let place = Place {
            name: text.into(),
            country: Some(text.into()),
            lat: Some(-0.0),
            lon: Some(1e300),
        };
        let report = |date: Option<DateSpan>, place: Option<Arc<Place>>| Provenance {
            doc_id: t(text),
            outlet: Some(t(text)),
            event_id: t(""),
            sentence: t(text),
            span: [0, usize::MAX],
            trigger: t(text),
            factuality: Factuality::Negated,
            date,
            source: None,
            target: Some(t(text)),
            place,
            reported_by: vec![t(text), t("")],
            cameo: None,
            participants: vec![],
        };
        let odd_span = DateSpan {
            start: day(-44, 3, 15),
            end: day(10000, 1, 1),
            precision: Precision::Year,
        };
        GraphData {
            format: text.into(),
            documents: vec![t(text), t(""), t("d")],
            actors: vec![
                ActorNode {
                    id: text.into(),
                    name: text.into(),
                    actor_type: ActorType::Group,
                    country: None,
                    role: Some(text.into()),
                },
                ActorNode {
                    id: String::new(),
                    name: String::new(),
                    actor_type: ActorType::Person,
                    country: Some(String::new()),
                    role: None,
                },
            ],
            places: vec![
                PlaceNode {
                    id: text.into(),
                    name: text.into(),
                    country: None,
                    lat: Some(f64::NAN),
                    lon: Some(f64::NEG_INFINITY),
                },
                PlaceNode {
                    id: "p".into(),
                    name: "P".into(),
                    country: Some("FIN".into()),
                    lat: Some(60.1699),
                    lon: Some(0.1 + 0.2),
                },
                PlaceNode {
                    id: "q".into(),
                    name: "Q".into(),
                    country: None,
                    lat: None,
                    lon: Some(1e-7),
                },
            ],
            events: vec![
                EventNode {
                    id: text.into(),
                    kind: EventKind::Proposal,
                    date: Some(odd_span),
                    factuality: Factuality::Possible,
                    source: Some(text.into()),
                    target: None,
                    participants: vec![text.into(), String::new()],
                    place: Some(text.into()),
                    trigger: text.into(),
                    cameo: Some(text.into()),
                    mentions: 0,
                    documents: usize::MAX,
                    sources: 7,
                    // dates repeated, as most events' reports repeat them
                    provenance: vec![
                        report(Some(odd_span), Some(Arc::new(place.clone()))),
                        report(Some(odd_span), None),
                        report(None, None),
                        report(None, None),
                        report(Some(DateSpan::day(day(2017, 4, 7))), None),
                        report(Some(odd_span), None),
                    ],
                },
                EventNode {
                    id: "e".into(),
                    kind: EventKind::Strike,
                    date: Some(DateSpan::day(day(2017, 4, 7))),
                    factuality: Factuality::Asserted,
                    source: None,
                    target: None,
                    participants: vec![],
                    place: None,
                    trigger: String::new(),
                    cameo: None,
                    mentions: 1,
                    documents: 1,
                    sources: 1,
                    provenance: vec![],
                },
            ],
        }
    }

    #[test]
    fn awkward_graphs_are_written_as_serde_json_writes_them() {
        for text in AWKWARD {
            assert_same(&awkward_graph(text));
        }
    }

    proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_writes_it(
            s in "\\PC*|[\u{0}-\u{7f}]{0,80}|[\u{0}-\u{20}\"\\\\a]{0,40}"
        ) {
            let data = awkward_graph(&s);
            prop_assert_eq!(ours(&data), theirs(&data));
        }

        #[test]
        fn any_coordinates_are_written_as_serde_json_writes_them(
            lat in proptest::num::f64::ANY, lon in proptest::num::f64::ANY
        ) {
            let mut data = awkward_graph("x");
            data.places[0].lat = Some(lat);
            data.places[0].lon = Some(lon);
            prop_assert_eq!(ours(&data), theirs(&data));
        }
    }

    /// A file that fails once `room` bytes are written.
    struct FullDisk {
        room: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            if b.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.room -= b.len();
            Ok(b.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_ends_rendering_with_the_error() {
        let mut data = awkward_graph("x");
        let event = data.events[0].clone();
        data.events = vec![event; 5000];
        for room in [0, PIECE, 3 * PIECE] {
            let err = write_graph_data(&data, &mut FullDisk { room }).unwrap_err();
            assert_eq!(err.to_string(), "disk full");
        }
    }

    #[test]
    fn a_large_graph_is_written_whole_across_flushes() {
        let mut data = awkward_graph("say \"hi\"\n");
        let event = data.events[0].clone();
        data.events = vec![event; 8000];
        assert!(theirs(&data).len() > 4 * PIECES_AHEAD * PIECE);
        assert_same(&data);
    }
}
