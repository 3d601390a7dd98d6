//! The XML writer shared by the GraphML and GEXF exports: tags, attributes
//! and text written straight into one byte buffer, indented by one space
//! per level the way quick-xml's indenting writer lays a document out (a
//! tag right after text stays on the text's line, so `<data>` elements are
//! one line each).
//!
//! Every attribute value and text passes through [`push_escaped`], which
//! does in one pass what a clean-up followed by quick-xml's `escape` did
//! before (the tests keep both as its reference): control characters XML
//! 1.0 cannot carry become spaces, and `<`, `>`, `&`, `'`, `"` become
//! entities.

use super::text::{push_count, push_count_as_f64, push_day, push_f64};
use chrono::NaiveDate;
use std::io::{self, Write};

/// Buffered bytes are handed to the output once they pass this size; only
/// after a whole tag, so the buffer holds at most this plus one element.
const FLUSH_AT: usize = 1 << 16;

/// A line break and the indentation of elements up to 32 deep, in one
/// slice: one copy per new line.
const NEW_LINE: &[u8; 33] = b"\n                                ";

/// An XML document being written into `out`.
pub struct Xml<'a> {
    out: &'a mut dyn Write,
    buf: Vec<u8>,
    depth: usize,
    /// Whether the next tag starts on a new line: not right after text.
    line_break: bool,
}

impl<'a> Xml<'a> {
    /// A document over `out`, begun with its XML declaration.
    pub fn new(out: &'a mut dyn Write) -> Xml<'a> {
        let mut buf = Vec::with_capacity(FLUSH_AT + (FLUSH_AT >> 2));
        buf.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
        Xml {
            out,
            buf,
            depth: 0,
            line_break: true,
        }
    }

    /// Begin the tag `name`; its attributes follow, then
    /// [`close_start`](Self::close_start) or
    /// [`close_empty`](Self::close_empty).
    #[inline]
    pub fn open(&mut self, name: &str) {
        self.new_line();
        self.buf.push(b'<');
        self.buf.extend_from_slice(name.as_bytes());
    }

    /// Begin a tag of the program's own, its name and perhaps attributes
    /// given whole (`<attvalue for="kind"`): one copy for what
    /// [`open`](Self::open) and attributes write piece by piece.
    #[inline]
    pub fn open_static(&mut self, markup: &'static str) {
        self.new_line();
        push_markup(&mut self.buf, markup);
    }

    /// A whole start tag of the program's own (`<data key="label">`), its
    /// content to follow; see [`open_static`](Self::open_static).
    #[inline]
    pub fn start_static(&mut self, tag: &'static str) {
        self.open_static(tag);
        self.depth += 1;
    }

    /// The attribute `key` with `value`, escaped.
    pub fn attr(&mut self, key: &str, value: &str) {
        self.attr_key(key);
        push_escaped(&mut self.buf, value);
        self.buf.push(b'"');
    }

    /// The attribute `key` with a value of the program's own (a key, the
    /// name of a kind): nothing in it to escape, so it is copied as it is.
    #[inline]
    pub fn attr_static(&mut self, key: &str, value: &'static str) {
        self.attr_key(key);
        push_static(&mut self.buf, value);
        self.buf.push(b'"');
    }

    /// The attribute `key` with a day in ISO form.
    pub fn attr_day(&mut self, key: &str, day: NaiveDate) {
        self.attr_key(key);
        push_day(&mut self.buf, day);
        self.buf.push(b'"');
    }

    /// The attribute `key` with a count.
    pub fn attr_count(&mut self, key: &str, n: usize) {
        self.attr_key(key);
        push_count(&mut self.buf, n);
        self.buf.push(b'"');
    }

    /// The attribute `key` with a floating-point number as `Display` writes it.
    pub fn attr_f64(&mut self, key: &str, v: f64) {
        self.attr_key(key);
        push_f64(&mut self.buf, v);
        self.buf.push(b'"');
    }

    /// The attribute `key` with `prefix`, the program's own, followed by
    /// `value` (`actor:x`).
    pub fn attr_prefixed(&mut self, key: &str, prefix: &'static str, value: &str) {
        self.attr_key(key);
        push_static(&mut self.buf, prefix);
        push_escaped(&mut self.buf, value);
        self.buf.push(b'"');
    }

    /// The attribute `key` with `items` joined by `sep`.
    pub fn attr_joined<S: AsRef<str>>(&mut self, key: &str, items: &[S], sep: &str) {
        self.attr_key(key);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                push_escaped(&mut self.buf, sep);
            }
            push_escaped(&mut self.buf, item.as_ref());
        }
        self.buf.push(b'"');
    }

    /// The attribute `key` with `prefix` followed by a count (`e12`).
    pub fn attr_prefixed_count(&mut self, key: &str, prefix: &'static str, n: usize) {
        self.attr_key(key);
        push_static(&mut self.buf, prefix);
        push_count(&mut self.buf, n);
        self.buf.push(b'"');
    }

    /// The attribute `key` with a count written as a one-decimal float.
    pub fn attr_count_as_f64(&mut self, key: &str, n: usize) {
        self.attr_key(key);
        push_count_as_f64(&mut self.buf, n);
        self.buf.push(b'"');
    }

    /// ` key="`, the value left to the caller. Keys are the exports' own
    /// names, which need no escaping.
    #[inline]
    fn attr_key(&mut self, key: &str) {
        self.buf.push(b' ');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"=\"");
    }

    /// End the tag [`open`](Self::open) began as a start tag: what follows
    /// is its content.
    #[inline]
    pub fn close_start(&mut self) {
        self.buf.push(b'>');
        self.depth += 1;
    }

    /// End the tag [`open`](Self::open) began as an empty element.
    #[inline]
    pub fn close_empty(&mut self) -> io::Result<()> {
        self.buf.extend_from_slice(b"/>");
        self.flush_if_full()
    }

    /// The start tag `name` with `attrs`.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.close_start();
    }

    /// The empty element `name` with `attrs`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.close_empty()
    }

    /// Text content, escaped; the next tag stays on its line.
    pub fn text(&mut self, s: &str) {
        push_escaped(&mut self.buf, s);
        self.line_break = false;
    }

    /// Text content of the program's own, copied as it is (see
    /// [`attr_static`](Self::attr_static)).
    #[inline]
    pub fn text_static(&mut self, s: &'static str) {
        push_static(&mut self.buf, s);
        self.line_break = false;
    }

    /// Text content that is a count.
    pub fn text_count(&mut self, n: usize) {
        push_count(&mut self.buf, n);
        self.line_break = false;
    }

    /// Text content that is a count written as a one-decimal float.
    pub fn text_count_as_f64(&mut self, n: usize) {
        push_count_as_f64(&mut self.buf, n);
        self.line_break = false;
    }

    /// Text content that is a day in ISO form.
    pub fn text_day(&mut self, day: NaiveDate) {
        push_day(&mut self.buf, day);
        self.line_break = false;
    }

    /// Text content that is a floating-point number as `Display` writes it.
    pub fn text_f64(&mut self, v: f64) {
        push_f64(&mut self.buf, v);
        self.line_break = false;
    }

    /// The end tag of `name`.
    #[inline]
    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        self.new_line();
        self.buf.extend_from_slice(b"</");
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b'>');
        self.flush_if_full()
    }

    /// The end tag of `name`, an element of text (perhaps none): on the
    /// line of its start tag.
    #[inline]
    pub fn end_text(&mut self, name: &str) -> io::Result<()> {
        self.line_break = false;
        self.end(name)
    }

    /// The end tag (`</data>`, given whole) of an element of text, as
    /// [`end_text`](Self::end_text) writes it.
    #[inline]
    pub fn end_text_static(&mut self, end_tag: &'static str) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        // the tag stays on the text's line; the next starts a new one
        self.line_break = true;
        push_markup(&mut self.buf, end_tag);
        self.flush_if_full()
    }

    /// End the document with a newline and hand everything to the output.
    pub fn finish(mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }

    /// A line break and the indentation of the current depth, unless the
    /// tag follows text.
    #[inline]
    fn new_line(&mut self) {
        if !std::mem::replace(&mut self.line_break, true) {
            return;
        }
        match NEW_LINE.get(..=self.depth) {
            Some(line) => self.buf.extend_from_slice(line),
            None => {
                self.buf.push(b'\n');
                self.buf.resize(self.buf.len() + self.depth, b' ');
            }
        }
    }

    #[inline]
    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// Whether [`push_escaped`] cannot copy `b` as it is: one of the five XML
/// specials, a control byte, or 0xEF (the lead byte of U+FFFE and U+FFFF).
/// Written with `|`, not `matches!`, so that over a chunk it compiles to
/// vector compares rather than a branch per byte.
const fn is_special(b: u8) -> bool {
    (b < b' ') | (b == b'<') | (b == b'>') | (b == b'&') | (b == b'\'') | (b == b'"') | (b == 0xEF)
}

/// [`is_special`] of every byte, for text too short for a whole chunk.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_special(b as u8);
        b += 1;
    }
    table
};

/// Bytes checked at once by [`push_escaped`]'s fast path.
const CHUNK: usize = 16;

/// Whether any byte of `chunk` is special: a fold without early exit.
fn chunk_has_special(chunk: &[u8; CHUNK]) -> bool {
    chunk.iter().fold(false, |found, &b| found | is_special(b))
}

/// `s` escaped for XML onto `buf`, control characters other than tab,
/// newline and carriage return (and U+FFFE, U+FFFF) as spaces.
///
/// Nearly all text has no special byte: it is scanned in fixed-size chunks
/// by [`chunk_has_special`], and clean runs are copied whole; only a chunk
/// with a special byte, and the last few bytes, are looked at byte by byte.
pub fn push_escaped(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    // start of the bytes not yet copied, and of the bytes not yet scanned
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        let end = (at + CHUNK).min(bytes.len());
        if let Ok(chunk) = <&[u8; CHUNK]>::try_from(&bytes[at..end]) {
            if !chunk_has_special(chunk) {
                at = end;
                continue;
            }
        }
        for pos in at..end {
            if pos < copied || !SPECIAL[usize::from(bytes[pos])] {
                continue;
            }
            if let Some((replacement, len)) = replacement(bytes, pos) {
                buf.extend_from_slice(&bytes[copied..pos]);
                buf.extend_from_slice(replacement);
                copied = pos + len;
            }
        }
        at = end;
    }
    buf.extend_from_slice(&bytes[copied..]);
}

/// `s`, a text of the program's own with nothing to escape, onto `buf`.
#[inline]
fn push_static(buf: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!s.bytes().any(is_special), "{s:?} needs escaping");
    buf.extend_from_slice(s.as_bytes());
}

/// Markup of the program's own (tags, attribute names, their quotes),
/// copied as it is.
#[inline]
fn push_markup(buf: &mut Vec<u8>, markup: &'static str) {
    buf.extend_from_slice(markup.as_bytes());
}

/// What the special byte at `bytes[pos]` becomes, and how many bytes it
/// replaces; `None` for a byte copied as it is after all (tab, newline,
/// carriage return, a 0xEF starting another character).
fn replacement(bytes: &[u8], pos: usize) -> Option<(&'static [u8], usize)> {
    Some(match bytes[pos] {
        b'<' => (b"&lt;", 1),
        b'>' => (b"&gt;", 1),
        b'&' => (b"&amp;", 1),
        b'\'' => (b"&apos;", 1),
        b'"' => (b"&quot;", 1),
        b'\t' | b'\n' | b'\r' => return None,
        0xEF => match bytes.get(pos + 1..pos + 3) {
            Some([0xBF, 0xBE | 0xBF]) => (b" ", 3),
            _ => return None,
        },
        _ => (b" ", 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text safe for XML 1.0: control characters other than tab, newline
    /// and carriage return become spaces (no reader accepts them, escaped
    /// or not): what the exports did before quick-xml's escape, until
    /// [`push_escaped`] took over both.
    fn xml_safe(s: &str) -> String {
        let bad = |c: char| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        };
        s.chars().map(|c| if bad(c) { ' ' } else { c }).collect()
    }

    /// What the exports wrote before: `xml_safe`, then quick-xml's escape.
    fn reference(s: &str) -> String {
        quick_xml::escape::escape(xml_safe(s).as_str()).into_owned()
    }

    #[test]
    fn the_reference_clean_up_turns_what_xml_cannot_carry_into_spaces() {
        assert_eq!(xml_safe("x\u{1b}y"), "x y");
        assert_eq!(xml_safe("O'Brien & <co>"), "O'Brien & <co>");
        assert_eq!(xml_safe("a\u{FFFE}b\tc\u{FFFF}\u{F000}"), "a b\tc \u{F000}");
    }

    fn escaped(s: &str) -> String {
        let mut buf = Vec::new();
        push_escaped(&mut buf, s);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn escaping_matches_xml_safe_then_quick_xml() {
        for s in [
            "",
            "plain",
            "O'Brien & <co> \"quoted\"",
            "a\u{FFFE}b\tc\u{FFFF}\u{F000}\u{EF}",
            "x\u{1b}y\r\n",
            "a long sentence without anything to escape in it at all, ok",
            "a long sentence with an ampersand & right in the middle of it",
            "\u{FFFF}\u{FFFF}\u{FFFF}\u{FFFF}\u{FFFF}\u{FFFF}<<<<<<&&&&&",
            "Erdoğan",
        ] {
            assert_eq!(escaped(s), reference(s), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn escaping_matches_the_reference_on_any_text(s in "\\PC*|[\u{0}-\u{7f}\u{FFFE}\u{FFFF}]{0,80}") {
            prop_assert_eq!(escaped(&s), reference(&s));
        }
    }

    #[test]
    fn layout_is_quick_xmls_indenting() {
        let mut out = Vec::new();
        let mut w = Xml::new(&mut out);
        w.start("a", &[("k", "v&")]);
        w.open("b");
        w.close_start();
        w.text("t");
        w.end("b").unwrap();
        w.empty("c", &[]).unwrap();
        w.end("a").unwrap();
        w.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"v&amp;\">\n <b>t</b>\n <c/>\n</a>\n"
        );
    }

    /// `build` writing into a document of its own, as text.
    fn document(build: impl Fn(&mut Xml)) -> String {
        let mut out = Vec::new();
        let mut w = Xml::new(&mut out);
        build(&mut w);
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_given_whole_is_laid_out_as_markup_given_in_pieces() {
        let pieces = document(|w| {
            w.start("node", &[("id", "n1")]);
            w.open("data");
            w.attr_static("key", "label");
            w.close_start();
            w.text("a & b");
            w.end_text("data").unwrap();
            w.open("attvalue");
            w.attr_static("for", "kind");
            w.attr_static("value", "meeting");
            w.close_empty().unwrap();
            w.open("data");
            w.attr_static("key", "empty");
            w.close_start();
            w.end_text("data").unwrap();
            w.end("node").unwrap();
        });
        let whole = document(|w| {
            w.start("node", &[("id", "n1")]);
            w.start_static(r#"<data key="label">"#);
            w.text("a & b");
            w.end_text_static("</data>").unwrap();
            w.open_static(r#"<attvalue for="kind""#);
            w.attr_static("value", "meeting");
            w.close_empty().unwrap();
            w.start_static(r#"<data key="empty">"#);
            w.end_text_static("</data>").unwrap();
            w.end("node").unwrap();
        });
        assert_eq!(whole, pieces);
    }

    #[test]
    fn deep_nesting_is_indented_as_quick_xml_indents() {
        use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
        let mut theirs = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
        theirs
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .unwrap();
        let mut out = Vec::new();
        let mut ours = Xml::new(&mut out);
        for _ in 0..40 {
            theirs
                .write_event(Event::Start(BytesStart::new("n")))
                .unwrap();
            ours.start("n", &[]);
        }
        theirs
            .write_event(Event::Text(BytesText::new("t")))
            .unwrap();
        ours.text("t");
        for _ in 0..40 {
            theirs.write_event(Event::End(BytesEnd::new("n"))).unwrap();
            ours.end("n").unwrap();
        }
        ours.finish().unwrap();
        let mut theirs = theirs.into_inner();
        theirs.push(b'\n');
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }
}
