//! Arbitrary bytes split into lines and fed to a console session with three users logged on,
//! each line's outcome rendered as text and as JSON, and each line offered to Tab completion
//! first, as the REPL would, at its end and in its middle. No line may panic (in the parser,
//! the engine, a renderer or completion), the session must keep answering, and CP's limits must hold after
//! every line: at most 50 messages in transit from any VM, and every VM's pending-interrupt
//! queue within its limit.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vmcfsim::{
    FixedClock, SMSG_PENDING_MAX, Session, TextOptions, complete, render_json, render_text,
};

/// The set-up every input starts from: three users, two of them authorized, as a script would.
const SETUP: [&str; 5] = [
    "LOGON A",
    "VMCF AUTHORIZE SMSG BUF 169",
    "LOGON B",
    "VMCF AUTHORIZE",
    "LOGON C",
];

fuzz_target!(|data: &[u8]| {
    let mut session = Session::new(Box::new(FixedClock::standard()));
    let mut text = String::new();
    let mut json = String::new();
    for (i, line) in SETUP.iter().enumerate() {
        assert!(session.feed(i + 1, line.as_bytes()).accepted(), "{line}");
    }
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        if let Ok(typed) = std::str::from_utf8(line) {
            // The REPL completes at the cursor, which is always on a character boundary.
            let mid = (0..=typed.len() / 2)
                .rev()
                .find(|&p| typed.is_char_boundary(p))
                .unwrap_or(0);
            for pos in [typed.len(), mid] {
                // The REPL replaces `typed[start..pos]` with the chosen word.
                let (start, words) = complete(&session, typed, pos);
                assert!(
                    start <= pos && typed.is_char_boundary(start),
                    "{start} for {pos}"
                );
                assert!(words.iter().all(|w| !w.is_empty()), "{words:?}");
            }
        }
        let outcome = session.feed(SETUP.len() + i + 1, line);
        text.clear();
        json.clear();
        render_text(
            &outcome,
            &TextOptions {
                echo: true,
                source: Some("f.cp"),
                // Every width, narrow ones too: HELP and error excerpts are fitted to it.
                width: Some(i % 100),
            },
            &mut text,
        );
        render_json(&outcome, &mut json);
        for l in json.lines() {
            assert!(
                serde_json::from_str::<serde_json::Value>(l).is_ok(),
                "not JSON: {l}"
            );
        }
        let quit = outcome.quit();
        let cp = session.cp();
        for u in cp.users() {
            let vm = cp.vm(u).expect("a listed user is logged on");
            assert!(
                vm.messages_in_transit() <= 50,
                "{u}: {}",
                vm.messages_in_transit()
            );
            assert!(
                vm.pending_smsgs() <= SMSG_PENDING_MAX,
                "{u}: {}",
                vm.pending_smsgs()
            );
        }
        if quit {
            break;
        }
    }
});
