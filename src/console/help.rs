//! HELP, written from the verb table: the command list, one command, one VMCF subfunction (what
//! it does, the VMCPARM fields it reads, its return codes, the rule newcomers trip on, the
//! manual section), one return code (`HELP RC n`) or data-transfer code (`HELP EFLG n`).
//! Nothing here names a command the table does not. [`wrap`] fits HELP's lines to a width the
//! front end chooses; a `\t` in a line marks where its continuation lines start.

use super::verbs::{self, SubDef, VerbDef};
use crate::vmcf::{ReturnCode, Subfunction, TransferError};
use std::fmt::Write;

/// A blank that [`wrap`] never breaks at (it writes it as a blank).
const NBSP: char = '\u{a0}';

/// HELP's text for a topic: none (the list), a command, `VMCF`, `VMCF subfunction`, a
/// subfunction alone, `RC n` or `EFLG n`. `None` if nothing has that name.
pub(crate) fn topic(words: &[&str]) -> Option<String> {
    let mut out = String::new();
    match words {
        [] => list(&mut out),
        [w] if verbs::HELP_RC.matches(w) => all_codes(&mut out, false),
        [w] if verbs::HELP_EFLG.matches(w) => all_codes(&mut out, true),
        [w, n] if verbs::HELP_RC.matches(w) => return_code(&mut out, n.parse().ok()?)?,
        [w, n] if verbs::HELP_EFLG.matches(w) => transfer_code(&mut out, n.parse().ok()?)?,
        [w] => match verbs::verb(w) {
            Some(v) => verb(&mut out, v),
            None => sub(&mut out, verbs::subfunction(w)?),
        },
        [v, s, ..] if verbs::verb(v).is_some_and(|d| d.verb == verbs::Verb::Vmcf) => {
            sub(&mut out, verbs::subfunction(s)?)
        }
        [w, ..] => verb(&mut out, verbs::verb(w)?),
    }
    Some(out)
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

fn list(out: &mut String) {
    line(
        out,
        "Commands (capitals: the shortest abbreviation; (vmcfsim): not a CP command; \
         (REPL): the interactive console's own):",
    );
    for v in verbs::VERBS {
        let names: Vec<String> = v.names.iter().map(|k| k.manual_form()).collect();
        let head = format!("{} {}", names.join("|"), v.syntax);
        let head = head.trim_end();
        if head.len() > 34 {
            // A long syntax gets a line of its own, the summary the next.
            line(out, &format!("  {head}"));
            line(out, &format!("{:37}\t{}", "", v.summary));
        } else {
            line(out, &format!("  {head:<34} \t{}", v.summary));
        }
    }
    line(
        out,
        "A line starting with * is a comment. userid: command runs one command as that user.",
    );
    line(
        out,
        "Privilege classes count only at vmcfsim serve's terminals with a directory: at the \
         console every user may issue every command.",
    );
    line(
        out,
        "HELP command, HELP VMCF, HELP VMCF subfunction, HELP RC n (a return code) and \
         HELP EFLG n (a VMCMEFLG code) tell more.",
    );
}

fn verb(out: &mut String, v: &VerbDef) {
    let names: Vec<String> = v.names.iter().map(|k| k.manual_form()).collect();
    line(
        out,
        format!("{} \t{}", names.join("|"), v.syntax).trim_end(),
    );
    line(out, &format!("  {}", v.summary));
    // The details are one paragraph, wrapped as a whole to the width.
    if !v.details.is_empty() {
        line(out, &format!("  {}", v.details.join(" ")));
    }
    if let Some(classes) = v.privilege {
        let classes: Vec<String> = classes.chars().map(String::from).collect();
        line(
            out,
            &format!(
                "  Privilege class {}: vmcfsim serve with a directory lets only such users issue \
                 it (to others it is an unknown command); the console lets every user.",
                classes.join(" or ")
            ),
        );
    }
    if v.verb == verbs::Verb::Vmcf {
        line(out, "Subfunctions (HELP VMCF subfunction for each):");
        for s in verbs::SUBFUNCTIONS {
            line(out, &format!("  {}", sub_syntax(s)));
        }
        line(out, "Options:");
        for o in verbs::OPTIONS {
            let head = format!("{} {}", o.keyword.manual_form(), o.operand);
            line(out, &format!("  {:<26} \t{}", head.trim_end(), o.summary));
        }
    }
}

/// `VMCF SEND sink [MID n] ...`, with a tab after the subfunction so that a wrapped line goes
/// on under its operands.
fn sub_syntax(s: &SubDef) -> String {
    let mut text = format!("VMCF {} \t", s.names[0].manual_form());
    let mut operands = Vec::new();
    if let Some(role) = s.partner {
        operands.push(role.to_string());
    }
    if s.needs_mid {
        operands.push(format!("MID{NBSP}n"));
    }
    for o in s.options {
        if s.needs_mid && *o == verbs::Opt::Mid {
            continue;
        }
        let d = verbs::opt_def(*o);
        // An option and its operand stay on one line.
        let opt = format!("{}{NBSP}{}", d.keyword.manual_form(), d.operand);
        operands.push(format!("[{}]", opt.trim_end_matches(NBSP)));
    }
    text.push_str(&operands.join(" "));
    text.trim_end().to_string()
}

fn sub(out: &mut String, s: &SubDef) {
    let lesson = lesson(s.sub);
    line(out, &sub_syntax(s));
    line(
        out,
        &format!(
            "  {} (VMCPFUNC X'{:04X}', {}): {}",
            s.sub.name(),
            s.sub.code(),
            s.sub.equate(),
            s.summary
        ),
    );
    line(out, &format!("  {}", lesson.does));
    // A required MID is in the syntax line; its option's summary (a default) does not apply.
    let options: Vec<_> = s
        .options
        .iter()
        .filter(|o| !(s.needs_mid && **o == verbs::Opt::Mid))
        .collect();
    if !options.is_empty() {
        line(out, "Options:");
        for o in options {
            let d = verbs::opt_def(*o);
            let head = format!("{} {}", d.keyword.manual_form(), d.operand);
            line(out, &format!("  {:<26} \t{}", head.trim_end(), d.summary));
        }
    }
    line(out, "Fields it reads (VMCPARM):");
    for (field, what) in lesson.reads {
        line(out, &format!("  {field:<18} \t{what}"));
    }
    line(out, "Return codes (HELP RC n explains one):");
    for (rc, when) in lesson.rcs {
        let meaning = ReturnCode::from_number(*rc).map_or("", |r| r.meaning());
        let mut l = format!("  RC {rc:<3} \t{meaning}");
        if !when.is_empty() {
            let _ = write!(l, ": {when}");
        }
        line(out, &l);
    }
    line(out, &format!("Watch out: \t{}", lesson.trap));
    line(out, &format!("Manual: {}", lesson.section));
}

/// What HELP teaches about a subfunction beyond its syntax.
struct Lesson {
    sub: Subfunction,
    /// What it does, in a few sentences.
    does: &'static str,
    /// The VMCPARM fields it reads and what each holds.
    reads: &'static [(&'static str, &'static str)],
    /// The return codes it can give, each with when (empty: the meaning says it all).
    rcs: &'static [(u8, &'static str)],
    /// The one rule a newcomer trips on.
    trap: &'static str,
    /// Its section of the manual in the repository (a citation the docs test resolves).
    section: &'static str,
}

const RC0_SEND: (u8, &str) = (0, "started; how it ended comes in the RESPONSE");
const RC1_DATA: (u8, &str) = (1, "the data is not inside storage");
const RC5_SINK: (u8, &str) = (
    5,
    "the sink is not logged on, not authorized, or SPECIFIC for another",
);
const RC8: (u8, &str) = (8, "this MID is already in transit to that sink");
const RC9: (u8, &str) = (9, "the sink has done QUIESCE");
const RC10: (u8, &str) = (10, "you have 50 messages in transit");
const RC18: (u8, &str) = (18, "PRIORITY, and the sink did not AUTHORIZE PRIORITY");
const RC15: (u8, &str) = (15, "never in vmcfsim (docs/decisions.md#d11)");
const RC6: (u8, &str) = (
    6,
    "never in vmcfsim: every VM runs in key 0 (docs/decisions.md#d11)",
);
const RC2: (u8, &str) = (2, "VMCPFUNC above X'000B' (only with DIAG 68)");
const RC4: (u8, &str) = (4, "no AUTHORIZE first");

const SEND_READS: &[(&str, &str)] = &[
    ("VMCPFLG1 X'40'", "PRIORITY"),
    (
        "VMCPMID",
        "your number for the message (the console's next, without MID)",
    ),
    ("VMCPUSER", "the sink"),
    ("VMCPVADA, VMCPLENA", "the data (DATA, or ADDR and LEN)"),
    ("VMCPUSE", "a doubleword for the sink (USE)"),
];

const LESSONS: &[Lesson] = &[
    Lesson {
        sub: Subfunction::Authorize,
        does: "Enables VMCF for this VM and names its external interrupt buffer, where CP \
               stores the 40-byte header of every X'4001' interrupt (and SENDX or SMSG data \
               after it). Every other subfunction needs it first; issued again, it replaces \
               the buffer and the options.",
        reads: &[
            ("VMCPFLG1", "X'80' SPECIFIC, X'40' PRIORITY, X'20' SMSG"),
            ("VMCPUSER", "the one partner, with SPECIFIC"),
            (
                "VMCPVADA",
                "the interrupt buffer (BUF ... AT; default X'1000')",
            ),
            ("VMCPLENA", "its length (BUF; default 40)"),
        ],
        rcs: &[
            (0, ""),
            (
                1,
                "the buffer is off a doubleword, outside storage, or shorter than 40",
            ),
            RC2,
            RC6,
            RC15,
        ],
        trap: "40 bytes hold a header only. A VM that takes SENDX data or SMSG needs 40 plus \
               the longest data: BUF 169 for SMSG's 129 characters.",
        section: "docs/vmcf.md#authorize",
    },
    Lesson {
        sub: Subfunction::Unauthorize,
        does: "Ends VMCF for this VM. Messages it sent are purged (a sink's later RECEIVE, \
               REPLY or REJECT of one gets RC 12); each source with a message still waiting \
               for it gets a RESPONSE with VMCMEFLG 5. LOGOFF and DEFINE STORAGE do the same.",
        reads: &[("VMCPFUNC", "nothing else")],
        rcs: &[(0, ""), RC2, RC4, RC15],
        trap: "Waiting messages are answered for you with VMCMEFLG 5. To handle them, QUIESCE \
               first, RECEIVE or REJECT each, then UNAUTHORIZE.",
        section: "docs/vmcf.md#unauthorize",
    },
    Lesson {
        sub: Subfunction::Send,
        does: "Starts a message: the sink gets a SEND interrupt giving your userid, the MID, \
               the length and your doubleword, then RECEIVEs the data (or REJECTs it), and you \
               get a RESPONSE interrupt saying how it ended.",
        reads: SEND_READS,
        rcs: &[
            RC0_SEND, RC1_DATA, RC2, RC4, RC5_SINK, RC8, RC9, RC10, RC15, RC18,
        ],
        trap: "RC 0 means started, not delivered: the data is copied only when the sink \
               RECEIVEs, so leave it in place until the RESPONSE, and read VMCMEFLG there.",
        section: "docs/vmcf.md#send",
    },
    Lesson {
        sub: Subfunction::SendRecv,
        does: "A SEND that asks for an answer: the sink may RECEIVE your data, then REPLYs \
               into your reply buffer (or REJECTs), and your RESPONSE tells how much came back.",
        reads: &[
            ("VMCPFLG1 X'40'", "PRIORITY"),
            (
                "VMCPMID",
                "your number for the message (the console's next, without MID)",
            ),
            ("VMCPUSER", "the sink"),
            ("VMCPVADA, VMCPLENA", "the data (DATA, or ADDR and LEN)"),
            (
                "VMCPVADB, VMCPLENB",
                "the reply buffer (REPLYBUF len [AT Lhex])",
            ),
            ("VMCPUSE", "a doubleword for the sink (USE)"),
        ],
        rcs: &[
            RC0_SEND, RC1_DATA, RC2, RC4, RC5_SINK, RC8, RC9, RC10, RC15, RC18,
        ],
        trap: "The RESPONSE's VMCMLENB is what is left of the reply buffer: the reply's length \
               is VMCPLENB minus VMCMLENB.",
        section: "docs/vmcf.md#sendrecv",
    },
    Lesson {
        sub: Subfunction::Sendx,
        does: "Sends data that travels with the interrupt: CP stores it in the sink's interrupt \
               buffer right after the 40-byte header, and you get your RESPONSE as soon as the \
               sink has the interrupt. The sink issues no RECEIVE.",
        reads: SEND_READS,
        rcs: &[
            RC0_SEND,
            RC1_DATA,
            RC2,
            RC4,
            RC5_SINK,
            (
                7,
                "the data is longer than the sink's interrupt buffer less 40",
            ),
            RC8,
            RC9,
            RC10,
            RC15,
            RC18,
        ],
        trap: "The sink's buffer (its AUTHORIZE BUF) must hold 40 plus the data: with the \
               default 40 bytes only an empty SENDX fits, and any data gets RC 7.",
        section: "docs/vmcf.md#sendx",
    },
    Lesson {
        sub: Subfunction::Receive,
        does: "Takes the data of a SEND or SEND/RECV into your receive buffer, naming the \
               message by its source and MID (from its SEND interrupt). A SEND is then \
               complete and its source gets the RESPONSE; a SEND/RECV waits for your REPLY.",
        reads: &[
            ("VMCPMID", "the message's MID"),
            ("VMCPUSER", "its source"),
            ("VMCPVADA, VMCPLENA", "the receive buffer (INTO, LEN)"),
            ("VMCPUSE", "a doubleword for the source's RESPONSE (USE)"),
        ],
        rcs: &[
            (0, ""),
            (1, "the receive buffer is not inside storage"),
            RC2,
            (3, "the SEND/RECV was RECEIVEd already (REPLY is next)"),
            RC4,
            (5, "the source is not logged on or not authorized any more"),
            RC6,
            (
                12,
                "no message from that source with that MID: ended, cancelled, never sent",
            ),
            (13, "its SEND interrupt has not been presented to you yet"),
            RC15,
            (
                16,
                "the buffer is shorter than the data: nothing moves, the message ends and \
                  the source gets VMCMEFLG 16",
            ),
            (17, "the buffer overlaps the data (a VM sending to itself)"),
        ],
        trap: "LEN defaults to the length the SEND interrupt announced (VMCMLENA), so \
               VMCF RECEIVE source MID n is enough; a shorter LEN is RC 16 and ends the message.",
        section: "docs/vmcf.md#receive",
    },
    Lesson {
        sub: Subfunction::Cancel,
        does: "Withdraws a message you sent (or an IDENTIFY still queued), named by its sink \
               and MID, before the sink has taken it. No RESPONSE follows.",
        reads: &[("VMCPMID", "the message's MID"), ("VMCPUSER", "its sink")],
        rcs: &[
            (0, ""),
            RC2,
            (3, "the message is not yours"),
            RC4,
            (
                11,
                "a SEND/RECV already RECEIVEd: only the REPLY is cancelled",
            ),
            (
                12,
                "no such message to that sink, or its RESPONSE was presented already",
            ),
            (
                14,
                "the sink has taken it (RECEIVE, REPLY, REJECT, or a SENDX or IDENTIFY \
                 presented) and its RESPONSE still waits for you",
            ),
            RC15,
        ],
        trap: "VMCPUSER names the sink, not you: a message is found by sink and MID.",
        section: "docs/vmcf.md#cancel",
    },
    Lesson {
        sub: Subfunction::Reply,
        does: "Answers a SEND/RECV: your data goes into the source's reply buffer and the \
               source gets its RESPONSE. A RECEIVE before it is optional; a REPLY without \
               data just ends the message.",
        reads: &[
            ("VMCPMID", "the message's MID"),
            ("VMCPUSER", "its source"),
            (
                "VMCPVADA, VMCPLENA",
                "the reply data (DATA, or ADDR and LEN)",
            ),
            ("VMCPUSE", "a doubleword for the source's RESPONSE (USE)"),
        ],
        rcs: &[
            (0, ""),
            (1, "the reply data is not inside storage"),
            RC2,
            (3, "the message is not a SEND/RECV"),
            RC4,
            (5, "the source is not logged on or not authorized any more"),
            RC6,
            (12, "no such message, or the source cancelled its REPLY"),
            (13, "its SEND interrupt has not been presented to you yet"),
            RC15,
            (
                16,
                "the reply is longer than the reply buffer: the source gets VMCMEFLG 16",
            ),
            (
                17,
                "the reply overlaps the reply buffer (a VM sending to itself)",
            ),
            (19, "never in vmcfsim (docs/decisions.md#d11)"),
        ],
        trap: "Only a SEND/RECV takes a REPLY: a plain SEND is answered by RECEIVE (REPLY to \
               it is RC 3).",
        section: "docs/vmcf.md#reply",
    },
    Lesson {
        sub: Subfunction::Quiesce,
        does: "Refuses new messages: SEND, SEND/RECV, SENDX and IDENTIFY to you get RC 9, and \
               SMSG NOT RECEIVING; QUIESCED. Messages already waiting can still be RECEIVEd, \
               REPLYed or REJECTed, and you can still send. RESUME ends it.",
        reads: &[("VMCPFUNC", "nothing else")],
        rcs: &[(0, "also when quiesced already"), RC2, RC4, RC15],
        trap: "QUIESCE stops new messages only: what is queued still arrives.",
        section: "docs/vmcf.md#quiesce",
    },
    Lesson {
        sub: Subfunction::Resume,
        does: "Ends QUIESCE: new messages are accepted again. Often followed by IDENTIFY, to \
               tell a partner you are back.",
        reads: &[("VMCPFUNC", "nothing else")],
        rcs: &[(0, "also when not quiesced"), RC2, RC4, RC15],
        trap: "Senders refused with RC 9 are not told you are back: IDENTIFY to them.",
        section: "docs/vmcf.md#resume",
    },
    Lesson {
        sub: Subfunction::Identify,
        does: "Queues one interrupt for the sink naming you (VMCMFUNC X'000A'), to say you are \
               ready or back. The sink does not answer it and you get no RESPONSE.",
        reads: &[
            ("VMCPFLG1 X'40'", "PRIORITY"),
            ("VMCPUSER", "the sink"),
            ("VMCPUSE", "a doubleword for the sink (USE)"),
            (
                "other fields",
                "free control data: MID, VADA, LENA, VADB, LENB pass as they are",
            ),
        ],
        rcs: &[(0, ""), RC2, RC4, RC5_SINK, RC9, RC10, RC15, RC18],
        trap: "Its header has VMCMRESP (X'80') on, though nothing is answered: tell it from a \
               RESPONSE by VMCMFUNC.",
        section: "docs/vmcf.md#identify",
    },
    Lesson {
        sub: Subfunction::Reject,
        does: "Refuses a SEND or SEND/RECV waiting for you: the message ends and its source \
               gets a RESPONSE with VMCMRJCT (X'40') on and your doubleword.",
        reads: &[
            ("VMCPMID", "the message's MID"),
            ("VMCPUSER", "its source"),
            (
                "VMCPUSE",
                "a doubleword for the source, e.g. a reason code (USE)",
            ),
        ],
        rcs: &[
            (0, ""),
            RC2,
            (3, "the message cannot be rejected (a SENDX)"),
            RC4,
            (12, "no such message"),
            (13, "its SEND interrupt has not been presented to you yet"),
            RC15,
        ],
        trap: "A SEND/RECV can be rejected before or after its RECEIVE, up to the REPLY; a \
               SEND once RECEIVEd is complete.",
        section: "docs/vmcf.md#reject",
    },
];

fn lesson(sub: Subfunction) -> &'static Lesson {
    LESSONS
        .iter()
        .find(|l| l.sub == sub)
        .expect("every subfunction has a lesson")
}

/// What a return code means, at more length than `ReturnCode::meaning`.
fn rc_explanation(rc: ReturnCode) -> &'static str {
    use ReturnCode::*;
    match rc {
        Ok => {
            "The call did what it asked. For SEND, SEND/RECV and SENDX it means only that \
               the message started: how it ended comes later, in VMCMEFLG of the RESPONSE."
        }
        InvalidBuffer => {
            "An address or length in the parameter list is no good: data or a \
                          buffer not inside the VM's storage, or an interrupt buffer off a \
                          doubleword or shorter than 40 bytes. Nothing happened."
        }
        InvalidSubfunction => {
            "VMCPFUNC is above X'000B'. Only DIAG 68 with a hand-made \
                               VMCPARM can do this; the VMCF command always stores a valid code."
        }
        ProtocolViolation => {
            "The call is out of turn for this message: CANCEL of a message \
                              you did not send, REPLY to anything but a SEND/RECV, or a second \
                              RECEIVE of one message."
        }
        NotAuthorized => {
            "This VM has not done AUTHORIZE (or has done UNAUTHORIZE, LOGOFF or \
                          DEFINE STORAGE since). AUTHORIZE first."
        }
        UserNotAvailable => {
            "The partner named in VMCPUSER cannot take part: not logged on, \
                             not authorized for VMCF, or authorized SPECIFIC for another VM."
        }
        ProtectionViolation => {
            "A buffer's storage key does not match. vmcfsim runs every VM \
                                in key 0, so it never returns this (docs/decisions.md#d11)."
        }
        SendxTooLarge => {
            "SENDX data travels in the sink's interrupt buffer, after the 40-byte \
                          header; this data is longer than the buffer less 40. The sink must \
                          AUTHORIZE with BUF of at least 40 plus the data."
        }
        DuplicateMessage => {
            "A message with this MID from you to this sink is still in \
                             transit. Use another MID, or wait for its RESPONSE."
        }
        TargetQuiesced => {
            "The sink has done QUIESCE and takes no new messages until RESUME. \
                           Messages already queued are not affected."
        }
        MessageLimitExceeded => {
            "You have 50 messages in transit, the most a VM may have \
                                 (docs/decisions.md#d10). Wait for RESPONSEs, or CANCEL some."
        }
        ReplyCancelled => {
            "CANCEL of a SEND/RECV the sink has already RECEIVEd: its data has moved, so \
             only the REPLY part is cancelled, and the sink's REPLY will get RC 12."
        }
        MessageNotFound => {
            "No message matches the MID and userid given: it never existed, \
                            it ended already, it was cancelled, or its source was purged."
        }
        SynchronizationError => {
            "The message exists but its SEND interrupt has not been \
                                 presented to you yet (you are disabled, or it is queued \
                                 behind others). ENABLE, take the interrupt, then answer."
        }
        CancelTooLate => {
            "The sink has already taken the message (RECEIVE, REPLY or REJECT, or a SENDX \
             or IDENTIFY presented): it can no longer be cancelled. Once its RESPONSE has \
             been presented CP forgets the message, and CANCEL finds nothing (RC 12)."
        }
        PagingError => {
            "CP could not page in a buffer. vmcfsim has no paging I/O and never \
                        returns this (docs/decisions.md#d11)."
        }
        IncorrectLength => {
            "The receive buffer is shorter than the data, or the reply longer \
                            than the reply buffer. Nothing moves, the message ends, and the \
                            source gets VMCMEFLG 16 in its RESPONSE (docs/decisions.md#d8)."
        }
        DestructiveOverlap => {
            "The two buffers of the move overlap, which only a VM sending to \
                               itself can arrange. Nothing moves."
        }
        PriorityNotAuthorized => {
            "A PRIORITY message to a sink that did not AUTHORIZE \
                                  PRIORITY. Send it without PRIORITY, or have the sink \
                                  re-AUTHORIZE."
        }
        Reply19 => {
            "The manual lists 19 for REPLY without a surviving explanation; vmcfsim \
                    never returns it (docs/decisions.md#d11)."
        }
    }
}

/// What a data-transfer code in a RESPONSE's VMCMEFLG means, at more length.
fn eflg_explanation(e: TransferError) -> &'static str {
    use TransferError::*;
    match e {
        None => {
            "The message ended normally: the data moved (or the sink rejected it: see \
                 VMCMSTAT X'40')."
        }
        Addressing => {
            "A SEND or RECEIVE buffer was valid when the message started but is no \
                       longer inside storage when the data moves."
        }
        SinkNotAvailable => {
            "The sink went away before taking the message: it did UNAUTHORIZE, \
                             LOGOFF or DEFINE STORAGE, or re-AUTHORIZEd SPECIFIC for another VM."
        }
        Protection => {
            "A buffer's storage key did not match when the data moved (never in \
                       vmcfsim)."
        }
        SendxTooLarge => {
            "The sink re-AUTHORIZEd with a buffer too small for this SENDX's data \
                          before the interrupt was presented."
        }
        PagingError => "CP could not page in a buffer (never in vmcfsim).",
        IncorrectLength => {
            "The sink RECEIVEd into a buffer shorter than the data, or REPLYed \
                            more than the reply buffer holds: nothing moved and the message \
                            ended."
        }
        DestructiveOverlap => {
            "The buffers of the move overlapped (a VM sending to itself): \
                               nothing moved."
        }
        Error19 => "Listed by the manual without a surviving explanation (never in vmcfsim).",
    }
}

/// `HELP RC` or `HELP EFLG`: every code with its meaning.
fn all_codes(out: &mut String, eflg: bool) {
    if eflg {
        line(
            out,
            "VMCMEFLG, a RESPONSE's data-transfer code (HELP EFLG n explains one):",
        );
        for e in TransferError::ALL {
            line(out, &format!("  {:<3} \t{}", e.number(), e.meaning()));
        }
    } else {
        line(out, "DIAGNOSE X'68' return codes (HELP RC n explains one):");
        for rc in ReturnCode::ALL {
            line(out, &format!("  {:<3} \t{}", rc.number(), rc.meaning()));
        }
    }
}

fn return_code(out: &mut String, n: u8) -> Option<()> {
    let rc = ReturnCode::from_number(n)?;
    line(out, &format!("RC {n}: {}", rc.meaning()));
    line(out, &format!("  {}", rc_explanation(rc)));
    let from: Vec<&str> = LESSONS
        .iter()
        .filter(|l| l.rcs.iter().any(|(c, _)| *c == n))
        .map(|l| l.sub.name())
        .collect();
    line(out, &format!("Returned by: \t{}", from.join(", ")));
    line(
        out,
        "It is left in register Ry of DIAGNOSE X'68' (the transcript's RC line).",
    );
    line(out, "Manual: docs/vmcf.md#return-codes");
    Some(())
}

fn transfer_code(out: &mut String, n: u8) -> Option<()> {
    let e = TransferError::from_number(n)?;
    line(out, &format!("VMCMEFLG {n} (X'{n:02X}'): {}", e.meaning()));
    line(out, &format!("  {}", eflg_explanation(e)));
    line(
        out,
        "It is byte 1 of the header of a RESPONSE: SEND, SEND/RECV and SENDX return RC 0 when \
         they start, and errors found when the data moves come here, to the source.",
    );
    line(out, "Manual: docs/vmcf.md#data-transfer-errors");
    Some(())
}

/// One HELP line fitted to `width` columns: broken between words, its continuation lines
/// indented to the column of the line's first `\t` (or to its own indent), each given to
/// `emit` without the tab. A word longer than a line is cut. Widths under 20 count as 20.
pub fn wrap(text: &str, width: usize, mut emit: impl FnMut(&str)) {
    let width = width.max(20);
    let (head, body) = match text.split_once('\t') {
        Some((h, b)) => (h, b),
        None => {
            let indent = text.len() - text.trim_start_matches(' ').len();
            text.split_at(indent)
        }
    };
    let hang = head.chars().count().min(width / 2);
    let mut current = String::from(head);
    let mut used = head.chars().count();
    let mut fresh = true; // nothing of the body on this line yet
    for word in body.split(' ') {
        let n = word.chars().count();
        let gap = usize::from(!fresh);
        if !fresh && used + gap + n > width {
            emit(&unbreak(current.trim_end()));
            current.clear();
            current.extend(std::iter::repeat_n(' ', hang));
            used = hang;
            fresh = true;
        }
        if fresh && used + n > width {
            // A word longer than the line: cut it where the line ends.
            let mut chars = word.chars().peekable();
            while chars.peek().is_some() {
                let room = width.saturating_sub(used).max(1);
                current.extend(chars.by_ref().take(room));
                if chars.peek().is_some() {
                    emit(&unbreak(&current));
                    current.clear();
                    current.extend(std::iter::repeat_n(' ', hang));
                    used = hang;
                } else {
                    used = current.chars().count();
                }
            }
            fresh = false;
            continue;
        }
        if !fresh {
            current.push(' ');
        }
        current.push_str(word);
        used += gap + n;
        fresh = false;
    }
    emit(&unbreak(current.trim_end()));
}

/// A wrapped line as shown: its unbreakable blanks as blanks.
fn unbreak(line: &str) -> std::borrow::Cow<'_, str> {
    if line.contains(NBSP) {
        line.replace(NBSP, " ").into()
    } else {
        line.into()
    }
}

/// HELP's text as plain lines of at most `width` columns.
pub(crate) fn wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for l in text.lines() {
        wrap(l, width, |w| {
            out.push_str(w);
            out.push('\n');
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_every_verb_and_subfunction() {
        let all = topic(&[]).unwrap();
        for v in verbs::VERBS {
            assert!(all.contains(&v.names[0].manual_form()), "{}", v.name());
        }
        assert!(all.contains("DIAGRAM") && all.contains("QUIT"), "{all}");
        let vmcf = topic(&["VMCF"]).unwrap();
        for s in verbs::SUBFUNCTIONS {
            assert!(vmcf.contains(&s.names[0].manual_form()), "{:?}", s.sub);
        }
        assert!(
            vmcf.contains("X'20000'"),
            "the data area rule is documented"
        );
        assert!(topic(&["VMCF", "SENDR"]).unwrap().contains("REPLYBUF"));
        assert!(wrapped(&topic(&["REC"]).unwrap(), 80).starts_with("VMCF RECeive source MID n"));
        assert!(topic(&["Q"]).unwrap().starts_with("Query"));
        assert!(topic(&["NOSUCH"]).is_none());
    }

    #[test]
    fn an_operators_command_says_its_class_from_the_table() {
        let flat = |t: &str| {
            topic(&[t])
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(
            flat("FORCE").contains("Privilege class A: vmcfsim serve"),
            "{}",
            flat("FORCE")
        );
        assert!(flat("WARNING").contains("Privilege class A or B:"));
        assert!(flat("SHUTDOWN").contains("Privilege class A:"));
        assert!(
            !flat("SMSG").contains("Privilege class"),
            "class G says nothing"
        );
    }

    #[test]
    fn a_subfunction_teaches_fields_codes_the_trap_and_the_section() {
        for s in verbs::SUBFUNCTIONS {
            let h = topic(&["VMCF", s.names[0].name]).unwrap();
            let l = lesson(s.sub);
            assert!(
                h.contains("Fields it reads") && h.contains("Watch out:"),
                "{h}"
            );
            assert!(h.contains(&format!("Manual: {}", l.section)), "{h}");
            let anchor = s.sub.name().to_ascii_lowercase();
            assert_eq!(
                l.section,
                format!("docs/vmcf.md#{anchor}"),
                "the heading's anchor"
            );
            // Every code listed is a real return code, in order, and 0, 2 and 15 always are.
            let codes: Vec<u8> = l.rcs.iter().map(|r| r.0).collect();
            assert!(codes.windows(2).all(|w| w[0] < w[1]), "{:?}", s.sub);
            assert!(codes.iter().all(|c| ReturnCode::from_number(*c).is_some()));
            for c in [0, 2, 15] {
                assert!(codes.contains(&c), "{:?} lacks RC {c}", s.sub);
            }
        }
        let sendx = topic(&["VMCF", "SENDX"]).unwrap();
        assert!(sendx.contains("RC 7"), "{sendx}");
        assert!(sendx.contains("40 plus the data"), "{sendx}");
        let receive = topic(&["VMCF", "RECEIVE"]).unwrap();
        assert!(receive.contains("LEN defaults to the length"), "{receive}");
        assert!(!receive.contains("RC 7 "), "RECEIVE never gives RC 7");
    }

    #[test]
    fn rc_and_eflg_explain_every_code_and_nothing_else() {
        for rc in ReturnCode::ALL {
            let n = rc.number().to_string();
            let h = topic(&["RC", &n]).unwrap();
            assert!(h.starts_with(&format!("RC {n}: {}", rc.meaning())), "{h}");
            assert!(h.contains("docs/vmcf.md#return-codes"));
        }
        let seven = topic(&["rc", "7"]).unwrap();
        assert!(seven.contains("Returned by: \tSENDX\n"), "{seven}");
        // An option never parts from its operand.
        let send = wrapped(&topic(&["VMCF", "SENDR"]).unwrap(), 60);
        assert!(
            send.contains("[LEN n]") && send.contains("[USE X'hex'|'text']"),
            "{send}"
        );
        for e in TransferError::ALL {
            let n = e.number().to_string();
            let h = topic(&["EFLG", &n]).unwrap();
            assert!(h.contains(e.meaning()), "{h}");
        }
        assert!(topic(&["RC", "20"]).is_none());
        assert!(topic(&["RC", "x"]).is_none());
        assert!(
            topic(&["EFLG", "2"]).is_none(),
            "2 is no data-transfer code"
        );
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width_under_the_hang() {
        let mut lines = Vec::new();
        let text = "  RC 16  \tincorrect length: the buffer is shorter than the data: nothing \
                    moves, the message ends and the source gets VMCMEFLG 16";
        wrap(text, 40, |l| lines.push(l.to_string()));
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
        assert!(lines[0].starts_with("  RC 16  incorrect"), "{lines:?}");
        assert!(lines[1].starts_with("         ") && !lines[1].starts_with("          "));
        let joined: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        let want: Vec<&str> = text.replace('\t', "").leak().split_whitespace().collect();
        assert_eq!(joined, want, "no word lost or split");
        let mut long = Vec::new();
        wrap(&format!("  {}", "x".repeat(50)), 20, |l| {
            long.push(l.to_string())
        });
        assert!(long.iter().all(|l| l.chars().count() <= 20), "{long:?}");
        assert_eq!(long.concat().replace(' ', ""), "x".repeat(50));
        let mut short = Vec::new();
        wrap("Query \tNAMes", 80, |l| short.push(l.to_string()));
        assert_eq!(short, ["Query NAMes"]);
    }

    #[test]
    fn all_help_fits_80_columns() {
        let mut topics: Vec<Vec<String>> = vec![vec![]];
        topics.extend(verbs::VERBS.iter().map(|v| vec![v.name().to_string()]));
        topics.extend(
            verbs::SUBFUNCTIONS
                .iter()
                .map(|s| vec!["VMCF".to_string(), s.names[0].name.to_string()]),
        );
        topics.extend((0..20).map(|n| vec!["RC".to_string(), n.to_string()]));
        for t in &topics {
            let words: Vec<&str> = t.iter().map(String::as_str).collect();
            // 70: room for the longest owner column, `USERIDXX: `.
            let text = wrapped(&topic(&words).unwrap(), 70);
            for l in text.lines() {
                assert!(l.chars().count() <= 70, "{t:?}: {l}");
                assert!(!l.contains('\t'));
            }
        }
    }
}
