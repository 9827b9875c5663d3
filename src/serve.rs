//! `vmcfsim serve`: one simulated CP for many terminals. A task owns the console `Session` (and
//! so the engine, which stays single-threaded and does no I/O); each connection is a task that
//! moves bytes between its socket and a `terminal::Connection` (the protocol, in the library)
//! and talks to the console task through channels. Each terminal has a bounded queue of output:
//! when it overflows (a client that does not read), that terminal is dropped and its VM runs on
//! disconnected; the console never waits for a terminal. The starting terminal, when it is
//! one, is the system console: the REPL's line editor (its prompt, completion, hints,
//! highlighting, history and colours) in a thread of its own, seeing every line with its owner.

use std::collections::{HashMap, VecDeque};
use std::io::{self, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};

use vmcfsim::directory::Directory;
use vmcfsim::terminal::{Connection, Input, Mode, NEGOTIATION_TIMEOUT_MS, Status};
use vmcfsim::{
    AtTerminal, Clock, ConsoleError, CpMsg, FixedClock, Lines, Session, SystemClock, Terminal,
    TextOptions, Userid,
};

use crate::cli::{self, ColorChoice};
use crate::draw::{DiagramFile, Recorder};
use crate::run::{self, Failure};
use crate::{palette, repl};

/// The options of `vmcfsim serve`.
#[derive(Debug, Parser)]
#[command(
    name = "vmcfsim serve",
    bin_name = "vmcfsim serve",
    about = "One simulated CP for many terminals: TN3270 clients (c3270, x3270, s3270) and \
             line-mode ones (telnet, nc) connect, log on and exchange VMCF messages.",
    after_help = "Examples:\n  vmcfsim serve                                  listen on 127.0.0.1:3270\n  \
                  c3270 127.0.0.1:3270                           a 3270 terminal\n  \
                  telnet 127.0.0.1 3270                          a line-mode terminal\n  \
                  vmcfsim serve --directory users.direct --listen 0.0.0.0:3270",
    max_term_width = 100
)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:3270")]
    pub listen: SocketAddr,
    /// A CP user directory: `USER userid password storage maxstorage classes` statements.
    /// With it LOGON asks for the password and the classes decide who is an operator.
    #[arg(long, value_name = "FILE")]
    pub directory: Option<PathBuf>,
    /// A console script to run first (for instance to log service VMs on); the VMs it logs
    /// on are left running disconnected.
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,
    /// Write the JSON Lines events of the whole system to FILE, each naming its terminal.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Draw the whole session as a sequence diagram at shutdown (FILE.svg or FILE.mmd).
    #[arg(long, value_name = "FILE.svg|FILE.mmd", value_parser = DiagramFile::parse)]
    pub diagram: Option<DiagramFile>,
    /// Log off a VM whose terminal was lost after this many seconds disconnected (CP: 15
    /// minutes). A VM disconnected with DISCONN is never logged off.
    #[arg(long, value_name = "SECONDS", default_value_t = 900)]
    pub logoff_after: u64,
    /// Close a terminal that has not logged on after this many seconds without input (0:
    /// never), so that connections left at the logo do not hold device addresses.
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub logon_timeout: u64,
    /// The most terminals connected at once; one more is told so and closed.
    #[arg(long, value_name = "N", default_value_t = 2048)]
    pub max_terminals: usize,
    /// Listen on an address other than loopback without a directory (anyone could log on
    /// as anyone).
    #[arg(long)]
    pub allow_anyone: bool,
    /// The clock: `real` (default) or `fixed` (the replay clock, a second a line: for tests).
    #[arg(long, value_name = "CLOCK", default_value = "real", value_parser = ["real", "fixed"])]
    pub clock: String,
    /// Colour the system console: `auto` colours only a terminal, and not when NO_COLOR is
    /// set. Network terminals are never coloured.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The system console neither reads nor writes the history file (the REPL's:
    /// VMCFSIM_HISTORY, else the state directory).
    #[arg(long)]
    pub no_history: bool,
}

/// Messages (each the lines one input line gave a terminal) queued for one terminal before it
/// counts as not keeping up.
const QUEUE: usize = 1024;
/// Lines kept for a disconnected VM, shown when it reconnects (some 30 interrupts, about 30K);
/// older ones are dropped and the reconnection says how many.
const BACKLOG: usize = 500;
/// How long a write to a client may take before the connection is given up.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The first terminal's device address; each connection takes the lowest one free.
const FIRST_ADDRESS: u16 = 0x0C0;

/// The logo before LOGON. vmcfsim's own: VM/370's art is not documented; only its last line
/// `VM/370 ONLINE` is.
const LOGO: &[&str] = &[
    "",
    "    VV     VV  MM     MM  CCCCCCC  FFFFFFF  SSSSSSS  IIII  MM     MM",
    "     VV   VV   MMMM MMMM  CC       FF       SS        II   MMMM MMMM",
    "      VV VV    MM MMM MM  CC       FFFFF    SSSSSSS   II   MM MMM MM",
    "       VVV     MM  M  MM  CC       FF            SS   II   MM  M  MM",
    "        V      MM     MM  CCCCCCC  FF       SSSSSSS  IIII  MM     MM",
    "",
    "    A simulated VM/370 Control Program with VMCF.",
    "    LOGON userid to begin; HELP lists the commands.",
    "",
];
/// The logo's last line.
const ONLINE: &str = "VM/370 ONLINE";
/// The password prompt (CP's).
const ENTER_PASSWORD: &str = "ENTER PASSWORD:";
/// What every terminal is told at SHUTDOWN before it is closed. UNCONFIRMED: VM/370's exact
/// words to users at shutdown are not in the sources; this is vmcfsim's.
const SHUTDOWN_LINE: &str = "SYSTEM SHUTDOWN - CONNECTION CLOSED";

/// What the console task tells a terminal.
#[derive(Debug)]
enum Out {
    /// Lines to show (each ending in `\n`), and the status area's word afterwards.
    Lines(String, Status),
    /// Hide (a password) or show what is typed.
    Hide(bool),
    /// Clear the screen's output area (before the logo).
    Clear,
    /// Show these lines and close.
    Close(Vec<String>),
}

/// What a terminal, the system console or a timer tells the console task.
#[derive(Debug)]
enum Request {
    /// A terminal whose kind is settled: 3270 (`graf`) or line mode.
    Open {
        id: u64,
        graf: bool,
        tx: mpsc::Sender<Out>,
    },
    Line {
        id: u64,
        text: String,
    },
    TooLong {
        id: u64,
    },
    /// The connection ended (closed, failed, or broke the protocol).
    Closed {
        id: u64,
    },
    /// A line from the system console, and where to send its prompt once its output is
    /// written (the editor waits for it, so output and prompt come in order).
    Console(String, oneshot::Sender<String>),
    /// The system console ended (Ctrl-D), or SIGTERM: shut down.
    Shutdown,
    /// Once a second: the lost-terminal logoff timeout.
    Tick,
}

/// One connected terminal, as the console task sees it.
struct Term {
    tx: mpsc::Sender<Out>,
    address: u16,
    graf: bool,
    user: Option<Userid>,
    /// LOGON asked for this user's password.
    awaiting: Option<Userid>,
    /// When it last sent a line (or opened): the logon timeout counts from here.
    last_input: Instant,
    /// Lines for this terminal from the outcome being routed, each ending in `\n` (one
    /// string, not one a line: a round trip writes dozens of lines).
    batch: String,
}

/// A VM running without a terminal.
struct Disconnected {
    since: Instant,
    /// Its terminal was lost (dropped connection, overflow), not DISCONN: logged off after the
    /// timeout.
    lost: bool,
    backlog: VecDeque<String>,
    dropped: usize,
}

/// The console task's state.
struct Cp {
    session: Session,
    directory: Option<Directory>,
    terms: HashMap<u64, Term>,
    by_user: HashMap<Userid, u64>,
    disconnected: HashMap<Userid, Disconnected>,
    logoff_after: Duration,
    /// Terminals not logged on are closed after this long without input (`None`: never).
    logon_timeout: Option<Duration>,
    line_no: usize,
    /// The system console's current user (the REPL's), when there is a console.
    console_user: Option<Userid>,
    console: Option<ConsoleOut>,
    /// The system console's output in colour (the palette's).
    color: bool,
    /// The logged-on users, for the system console's completion; refreshed when they change.
    console_users: Option<Arc<Mutex<Vec<String>>>>,
    json: Option<io::BufWriter<std::fs::File>>,
    recorder: Option<Recorder>,
    /// The last line's output.
    lines: Lines,
    /// The system console's text of it.
    text: String,
    json_buf: String,
    /// Terminals with lines batched.
    dirty: Vec<u64>,
}

/// The system console's editor is in the middle of a read (its prompt on the screen, the
/// terminal in raw mode).
static READING: AtomicBool = AtomicBool::new(false);

/// Where the system console's lines go (stdout, or the line editor's printer).
type ConsoleOut = Box<dyn FnMut(String) + Send>;

/// Who typed the line being run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Terminal(u64),
    Console,
    /// The server itself (the logoff timeout, reconnection, the script).
    Server,
}

/// Runs `vmcfsim serve` with the arguments after `serve`.
pub fn main(args: Vec<std::ffi::OsString>) -> Result<run::Status, Failure> {
    let args = ServeArgs::try_parse_from(args).map_err(Failure::Usage)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::Server(format!("cannot start: {e}")))?;
    runtime.block_on(serve(args))
}

async fn serve(args: ServeArgs) -> Result<run::Status, Failure> {
    let directory = match &args.directory {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| Failure::Input {
                name: path.display().to_string(),
                error,
            })?;
            let d = Directory::parse(&text);
            for n in &d.notes {
                eprintln!("vmcfsim: {}: {n}", path.display());
            }
            Some(d)
        }
        None => None,
    };
    if directory.is_none() && !args.listen.ip().is_loopback() {
        if !args.allow_anyone {
            return Err(Failure::Server(format!(
                "{} is not a loopback address and there is no --directory: anyone could log on \
                 as anyone. Give --directory FILE, or --allow-anyone to do it anyway.",
                args.listen
            )));
        }
        eprintln!(
            "vmcfsim: warning: listening on {} without a directory: anyone may log on as anyone",
            args.listen
        );
    }
    let clock: Box<dyn Clock> = if args.clock == "fixed" {
        Box::new(FixedClock::standard())
    } else {
        Box::new(SystemClock)
    };
    let json = match &args.json {
        Some(p) => Some(io::BufWriter::new(std::fs::File::create(p).map_err(
            |error| Failure::Input {
                name: p.display().to_string(),
                error,
            },
        )?)),
        None => None,
    };
    let listener = TcpListener::bind(args.listen)
        .await
        .map_err(|e| Failure::Server(format!("cannot listen on {}: {e}", args.listen)))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::Server(e.to_string()))?;

    let mut cp = Cp {
        session: Session::new(clock),
        directory,
        terms: HashMap::new(),
        by_user: HashMap::new(),
        disconnected: HashMap::new(),
        logoff_after: Duration::from_secs(args.logoff_after),
        logon_timeout: (args.logon_timeout > 0).then(|| Duration::from_secs(args.logon_timeout)),
        line_no: 0,
        console_user: None,
        console: None,
        color: cli::use_color(
            args.color,
            std::env::var_os("NO_COLOR").is_some(),
            io::stdout().is_terminal(),
        ),
        console_users: None,
        json,
        recorder: args.diagram.as_ref().map(|_| Recorder::default()),
        lines: Lines::new(),
        text: String::new(),
        json_buf: String::new(),
        dirty: Vec::new(),
    };
    if let Some(script) = &args.script {
        let text = std::fs::read(script).map_err(|error| Failure::Input {
            name: script.display().to_string(),
            error,
        })?;
        for line in text.split(|&b| b == b'\n') {
            cp.run_line(Source::Server, line);
        }
        // The VMs the script logged on run on without a terminal (not lost: no timeout).
        for u in cp.session.users() {
            cp.disconnect(u, false);
        }
        cp.session.set_current(None);
    }

    let (req_tx, mut req_rx) = mpsc::channel::<Request>(4096);
    eprintln!("vmcfsim: serving terminals on {local} (3270 or line mode)");

    // The system console: the starting terminal, when it is one.
    // The terminal's modes before the line editor sets raw ones, put back at the end: SHUTDOWN
    // from another terminal, or SIGTERM, ends the server while the editor is reading.
    #[cfg(unix)]
    let modes = io::stdin()
        .is_terminal()
        .then(|| nix::sys::termios::tcgetattr(io::stdin()).ok())
        .flatten();
    if io::stdin().is_terminal() {
        let users = Arc::new(Mutex::new(Vec::new()));
        cp.console_users = Some(Arc::clone(&users));
        cp.refresh_users();
        let history = repl::history_path(args.no_history);
        let prompt = cp.console_prompt();
        print!("{}", repl::welcome_text(cp.color, None));
        cp.console = Some(start_console(
            req_tx.clone(),
            cp.color,
            history,
            users,
            prompt,
        ));
    }
    // SIGTERM ends the server as SHUTDOWN does.
    #[cfg(unix)]
    {
        let tx = req_tx.clone();
        tokio::spawn(async move {
            if let Ok(mut s) =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            {
                s.recv().await;
                let _ = tx.send(Request::Shutdown).await;
            }
        });
    }
    {
        let tx = req_tx.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                if tx.send(Request::Tick).await.is_err() {
                    break;
                }
            }
        });
    }
    let active = Arc::new(AtomicUsize::new(0));
    let accept = tokio::spawn(accept_loop(
        listener,
        req_tx.clone(),
        active.clone(),
        args.max_terminals,
    ));
    drop(req_tx);

    while let Some(r) = req_rx.recv().await {
        if cp.request(r) {
            break;
        }
    }
    accept.abort();
    #[cfg(unix)]
    if let Some(m) = &modes {
        let _ = nix::sys::termios::tcsetattr(io::stdin(), nix::sys::termios::SetArg::TCSANOW, m);
    }
    cp.shutdown();
    // Give the connection tasks a moment to write the shutdown line and close.
    let until = Instant::now() + Duration::from_secs(2);
    while active.load(Ordering::SeqCst) > 0 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    if let Some(j) = cp.json.as_mut() {
        j.flush().map_err(Failure::Output)?;
    }
    if let (Some(file), Some(rec)) = (&args.diagram, &cp.recorder) {
        rec.write(file, Some("vmcfsim serve"))
            .map_err(Failure::Diagram)?;
    }
    eprintln!("vmcfsim: shut down");
    Ok(run::Status::Accepted)
}

/// The system console in a thread of its own: the REPL's line editor (its helper, history and
/// colours), whose lines go to the console task, which answers each with the next prompt; and
/// a printer for every line the system writes, which rustyline shows above the line being
/// typed. Each string it is given ends in `\n`.
fn start_console(
    tx: mpsc::Sender<Request>,
    color: bool,
    history: Option<PathBuf>,
    users: Arc<Mutex<Vec<String>>>,
    prompt: String,
) -> ConsoleOut {
    let plain = || -> ConsoleOut {
        Box::new(|s: String| {
            let mut out = io::stdout().lock();
            let _ = out.write_all(s.as_bytes()).and_then(|()| out.flush());
        })
    };
    let mut editor = match repl::editor(users, color, history.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("vmcfsim: no line editor for the system console: {e}");
            return plain();
        }
    };
    let printer = editor.create_external_printer().ok();
    std::thread::spawn(move || {
        let mut prompt = prompt;
        loop {
            READING.store(true, Ordering::SeqCst);
            let read = editor.readline(&prompt);
            READING.store(false, Ordering::SeqCst);
            match read {
                Ok(input) => {
                    // A pasted block is one console line a line, as in the REPL.
                    for line in repl::console_lines(&input) {
                        repl::remember(&mut editor, line, history.as_deref());
                        let (reply, next) = oneshot::channel();
                        if tx
                            .blocking_send(Request::Console(line.to_string(), reply))
                            .is_err()
                        {
                            return;
                        }
                        match next.blocking_recv() {
                            Ok(p) => prompt = p,
                            // The console task has ended (SHUTDOWN).
                            Err(_) => return,
                        }
                    }
                }
                // Ctrl-C drops the line being typed; the console goes on.
                Err(rustyline::error::ReadlineError::Interrupted) => continue,
                Err(_) => {
                    let _ = tx.blocking_send(Request::Shutdown);
                    break;
                }
            }
        }
    });
    match printer {
        Some(mut p) => {
            use rustyline::ExternalPrinter;
            Box::new(move |s: String| {
                let _ = p.print(s);
            })
        }
        None => plain(),
    }
}

async fn accept_loop(
    listener: TcpListener,
    tx: mpsc::Sender<Request>,
    active: Arc<AtomicUsize>,
    max: usize,
) {
    let mut next_id = 0u64;
    loop {
        let Ok((mut stream, _)) = listener.accept().await else {
            // Out of descriptors, say: wait a little rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        if active.load(Ordering::SeqCst) >= max {
            tokio::spawn(async move {
                let msg =
                    format!("\r\nVMCFSIM: ALL {max} TERMINALS ARE IN USE; TRY AGAIN LATER\r\n");
                let _ = tokio::time::timeout(WRITE_TIMEOUT, stream.write_all(msg.as_bytes())).await;
                let _ = stream.shutdown().await;
            });
            continue;
        }
        next_id += 1;
        active.fetch_add(1, Ordering::SeqCst);
        let (tx, active) = (tx.clone(), active.clone());
        tokio::spawn(async move {
            connection(next_id, stream, tx).await;
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn millis(start: Instant) -> u64 {
    start.elapsed().as_millis() as u64
}

/// One connection: socket bytes through its `Connection`, lines to the console task, output
/// back. Ends when the client closes, breaks the protocol, or the console task lets go.
async fn connection(id: u64, stream: TcpStream, req: mpsc::Sender<Request>) {
    let start = Instant::now();
    let (mut rd, mut wr) = stream.into_split();
    let mut conn = Connection::new();
    let mut inputs = Vec::new();
    let mut buf = vec![0u8; 4096];
    let (tx, mut rx) = mpsc::channel::<Out>(QUEUE);
    let mut tx = Some(tx);
    let mut opened = false;
    let negotiate_until =
        tokio::time::Instant::now() + Duration::from_millis(NEGOTIATION_TIMEOUT_MS);
    let mut closing = false;
    'conn: loop {
        let out = conn.take_output();
        if !out.is_empty() {
            match tokio::time::timeout(WRITE_TIMEOUT, wr.write_all(&out)).await {
                Ok(Ok(())) => {}
                _ => break,
            }
        }
        if closing {
            break;
        }
        let more_at = conn
            .tick(millis(start))
            .map(|at| tokio::time::Instant::from_std(start + Duration::from_millis(at)));
        let negotiating = *conn.mode() == Mode::Negotiating;
        tokio::select! {
            n = rd.read(&mut buf) => {
                let n = match n { Ok(0) | Err(_) => break, Ok(n) => n };
                conn.receive(&buf[..n], millis(start), &mut inputs);
            }
            out = rx.recv(), if opened => {
                match out {
                    Some(o) => closing = apply(&mut conn, o, millis(start)),
                    // The console task dropped this terminal (it could not keep up).
                    None => break,
                }
                // Take everything queued at once: one write for a burst of output.
                while let Ok(o) = rx.try_recv() {
                    closing |= apply(&mut conn, o, millis(start));
                }
            }
            _ = tokio::time::sleep_until(negotiate_until), if negotiating => {
                conn.timeout(&mut inputs);
            }
            _ = sleep_until_opt(more_at), if more_at.is_some() => {}
        }
        for i in inputs.drain(..) {
            let r = match i {
                Input::Ready => {
                    opened = true;
                    match tx.take() {
                        Some(tx) => Request::Open {
                            id,
                            graf: conn.is_3270(),
                            tx,
                        },
                        None => continue,
                    }
                }
                Input::Line(text) => Request::Line { id, text },
                Input::TooLong => Request::TooLong { id },
                Input::Attention => continue,
                Input::Violation(_) => break 'conn,
            };
            if req.send(r).await.is_err() {
                break 'conn;
            }
        }
    }
    let _ = wr.shutdown().await;
    if opened {
        let _ = req.send(Request::Closed { id }).await;
    }
}

async fn sleep_until_opt(at: Option<tokio::time::Instant>) {
    if let Some(at) = at {
        tokio::time::sleep_until(at).await;
    }
}

/// Applies one message from the console task; `true` when the connection is to close.
fn apply(conn: &mut Connection, o: Out, now: u64) -> bool {
    match o {
        Out::Lines(lines, status) => {
            for l in lines.split_terminator('\n') {
                conn.show(l, now);
            }
            conn.set_status(status);
            false
        }
        Out::Hide(h) => {
            conn.hide_input(h);
            false
        }
        Out::Clear => {
            conn.clear();
            false
        }
        Out::Close(lines) => {
            for l in &lines {
                conn.show(l, now);
            }
            true
        }
    }
}

impl Cp {
    /// Handles one request; `true` to shut down.
    fn request(&mut self, r: Request) -> bool {
        match r {
            Request::Open { id, graf, tx } => {
                let address = self.free_address();
                self.terms.insert(
                    id,
                    Term {
                        tx,
                        address,
                        graf,
                        user: None,
                        awaiting: None,
                        last_input: Instant::now(),
                        batch: String::new(),
                    },
                );
                self.logo(id);
                self.flush();
            }
            Request::Line { id, text } => {
                if let Some(t) = self.terms.get_mut(&id) {
                    t.last_input = Instant::now();
                }
                let shutdown = self.terminal_line(id, &text);
                self.flush();
                return shutdown;
            }
            Request::TooLong { id } => {
                let e = ConsoleError::new(
                    "CFC",
                    CpMsg::InvalidOperand(format!(
                        "LINE LONGER THAN {} BYTES",
                        vmcfsim::terminal::INPUT_MAX
                    )),
                );
                self.say(id, &e.to_string());
                self.flush();
            }
            Request::Closed { id } => {
                if let Some(t) = self.terms.remove(&id)
                    && let Some(u) = t.user
                {
                    self.by_user.remove(&u);
                    self.disconnect(u, true);
                }
            }
            Request::Console(line, reply) => {
                let shutdown = self.run_line(Source::Console, line.as_bytes());
                self.flush();
                if !shutdown {
                    // Its output is written: the editor may prompt again.
                    let _ = reply.send(self.console_prompt());
                }
                return shutdown;
            }
            Request::Shutdown => return true,
            Request::Tick => {
                self.logoff_lost();
                self.close_idle();
            }
        }
        false
    }

    /// The system console's prompt: its current user's, as the REPL's (`A> `, or `> `).
    fn console_prompt(&mut self) -> String {
        // Each line sets the session's current user from its source first, so this is safe.
        self.session.set_current(self.console_user);
        self.session.prompt()
    }

    /// The logged-on users the system console completes, after a line that changed them.
    fn refresh_users(&mut self) {
        if let Some(shared) = &self.console_users {
            let users = self.session.users().iter().map(|u| u.to_string()).collect();
            if let Ok(mut s) = shared.lock() {
                *s = users;
            }
        }
    }

    /// The lowest device address no terminal has.
    fn free_address(&self) -> u16 {
        let used: std::collections::HashSet<u16> = self.terms.values().map(|t| t.address).collect();
        (FIRST_ADDRESS..)
            .find(|a| !used.contains(a))
            .unwrap_or(FIRST_ADDRESS)
    }

    fn say(&mut self, id: u64, line: &str) {
        self.batch(id, line);
    }

    /// Queues a line for terminal `id` until the next [`Cp::flush`].
    fn batch(&mut self, id: u64, line: &str) {
        if let Some(t) = self.terms.get_mut(&id) {
            if t.batch.is_empty() {
                self.dirty.push(id);
            }
            t.batch.push_str(line);
            t.batch.push('\n');
        }
    }

    fn send(&mut self, id: u64, o: Out) {
        let overflow = match self.terms.get(&id) {
            Some(t) => t.tx.try_send(o).is_err(),
            None => false,
        };
        if overflow {
            self.overflow(id);
        }
    }

    /// A terminal that cannot keep up: dropped, its VM disconnected (it runs on).
    fn overflow(&mut self, id: u64) {
        if let Some(t) = self.terms.remove(&id)
            && let Some(u) = t.user
        {
            self.by_user.remove(&u);
            self.disconnect(u, true);
        }
    }

    /// Sends every terminal the lines batched for it, with its status word.
    fn flush(&mut self) {
        let ids = std::mem::take(&mut self.dirty);
        for &id in &ids {
            let (lines, status) = {
                let Some(t) = self.terms.get(&id) else {
                    continue;
                };
                if t.batch.is_empty() {
                    continue;
                }
                let user = t.user;
                let status = self.status_of(user);
                let t = self.terms.get_mut(&id).expect("listed");
                (std::mem::take(&mut t.batch), status)
            };
            self.send(id, Out::Lines(lines, status));
        }
        // Keep the vector's memory for the next line.
        let mut ids = ids;
        ids.clear();
        if self.dirty.is_empty() {
            self.dirty = ids;
        }
    }

    /// The status area's word for a terminal: RUNNING while its VM is enabled for interrupts
    /// (a program waiting for them, as VMCF programs do), CP READ otherwise and before LOGON.
    /// VM READ never applies: no simulated guest reads its console.
    fn status_of(&self, user: Option<Userid>) -> Status {
        match user.and_then(|u| self.session.cp().vm(u)) {
            Some(vm) if vm.is_enabled() => Status::Running,
            _ => Status::CpRead,
        }
    }

    fn logo(&mut self, id: u64) {
        self.send(id, Out::Clear);
        for l in LOGO {
            self.say(id, l);
        }
        self.say(id, ONLINE);
    }

    /// A line typed at terminal `id`; `true` for SHUTDOWN.
    fn terminal_line(&mut self, id: u64, text: &str) -> bool {
        let Some(t) = self.terms.get_mut(&id) else {
            return false;
        };
        if let Some(u) = t.awaiting.take() {
            self.send(id, Out::Hide(false));
            let ok = self
                .directory
                .as_ref()
                .and_then(|d| d.get(u))
                .is_some_and(|e| e.password_is(text));
            if ok {
                self.attach(id, u);
            } else {
                self.say(
                    id,
                    &ConsoleError::new("LOG", CpMsg::PasswordIncorrect).to_string(),
                );
                self.say(id, ONLINE);
            }
            return false;
        }
        let user = t.user;
        // The parser reads the line; the directory decides.
        match vmcfsim::at_terminal(text, user.is_some()) {
            AtTerminal::Logon { user: u, password } => {
                self.logon(id, u, password);
                return false;
            }
            AtTerminal::Refused(e) => {
                self.say(id, &e.to_string());
                return false;
            }
            AtTerminal::Privileged { classes, refusal } if !self.has_class(user, classes) => {
                self.say(id, &refusal.to_string());
                return false;
            }
            AtTerminal::Privileged { .. } | AtTerminal::Run => {}
        }
        self.run_line(Source::Terminal(id), text.as_bytes())
    }

    /// Whether `user` has one of `classes` (from the directory; without one, class G only).
    fn has_class(&self, user: Option<Userid>, classes: &str) -> bool {
        match (&self.directory, user) {
            (Some(d), Some(u)) => d.get(u).is_some_and(|e| e.has_class(classes)),
            _ => false,
        }
    }

    /// LOGON at terminal `id`: the directory, the password, then the VM.
    fn logon(&mut self, id: u64, u: Userid, password: Option<String>) {
        if let Some(d) = &self.directory {
            let Some(entry) = d.get(u) else {
                self.say(
                    id,
                    &ConsoleError::new("LOG", CpMsg::NotInDirectory(u)).to_string(),
                );
                return;
            };
            match password {
                None => {
                    if let Some(t) = self.terms.get_mut(&id) {
                        t.awaiting = Some(u);
                    }
                    self.say(id, ENTER_PASSWORD);
                    self.flush();
                    self.send(id, Out::Hide(true));
                    return;
                }
                Some(p) if !entry.password_is(&p) => {
                    self.say(
                        id,
                        &ConsoleError::new("LOG", CpMsg::PasswordIncorrect).to_string(),
                    );
                    return;
                }
                Some(_) => {}
            }
        }
        self.attach(id, u);
    }

    /// Attaches `u` to terminal `id`: a new logon, or the reconnection of a VM running without
    /// a terminal; refused when another terminal has it.
    fn attach(&mut self, id: u64, u: Userid) {
        if let Some(&other) = self.by_user.get(&u)
            && other != id
        {
            let (graf, address) = self
                .terms
                .get(&other)
                .map_or((true, 0), |t| (t.graf, t.address));
            let e = ConsoleError::new("LOG", CpMsg::AlreadyLoggedOn { graf, address });
            self.say(id, &e.to_string());
            return;
        }
        let reconnect = self.session.cp().is_logged_on(u);
        let address = match self.terms.get_mut(&id) {
            Some(t) => {
                t.user = Some(u);
                t.address
            }
            None => return,
        };
        self.by_user.insert(u, id);
        self.session.set_terminal(u, Terminal::Device(address));
        let waiting = self.disconnected.remove(&u);
        let line = format!("LOGON {u}");
        self.run_line(Source::Terminal(id), line.as_bytes());
        if !reconnect
            && let Some(e) = self.directory.as_ref().and_then(|d| d.get(u))
            && e.storage != 1024 * 1024
        {
            let size = e.storage;
            self.session.define_storage(u, size);
        }
        if let Some(w) = waiting {
            if w.dropped > 0 {
                let n = w.dropped;
                self.say(
                    id,
                    &format!("({n} EARLIER LINES WERE DROPPED WHILE DISCONNECTED)"),
                );
            }
            for l in w.backlog {
                self.say(id, &l);
            }
        }
    }

    /// The one place a VM loses its terminal and runs on (a dropped connection, a terminal that
    /// could not keep up, the end of the script): CP disconnects it as DISCONN does (QUERY
    /// shows DSC, MSG to it is refused, VMCF goes on), and the server keeps its lines for the
    /// reconnection. The DISCONN is fed as a line of the system's, so the JSON records it.
    fn disconnect(&mut self, u: Userid, lost: bool) {
        if !self.session.cp().is_logged_on(u) {
            return;
        }
        if !self.session.is_disconnected(u) {
            // The line Session::disconnect feeds, run here so its lines are routed and recorded.
            let line = format!("{u}: DISCONN");
            self.run_line(Source::Server, line.as_bytes());
        }
        self.keep_for_reconnection(u, lost);
    }

    /// Starts keeping a disconnected VM's lines.
    fn keep_for_reconnection(&mut self, u: Userid, lost: bool) {
        self.disconnected.insert(
            u,
            Disconnected {
                since: Instant::now(),
                lost,
                backlog: VecDeque::new(),
                dropped: 0,
            },
        );
    }

    /// Logs off VMs whose terminal was lost longer ago than the timeout.
    fn logoff_lost(&mut self) {
        let due: Vec<Userid> = self
            .disconnected
            .iter()
            .filter(|(_, d)| d.lost && d.since.elapsed() >= self.logoff_after)
            .map(|(u, _)| *u)
            .collect();
        for u in due {
            self.disconnected.remove(&u);
            self.session.set_current(Some(u));
            self.run_line(Source::Server, b"LOGOFF");
        }
        self.flush();
    }

    /// Closes the terminals that were left without a logon for longer than the timeout, telling
    /// them why first. UNCONFIRMED: VM/370 is not known to time out its logo screen, and the
    /// words are vmcfsim's, in CP's style.
    fn close_idle(&mut self) {
        let Some(after) = self.logon_timeout else {
            return;
        };
        let due: Vec<u64> = self
            .terms
            .iter()
            .filter(|(_, t)| t.user.is_none() && t.last_input.elapsed() >= after)
            .map(|(&id, _)| id)
            .collect();
        for id in due {
            let line = format!(
                "NO LOGON WITHIN {} SECONDS - CONNECTION CLOSED",
                after.as_secs()
            );
            self.send(id, Out::Close(vec![line]));
            // Its address is free again at once; the connection's Closed finds nothing.
            self.terms.remove(&id);
        }
    }

    /// Runs one line as the user of whoever typed it and routes what it printed; `true` for
    /// SHUTDOWN.
    fn run_line(&mut self, from: Source, line: &[u8]) -> bool {
        let current = match from {
            Source::Terminal(id) => self.terms.get(&id).and_then(|t| t.user),
            Source::Console => self.console_user,
            Source::Server => self.session.current_user(),
        };
        self.session.set_current(current);
        let users_before = self.session.cp().user_count();
        self.line_no += 1;
        let terminal = match from {
            Source::Terminal(id) => self
                .terms
                .get(&id)
                .map_or("CONS".to_string(), |t| format!("{:03X}", t.address)),
            Source::Console | Source::Server => "CONS".to_string(),
        };
        let outcome = self.session.feed(self.line_no, line);
        // QUIT at the system console ends the server as Ctrl-D there does, as it ends the REPL.
        let shutdown = outcome.shutdown() || (from == Source::Console && outcome.quit());
        // JSON and the diagram: every event of the system, naming the terminal.
        if let Some(j) = self.json.as_mut() {
            self.json_buf.clear();
            vmcfsim::render_json(&outcome, &mut self.json_buf);
            for l in self.json_buf.lines() {
                let l = l.strip_suffix('}').unwrap_or(l);
                let _ = writeln!(j, "{l},\"terminal\":\"{terminal}\"}}");
            }
        }
        if let Some(r) = self.recorder.as_mut() {
            r.record(&outcome);
        }
        self.lines.clear();
        vmcfsim::render_lines(
            &outcome,
            &TextOptions {
                echo: false,
                source: None,
                // A 3270 row holds 79 characters of output (the last cell of the output area
                // holds the input field's attribute).
                width: Some(79),
            },
            &mut self.lines,
        );
        drop(outcome);
        let now_current = self.session.current_user();
        // The system console sees every line with its owner, as the REPL shows them.
        if let Some(c) = self.console.as_mut()
            && !self.lines.is_empty()
        {
            self.text.clear();
            if self.color {
                palette::write_colored(&self.lines, &mut self.text);
            } else {
                vmcfsim::write_text(&self.lines, &mut self.text);
            }
            c(self.text.clone());
        }
        // Each line to its VM's terminal, without the owner column.
        let lines = std::mem::take(&mut self.lines);
        for l in lines.iter() {
            self.route(from, l.owner, l.text);
        }
        self.lines = lines;
        match from {
            Source::Console => self.console_user = now_current,
            Source::Terminal(id) => {
                let had = self.terms.get(&id).and_then(|t| t.user);
                if let Some(u) = had {
                    let gone = !self.session.cp().is_logged_on(u);
                    let disconnected = self.session.cp().is_disconnected(u);
                    if gone || disconnected {
                        // LOGOFF or DISCONN: the terminal goes back to the logo.
                        self.by_user.remove(&u);
                        if let Some(t) = self.terms.get_mut(&id) {
                            t.user = None;
                        }
                        self.flush();
                        self.logo(id);
                        if disconnected {
                            self.keep_for_reconnection(u, false);
                        }
                    }
                }
            }
            Source::Server => {}
        }
        // A VM logged off by anyone leaves no terminal or backlog behind.
        // Only a line that logged someone off (LOGOFF, FORCE) needs the look through every
        // terminal below: most lines log nobody off.
        let users_after = self.session.cp().user_count();
        if users_after != users_before {
            self.refresh_users();
        }
        if users_after >= users_before {
            return shutdown;
        }
        let gone: Vec<Userid> = self
            .by_user
            .keys()
            .copied()
            .filter(|u| !self.session.cp().is_logged_on(*u))
            .collect();
        for u in gone {
            if let Some(id) = self.by_user.remove(&u) {
                if let Some(t) = self.terms.get_mut(&id) {
                    t.user = None;
                }
                self.flush();
                self.logo(id);
            }
        }
        self.disconnected
            .retain(|u, _| self.session.cp().is_logged_on(*u));
        shutdown
    }

    /// One line to the terminal that shows it: its VM's, else the one that typed it.
    fn route(&mut self, from: Source, owner: Option<Userid>, text: &str) {
        let to = match owner {
            Some(u) => match self.by_user.get(&u) {
                Some(&id) => Some(id),
                None => {
                    if let Some(d) = self.disconnected.get_mut(&u) {
                        if d.backlog.len() == BACKLOG {
                            d.backlog.pop_front();
                            d.dropped += 1;
                        }
                        d.backlog.push_back(text.to_string());
                        return;
                    }
                    // A VM at the system console, or one being logged on right now.
                    match from {
                        Source::Terminal(id)
                            if self.terms.get(&id).and_then(|t| t.user) == Some(u) =>
                        {
                            Some(id)
                        }
                        _ => None,
                    }
                }
            },
            None => match from {
                Source::Terminal(id) => Some(id),
                _ => None,
            },
        };
        if let Some(id) = to {
            self.batch(id, text);
        }
    }

    /// SHUTDOWN: every terminal is told and closed.
    fn shutdown(&mut self) {
        self.flush();
        let ids: Vec<u64> = self.terms.keys().copied().collect();
        for id in ids {
            self.send(id, Out::Close(vec![SHUTDOWN_LINE.to_string()]));
        }
        self.terms.clear();
        // Straight to the terminal: the line editor may have ended already (Ctrl-D).
        if self.console.take().is_some() {
            // Below the prompt, when the editor was reading.
            if READING.load(Ordering::SeqCst) {
                println!();
            }
            println!("{SHUTDOWN_LINE}");
        }
    }
}
