//! The interactive console: a rustyline editor over one console session, with completion,
//! hints, input highlighting and a history file. Owns everything the person at the terminal
//! sees besides the console's own output: the welcome line, the prompt's colour, the input
//! line's colours. Without a terminal on standard input it reads plain lines instead (tools
//! driving `vmcfsim repl --json`). Also the REPL's own command, `DIAGRAM FILE`, which draws
//! the session so far: the console never sees it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rustyline::completion::Completer;
use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{Context, Editor, Helper};
use vmcfsim::{Clock, Highlight, Lines, Session, Tone, highlight};

use crate::draw::{self, DiagramFile, Recorder};
use crate::palette;
use crate::run::{self, Failure, Output, Replay, Status};

/// What the REPL was asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Colour on the terminal (already decided from flag, `NO_COLOR` and terminal).
    pub color: bool,
    /// JSON Lines events instead of the transcript.
    pub json: bool,
    /// Where history is kept; `None` keeps none.
    pub history: Option<PathBuf>,
    /// Draw the session here when it ends (`--diagram`).
    pub diagram: Option<DiagramFile>,
    /// The diagram's title (`--title`).
    pub title: Option<String>,
}

/// Runs the console until Ctrl-D, `QUIT` or the end of input. Ends with status 0 whatever
/// the lines did: at a terminal, a rejected line is answered on the spot.
pub fn run(clock: Box<dyn Clock>, settings: &Settings) -> Result<Status, Failure> {
    let session = Session::new(clock);
    if io::stdin().is_terminal() {
        interactive(session, settings)
    } else {
        plain(session, settings)
    }
}

/// The REPL without a terminal: lines as bytes, no prompt, no echo, no history, so that a
/// program can drive it through pipes (with `--json`, every output line is an event).
fn plain(mut session: Session, settings: &Settings) -> Result<Status, Failure> {
    let how = Replay {
        output: output(settings),
        stop_on_error: false,
        flush_each_line: true,
        diagram: settings.diagram.as_ref(),
        diagram_command: true,
        title: settings.title.as_deref(),
    };
    let mut out = io::stdout().lock();
    run::replay(&mut session, &mut io::stdin().lock(), &how, &mut out)?;
    Ok(Status::Accepted)
}

fn output(settings: &Settings) -> Output<'static> {
    Output {
        json: settings.json,
        color: settings.color,
        echo: false,
        source: None,
        width: None,
    }
}

fn interactive(session: Session, settings: &Settings) -> Result<Status, Failure> {
    let session = Rc::new(RefCell::new(session));
    let mut editor = editor(
        Rc::clone(&session),
        settings.color,
        settings.history.as_deref(),
    )?;
    welcome(settings, terminal_width(&mut editor)).map_err(Failure::Output)?;
    let mut recorder = Recorder::titled(settings.title.clone());
    let status = edit_loop(&mut editor, &session, settings, &mut recorder)?;
    if let Some(file) = &settings.diagram {
        recorder.write(file, None).map_err(Failure::Diagram)?;
    }
    Ok(status)
}

/// The console's line editor: rustyline with the console's helper.
pub(crate) type ConsoleEditor<U> = Editor<ConsoleHelper<U>, FileHistory>;

/// The console's line editor over `users` (completion of userids), coloured when `color`, with
/// the history in `history` loaded. The REPL's, and `vmcfsim serve`'s system console's.
pub(crate) fn editor<U: Users>(
    users: U,
    color: bool,
    history: Option<&Path>,
) -> Result<ConsoleEditor<U>, Failure> {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        // Forced: `color` is already the rule's answer (flag, NO_COLOR, terminal); rustyline's
        // Enabled would let NO_COLOR beat `--color always`.
        .color_mode(if color {
            ColorMode::Forced
        } else {
            ColorMode::Disabled
        });
    let config = config
        .history_ignore_dups(true)
        .and_then(|c| c.max_history_size(1000))
        .map_err(Failure::Terminal)?
        .build();
    let mut editor: ConsoleEditor<U> = Editor::with_config(config).map_err(Failure::Terminal)?;
    editor.set_helper(Some(ConsoleHelper {
        users,
        color,
        history_hinter: HistoryHinter::new(),
    }));
    if let Some(path) = history {
        // A missing file is the first session, not a problem.
        let _ = editor.load_history(path);
    }
    Ok(editor)
}

/// Keeps a typed `line` in the editor's history and appends it to the file at once, so a
/// terminal closed without QUIT loses nothing. Blank lines are not kept.
pub(crate) fn remember<U: Users>(
    editor: &mut ConsoleEditor<U>,
    line: &str,
    history: Option<&Path>,
) {
    // Refused only for blank-led or repeated lines, which history skips on purpose.
    if !line.trim().is_empty()
        && editor.add_history_entry(line).unwrap_or(false)
        && let Some(path) = history
    {
        save_history(editor, path);
    }
}

/// Says what this is and how to get help, wrapped to the terminal's `width`; on stderr with
/// `--json`, so stdout stays events.
fn welcome(settings: &Settings, width: Option<usize>) -> io::Result<()> {
    let text = welcome_text(settings.color, width);
    if settings.json {
        io::stderr().write_all(text.as_bytes())
    } else {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }
}

/// The welcome lines, wrapped to `width`, `VM/370 ONLINE` coloured with `color`; the REPL's
/// and `vmcfsim serve`'s system console's.
pub(crate) fn welcome_text(color: bool, width: Option<usize>) -> String {
    let online = "VM/370 ONLINE";
    let plain = format!(
        "{online}  vmcfsim {}: LOGON userid to begin, HELP for the commands, QUIT or Ctrl-D \
         to end.",
        env!("CARGO_PKG_VERSION")
    );
    let mut text = String::new();
    vmcfsim::wrap(&plain, width.unwrap_or(vmcfsim::WIDTH), |l| {
        text.push_str(l);
        text.push('\n');
    });
    if color {
        text = text.replacen(online, &palette::paint(Tone::Echo, online), 1);
    }
    text
}

fn edit_loop(
    editor: &mut ConsoleEditor<Rc<RefCell<Session>>>,
    session: &RefCell<Session>,
    settings: &Settings,
    recorder: &mut Recorder,
) -> Result<Status, Failure> {
    let mut how = output(settings);
    let mut buf = String::new();
    let mut lines = Lines::new();
    let mut line_no = 0;
    loop {
        let prompt = session.borrow().prompt();
        let input = match editor.readline(&prompt) {
            Ok(input) => input,
            // Ctrl-C drops the line being typed; the console goes on.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(Status::Accepted),
            Err(e) => return Err(Failure::Terminal(e)),
        };
        for line in console_lines(&input) {
            remember(editor, line, settings.history.as_deref());
            line_no += 1;
            buf.clear();
            if let Some(file) = draw::diagram_command(line) {
                let said = draw::run_diagram_command(recorder, file, None);
                draw::say(&said, settings.json, &mut io::stdout().lock())
                    .map_err(Failure::Output)?;
                continue;
            }
            // Read each time: the terminal may have been resized.
            how.width = terminal_width(editor);
            let quit = {
                let mut session = session.borrow_mut();
                let outcome = session.feed(line_no, line.as_bytes());
                how.render(&outcome, &mut lines, &mut buf);
                recorder.record(&outcome);
                outcome.quit()
            };
            let mut out = io::stdout().lock();
            out.write_all(buf.as_bytes())
                .and_then(|()| out.flush())
                .map_err(Failure::Output)?;
            if quit {
                return Ok(Status::Accepted);
            }
        }
    }
}

/// The terminal's columns, which HELP and error excerpts are fitted to (`None`: not a terminal).
fn terminal_width<U: Users>(editor: &mut ConsoleEditor<U>) -> Option<usize> {
    editor
        .dimensions()
        .map(|(columns, _)| usize::from(columns))
        .filter(|&c| c > 0)
}

/// The console lines in what the editor returns: one, or several when a block of lines was
/// pasted (the terminal's bracketed paste hands it over whole).
pub(crate) fn console_lines(input: &str) -> Vec<&str> {
    if input.is_empty() {
        vec![""]
    } else {
        input.lines().collect()
    }
}

/// Appends the lines entered since the last call to the history file, creating its directory.
/// A history that cannot be kept is worth a warning (once), not a failed session.
fn save_history<U: Users>(editor: &mut ConsoleEditor<U>, path: &Path) {
    let saved = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir)
            .map_err(ReadlineError::Io)
            .and_then(|()| editor.append_history(path)),
        _ => editor.append_history(path),
    };
    static WARNED: AtomicBool = AtomicBool::new(false);
    if let Err(e) = saved
        && !WARNED.swap(true, Ordering::Relaxed)
    {
        let _ = writeln!(
            io::stderr(),
            "vmcfsim: history not saved to {}: {e}",
            path.display()
        );
    }
}

/// The history file: none with `--no-history`; else `VMCFSIM_HISTORY` (empty: none); else
/// `history` in the user's state directory (the local data directory where a platform has no
/// state directory).
pub fn history_path(no_history: bool) -> Option<PathBuf> {
    choose_history(no_history, std::env::var_os("VMCFSIM_HISTORY"), || {
        let dirs = directories::ProjectDirs::from("", "", "vmcfsim")?;
        let dir = dirs.state_dir().unwrap_or(dirs.data_local_dir());
        Some(dir.join("history"))
    })
}

fn choose_history(
    no_history: bool,
    env: Option<OsString>,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    match env {
        _ if no_history => None,
        Some(path) if path.is_empty() => None,
        Some(path) => Some(PathBuf::from(path)),
        None => default(),
    }
}

/// Where the editor's helper finds the logged-on users it completes.
pub(crate) trait Users {
    /// Their userids; none when they cannot be read just now.
    fn users(&self) -> Vec<String>;
}

/// The REPL's own session, shared with the loop, which feeds it between reads.
impl Users for Rc<RefCell<Session>> {
    fn users(&self) -> Vec<String> {
        self.try_borrow()
            .map(|s| s.users().iter().map(|u| u.to_string()).collect())
            .unwrap_or_default()
    }
}

/// A snapshot kept by whoever owns the session (the server's console task).
impl Users for Arc<Mutex<Vec<String>>> {
    fn users(&self) -> Vec<String> {
        self.lock().map(|u| u.clone()).unwrap_or_default()
    }
}

/// rustyline's helper: completion and hints from the console, colours from the front end.
pub(crate) struct ConsoleHelper<U> {
    /// The logged-on users, for completion; the editor only reads them.
    users: U,
    color: bool,
    history_hinter: HistoryHinter,
}

impl<U: Users> ConsoleHelper<U> {
    /// The console's candidates for the word at `pos`, in the case the user types in.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        // DIAGRAM, the REPL's own command, is in the console's table, so it is offered too.
        let (start, words) = vmcfsim::complete_among(&self.users.users(), line, pos);
        let typed = line.get(start..pos).unwrap_or("");
        (
            start,
            words.into_iter().map(|w| in_case_of(typed, w)).collect(),
        )
    }
}

/// `word` in lower case when the user types the word in lower case, so `vmcf auth<Tab>` gives
/// `vmcf authorize`; the console reads either.
fn in_case_of(typed: &str, word: String) -> String {
    let lower = typed.bytes().any(|b| b.is_ascii_lowercase());
    let upper = typed.bytes().any(|b| b.is_ascii_uppercase());
    if lower && !upper {
        word.to_ascii_lowercase()
    } else {
        word
    }
}

impl<U: Users> Completer for ConsoleHelper<U> {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.candidates(line, pos))
    }
}

impl<U: Users> Hinter for ConsoleHelper<U> {
    type Hint = String;

    /// At the end of the line: the rest of the word when only one word fits, else the rest
    /// of the latest history line that starts the same way. Right arrow accepts it.
    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        let (start, words) = self.candidates(line, pos);
        let typed = line.get(start..pos).unwrap_or("");
        if let [word] = words.as_slice()
            && !typed.is_empty()
            && word
                .get(..typed.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(typed))
            && let Some(rest) = word.get(typed.len()..).filter(|r| !r.is_empty())
        {
            return Some(rest.to_string());
        }
        self.history_hinter.hint(line, pos, ctx)
    }
}

impl<U: Users> Highlighter for ConsoleHelper<U> {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.color {
            Cow::Owned(paint(line, &highlight(line)))
        } else {
            Cow::Borrowed(line)
        }
    }

    /// The userid in the prompt in the colour userids have in the output.
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        match prompt.split_once('>') {
            Some((user, rest)) if self.color && !user.is_empty() => {
                Cow::Owned(format!("{}>{rest}", palette::paint(Tone::Userid, user)))
            }
            _ => Cow::Borrowed(prompt),
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(palette::paint(Tone::Dim, hint))
        } else {
            Cow::Borrowed(hint)
        }
    }

    /// Colours depend on the whole line (an opening quote colours what follows), so every
    /// typed character repaints it; moving the cursor does not.
    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.color && kind == CmdKind::Other
    }
}

impl<U: Users> Validator for ConsoleHelper<U> {}
impl<U: Users> Helper for ConsoleHelper<U> {}

/// `line` with each part wrapped in its colour; the visible text is unchanged.
fn paint(line: &str, parts: &[(Range<usize>, Highlight)]) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (range, part) in parts {
        let (Some(before), Some(text)) = (line.get(at..range.start), line.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(&palette::paint(part.tone(), text));
        at = range.end;
    }
    out.push_str(line.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(&str, Highlight)> {
        highlight(line)
            .into_iter()
            .map(|(r, p)| (&line[r], p))
            .collect()
    }

    #[test]
    fn the_parsers_kinds_colour_the_line() {
        use Highlight::*;
        let got = kinds("B: VMCF SEND A MID 7 DATA 'it''s here' USE X'00FF'");
        assert_eq!(got.first(), Some(&("B:", Userid)));
        assert!(got.contains(&("VMCF", Verb)), "{got:?}");
        assert!(got.contains(&("7", Number)), "{got:?}");
        assert!(
            got.iter().any(|&(w, k)| w.contains("it''s") && k == Text),
            "{got:?}"
        );
        assert!(
            got.iter().any(|&(w, k)| w.contains("00FF") && k == Hex),
            "{got:?}"
        );
        assert_eq!(kinds("  * a comment 'x'"), [("* a comment 'x'", Comment)]);
        assert!(kinds("   ").is_empty());
    }

    #[test]
    fn painting_keeps_the_visible_text() {
        for line in [
            "LOGON A",
            "A: VMCF SEND B DATA 'é ü' 12",
            "* x",
            "'",
            "x'",
            "ÄÖ: 'ü",
        ] {
            let painted = paint(line, &highlight(line));
            assert_ne!(painted, line, "something is coloured in {line:?}");
            let mut visible = String::new();
            let mut in_escape = false;
            for c in painted.chars() {
                match c {
                    '\x1b' => in_escape = true,
                    'm' if in_escape => in_escape = false,
                    _ if in_escape => {}
                    _ => visible.push(c),
                }
            }
            assert_eq!(visible, line);
        }
    }

    #[test]
    fn a_pasted_block_is_one_console_line_a_line() {
        assert_eq!(console_lines("LOGON A"), ["LOGON A"]);
        assert_eq!(
            console_lines("LOGON A\r\nLOGON B\n"),
            ["LOGON A", "LOGON B"]
        );
        assert_eq!(console_lines("LOGON A\n\nQUIT"), ["LOGON A", "", "QUIT"]);
        assert_eq!(console_lines(""), [""], "Enter alone is a (blank) line");
    }

    #[test]
    fn completions_follow_the_case_the_user_types() {
        assert_eq!(in_case_of("vm", "VMCF".into()), "vmcf");
        assert_eq!(in_case_of("VM", "VMCF".into()), "VMCF");
        assert_eq!(in_case_of("Vm", "VMCF".into()), "VMCF");
        assert_eq!(in_case_of("", "VMCF".into()), "VMCF");
    }

    #[test]
    fn history_flag_beats_env_beats_state_dir() {
        let default = || Some(PathBuf::from("state/history"));
        assert_eq!(choose_history(true, Some("h".into()), default), None);
        assert_eq!(
            choose_history(false, Some("h".into()), default),
            Some(PathBuf::from("h"))
        );
        assert_eq!(choose_history(false, Some("".into()), default), None);
        assert_eq!(choose_history(false, None, default), default());
    }
}
