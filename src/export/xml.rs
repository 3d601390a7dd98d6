//! Small helpers over quick-xml shared by the GraphML and GEXF writers:
//! every attribute value goes through quick-xml's escaping after
//! [`xml_safe`] removed what XML 1.0 cannot carry.

use super::xml_safe;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::Writer;
use std::cell::RefCell;
use std::io::{self, BufWriter, Write};

/// The XML writers' output, buffered here so that quick-xml's many small
/// writes are not each a call through `dyn Write`.
pub type W<'a> = Writer<BufWriter<&'a mut dyn Write>>;

/// A writer over `out`, indented as every XML export is.
pub fn writer(out: &mut dyn Write) -> W<'_> {
    Writer::new_with_indent(BufWriter::with_capacity(1 << 16, out), b' ', 1)
}

/// End the document with a newline and flush it into `out`.
pub fn finish(w: W) -> io::Result<()> {
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    out.flush()
}

pub fn xml_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

thread_local! {
    /// The start tag being written, reused for every element: built afresh,
    /// each tag was an allocation of its own. Each file is written on its
    /// own thread, so one per thread is one per writer.
    static TAG: RefCell<BytesStart<'static>> = RefCell::new(BytesStart::new(""));
}

/// Write the start tag (`Start`) or empty element (`Empty`) `name` with
/// `attrs`, each value escaped by quick-xml after [`xml_safe`].
fn write_tag(w: &mut W, empty: bool, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    TAG.with_borrow_mut(|tag| {
        tag.clear_attributes();
        tag.set_name(name.as_bytes());
        for (k, v) in attrs {
            tag.push_attribute((*k, xml_safe(v).as_ref()));
        }
        let event = if empty {
            Event::Empty(tag.borrow())
        } else {
            Event::Start(tag.borrow())
        };
        w.write_event(event).map_err(xml_err)
    })
}

pub fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    write_tag(w, false, name, attrs)
}

pub fn end(w: &mut W, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(xml_err)
}

pub fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    write_tag(w, true, name, attrs)
}
