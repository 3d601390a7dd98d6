//! The bytes of a JSONL input, read in large blocks and handed out line by
//! line in place, so that a line is not copied out of the buffer before it
//! is parsed.
//!
//! A line is what `BufRead::read_until(b'\n')` would give: up to and
//! including its newline, or the rest of the input for a last line without
//! one. The buffer holds at least the line being read, and grows only for
//! a line longer than it.

use std::io::{self, Read};

/// Bytes read per call to the source, and the buffer's starting size.
const BLOCK: usize = 256 * 1024;

pub struct LineBuffer {
    source: Box<dyn Read + Send>,
    /// `buf[start..end]` has been read and not yet consumed.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// How many pending bytes are known to hold no newline, so that
    /// looking for the end of a long line does not start over on each
    /// read.
    searched: usize,
    eof: bool,
}

impl LineBuffer {
    pub fn new(source: Box<dyn Read + Send>) -> LineBuffer {
        LineBuffer {
            source,
            buf: Vec::new(),
            start: 0,
            end: 0,
            searched: 0,
            eof: false,
        }
    }

    /// An input that is already in memory (stdin, read whole to see what
    /// it is): its bytes are the buffer.
    pub fn from_bytes(bytes: Vec<u8>) -> LineBuffer {
        LineBuffer {
            source: Box::new(io::empty()),
            end: bytes.len(),
            buf: bytes,
            start: 0,
            searched: 0,
            eof: true,
        }
    }

    /// The bytes read and not yet consumed.
    pub fn pending(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Has the source no more to give than what is pending?
    pub fn at_eof(&self) -> bool {
        self.eof
    }

    /// Drop the first `n` pending bytes (a line that has been read).
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
        self.searched = 0;
    }

    /// Drop everything pending: after a read error, the part of a line
    /// read so far is lost, as with `read_until`.
    pub fn discard_pending(&mut self) {
        self.start = self.end;
        self.searched = 0;
    }

    /// Read more of the source after what is pending, until the buffer is
    /// full or the source ends (then [`LineBuffer::at_eof`] is true). Room
    /// is made first: the pending bytes move to the front, and the buffer
    /// doubles only if they fill it, so that a reader which starts a long
    /// line over after each fill sees it at least twice as long each time.
    pub fn fill(&mut self) -> io::Result<()> {
        if self.eof {
            return Ok(());
        }
        self.make_room();
        let before = self.end;
        while self.end < self.buf.len() {
            match self.source.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // what was read is kept; a lasting error comes back on the
                // next fill
                Err(_) if self.end > before => break,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    fn make_room(&mut self) {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let grown = (self.buf.len() * 2).max(BLOCK);
            self.buf.resize(grown, 0);
        }
    }

    /// Make sure a whole line is pending and give its length: up to and
    /// including the first newline, or everything pending at the end of
    /// the input (0 when nothing is left).
    pub fn line_len(&mut self) -> io::Result<usize> {
        loop {
            let pending = &self.buf[self.start..self.end];
            if let Some(i) = pending[self.searched..].iter().position(|&b| b == b'\n') {
                return Ok(self.searched + i + 1);
            }
            self.searched = pending.len();
            if self.eof {
                return Ok(pending.len());
            }
            self.fill()?;
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A source that hands out at most `step` bytes per read, as a pipe
    /// may, to test lines that straddle reads.
    pub(crate) struct Trickle {
        pub bytes: Vec<u8>,
        pub at: usize,
        pub step: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.bytes.len() - self.at);
            out[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn lines_of(mut buffer: LineBuffer) -> Vec<Vec<u8>> {
        let mut lines = Vec::new();
        loop {
            let n = buffer.line_len().unwrap();
            if n == 0 {
                return lines;
            }
            lines.push(buffer.pending()[..n].to_vec());
            buffer.consume(n);
        }
    }

    fn lines_by_read_until(bytes: &[u8]) -> Vec<Vec<u8>> {
        use std::io::BufRead;
        let mut reader = io::BufReader::new(bytes);
        let mut lines = Vec::new();
        loop {
            let mut line = Vec::new();
            if reader.read_until(b'\n', &mut line).unwrap() == 0 {
                return lines;
            }
            lines.push(line);
        }
    }

    #[test]
    fn lines_are_those_read_until_gives_whatever_the_read_sizes() {
        let long = "x".repeat(3 * BLOCK + 17);
        let inputs = [
            String::new(),
            "\n".into(),
            "a\nb".into(),
            "a\r\n\n\nb\n".into(),
            format!("{long}\nshort\n{long}"),
        ];
        for input in &inputs {
            let want = lines_by_read_until(input.as_bytes());
            for step in [1, 7, 4096, BLOCK, usize::MAX] {
                if step < 4096 && input.len() > 4096 {
                    continue;
                }
                let source = Trickle {
                    bytes: input.clone().into_bytes(),
                    at: 0,
                    step,
                };
                let got = lines_of(LineBuffer::new(Box::new(source)));
                assert!(got == want, "step {step}, input of {} bytes", input.len());
            }
            let got = lines_of(LineBuffer::from_bytes(input.clone().into_bytes()));
            assert!(got == want, "in memory, input of {} bytes", input.len());
        }
    }
}
