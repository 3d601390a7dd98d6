//! Finding the end of a plain run in a JSON string: the bytes up to the
//! next quote, backslash or control character, which a string's reader
//! can pass over (or copy) in one go.
//!
//! Article text is most of every JSONL byte, so this loop is where the
//! reader spends its time. It looks at 32 bytes per step in a form the
//! compiler turns into vector compares (SSE2 on x86-64): a flag per byte,
//! then the whole block tested at once.

/// Zero for a byte that ends a plain run (`"`, `\` or below 0x20),
/// non-zero for any other. Written with `min` and a saturating subtraction
/// rather than `||` so that it is the same few vector operations on every
/// byte of a block.
#[inline(always)]
fn plain(b: u8) -> u8 {
    (b ^ b'"').min(b ^ b'\\').min(b.saturating_sub(0x1F))
}

/// Where in a 32-byte block the first stop byte is, if anywhere.
#[inline(always)]
fn first_stop_in(block: &[u8; 32]) -> Option<usize> {
    let mut stops = [0u8; 32];
    for (s, &b) in stops.iter_mut().zip(block) {
        *s = u8::from(plain(b) == 0).wrapping_neg();
    }
    let (low, high) = stops.split_at(16);
    let low = u128::from_le_bytes(low.try_into().ok()?);
    let high = u128::from_le_bytes(high.try_into().ok()?);
    if low | high == 0 {
        return None;
    }
    // the lowest set byte is the first stop, bytes being little-endian
    Some(if low != 0 {
        low.trailing_zeros() as usize / 8
    } else {
        16 + high.trailing_zeros() as usize / 8
    })
}

/// How many bytes at the start of `bytes` are neither `"`, `\` nor a
/// control character: the length of `bytes` if none is.
pub fn plain_len(bytes: &[u8]) -> usize {
    let (blocks, tail) = bytes.as_chunks::<32>();
    for (n, block) in blocks.iter().enumerate() {
        if let Some(i) = first_stop_in(block) {
            return n * 32 + i;
        }
    }
    let in_tail = tail.iter().position(|&b| plain(b) == 0);
    blocks.len() * 32 + in_tail.unwrap_or(tail.len())
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

    #[test]
    fn every_stop_byte_stops_and_no_other_does() {
        for b in 0..=255u8 {
            let stops = b == b'"' || b == b'\\' || b < 0x20;
            assert_eq!(plain(b) == 0, stops, "{b:#x}");
        }
    }

    #[test]
    fn stops_are_found_at_every_offset_of_a_block_and_the_tail() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
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
    }
}
