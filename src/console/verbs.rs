//! The one table of the console's words: CP verbs, VMCF subfunctions, their options and the
//! operands of QUERY, SET and DEFINE, each with CP's minimum abbreviation. The parser, REPL
//! completion, highlighting and HELP all read these tables, so a word is spelled in one place.

use crate::vmcf::Subfunction;

/// A keyword and its minimum abbreviation: `Keyword::new("QUERY", 1)` takes `Q`, `QU` ... `QUERY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    /// The full word, upper case.
    pub name: &'static str,
    /// The fewest leading characters CP accepts.
    pub min: usize,
}

impl Keyword {
    const fn new(name: &'static str, min: usize) -> Keyword {
        Keyword { name, min }
    }

    /// Whether `word` (any case) is this keyword or an abbreviation of it CP accepts.
    pub fn matches(&self, word: &str) -> bool {
        word.len() >= self.min
            && word.len() <= self.name.len()
            && self.name.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    }

    /// The word as CP's manuals print it: the required part in capitals, the rest in lower case
    /// (`SMsg`).
    pub fn manual_form(&self) -> String {
        let (must, may) = self.name.split_at(self.min.min(self.name.len()));
        format!("{must}{}", may.to_ascii_lowercase())
    }
}

/// Finds the entry a word names: an exact spelling first, then the first entry (in table order)
/// whose abbreviation rule accepts it. Table order settles overlaps (`LOG` is LOGOFF, as in CP).
fn lookup<'t, T>(table: &'t [T], names: impl Fn(&T) -> &[Keyword], word: &str) -> Option<&'t T> {
    table
        .iter()
        .find(|e| names(e).iter().any(|k| k.name.eq_ignore_ascii_case(word)))
        .or_else(|| {
            table
                .iter()
                .find(|e| names(e).iter().any(|k| k.matches(word)))
        })
}

/// The console's commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Logoff,
    Logon,
    Disconn,
    Force,
    Smsg,
    Msg,
    Warning,
    Set,
    Query,
    Define,
    Display,
    Store,
    Vmcf,
    Diag,
    System,
    Ipl,
    Enable,
    Disable,
    Help,
    Quit,
    Shutdown,
    Diagram,
}

impl Verb {
    /// A command of the interactive console itself, which the console's parser refuses (the
    /// REPL takes the line before the console sees it); listed here so HELP and completion
    /// name it.
    pub fn front_end_only(self) -> bool {
        self == Verb::Diagram
    }
}

/// One command: its spellings, the CP module that issues its messages, and its HELP.
#[derive(Debug)]
pub struct VerbDef {
    pub verb: Verb,
    /// The name first, then aliases.
    pub names: &'static [Keyword],
    /// The three letters after `DMK` in the command's messages (`MSG` → `DMKMSG045W`).
    pub module: &'static str,
    /// Usable while nobody is logged on.
    pub before_logon: bool,
    /// The privilege classes, one of which a user needs for the command beyond class G (`"A"`,
    /// `"AB"`); `None` for a class G command. Only `vmcfsim serve` with a directory checks them:
    /// the console is everybody's.
    pub privilege: Option<&'static str>,
    /// Operands, in HELP's notation.
    pub syntax: &'static str,
    /// One line for the HELP list.
    pub summary: &'static str,
    /// What `HELP verb` adds.
    pub details: &'static [&'static str],
}

impl VerbDef {
    /// The command's name.
    pub fn name(&self) -> &'static str {
        self.names[0].name
    }
}

/// Every command, in lookup order (LOGOFF before LOGON, so `LOG` logs off as in CP).
pub const VERBS: &[VerbDef] = &[
    VerbDef {
        verb: Verb::Logoff,
        names: &[Keyword::new("LOGOFF", 3), Keyword::new("LOGOUT", 3)],
        module: "LOG",
        before_logon: false,
        privilege: None,
        syntax: "",
        summary: "ends the virtual machine (VMCF cleanup as UNAUTHORIZE); use B: LOGOFF for another",
        details: &[
            "Messages B sent are purged; senders of messages to B get a RESPONSE with VMCMEFLG 5.",
            "Nobody is current afterwards until the next LOGON.",
        ],
    },
    VerbDef {
        verb: Verb::Logon,
        names: &[Keyword::new("LOGON", 1), Keyword::new("LOGIN", 4)],
        module: "LOG",
        before_logon: true,
        privilege: None,
        syntax: "userid",
        summary: "logs a new virtual machine on (or reconnects to it) and makes it current",
        details: &[
            "Userids are 1-8 characters of A-Z 0-9 @ # $, folded to upper case.",
            "A new VM has 1M of storage, is enabled for interrupts, MSG ON, WNG ON, EMSG ON,",
            "IMSG ON, SMSG OFF. LOGON of a VM already logged on reconnects to it",
            "(RECONNECTED AT ...): a disconnected one gets its terminal back with everything",
            "that reached it meanwhile.",
        ],
    },
    VerbDef {
        verb: Verb::Disconn,
        names: &[Keyword::new("DISCONN", 4)],
        module: "USO",
        before_logon: false,
        privilege: None,
        syntax: "[HOLD]",
        summary: "leaves the VM running without its terminal; LOGON userid reconnects",
        details: &[
            "DISCONNECT AT ... and the terminal is free: nobody is current afterwards.",
            "The VM stays logged on and its program runs: SMSG and VMCF still reach it (service",
            "machines run disconnected); MSG and WARNING to it are refused, NOT RECEIVING;",
            "DISCONNECTED. QUERY NAMES shows it as DSC. HOLD (keep a dial-up line) is taken",
            "and has no effect here.",
            "vmcfsim's choice: the transcript still shows what the disconnected VM's program",
            "sees and does (interrupts, return codes, data), though CP would write nothing to",
            "a terminal that is not there, and userid: command still runs for it, as its",
            "program issuing the command. DISCONN of a VM disconnected already is refused in",
            "vmcfsim's words (CP has no message: nobody could type it).",
        ],
    },
    VerbDef {
        verb: Verb::Force,
        names: &[Keyword::new("FORCE", 5)],
        module: "CFC",
        before_logon: false,
        privilege: Some("A"),
        syntax: "userid",
        summary: "logs another VM off (the cleanup of LOGOFF); its terminal shows BY SYSTEM",
        details: &[
            "The forced VM gets the usage line and LOGOFF AT ... BY SYSTEM; the issuer gets",
            "GRAF CONS LOGOFF AS userid USERS = nnn FORCED (DSC for a disconnected VM).",
            "FORCE of yourself: use LOGOFF.",
        ],
    },
    VerbDef {
        verb: Verb::Smsg,
        names: &[Keyword::new("SMSG", 2)],
        module: "MSG",
        before_logon: false,
        privilege: None,
        syntax: "userid|* text",
        summary: "special message: delivered through VMCF as a SENDX from SYSTEM",
        details: &[
            "The text is the rest of the line after the blank that ends the userid, as typed.",
            "CP read 134 characters of a line: the text is what remains after the command and",
            "userid as typed (SM A leaves 129, SMSG LONGUSER 120; a userid: prefix does not",
            "count). Longer text is cut there, silently, as CP cut it.",
            "The target needs the SMSG flag (SET SMSG ON or AUTHORIZE SMSG) and a VMCF",
            "authorization. vmcfsim's own refusals: NOT RECEIVING; QUIESCED and",
            "NOT RECEIVING; BUFFER TOO SMALL (buffer shorter than 40 + text), and",
            "NOT RECEIVING; 256 SMSGS PENDING (a disabled VM holds at most 256).",
            "The interrupt's VMCMVADA is 0: CP put the address of its own work area there,",
            "meaningless to the guest (docs/decisions.md#d3).",
        ],
    },
    VerbDef {
        verb: Verb::Msg,
        names: &[Keyword::new("MSG", 1), Keyword::new("MESSAGE", 1)],
        module: "MSG",
        before_logon: false,
        privilege: None,
        syntax: "userid|* text",
        summary: "an ordinary message, shown on the target's terminal",
        details: &[
            "The text is the rest of the line after the blank that ends the userid, cut where",
            "CP's 134-character line ends, as for SMSG (MSG A leaves 128 characters).",
        ],
    },
    VerbDef {
        verb: Verb::Warning,
        names: &[Keyword::new("WARNING", 1)],
        module: "MSG",
        before_logon: false,
        privilege: Some("AB"),
        syntax: "userid text",
        summary: "a warning, shown on the target's terminal (WNG FROM), under SET WNG",
        details: &[
            "As MSG: the rest of the line, cut where CP's 134-character line ends. Refused",
            "with NOT RECEIVING; WNG OFF or ...; DISCONNECTED. Not to yourself (use MSG *).",
            "ALL and OPERATOR are not simulated.",
        ],
    },
    VerbDef {
        verb: Verb::Set,
        names: &[Keyword::new("SET", 3)],
        module: "CFS",
        before_logon: false,
        privilege: None,
        syntax: "MSG|WNG|SMSG|IMSG ON|OFF | EMSG ON|OFF|CODE|TEXT",
        summary: "what the VM takes (MSG, WNG, SMSG) and how its terminal shows CP (EMSG, IMSG)",
        details: &[
            "SET SMSG ON sets the same flag as AUTHORIZE SMSG (X'20').",
            "EMSG: CP's error messages with id and text (ON), the id (CODE), the text (TEXT), or",
            "none (OFF; the command still fails). IMSG OFF hides CP's informational responses",
            "(STORAGE = after DEFINE STORAGE, SYSTEM RESET, FORCE's report). Both change only",
            "what this VM's terminal shows: the JSON events stay the same. vmcfsim's own notes",
            "(program checks, IPL) are not CP messages and always show. QUERY SET shows all.",
        ],
    },
    VerbDef {
        verb: Verb::Query,
        names: &[Keyword::new("QUERY", 1)],
        module: "CQG",
        before_logon: true,
        privilege: None,
        syntax: "NAMes|USERS|SET|Time|STORage|Virtual STORage|userid",
        summary: "logged-on users, settings, the time, storage size",
        details: &[
            "Any other word is taken as a userid, as CP did.",
            "Before LOGON only NAMES, USERS, TIME and userid are known.",
        ],
    },
    VerbDef {
        verb: Verb::Define,
        names: &[Keyword::new("DEFINE", 3)],
        module: "DEF",
        before_logon: false,
        privilege: None,
        syntax: "STORage nnnK|nnM",
        summary: "sets the storage size (4K steps, at most 16M); resets the VM as CP did",
        details: &[
            "Storage is cleared and VMCF is reset (as UNAUTHORIZE); the console's data area",
            "starts again at X'20000'.",
        ],
    },
    VerbDef {
        verb: Verb::Display,
        names: &[Keyword::new("DISPLAY", 1)],
        module: "CDB",
        before_logon: false,
        privilege: None,
        syntax: "[L|T]hexloc[-hexloc|:hexloc|.bytecount|-END|.END] ...",
        summary: "shows storage in hex (L) or hex and EBCDIC (T)",
        details: &[
            "L (the default) starts and ends on a fullword; T on a 16-byte line.",
            "A location alone shows one word (L) or one line (T); L or T alone, all storage.",
            "Locations and byte counts are hex. Runs of lines equal to the one before are",
            "shown as one SUPPRESSED line.",
        ],
    },
    VerbDef {
        verb: Verb::Store,
        names: &[Keyword::new("STORE", 2)],
        module: "CDS",
        before_logon: false,
        privilege: None,
        syntax: "[L]hexloc hexword|'text'... | Shexloc hexdata",
        summary: "stores words, bytes, or (vmcfsim) EBCDIC text into storage",
        details: &[
            "Lhexloc is rounded down to a fullword when the first operand is a hexword;",
            "a hexword of up to 8 digits fills a word, 9-16 digits a doubleword (right-justified).",
            "'text' (vmcfsim) is stored in EBCDIC at the exact address, after any words before it.",
            "Shexloc stores bytes at the exact address; an odd last digit is not stored.",
        ],
    },
    VerbDef {
        verb: Verb::Vmcf,
        names: &[Keyword::new("VMCF", 4)],
        module: "VMC",
        before_logon: false,
        privilege: None,
        syntax: "subfunction [userid] [options]",
        summary: "(vmcfsim) builds a VMCPARM and issues DIAGNOSE X'68' with it",
        details: &[
            "The VMCPARM is stored at X'01FFD8' (the 40 bytes below the data area), then",
            "DIAGNOSE X'68' runs it exactly as DIAG 68 L1FFD8 would.",
            "DATA literals, and reply and receive buffers without AT/INTO, go to the console's",
            "data area: each VM's next free doubleword from X'20000' up. When an item would",
            "pass the end of storage the area starts again at X'20000', so a long session",
            "never runs out; older items are then overwritten (use AT to keep data in place).",
            "Without MID, SEND, SENDRECV and SENDX take the VM's next MID (1, 2, ...).",
            "USE X'hex' is right-justified (like DC XL8), USE 'text' blank-padded (like DC CL8).",
            "MID n and lengths are decimal; X'hex' is hex. Addresses are Lhex or X'hex'.",
        ],
    },
    VerbDef {
        verb: Verb::Diag,
        names: &[Keyword::new("DIAGNOSE", 4)],
        module: "HVC",
        before_logon: false,
        privilege: None,
        syntax: "68 Lhex",
        summary: "(vmcfsim) DIAGNOSE X'68' with the VMCPARM already STOREd at Lhex",
        details: &[
            "The assembler programmer's path; it gives the same results as the VMCF commands.",
            "A VMCPARM off a doubleword is a specification exception, one outside storage an",
            "addressing exception: a program check for the program, nothing else happens. CP",
            "prints no message for it; vmcfsim reports it in its own words, marked as not a",
            "CP message (JSON id VMCFSIM-PROGRAM-CHECK-SPECIFICATION or -ADDRESSING).",
        ],
    },
    VerbDef {
        verb: Verb::System,
        names: &[Keyword::new("SYSTEM", 3)],
        module: "CFG",
        before_logon: false,
        privilege: None,
        syntax: "RESET|CLEAR",
        summary: "resets the virtual machine (VMCF cleanup as UNAUTHORIZE); CLEAR zeroes storage",
        details: &[
            "Messages the VM sent are purged; senders of messages to it get a RESPONSE with",
            "VMCMEFLG 5; everything queued for it is dropped. The VM stays in CP mode.",
            "SYSTEM RESTART is not simulated.",
        ],
    },
    VerbDef {
        verb: Verb::Ipl,
        names: &[Keyword::new("IPL", 1)],
        module: "CFG",
        before_logon: false,
        privilege: None,
        syntax: "vaddr|systemname [CLEAR] [PARM text]",
        summary: "IPL of any device or system: resets the VM as SYSTEM RESET does",
        details: &[
            "vmcfsim has no operating system to load: it says so, and the VM stays in CP",
            "mode. CLEAR zeroes storage as well; PARM and its text are taken and ignored.",
        ],
    },
    VerbDef {
        verb: Verb::Enable,
        names: &[Keyword::new("ENABLE", 3)],
        module: "CFC",
        before_logon: false,
        privilege: None,
        syntax: "",
        summary: "(vmcfsim) enables external interrupts and presents those held",
        details: &["VMs start enabled."],
    },
    VerbDef {
        verb: Verb::Disable,
        names: &[Keyword::new("DISABLE", 4)],
        module: "CFC",
        before_logon: false,
        privilege: None,
        syntax: "",
        summary: "(vmcfsim) disables external interrupts: they queue, priority ones first",
        details: &[],
    },
    VerbDef {
        verb: Verb::Help,
        names: &[Keyword::new("HELP", 1)],
        module: "CFC",
        before_logon: true,
        privilege: None,
        syntax: "[command [subfunction]] | RC [n] | EFLG [n]",
        summary: "lists the commands, or explains one, a return code or a VMCMEFLG code",
        details: &[
            "HELP VMCF subfunction: what it does, the VMCPARM fields it reads, its return",
            "codes and the rule newcomers trip on. HELP RC n: a DIAGNOSE X'68' return code;",
            "HELP EFLG n: a data-transfer code from a RESPONSE's VMCMEFLG.",
        ],
    },
    VerbDef {
        verb: Verb::Shutdown,
        names: &[Keyword::new("SHUTDOWN", 8)],
        module: "CFC",
        before_logon: true,
        privilege: Some("A"),
        syntax: "",
        summary: "(operator) ends the system: every terminal is told and closed",
        details: &["Under vmcfsim serve it ends the server; elsewhere it ends the console."],
    },
    VerbDef {
        verb: Verb::Quit,
        names: &[Keyword::new("QUIT", 4)],
        module: "CFC",
        before_logon: true,
        privilege: None,
        syntax: "",
        summary: "(vmcfsim) ends the console",
        details: &["Ctrl-D on an empty line ends the REPL as well; QUIT ends a replay early."],
    },
    VerbDef {
        verb: Verb::Diagram,
        names: &[Keyword::new("DIAGRAM", 7)],
        module: "CFC",
        before_logon: true,
        privilege: None,
        syntax: "FILE.svg|FILE.mmd",
        summary: "(REPL) draws the session so far as a sequence diagram (SVG or Mermaid)",
        details: &[
            "Typed in full, alone on a line (no userid: prefix). A name with blanks is quoted.",
            "A replay draws its session with vmcfsim run FILE --diagram FILE.svg instead.",
        ],
    },
];

/// `HELP RC n`: a DIAGNOSE X'68' return code.
pub const HELP_RC: Keyword = Keyword::new("RC", 2);
/// `HELP EFLG n`: a data-transfer code (VMCMEFLG).
pub const HELP_EFLG: Keyword = Keyword::new("EFLG", 4);

/// The command a word names, if any.
pub fn verb(word: &str) -> Option<&'static VerbDef> {
    lookup(VERBS, |v| v.names, word)
}

/// The table entry of a verb.
pub fn verb_def(verb: Verb) -> &'static VerbDef {
    VERBS
        .iter()
        .find(|d| d.verb == verb)
        .expect("every verb is in the table")
}

/// Options of the VMCF commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opt {
    Specific,
    Priority,
    Smsg,
    Buf,
    At,
    Mid,
    Data,
    Addr,
    Len,
    Use,
    ReplyBuf,
    Into,
}

/// One option: its spelling, its operand and what it does.
#[derive(Debug)]
pub struct OptDef {
    pub opt: Opt,
    pub keyword: Keyword,
    /// The operand in HELP's notation, empty for a flag.
    pub operand: &'static str,
    pub summary: &'static str,
}

/// Every VMCF option.
pub const OPTIONS: &[OptDef] = &[
    OptDef {
        opt: Opt::Specific,
        keyword: Keyword::new("SPECIFIC", 4),
        operand: "userid",
        summary: "only this VM may send to me (VMCPAUTS X'80')",
    },
    OptDef {
        opt: Opt::Priority,
        keyword: Keyword::new("PRIORITY", 4),
        operand: "",
        summary: "priority message, or accept them (VMCPPRTY X'40')",
    },
    OptDef {
        opt: Opt::Smsg,
        keyword: Keyword::new("SMSG", 4),
        operand: "",
        summary: "accept special messages (VMCPSMSG X'20')",
    },
    OptDef {
        opt: Opt::Buf,
        keyword: Keyword::new("BUF", 3),
        operand: "len",
        summary: "interrupt buffer length (default 40)",
    },
    OptDef {
        opt: Opt::At,
        keyword: Keyword::new("AT", 2),
        operand: "Lhex",
        summary: "address of the buffer, DATA or REPLYBUF just before (buffer default X'1000')",
    },
    OptDef {
        opt: Opt::Mid,
        keyword: Keyword::new("MID", 3),
        operand: "n",
        summary: "message id (SEND-types: default the VM's next)",
    },
    OptDef {
        opt: Opt::Data,
        keyword: Keyword::new("DATA", 4),
        operand: "'text'|X'hex'",
        summary: "data to send, stored first (EBCDIC for text)",
    },
    OptDef {
        opt: Opt::Addr,
        keyword: Keyword::new("ADDR", 4),
        operand: "Lhex",
        summary: "data already in storage (with LEN)",
    },
    OptDef {
        opt: Opt::Len,
        keyword: Keyword::new("LEN", 3),
        operand: "n",
        summary: "length of ADDR data, or of the RECEIVE buffer (default: as announced)",
    },
    OptDef {
        opt: Opt::Use,
        keyword: Keyword::new("USE", 3),
        operand: "X'hex'|'text'",
        summary: "the user doubleword (VMCPUSE)",
    },
    OptDef {
        opt: Opt::ReplyBuf,
        keyword: Keyword::new("REPLYBUF", 8),
        operand: "len",
        summary: "reply buffer length (then AT Lhex, else the data area)",
    },
    OptDef {
        opt: Opt::Into,
        keyword: Keyword::new("INTO", 4),
        operand: "Lhex",
        summary: "receive buffer address (default: the data area)",
    },
];

/// The table entry of an option.
pub fn opt_def(opt: Opt) -> &'static OptDef {
    OPTIONS
        .iter()
        .find(|d| d.opt == opt)
        .expect("every option is in the table")
}

/// What a subfunction takes after its name.
#[derive(Debug)]
pub struct SubDef {
    pub sub: Subfunction,
    pub names: &'static [Keyword],
    /// Whether a userid follows the subfunction, and what it names.
    pub partner: Option<&'static str>,
    /// MID must be given.
    pub needs_mid: bool,
    pub options: &'static [Opt],
    pub summary: &'static str,
}

/// Every subfunction, in lookup order.
pub const SUBFUNCTIONS: &[SubDef] = &[
    SubDef {
        sub: Subfunction::Authorize,
        names: &[Keyword::new("AUTHORIZE", 4)],
        partner: None,
        needs_mid: false,
        options: &[Opt::Specific, Opt::Priority, Opt::Smsg, Opt::Buf, Opt::At],
        summary: "enables VMCF; records the external interrupt buffer",
    },
    SubDef {
        sub: Subfunction::Unauthorize,
        names: &[Keyword::new("UNAUTHORIZE", 6)],
        partner: None,
        needs_mid: false,
        options: &[],
        summary: "ends VMCF for the VM; messages are purged or answered with VMCMEFLG 5",
    },
    SubDef {
        sub: Subfunction::Send,
        names: &[Keyword::new("SEND", 4)],
        partner: Some("sink"),
        needs_mid: false,
        options: &[
            Opt::Mid,
            Opt::Priority,
            Opt::Data,
            Opt::Addr,
            Opt::Len,
            Opt::Use,
        ],
        summary: "sends data; the sink RECEIVEs it",
    },
    SubDef {
        sub: Subfunction::SendRecv,
        names: &[Keyword::new("SENDRECV", 5), Keyword::new("SEND/RECV", 9)],
        partner: Some("sink"),
        needs_mid: false,
        options: &[
            Opt::Mid,
            Opt::Priority,
            Opt::Data,
            Opt::Addr,
            Opt::Len,
            Opt::Use,
            Opt::ReplyBuf,
        ],
        summary: "sends data and waits for a REPLY into the reply buffer",
    },
    SubDef {
        sub: Subfunction::Sendx,
        names: &[Keyword::new("SENDX", 5)],
        partner: Some("sink"),
        needs_mid: false,
        options: &[
            Opt::Mid,
            Opt::Priority,
            Opt::Data,
            Opt::Addr,
            Opt::Len,
            Opt::Use,
        ],
        summary: "sends data that travels in the interrupt (no RECEIVE)",
    },
    SubDef {
        sub: Subfunction::Receive,
        names: &[Keyword::new("RECEIVE", 3)],
        partner: Some("source"),
        needs_mid: true,
        options: &[Opt::Mid, Opt::Into, Opt::Len, Opt::Use],
        summary: "moves a SEND's data into the receive buffer",
    },
    SubDef {
        sub: Subfunction::Cancel,
        names: &[Keyword::new("CANCEL", 3)],
        partner: Some("sink"),
        needs_mid: true,
        options: &[Opt::Mid],
        summary: "withdraws a message I sent",
    },
    SubDef {
        sub: Subfunction::Reply,
        names: &[Keyword::new("REPLY", 5)],
        partner: Some("source"),
        needs_mid: true,
        options: &[Opt::Mid, Opt::Data, Opt::Addr, Opt::Len, Opt::Use],
        summary: "answers a SENDRECV: data into the source's reply buffer",
    },
    SubDef {
        sub: Subfunction::Quiesce,
        names: &[Keyword::new("QUIESCE", 3)],
        partner: None,
        needs_mid: false,
        options: &[],
        summary: "refuses new messages (senders get RC 9)",
    },
    SubDef {
        sub: Subfunction::Resume,
        names: &[Keyword::new("RESUME", 3)],
        partner: None,
        needs_mid: false,
        options: &[],
        summary: "accepts new messages again",
    },
    SubDef {
        sub: Subfunction::Identify,
        names: &[Keyword::new("IDENTIFY", 5)],
        partner: Some("sink"),
        needs_mid: false,
        options: &[
            Opt::Mid,
            Opt::Priority,
            Opt::Data,
            Opt::Addr,
            Opt::Len,
            Opt::Use,
        ],
        summary: "one final interrupt to the sink naming me (MID, DATA/ADDR and LEN: free control data)",
    },
    SubDef {
        sub: Subfunction::Reject,
        names: &[Keyword::new("REJECT", 3)],
        partner: Some("source"),
        needs_mid: true,
        options: &[Opt::Mid, Opt::Use],
        summary: "refuses a SEND or SENDRECV; the source gets a RESPONSE with VMCMRJCT and my USE \
                  (for a SEND too, as z/VM-era programs expect: docs/decisions.md#d1)",
    },
];

/// The subfunction a word names, if any.
pub fn subfunction(word: &str) -> Option<&'static SubDef> {
    lookup(SUBFUNCTIONS, |s| s.names, word)
}

/// The table entry of a subfunction.
pub fn sub_def(sub: Subfunction) -> &'static SubDef {
    SUBFUNCTIONS
        .iter()
        .find(|d| d.sub == sub)
        .expect("every subfunction is in the table")
}

/// The option a word names, if any (whether the subfunction takes it is checked by the caller).
pub fn option(word: &str) -> Option<&'static OptDef> {
    lookup(OPTIONS, |o| std::slice::from_ref(&o.keyword), word)
}

/// QUERY's operands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryWord {
    Names,
    Users,
    Set,
    Time,
    Storage,
    Virtual,
}

/// QUERY's operand words.
pub const QUERY_WORDS: &[(QueryWord, Keyword)] = &[
    (QueryWord::Names, Keyword::new("NAMES", 3)),
    (QueryWord::Users, Keyword::new("USERS", 5)),
    (QueryWord::Set, Keyword::new("SET", 3)),
    (QueryWord::Time, Keyword::new("TIME", 1)),
    (QueryWord::Storage, Keyword::new("STORAGE", 4)),
    (QueryWord::Virtual, Keyword::new("VIRTUAL", 1)),
];

/// The QUERY operand a word names.
pub fn query_word(word: &str) -> Option<QueryWord> {
    lookup(QUERY_WORDS, |q| std::slice::from_ref(&q.1), word).map(|q| q.0)
}

/// `STORage`, the operand of DEFINE and QUERY VIRTUAL.
pub const STORAGE: Keyword = Keyword::new("STORAGE", 4);

/// SET's operands, in the order of [`SetWord`].
pub const SET_WORDS: &[Keyword] = &[
    Keyword::new("MSG", 3),
    Keyword::new("SMSG", 4),
    Keyword::new("WNG", 3),
    Keyword::new("EMSG", 4),
    Keyword::new("IMSG", 4),
];

/// What SET sets, by its index in [`SET_WORDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetWord {
    Msg,
    Smsg,
    Wng,
    Emsg,
    Imsg,
}

/// The SET operands by index.
pub const SET_WORD_ORDER: &[SetWord] = &[
    SetWord::Msg,
    SetWord::Smsg,
    SetWord::Wng,
    SetWord::Emsg,
    SetWord::Imsg,
];

/// The SET operand a word names.
pub fn set_word(word: &str) -> Option<SetWord> {
    SET_WORDS
        .iter()
        .position(|k| k.matches(word))
        .map(|i| SET_WORD_ORDER[i])
}

/// SET EMSG's values.
pub const EMSG_VALUES: &[Keyword] = &[
    Keyword::new("ON", 2),
    Keyword::new("OFF", 3),
    Keyword::new("CODE", 4),
    Keyword::new("TEXT", 4),
];

/// SYSTEM's operands (RESTART is not simulated).
pub const SYSTEM_WORDS: &[Keyword] = &[Keyword::new("RESET", 5), Keyword::new("CLEAR", 5)];

/// DISCONN's option.
pub const HOLD: Keyword = Keyword::new("HOLD", 2);

/// IPL's options.
pub const IPL_CLEAR: Keyword = Keyword::new("CLEAR", 2);
pub const IPL_PARM: Keyword = Keyword::new("PARM", 4);

/// ON and OFF.
pub const ON_OFF: &[Keyword] = &[Keyword::new("ON", 2), Keyword::new("OFF", 3)];

/// `END` in DISPLAY ranges.
pub const END: Keyword = Keyword::new("END", 3);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_stop_at_the_minimum() {
        let q = verb("Q").unwrap();
        assert_eq!(q.verb, Verb::Query);
        assert_eq!(verb("query").unwrap().verb, Verb::Query);
        assert!(verb("QUERYX").is_none());
        assert_eq!(verb("SM").unwrap().verb, Verb::Smsg);
        // `S` is no command: SMSG needs SM, STORE needs ST, SET all three letters.
        assert!(verb("S").is_none());
        assert_eq!(verb("ST").unwrap().verb, Verb::Store);
        assert!(verb("SE").is_none());
        assert_eq!(verb("SET").unwrap().verb, Verb::Set);
    }

    #[test]
    fn log_is_logoff_and_l_is_logon() {
        assert_eq!(verb("L").unwrap().verb, Verb::Logon);
        assert_eq!(verb("LO").unwrap().verb, Verb::Logon);
        assert_eq!(verb("LOG").unwrap().verb, Verb::Logoff);
        assert_eq!(verb("LOGON").unwrap().verb, Verb::Logon);
        assert_eq!(verb("LOGOUT").unwrap().verb, Verb::Logoff);
        assert_eq!(verb("LOGI").unwrap().verb, Verb::Logon);
    }

    #[test]
    fn subfunctions_take_the_upper_case_part() {
        assert_eq!(subfunction("auth").unwrap().sub, Subfunction::Authorize);
        assert!(subfunction("AUT").is_none());
        assert_eq!(subfunction("SEND").unwrap().sub, Subfunction::Send);
        assert_eq!(subfunction("SENDR").unwrap().sub, Subfunction::SendRecv);
        assert_eq!(subfunction("SEND/RECV").unwrap().sub, Subfunction::SendRecv);
        assert_eq!(subfunction("SENDX").unwrap().sub, Subfunction::Sendx);
        assert!(subfunction("SEN").is_none());
        assert!(subfunction("RE").is_none());
        assert_eq!(subfunction("REJ").unwrap().sub, Subfunction::Reject);
        assert_eq!(subfunction("RES").unwrap().sub, Subfunction::Resume);
        assert_eq!(subfunction("REC").unwrap().sub, Subfunction::Receive);
        assert!(subfunction("REPL").is_none());
    }

    #[test]
    fn manual_form_shows_the_minimum() {
        assert_eq!(verb_def(Verb::Smsg).names[0].manual_form(), "SMsg");
        assert_eq!(opt_def(Opt::Priority).keyword.manual_form(), "PRIOrity");
    }
}
