//! The command processor: carries out a parsed [`Line`] on the engine as the acting user, and
//! records what happened (engine events, CP responses, errors) in order. VMCF commands become a
//! VMCPARM stored in the VM's storage and go through the same `diagnose_68` as `DIAG 68`.

use super::{CP_LINE, DATA_AREA, PLIST_SLOT, Placed, Response, Session};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, hexloc};
use crate::console::{parse, verbs};
use crate::vmcf::{Subfunction, Userid, Vmcmhdr, Vmcparm, vmcpflg1};

/// AUTHORIZE's defaults (docs/console.md#vmcf-commands): a 40-byte buffer at X'1000'.
const DEFAULT_BUFFER: u32 = 0x1000;
const DEFAULT_BUFFER_LEN: u32 = Vmcmhdr::LEN as u32;

impl Session {
    /// Runs a parsed line (`input` is the line as typed); returns whether it was QUIT.
    /// The parser has read the line; an error that quotes a word as typed asks the parser for
    /// it (`input` is the line the parser read).
    pub(crate) fn execute(&mut self, input: &str, line: Line) -> bool {
        let acting = match &line.prefix {
            Some((u, span)) => {
                if !self.cp.is_logged_on(*u) {
                    let e = ConsoleError::new("CFC", CpMsg::NotLoggedOn(*u))
                        .at(span.clone(), "userid: must name a logged-on VM");
                    self.error(self.current, e);
                    return false;
                }
                Some(*u)
            }
            None => self.current,
        };
        if let Some(v) = line.command.verb() {
            self.module = verbs::verb_def(v).module;
        }
        let needs_user = line.command.needs_user();
        let user = match acting {
            Some(u) => u,
            None if needs_user => {
                // With users logged on but none current (after a LOGOFF), say how to pick one.
                let users = self.cp.users();
                let why = match users.first() {
                    None => "nobody is logged on: LOGON first".to_string(),
                    Some(u) => format!(
                        "no current user: LOGON {u} makes {u} current, or {u}: command runs one"
                    ),
                };
                let e = ConsoleError::new(
                    "CFC",
                    CpMsg::UnknownCommand(parse::verb_as_typed(input, &line)),
                )
                .at(line.verb_span, why);
                self.error(None, e);
                return false;
            }
            // Only commands that need no user get here without one; they do not read `user`.
            None => Userid::SYSTEM,
        };
        match line.command {
            Command::Empty | Command::Comment => {}
            Command::Quit => return true,
            Command::Shutdown => {
                self.shutdown = true;
                return true;
            }
            Command::Help(topic) => {
                let words: Vec<&str> = topic.iter().map(String::as_str).collect();
                // The parser refused a topic HELP does not have.
                if let Some(h) = crate::console::help::topic(&words) {
                    self.respond(acting, Response::Help(h));
                }
            }
            Command::Logon(u) => {
                if let Some((_, span)) = line.prefix {
                    let e = ConsoleError::new("LOG", CpMsg::InvalidOperand(format!("{user}:")))
                        .at(span, "LOGON acts for nobody: drop the userid: prefix");
                    self.error(acting, e);
                    return false;
                }
                if self.cp.logon(u) {
                    self.fresh(u);
                }
                self.current = Some(u);
                self.sync();
            }
            Command::Logoff => {
                if self.cp.logoff(user).is_ok() {
                    self.forget(user);
                    if self.current == Some(user) {
                        self.current = None;
                    }
                }
                self.sync();
            }
            Command::Smsg { to, text } => {
                let to = target(to, user);
                let room = cp_line_room(input, line.verb_span.start, text.len());
                let _ = self.cp.smsg(user, to, &text[..text.len().min(room)]);
                self.sync();
            }
            Command::Msg { to, text } => {
                let to = target(to, user);
                let room = cp_line_room(input, line.verb_span.start, text.chars().count());
                let cut = text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
                let _ = self.cp.msg(user, to, &text[..cut]);
                self.sync();
            }
            Command::SetMsg(on) => {
                let _ = self.cp.set_msg(user, on);
                self.sync();
            }
            Command::SetWng(on) => {
                let _ = self.cp.set_wng(user, on);
                self.sync();
            }
            Command::SetEmsg(e) => {
                let _ = self.cp.set_emsg(user, e);
                self.sync();
            }
            Command::SetImsg(on) => {
                let _ = self.cp.set_imsg(user, on);
                self.sync();
            }
            Command::Warning { to, span, text } => {
                if to == user {
                    let e = ConsoleError::new("MSG", CpMsg::UseridMissing).at(
                        span,
                        "WARNING goes to another user: MSG * writes to yourself",
                    );
                    self.error(acting, e);
                    return false;
                }
                let room = cp_line_room(input, line.verb_span.start, text.chars().count());
                let cut = text.char_indices().nth(room).map_or(text.len(), |(i, _)| i);
                let _ = self.cp.warning(user, to, &text[..cut]);
                self.sync();
            }
            Command::Disconn => {
                if self.cp.disconnect(user).is_ok() && self.current == Some(user) {
                    // The terminal is free again: nobody is current until the next LOGON.
                    self.current = None;
                }
                self.sync();
            }
            Command::Force(target_user, span) => {
                if target_user == user {
                    let e = ConsoleError::new("CFC", CpMsg::UseridMissing)
                        .at(span, "FORCE logs off another VM: LOGOFF ends your own");
                    self.error(acting, e);
                    return false;
                }
                if self.cp.force(user, target_user).is_ok() {
                    self.forget(target_user);
                    if self.current == Some(target_user) {
                        self.current = None;
                    }
                }
                self.sync();
            }
            Command::System { clear } => {
                if self.cp.system_reset(user, clear).is_ok() {
                    self.after_reset(user, clear);
                    self.respond(acting, Response::SystemReset { cleared: clear });
                }
                self.sync();
            }
            Command::Ipl { device, clear } => {
                if self.cp.system_reset(user, clear).is_ok() {
                    self.after_reset(user, clear);
                    self.respond(
                        acting,
                        Response::Ipl {
                            device,
                            cleared: clear,
                        },
                    );
                }
                self.sync();
            }
            Command::SetSmsg(on) => {
                let _ = self.cp.set_smsg(user, on);
                self.sync();
            }
            Command::Query(q) => self.query(acting, q),
            Command::DefineStorage(size) => {
                if self.cp.define_storage(user, size).is_ok() {
                    self.after_reset(user, true);
                }
                self.sync();
            }
            Command::Display(requests) => self.display(user, &requests),
            Command::Store {
                address,
                items,
                odd_digit,
            } => {
                // The hexloc is the word after the verb.
                let from = input.len() - input[line.verb_span.end..].trim_start().len();
                let to = input[from..]
                    .find([' ', '\t'])
                    .map_or(input.len(), |n| from + n);
                self.store(user, input, (address, from..to), &items, odd_digit)
            }
            Command::Vmcf(v) => self.vmcf(user, &v),
            Command::Diag68(plist) => {
                let _ = self.cp.diagnose_68(user, plist);
                self.sync();
            }
            Command::Enable => {
                let _ = self.cp.enable(user);
                self.sync();
            }
            Command::Disable => {
                let _ = self.cp.disable(user);
                self.sync();
            }
        }
        false
    }

    /// After a reset of `user`'s VM: no SEND interrupt is outstanding any more, and when storage
    /// was cleared the data area starts over.
    fn after_reset(&mut self, user: Userid, cleared: bool) {
        let vm = self.vm_console(user);
        vm.announced.clear();
        if cleared {
            vm.area = DATA_AREA;
        }
    }

    fn query(&mut self, acting: Option<Userid>, q: Query) {
        let vm = acting.and_then(|u| self.cp.vm(u));
        let response = match q {
            Query::Names => Response::Names(
                self.cp
                    .users()
                    .into_iter()
                    .map(|u| (u, self.cp.is_disconnected(u)))
                    .collect(),
            ),
            Query::Users => Response::Users(self.cp.user_count()),
            Query::Time => {
                let now = self.cp.now();
                let connect = vm.map(|vm| {
                    now.seconds_since_1900()
                        .saturating_sub(vm.logon_at().seconds_since_1900())
                });
                Response::Time { now, connect }
            }
            // Both run only for a logged-on user (checked before); say so if that ever breaks.
            Query::Set | Query::Storage => {
                let Some(vm) = vm else {
                    let who = acting.unwrap_or(Userid::SYSTEM);
                    self.error(acting, ConsoleError::new("CQG", CpMsg::NotLoggedOn(who)));
                    return;
                };
                if q == Query::Set {
                    Response::Set {
                        msg: vm.msg(),
                        wng: vm.wng(),
                        emsg: vm.emsg(),
                        imsg: vm.imsg(),
                        smsg: vm.smsg(),
                    }
                } else {
                    Response::Storage(vm.storage().size())
                }
            }
            Query::User(u) => {
                if !self.cp.is_logged_on(u) {
                    self.error(acting, ConsoleError::new("CQG", CpMsg::NotLoggedOn(u)));
                    return;
                }
                Response::User(u, self.cp.is_disconnected(u))
            }
        };
        self.respond(acting, response);
    }

    /// DISPLAY: each request in turn; the first one past the end of storage stops the command.
    fn display(&mut self, user: Userid, requests: &[DisplayRequest]) {
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        for r in requests {
            let (align, single_len) = if r.translate { (16, 16) } else { (4, 4) };
            let first = r.first / align * align;
            let last = match r.last {
                Some(l) => l,
                None if r.single => r.first.saturating_add(single_len - 1),
                None => size.saturating_sub(1),
            };
            if u64::from(r.first) >= u64::from(size) || u64::from(last) >= u64::from(size) {
                let bad = if r.first >= size { r.first } else { size };
                let e = ConsoleError::new("CDB", CpMsg::ExceedsStorage(bad)).at(
                    r.span.clone(),
                    format!("storage ends at {}", hexloc(size.saturating_sub(1))),
                );
                self.error(Some(user), e);
                return;
            }
            // CP shows whole words (L) or whole lines (T), cut at the end of storage.
            let end = (u64::from(last) / u64::from(align) + 1) * u64::from(align);
            let end = end.min(u64::from(size)) as u32;
            self.respond(
                Some(user),
                Response::Display {
                    translate: r.translate,
                    address: first,
                    length: end - first,
                },
            );
        }
    }

    /// STORE: all operands from `address` (the hexloc typed at `typed`), or none. CP's manual
    /// does not say what a STORE running off the end of storage leaves; a command that fails
    /// with nothing changed is what a user can reason about, so the whole extent is checked
    /// before the first byte is stored.
    fn store(
        &mut self,
        user: Userid,
        input: &str,
        (address, typed): (u32, Span),
        items: &[StoreItem],
        odd_digit: Option<Span>,
    ) {
        let bytes = |item: &StoreItem| match item {
            StoreItem::Word(b) | StoreItem::Bytes(b) => b.len() as u64,
        };
        let total: u64 = items.iter().map(bytes).sum();
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        if u64::from(address) + total > u64::from(size) {
            let word = &input[typed.clone()];
            let digits = word.trim_start_matches(['L', 'l', 'S', 's']);
            let shown = u32::from_str_radix(digits, 16).unwrap_or(address);
            let last = u64::from(size).saturating_sub(1);
            let e = ConsoleError::new("CDS", CpMsg::ExceedsStorage(shown)).at(
                typed,
                format!(
                    "{total} bytes from here pass the end of storage ({last:06X}): none stored"
                ),
            );
            self.error(Some(user), e);
            return;
        }
        let mut at = address;
        for item in items {
            let bytes = match item {
                StoreItem::Word(b) | StoreItem::Bytes(b) => b,
            };
            let ok = self.cp.store(user, at, bytes).is_ok();
            self.sync();
            if !ok {
                return;
            }
            at = at.saturating_add(bytes.len() as u32);
        }
        if let Some(span) = odd_digit {
            let shown = parse::word_as_typed(input, &span);
            let e = ConsoleError::new("CDS", CpMsg::InvalidHexdata(shown))
                .at(span, "odd number of digits: the last one was not stored");
            self.error(Some(user), e);
        }
    }

    /// Reserves `len` bytes of the data area, or records why not (pointing at `span`).
    fn area(&mut self, user: Userid, len: u32, span: Option<&Span>, what: &str) -> Option<u32> {
        match self.allocate(user, len) {
            Ok(a) => Some(a),
            Err(bad) => {
                let e = ConsoleError {
                    span: span.cloned(),
                    reason: Some(format!(
                        "{what} of {len} bytes does not fit between X'{DATA_AREA:X}' and the end \
                         of storage; use AT or DEFINE STORAGE"
                    )),
                    ..ConsoleError::new("VMC", CpMsg::ExceedsStorage(bad))
                };
                self.error(Some(user), e);
                None
            }
        }
    }

    /// Stores bytes for a VMCF command; false (with the engine's error recorded) if they do not
    /// fit.
    fn put(&mut self, user: Userid, at: u32, bytes: &[u8]) -> bool {
        let ok = self.cp.store(user, at, bytes).is_ok();
        self.sync();
        ok
    }

    /// A VMCF console command: builds the VMCPARM, places literals and buffers, stores the list at
    /// [`PLIST_SLOT`] and issues DIAGNOSE X'68' on it.
    fn vmcf(&mut self, user: Userid, v: &VmcfCommand) {
        let sub = v.subfunction();
        let mut p = Vmcparm::new(sub);
        if let Some(partner) = v.partner {
            p.user = partner;
        }
        if v.specific {
            p.flg1 |= vmcpflg1::VMCPAUTS;
        }
        if v.priority {
            p.flg1 |= vmcpflg1::VMCPPRTY;
        }
        if v.smsg {
            p.flg1 |= vmcpflg1::VMCPSMSG;
        }
        if let Some(dw) = v.use_dw {
            p.use_dw = dw;
        }
        let size = self.cp.vm(user).map_or(0, |vm| vm.storage().size());
        if u64::from(PLIST_SLOT) + Vmcparm::LEN as u64 > u64::from(size) {
            let e = ConsoleError {
                reason: Some(format!(
                    "the console's VMCPARM goes at X'{PLIST_SLOT:X}': DEFINE STORAGE 128K or more, \
                     or STORE a VMCPARM and use DIAG 68"
                )),
                ..ConsoleError::new("VMC", CpMsg::ExceedsStorage(PLIST_SLOT))
            };
            self.error(Some(user), e);
            return;
        }
        match sub {
            Subfunction::Authorize => {
                p.vada = v.at.unwrap_or(DEFAULT_BUFFER);
                p.lena = v.buf.unwrap_or(DEFAULT_BUFFER_LEN);
            }
            Subfunction::Send | Subfunction::SendRecv | Subfunction::Sendx => {
                p.mid = match v.mid {
                    Some(m) => m,
                    None => {
                        let vm = self.vm_console(user);
                        let m = vm.next_mid;
                        vm.next_mid = m.wrapping_add(1);
                        m
                    }
                };
                if !self.data(user, v, &mut p) {
                    return;
                }
                if let Some((len, at, span)) = &v.reply_buf {
                    let at = match at {
                        Some(a) => *a,
                        None => match self.area(user, *len, Some(span), "REPLYBUF") {
                            Some(a) => a,
                            None => return,
                        },
                    };
                    p.vadb = at;
                    p.lenb = *len;
                    self.placed(user, Placed::ReplyBuffer, at, *len);
                }
            }
            Subfunction::Identify | Subfunction::Reply => {
                p.mid = v.mid.unwrap_or(0);
                if !self.data(user, v, &mut p) {
                    return;
                }
            }
            Subfunction::Receive => {
                p.mid = v.mid.unwrap_or(0);
                // Without LEN, the length the SEND interrupt announced; if none was presented the
                // engine answers 12 or 13 before it looks at the length.
                let len = v
                    .len
                    .or_else(|| self.announced(user, p.user, p.mid))
                    .unwrap_or(0);
                let at = match v.into {
                    Some(a) => a,
                    None => match self.area(user, len, None, "the receive buffer") {
                        Some(a) => a,
                        None => return,
                    },
                };
                p.vada = at;
                p.lena = len;
                self.placed(user, Placed::ReceiveBuffer, at, len);
            }
            Subfunction::Reject | Subfunction::Cancel => p.mid = v.mid.unwrap_or(0),
            Subfunction::Unauthorize | Subfunction::Quiesce | Subfunction::Resume => {}
        }
        if !self.put(user, PLIST_SLOT, &p.encode()) {
            return;
        }
        let _ = self.cp.diagnose_68(user, PLIST_SLOT);
        self.sync();
    }

    /// Fills VMCPVADA and VMCPLENA from the command's data, storing a literal first.
    fn data(&mut self, user: Userid, v: &VmcfCommand, p: &mut Vmcparm) -> bool {
        match &v.data {
            None => true,
            Some((Data::Addr { address, len }, _)) => {
                p.vada = *address;
                p.lena = *len;
                true
            }
            Some((Data::Literal { bytes, at }, span)) => {
                let len = bytes.len() as u32;
                let at = match at {
                    Some(a) => *a,
                    None => match self.area(user, len, Some(span), "DATA") {
                        Some(a) => a,
                        None => return false,
                    },
                };
                if !self.put(user, at, bytes) {
                    return false;
                }
                p.vada = at;
                p.lena = len;
                self.placed(user, Placed::Data, at, len);
                true
            }
        }
    }

    fn placed(&mut self, user: Userid, what: Placed, address: u32, length: u32) {
        self.respond(
            Some(user),
            Response::Placed {
                what,
                address,
                length,
            },
        );
    }
}

/// DECISION docs/decisions.md#d16: the characters of message text CP takes. CP read at most [`CP_LINE`] characters
/// of a line; the text is what remains after the command and the userid as typed (`SM A `
/// leaves 129, `SMSG LONGUSER ` 120). CP's line starts at the verb: the console's `userid:`
/// prefix is not part of it. `text_chars` is the length of the text, which ends the line.
fn cp_line_room(input: &str, verb_start: usize, text_chars: usize) -> usize {
    let before_text = input[verb_start..].chars().count() - text_chars;
    CP_LINE.saturating_sub(before_text)
}

fn target(t: Target, me: Userid) -> Userid {
    match t {
        Target::Me => me,
        Target::User(u) => u,
    }
}
