//! A SEND/RECV, RECEIVE, REPLY exchange between two virtual machines, straight through the
//! engine: each VM stores a VMCPARM and issues DIAGNOSE X'68', as an assembler program would.

use vmcfsim::{Cp, Event, FixedClock, Subfunction, Userid, Vmcparm, ebcdic};

fn diag(cp: &mut Cp, user: Userid, p: Vmcparm) {
    cp.store(user, 0x800, &p.encode())
        .expect("0x800 is inside storage");
    let rc = cp
        .diagnose_68(user, 0x800)
        .expect("parameter list is aligned");
    println!("{user}: DIAGNOSE X'68' {} -> RC {rc}", function(p.func));
    for event in cp.events().events() {
        match event {
            Event::Interrupt {
                user,
                buffer,
                header,
                ..
            } => println!(
                "{user}: interrupt X'4001', header at X'{buffer:06X}': {}",
                hex(&header.encode())
            ),
            Event::Data {
                user,
                address,
                data,
            } => println!(
                "{user}: {} bytes stored at X'{address:06X}': {}",
                data.len(),
                ebcdic::decode(cp.events().bytes(*data))
            ),
            _ => {}
        }
    }
    cp.clear_events();
}

fn function(code: u16) -> String {
    vmcfsim::function_name(code)
}

fn hex(b: &[u8]) -> String {
    b.chunks(4)
        .map(|w| w.iter().map(|x| format!("{x:02X}")).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let mut cp = Cp::new(Box::new(FixedClock::standard()));
    let (a, b) = (Userid::parse("A").unwrap(), Userid::parse("B").unwrap());
    for user in [a, b] {
        cp.logon(user);
        let mut auth = Vmcparm::new(Subfunction::Authorize);
        auth.vada = 0x1000;
        auth.lena = 40;
        diag(&mut cp, user, auth);
    }
    cp.store(a, 0x20000, &ebcdic::encode("WHAT TIME IS IT").unwrap())
        .unwrap();
    let mut send = Vmcparm::new(Subfunction::SendRecv);
    send.user = b;
    send.mid = 1;
    (send.vada, send.lena) = (0x20000, 15);
    (send.vadb, send.lenb) = (0x21000, 64);
    diag(&mut cp, a, send);

    let mut recv = Vmcparm::new(Subfunction::Receive);
    recv.user = a;
    recv.mid = 1;
    (recv.vada, recv.lena) = (0x30000, 15);
    diag(&mut cp, b, recv);

    cp.store(b, 0x31000, &ebcdic::encode("09:00:00").unwrap())
        .unwrap();
    let mut reply = Vmcparm::new(Subfunction::Reply);
    reply.user = a;
    reply.mid = 1;
    (reply.vada, reply.lena) = (0x31000, 8);
    diag(&mut cp, b, reply);
}
