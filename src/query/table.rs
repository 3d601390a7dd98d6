//! Query answers as tables: aligned columns for people, CSV, JSON and JSON
//! lines for programs.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::io::Write;

/// How to print a [`Table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns, for reading on a terminal.
    #[default]
    Table,
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl Format {
    pub const NAMES: [&'static str; 4] = ["table", "csv", "json", "jsonl"];

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// One cell: text or a count, so JSON keeps numbers as numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Count(usize),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.clone()),
            Cell::Count(n) => Value::from(*n),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Count(n)
    }
}

/// A column; some (long ids, exact spans) are only worth it to programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// Shown in the terminal table too, not only in csv/json.
    pub on_terminal: bool,
}

/// A column shown everywhere.
pub const fn col(name: &'static str) -> Column {
    Column {
        name,
        on_terminal: true,
    }
}

/// A column left out of the terminal table.
pub const fn machine_col(name: &'static str) -> Column {
    Column {
        name,
        on_terminal: false,
    }
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The text of a row's cell by column name (for tests and callers).
    pub fn get(&self, row: usize, column: &str) -> Option<String> {
        let c = self.columns.iter().position(|c| c.name == column)?;
        self.rows.get(row).and_then(|r| r.get(c)).map(Cell::text)
    }

    pub fn write(&self, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
        match format {
            Format::Table => self.write_aligned(out),
            Format::Csv => self.write_csv(out),
            Format::Json => {
                let all: Vec<Row> = self.objects().collect();
                serde_json::to_writer_pretty(&mut *out, &all)?;
                out.write_all(b"\n")
            }
            Format::Jsonl => {
                for o in self.objects() {
                    serde_json::to_writer(&mut *out, &o)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
        }
    }

    fn objects(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.rows.iter().map(|cells| Row {
            columns: &self.columns,
            cells,
        })
    }

    fn write_csv(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.columns.iter().map(|c| c.name))?;
        for r in &self.rows {
            w.write_record(r.iter().map(Cell::text))?;
        }
        w.flush()
    }

    /// Columns padded to their widest cell; counts right-aligned; the last
    /// column (often a sentence) is never padded, so lines carry no trailing
    /// blanks.
    fn write_aligned(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let shown: Vec<usize> = (0..self.columns.len())
            .filter(|&i| self.columns[i].on_terminal)
            .collect();
        let header: Vec<Cell> = shown
            .iter()
            .map(|&i| Cell::from(self.columns[i].name))
            .collect();
        let body: Vec<Vec<&Cell>> = self
            .rows
            .iter()
            .map(|r| shown.iter().map(|&i| &r[i]).collect())
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|c| width(&c.text())).collect();
        for r in &body {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(width(&c.text()));
            }
        }
        let header_refs: Vec<&Cell> = header.iter().collect();
        for r in std::iter::once(&header_refs).chain(body.iter()) {
            writeln!(out, "{}", aligned_line(r, &widths))?;
        }
        Ok(())
    }
}

/// A row as a JSON object whose keys keep the column order (a
/// `serde_json::Map` would sort them).
struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.cells.len()))?;
        for (c, v) in self.columns.iter().zip(self.cells) {
            m.serialize_entry(c.name, &v.json())?;
        }
        m.end()
    }
}

fn aligned_line(cells: &[&Cell], widths: &[usize]) -> String {
    let mut line = String::new();
    for (i, (c, &w)) in cells.iter().zip(widths).enumerate() {
        let t = c.text();
        let pad = w.saturating_sub(width(&t));
        if i > 0 {
            line.push_str("  ");
        }
        match c {
            Cell::Count(_) => {
                line.push_str(&" ".repeat(pad));
                line.push_str(&t);
            }
            Cell::Text(_) => {
                line.push_str(&t);
                if i + 1 < cells.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
    }
    line.trim_end().to_string()
}

/// Display width; characters, since names like "Erdoğan" are one column
/// per letter in the scripts the lexicon holds.
fn width(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(vec![col("actor"), col("meetings"), machine_col("id")]);
        t.push(vec![
            "Recep Tayyip Erdoğan".into(),
            12.into(),
            "erdogan".into(),
        ]);
        t.push(vec!["Xi".into(), 3.into(), "xi".into()]);
        t
    }

    fn written(t: &Table, f: Format) -> String {
        let mut out = Vec::new();
        t.write(f, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn terminal_table_aligns_columns_and_hides_machine_columns() {
        assert_eq!(
            written(&sample(), Format::Table),
            "actor                 meetings\n\
             Recep Tayyip Erdoğan        12\n\
             Xi                           3\n"
        );
    }

    #[test]
    fn csv_and_json_keep_every_column_and_numbers() {
        assert_eq!(
            written(&sample(), Format::Csv),
            "actor,meetings,id\nRecep Tayyip Erdoğan,12,erdogan\nXi,3,xi\n"
        );
        let lines: Vec<Value> = written(&sample(), Format::Jsonl)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[1]["meetings"], 3);
        assert_eq!(lines[1]["id"], "xi");
        let all: Value = serde_json::from_str(&written(&sample(), Format::Json)).unwrap();
        assert_eq!(all[0]["actor"], "Recep Tayyip Erdoğan");
        // keys in column order
        assert!(written(&sample(), Format::Jsonl)
            .starts_with(r#"{"actor":"Recep Tayyip Erdoğan","meetings":12,"id":"erdogan"}"#));
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!(Format::parse("CSV"), Some(Format::Csv));
        assert_eq!(Format::parse("xml"), None);
    }
}
