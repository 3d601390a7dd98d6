//! A JSONL input record read straight into its fields: strings borrow from
//! the line where they need no unescaping, and fields other than the six
//! known ones are skipped without being built (no `serde_json::Value`).
//!
//! It accepts any JSON object, as a `Value` would: fields may be missing,
//! of any type, or repeated (the last one counts), so only a line that is
//! not valid JSON or not an object fails to read.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The known fields of a record.
#[derive(Debug, Default, PartialEq)]
pub struct Record<'a> {
    pub id: Option<Field<'a>>,
    pub date: Option<Field<'a>>,
    pub title: Option<Field<'a>>,
    pub text: Option<Field<'a>>,
    pub source: Option<Field<'a>>,
    pub url: Option<Field<'a>>,
}

/// A field's value, reduced to what a document takes from it.
#[derive(Debug, PartialEq)]
pub enum Field<'a> {
    Str(Cow<'a, str>),
    /// A number, written as serde_json writes it.
    Number(String),
    /// null, a boolean, an array or an object.
    Other,
}

impl Field<'_> {
    /// The field as a document keeps it: a string trimmed (none if blank),
    /// a number as text, nothing for other types.
    pub fn value(&self) -> Option<String> {
        match self {
            Field::Str(s) if !trim(s).is_empty() => Some(trim(s).to_string()),
            Field::Number(n) => Some(n.clone()),
            _ => None,
        }
    }

    /// [`Field::value`], taking the field: a string serde_json had to
    /// unescape is already a copy of its own, and is moved when it needs
    /// no trimming.
    pub fn into_value(self) -> Option<String> {
        match self {
            Field::Str(Cow::Owned(s)) if !s.is_empty() && trim(&s).len() == s.len() => Some(s),
            other => other.value(),
        }
    }

    /// What [`Field::value`] gives, borrowed: for fields that are read
    /// (a date) and not kept.
    pub fn text(&self) -> Option<&str> {
        match self {
            Field::Str(s) => Some(trim(s)).filter(|t| !t.is_empty()),
            Field::Number(n) => Some(n),
            Field::Other => None,
        }
    }
}

/// `s.trim()`, which looks up Unicode's whitespace for each end: skipped
/// when both ends are printable ASCII, as they nearly always are, and so
/// not whitespace.
pub fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Id,
    Date,
    Title,
    Text,
    Source,
    Url,
    #[serde(other)]
    Other,
}

impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut r = Record::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Id => &mut r.id,
                Key::Date => &mut r.date,
                Key::Title => &mut r.title,
                Key::Text => &mut r.text,
                Key::Source => &mut r.source,
                Key::Url => &mut r.url,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<Field>()?);
        }
        Ok(r)
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(s.to_string())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(s)))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Field<'de>, E> {
        Ok(Field::Number(serde_json::Number::from(n).to_string()))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Field<'de>, E> {
        Ok(Field::Number(serde_json::Number::from(n).to_string()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Field<'de>, E> {
        Ok(serde_json::Number::from_f64(n).map_or(Field::Other, |n| Field::Number(n.to_string())))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Record<'_> {
        serde_json::from_str(line).unwrap()
    }

    #[test]
    fn fields_of_any_type_are_read_as_a_value_would_give_them() {
        let r = read(
            r#"{"id": 4, "date": 2.5, "title": null, "text": "A \"quoted\" text",
                "source": ["x"], "url": {"a": 1}, "extra": [1, {"b": 2}], "id": 17}"#,
        );
        assert_eq!(
            r.id,
            Some(Field::Number("17".into())),
            "the last one counts"
        );
        assert_eq!(r.date.and_then(|d| d.value()).as_deref(), Some("2.5"));
        assert_eq!(r.title, Some(Field::Other));
        assert_eq!(
            r.text.as_ref().and_then(Field::text),
            Some("A \"quoted\" text")
        );
        assert_eq!(r.source, Some(Field::Other));
        assert_eq!(r.url, Some(Field::Other));
    }

    #[test]
    fn unescaped_strings_borrow_from_the_line() {
        let r = read(r#"{"text": "  Plain text.  "}"#);
        assert!(matches!(r.text, Some(Field::Str(Cow::Borrowed(_)))));
        assert_eq!(
            r.text.and_then(|t| t.value()).as_deref(),
            Some("Plain text.")
        );
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a\u{3000}",
            "é",
            "\u{2028}x",
            "x\t",
            "~!",
            "\u{7f}a",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn only_objects_are_records() {
        for line in ["[1, 2]", "\"text\"", "3", "null"] {
            let e = serde_json::from_str::<Record>(line).unwrap_err();
            assert_eq!(e.classify(), serde_json::error::Category::Data, "{line}");
        }
        let e = serde_json::from_str::<Record>("{\"text\": ").unwrap_err();
        assert_ne!(e.classify(), serde_json::error::Category::Data);
    }
}
