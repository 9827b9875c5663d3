//! `Session`: one console. It owns the engine (and through it the clock), the current user,
//! what the console remembers for each VM (next MID, data area, the SEND interrupts it was
//! presented), and the records of the last line. `feed` takes one line and gives an
//! [`Outcome`]; the renderers read the outcome, which borrows the session until the next line.

use super::command::{Command, Line};
use super::messages::{ConsoleError, CpMsg, Reason};
use super::parse;

// The command processor is the session's own code: a child module, so that it alone shares
// the session's private state. (Its file stays beside this one.)
#[path = "exec/mod.rs"]
mod exec;
use crate::cp::{Clock, Cp, Emsg, Event, Tod};
use crate::vmcf::Userid;
use std::collections::{HashMap, VecDeque};

/// The console's data area starts here in every VM (docs/console.md#options).
pub const DATA_AREA: u32 = 0x20000;
/// Where console VMCF commands store their VMCPARM: the doubleword-aligned 40 bytes just below
/// the data area, so that the parameter list never overwrites data the area handed out.
pub const PLIST_SLOT: u32 = DATA_AREA - crate::vmcf::Vmcparm::LEN as u32;
/// The longest input line the console takes, in bytes (docs/decisions.md#a-console-lines-length). A
/// 3270 gave CP at most 134 characters and DIAGNOSE X'08' 132 (docs/decisions.md#d16); CP never saw
/// more, so it has no error for it. vmcfsim's lines are not a terminal's: a VMCF or DIAG line
/// stands for a program's parameter list and a DATA literal for its buffer, so they are routinely
/// longer, and the one place CP's input limit shows is message text, cut where CP's line ends
/// ([`CP_LINE`](super::parse::CP_LINE)). This limit only bounds memory: a line is held whole while it runs, so a script
/// with no line ends must not be read into memory whole. 1M holds a 512K hex literal. A longer
/// line is rejected with `DMKCFC002E INVALID OPERAND` naming the limit, and the replay reads no
/// more of it than this (see `run`).
pub const LINE_MAX: usize = 1 << 20;
/// SEND interrupts remembered per VM for RECEIVE's default length. Messages are found by
/// (source, MID), newest first; older entries fall off, so memory stays bounded.
const ANNOUNCED: usize = 256;

/// What the console keeps for one logged-on VM.
#[derive(Debug, Clone)]
pub(crate) struct VmConsole {
    /// The MID the next SEND without MID takes.
    pub next_mid: u32,
    /// The next free byte of the data area.
    pub area: u32,
    /// (source, MID, length) of SEND and SEND/RECV interrupts presented, newest last.
    pub announced: VecDeque<(Userid, u32, u32)>,
}

impl VmConsole {
    fn new() -> VmConsole {
        VmConsole {
            next_mid: 1,
            area: DATA_AREA,
            announced: VecDeque::new(),
        }
    }
}

/// A CP response the console writes, as data; `render` gives it words and layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Response {
    /// QUERY NAMES: each user, and whether it is disconnected (`DSC`).
    Names(Vec<(Userid, bool)>),
    /// QUERY userid, and whether it is disconnected.
    User(Userid, bool),
    /// QUERY USERS.
    Users(usize),
    /// QUERY SET: every setting the VM has.
    Set {
        msg: bool,
        wng: bool,
        emsg: Emsg,
        imsg: bool,
        smsg: bool,
    },
    /// SYSTEM RESET, or SYSTEM CLEAR (`cleared`).
    SystemReset { cleared: bool },
    /// IPL of `device` (as typed, upper case): vmcfsim has no operating system to load.
    Ipl { device: String, cleared: bool },
    /// QUERY TIME; `connect` is seconds since the user's logon.
    Time { now: Tod, connect: Option<u64> },
    /// QUERY STORAGE.
    Storage(u32),
    /// DISPLAY: `length` bytes from `address` (already rounded as CP rounds and checked against
    /// the storage size); the renderer reads them.
    Display {
        translate: bool,
        address: u32,
        length: u32,
    },
    /// Where a VMCF command put a DATA literal or a buffer.
    Placed {
        what: Placed,
        address: u32,
        length: u32,
    },
    /// HELP text, one line each.
    Help(String),
}

/// What the console placed in storage for a VMCF command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placed {
    Data,
    ReplyBuffer,
    ReceiveBuffer,
}

/// One thing the last line produced, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Record {
    /// The engine event at this index of `cp.events()` (never an `Event::Error`).
    Event(usize),
    /// A response on `user`'s terminal (`None`: the terminal nobody is logged on at).
    Response {
        user: Option<Userid>,
        response: Response,
    },
    /// An error on `user`'s terminal.
    Error {
        user: Option<Userid>,
        error: ConsoleError,
    },
}

/// One console: a CP, the current user, the clock.
///
/// Its fields are private to this module and to the command processor (`exec/`, a child
/// module of this one: it is the session's own code for carrying a command out).
pub struct Session {
    cp: Cp,
    current: Option<Userid>,
    vms: HashMap<Userid, VmConsole>,
    records: Vec<Record>,
    /// Engine events already turned into records.
    seen: usize,
    /// The module whose messages engine errors become (the running command's).
    module: &'static str,
    /// What the parser made of the last line's spans, for the echo's tones.
    marks: Vec<(super::command::Span, parse::Highlight)>,
    /// The last line was SHUTDOWN.
    shutdown: bool,
    /// Where each VM's terminal is, for QUERY NAMES (absent: the one console, `CONS`).
    terminals: HashMap<Userid, Terminal>,
}

/// Where a logged-on VM's terminal is, as QUERY NAMES and QUERY userid show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    /// The one simulated console (`CONS`).
    Console,
    /// A terminal at this device address (`0C1`). Whether the VM is disconnected is the
    /// engine's (`DSC` then, whatever this says).
    Device(u16),
}

/// What the parser made of a line, for the JSON `command` event and for diagrams, so that no
/// reader of the output has to interpret the line's text again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// The verb's full name; `None` for a blank line, a comment, or a line the parser rejected.
    verb: Option<&'static str>,
    /// Whom the command acted as (see [`Outcome::acting`]).
    acting: Option<Userid>,
    /// LOGON: the userid it names.
    logon: Option<Userid>,
    /// LOGOFF: the user it logs off; FORCE: the user it forces off.
    logoff: Option<Userid>,
    /// A comment: where its text starts (after the `*`).
    comment: Option<usize>,
    /// Where the verb starts (after any `userid:` prefix).
    verb_at: Option<usize>,
}

impl Summary {
    /// Nothing parsed: the line acted, if at all, as the current user.
    fn unparsed(current: Option<Userid>) -> Summary {
        Summary {
            acting: current,
            ..Summary::default()
        }
    }

    fn of(line: &Line, current: Option<Userid>, cp: &Cp) -> Summary {
        let prefix = line.prefix.as_ref().map(|p| p.0);
        // A prefix naming nobody logged on is refused: the line acted as nobody.
        let named = match prefix {
            Some(u) => Some(u).filter(|u| cp.is_logged_on(*u)),
            None => current,
        };
        let (acting, logon, logoff) = match line.command {
            // LOGON acts for the VM it logs on (with a prefix it is refused).
            Command::Logon(u) if prefix.is_none() => (Some(u), Some(u), None),
            Command::Logon(u) => (named, Some(u), None),
            Command::Logoff => (named, None, named),
            // FORCE logs another VM off (refused for oneself or one not logged on).
            Command::Force(u, _) if cp.is_logged_on(u) && named.is_some_and(|n| n != u) => {
                (named, None, Some(u))
            }
            _ => (named, None, None),
        };
        Summary {
            verb: line.command.verb_name(),
            acting,
            logon,
            logoff,
            comment: matches!(line.command, Command::Comment).then_some(line.verb_span.end),
            verb_at: line
                .command
                .verb()
                .is_some()
                .then_some(line.verb_span.start),
        }
    }
}

/// What one input line did. It borrows the session: render it before feeding the next line.
pub struct Outcome<'a> {
    session: &'a Session,
    prompt: String,
    line_no: usize,
    text: String,
    user: Option<Userid>,
    accepted: bool,
    quit: bool,
    summary: Summary,
}

impl Session {
    /// A session with nobody logged on.
    pub fn new(clock: Box<dyn Clock>) -> Session {
        Session {
            cp: Cp::new(clock),
            current: None,
            vms: HashMap::new(),
            records: Vec::new(),
            marks: Vec::new(),
            seen: 0,
            module: "CFC",
            shutdown: false,
            terminals: HashMap::new(),
        }
    }

    /// The prompt naming the current user: `A> `, or `> ` while nobody is current.
    pub fn prompt(&self) -> String {
        // Built by hand: a replay makes one a line, and format! of a userid costs a String more.
        let mut p = String::with_capacity(12);
        if let Some(u) = self.current {
            super::push::userid(&mut p, u);
        }
        p.push_str("> ");
        p
    }

    /// The current user.
    pub fn current_user(&self) -> Option<Userid> {
        self.current
    }

    /// The logged-on users, in logon order.
    pub fn users(&self) -> Vec<Userid> {
        self.cp.users()
    }

    /// Makes `user` current (or nobody): a front end with a terminal for each VM feeds each
    /// terminal's line as its own VM.
    pub fn set_current(&mut self, user: Option<Userid>) {
        self.current = user.filter(|u| self.cp.is_logged_on(*u));
    }

    /// Says where `user`'s terminal is, for QUERY NAMES and QUERY userid.
    pub fn set_terminal(&mut self, user: Userid, terminal: Terminal) {
        if terminal == Terminal::Console {
            self.terminals.remove(&user);
        } else {
            self.terminals.insert(user, terminal);
        }
    }

    /// Where `user`'s terminal is.
    pub fn terminal(&self, user: Userid) -> Terminal {
        self.terminals
            .get(&user)
            .copied()
            .unwrap_or(Terminal::Console)
    }

    /// DEFINE STORAGE for a logged-on VM without a command line (a directory's storage size at
    /// LOGON); `false` if the size is not one CP takes or the VM is not logged on.
    pub fn define_storage(&mut self, user: Userid, size: u32) -> bool {
        let ok = self.cp.define_storage(user, size).is_ok();
        if ok {
            let vm = self.vm_console(user);
            vm.area = DATA_AREA;
            vm.announced.clear();
        }
        self.cp.clear_events();
        ok
    }

    /// The engine, for reading state (tests, tools).
    pub fn cp(&self) -> &Cp {
        &self.cp
    }

    /// Disconnects `user` as a front end does when its terminal's connection drops: exactly
    /// the line `userid: DISCONN` fed as line `line_no` (so the transcript and JSON show it,
    /// with `DISCONNECT AT ...` on the VM's terminal). The VM stays logged on and running; a
    /// later `LOGON userid` from any terminal reconnects it. Disconnecting a VM that is not
    /// logged on, or is disconnected already, is refused as that line would be.
    pub fn disconnect(&mut self, line_no: usize, user: Userid) -> Outcome<'_> {
        let line = format!("{user}: DISCONN");
        self.feed(line_no, line.as_bytes())
    }

    /// Whether `user` is logged on and disconnected (DISCONN, or [`Session::disconnect`]).
    pub fn is_disconnected(&self, user: Userid) -> bool {
        self.cp.is_disconnected(user)
    }

    /// `len` bytes of `user`'s storage from `address`, as they are now; `None` when the user is
    /// not logged on or the range passes the end of its storage. For checking scripts
    /// (`*= A: STORAGE ...`) and tools; the console's own DISPLAY reads the engine directly.
    pub fn storage(&self, user: Userid, address: u32, len: u32) -> Option<Vec<u8>> {
        // Checked before allocating: a length from outside must not size the buffer unchecked.
        let size = self.cp.vm(user)?.storage().size();
        if u64::from(address) + u64::from(len) > u64::from(size) {
            return None;
        }
        let mut out = vec![0; usize::try_from(len).ok()?];
        self.cp.fetch(user, address, &mut out).ok()?;
        Some(out)
    }

    /// Runs one input line (`line_no` is 1-based, for messages and JSON). Any bytes are accepted:
    /// non-UTF-8 input gets CP's error, never a panic. A trailing line end is ignored.
    pub fn feed(&mut self, line_no: usize, line: &[u8]) -> Outcome<'_> {
        self.cp.clear_events();
        self.records.clear();
        self.marks.clear();
        self.seen = 0;
        self.module = "CFC";
        self.shutdown = false;
        // The fixed clock moves one second a line, before the line runs.
        self.cp.tick();
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let prompt = self.prompt();
        let mut user = self.current;
        let mut quit = false;
        let mut summary = Summary::unparsed(self.current);
        if line.len() > LINE_MAX {
            return self.too_long(line_no, line, prompt);
        }
        let text = match std::str::from_utf8(line) {
            Ok(s) => {
                let parsed = parse::parse(s);
                self.marks = parsed.marks;
                match parsed.result {
                    Ok(l) => {
                        user = l.prefix.as_ref().map(|p| p.0).or(self.current);
                        summary = Summary::of(&l, self.current, &self.cp);
                        quit = self.execute(s, l);
                    }
                    Err(e) => self.error(self.current, e),
                }
                s.to_string()
            }
            Err(e) => {
                let text = String::from_utf8_lossy(line).into_owned();
                let at = e.valid_up_to();
                let bad = line[at];
                // The lossy text has U+FFFD (3 bytes) where the bad bytes were.
                let err = ConsoleError::new("CFC", CpMsg::InvalidOperand(format!("X'{bad:02X}'")))
                    .at(at..at + 3, Reason::NotUtf8(bad));
                self.error(self.current, err);
                text
            }
        };
        self.remember_announcements();
        let accepted = !self
            .records
            .iter()
            .any(|r| matches!(r, Record::Error { .. }));
        Outcome {
            session: self,
            prompt,
            line_no,
            text,
            user,
            accepted,
            quit,
            summary,
        }
    }

    /// A line past [`LINE_MAX`]: rejected unread, its first `LINE_MAX` bytes kept as its text.
    fn too_long(&mut self, line_no: usize, line: &[u8], prompt: String) -> Outcome<'_> {
        let text = String::from_utf8_lossy(&line[..LINE_MAX]).into_owned();
        // The caret goes under the end of what was kept: the limit is where the line went wrong.
        let at = text.len();
        let err = ConsoleError::new(
            "CFC",
            CpMsg::InvalidOperand(format!("LINE LONGER THAN {LINE_MAX} BYTES")),
        )
        .at(at..at, Reason::LineTooLong);
        self.error(self.current, err);
        Outcome {
            session: self,
            prompt,
            line_no,
            text,
            user: self.current,
            accepted: false,
            quit: false,
            summary: Summary::unparsed(self.current),
        }
    }

    pub(crate) fn error(&mut self, user: Option<Userid>, error: ConsoleError) {
        self.records.push(Record::Error { user, error });
    }

    pub(crate) fn respond(&mut self, user: Option<Userid>, response: Response) {
        self.records.push(Record::Response { user, response });
    }

    /// Turns the engine events since the last call into records; engine errors become CP
    /// messages of the running command's module.
    pub(crate) fn sync(&mut self) {
        let events = self.cp.events().events();
        for (i, e) in events.iter().enumerate().skip(self.seen) {
            self.records.push(match e {
                Event::Error { user, error } => Record::Error {
                    user: Some(*user),
                    error: ConsoleError::new(self.module, CpMsg::from_cp(*error)),
                },
                _ => Record::Event(i),
            });
        }
        self.seen = events.len();
    }

    /// The console state of a logged-on VM (made on first use).
    pub(crate) fn vm_console(&mut self, user: Userid) -> &mut VmConsole {
        self.vms.entry(user).or_insert_with(VmConsole::new)
    }

    pub(crate) fn forget(&mut self, user: Userid) {
        self.vms.remove(&user);
        self.terminals.remove(&user);
    }

    pub(crate) fn fresh(&mut self, user: Userid) {
        self.vms.insert(user, VmConsole::new());
    }

    /// Notes the SEND and SEND/RECV interrupts presented by this line, for RECEIVE's default
    /// length.
    fn remember_announcements(&mut self) {
        let events = self.cp.events().events();
        for e in events {
            if let Event::Interrupt { user, header, .. } = e
                && !header.is_response()
                && matches!(header.func, 2 | 3)
            {
                let vm = self.vms.entry(*user).or_insert_with(VmConsole::new);
                if vm.announced.len() == ANNOUNCED {
                    vm.announced.pop_front();
                }
                vm.announced
                    .push_back((header.user, header.mid, header.lena));
            }
        }
    }

    /// The length the newest SEND interrupt from `source` with `mid` announced to `user`.
    pub(crate) fn announced(&self, user: Userid, source: Userid, mid: u32) -> Option<u32> {
        self.vms.get(&user).and_then(|vm| {
            vm.announced
                .iter()
                .rev()
                .find(|(s, m, _)| *s == source && *m == mid)
                .map(|a| a.2)
        })
    }

    /// Hands out `len` bytes of `user`'s data area: the next doubleword, or X'20000' again when
    /// the item would pass the end of storage. `Err` gives the first address that does not fit.
    pub(crate) fn allocate(&mut self, user: Userid, len: u32) -> Result<u32, u32> {
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        let vm = self.vm_console(user);
        let fits = |a: u32| u64::from(a) + u64::from(len) <= u64::from(size);
        let next = vm.area.next_multiple_of(8);
        let at = if fits(next) {
            next
        } else if fits(DATA_AREA) {
            DATA_AREA
        } else {
            let beyond = u64::from(DATA_AREA) + u64::from(len.max(1)) - 1;
            return Err(beyond.max(u64::from(size)).min(u64::from(u32::MAX)) as u32);
        };
        vm.area = at + len;
        Ok(at)
    }
}

impl Outcome<'_> {
    /// False when the line was rejected (a parse error or a CP error).
    pub fn accepted(&self) -> bool {
        self.accepted
    }

    /// The line asked to end the session (`QUIT`).
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// The line was SHUTDOWN (it also ends the session, as [`Outcome::quit`]).
    pub fn shutdown(&self) -> bool {
        self.session.shutdown
    }

    /// The 1-based line number it was fed with.
    pub fn line_no(&self) -> usize {
        self.line_no
    }

    /// The line as typed (non-UTF-8 bytes replaced).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The user the line acted as (`userid:` prefix, else the current user), if any.
    pub fn user(&self) -> Option<Userid> {
        self.user
    }

    /// The full name of the line's verb as the console's table spells it (`LOGON` for `L`);
    /// `None` for a blank line, a comment, or a line the parser rejected.
    pub fn verb(&self) -> Option<&'static str> {
        self.summary.verb
    }

    /// Whom the command acted as: the `userid:` prefix (`None` if it names nobody logged on),
    /// else the current user; a LOGON acts as the VM it logs on. `None`: nobody.
    pub fn acting(&self) -> Option<Userid> {
        self.summary.acting
    }

    /// The userid a LOGON (or LOGIN) names, whether or not CP let it log on.
    pub fn logged_on(&self) -> Option<Userid> {
        self.summary.logon
    }

    /// The user a LOGOFF logs off (`None` when it acted for nobody), or the one FORCE logs off.
    pub fn logged_off(&self) -> Option<Userid> {
        self.summary.logoff
    }

    /// Where the command starts in [`text`](Self::text), after any `userid:` prefix: the
    /// byte offset of its verb (`None` when [`verb`](Self::verb) is).
    pub fn verb_at(&self) -> Option<usize> {
        self.summary.verb_at
    }

    /// A comment line's text after its `*`, trimmed.
    pub fn comment(&self) -> Option<&str> {
        self.summary
            .comment
            .map(|at| self.text.get(at..).unwrap_or("").trim())
    }

    /// The prompt the line was typed after.
    pub fn prompt(&self) -> &str {
        &self.prompt
    }

    /// The spans of the line as typed and what the parser took each for.
    pub(crate) fn marks(&self) -> &[(super::command::Span, parse::Highlight)] {
        &self.session.marks
    }

    /// `SET EMSG` of `user` (the default, ON, for the terminal nobody is logged on at): the
    /// renderer applies it; the JSON events are the same whatever it is.
    pub fn emsg(&self, user: Option<Userid>) -> Emsg {
        user.and_then(|u| self.session.cp.vm(u))
            .map_or(Emsg::On, |vm| vm.emsg())
    }

    /// `SET IMSG` of `user` (ON for the terminal nobody is logged on at).
    pub fn imsg(&self, user: Option<Userid>) -> bool {
        user.and_then(|u| self.session.cp.vm(u))
            .is_none_or(|vm| vm.imsg())
    }

    /// Where `user`'s terminal is (QUERY NAMES).
    pub(crate) fn terminal(&self, user: Userid) -> Terminal {
        self.session.terminal(user)
    }

    pub(crate) fn records(&self) -> &[Record] {
        &self.session.records
    }

    pub(crate) fn events(&self) -> &[Event] {
        self.session.cp.events().events()
    }

    pub(crate) fn bytes(&self, span: crate::cp::EventData) -> &[u8] {
        self.session.cp.events().bytes(span)
    }

    /// Reads `out.len()` bytes of `user`'s storage at `address` as they are after the line
    /// (what DISPLAY shows); false if they are not all there. Storage cannot change while the
    /// outcome lives: it borrows the session.
    pub(crate) fn storage(&self, user: Userid, address: u32, out: &mut [u8]) -> bool {
        self.session.cp.fetch(user, address, out).is_ok()
    }
}
