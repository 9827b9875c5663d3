//! The command processor: carries out a parsed [`Line`] on the engine as the acting user, and
//! records what happened (engine events, CP responses, errors) in order. VMCF commands become a
//! VMCPARM stored in the VM's storage and go through the same `diagnose_68` as `DIAG 68`.
//!
//! `storage` carries out DISPLAY and STORE, `vmcf` the VMCF commands; this module carries out
//! the rest and keeps the data area both of them use.

mod storage;
mod vmcf;

use super::{DATA_AREA, Response, Session};
use crate::console::command::*;
use crate::console::messages::{ConsoleError, CpMsg, Reason};
use crate::console::{parse, verbs};
use crate::vmcf::Userid;

impl Session {
    /// Runs a parsed line (`input` is the line as typed); returns whether it was QUIT.
    /// The parser has read the line; an error that quotes a word as typed asks the parser for
    /// it (`input` is the line the parser read).
    pub(crate) fn execute(&mut self, input: &str, line: Line) -> bool {
        let acting = match &line.prefix {
            Some((u, span)) => {
                if !self.cp.is_logged_on(*u) {
                    let e = ConsoleError::new("CFC", CpMsg::NotLoggedOn(*u))
                        .at(span.clone(), Reason::PrefixNotLoggedOn);
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
                    None => Reason::NobodyLoggedOn,
                    Some(u) => Reason::NoCurrentUser(*u),
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
                        .at(span, Reason::LogonForNobody);
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
            Command::Smsg { to, text, room } => {
                let to = target(to, user);
                let _ = self.cp.smsg(user, to, &text[..text.len().min(room)]);
                self.sync();
            }
            Command::Msg { to, text, room } => {
                let to = target(to, user);
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
            Command::Warning {
                to,
                span,
                text,
                room,
            } => {
                if to == user {
                    let e = ConsoleError::new("MSG", CpMsg::UseridMissing)
                        .at(span, Reason::WarningToAnother);
                    self.error(acting, e);
                    return false;
                }
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
                        .at(span, Reason::ForceAnother);
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
                hexloc,
                items,
                odd_digit,
            } => self.store(user, input, (address, hexloc), &items, odd_digit),
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

    /// Reserves `len` bytes of the data area, or records why not (pointing at `span`).
    fn area(
        &mut self,
        user: Userid,
        len: u32,
        span: Option<&Span>,
        what: &'static str,
    ) -> Option<u32> {
        match self.allocate(user, len) {
            Ok(a) => Some(a),
            Err(bad) => {
                let e = ConsoleError::new("VMC", CpMsg::ExceedsStorage(bad))
                    .because(span.cloned(), Reason::AreaFull { what, len });
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
}

fn target(t: Target, me: Userid) -> Userid {
    match t {
        Target::Me => me,
        Target::User(u) => u,
    }
}
