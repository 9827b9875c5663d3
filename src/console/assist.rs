//! What the REPL asks of the console while a line is typed: completion of the word at the
//! cursor and highlighting of the words so far. Both read the same tables and parser as the
//! command processor, so the REPL never offers a word the console would refuse.

use super::parse::{self, Highlight};
use super::session::Session;
use super::verbs::{self, Opt, Verb};
use std::ops::Range;

/// Completion candidates for the REPL: `(start, words)` where `start` is the byte offset in
/// `line` of the word being completed at `pos`. Verbs, VMCF subfunctions and options, userids.
/// Candidates follow the case of what was typed.
pub fn complete(session: &Session, line: &str, pos: usize) -> (usize, Vec<String>) {
    let users: Vec<String> = session.users().iter().map(|u| u.to_string()).collect();
    complete_among(&users, line, pos)
}

/// [`complete`] with the logged-on `users` given, for a front end whose session is elsewhere
/// (`vmcfsim serve`'s system console, whose session lives in another task).
pub fn complete_among(users: &[String], line: &str, pos: usize) -> (usize, Vec<String>) {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    // The parser's own reading of the line so far: its tokens, its prefix, its quotes.
    let Some((words, start)) = parse::words_before(line, pos) else {
        return (pos, Vec::new());
    };
    let before = &line[..pos];
    let word = &before[start..];
    let mut cands: Vec<String> = candidates(&words, users);
    cands.retain(|c| c.len() >= word.len() && c[..word.len()].eq_ignore_ascii_case(word));
    if !word.is_empty() && word.chars().all(|c| !c.is_ascii_uppercase()) {
        for c in &mut cands {
            *c = c.to_ascii_lowercase();
        }
    }
    cands.sort();
    cands.dedup();
    (start, cands)
}

fn names(list: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    list.into_iter().map(str::to_string).collect()
}

/// The words that may come next after `words` (upper case).
fn candidates(words: &[&str], users: &[String]) -> Vec<String> {
    let Some((first, rest)) = words.split_first() else {
        let mut v = names(verbs::VERBS.iter().map(|v| v.name()));
        v.extend(users.iter().map(|u| format!("{u}:")));
        return v;
    };
    let Some(verb) = verbs::verb(first) else {
        return Vec::new();
    };
    match (verb.verb, rest) {
        (Verb::Logon | Verb::Smsg | Verb::Msg | Verb::Warning | Verb::Force, []) => users.to_vec(),
        (Verb::Set, []) => names(verbs::SET_WORDS.iter().map(|k| k.name)),
        (Verb::Set, [w]) if verbs::set_word(w) == Some(verbs::SetWord::Emsg) => {
            names(verbs::EMSG_VALUES.iter().map(|k| k.name))
        }
        (Verb::Set, [_]) => names(verbs::ON_OFF.iter().map(|k| k.name)),
        (Verb::Disconn, []) => names([verbs::HOLD.name]),
        (Verb::System, []) => names(verbs::SYSTEM_WORDS.iter().map(|k| k.name)),
        (Verb::Ipl, [_]) => names([verbs::IPL_CLEAR.name, verbs::IPL_PARM.name]),
        (Verb::Ipl, [_, c]) if verbs::IPL_CLEAR.matches(c) => names([verbs::IPL_PARM.name]),
        (Verb::Query, []) => {
            let mut v = names(verbs::QUERY_WORDS.iter().map(|q| q.1.name));
            v.extend(users.iter().cloned());
            v
        }
        (Verb::Query, [v]) if verbs::query_word(v) == Some(verbs::QueryWord::Virtual) => {
            names([verbs::STORAGE.name])
        }
        (Verb::Define, []) => names([verbs::STORAGE.name]),
        (Verb::Diag, []) => names(["68"]),
        (Verb::Help, []) => {
            let mut v = names(verbs::VERBS.iter().map(|v| v.name()));
            v.extend(
                verbs::SUBFUNCTIONS
                    .iter()
                    .map(|s| s.names[0].name.to_string()),
            );
            v.extend(names([verbs::HELP_RC.name, verbs::HELP_EFLG.name]));
            v
        }
        (Verb::Help, [v]) if verbs::verb(v).is_some_and(|d| d.verb == Verb::Vmcf) => {
            names(verbs::SUBFUNCTIONS.iter().map(|s| s.names[0].name))
        }
        (Verb::Vmcf, []) => names(verbs::SUBFUNCTIONS.iter().map(|s| s.names[0].name)),
        (Verb::Vmcf, [sub, after @ ..]) => vmcf_candidates(sub, after, users),
        _ => Vec::new(),
    }
}

fn vmcf_candidates(sub: &str, after: &[&str], users: &[String]) -> Vec<String> {
    let Some(def) = verbs::subfunction(sub) else {
        return Vec::new();
    };
    let mut rest = after;
    if def.partner.is_some() {
        let Some((_, r)) = rest.split_first() else {
            return users.to_vec();
        };
        rest = r;
    }
    let opt_of = |w: &str| verbs::option(w).map(|o| o.opt);
    if let Some(last) = rest.last().copied().and_then(opt_of) {
        // The word after an option with an operand is its operand.
        match last {
            Opt::Specific => return users.to_vec(),
            Opt::Priority | Opt::Smsg => {}
            _ => return Vec::new(),
        }
    }
    let used: Vec<Opt> = rest.iter().filter_map(|w| opt_of(w)).collect();
    let mut v: Vec<String> = def
        .options
        .iter()
        .filter(|o| !used.contains(o))
        .map(|o| verbs::opt_def(*o).keyword.name.to_string())
        .collect();
    // AT may follow DATA's literal or REPLYBUF's length.
    if rest.len() >= 2
        && matches!(
            opt_of(rest[rest.len() - 2]),
            Some(Opt::Data | Opt::ReplyBuf)
        )
    {
        v.push(verbs::opt_def(Opt::At).keyword.name.to_string());
    }
    v
}

/// Spans of `line` and what they are, for the REPL's input highlighting: the parser's own
/// reading, so an error is marked where the console would report it.
pub fn highlight(line: &str) -> Vec<(Range<usize>, Highlight)> {
    parse::parse(line).marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cp::FixedClock;

    fn session(users: &[&str]) -> Session {
        let mut s = Session::new(Box::new(FixedClock::standard()));
        for (i, u) in users.iter().enumerate() {
            s.feed(i + 1, format!("LOGON {u}").as_bytes());
        }
        s
    }

    fn words(s: &Session, line: &str) -> Vec<String> {
        complete(s, line, line.len()).1
    }

    #[test]
    fn completes_verbs_subfunctions_options_and_users() {
        let s = session(&["ALICE", "BOB"]);
        assert_eq!(words(&s, "LOGO"), ["LOGOFF", "LOGON"]);
        assert_eq!(words(&s, "q"), ["query", "quit"]);
        assert_eq!(words(&s, "AL"), ["ALICE:"]);
        assert_eq!(words(&s, "VMCF SENDR"), ["SENDRECV"]);
        assert_eq!(words(&s, "VMCF SEND "), ["ALICE", "BOB"]);
        assert_eq!(
            complete(&s, "VMCF SEND B", 11),
            (10, vec!["BOB".to_string()])
        );
        assert!(words(&s, "VMCF SEND BOB ").contains(&"PRIORITY".to_string()));
        assert!(!words(&s, "VMCF SEND BOB MID 1 ").contains(&"MID".to_string()));
        assert!(words(&s, "VMCF SENDRECV BOB DATA 'x' ").contains(&"AT".to_string()));
        assert!(words(&s, "VMCF SEND BOB MID ").is_empty());
        assert_eq!(words(&s, "VMCF AUTH SPEC "), ["ALICE", "BOB"]);
        assert_eq!(words(&s, "BOB: SM"), ["SMSG"]);
        assert_eq!(words(&s, "BOB:SMSG A"), ["ALICE"]);
        assert_eq!(words(&s, "SET SMSG O"), ["OFF", "ON"]);
        assert_eq!(words(&s, "SET EM"), ["EMSG"]);
        assert_eq!(words(&s, "SET EMSG "), ["CODE", "OFF", "ON", "TEXT"]);
        assert_eq!(words(&s, "FORCE "), ["ALICE", "BOB"]);
        assert_eq!(words(&s, "W B"), ["BOB"]);
        assert_eq!(words(&s, "SYS "), ["CLEAR", "RESET"]);
        assert_eq!(words(&s, "IPL 190 CL"), ["CLEAR"]);
        assert_eq!(words(&s, "DISC "), ["HOLD"]);
        assert!(words(&s, "SMSG BOB hel").is_empty() || words(&s, "SMSG BOB hel").len() < 3);
        assert!(words(&s, "VMCF SEND BOB DATA 'ab").is_empty());
    }

    #[test]
    fn completion_reads_the_line_as_the_parser_does() {
        let s = session(&["ALICE", "BOB"]);
        // A quoted operand with blanks in it is one word: AT may follow it.
        assert!(words(&s, "VMCF SEND BOB DATA 'a b c' ").contains(&"AT".to_string()));
        assert!(words(&s, "VMCF SEND BOB DATA 'it''s' ").contains(&"AT".to_string()));
        assert!(words(&s, "  * a comment ").is_empty());
        assert!(words(&s, "BOB: * a comment ").is_empty());
        assert!(
            words(&s, "VMCF SEND BOB DATA X'C1").is_empty(),
            "inside X'...'"
        );
        assert_eq!(
            complete(&s, "BOB:", 4).0,
            4,
            "the command starts after the prefix"
        );
        assert!(words(&s, "TOOLONGNAME: Q").is_empty(), "a bad prefix");
    }

    #[test]
    fn completion_tolerates_any_position() {
        let s = session(&[]);
        assert_eq!(complete(&s, "Qé", 2).0, 0);
        assert!(complete(&s, "", 99).1.contains(&"LOGON".to_string()));
    }
}
