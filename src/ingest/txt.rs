//! Plain-text articles: optional header lines (`Title:`, `Date:`, `Source:`,
//! `URL:`), a blank line, then the body. A first line that is not a header
//! but is followed by header lines is the title (the layout of
//! `Rex Tillerson\nDATE: ...\nSOURCE: ...`). Byte offsets of the extraction
//! record are offsets into the body.

use super::parse_date;
use crate::model::Document;

const HEADER_KEYS: [&str; 4] = ["title", "date", "source", "url"];

/// Split a text file into header fields and body.
pub fn parse_txt(id: &str, raw: &str) -> Document {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut doc = Document::new(id, raw);
    let Some((header, body_start)) = header_block(raw) else {
        return doc;
    };
    let mut first_is_title = false;
    for (i, line) in header.iter().enumerate() {
        match header_field(line) {
            Some((key, value)) => match key.as_str() {
                "title" => doc.title = value.to_string(),
                "date" => doc.date = parse_date(value),
                "source" if !value.is_empty() => doc.source = Some(value.to_string()),
                "url" if !value.is_empty() => doc.url = Some(value.to_string()),
                _ => {}
            },
            None if i == 0 => first_is_title = true,
            None => {}
        }
    }
    if first_is_title && doc.title.is_empty() {
        doc.title = header[0].trim().to_string();
    }
    doc.text = raw[body_start..].to_string();
    doc
}

/// The header lines and the byte offset where the body starts, if the file
/// opens with a header block.
fn header_block(raw: &str) -> Option<(Vec<&str>, usize)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if lines.is_empty() {
                return None;
            }
            offset += line.len();
            return valid_header(&lines).then_some((lines, offset));
        }
        lines.push(content);
        offset += line.len();
        if lines.len() > HEADER_KEYS.len() + 1 {
            return None;
        }
    }
    None
}

/// Every line is a known `Key: value`, except perhaps a bare title first.
fn valid_header(lines: &[&str]) -> bool {
    let keyed = lines.iter().filter(|l| header_field(l).is_some()).count();
    keyed > 0
        && (keyed == lines.len() || (keyed == lines.len() - 1 && header_field(lines[0]).is_none()))
}

fn header_field(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    HEADER_KEYS
        .contains(&key.as_str())
        .then(|| (key, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn headers_are_read_and_body_offsets_start_after_the_blank_line() {
        let d = parse_txt(
            "a",
            "Title: Talks\nDate: 2017-04-12\nSource: Wire\nURL: \n\nBody here.\n",
        );
        assert_eq!(d.title, "Talks");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2017, 4, 12));
        assert_eq!(d.source.as_deref(), Some("Wire"));
        assert_eq!(d.url, None);
        assert_eq!(d.text, "Body here.\n");
    }

    #[test]
    fn a_bare_first_line_before_header_lines_is_the_title() {
        let d = parse_txt("000", "Rex Tillerson\nDATE: 2017-04-12\nSOURCE: x\n\nBody.");
        assert_eq!(d.title, "Rex Tillerson");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2017, 4, 12));
        assert_eq!(d.text, "Body.");
    }

    #[test]
    fn text_without_a_header_is_all_body() {
        let raw = "MOSCOW (Reuters) - Officials met.\n\nMore: text.";
        let d = parse_txt("b", raw);
        assert_eq!(d.text, raw);
        assert_eq!(d.title, "");
        let d = parse_txt("c", "Note: this is prose, not a header.\n\nSecond.");
        assert_eq!(d.text, "Note: this is prose, not a header.\n\nSecond.");
    }
}
