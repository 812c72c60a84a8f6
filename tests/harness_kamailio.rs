//! The interop harness proven without pjsua2rs, run by scripts/test.sh (they need kamailio
//! and sipp; run them with `cargo test --test harness_kamailio -- --ignored`):
//! - kamailio (tests/kamailio/kamailio.cfg) driven by sipp clients: digest registration
//!   over UDP, TCP and IPv6 lands in usrloc and leaves on un-REGISTER; a wrong password or
//!   another user's credentials get 403; too short an expiry gets 423; a local user's
//!   MESSAGE is challenged (407) and relayed to a registered user; unregistered users get
//!   404; PUBLISHed presence reaches a subscriber's NOTIFY;
//! - the sipp registrars of tests/sipp/ (registrar_*.xml) pass a sipp client doing the
//!   right thing, and registrar_auth.xml fails a wrong digest.

mod common;

use common::kamailio::{Kamailio, DOMAIN, MIN_EXPIRES};
use common::sipp::{free_port, Sipp, SippExit};
use std::net::{SocketAddr, UdpSocket};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The subscribers; bob's password has the characters db_text must escape.
const ALICE_PASSWORD: &str = "alice-secret";
const USERS: &[(&str, &str)] = &[("alice", ALICE_PASSWORD), ("bob", "b:o\\b")];
/// The longest a sipp run may take here (the slowest, registrar_refresh, takes 5 s).
const LIMIT: Duration = Duration::from_secs(30);

/// The loopback address of the same family as `target`, for sipp's `-i`.
fn local_ip(target: SocketAddr) -> &'static str {
    if target.is_ipv6() {
        "::1"
    } else {
        "127.0.0.1"
    }
}

/// Starts a sipp client running `scenario` against `target` as `user`, with the digest
/// credentials `auth` (user, password), from a free port; returns it and its address.
fn client(
    scenario: &str,
    target: SocketAddr,
    transport: &str,
    user: &str,
    auth: (&str, &str),
    extra: &[&str],
) -> (Sipp, SocketAddr) {
    let ip = local_ip(target);
    let port = free_port(ip);
    let (port_arg, target_arg) = (port.to_string(), target.to_string());
    let mut args = vec!["-m", "1", "-timeout", "20s", "-timeout_error"];
    let options = [
        ("-s", user),
        ("-au", auth.0),
        ("-ap", auth.1),
        ("-i", ip),
        ("-p", &port_arg),
        ("-t", transport),
    ];
    for (option, value) in options {
        args.extend([option, value]);
    }
    args.extend(["-key", "domain", DOMAIN]);
    args.extend_from_slice(extra);
    args.push(&target_arg);
    let local = SocketAddr::new(ip.parse().unwrap(), port);
    (Sipp::spawn(scenario, &args), local)
}

fn assert_passed(what: &str, exit: &SippExit, k: Option<&Kamailio>) {
    assert_eq!(
        exit.code,
        0,
        "{what}: sipp failed:\n{}\nkamailio log:\n{}",
        exit.output,
        k.map(Kamailio::log).unwrap_or_default()
    );
}

/// Polls `check` every 50 ms for up to 5 s.
fn eventually(mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        sleep(Duration::from_millis(50));
    }
    false
}

/// alice registers through digest (401, then 200) over TCP or UDP, IPv6 or IPv4; her
/// contact is in usrloc while sipp pauses, and her un-REGISTER removes it.
fn register_alice(ipv6: bool, tcp: bool) {
    let k = Kamailio::start(USERS);
    let (target, transport, sip_transport) = match (ipv6, tcp) {
        (false, false) => (k.udp, "u1", "UDP"),
        (false, true) => (k.tcp, "t1", "TCP"),
        (true, false) => (k.udp6.expect("IPv6 listener"), "u1", "UDP"),
        (true, true) => (k.tcp6.expect("IPv6 listener"), "t1", "TCP"),
    };
    let (sipp, local) = client(
        "uac_register_auth.xml",
        target,
        transport,
        "alice",
        ("alice", ALICE_PASSWORD),
        &["-d", "1500"],
    );
    let want = vec![format!("sip:alice@{local};transport={sip_transport}")];
    let mut seen = Vec::new();
    let registered = eventually(|| {
        seen = k.registered_contacts("alice");
        seen == want
    });
    let exit = sipp.wait(LIMIT);
    assert_passed("register", &exit, Some(&k));
    assert!(
        registered,
        "usrloc has {seen:?}, not {want:?}:\n{}",
        k.log()
    );
    assert_eq!(k.registered_contacts("alice"), Vec::<String>::new());
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_registers_alice_over_udp_with_digest() {
    register_alice(false, false);
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_registers_alice_over_tcp_with_digest() {
    register_alice(false, true);
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_registers_alice_over_ipv6() {
    if !common::ipv6::ipv6_or_skip("kamailio_registers_alice_over_ipv6") {
        return;
    }
    register_alice(true, false);
    register_alice(true, true);
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_answers_a_wrong_password_with_403() {
    let k = Kamailio::start(USERS);
    let (sipp, _) = client(
        "uac_register_forbidden.xml",
        k.udp,
        "u1",
        "alice",
        ("alice", "not-her-password"),
        &[],
    );
    assert_passed("401 then 403", &sipp.wait(LIMIT), Some(&k));
    assert!(k.registered_contacts("alice").is_empty());
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_answers_registering_another_user_with_403() {
    let k = Kamailio::start(USERS);
    // To and From are bob, the credentials alice's (right password).
    let (sipp, _) = client(
        "uac_register_forbidden.xml",
        k.udp,
        "u1",
        "bob",
        ("alice", ALICE_PASSWORD),
        &[],
    );
    assert_passed("401 then 403", &sipp.wait(LIMIT), Some(&k));
    assert!(k.registered_contacts("bob").is_empty());
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_answers_too_short_an_expiry_with_423() {
    let k = Kamailio::start(USERS);
    // Expires: 30 -> 401 -> 423 Min-Expires -> Expires: Min-Expires -> 200 granting it.
    let (sipp, local) = client(
        "uac_register_423.xml",
        k.udp,
        "u1",
        "alice",
        ("alice", ALICE_PASSWORD),
        &[],
    );
    assert_passed("423 then 200", &sipp.wait(LIMIT), Some(&k));
    let lookup = k.rpc(&["ul.lookup", "location", "alice"]);
    assert!(lookup.contains(&format!("sip:alice@{local}")), "{lookup}");
    let expires: u32 = lookup
        .lines()
        .find_map(|l| l.trim().strip_prefix("Expires: "))
        .and_then(|e| e.parse().ok())
        .unwrap_or_else(|| panic!("no expiry in:\n{lookup}"));
    assert!(
        (MIN_EXPIRES - 5..=MIN_EXPIRES).contains(&expires),
        "registered for {expires} s, asked for Min-Expires {MIN_EXPIRES}"
    );
}

/// A bare UDP SIP peer for the requests the sipp scenarios do not send.
struct Peer {
    sock: UdpSocket,
    addr: SocketAddr,
    /// Requests sent so far: each gets its own branch and Call-ID.
    sent: std::cell::Cell<u32>,
}

impl Peer {
    fn new() -> Peer {
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let addr = sock.local_addr().unwrap();
        Peer {
            sock,
            addr,
            sent: Default::default(),
        }
    }

    /// Receives one message (panics after 5 s).
    fn recv(&self) -> (String, SocketAddr) {
        let mut buf = vec![0u8; 65535];
        let (n, from) = self
            .sock
            .recv_from(&mut buf)
            .expect("no SIP message in 5 s");
        (String::from_utf8_lossy(&buf[..n]).into_owned(), from)
    }

    /// Sends a request to `proxy` and returns its final response. `from` is a URI;
    /// `headers` are extra header lines ending in CRLF.
    fn request(
        &self,
        proxy: SocketAddr,
        method: &str,
        ruri: &str,
        from: &str,
        headers: &str,
        body: &str,
    ) -> String {
        let me = self.addr;
        let n = self.sent.get() + 1;
        self.sent.set(n);
        let id = format!("{}-{}-{n}", std::process::id(), me.port());
        let msg = format!(
            "{method} {ruri} SIP/2.0\r\nVia: SIP/2.0/UDP {me};branch=z9hG4bK{id};rport\r\n\
             From: <{from}>;tag=peer{n}\r\nTo: <{ruri}>\r\nCall-ID: {id}@{me}\r\n\
             CSeq: 1 {method}\r\nMax-Forwards: 70\r\nContact: <sip:peer@{me}>\r\n{headers}\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.sock.send_to(msg.as_bytes(), proxy).unwrap();
        loop {
            let (answer, _) = self.recv();
            if !answer.starts_with("SIP/2.0 1") {
                return answer;
            }
        }
    }

    /// Answers `request` (received from `from`) with `status` ("200 OK").
    fn respond(&self, request: &str, from: SocketAddr, status: &str) {
        let mut reply = format!("SIP/2.0 {status}\r\n");
        for line in request.lines().take_while(|l| !l.is_empty()) {
            let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
            match name.as_str() {
                "via" | "from" | "call-id" | "cseq" => reply.push_str(&format!("{line}\r\n")),
                "to" => reply.push_str(&format!("{line};tag=answer\r\n")),
                _ => {}
            }
        }
        reply.push_str("Content-Length: 0\r\n\r\n");
        self.sock.send_to(reply.as_bytes(), from).unwrap();
    }
}

/// The status code of a response.
fn status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("not a response:\n{response}"))
}

/// The value of the first header `name` (full name, any case).
fn header<'a>(msg: &'a str, name: &str) -> Option<&'a str> {
    msg.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_challenges_local_senders_and_relays_to_registered_users() {
    let k = Kamailio::start(USERS);
    let probe = Peer::new();
    // Not "myself" (not kamailio's port): a stranger, whom the proxy does not challenge.
    let outsider = format!("sip:someone@{}", probe.addr);

    // Requests for a user with no contact: 404; to a foreign domain from a stranger: 403.
    let carol = format!("sip:carol@{DOMAIN}");
    let answer = probe.request(k.udp, "MESSAGE", &carol, &outsider, "", "hi");
    assert_eq!(status(&answer), 404, "{answer}");
    let foreign = probe.request(k.udp, "MESSAGE", "sip:x@192.0.2.1", &outsider, "", "hi");
    assert_eq!(status(&foreign), 403, "{foreign}");

    // A local user without credentials: 407 with a digest challenge for the domain.
    let answer = probe.request(k.udp, "MESSAGE", &carol, &k.aor("alice"), "", "hi");
    assert_eq!(status(&answer), 407, "{answer}");
    let challenge = header(&answer, "Proxy-Authenticate").expect("Proxy-Authenticate");
    assert!(
        challenge.starts_with("Digest") && challenge.contains(&format!("realm=\"{DOMAIN}\"")),
        "{challenge}"
    );

    // bob is registered (straight into usrloc) at a bare socket that answers 200.
    let bob = Peer::new();
    let contact = format!("sip:bob@{}", bob.addr);
    // ul.add table aor contact expires q path flags cflags methods (path: the string "0",
    // none; kamcmd takes a bare 0 for a number)
    let added = k.rpc(&[
        "ul.add", "location", "bob", &contact, "3600", "1.0", "s:0", "0", "0", "0",
    ]);
    assert!(!added.contains("error"), "ul.add: {added}");
    assert_eq!(k.registered_contacts("bob"), vec![contact.clone()]);
    let answering = std::thread::spawn(move || {
        let (message, from) = bob.recv();
        bob.respond(&message, from, "200 OK");
        message
    });
    let (alice, _) = client(
        "uac_message_auth.xml",
        k.udp,
        "u1",
        "alice",
        ("alice", ALICE_PASSWORD),
        &["-key", "peer", "bob"],
    );
    assert_passed(
        "MESSAGE: 407, then 200 from bob",
        &alice.wait(LIMIT),
        Some(&k),
    );
    let relayed = answering.join().unwrap();
    assert!(
        relayed.starts_with(&format!("MESSAGE {contact} SIP/2.0")),
        "{relayed}"
    );
    assert_eq!(
        relayed.matches("\r\nVia:").count(),
        2,
        "not via the proxy:\n{relayed}"
    );
    assert!(relayed.ends_with("hello bob\r\n"), "{relayed}");
    assert!(
        header(&relayed, "Proxy-Authorization").is_none(),
        "credentials leaked:\n{relayed}"
    );
}

#[test]
#[ignore = "needs kamailio; run by scripts/test.sh"]
fn kamailio_notifies_subscribers_of_published_presence() {
    let k = Kamailio::start(USERS);
    let alice = Peer::new();
    let pidf = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n\
         <presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"{}\">\r\n\
         <tuple id=\"t1\"><status><basic>open</basic></status><note>out to lunch</note></tuple>\r\n\
         </presence>\r\n",
        k.aor("alice")
    );
    let published = alice.request(
        k.udp,
        "PUBLISH",
        &k.aor("alice"),
        &k.aor("alice"),
        "Event: presence\r\nExpires: 300\r\nContent-Type: application/pidf+xml\r\n",
        &pidf,
    );
    assert_eq!(status(&published), 200, "{published}");
    assert!(header(&published, "SIP-ETag").is_some(), "{published}");

    let watcher = Peer::new();
    let subscribed = watcher.request(
        k.udp,
        "SUBSCRIBE",
        &k.aor("alice"),
        &k.aor("bob"),
        "Event: presence\r\nAccept: application/pidf+xml\r\nExpires: 300\r\n",
        "",
    );
    assert_eq!(status(&subscribed), 200, "{subscribed}");
    let (notify, from) = watcher.recv();
    watcher.respond(&notify, from, "200 OK");
    assert!(notify.starts_with("NOTIFY "), "{notify}");
    let state = header(&notify, "Subscription-State").unwrap_or_default();
    assert!(state.starts_with("active"), "{notify}");
    assert!(
        notify.contains("<basic>open</basic>") && notify.contains("out to lunch"),
        "the NOTIFY lacks the published state:\n{notify}"
    );
}

/// Runs a sipp registrar scenario against a sipp client scenario; returns (server, client).
fn registrar_pair(
    registrar: &str,
    uac: &str,
    transport: &str,
    password: &str,
) -> (SippExit, SippExit) {
    let port = free_port("127.0.0.1");
    let mut args = vec!["-m", "1", "-timeout", "25s", "-timeout_error"];
    args.extend(["-t", transport]);
    // The credentials registrar_auth.xml checks the digest against.
    args.extend(["-key", "user", "alice", "-key", "password", ALICE_PASSWORD]);
    let server = Sipp::spawn_server(registrar, "127.0.0.1", port, &args);
    let target = SocketAddr::from(([127, 0, 0, 1], port));
    let (client, _) = client(uac, target, transport, "alice", ("alice", password), &[]);
    let client = client.wait(LIMIT);
    (server.wait(LIMIT), client)
}

fn assert_pair_passes(registrar: &str, uac: &str, transport: &str) {
    let (server, client) = registrar_pair(registrar, uac, transport, ALICE_PASSWORD);
    assert_passed(&format!("{registrar} ({transport})"), &server, None);
    assert_passed(&format!("{uac} against {registrar}"), &client, None);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_auth_passes_a_good_client() {
    assert_pair_passes("registrar_auth.xml", "uac_register_auth.xml", "u1");
    assert_pair_passes("registrar_auth.xml", "uac_register_auth.xml", "t1");
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_auth_fails_a_wrong_digest() {
    // The client expects 401 then 403, which registrar_auth.xml sends before failing.
    let (server, client) = registrar_pair(
        "registrar_auth.xml",
        "uac_register_forbidden.xml",
        "u1",
        "wrong",
    );
    assert_passed("the client got 401 then 403", &client, None);
    assert_ne!(server.code, 0, "a wrong digest passed:\n{}", server.output);
    assert!(server.output.contains("digest is not"), "{}", server.output);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_423_passes_a_good_client() {
    assert_pair_passes("registrar_423.xml", "uac_register_423.xml", "u1");
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_refresh_passes_a_good_client() {
    assert_pair_passes("registrar_refresh.xml", "uac_register_refresh.xml", "u1");
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_503_passes_a_good_client() {
    assert_pair_passes("registrar_503.xml", "uac_register_503.xml", "u1");
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn sipp_registrar_delay_passes_a_good_client() {
    assert_pair_passes("registrar_delay.xml", "uac_register_delay.xml", "u1");
    assert_pair_passes("registrar_delay.xml", "uac_register_delay.xml", "t1");
}
