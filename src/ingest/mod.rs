//! Ingest: files, folders, JSONL and stdin in; a stream of [`Document`]s out.
//!
//! Documents are read one at a time, so memory does not grow with the corpus.
//! A bad file or line becomes a [`Skip`] naming its path and line; the stream
//! goes on with the next input.
//!
//! JSONL lines are read in place from a large buffer (`lines.rs`). A line
//! of the usual shape is read by a fast reader (`fast.rs`); any other line,
//! and any the fast reader is unsure of, by serde (`record.rs`), which
//! defines what a line gives: the fast reader gives the same or declines.

mod fast;
mod lines;
mod record;
mod scan;
mod txt;

use crate::model::Document;
use chrono::NaiveDate;
use lines::LineBuffer;
use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use txt::parse_txt;

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// `-` is stdin, anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
}

/// Why an input was not turned into a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    Binary,
    Empty,
    InvalidJson,
    MissingText,
    Unreadable,
    /// Extraction failed on the document (a bug, reported as such).
    Internal,
    /// Not in English, with `--lang-filter`.
    NotEnglish,
    /// A graph written by diplograph, given where articles were expected.
    GraphFile,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::Empty => "empty",
            SkipReason::InvalidJson => "invalid JSON",
            SkipReason::MissingText => "no text",
            SkipReason::Unreadable => "unreadable",
            SkipReason::Internal => "internal error",
            SkipReason::NotEnglish => "not English",
            SkipReason::GraphFile => "graph file",
        }
    }
}

/// An input that was skipped, with where it is (`path` or `path:line`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub origin: String,
    pub reason: SkipReason,
    pub detail: String,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: skipped ({}): {}",
            self.origin,
            self.reason.as_str(),
            self.detail
        )
    }
}

/// One step of the stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Doc(Box<Document>),
    /// A document was read, but something about it deserves a warning
    /// (e.g. invalid UTF-8 replaced); the document follows as its own item.
    Warning(String),
    Skipped(Skip),
}

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Publication date for documents that carry none.
    pub default_date: Option<NaiveDate>,
}

/// The document stream over all inputs, in order: folders are walked
/// recursively in sorted order.
pub struct Reader {
    pending: VecDeque<Source>,
    current: Option<JsonlCursor>,
    queued: VecDeque<Item>,
    opts: IngestOptions,
    /// Input bytes consumed so far (files and lines, blank ones too).
    bytes_read: u64,
}

enum Source {
    File(PathBuf),
    Stdin,
}

struct JsonlCursor {
    name: String,
    input: LineBuffer,
    scratch: fast::Scratch,
    line_no: usize,
}

impl JsonlCursor {
    fn new(name: String, input: LineBuffer) -> JsonlCursor {
        JsonlCursor {
            name,
            input,
            scratch: fast::Scratch::default(),
            line_no: 0,
        }
    }
}

/// Where a JSONL line is (`path:line`), written out only when a message or
/// a document without an id needs it.
#[derive(Clone, Copy)]
struct LineOrigin<'a> {
    file: &'a str,
    line: usize,
}

impl fmt::Display for LineOrigin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// Open the inputs. Every path must exist: a missing one is an error before
/// any work is done. With no inputs at all, nothing is read.
pub fn open(inputs: &[Input], opts: IngestOptions) -> Result<Reader, IngestError> {
    let mut pending = VecDeque::new();
    for input in inputs {
        match input {
            Input::Stdin => pending.push_back(Source::Stdin),
            Input::Path(p) => {
                if !p.exists() {
                    return Err(IngestError::Missing(p.clone()));
                }
                if p.is_dir() {
                    let mut files = Vec::new();
                    collect_input_files(p, &mut files);
                    pending.extend(files.into_iter().map(Source::File));
                } else {
                    pending.push_back(Source::File(p.clone()));
                }
            }
        }
    }
    Ok(Reader {
        pending,
        current: None,
        queued: VecDeque::new(),
        opts,
        bytes_read: 0,
    })
}

/// Files under a folder that hold documents (`.txt`, `.jsonl`, `.ndjson`),
/// sorted so that runs are repeatable.
fn collect_input_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_input_files(&p, out);
        } else if is_document_file(&p) {
            out.push(p);
        }
    }
}

fn is_document_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()),
        Some(ref e) if e == "txt" || is_jsonl_ext(e)
    )
}

fn is_jsonl_ext(e: &str) -> bool {
    e == "jsonl" || e == "ndjson"
}

fn is_jsonl_path(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| is_jsonl_ext(&e.to_ascii_lowercase()))
        .unwrap_or(false)
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(self.with_default_date(item));
            }
            if let Some(cur) = self.current.as_mut() {
                if next_jsonl_line(cur, &mut self.bytes_read, &mut self.queued) {
                    continue;
                }
                self.current = None;
            }
            let source = self.pending.pop_front()?;
            self.open_source(source);
        }
    }
}

impl Reader {
    /// Bytes of input read so far, to set against [`Reader::total_bytes`].
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Size of every input still to read, when known (not for stdin).
    pub fn total_bytes(&self) -> Option<u64> {
        self.pending
            .iter()
            .map(|s| match s {
                Source::File(p) => Some(std::fs::metadata(p).map_or(0, |m| m.len())),
                Source::Stdin => None,
            })
            .sum()
    }

    fn with_default_date(&self, item: Item) -> Item {
        match item {
            Item::Doc(mut d) if d.date.is_none() => {
                d.date = self.opts.default_date;
                Item::Doc(d)
            }
            other => other,
        }
    }

    fn open_source(&mut self, source: Source) {
        match source {
            Source::File(path) => {
                let name = path.display().to_string();
                if is_jsonl_path(&path) {
                    match File::open(&path) {
                        Ok(f) => {
                            self.current =
                                Some(JsonlCursor::new(name, LineBuffer::new(Box::new(f))))
                        }
                        Err(e) => self.queued.push_back(unreadable(name, e)),
                    }
                } else {
                    match std::fs::read(&path) {
                        Ok(bytes) => {
                            self.bytes_read += bytes.len() as u64;
                            let id = path
                                .file_stem()
                                .map(|s| s.to_string_lossy().into_owned())
                                .unwrap_or_else(|| name.clone());
                            self.push_text_document(&name, id, &bytes);
                        }
                        Err(e) => self.queued.push_back(unreadable(name, e)),
                    }
                }
            }
            Source::Stdin => {
                let mut bytes = Vec::new();
                if let Err(e) = io::stdin().lock().read_to_end(&mut bytes) {
                    self.queued.push_back(unreadable("<stdin>".into(), e));
                    return;
                }
                let looks_jsonl = bytes
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b == b'{');
                // a graph is one JSON object too; the text path skips it
                if looks_jsonl && !is_graph_json(&bytes) {
                    self.current = Some(JsonlCursor::new(
                        "<stdin>".into(),
                        LineBuffer::from_bytes(bytes),
                    ));
                } else {
                    self.push_text_document("<stdin>", "stdin".into(), &bytes);
                }
            }
        }
    }

    fn push_text_document(&mut self, origin: &str, id: String, bytes: &[u8]) {
        if looks_binary(bytes) {
            self.queued.push_back(Item::Skipped(Skip {
                origin: origin.to_string(),
                reason: SkipReason::Binary,
                detail: "contains NUL bytes; not a text file".into(),
            }));
            return;
        }
        if is_graph_json(bytes) {
            self.queued.push_back(Item::Skipped(Skip {
                origin: origin.to_string(),
                reason: SkipReason::GraphFile,
                detail: "a diplograph graph, not an article; `diplograph merge` reads graphs"
                    .into(),
            }));
            return;
        }
        let text = decode_text(origin, bytes, &mut self.queued);
        let doc = parse_txt(&id, &text);
        if doc.text.trim().is_empty() {
            self.queued.push_back(Item::Skipped(Skip {
                origin: origin.to_string(),
                reason: SkipReason::Empty,
                detail: "no article text".into(),
            }));
            return;
        }
        self.queued.push_back(Item::Doc(Box::new(doc)));
    }
}

/// Does `bytes` open a `graph.json` as `build` and `merge` write it? Read
/// as an article it would be one long sentence of field names; `merge`
/// asks the same of its shards.
pub fn is_graph_json(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"{\"format\"")
}

fn unreadable(origin: String, e: io::Error) -> Item {
    Item::Skipped(Skip {
        origin,
        reason: SkipReason::Unreadable,
        detail: e.to_string(),
    })
}

/// Is the text English, or too short to tell? Only the opening is read:
/// language is a property of the document, not of each sentence.
pub fn looks_english(text: &str) -> bool {
    // fast path: English function words in the opening words settle it
    const FUNCTION_WORDS: [&str; 11] = [
        "the", "of", "and", "to", "in", "said", "is", "was", "on", "for", "with",
    ];
    let third_common = text
        .split_whitespace()
        .take(80)
        .filter(|w| w.len() <= 4 && FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)))
        .nth(2);
    if third_common.is_some() {
        return true;
    }
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // other languages in Latin script show accents within a few lines; a
    // plain-ASCII opening without English function words is a table or a
    // list, not worth a trigram model
    if text.as_bytes()[..end].is_ascii() {
        return true;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) if info.is_reliable() => info.lang() == whatlang::Lang::Eng,
        _ => true,
    }
}

/// Binary files carry NUL bytes early on; text never does.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// UTF-8 text, with invalid sequences replaced and one warning naming the
/// byte offset of the first one.
fn decode_text(origin: &str, bytes: &[u8], queue: &mut VecDeque<Item>) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            queue.push_back(Item::Warning(format!(
                "{origin}: invalid UTF-8 at byte {}; replaced with U+FFFD",
                e.valid_up_to()
            )));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// Read the next non-blank JSONL line into `queue` (its warning, if any,
/// then its document or skip), counting the bytes read; false at end of
/// file.
fn next_jsonl_line(
    cur: &mut JsonlCursor,
    bytes_read: &mut u64,
    queue: &mut VecDeque<Item>,
) -> bool {
    loop {
        cur.line_no += 1;
        let origin = LineOrigin {
            file: &cur.name,
            line: cur.line_no,
        };
        let (item, len) = match next_line(&mut cur.input, &mut cur.scratch, origin) {
            Ok(NextLine::Read(item, len)) => (Some(item), len),
            Ok(NextLine::ForSerde(0)) => return false,
            Ok(NextLine::ForSerde(len)) => {
                let line = &cur.input.pending()[..len];
                let blank = line.iter().all(|b| b.is_ascii_whitespace());
                ((!blank).then(|| parse_line(origin, line, queue)), len)
            }
            Err(e) => {
                // the part of the line read so far is lost, as with
                // `read_until`; reading goes on after it
                cur.input.discard_pending();
                queue.push_back(unreadable(origin.to_string(), e));
                return true;
            }
        };
        *bytes_read += len as u64;
        cur.input.consume(len);
        if let Some(item) = item {
            queue.push_back(item);
            return true;
        }
    }
}

/// How the next line of a JSONL input is read.
enum NextLine {
    /// By the fast reader: its item, and the line's length.
    Read(Item, usize),
    /// By serde: the line's length (0 at the end of the input).
    ForSerde(usize),
}

/// Try the fast reader on the next line, reading more of the input while
/// the line is incomplete; a line it declines is left whole in the buffer
/// for serde.
fn next_line(
    input: &mut LineBuffer,
    scratch: &mut fast::Scratch,
    origin: LineOrigin,
) -> io::Result<NextLine> {
    loop {
        let incomplete = match fast::read_line(input.pending(), scratch) {
            fast::Scan::Record(record, len) => {
                return Ok(NextLine::Read(record_item(origin, record), len))
            }
            fast::Scan::Incomplete => true,
            fast::Scan::Declined => false,
        };
        if !incomplete || input.at_eof() {
            return input.line_len().map(NextLine::ForSerde);
        }
        input.fill()?;
    }
}

/// A line the fast reader declined, read by serde: as UTF-8, or with
/// invalid sequences replaced and a warning.
fn parse_line(origin: LineOrigin, line: &[u8], queue: &mut VecDeque<Item>) -> Item {
    match std::str::from_utf8(line) {
        Ok(line) => parse_record(origin, line),
        Err(_) => {
            let line = decode_text(&origin.to_string(), line, queue);
            parse_record(origin, &line)
        }
    }
}

/// One JSONL record to a document: `text` is required; `id`, `date`,
/// `title`, `source`, `url` are optional (a string, or a number written
/// as in the input; fields of other types count as absent).
///
/// This is the serde reader, which defines what a line gives; the fast
/// reader that `build` and `extract` try first gives the same.
pub fn parse_jsonl_record(origin: &str, line: &str) -> Item {
    parse_record(origin, line)
}

fn skip(origin: impl fmt::Display, reason: SkipReason, detail: String) -> Item {
    Item::Skipped(Skip {
        origin: origin.to_string(),
        reason,
        detail,
    })
}

/// [`parse_jsonl_record`], with the origin written out only if needed.
fn parse_record(origin: impl fmt::Display, line: &str) -> Item {
    match serde_json::from_str::<record::Record>(line) {
        Ok(record) => record_item(origin, record),
        // the record reads any JSON object: a type error is the line
        // itself not being one
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            skip(origin, SkipReason::InvalidJson, "not a JSON object".into())
        }
        Err(e) => skip(origin, SkipReason::InvalidJson, e.to_string()),
    }
}

/// The document a record gives, however it was read.
fn record_item(origin: impl fmt::Display, mut record: record::Record) -> Item {
    // the text is kept as written, untrimmed; an unescaped copy moves
    let text = match record.text.take() {
        Some(record::Field::Str(t)) if !record::trim(&t).is_empty() => t.into_owned(),
        _ => {
            return skip(
                origin,
                SkipReason::MissingText,
                "no non-empty \"text\" field".into(),
            )
        }
    };
    let date = record.date.as_ref().and_then(record::Field::text);
    let value = |f: Option<record::Field>| f.and_then(record::Field::into_value);
    Item::Doc(Box::new(Document {
        date: date.and_then(parse_date),
        id: value(record.id).unwrap_or_else(|| origin.to_string()),
        title: value(record.title).unwrap_or_default(),
        source: value(record.source),
        url: value(record.url),
        text,
    }))
}

/// A publication date as inputs write it: ISO (`2017-04-12`, or the date
/// part of a timestamp) or English (`April 12, 2017`, `12 April 2017`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = read_iso_day(s) {
        return Some(d);
    }
    if s.len() >= 10 {
        if let Some(prefix) = s.get(..10) {
            if let Ok(d) = NaiveDate::parse_from_str(prefix, "%Y-%m-%d") {
                return Some(d);
            }
        }
    }
    for fmt in [
        "%B %d, %Y",
        "%B %d %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%d %b %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// The usual `YYYY-MM-DD` opening, read digit by digit: what chrono's
/// `%Y-%m-%d` gives for that shape, at a fraction of the cost. Any other
/// shape, or a day that does not exist, is left to [`parse_date`]'s
/// formats.
fn read_iso_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes().get(..10)?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docs(items: &[Item]) -> Vec<&Document> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Doc(d) => Some(d.as_ref()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn jsonl_bad_lines_are_skipped_with_their_line_number() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut f = File::create(&p).unwrap();
        writeln!(f, r#"{{"id":"one","date":"2017-04-12","text":"Hello."}}"#).unwrap();
        writeln!(f, "not json").unwrap();
        writeln!(f).unwrap();
        writeln!(f, r#"{{"id":"three"}}"#).unwrap();
        writeln!(f, r#"{{"id":4,"text":"Fine."}}"#).unwrap();
        drop(f);
        let items: Vec<Item> = open(&[Input::Path(p.clone())], IngestOptions::default())
            .unwrap()
            .collect();
        let d = docs(&items);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].id, "one");
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2017, 4, 12));
        assert_eq!(d[1].id, "4");
        let skips: Vec<&Skip> = items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(skips.len(), 2);
        assert!(
            skips[0].origin.ends_with("a.jsonl:2"),
            "{}",
            skips[0].origin
        );
        assert_eq!(skips[0].reason, SkipReason::InvalidJson);
        assert!(skips[1].origin.ends_with("a.jsonl:4"));
        assert_eq!(skips[1].reason, SkipReason::MissingText);
    }

    #[test]
    fn folders_are_walked_sorted_and_bad_files_do_not_stop_the_run() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "Second article.").unwrap();
        std::fs::write(dir.path().join("a.txt"), "Date: 2020-01-02\n\nFirst.").unwrap();
        std::fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02").unwrap();
        std::fs::write(dir.path().join("empty.txt"), "   \n").unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        std::fs::write(dir.path().join("latin.txt"), b"Caf\xe9 talks.").unwrap();
        let opts = IngestOptions {
            default_date: NaiveDate::from_ymd_opt(2021, 1, 1),
        };
        let items: Vec<Item> = open(&[Input::Path(dir.path().into())], opts)
            .unwrap()
            .collect();
        let d = docs(&items);
        let ids: Vec<&str> = d.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "latin", "b"]);
        assert_eq!(d[0].date, NaiveDate::from_ymd_opt(2020, 1, 2));
        assert_eq!(d[2].date, NaiveDate::from_ymd_opt(2021, 1, 1));
        assert!(d[1].text.contains('\u{FFFD}'));
        assert!(items.iter().any(
            |i| matches!(i, Item::Warning(w) if w.contains("latin.txt") && w.contains("byte 3"))
        ));
        let reasons: Vec<SkipReason> = items
            .iter()
            .filter_map(|i| match i {
                Item::Skipped(s) => Some(s.reason),
                _ => None,
            })
            .collect();
        assert_eq!(reasons, [SkipReason::Binary, SkipReason::Empty]);
    }

    #[test]
    fn a_missing_path_is_an_error_before_any_work() {
        let err = open(
            &[Input::Path("/no/such/diplograph/input".into())],
            IngestOptions::default(),
        );
        assert!(matches!(err, Err(IngestError::Missing(_))));
    }

    #[test]
    fn english_is_told_from_other_languages() {
        assert!(looks_english("Russian Foreign Minister Sergei Lavrov met his counterpart on Wednesday and said the talks had been frank."));
        assert!(!looks_english("Der russische Außenminister traf am Mittwoch seinen Amtskollegen und sagte, die Gespräche seien offen gewesen."));
        assert!(looks_english("Ok."));
    }

    #[test]
    fn dates_parse_in_iso_and_english_forms() {
        let want = NaiveDate::from_ymd_opt(2017, 4, 12);
        assert_eq!(parse_date("2017-04-12"), want);
        assert_eq!(parse_date("2017-04-12T08:00:00Z"), want);
        assert_eq!(parse_date("April 12, 2017"), want);
        assert_eq!(parse_date("12 April 2017"), want);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn jsonl_fields_are_kept_as_written_and_a_line_without_id_is_named_by_it() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.jsonl");
        std::fs::write(
            &p,
            "\n{\"title\": \" A \\\"title\\\" \", \"text\": \" One.\\n\\nTwo. \"}\n",
        )
        .unwrap();
        let items: Vec<Item> = open(&[Input::Path(p.clone())], IngestOptions::default())
            .unwrap()
            .collect();
        let d = docs(&items);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].id, format!("{}:2", p.display()));
        assert_eq!(d[0].title, "A \"title\"");
        assert_eq!(d[0].text, " One.\n\nTwo. ");
    }

    /// The reader as it was before the fast path: every line read with
    /// `read_until` and parsed by serde.
    fn items_by_serde_alone(name: &str, bytes: &[u8]) -> Vec<Item> {
        use std::io::BufRead;
        let mut lines = io::BufReader::new(bytes);
        let mut queue = VecDeque::new();
        for line_no in 1.. {
            let mut line = Vec::new();
            if lines.read_until(b'\n', &mut line).unwrap() == 0 {
                break;
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let origin = LineOrigin {
                file: name,
                line: line_no,
            };
            let item = parse_line(origin, &line, &mut queue);
            queue.push_back(item);
        }
        queue.into()
    }

    #[test]
    fn files_read_as_serde_alone_reads_them_across_buffer_ends() {
        let long = format!(
            "{{\"id\": \"long\", \"text\": \"{}\"}}",
            "word \\n".repeat(70_000)
        );
        let lines = [
            "\u{feff}{\"id\": \"bom\", \"text\": \"a\"}",
            r#"{"id": "one", "date": "2017-04-12", "text": "Hello.\n\"Quoted\" \u00e9\ud83d\ude00"}"#,
            "",
            "   \r",
            "not json",
            r#"{"id": "two", "text": "crlf", "places": ["a", {"b": [1, 2.5e3]}]}"#,
            r#"{"id": 4, "title": null, "text": "Fine.", "date": 20170412}"#,
            r#"{"id": -4, "text": "negative id"}"#,
            r#"{"id": 1.5, "text": "float id"}"#,
            r#"{"text": "\ud800 lone"}"#,
            r#"{"text": "bad \x escape"}"#,
            r#"{"t\u0065xt": "escaped key"}"#,
            r#"{"id": "three"}"#,
            r#"{"text": "   "}"#,
            r#"{"text": 5}"#,
            r#"{"text": "dup", "text": "last"}"#,
            r#"[1, 2]"#,
            r#"{"text": "a"} trailing"#,
            &long,
        ];
        let mut body = Vec::new();
        for i in 0..40 {
            for (n, line) in lines.iter().enumerate() {
                body.extend_from_slice(line.as_bytes());
                if n == 5 {
                    body.push(b'\r');
                }
                if (i + n) % 7 == 0 {
                    body.extend_from_slice(b" caf\xe9");
                }
                body.push(b'\n');
            }
        }
        body.extend_from_slice(br#"{"id": "last", "text": "no newline"}"#);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mixed.jsonl");
        std::fs::write(&p, &body).unwrap();
        let mut reader = open(&[Input::Path(p.clone())], IngestOptions::default()).unwrap();
        let items: Vec<Item> = reader.by_ref().collect();
        assert_eq!(reader.bytes_read(), body.len() as u64);
        let want = items_by_serde_alone(&p.display().to_string(), &body);
        assert_eq!(items.len(), want.len());
        for (got, want) in items.iter().zip(&want) {
            assert_eq!(got, want);
        }
        assert!(docs(&items).len() > 200, "{}", docs(&items).len());
    }

    #[test]
    fn lines_cut_by_small_reads_are_read_as_serde_alone_reads_them() {
        let mut body = String::new();
        for i in 0..300 {
            body.push_str(&format!(
                "{{\"id\": \"n{i}\", \"date\": null, \"text\": \"Line {i}.\\n\\u00e9 {}\", \"tags\": [1, \"x\"]}}\n",
                "pad ".repeat(i % 50 * 12)
            ));
            if i % 17 == 0 {
                body.push_str("{\"text\": \"bad \\q\"}\n\n");
            }
        }
        let want = items_by_serde_alone("t", body.as_bytes());
        for step in [1, 3, 64, 1000, 70_000] {
            let source = lines::tests::Trickle {
                bytes: body.clone().into_bytes(),
                at: 0,
                step,
            };
            let mut cur = JsonlCursor::new("t".into(), LineBuffer::new(Box::new(source)));
            let (mut queue, mut bytes_read) = (VecDeque::new(), 0);
            while next_jsonl_line(&mut cur, &mut bytes_read, &mut queue) {}
            let got: Vec<Item> = queue.into();
            assert!(got == want, "reads of {step} bytes");
            assert_eq!(bytes_read, body.len() as u64);
        }
    }

    #[test]
    fn iso_days_read_by_hand_match_chrono() {
        for s in [
            "2019-01-04",
            "0000-01-01",
            "2019-02-30",
            "2019-13-01",
            "2019-1-04xx",
            "2019-01-4x",
            "+201-01-04",
            "2019/01/04",
        ] {
            // what read_iso_day reads, it reads as chrono; the rest it leaves
            let chrono = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").ok();
            if let Some(d) = read_iso_day(s) {
                assert_eq!(Some(d), chrono, "{s}");
            }
        }
        assert!(read_iso_day("2019-01-04").is_some());
    }
}
