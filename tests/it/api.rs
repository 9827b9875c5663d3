//! The library's public surface: one path to each public type. The engine (`cp`), the facility's
//! data (`vmcf`) and the console are private modules whose types the crate root re-exports, so a
//! type is `vmcfsim::Cp`, never also `vmcfsim::cp::Cp`. Absence does not compile into a test, so
//! this one reads `src/lib.rs`: a `pub mod cp` coming back fails here. (A re-export of a private
//! module, `pub use cp as engine`, the compiler refuses already.)

use std::fs;
use std::path::Path;

/// The modules `lib.rs` declares with `prefix` (`pub mod `, `mod `), in order.
fn modules<'a>(lib: &'a str, prefix: &str) -> Vec<&'a str> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix(prefix))
        .map(|m| m.trim_end_matches([';', '{', ' ']))
        .collect()
}

#[test]
fn each_public_type_has_one_path() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs");
    // The program's own parts, one path each already; `parser` is the hidden one for the tests
    // and fuzz targets.
    assert_eq!(
        modules(&lib, "pub mod "),
        [
            "check",
            "diagram",
            "directory",
            "ebcdic",
            "terminal",
            "parser"
        ]
    );
    assert_eq!(modules(&lib, "mod "), ["console", "cp", "vmcf"]);
    assert!(
        lib.contains("#[doc(hidden)]\npub mod parser"),
        "the parser's tables are not the library's API"
    );
}
