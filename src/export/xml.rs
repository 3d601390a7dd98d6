//! Small helpers over quick-xml shared by the GraphML and GEXF writers:
//! every attribute value goes through quick-xml's escaping after
//! [`xml_safe`] removed what XML 1.0 cannot carry.

use super::xml_safe;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::Writer;
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

fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    // room for the attributes up front: pushed one by one into a borrowed
    // name, the buffer would be copied and regrown for each
    let room: usize = attrs.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let mut buf = String::with_capacity(name.len() + room + room / 8);
    buf.push_str(name);
    let mut el = BytesStart::from_content(buf, name.len());
    for (k, v) in attrs {
        el.push_attribute((*k, xml_safe(v).as_ref()));
    }
    el
}

pub fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Start(element(name, attrs)))
        .map_err(xml_err)
}

pub fn end(w: &mut W, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(xml_err)
}

pub fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Empty(element(name, attrs)))
        .map_err(xml_err)
}
