//! Counts, numbers and days as text, written onto a byte buffer exactly as
//! their `Display` writes them, without going through `format!` (the
//! exports write several per node and edge).

use chrono::NaiveDate;
use std::io::Write;

/// Bytes checked at once by [`any_byte`].
const CHUNK: usize = 16;

/// Whether any byte of `bytes` is one `is` picks. Checked in fixed-size
/// chunks by a fold without early exit, which compiles to vector compares
/// when `is` is a plain comparison (`|`, not `||` or `matches!`): the
/// exports ask this of nearly every text they write, and nearly all
/// answers are no.
#[inline]
pub fn any_byte(bytes: &[u8], is: impl Fn(u8) -> bool + Copy) -> bool {
    let chunks = bytes.chunks_exact(CHUNK);
    let tail = chunks.remainder();
    for chunk in chunks {
        if chunk.iter().fold(false, |found, &b| found | is(b)) {
            return true;
        }
    }
    tail.iter().any(|&b| is(b))
}

/// `n` in decimal onto `buf`.
pub fn push_count(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[start..]);
}

/// `n` as `format!("{:.1}", n as f64)` writes it (`3.0`), onto `buf`.
pub fn push_count_as_f64(buf: &mut Vec<u8>, n: usize) {
    // below 2^53 every count is exact as f64 and prints as its digits
    if n < 1 << 53 {
        push_count(buf, n);
        buf.extend_from_slice(b".0");
    } else {
        // writing into a Vec cannot fail
        let _ = write!(buf, "{:.1}", n as f64);
    }
}

/// `v` as its `Display` writes it, onto `buf`.
pub fn push_f64(buf: &mut Vec<u8>, v: f64) {
    // writing into a Vec cannot fail
    let _ = write!(buf, "{v}");
}

/// A day as chrono's `Display` writes it (`2017-04-12`), onto `buf`.
pub fn push_day(buf: &mut Vec<u8>, day: NaiveDate) {
    match crate::model::iso_day(day) {
        Some(bytes) => buf.extend_from_slice(&bytes),
        // signed and wider years are rare enough for the general path;
        // writing into a Vec cannot fail
        None => {
            let _ = write!(buf, "{day}");
        }
    }
}

/// [`push_day`] onto a `String` (labels are text, not bytes).
pub fn push_day_str(out: &mut String, day: NaiveDate) {
    let bytes = crate::model::iso_day(day);
    match bytes.as_ref().map(|b| std::str::from_utf8(b)) {
        Some(Ok(text)) => out.push_str(text),
        // writing into a String cannot fail
        _ => {
            use std::fmt::Write as _;
            let _ = write!(out, "{day}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_days_print_as_display_does() {
        let mut buf = Vec::new();
        for n in [0, 7, 10, 12345, usize::MAX] {
            buf.clear();
            push_count(&mut buf, n);
            assert_eq!(buf, n.to_string().as_bytes());
            buf.clear();
            push_count_as_f64(&mut buf, n);
            assert_eq!(buf, format!("{:.1}", n as f64).as_bytes());
        }
        for (y, m, d) in [
            (2017, 4, 12),
            (1, 1, 1),
            (0, 12, 31),
            (9999, 2, 3),
            (-44, 3, 15),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            buf.clear();
            push_day(&mut buf, day);
            assert_eq!(buf, day.to_string().as_bytes());
            let mut text = String::from("x");
            push_day_str(&mut text, day);
            assert_eq!(text, format!("x{day}"));
        }
        let day = NaiveDate::from_ymd_opt(12345, 6, 7).unwrap();
        buf.clear();
        push_day(&mut buf, day);
        assert_eq!(buf, day.to_string().as_bytes());
    }
}
