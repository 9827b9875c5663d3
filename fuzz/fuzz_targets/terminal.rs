//! Arbitrary bytes from a network client, in reads of arbitrary sizes, into one terminal
//! connection (telnet negotiation, then 3270 records or line-mode lines). Nothing may panic;
//! every line taken is at most `INPUT_MAX` bytes; the screen's model stays inside its size; and
//! the output the server would send is valid telnet (an IAC is always followed by a command).
//! The first byte chooses the path: odd drives a 3270 (negotiated first), even a raw client.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::terminal::{Connection, INPUT_MAX, Input, code::*};

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else {
        return;
    };
    let mut c = Connection::new();
    let mut inputs = Vec::new();
    if how & 1 == 1 {
        let mut hello = vec![IAC, WILL, TTYPE, IAC, SB, TTYPE, IS];
        hello.extend_from_slice(if how & 2 == 2 { b"IBM-3278-5" } else { b"IBM-3279-2-E" });
        hello.extend_from_slice(&[IAC, SE, IAC, DO, OPT_EOR, IAC, WILL, OPT_EOR]);
        hello.extend_from_slice(&[IAC, DO, BINARY, IAC, WILL, BINARY]);
        c.receive(&hello, 0, &mut inputs);
        assert!(c.is_3270());
    }
    let step = usize::from(how >> 2).max(1);
    let mut now = 0;
    for chunk in rest.chunks(step) {
        now += 1000;
        c.receive(chunk, now, &mut inputs);
        for i in inputs.drain(..) {
            if let Input::Line(l) = &i {
                assert!(l.len() <= INPUT_MAX * 3, "a line of {} bytes", l.len());
                // What the console does with a line: show output for it.
                c.show(l, now);
            }
        }
        c.tick(now);
        let out = c.take_output();
        let mut i = 0;
        while i < out.len() {
            if out[i] == IAC {
                assert!(i + 1 < out.len(), "a lone IAC at the end of the output");
                // IAC WILL/WONT/DO/DONT takes an option byte, which may be anything.
                if matches!(out[i + 1], WILL | WONT | DO | DONT) {
                    assert!(i + 2 < out.len(), "an option verb without its option");
                    i += 1;
                }
                i += 1;
            }
            i += 1;
        }
    }
    c.timeout(&mut inputs);
    c.show("DMKCFC001E ?CP: X", now);
    let _ = c.take_output();
});
