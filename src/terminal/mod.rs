//! Terminals for `vmcfsim serve`, without sockets: telnet negotiation (`telnet`), the 3270
//! data stream and its code pages (`ds3270`), CP's 3270 screen (`screen`) and one
//! connection's state machine over them (`conn`): bytes in, events and bytes out. The server
//! (the `serve` front end) only moves bytes between these and sockets, and lines between them
//! and the console.

mod conn;
mod ds3270;
mod screen;
mod telnet;

pub use conn::{Connection, INPUT_MAX, Input, Mode, NEGOTIATION_TIMEOUT_MS};
pub use screen::Status;
pub use telnet::code;
