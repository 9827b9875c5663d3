//! A line typed at a terminal of `vmcfsim serve`, read before a session runs it. A real CP
//! terminal belongs to one VM, so it follows rules the console (one transcript that speaks for
//! every VM) does not: LOGON takes a password, a second LOGON is unknown, a line cannot act for
//! another VM with `userid:`, and the operator's commands need a privilege class. The server
//! decides with its directory; this module only reads the line, so that no front end has to.

use super::{control_characters, parse, verb_as_typed};
use crate::console::messages::{ConsoleError, CpMsg};
use crate::console::verbs::{self, Verb};
use crate::vmcf::Userid;

/// What a line typed at a terminal asks (see [`at_terminal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtTerminal {
    /// `LOGON userid [password]` at a terminal with no VM yet (CP's form; the console's LOGON
    /// takes no password).
    Logon {
        /// Who logs on.
        user: Userid,
        /// The password typed on the same line; without one, CP asks for it when the
        /// directory has one.
        password: Option<String>,
    },
    /// An operator's command: run it only for a user with one of `classes`, else say `refusal`
    /// (CP answered a command beyond a user's classes as if it did not exist).
    Privileged {
        /// One of these privilege classes is needed (`"A"`, `"AB"`).
        classes: &'static str,
        /// `DMKCFC001E ?CP: FORCE`, the verb as typed.
        refusal: ConsoleError,
    },
    /// Refused at the terminal with this message: a second LOGON, or a `userid:` prefix.
    Refused(ConsoleError),
    /// For the session to run as the terminal's VM (and refuse, if the console refuses it).
    Run,
}

/// What `text`, typed at a terminal whose VM is logged on (`logged_on`) or not, asks.
pub fn at_terminal(text: &str, logged_on: bool) -> AtTerminal {
    // A control character is refused before any word is read, at a terminal as at the console
    // (a password is no exception).
    if control_characters(text).is_err() {
        return AtTerminal::Run;
    }
    if let Some((verb, logon)) = logon_with_password(text) {
        match (logged_on, logon) {
            (false, Ok((user, password))) => return AtTerminal::Logon { user, password },
            // Already logged on: CP knows no LOGON then.
            (true, _) => {
                let msg = CpMsg::UnknownCommand(verb.to_ascii_uppercase());
                return AtTerminal::Refused(ConsoleError::new("CFC", msg));
            }
            // A bad LOGON: the console's parser says what is wrong with it.
            (false, Err(())) => return AtTerminal::Run,
        }
    }
    let Ok(line) = parse(text).result else {
        return AtTerminal::Run;
    };
    // A terminal acts only as its own VM.
    if let Some((u, _)) = &line.prefix {
        let msg = CpMsg::InvalidOperand(format!("{u}:"));
        return AtTerminal::Refused(ConsoleError::new("CFC", msg));
    }
    match line.command.privilege() {
        Some(classes) => AtTerminal::Privileged {
            classes,
            refusal: ConsoleError::new("CFC", CpMsg::UnknownCommand(verb_as_typed(text, &line))),
        },
        None => AtTerminal::Run,
    }
}

/// The LOGON verb as typed, if the line is `LOGON userid [password]` (`None`: not a LOGON at
/// all), and the logon (`Err(())`: a bad or missing userid, or operands beyond the password).
type Logon<'a> = (&'a str, Result<(Userid, Option<String>), ()>);

/// Reads `LOGON userid [password]` (see [`Logon`]).
fn logon_with_password(line: &str) -> Option<Logon<'_>> {
    let mut words = line.split_ascii_whitespace();
    let verb = words.next()?;
    if verbs::verb(verb).map(|d| d.verb) != Some(Verb::Logon) {
        return None;
    }
    let user = words.next().and_then(|w| Userid::parse(w).ok());
    let password = words.next().map(str::to_string);
    let logon = match (user, words.next()) {
        (Some(u), None) => Ok((u, password)),
        _ => Err(()),
    };
    Some((verb, logon))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str, logged_on: bool) -> String {
        match at_terminal(text, logged_on) {
            AtTerminal::Refused(e) => e.to_string(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn logon_with_password_takes_cps_form() {
        let a = Userid::parse("A").unwrap();
        assert_eq!(
            logon_with_password("logon a"),
            Some(("logon", Ok((a, None))))
        );
        assert_eq!(
            logon_with_password("L a secret"),
            Some(("L", Ok((a, Some("secret".into())))))
        );
        assert_eq!(logon_with_password("LOGON"), Some(("LOGON", Err(()))));
        assert_eq!(logon_with_password("LOGON A B C"), Some(("LOGON", Err(()))));
        assert_eq!(logon_with_password("LOGOFF"), None);
        assert_eq!(logon_with_password("Q NAMES"), None);
    }

    #[test]
    fn logon_takes_a_password_and_only_before_a_vm() {
        let alice = Userid::parse("ALICE").unwrap();
        assert_eq!(
            at_terminal("logon alice secret", false),
            AtTerminal::Logon {
                user: alice,
                password: Some("secret".into())
            }
        );
        assert_eq!(
            at_terminal("L ALICE", false),
            AtTerminal::Logon {
                user: alice,
                password: None
            }
        );
        // A bad LOGON is the console's to refuse, with its caret.
        assert_eq!(at_terminal("LOGON", false), AtTerminal::Run);
        assert_eq!(at_terminal("LOGON ALICE PW MORE", false), AtTerminal::Run);
        assert_eq!(refused("login bob", true), "DMKCFC001E ?CP: LOGIN");
        // LOGOFF is no LOGON, though LOG abbreviates both (LOGOFF comes first, as in CP).
        assert_eq!(at_terminal("LOG", true), AtTerminal::Run);
        // The console's rule for control characters comes first (the fuzz target found a
        // line feed ending a LOGON).
        assert_eq!(at_terminal("L ALICE\n", false), AtTerminal::Run);
        assert_eq!(at_terminal("L ALICE PW\x01", false), AtTerminal::Run);
    }

    #[test]
    fn a_terminal_acts_only_as_its_vm_and_operators_commands_need_a_class() {
        assert_eq!(
            refused("B: QUERY NAMES", true),
            "DMKCFC002E INVALID OPERAND - B:"
        );
        let AtTerminal::Privileged { classes, refusal } = at_terminal("force bob", true) else {
            panic!()
        };
        assert_eq!(
            (classes, refusal.to_string().as_str()),
            ("A", "DMKCFC001E ?CP: FORCE")
        );
        let AtTerminal::Privileged { classes, refusal } = at_terminal("W  BOB hi", true) else {
            panic!()
        };
        assert_eq!(
            (classes, refusal.to_string().as_str()),
            ("AB", "DMKCFC001E ?CP: W")
        );
        assert!(matches!(
            at_terminal("SHUTDOWN", true),
            AtTerminal::Privileged { classes: "A", .. }
        ));
        // Class G commands, and lines the console refuses, run.
        for text in ["SMSG BOB hi", "QUERY NAMES", "FROB", "", "* a comment"] {
            assert_eq!(at_terminal(text, true), AtTerminal::Run, "{text}");
        }
    }
}
