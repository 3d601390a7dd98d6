// Unicode properties of one character, as the tokenizer asks them. This
// file is also included by `build.rs`, which tabulates the characters
// below TABLE_END at compile time: building the table at run time
// searched the standard library's tables 50,000 times, a tenth of the
// work of loading the lexicon, in every process.

/// Latin, Greek, Cyrillic, Arabic, Indic scripts and punctuation: the
/// characters news text uses, tabulated; the rest are looked up directly.
pub const TABLE_END: u32 = 0x3000;
pub const ALPHA: u8 = 1;
pub const NUMERIC: u8 = 2;
pub const SPACE: u8 = 4;
pub const UPPER: u8 = 8;

/// The property bits of `c`, from the standard library's tables.
pub fn props_uncached(c: char) -> u8 {
    (c.is_alphabetic() as u8 * ALPHA)
        | (c.is_numeric() as u8 * NUMERIC)
        | (c.is_whitespace() as u8 * SPACE)
        | (c.is_uppercase() as u8 * UPPER)
}
