//! Arbitrary bytes as a script with expectation lines. Each `*=` line parses or gives an error
//! whose span lies inside the line on character boundaries; checking the whole script (replay,
//! JSON events read back, expectations held against them, storage read) never panics, and
//! every failure names a line of the script.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::check::{self, expect};

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count();
    for line in data.split(|&b| b == b'\n') {
        let Ok(text) = std::str::from_utf8(line) else {
            continue;
        };
        if !expect::is_expectation(line) {
            continue;
        }
        if let Err(e) = expect::parse(text) {
            assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{e:?}");
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    // A short preamble so that expectations have users and a command to apply to.
    let mut script = b"LOGON A\nVMCF AUTHORIZE\nLOGON B\nVMCF AUTHORIZE\n".to_vec();
    script.extend_from_slice(data);
    let report = check::script("f.cp", &script);
    for f in &report.failures {
        assert!(f.line >= 1 && f.line <= lines + 4, "{f:?}");
    }
});
