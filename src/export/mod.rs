//! Export: views of the one graph written as files other tools open —
//! GraphML for Gephi and graph libraries, CSV for spreadsheets and Gephi's
//! spreadsheet import, JSON for programs. Every file is written through
//! [`atomic_write`]: a temporary file in the same folder, renamed into place
//! only when complete, so a failed run never leaves half a file.
//!
//! XML text is escaped by the writer in `xml` (which also turns what no
//! XML reader accepts into spaces) and the CSV views are quoted
//! by the writer in `csv_out` (as the csv crate quotes, which the other
//! table formats use); this module neutralises cells a spreadsheet would
//! run as formulas.

mod csv_out;
mod derived;
mod formats;
mod gexf;
mod graphml;
mod json;
mod network;
mod text;
mod xml;

use crate::graph::EventGraph;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use derived::Derived;
pub use formats::{export, ExportOptions, Format, View};
pub use network::{actor_event_counts, actor_ties, Tie};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The files `diplograph build` writes, in order.
pub const FILES: &[&str] = &[
    "graph.graphml",
    "actors.graphml",
    "graph.gexf",
    "actors.gexf",
    "events.csv",
    "nodes.csv",
    "edges.csv",
    "graph.json",
];

/// A writer of one view of the graph.
type WriteView = fn(&Derived, &mut dyn Write) -> std::io::Result<()>;

/// What writes each of [`FILES`], in the same order.
const WRITERS: &[WriteView] = &[
    graphml::write_full,
    graphml::write_actors,
    gexf::write_full,
    gexf::write_actors,
    csv_out::write_events,
    csv_out::write_nodes,
    csv_out::write_edges,
    write_json_view,
];

/// Write every export into `dir` (created if missing); returns the paths,
/// in the order of [`FILES`].
///
/// The files are independent views of a finished graph, so they are
/// written side by side, one thread each: the run's wall time is that of
/// the largest file (`graph.json`, with every report), not the sum.
pub fn write_all(g: &EventGraph, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let derived = Derived::new(g);
    let d = &derived;
    let written: Vec<Result<PathBuf, ExportError>> = std::thread::scope(|s| {
        let writing: Vec<_> = FILES
            .iter()
            .zip(WRITERS)
            .map(|(name, write)| {
                s.spawn(move || {
                    let p = dir.join(name);
                    atomic_write(&p, &mut |w| write(d, w))?;
                    Ok(p)
                })
            })
            .collect();
        writing
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    written.into_iter().collect()
}

fn write_json_view(d: &Derived, w: &mut dyn Write) -> std::io::Result<()> {
    write_json(d.g, w)
}

/// `graph.json`: the whole graph, readable back with
/// [`EventGraph::read_json`].
/// Written as `serde_json::to_writer` writes `g.data`, by the faster
/// writer in `json`.
pub fn write_json(g: &EventGraph, w: &mut dyn Write) -> std::io::Result<()> {
    json::write_graph_data(&g.data, w)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Write `path` all or nothing: into a temporary file beside it, renamed
/// over the target only after every byte is flushed.
pub fn atomic_write(
    path: &Path,
    f: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let err = |source| ExportError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    write_syncing_ahead(tmp.as_file(), f).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    // temporary files are private; an export is an ordinary file
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// Bytes written between two requests to put a file's data on disk.
const SYNC_EVERY: u64 = 16 << 20;

/// Write `file` with `f`, a thread putting what is written on disk every
/// [`SYNC_EVERY`] bytes while writing goes on. The final `sync_all` then
/// has only the last few MB to wait for: on a 172 MB `graph.json`, the
/// last file to finish, it waited 0.1 s for all of it.
fn write_syncing_ahead(
    file: &std::fs::File,
    f: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    std::thread::scope(|s| {
        // one request waits at most: a sync covers everything before it
        let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let syncing = s.spawn(move || asked.iter().try_for_each(|()| file.sync_data()));
        let mut w = BufWriter::new(SyncAhead {
            file,
            unsynced: 0,
            ask,
        });
        f(&mut w)?;
        w.flush()?;
        drop(w);
        syncing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A file writer that asks for a sync every [`SYNC_EVERY`] bytes.
struct SyncAhead<'f> {
    file: &'f std::fs::File,
    unsynced: u64,
    ask: std::sync::mpsc::SyncSender<()>,
}

impl Write for SyncAhead<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= SYNC_EVERY {
            self.unsynced = 0;
            // full: a sync is already asked for and will cover these bytes;
            // closed: the sync failed, and the final one reports it
            let _ = self.ask.try_send(());
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`,
/// `@`, tab or carriage return gets a leading apostrophe. Control characters
/// become spaces.
pub fn cell_safe(s: &str) -> String {
    safe_cell(s).into_owned()
}

/// [`cell_safe`], borrowing `s` when nothing changes (most cells): the CSV
/// writers call it for every text cell.
pub(crate) fn safe_cell(s: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // every text cell of the CSV exports passes here, nearly all clean
    let has_control = text::any_byte(s.as_bytes(), |b| (b < b' ') & (b != b'\n'));
    let clean: Cow<'_, str> = if has_control {
        Cow::Owned(
            s.chars()
                .map(|c| if c < ' ' && c != '\n' { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    };
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{clean}")),
        _ => clean,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The graph of the bundled samples, for the exports' tests.
    pub(crate) fn samples_graph() -> EventGraph {
        let opts = crate::pipeline::RunOptions {
            inputs: vec![crate::ingest::Input::Path(
                crate::pipeline::samples_dir().unwrap(),
            )],
            quiet: true,
            ..Default::default()
        };
        let lex = crate::lexicon::Lexicon::embedded().unwrap();
        let (g, _) = crate::pipeline::build_graph(
            &opts,
            &lex,
            crate::graph::MergeOptions::default(),
            &mut |_| {},
        )
        .unwrap();
        g
    }

    #[test]
    fn formulas_are_neutralised_and_control_characters_removed() {
        assert_eq!(cell_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(cell_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell_safe("Erdoğan"), "Erdoğan");
        assert_eq!(cell_safe("a\u{7}b"), "a b");
        assert_eq!(cell_safe("x\ny\rz"), "x\ny z");
        assert!(matches!(
            safe_cell("Erdoğan"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_file_has_its_writer() {
        assert_eq!(FILES.len(), WRITERS.len());
    }

    #[test]
    fn atomic_write_leaves_the_old_file_when_writing_fails() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        std::fs::write(&p, "old").unwrap();
        let mut failing = |w: &mut dyn Write| {
            w.write_all(b"partial")?;
            Err(std::io::Error::other("disk full"))
        };
        assert!(atomic_write(&p, &mut failing).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left behind");
        atomic_write(&p, &mut |w: &mut dyn Write| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }
}
