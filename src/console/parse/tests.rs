//! The parser's unit tests: commands, abbreviations and errors, read one line at a time.

use super::*;
use crate::console::command::*;
use crate::console::messages::{ConsoleError, Reason};
use crate::console::verbs::{self, Opt, Verb};
use crate::cp::Emsg;
use crate::ebcdic;
use crate::vmcf::{Subfunction, Userid};

fn ok(line: &str) -> Line {
    match parse(line).result {
        Ok(l) => l,
        Err(e) => panic!("{line:?}: {} {} ({:?})", e.id(), e.text(), e.reason),
    }
}

fn cmd(line: &str) -> Command {
    ok(line).command
}

fn err(line: &str) -> ConsoleError {
    match parse(line).result {
        Ok(l) => panic!("{line:?} parsed: {l:?}"),
        Err(e) => e,
    }
}

fn full(line: &str) -> String {
    let e = err(line);
    format!("{} {}", e.id(), e.text())
}

fn u(s: &str) -> Userid {
    Userid::parse(s).unwrap()
}

#[test]
fn blank_lines_and_comments() {
    assert_eq!(cmd(""), Command::Empty);
    assert_eq!(cmd("   \t "), Command::Empty);
    assert_eq!(cmd("* a comment 'with quote"), Command::Comment);
    assert_eq!(cmd("  *indented"), Command::Comment);
    let l = ok("B: * remark");
    assert_eq!(
        (l.prefix.map(|p| p.0), l.command),
        (Some(u("B")), Command::Comment)
    );
}

#[test]
fn every_verb_parses() {
    assert_eq!(cmd("LOGON a"), Command::Logon(u("A")));
    assert_eq!(cmd("login b"), Command::Logon(u("B")));
    assert_eq!(cmd("LOGOFF"), Command::Logoff);
    assert_eq!(cmd("logout"), Command::Logoff);
    assert_eq!(
        cmd("SMSG b hello"),
        Command::Smsg {
            to: Target::User(u("B")),
            text: ebcdic::encode("hello").unwrap(),
            room: 134 - "SMSG b ".len()
        }
    );
    assert_eq!(
        cmd("MSG * Hi  There "),
        Command::Msg {
            to: Target::Me,
            text: "Hi  There ".into(),
            room: 134 - "MSG * ".len()
        }
    );
    assert_eq!(cmd("SET SMSG ON"), Command::SetSmsg(true));
    assert_eq!(cmd("set msg off"), Command::SetMsg(false));
    assert_eq!(cmd("Q NAMES"), Command::Query(Query::Names));
    assert_eq!(cmd("Q USERS"), Command::Query(Query::Users));
    assert_eq!(cmd("Q SET"), Command::Query(Query::Set));
    assert_eq!(cmd("Q T"), Command::Query(Query::Time));
    assert_eq!(cmd("Q STOR"), Command::Query(Query::Storage));
    assert_eq!(cmd("Q V STOR"), Command::Query(Query::Storage));
    assert_eq!(cmd("Q bob"), Command::Query(Query::User(u("BOB"))));
    assert_eq!(cmd("DEF STOR 64K"), Command::DefineStorage(64 << 10));
    assert_eq!(cmd("define storage 2M"), Command::DefineStorage(2 << 20));
    assert!(matches!(cmd("D T200.20"), Command::Display(_)));
    assert!(matches!(cmd("ST L800 1"), Command::Store { .. }));
    assert!(matches!(cmd("VMCF QUIESCE"), Command::Vmcf(_)));
    assert_eq!(cmd("DIAG 68 L800"), Command::Diag68(0x800));
    assert_eq!(cmd("diagnose X'68' X'1000'"), Command::Diag68(0x1000));
    assert_eq!(cmd("ENABLE"), Command::Enable);
    assert_eq!(cmd("DISABLE"), Command::Disable);
    assert_eq!(
        cmd("HELP vmcf send"),
        Command::Help(vec!["VMCF".into(), "SEND".into()])
    );
    assert_eq!(cmd("QUIT"), Command::Quit);
}

#[test]
fn abbreviation_boundaries() {
    // (shortest accepted, one shorter refused)
    for (good, bad) in [
        ("Q NAMES", "QX NAMES"),
        ("D L0", "DX L0"),
        ("SM A x", "S A x"),
        ("ST L0 0", "S L0 0"),
        ("DEF STOR 4K", "DE STOR 4K"),
        ("DIAG 68 L0", "DIA 68 L0"),
        ("ENA", "EN"),
        ("LOGI A", "LOGIX A"),
    ] {
        assert!(parse(good).result.is_ok(), "{good}");
        assert_eq!(err(bad).msg.number(), 1, "{bad}");
    }
    // One short of DISABLE is DISPLAY, which wants an operand.
    assert_eq!(cmd("DISA"), Command::Disable);
    assert_eq!(err("DIS").msg.number(), 26);
    assert!(parse("DEF STOR 4K").result.is_ok());
    assert_eq!(full("DEF STO 4K"), "DMKDEF002E INVALID OPERAND - STO");
    assert_eq!(cmd("Q NAM"), Command::Query(Query::Names));
    // `Q NA` is a userid NA, as CP took unknown QUERY words.
    assert_eq!(cmd("Q NA"), Command::Query(Query::User(u("NA"))));
    for (good, bad) in [
        ("VMCF AUTH", "VMCF AUT"),
        ("VMCF UNAUTH", "VMCF UNAUT"),
        ("VMCF SENDR B", "VMCF SEN B"),
        ("VMCF REC B MID 1", "VMCF RE B MID 1"),
        ("VMCF REJ B MID 1", "VMCF REPL B MID 1"),
        ("VMCF CAN B MID 1", "VMCF CA B MID 1"),
        ("VMCF QUI", "VMCF QU"),
        ("VMCF RES", "VMCF R"),
        ("VMCF IDENT B", "VMCF IDEN B"),
        ("VMCF SEND B PRIO", "VMCF SEND B PRI"),
        ("VMCF AUTH SPEC B", "VMCF AUTH SPE B"),
    ] {
        assert!(parse(good).result.is_ok(), "{good}");
        assert!(parse(bad).result.is_err(), "{bad}");
    }
}

/// Operands that make a minimal valid line for each verb.
fn sample_operands(v: Verb) -> &'static str {
    match v {
        Verb::Logon => "X",
        Verb::Smsg | Verb::Msg => "A hi",
        Verb::Set => "MSG ON",
        Verb::Query => "NAMES",
        Verb::Define => "STOR 4K",
        Verb::Display => "L0",
        Verb::Store => "L0 0",
        Verb::Vmcf => "QUIESCE",
        Verb::Diag => "68 L0",
        Verb::Force => "B",
        Verb::Warning => "B hi",
        Verb::System => "RESET",
        Verb::Ipl => "190",
        _ => "",
    }
}

#[test]
fn every_spelling_of_every_verb_at_its_boundary() {
    let mut taken = Vec::new();
    for def in verbs::VERBS {
        if def.verb.front_end_only() {
            // The REPL takes DIAGRAM before the console sees it; the console says so.
            let e = parse("DIAGRAM x.svg").result.unwrap_err();
            assert_eq!(e.reason, Some(Reason::DiagramInReplOnly));
            assert!(e.reason.unwrap().to_string().contains("REPL"));
            continue;
        }
        let ops = sample_operands(def.verb);
        for k in def.names {
            for len in k.min..=k.name.len() {
                let word = &k.name[..len];
                // Where two commands share a spelling, the table's order decides.
                if verbs::verb(word).map(|d| d.verb) != Some(def.verb) {
                    taken.push(word);
                    continue;
                }
                let line = format!("{} {ops}", word.to_ascii_lowercase());
                assert_eq!(cmd(&line).verb(), Some(def.verb), "{line}");
            }
            if k.min > 1 {
                let line = format!("{} {ops}", &k.name[..k.min - 1]);
                let other = parse(&line).result.ok().and_then(|l| l.command.verb());
                assert_ne!(other, Some(def.verb), "{line} is one short of {}", k.name);
            }
        }
    }
    // As in CP, LOG (and LOGO) is LOGOFF, not LOGON.
    assert_eq!(taken, ["LOG", "LOGO"]);
}

#[test]
fn every_subfunction_and_option_at_its_boundary() {
    for s in verbs::SUBFUNCTIONS {
        let partner = if s.partner.is_some() { " B" } else { "" };
        let mid = if s.needs_mid { " MID 1" } else { "" };
        for k in s.names {
            let line = format!("VMCF {}{partner}{mid}", &k.name[..k.min]);
            let Command::Vmcf(v) = cmd(&line) else {
                panic!("{line}")
            };
            assert_eq!(v.sub, Some(s.sub), "{line}");
            let short = format!("VMCF {}{partner}{mid}", &k.name[..k.min - 1]);
            let other = parse(&short).result.ok().and_then(|l| match l.command {
                Command::Vmcf(v) => v.sub,
                _ => None,
            });
            assert_ne!(other, Some(s.sub), "{short}");
        }
        for o in s.options {
            let d = verbs::opt_def(*o);
            let operand = match d.operand {
                "" => "",
                "userid" => " C",
                "Lhex" => " L100",
                "'text'|X'hex'" | "X'hex'|'text'" => " X'01'",
                _ => " 5",
            };
            // LEN belongs to ADDR except on RECEIVE; MID may already be there.
            let extra = match (*o, s.sub) {
                (Opt::Len, Subfunction::Receive) => "",
                (Opt::Len, _) => " ADDR L0",
                (Opt::Addr, _) => " LEN 1",
                _ => "",
            };
            let base = if *o == Opt::Mid { "" } else { mid };
            let k = d.keyword;
            for word in [&k.name[..k.min], k.name] {
                let line = format!(
                    "VMCF {}{partner}{base} {word}{operand}{extra}",
                    s.names[0].name
                );
                assert!(
                    parse(&line).result.is_ok(),
                    "{line}: {:?}",
                    parse(&line).result
                );
            }
            let short = format!(
                "VMCF {}{partner}{base} {}{operand}{extra}",
                s.names[0].name,
                &k.name[..k.min - 1]
            );
            assert!(parse(&short).result.is_err(), "{short}");
        }
    }
}

#[test]
fn prefix_runs_as_another_user() {
    let l = ok("b: smsg a hi");
    assert_eq!(l.prefix.as_ref().map(|p| p.0), Some(u("B")));
    assert!(matches!(l.command, Command::Smsg { .. }));
    let l = ok("B:Q SET");
    assert_eq!(l.prefix.map(|p| p.0), Some(u("B")));
    assert_eq!(
        full("TOOLONGID: Q SET"),
        "DMKCFC020E USERID MISSING OR INVALID"
    );
    assert_eq!(full("B:"), "DMKCFC026E OPERAND MISSING OR INVALID");
}

#[test]
fn smsg_text_is_the_rest_of_the_line() {
    let Command::Smsg { text, .. } = cmd("SMSG B  two  blanks ") else {
        panic!()
    };
    assert_eq!(ebcdic::decode(&text), " two  blanks ");
    let Command::Smsg { text, .. } = cmd("SM B") else {
        panic!()
    };
    assert!(text.is_empty());
    assert_eq!(full("SMSG"), "DMKMSG020E USERID MISSING OR INVALID");
    assert_eq!(
        full("SMSG ABCDEFGHI x"),
        "DMKMSG020E USERID MISSING OR INVALID"
    );
    assert_eq!(full("MSG A-B x"), "DMKMSG020E USERID MISSING OR INVALID");
    assert_eq!(full("SMSG B price €5"), "DMKMSG002E INVALID OPERAND - €");
}

#[test]
fn quoted_text_and_escapes() {
    let Command::Vmcf(v) = cmd("VMCF SEND B DATA 'it''s' USE 'ab'") else {
        panic!()
    };
    let Some((Data::Literal { bytes, at: None }, _)) = v.data else {
        panic!()
    };
    assert_eq!(ebcdic::decode(&bytes), "it's");
    assert_eq!(v.use_dw, Some(*b"\x81\x82\x40\x40\x40\x40\x40\x40"));
    let e = err("VMCF SEND B DATA 'open");
    assert_eq!(e.msg.number(), 2);
    assert_eq!(e.span, Some(17..22));
    assert_eq!(
        full("VMCF SEND B DATA 'a'b"),
        "DMKVMC002E INVALID OPERAND - 'a'b"
    );
    let Command::Vmcf(v) = cmd("VMCF SEND B DATA ''''") else {
        panic!()
    };
    assert!(matches!(v.data, Some((Data::Literal { ref bytes, .. }, _)) if bytes == &[0x7D]));
}

#[test]
fn hex_and_numbers() {
    let Command::Vmcf(v) = cmd("VMCF SENDX B MID X'0A' DATA X'c1C2' USE X'1'") else {
        panic!()
    };
    assert_eq!(v.mid, Some(10));
    assert!(matches!(v.data, Some((Data::Literal { ref bytes, .. }, _)) if bytes == &[0xC1, 0xC2]));
    assert_eq!(v.use_dw, Some([0, 0, 0, 0, 0, 0, 0, 1]));
    assert_eq!(
        full("VMCF SEND B DATA X'ABC'"),
        "DMKVMC005E INVALID HEXDATA - X'ABC'"
    );
    assert_eq!(
        full("VMCF SEND B DATA X'ABC"),
        "DMKVMC005E INVALID HEXDATA - X'ABC"
    );
    assert_eq!(
        full("VMCF SEND B DATA X'GG'"),
        "DMKVMC005E INVALID HEXDATA - X'GG'"
    );
    assert_eq!(
        full("VMCF SEND B MID 4294967296"),
        "DMKVMC002E INVALID OPERAND - 4294967296"
    );
    assert_eq!(
        full("VMCF SEND B MID X'123456789'"),
        "DMKVMC002E INVALID OPERAND - X'123456789'"
    );
    assert_eq!(
        full("VMCF SEND B USE X'11223344556677889'"),
        "DMKVMC002E INVALID OPERAND - X'11223344556677889'"
    );
    assert_eq!(
        full("VMCF SEND B USE 'NINECHARS'"),
        "DMKVMC002E INVALID OPERAND - 'NINECHARS'"
    );
}

#[test]
fn addresses_stop_at_16m() {
    assert_eq!(cmd("DIAG 68 LFFFFF8"), Command::Diag68(0xFF_FFF8));
    assert_eq!(cmd("DIAG 68 L00000800"), Command::Diag68(0x800));
    assert_eq!(
        full("DIAG 68 L1000000"),
        "DMKHVC004E INVALID HEXLOC - L1000000"
    );
    assert_eq!(
        full("VMCF AUTH AT L1000000"),
        "DMKVMC004E INVALID HEXLOC - L1000000"
    );
    assert_eq!(
        full("VMCF AUTH AT 1000"),
        "DMKVMC004E INVALID HEXLOC - 1000"
    );
    assert_eq!(full("D T1000000"), "DMKCDB004E INVALID HEXLOC - T1000000");
    assert_eq!(
        full("ST LFFFFFFFFFFFFFFFFFFFF 0"),
        "DMKCDS004E INVALID HEXLOC - LFFFFFFFFFFFFFFFFFFFF"
    );
}

#[test]
fn vmcf_options() {
    let Command::Vmcf(v) = cmd("vmcf auth prio smsg buf 209 at l2000 spec b") else {
        panic!()
    };
    assert_eq!(v.sub, Some(Subfunction::Authorize));
    assert!(v.priority && v.smsg && v.specific);
    assert_eq!(
        (v.buf, v.at, v.partner),
        (Some(209), Some(0x2000), Some(u("B")))
    );
    let Command::Vmcf(v) = cmd("VMCF SENDRECV B REPLYBUF 100 AT L3000 DATA 'q' AT L2000 MID 9")
    else {
        panic!()
    };
    assert_eq!(
        v.reply_buf.as_ref().map(|r| (r.0, r.1)),
        Some((100, Some(0x3000)))
    );
    assert!(matches!(
        v.data,
        Some((
            Data::Literal {
                at: Some(0x2000),
                ..
            },
            _
        ))
    ));
    let Command::Vmcf(v) = cmd("VMCF SEND/RECV B ADDR L2000 LEN 5") else {
        panic!()
    };
    assert_eq!(
        v.data.map(|d| d.0),
        Some(Data::Addr {
            address: 0x2000,
            len: 5
        })
    );
    let Command::Vmcf(v) = cmd("VMCF RECEIVE A MID 1 INTO L5000 LEN 20 USE X'FF'") else {
        panic!()
    };
    assert_eq!((v.into, v.len, v.mid), (Some(0x5000), Some(20), Some(1)));
    assert!(matches!(
        cmd("VMCF REPLY A MID 1 DATA X''"),
        Command::Vmcf(_)
    ));
    assert!(matches!(
        cmd("VMCF REJECT A MID 1 USE X'04'"),
        Command::Vmcf(_)
    ));
    assert!(matches!(cmd("VMCF CANCEL B MID 1"), Command::Vmcf(_)));
    assert!(matches!(
        cmd("VMCF IDENTIFY B USE 'READY' MID 3 PRIO"),
        Command::Vmcf(_)
    ));
    assert!(matches!(cmd("VMCF UNAUTHORIZE"), Command::Vmcf(_)));
    assert!(matches!(cmd("VMCF RESUME"), Command::Vmcf(_)));
}

#[test]
fn bad_vmcf_operands() {
    assert_eq!(full("VMCF"), "DMKVMC026E OPERAND MISSING OR INVALID");
    assert_eq!(full("VMCF FROB"), "DMKVMC002E INVALID OPERAND - FROB");
    assert_eq!(full("VMCF SEND"), "DMKVMC020E USERID MISSING OR INVALID");
    assert_eq!(
        full("VMCF SEND B PRIORTY"),
        "DMKVMC003E INVALID OPTION - PRIORTY"
    );
    assert_eq!(
        full("VMCF SEND B MID 1 MID 2"),
        "DMKVMC003E INVALID OPTION - MID"
    );
    assert_eq!(
        full("VMCF SEND B PRIO PRIORITY"),
        "DMKVMC003E INVALID OPTION - PRIORITY"
    );
    assert_eq!(
        full("VMCF SEND B BUF 40"),
        "DMKVMC003E INVALID OPTION - BUF"
    );
    assert_eq!(full("VMCF SEND B AT L0"), "DMKVMC003E INVALID OPTION - AT");
    assert_eq!(
        full("VMCF SEND B DATA 'a' ADDR L0 LEN 1"),
        "DMKVMC003E INVALID OPTION - ADDR"
    );
    assert_eq!(
        full("VMCF SEND B ADDR L0"),
        "DMKVMC026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(full("VMCF SEND B LEN 5"), "DMKVMC003E INVALID OPTION - LEN");
    assert_eq!(
        full("VMCF SEND B MID"),
        "DMKVMC026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(
        full("VMCF SEND B DATA"),
        "DMKVMC026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(
        full("VMCF SEND B DATA hello"),
        "DMKVMC002E INVALID OPERAND - hello"
    );
    assert_eq!(
        full("VMCF RECEIVE B"),
        "DMKVMC026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(
        full("VMCF AUTH SPEC"),
        "DMKVMC020E USERID MISSING OR INVALID"
    );
    assert_eq!(full("VMCF QUIESCE NOW"), "DMKVMC003E INVALID OPTION - NOW");
    let e = err("VMCF SEND B MID 1 MID 2");
    assert_eq!(
        (e.span, e.reason.map(|r| r.to_string())),
        (Some(18..21), Some("given twice".to_string()))
    );
    // USE says what DATA, STORE and SMSG say of a character code page 037 lacks.
    for line in ["VMCF SEND B MID 1 USE '€'", "VMCF SEND B MID 1 DATA '€'"] {
        assert_eq!(err(line).reason, Some(Reason::NoEbcdic('€')), "{line}");
    }
}

#[test]
fn other_bad_input() {
    assert_eq!(full("FROB"), "DMKCFC001E ?CP: FROB");
    assert_eq!(full("'quoted'"), "DMKCFC001E ?CP: 'QUOTED'");
    assert_eq!(full("LOGON"), "DMKLOG020E USERID MISSING OR INVALID");
    assert_eq!(
        full("LOGON ABCDEFGHI"),
        "DMKLOG020E USERID MISSING OR INVALID"
    );
    assert_eq!(full("LOGON A$#@1 PW"), "DMKLOG002E INVALID OPERAND - PW");
    assert_eq!(full("LOGOFF HOLD"), "DMKLOG002E INVALID OPERAND - HOLD");
    assert_eq!(full("SET"), "DMKCFS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("SET RUN ON"), "DMKCFS002E INVALID OPERAND - RUN");
    // The settings of issue 13, with every wrong value.
    assert_eq!(full("SET WNG"), "DMKCFS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("SET WNG CODE"), "DMKCFS002E INVALID OPERAND - CODE");
    assert_eq!(full("SET WNG ON X"), "DMKCFS002E INVALID OPERAND - X");
    assert_eq!(full("SET IMSG TEXT"), "DMKCFS002E INVALID OPERAND - TEXT");
    assert_eq!(full("SET IMSG"), "DMKCFS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("SET EMSG"), "DMKCFS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("SET EMSG YES"), "DMKCFS002E INVALID OPERAND - YES");
    assert_eq!(
        full("SET EMSG CODE TEXT"),
        "DMKCFS002E INVALID OPERAND - TEXT"
    );
    assert_eq!(full("SET EMSG 'ON'"), "DMKCFS002E INVALID OPERAND - 'ON'");
    assert_eq!(cmd("set emsg code"), Command::SetEmsg(Emsg::Code));
    assert_eq!(cmd("SET EMSG TEXT"), Command::SetEmsg(Emsg::Text));
    assert_eq!(cmd("SET EMSG OFF"), Command::SetEmsg(Emsg::Off));
    assert_eq!(cmd("SET WNG OFF"), Command::SetWng(false));
    assert_eq!(cmd("SET IMSG OFF"), Command::SetImsg(false));
    assert_eq!(full("DISC NOW"), "DMKUSO002E INVALID OPERAND - NOW");
    assert_eq!(full("DISC HOLD X"), "DMKUSO002E INVALID OPERAND - X");
    assert_eq!(cmd("DISC HOLD"), Command::Disconn);
    assert_eq!(full("FORCE"), "DMKCFC020E USERID MISSING OR INVALID");
    assert_eq!(full("FORCE *"), "DMKCFC020E USERID MISSING OR INVALID");
    assert_eq!(full("FORCE B NOW"), "DMKCFC002E INVALID OPERAND - NOW");
    assert_eq!(full("FORC B"), "DMKCFC001E ?CP: FORC");
    assert_eq!(full("WARNING"), "DMKMSG020E USERID MISSING OR INVALID");
    assert_eq!(full("W * hi"), "DMKMSG020E USERID MISSING OR INVALID");
    assert_eq!(
        full("W ABCDEFGHI hi"),
        "DMKMSG020E USERID MISSING OR INVALID"
    );
    assert_eq!(full("SYSTEM"), "DMKCFG026E OPERAND MISSING OR INVALID");
    assert_eq!(full("SYS RESTART"), "DMKCFG002E INVALID OPERAND - RESTART");
    assert_eq!(full("SYS RESET NOW"), "DMKCFG002E INVALID OPERAND - NOW");
    assert_eq!(cmd("sys clear"), Command::System { clear: true });
    assert_eq!(full("IPL"), "DMKCFG026E OPERAND MISSING OR INVALID");
    assert_eq!(
        full("IPL ABCDEFGHI"),
        "DMKCFG026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(full("IPL 'CMS'"), "DMKCFG026E OPERAND MISSING OR INVALID");
    assert_eq!(full("IPL 190 NOW"), "DMKCFG003E INVALID OPTION - NOW");
    assert_eq!(
        full("IPL 190 PARM"),
        "DMKCFG026E OPERAND MISSING OR INVALID"
    );
    assert_eq!(
        full("IPL CMS CLEAR CLEAR"),
        "DMKCFG003E INVALID OPTION - CLEAR"
    );
    assert_eq!(
        cmd("ipl cms cl parm AUTOCR"),
        Command::Ipl {
            device: "CMS".into(),
            clear: true
        }
    );
    assert_eq!(full("SET SMSG MAYBE"), "DMKCFS002E INVALID OPERAND - MAYBE");
    assert_eq!(full("Q"), "DMKCQG026E OPERAND MISSING OR INVALID");
    assert_eq!(full("Q NAMES X"), "DMKCQG002E INVALID OPERAND - X");
    assert_eq!(full("Q A-B"), "DMKCQG002E INVALID OPERAND - A-B");
    assert_eq!(full("DEFINE"), "DMKDEF026E OPERAND MISSING OR INVALID");
    assert_eq!(full("DEF CPU"), "DMKDEF002E INVALID OPERAND - CPU");
    assert_eq!(full("DEF STOR"), "DMKDEH025E STORAGE MISSING OR INVALID");
    assert_eq!(
        full("DEF STOR 17M"),
        "DMKDEH025E STORAGE MISSING OR INVALID"
    );
    assert_eq!(full("DEF STOR 6K"), "DMKDEH025E STORAGE MISSING OR INVALID");
    assert_eq!(full("DEF STOR 0K"), "DMKDEH025E STORAGE MISSING OR INVALID");
    assert_eq!(
        full("DEF STOR 1024"),
        "DMKDEH025E STORAGE MISSING OR INVALID"
    );
    assert_eq!(full("D"), "DMKCDB026E OPERAND MISSING OR INVALID");
    assert_eq!(full("D G1"), "DMKCDB002E INVALID OPERAND - G1");
    assert_eq!(full("D T300-200"), "DMKCDB009E INVALID RANGE - T300-200");
    assert_eq!(full("D L0.0"), "DMKCDB009E INVALID RANGE - L0.0");
    assert_eq!(full("D LZZ"), "DMKCDB004E INVALID HEXLOC - LZZ");
    assert_eq!(full("ST"), "DMKCDS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("ST L800"), "DMKCDS026E OPERAND MISSING OR INVALID");
    assert_eq!(full("ST L800 XYZ"), "DMKCDS005E INVALID HEXDATA - XYZ");
    assert_eq!(
        full("ST L800 11223344556677889"),
        "DMKCDS005E INVALID HEXDATA - 11223344556677889"
    );
    assert_eq!(full("ST S800 A"), "DMKCDS005E INVALID HEXDATA - A");
    assert_eq!(full("DIAG 8 L0"), "DMKHVC002E INVALID OPERAND - 8");
    assert_eq!(full("DIAG"), "DMKHVC026E OPERAND MISSING OR INVALID");
    assert_eq!(full("DIAG 68"), "DMKHVC026E OPERAND MISSING OR INVALID");
    assert_eq!(full("QUIT NOW"), "DMKCFC002E INVALID OPERAND - NOW");
}

#[test]
fn control_characters_are_refused_where_they_are() {
    let e = err("SMSG B a\u{7}b");
    assert_eq!(
        format!("{} {}", e.id(), e.text()),
        "DMKCFC002E INVALID OPERAND - X'07'"
    );
    assert_eq!(e.span, Some(8..9));
    assert!(parse("Q\tNAMES").result.is_ok(), "a tab is a blank");
}

#[test]
fn multibyte_characters_anywhere() {
    // A line starting with a character of more than one byte once panicked (X' check).
    assert_eq!(full("€"), "DMKCFC001E ?CP: €");
    assert_eq!(full("é'x'"), "DMKCFC001E ?CP: é'X'");
    assert_eq!(full("VMCF SEND B DATA €"), "DMKVMC002E INVALID OPERAND - €");
    assert_eq!(full("D €"), "DMKCDB004E INVALID HEXLOC - €");
    assert_eq!(full("ST €"), "DMKCDS004E INVALID HEXLOC - €");
    assert_eq!(full("DEF STOR €"), "DMKDEH025E STORAGE MISSING OR INVALID");
    assert_eq!(full("Q €"), "DMKCQG002E INVALID OPERAND - €");
}

#[test]
fn long_lines_are_fine() {
    let long = format!("SMSG B {}", "x".repeat(10_000));
    assert!(parse(&long).result.is_ok());
    let long = format!("VMCF SEND B DATA X'{}'", "C1".repeat(5_000));
    assert!(parse(&long).result.is_ok());
    let e = err(&format!("FROB{}", "Z".repeat(10_000)));
    assert!(e.text().len() < 60, "messages cut long words");
}

#[test]
fn display_requests() {
    let Command::Display(r) = cmd("D T200.20 L0-END 10 L -8 T") else {
        panic!()
    };
    let got: Vec<_> = r
        .iter()
        .map(|r| (r.translate, r.first, r.last, r.single))
        .collect();
    assert_eq!(
        got,
        [
            (true, 0x200, Some(0x21F), false),
            (false, 0, None, false),
            (false, 0x10, None, true),
            (false, 0, None, false),
            (false, 0, Some(8), false),
            (true, 0, None, false),
        ]
    );
}

#[test]
fn store_operands() {
    assert_eq!(
        cmd("ST L803 1 123456789"),
        Command::Store {
            address: 0x800,
            hexloc: (0x803, 3..7),
            items: vec![
                StoreItem::Word(vec![0, 0, 0, 1]),
                StoreItem::Word(vec![0, 0, 0, 1, 0x23, 0x45, 0x67, 0x89])
            ],
            odd_digit: None
        }
    );
    assert_eq!(
        cmd("STORE L803 'Ab'"),
        Command::Store {
            address: 0x803,
            hexloc: (0x803, 6..10),
            items: vec![StoreItem::Bytes(vec![0xC1, 0x82])],
            odd_digit: None
        }
    );
    let Command::Store {
        items, odd_digit, ..
    } = cmd("ST S801 C1C2C")
    else {
        panic!()
    };
    assert_eq!(items, [StoreItem::Bytes(vec![0xC1, 0xC2])]);
    assert_eq!(odd_digit, Some(8..13));
}

#[test]
fn highlights_classify_the_words() {
    let p = parse("A: VMCF SEND B DATA 'hi' MID 3");
    let kinds: Vec<_> = p.marks.iter().map(|m| m.1).collect();
    use Highlight::*;
    assert_eq!(
        kinds,
        [
            Userid, Verb, Keyword, Userid, Keyword, Text, Keyword, Number
        ]
    );
    let p = parse("VMCF SEND B PRIORTY");
    assert_eq!(p.marks.last(), Some(&(12..19, Error)));
}

#[test]
fn message_room_is_the_rest_of_cps_line() {
    // DECISION docs/decisions.md#d16: CP's line starts at the verb as typed; the console's
    // `userid:` prefix is not part of it.
    let room = |line: &str| match parse(line).result.unwrap().command {
        Command::Smsg { room, .. } | Command::Msg { room, .. } | Command::Warning { room, .. } => {
            room
        }
        c => panic!("{line}: {c:?}"),
    };
    assert_eq!(room("SM A hi"), CP_LINE - "SM A ".len());
    assert_eq!(room("SMSG LONGUSER hi"), 120);
    assert_eq!(room("B:  SMSG LONGUSER hi"), 120);
    assert_eq!(room("MSG * hi"), 128);
    assert_eq!(room("WARNING A hi"), 124);
    // Blanks typed between the verb and the userid were on CP's line too.
    assert_eq!(room("MSG   A x"), 126);
    assert_eq!(room("A:MSG A x"), 128);
    // Nothing after the userid leaves all of the rest.
    assert_eq!(room("SM A"), CP_LINE - "SM A".len());
}
