//! Properties of the console's parser: it never panics and every error it gives names a place
//! inside the line; and every command, written back as canonical text, parses to itself (the
//! round trip), for commands generated at random over the whole language.

use proptest::prelude::*;
use vmcfsim::parser::verbs::{self, Opt};
use vmcfsim::parser::*;
use vmcfsim::{Emsg, Subfunction, Userid, ebcdic};

/// The highest address a hexloc can name (16M).
const LAST: u32 = 0xFF_FFFF;

/// The command with the positions of its operands cleared: they are where the operands were
/// in one spelling, not what the command means; so is a message's room on CP's line.
fn meaning(command: &Command) -> Command {
    let mut c = command.clone();
    match &mut c {
        Command::Display(requests) => requests.iter_mut().for_each(|r| r.span = 0..0),
        Command::Force(_, s) => *s = 0..0,
        Command::Warning { span, room, .. } => (*span, *room) = (0..0, 0),
        Command::Smsg { room, .. } | Command::Msg { room, .. } => *room = 0,
        Command::Store {
            hexloc, odd_digit, ..
        } => {
            // As typed: `L1003` and `L1000` store a word at the same place.
            *hexloc = (0, 0..0);
            if let Some(s) = odd_digit {
                *s = 0..0;
            }
        }
        Command::Vmcf(v) => {
            if let Some((_, s)) = &mut v.data {
                *s = 0..0;
            }
            if let Some((_, _, s)) = &mut v.reply_buf {
                *s = 0..0;
            }
        }
        _ => {}
    }
    c
}

/// Checks the parser's answer to `line`: no panic, and an error names a place in the line on
/// character boundaries (the caret is drawn there). Returns the parsed line, if accepted.
fn parse_checked(line: &str) -> Result<Line, TestCaseError> {
    let parsed = parse(line);
    for (span, _) in &parsed.marks {
        prop_assert!(
            span.start <= span.end && span.end <= line.len(),
            "mark {span:?}"
        );
    }
    match parsed.result {
        Ok(l) => Ok(l),
        Err(e) => {
            let span = e.span.clone();
            prop_assert!(span.is_some(), "{line:?}: {e:?} names no place");
            let span = span.unwrap();
            prop_assert!(
                span.start <= span.end && span.end <= line.len(),
                "{line:?}: {e:?} outside the line"
            );
            prop_assert!(line.is_char_boundary(span.start) && line.is_char_boundary(span.end));
            Err(TestCaseError::reject("refused"))
        }
    }
}

// ---- any input ----

/// Words of the language, near misses and awkward characters, so that random lines reach every
/// operand's error, not only the first word's.
const WORDS: &[&str] = &[
    "VMCF",
    "SEND",
    "SENDRECV",
    "SEND/RECV",
    "SENDX",
    "RECEIVE",
    "REPLY",
    "REJECT",
    "CANCEL",
    "AUTH",
    "UNAUTH",
    "QUIESCE",
    "RESUME",
    "IDENT",
    "A",
    "B",
    "A:",
    "b:",
    "*",
    "MID",
    "0",
    "1",
    "4294967296",
    "X'00'",
    "X'",
    "x'FFFFFFFFF'",
    "'",
    "'hi'",
    "''''",
    "'a b'",
    "DATA",
    "ADDR",
    "LEN",
    "AT",
    "INTO",
    "USE",
    "PRIO",
    "SMSG",
    "SPEC",
    "BUF",
    "REPLYBUF",
    "L0",
    "LFFFFFF",
    "L1000000",
    "DEF",
    "STOR",
    "4K",
    "17M",
    "0K",
    "D",
    "T0.40",
    "L10-0",
    "L.",
    "T-END",
    "ST",
    "S1000",
    "C1C2C",
    "DIAG",
    "68",
    "69",
    "LOGON",
    "LOG",
    "ENABLE",
    "DISABLE",
    "Q",
    "V",
    "SET",
    "MSG",
    "ON",
    "OFF",
    "HELP",
    "QUIT",
    "\t",
    "é",
    "€",
    "\u{85}",
    "\u{7f}",
    ":",
    "::",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any text at all: unicode, control characters, blanks.
    #[test]
    fn any_text_gets_a_command_or_an_error_in_the_line(line in "\\PC{0,80}|.{0,80}") {
        let _ = parse_checked(&line);
    }

    /// Lines of the language's own words, where the errors are deep in the operands.
    #[test]
    fn word_soup_gets_a_command_or_an_error_in_the_line(
        words in prop::collection::vec(prop::sample::select(WORDS), 0..10),
        glue in prop::sample::select(&[" ", "  ", "", "\t"][..]),
    ) {
        let line = words.join(glue);
        if let Ok(l) = parse_checked(&line) {
            // What the parser accepted it can write back.
            round_trip(&l)?;
        }
    }
}

// ---- round trip ----

/// Canonical text of `l` parses to the same command (and prefix), and is a fixed point.
fn round_trip(l: &Line) -> Result<(), TestCaseError> {
    let text = l.to_string();
    let back = match parse(&text).result {
        Ok(back) => back,
        Err(e) => return Err(TestCaseError::fail(format!("{text:?} is refused: {e:?}"))),
    };
    prop_assert_eq!(meaning(&back.command), meaning(&l.command), "{:?}", text);
    prop_assert_eq!(
        back.prefix.as_ref().map(|p| p.0),
        l.prefix.as_ref().map(|p| p.0)
    );
    prop_assert_eq!(back.to_string(), text);
    Ok(())
}

fn userid() -> impl Strategy<Value = Userid> {
    "[A-Z0-9@#$]{1,8}".prop_map(|s| Userid::parse(&s).expect("valid characters"))
}

/// EBCDIC text that can be typed: every byte whose character is not a control character (a
/// tab is a blank).
fn typed_ebcdic(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let typable = |b: &u8| {
        let c = ebcdic::to_char(*b);
        c == '\t' || !c.is_control()
    };
    prop::collection::vec(any::<u8>().prop_filter("typable", typable), 0..max)
}

fn address() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..=0x3_0000, Just(LAST), 0u32..=LAST]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![1 => Just(Target::Me), 4 => userid().prop_map(Target::User)]
}

fn query() -> impl Strategy<Value = Query> {
    prop_oneof![
        Just(Query::Names),
        Just(Query::Users),
        Just(Query::Set),
        Just(Query::Time),
        Just(Query::Storage),
        // A userid that is a QUERY word asks that question instead, as in CP.
        userid()
            .prop_filter("not a QUERY word", |u| verbs::query_word(&u.to_string())
                .is_none())
            .prop_map(Query::User),
    ]
}

fn display_request() -> impl Strategy<Value = DisplayRequest> {
    (any::<bool>(), 0u32..=LAST, 0..4, 1u32..=LAST).prop_map(|(translate, first, form, n)| {
        let (last, single) = match form {
            0 => (None, true),
            1 => (None, false),
            // A range up to an address, or a count that may run past 16M.
            2 => (Some(first.max(n)), false),
            _ => (Some(first + (n - 1)), false),
        };
        DisplayRequest {
            translate,
            first,
            last,
            single,
            span: 0..0,
        }
    })
}

fn store() -> impl Strategy<Value = Command> {
    let item = prop_oneof![
        prop::collection::vec(any::<u8>(), 4).prop_map(StoreItem::Word),
        prop::collection::vec(any::<u8>(), 8).prop_map(StoreItem::Word),
        prop::collection::vec(any::<u8>(), 0..12).prop_map(StoreItem::Bytes),
    ];
    let words = (address(), prop::collection::vec(item, 1..5)).prop_map(|(a, items)| {
        // CP stores words on fullwords: a command whose first item is a word has its address
        // rounded already.
        let address = if matches!(items[0], StoreItem::Word(_)) {
            a & !3
        } else {
            a
        };
        Command::Store {
            address,
            hexloc: (a, 0..0),
            items,
            odd_digit: None,
        }
    });
    // `Shexloc` with an odd number of digits: the last is not stored.
    let odd = (address(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(address, b)| {
        Command::Store {
            address,
            hexloc: (address, 0..0),
            items: vec![StoreItem::Bytes(b)],
            odd_digit: Some(0..0),
        }
    });
    prop_oneof![4 => words, 1 => odd]
}

/// A VMCF command with any of its subfunction's options, as the verbs table allows them.
fn vmcf() -> impl Strategy<Value = VmcfCommand> {
    let subs: Vec<Subfunction> = verbs::SUBFUNCTIONS.iter().map(|d| d.sub).collect();
    (
        prop::sample::select(subs),
        userid(),
        any::<[bool; 12]>(),
        any::<[u32; 4]>(),
        (address(), address(), address()),
        (typed_ebcdic(20), any::<[u8; 8]>(), any::<bool>()),
    )
        .prop_map(
            |(sub, partner, pick, n, (a1, a2, a3), (bytes, use_dw, flip))| {
                let def = verbs::sub_def(sub);
                let has = |o: Opt| def.options.contains(&o);
                let mut v = VmcfCommand {
                    sub: Some(sub),
                    partner: def.partner.map(|_| partner),
                    ..VmcfCommand::default()
                };
                if has(Opt::Specific) && pick[0] {
                    v.specific = true;
                    v.partner = Some(partner);
                }
                v.priority = has(Opt::Priority) && pick[1];
                v.smsg = has(Opt::Smsg) && pick[2];
                v.buf = (has(Opt::Buf) && pick[3]).then_some(n[0]);
                v.at = (has(Opt::At) && pick[4]).then_some(a1);
                v.mid = (def.needs_mid || (has(Opt::Mid) && pick[5])).then_some(n[1]);
                // DATA and ADDR exclude each other; LEN is ADDR's, or RECEIVE's buffer length.
                if has(Opt::Data) && pick[6] {
                    let at = pick[7].then_some(a2);
                    v.data = Some((Data::Literal { bytes, at }, 0..0));
                } else if has(Opt::Addr) && pick[6] {
                    v.data = Some((
                        Data::Addr {
                            address: a2,
                            len: n[2],
                        },
                        0..0,
                    ));
                }
                if sub == Subfunction::Receive && pick[8] {
                    v.len = Some(n[2]);
                }
                if has(Opt::ReplyBuf) && pick[9] {
                    v.reply_buf = Some((n[3], flip.then_some(a3), 0..0));
                }
                v.into = (has(Opt::Into) && pick[10]).then_some(a3);
                v.use_dw = (has(Opt::Use) && pick[11]).then_some(use_dw);
                v
            },
        )
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => Just(Command::Comment),
        1 => userid().prop_map(Command::Logon),
        1 => Just(Command::Logoff),
        1 => (target(), typed_ebcdic(129)).prop_map(|(to, text)| Command::Smsg { to, text, room: 0 }),
        1 => (target(), typed_ebcdic(100))
            .prop_map(|(to, t)| Command::Msg { to, text: ebcdic::decode(&t), room: 0 }),
        1 => any::<bool>().prop_map(Command::SetMsg),
        1 => any::<bool>().prop_map(Command::SetSmsg),
        1 => any::<bool>().prop_map(Command::SetWng),
        1 => any::<bool>().prop_map(Command::SetImsg),
        1 => prop_oneof![Just(Emsg::On), Just(Emsg::Off), Just(Emsg::Code), Just(Emsg::Text)]
            .prop_map(Command::SetEmsg),
        1 => Just(Command::Disconn),
        1 => userid().prop_map(|u| Command::Force(u, 0..0)),
        1 => (userid(), typed_ebcdic(100)).prop_map(|(to, t)| Command::Warning {
            to,
            span: 0..0,
            text: ebcdic::decode(&t),
            room: 0,
        }),
        1 => any::<bool>().prop_map(|clear| Command::System { clear }),
        1 => (userid(), any::<bool>())
            .prop_map(|(u, clear)| Command::Ipl { device: u.to_string(), clear }),
        1 => query().prop_map(Command::Query),
        1 => (1u32..=4096).prop_map(|k| Command::DefineStorage(k * 4096)),
        1 => prop::collection::vec(display_request(), 1..4).prop_map(Command::Display),
        1 => store(),
        4 => vmcf().prop_map(Command::Vmcf),
        1 => (0u32..=LAST).prop_map(Command::Diag68),
        1 => Just(Command::Enable),
        1 => Just(Command::Disable),
        // Only topics HELP has: the parser refuses the others (tested in console_errors).
        1 => help_topic().prop_map(Command::Help),
        1 => Just(Command::Quit),
        1 => Just(Command::Shutdown),
    ]
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        1 => Just(Line {
            prefix: None,
            verb_span: 0..0,
            command: Command::Empty
        }),
        8 => (prop::option::of(userid()), command()).prop_map(|(prefix, command)| Line {
            prefix: prefix.map(|u| (u, 0..0)),
            verb_span: 0..0,
            command,
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Command → canonical text → the same command.
    #[test]
    fn every_command_survives_the_round_trip(l in line()) {
        round_trip(&l)?;
    }
}

/// Each spelling the manual allows comes back in the one canonical form.
#[test]
fn canonical_text_is_one_spelling() {
    for (typed, canonical) in [
        ("q nam", "QUERY NAMES"),
        ("q n", "QUERY N"),
        ("q v stor", "QUERY STORAGE"),
        ("a:log", "A: LOGOFF"),
        ("def stor 1m", "DEFINE STORAGE 1024K"),
        ("d t", "DISPLAY T0-END"),
        ("d lFFFFF0.100", "DISPLAY LFFFFF0.100"),
        ("d l10:1f 20", "DISPLAY L10-1F L20"),
        ("st l1003 1 'A'", "STORE L1000 00000001 X'C1'"),
        ("st s1001 abc", "STORE S1001 AB0"),
        ("diag x'68' 800", "DIAGNOSE 68 L800"),
        ("sm * two  blanks ", "SMSG * two  blanks "),
        (
            "vmcf auth spec b prio buf x'a9' at l2000",
            "VMCF AUTHORIZE SPECIFIC B PRIORITY BUF 169 AT L2000",
        ),
        (
            "vmcf send/recv b use 'ab' replybuf 9 at l3000 data 'hi' prio",
            "VMCF SENDRECV B PRIORITY DATA X'8889' REPLYBUF 9 AT L3000 USE X'8182404040404040'",
        ),
        ("vmcf rec a len 5 mid 1", "VMCF RECEIVE A MID 1 LEN 5"),
        (
            "vmcf reply a mid 2 len 3 addr l40",
            "VMCF REPLY A MID 2 ADDR L40 LEN 3",
        ),
    ] {
        let l = parse(typed)
            .result
            .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert_eq!(l.to_string(), canonical, "{typed}");
    }
}

/// A topic HELP has: none, a command, or VMCF and a subfunction.
fn help_topic() -> impl Strategy<Value = Vec<String>> {
    use vmcfsim::parser::verbs::{SUBFUNCTIONS, VERBS};
    let verbs: Vec<String> = VERBS.iter().map(|v| v.name().to_string()).collect();
    let subs: Vec<String> = SUBFUNCTIONS
        .iter()
        .map(|s| s.names[0].name.to_string())
        .collect();
    prop_oneof![
        Just(Vec::new()),
        prop::sample::select(verbs).prop_map(|v| vec![v]),
        prop::sample::select(subs).prop_map(|s| vec!["VMCF".to_string(), s]),
    ]
}
