//! Finding the stop bytes of JSON strings: quotes, backslashes and
//! control characters, the only bytes a string's reader must look at; the
//! runs between them are passed over (or copied) whole.
//!
//! Article text is most of every JSONL byte, so this is where the reader
//! spends its time. Bytes are looked at 64 at a time, in a form the
//! compiler turns into vector compares (SSE2 on x86-64), and a block's
//! stops are kept as a bit mask, so that the next stop in the same block
//! (the quote closing a short string, the next key, the second `\n` of a
//! paragraph break) costs a few instructions rather than another look.

const BLOCK: usize = 64;

/// Zero for a byte that ends a plain run (`"`, `\\` or below 0x20),
/// non-zero for any other. Written with `min` and a saturating subtraction
/// rather than `||` so that it is the same few vector operations on every
/// byte of a block.
#[inline(always)]
fn plain(b: u8) -> u8 {
    (b ^ b'"').min(b ^ b'\\').min(b.saturating_sub(0x1F))
}

/// Does a block hold a stop? The test every block gets, so it is kept to
/// the least work: the four 16-byte quarters folded into one by `min`,
/// then one compare (written with indices, the form the compiler
/// vectorizes). Making the bit mask of every block instead costs more,
/// though in text most blocks hold a stop.
#[inline(always)]
fn has_stop(block: &[u8; BLOCK]) -> bool {
    let mut zero = [0u8; 16];
    for (i, z) in zero.iter_mut().enumerate() {
        let least = plain(block[i])
            .min(plain(block[i + 16]))
            .min(plain(block[i + 32]))
            .min(plain(block[i + 48]));
        *z = u8::from(least == 0);
    }
    u128::from_le_bytes(zero) != 0
}

/// The stops of a block as bits (bit i for byte i).
fn stop_mask(block: &[u8; BLOCK]) -> u64 {
    let mut stops = [0u8; BLOCK];
    for (s, &b) in stops.iter_mut().zip(block) {
        *s = u8::from(plain(b) == 0);
    }
    let (words, _) = stops.as_chunks::<8>();
    words.iter().enumerate().fold(0, |mask, (i, w)| {
        // each byte is 0 or 1; the multiplication gathers the eight
        // low bits into the top byte, byte i to bit i, without carries
        let bits = u64::from_le_bytes(*w).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask | bits << (8 * i)
    })
}

/// The stop bytes of one buffer, found in increasing order.
pub struct Stops<'a> {
    bytes: &'a [u8],
    /// The block last looked at: `bytes[at..end]`, its stops in `mask`
    /// (empty until a block with a stop is found).
    at: usize,
    end: usize,
    mask: u64,
}

impl<'a> Stops<'a> {
    pub fn new(bytes: &'a [u8]) -> Stops<'a> {
        Stops {
            bytes,
            at: 0,
            end: 0,
            mask: 0,
        }
    }

    /// Where the first stop at or after `from` is: the length of the
    /// buffer if there is none.
    pub fn next(&mut self, mut from: usize) -> usize {
        if (self.at..self.end).contains(&from) {
            let ahead = self.mask >> (from - self.at);
            if ahead != 0 {
                return from + ahead.trailing_zeros() as usize;
            }
            from = self.end;
        }
        let rest = self.bytes.get(from..).unwrap_or_default();
        let (blocks, tail) = rest.as_chunks::<BLOCK>();
        for (n, block) in blocks.iter().enumerate() {
            if has_stop(block) {
                let mask = stop_mask(block);
                self.at = from + n * BLOCK;
                self.end = self.at + BLOCK;
                self.mask = mask;
                return self.at + mask.trailing_zeros() as usize;
            }
        }
        let in_tail = tail.iter().position(|&b| plain(b) == 0);
        from + blocks.len() * BLOCK + in_tail.unwrap_or(tail.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plain_len_by_bytes(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(bytes.len())
    }

    fn plain_len(bytes: &[u8]) -> usize {
        Stops::new(bytes).next(0)
    }

    /// Every stop from each offset, asked in increasing order as a string's
    /// reader asks, against a byte-by-byte search.
    fn assert_stops_from_every_offset(bytes: &[u8], step: usize) {
        let mut stops = Stops::new(bytes);
        let mut from = 0;
        while from <= bytes.len() {
            let want = from + plain_len_by_bytes(&bytes[from..]);
            assert_eq!(stops.next(from), want, "from {from}");
            from += step;
        }
    }

    #[test]
    fn every_stop_byte_stops_and_no_other_does() {
        for b in 0..=255u8 {
            let stops = b == b'"' || b == b'\\' || b < 0x20;
            assert_eq!(plain(b) == 0, stops, "{b:#x}");
        }
    }

    #[test]
    fn stops_are_found_at_every_offset_of_a_block_and_the_tail() {
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 100, 130] {
            for at in 0..len {
                for stop in [b'"', b'\\', b'\n', 0u8, 0x1F] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = stop;
                    assert_eq!(plain_len(&bytes), at, "len {len} at {at} {stop:#x}");
                }
            }
            assert_eq!(plain_len(&vec![0xE2; len]), len);
        }
    }

    proptest! {
        #[test]
        fn plain_len_is_the_first_stop(bytes in proptest::collection::vec(
            prop_oneof![1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20, 60 => 0x20u8..=0xFF], 0..200)) {
            prop_assert_eq!(plain_len(&bytes), plain_len_by_bytes(&bytes));
        }

        #[test]
        fn stops_are_found_from_any_offset_in_order(bytes in proptest::collection::vec(
            prop_oneof![1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20, 12 => 0x20u8..=0xFF], 0..200),
            step in 1usize..40) {
            assert_stops_from_every_offset(&bytes, step);
        }
    }
}
