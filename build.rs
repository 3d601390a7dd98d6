//! Tabulates the tokenizer's character properties (src/text/char_props.rs)
//! into OUT_DIR/char_props.bin, one byte per character below TABLE_END.

#[allow(dead_code)]
mod char_props {
    include!("src/text/char_props.rs");
}

fn main() {
    use char_props::{props_uncached, TABLE_END};
    println!("cargo::rerun-if-changed=src/text/char_props.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let table: Vec<u8> = (0..TABLE_END)
        .map(|u| char::from_u32(u).map_or(0, props_uncached))
        .collect();
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("char_props.bin"), table).expect("writing char_props.bin");
}
