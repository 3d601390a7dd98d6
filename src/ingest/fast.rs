//! A fast reader for the JSONL record as it nearly always comes: one
//! object of strings, nulls, plain integers and (in fields that are not
//! read) arrays and objects of those, on one line.
//!
//! It reads straight from the input buffer, without serde: strings are
//! passed over a block at a time ([`scan::Stops`]) and borrowed where
//! they hold no escape, and the line is checked to be UTF-8 once, as a
//! whole. It never decides anything on its own. Whatever it does not fully
//! understand (a malformed line, a number other than a plain integer, a
//! lone surrogate, an escaped key, deep nesting, a blank line, a BOM,
//! invalid UTF-8) it declines, and the serde reader in `record.rs`, which
//! defines the behaviour, reads the line instead. For every line it does
//! take, it gives the [`Record`] that serde would; the tests here hold it
//! to that.

use super::record::{Field, Record};
use super::scan;
use std::borrow::Cow;
use std::ops::Range;

/// What the fast reader made of the bytes at the start of the buffer.
#[derive(Debug, PartialEq)]
pub enum Scan<'a> {
    /// A whole line: its record, and its length with the newline.
    Record(Record<'a>, usize),
    /// The bytes end before the line does: read more and ask again.
    Incomplete,
    /// Not a line this reader takes; the serde reader decides.
    Declined,
}

/// Why reading stopped short of a record.
#[derive(Debug)]
enum Stop {
    Incomplete,
    Declined,
}

type Step<T> = Result<T, Stop>;

/// Arrays and objects nested deeper than this are left to serde, whose
/// own limit (128) is far above it.
const MAX_DEPTH: usize = 32;

/// What the fast reader keeps from line to line, so that it allocates
/// once per input rather than once per line.
#[derive(Default)]
pub struct Scratch {
    escapes: Vec<Escape>,
}

/// Read one record line from the start of `bytes`: leading spaces, an
/// object, trailing spaces and the newline that ends the line. A last line
/// without a newline is [`Scan::Incomplete`] (at the end of the input the
/// caller hands it to serde).
pub fn read_line<'a>(bytes: &'a [u8], scratch: &mut Scratch) -> Scan<'a> {
    let mut escapes = std::mem::take(&mut scratch.escapes);
    escapes.clear();
    let mut reader = Reader {
        bytes,
        pos: 0,
        stops: scan::Stops::new(bytes),
        escapes,
    };
    let scan = reader.read();
    scratch.escapes = reader.escapes;
    scan
}

/// One escape sequence in a string: where its backslash is in the line,
/// how many bytes it takes and the character it stands for.
#[derive(Debug, Clone, Copy)]
struct Escape {
    at: usize,
    len: usize,
    ch: char,
}

/// A known field's value as found in the line, before the line is known
/// to be UTF-8.
#[derive(Debug, Clone)]
enum Found {
    /// A string: its bytes between the quotes, and its escapes (a range of
    /// the line's escapes).
    Str {
        raw: Range<usize>,
        escapes: Range<usize>,
    },
    /// A plain integer, as written.
    Number(Range<usize>),
    /// null, a boolean, an array or an object.
    Other,
}

/// The known fields of a line as found, for [`Record`].
#[derive(Debug, Default)]
struct Fields {
    id: Option<Found>,
    date: Option<Found>,
    title: Option<Found>,
    text: Option<Found>,
    source: Option<Found>,
    url: Option<Found>,
}

impl Fields {
    /// The field a key fills, if it is one of the known six.
    fn slot(&mut self, key: &[u8]) -> Option<&mut Option<Found>> {
        match key {
            b"id" => Some(&mut self.id),
            b"date" => Some(&mut self.date),
            b"title" => Some(&mut self.title),
            b"text" => Some(&mut self.text),
            b"source" => Some(&mut self.source),
            b"url" => Some(&mut self.url),
            _ => None,
        }
    }

    /// The record these fields give in `line` (valid UTF-8), or `None` if a
    /// range does not fall on characters (it always does: strings are
    /// bounded by quotes).
    fn resolve<'a>(self, line: &'a str, escapes: &[Escape]) -> Option<Record<'a>> {
        let field = |found: Option<Found>| -> Option<Option<Field<'a>>> {
            Some(match found {
                None => None,
                Some(Found::Str { raw, escapes: e }) => {
                    let at = raw.start;
                    Some(Field::Str(unescape(line.get(raw)?, at, escapes.get(e)?)?))
                }
                Some(Found::Number(digits)) => Some(Field::Number(line.get(digits)?.to_string())),
                Some(Found::Other) => Some(Field::Other),
            })
        };
        Some(Record {
            id: field(self.id)?,
            date: field(self.date)?,
            title: field(self.title)?,
            text: field(self.text)?,
            source: field(self.source)?,
            url: field(self.url)?,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    stops: scan::Stops<'a>,
    /// The escapes of the known fields' strings, kept so that a string is
    /// copied once, into a string of the right size, and only if it has
    /// any.
    escapes: Vec<Escape>,
}

impl<'a> Reader<'a> {
    fn read(&mut self) -> Scan<'a> {
        let found = match self.line() {
            Ok(found) => found,
            Err(Stop::Incomplete) => return Scan::Incomplete,
            Err(Stop::Declined) => return Scan::Declined,
        };
        let bytes = self.bytes;
        let len = self.pos;
        // outside strings only ASCII was taken, so this is the check
        // serde's caller makes of the line; one call costs less than one
        // per string
        let Ok(line) = std::str::from_utf8(&bytes[..len]) else {
            return Scan::Declined;
        };
        match found.resolve(line, &self.escapes) {
            Some(record) => Scan::Record(record, len),
            None => Scan::Declined,
        }
    }

    fn peek(&self) -> Step<u8> {
        self.bytes.get(self.pos).copied().ok_or(Stop::Incomplete)
    }

    /// JSON whitespace, except the newline: it ends the line, and a
    /// record must not go on past it.
    fn skip_spaces(&mut self) {
        while let Some(b' ' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Step<()> {
        if self.peek()? != byte {
            return Err(Stop::Declined);
        }
        self.pos += 1;
        Ok(())
    }

    fn line(&mut self) -> Step<Fields> {
        self.skip_spaces();
        let fields = self.record()?;
        self.skip_spaces();
        self.expect(b'\n')?;
        Ok(fields)
    }

    fn record(&mut self) -> Step<Fields> {
        let mut fields = Fields::default();
        self.elements(b'{', b'}', |r| {
            let key = r.key()?;
            r.skip_spaces();
            r.expect(b':')?;
            r.skip_spaces();
            // a repeated key replaces the earlier value, as in serde
            match fields.slot(&r.bytes[key]) {
                Some(slot) => *slot = Some(r.field()?),
                None => r.skip_value(0)?,
            }
            Ok(())
        })?;
        Ok(fields)
    }

    /// An array or object from its `open` bracket to its `close`: each
    /// element read by `element` (from its first byte, spaces skipped), the
    /// elements separated by commas.
    fn elements(
        &mut self,
        open: u8,
        close: u8,
        mut element: impl FnMut(&mut Self) -> Step<()>,
    ) -> Step<()> {
        self.expect(open)?;
        self.skip_spaces();
        if self.peek()? == close {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_spaces();
            element(self)?;
            self.skip_spaces();
            match self.peek()? {
                b',' => self.pos += 1,
                b if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(Stop::Declined),
            }
        }
    }

    /// A key as written; one with an escape (which might spell a known
    /// name) is left to serde.
    fn key(&mut self) -> Step<Range<usize>> {
        let (raw, escapes) = self.string()?;
        if !escapes.is_empty() {
            return Err(Stop::Declined);
        }
        Ok(raw)
    }

    /// A known field's value, as [`Field`]'s serde visitor reads it.
    fn field(&mut self) -> Step<Found> {
        match self.peek()? {
            b'"' => {
                let (raw, escapes) = self.string()?;
                Ok(Found::Str { raw, escapes })
            }
            b'0'..=b'9' => self.plain_integer(),
            b'n' | b't' | b'f' | b'[' | b'{' => {
                self.skip_value(0)?;
                Ok(Found::Other)
            }
            _ => Err(Stop::Declined),
        }
    }

    /// A value that is not kept, checked as strictly as serde checks it.
    fn skip_value(&mut self, depth: usize) -> Step<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => self.skip_array(depth + 1),
            b'{' => self.skip_object(depth + 1),
            _ => Err(Stop::Declined),
        }
    }

    fn skip_string(&mut self) -> Step<()> {
        let kept = self.escapes.len();
        self.string()?;
        self.escapes.truncate(kept);
        Ok(())
    }

    fn skip_array(&mut self, depth: usize) -> Step<()> {
        if depth > MAX_DEPTH {
            return Err(Stop::Declined);
        }
        self.elements(b'[', b']', |r| r.skip_value(depth))
    }

    fn skip_object(&mut self, depth: usize) -> Step<()> {
        if depth > MAX_DEPTH {
            return Err(Stop::Declined);
        }
        self.elements(b'{', b'}', |r| {
            if r.peek()? != b'"' {
                return Err(Stop::Declined);
            }
            r.skip_string()?;
            r.skip_spaces();
            r.expect(b':')?;
            r.skip_spaces();
            r.skip_value(depth)
        })
    }

    fn literal(&mut self, word: &[u8]) -> Step<()> {
        let rest = &self.bytes[self.pos..];
        if rest.len() < word.len() {
            // a cut-off word is read again once the line is whole
            return Err(if word.starts_with(rest) {
                Stop::Incomplete
            } else {
                Stop::Declined
            });
        }
        if !rest.starts_with(word) {
            return Err(Stop::Declined);
        }
        self.pos += word.len();
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let rest = &self.bytes[self.pos..];
        let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        self.pos += n;
        n
    }

    /// At least one digit, or the reason there is none.
    fn some_digits(&mut self) -> Step<()> {
        if self.digits() == 0 {
            self.peek()?;
            return Err(Stop::Declined);
        }
        Ok(())
    }

    /// A JSON number, by JSON's grammar (which serde follows when it skips
    /// one): `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Step<()> {
        if self.peek()? == b'-' {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => drop(self.digits()),
            _ => return Err(Stop::Declined),
        }
        match self.peek()? {
            b'0'..=b'9' => return Err(Stop::Declined),
            b'.' => {
                self.pos += 1;
                self.some_digits()?;
            }
            _ => {}
        }
        if let b'e' | b'E' = self.peek()? {
            self.pos += 1;
            if let b'+' | b'-' = self.peek()? {
                self.pos += 1;
            }
            self.some_digits()?;
        }
        // whatever follows must be there to be sure the number has ended
        self.peek().map(drop)
    }

    /// A number in a known field, kept only when serde would write it back
    /// digit for digit: a non-negative integer that fits in a u64, without
    /// a leading zero, fraction or exponent (serde reads others as i64 or
    /// f64 and writes them its own way).
    fn plain_integer(&mut self) -> Step<Found> {
        let start = self.pos;
        let n = self.digits();
        if let b'.' | b'e' | b'E' = self.peek()? {
            return Err(Stop::Declined);
        }
        let digits = &self.bytes[start..self.pos];
        let fits_u64 = digits
            .iter()
            .try_fold(0u64, |v, &d| {
                v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            })
            .is_some();
        if !fits_u64 || (n > 1 && digits[0] == b'0') {
            return Err(Stop::Declined);
        }
        Ok(Found::Number(start..self.pos))
    }

    /// A string (the reader is at its opening quote): where its bytes are
    /// between the quotes, and the range of `self.escapes` that its escapes
    /// were added as. Every escape must be one serde reads into a `str`.
    fn string(&mut self) -> Step<(Range<usize>, Range<usize>)> {
        self.expect(b'"')?;
        let start = self.pos;
        let first_escape = self.escapes.len();
        loop {
            self.pos = self.stops.next(self.pos);
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    let (len, ch) = self.escape()?;
                    self.escapes.push(Escape {
                        at: self.pos,
                        len,
                        ch,
                    });
                    self.pos += len;
                }
                // a control character: serde refuses it in a string
                _ => return Err(Stop::Declined),
            }
        }
        let raw = start..self.pos;
        self.pos += 1;
        Ok((raw, first_escape..self.escapes.len()))
    }

    /// The escape at the reader (on its backslash): its length and the
    /// character it stands for.
    fn escape(&self) -> Step<(usize, char)> {
        let rest = &self.bytes[self.pos..];
        let ch = match *rest.get(1).ok_or(Stop::Incomplete)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return unicode_escape(rest),
            _ => return Err(Stop::Declined),
        };
        Ok((2, ch))
    }
}

/// `\uXXXX` at the start of `rest`, or a surrogate pair `\uD8XX\uDCXX`:
/// its length and character. A lone surrogate, which serde refuses in a
/// string, is declined.
fn unicode_escape(rest: &[u8]) -> Step<(usize, char)> {
    let first = hex4(rest.get(2..6))?;
    if !(0xD800..0xE000).contains(&first) {
        let ch = char::from_u32(first).ok_or(Stop::Declined)?;
        return Ok((6, ch));
    }
    if first >= 0xDC00 {
        return Err(Stop::Declined);
    }
    match rest.get(6..8) {
        Some(b"\\u") => {}
        Some(_) => return Err(Stop::Declined),
        None => return Err(Stop::Incomplete),
    }
    let second = hex4(rest.get(8..12))?;
    if !(0xDC00..0xE000).contains(&second) {
        return Err(Stop::Declined);
    }
    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
    let ch = char::from_u32(code).ok_or(Stop::Declined)?;
    Ok((12, ch))
}

/// Four hex digits (either case) as a number.
fn hex4(digits: Option<&[u8]>) -> Step<u32> {
    let digits = digits.ok_or(Stop::Incomplete)?;
    digits.iter().try_fold(0u32, |n, &d| {
        let v = char::from(d).to_digit(16).ok_or(Stop::Declined)?;
        Ok(n * 16 + v)
    })
}

/// The string a raw one (starting at `at` in the line) stands for:
/// borrowed when it has no escape, else one copy with each escape replaced
/// (never longer than the raw string, since no escape is shorter than its
/// character).
fn unescape<'a>(raw: &'a str, at: usize, escapes: &[Escape]) -> Option<Cow<'a, str>> {
    if escapes.is_empty() {
        return Some(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut from = 0;
    for e in escapes {
        let to = e.at - at;
        out.push_str(raw.get(from..to)?);
        out.push(e.ch);
        from = to + e.len;
    }
    out.push_str(raw.get(from..)?);
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn read(bytes: &[u8]) -> Scan<'_> {
        read_line(bytes, &mut Scratch::default())
    }

    /// Hold the fast reader to serde on one line (with its newline): if it
    /// reads the line, it must read the whole line, and as serde does.
    /// True if it read it.
    fn agrees_with_serde(line: &[u8]) -> bool {
        let Scan::Record(fast, len) = read(line) else {
            return false;
        };
        assert_eq!(len, line.len(), "{:?}", String::from_utf8_lossy(line));
        let text = std::str::from_utf8(line).expect("a line the fast reader took is UTF-8");
        let serde: Record = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("the fast reader took what serde refuses ({e}): {text:?}"));
        assert_eq!(fast, serde, "{text:?}");
        true
    }

    #[test]
    fn the_usual_records_are_read_fast_and_as_serde_reads_them() {
        for line in [
            r#"{"id": "a-1", "date": "2019-01-04", "title": "T", "text": "One.\n\nTwo \"quoted\"."}"#,
            r#"{"id":"x","text":"caf\u00e9 \u4e2d \ud83d\ude00 \/ \\ \b\f\r\t \u0000","date":null}"#,
            r#"{"text": "é中😀", "places": ["Moscow", "Kyiv"], "people": [], "n": {"a": [1, -2.5e3, true, null]}}"#,
            r#"{"id": 17, "text": "a", "id": 18, "url": 0, "source": 18446744073709551615}"#,
            r#"{"x": [0, -0, 0.5, -1.25e-3, 1E+9, 10, [[{}]], {"k": [{"j": null}]}], "text": "a"}"#,
            "\t {\"text\" : \"a\" ,\"source\":[1]} \r",
            "{}",
            r#"{"text": ""}"#,
        ] {
            let line = format!("{line}\n");
            assert!(agrees_with_serde(line.as_bytes()), "declined: {line:?}");
        }
    }

    #[test]
    fn what_serde_refuses_or_might_read_otherwise_is_declined() {
        for line in [
            "\u{feff}{\"text\": \"a\"}",
            r#"{"text": "\ud800"}"#,
            r#"{"text": "\udc00"}"#,
            r#"{"text": "\ud800\u0041"}"#,
            r#"{"text": "\ud800x"}"#,
            r#"{"text": "\x"}"#,
            r#"{"text": "\u12g4"}"#,
            "{\"text\": \"tab\there\"}",
            r#"{"t\u0065xt": "a"}"#,
            r#"{"text": "a",}"#,
            r#"{"text": "a"} x"#,
            r#"{"text": "a"}{}"#,
            r#"{"id": 01, "text": "a"}"#,
            r#"{"id": -1, "text": "a"}"#,
            r#"{"id": 1.0, "text": "a"}"#,
            r#"{"id": 1e3, "text": "a"}"#,
            r#"{"id": 18446744073709551616, "text": "a"}"#,
            r#"{"x": 1., "text": "a"}"#,
            r#"{"x": 01, "text": "a"}"#,
            r#"{"x": -01, "text": "a"}"#,
            r#"{"x": [00], "text": "a"}"#,
            r#"{"x": .5, "text": "a"}"#,
            r#"{"x": +1, "text": "a"}"#,
            r#"{"x": 1e, "text": "a"}"#,
            r#"{"x": 1e+, "text": "a"}"#,
            r#"{"x": 1.5E-, "text": "a"}"#,
            r#"{"x": -a, "text": "a"}"#,
            r#"{"x": 1x, "text": "a"}"#,
            r#"{"x": tru, "text": "a"}"#,
            r#"{"x": nulll, "text": "a"}"#,
            r#"{"x": "\ud800", "text": "a"}"#,
            r#"{"x": {"a": 1,}, "text": "a"}"#,
            r#"{"x": [1 2], "text": "a"}"#,
            r#"{"text": "a", "x": }"#,
            r#"{"text" "a"}"#,
            r#"{"text": "a" "id": "b"}"#,
            r#"{,"text": "a"}"#,
            "{\"text\": \"a\"}\u{c}",
            "\u{c}{\"text\": \"a\"}",
            r#"{"x": -, "text": "a"}"#,
            r#"{"x": nul, "text": "a"}"#,
            r#"{"x": [1,], "text": "a"}"#,
            r#"{"x": {"a" 1}, "text": "a"}"#,
            r#"{"x": {1: 2}, "text": "a"}"#,
            r#"["text", "a"]"#,
            r#""text""#,
            "",
            "   ",
            r#"{"text": "a""#,
        ] {
            let line = format!("{line}\n");
            assert!(!agrees_with_serde(line.as_bytes()), "taken: {line:?}");
        }
        let deep = format!(
            "{{\"x\": {}{}, \"text\": \"a\"}}\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert!(!agrees_with_serde(deep.as_bytes()));
        assert_eq!(read(b"{\"text\": \"caf\xe9\"}\n"), Scan::Declined);
        assert_eq!(
            read(b"{\"text\": \"a\"}\n\xff"),
            read(b"{\"text\": \"a\"}\n")
        );
    }

    #[test]
    fn a_line_cut_off_anywhere_is_incomplete() {
        let line = r#"{"id": 12, "text": "a\n\u00e9\ud83d\ude00", "x": [null, true, false, -1.5e+3, {"k": "v"}]}"#;
        for end in 0..line.len() {
            assert_eq!(
                read(&line.as_bytes()[..end]),
                Scan::Incomplete,
                "{}",
                &line[..end]
            );
        }
        let whole = format!("{line}\n");
        assert!(agrees_with_serde(whole.as_bytes()));
    }

    fn text() -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            20 => proptest::char::range('a', 'z'),
            4 => Just(' '),
            2 => prop_oneof![Just('"'), Just('\\'), Just('/'), Just('\n'), Just('\t'), Just('\u{0}'), Just('\u{1f}'), Just('\u{7f}')],
            2 => prop_oneof![Just('é'), Just('中'), Just('😀'), Just('\u{2028}'), Just('\u{feff}'), Just('\u{ffff}')],
        ];
        proptest::collection::vec(ch, 0..40).prop_map(|c| c.into_iter().collect())
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            4 => text().prop_map(Value::from),
            1 => Just(Value::Null),
            1 => any::<bool>().prop_map(Value::from),
            1 => any::<u64>().prop_map(Value::from),
            1 => any::<i64>().prop_map(Value::from),
            1 => (-1e6f64..1e6).prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::vec((text(), inner), 0..3)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => prop_oneof![Just("id"), Just("date"), Just("title"), Just("text"), Just("source"), Just("url")]
                .prop_map(String::from),
            2 => prop_oneof![Just("places"), Just("Text"), Just("tex"), Just("texts"), Just("")]
                .prop_map(String::from),
            1 => text(),
        ]
    }

    /// A string written with every non-ASCII character as `\u` escapes
    /// (surrogate pairs beyond the BMP), as many JSON writers do.
    fn ascii_json(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                ' '..='~' if c != '"' && c != '\\' => out.push(c),
                _ => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04X}"));
                    }
                }
            }
        }
        out.push('"');
        out
    }

    /// An object line with these fields in order (repeats and all), its
    /// strings written by serde_json or as ASCII escapes, with `space`
    /// between tokens.
    fn object_line(fields: &[(String, Value)], ascii: bool, space: &str) -> String {
        let string = |s: &str| {
            if ascii {
                ascii_json(s)
            } else {
                serde_json::to_string(s).unwrap_or_default()
            }
        };
        let parts: Vec<String> = fields
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => string(s),
                    other => other.to_string(),
                };
                format!("{}{space}:{space}{v}", string(k))
            })
            .collect();
        format!(
            "{space}{{{space}{}{space}}}{space}\n",
            parts.join(&format!("{space},{space}"))
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn written_records_are_read_as_serde_reads_them(
            fields in proptest::collection::vec((key(), value()), 0..8),
            ascii in any::<bool>(),
            space in prop_oneof![Just(""), Just(" "), Just("\t"), Just(" \r")],
        ) {
            let line = object_line(&fields, ascii, space);
            // what the fast reader leaves to serde by design: escaped keys,
            // and numbers in known fields other than plain integers
            let escaped = |k: &str| {
                k.chars().any(|c| c < ' ' || c == '"' || c == '\\' || (ascii && !(' '..='~').contains(&c)))
            };
            let known = |k: &str| matches!(k, "id" | "date" | "title" | "text" | "source" | "url");
            let plain = fields.iter().all(|(k, v)| {
                let odd_number = known(k) && v.is_number() && v.as_u64().is_none();
                !(escaped(k) || odd_number)
            });
            let taken = agrees_with_serde(line.as_bytes());
            prop_assert!(taken || !plain, "declined: {line:?}");
        }

        #[test]
        fn damaged_records_are_declined_or_read_as_serde_reads_them(
            fields in proptest::collection::vec((key(), value()), 1..6),
            ascii in any::<bool>(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), prop_oneof![
                Just(None),
                prop_oneof![
                    Just(b'"'), Just(b'\\'), Just(b'{'), Just(b'}'), Just(b'['), Just(b']'),
                    Just(b','), Just(b':'), Just(b'0'), Just(b'-'), Just(b'.'), Just(b'e'),
                    Just(b'u'), Just(b'n'), Just(b'\n'), Just(b' '), Just(0xFF), Just(0xC3),
                    Just(0xA9), Just(b'D'), Just(b'8'),
                ].prop_map(Some),
            ]), 1..4),
        ) {
            let mut line = object_line(&fields, ascii, " ").into_bytes();
            for (at, byte) in edits {
                let at = at.index(line.len());
                match byte {
                    None => drop(line.remove(at)),
                    Some(b) => line.insert(at, b),
                }
            }
            // only the first line counts, as the line reader would give it
            let end = line.iter().position(|&b| b == b'\n').map_or(line.len(), |i| i + 1);
            let first = &line[..end];
            if end == line.len() && line.last() == Some(&b'\n') {
                agrees_with_serde(first);
            } else if let Scan::Record(fast, len) = read(&line) {
                prop_assert_eq!(len, end);
                let text = std::str::from_utf8(first);
                prop_assert!(text.is_ok());
                let serde: Result<Record, _> = serde_json::from_str(text.unwrap_or_default());
                prop_assert_eq!(Some(fast), serde.ok());
            }
        }
    }
}
