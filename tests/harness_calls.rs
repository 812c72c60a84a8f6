//! The sipp call scenarios of tests/sipp/ proven without pjsua2rs, run by scripts/test.sh
//! (they need sipp; run them with `cargo test --test harness_calls -- --ignored`).
//!
//! Each scenario the pjsua2rs call tests will run against the endpoint is played here
//! against a sipp scenario that does what the endpoint must do: a uas_*.xml (sipp as the
//! called phone) against a uac_*.xml or an as_pjsua2rs/caller_*.xml, a uac_*.xml (sipp as
//! the caller) against a uas_*.xml or an as_pjsua2rs/callee*.xml. Both must exit 0. A few
//! pairs check that the scenarios' checks fail a peer that does the wrong thing. The
//! scenarios, their keys and the sipp pitfalls are listed in tests/sipp/CALLS.md.

mod common;

use common::sipp::{free_port, Sipp, SippExit};
use std::time::{Duration, Instant};

const IP: &str = "127.0.0.1";
/// The longest a pair may take (the slowest, the session timer's, takes about 2 s).
const LIMIT: Duration = Duration::from_secs(30);

/// sipp's `-t` for each transport.
#[derive(Clone, Copy, Debug)]
enum Transport {
    Udp,
    Tcp,
}

impl Transport {
    fn arg(self) -> &'static str {
        match self {
            Transport::Udp => "u1",
            Transport::Tcp => "t1",
        }
    }
}

/// A sipp server running `scenario` on a free port, ending after one call.
fn start_server(scenario: &str, transport: Transport, extra: &[&str]) -> (Sipp, u16) {
    let port = free_port(IP);
    let mut args = vec!["-t", transport.arg(), "-m", "1", "-timeout", "20s"];
    args.extend(["-timeout_error", "-trace_err", "-trace_msg"]);
    args.extend_from_slice(extra);
    (Sipp::spawn_server(scenario, IP, port, &args), port)
}

/// A sipp client running `scenario` (one call) to `IP:port`.
fn start_client(scenario: &str, port: u16, transport: Transport, extra: &[&str]) -> Sipp {
    let (local, target) = (free_port(IP).to_string(), format!("{IP}:{port}"));
    let mut args = vec![
        "-s",
        "callee",
        "-i",
        IP,
        "-p",
        &local,
        "-t",
        transport.arg(),
    ];
    args.extend(["-m", "1", "-timeout", "20s", "-timeout_error"]);
    args.extend(["-trace_err", "-trace_msg"]);
    args.extend_from_slice(extra);
    args.push(&target);
    Sipp::spawn(scenario, &args)
}

/// Runs `client_scenario` against `server_scenario` and returns how each ended.
fn play(
    server_scenario: (&str, &[&str]),
    client_scenario: (&str, &[&str]),
    transport: Transport,
) -> (SippExit, SippExit) {
    let started = Instant::now();
    let (srv, port) = start_server(server_scenario.0, transport, server_scenario.1);
    let cli = start_client(client_scenario.0, port, transport, client_scenario.1);
    let (cli, srv) = (cli.wait(LIMIT), srv.wait(LIMIT));
    eprintln!(
        "{} vs {} over {transport:?}: {:?}",
        server_scenario.0,
        client_scenario.0,
        started.elapsed()
    );
    (srv, cli)
}

/// Both sides of a pair must pass.
fn pair(server_scenario: (&str, &[&str]), client_scenario: (&str, &[&str]), t: Transport) {
    let (srv, cli) = play(server_scenario, client_scenario, t);
    assert!(
        srv.code == 0 && cli.code == 0,
        "{} (exit {}) vs {} (exit {}) over {t:?}\n=== server ===\n{}\n=== client ===\n{}",
        server_scenario.0,
        srv.code,
        client_scenario.0,
        cli.code,
        srv.output,
        cli.output
    );
}

/// `failing` must fail (exit non-zero) against the other side.
fn must_fail(failing: &SippExit, what: &str) {
    assert_ne!(failing.code, 0, "{what} passed:\n{}", failing.output);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn basic_call_over_udp_and_tcp() {
    for t in [Transport::Udp, Transport::Tcp] {
        pair(("uas_basic.xml", &[]), ("uac_basic.xml", &["-d", "200"]), t);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn answer_with_one_of_several_codecs() {
    let client = ("uac_180_codecs.xml", &["-d", "200"][..]);
    pair(("uas_basic.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn offer_in_200_answer_in_ack() {
    let client = ("uac_no_sdp.xml", &["-d", "200"][..]);
    pair(("uas_answer_in_ack.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn busy_486_is_acknowledged() {
    let client = ("as_pjsua2rs/caller_busy.xml", &[][..]);
    pair(("uas_busy.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn cancel_while_ringing_over_udp_and_tcp() {
    for t in [Transport::Udp, Transport::Tcp] {
        let client = ("uac_early_bye.xml", &["-d", "300"][..]);
        pair(("uas_ringing_then_cancel.xml", &[]), client, t);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn bye_in_the_early_dialog_over_udp_and_tcp() {
    for t in [Transport::Udp, Transport::Tcp] {
        let client = ("uac_bye_while_ringing.xml", &["-d", "200"][..]);
        pair(("as_pjsua2rs/callee_bye_while_ringing.xml", &[]), client, t);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn early_media_then_answer() {
    let server = ("uas_early_media.xml", &["-d", "300"][..]);
    let client = ("as_pjsua2rs/caller_early_media.xml", &["-d", "200"][..]);
    pair(server, client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn reliable_180_and_prack_over_udp_and_tcp() {
    for t in [Transport::Udp, Transport::Tcp] {
        pair(
            ("uas_100rel.xml", &[]),
            ("uac_100rel.xml", &["-d", "200"]),
            t,
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn two_2xx_are_acknowledged_and_the_second_hung_up() {
    let client = ("as_pjsua2rs/caller_forked.xml", &["-d", "200"][..]);
    pair(("uas_two_200s.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn hold_and_unhold_by_reinvite() {
    let client = ("as_pjsua2rs/caller_hold.xml", &["-d", "200"][..]);
    pair(("uas_reinvite_hold.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn called_phone_hangs_up() {
    let client = ("as_pjsua2rs/caller_hung_up_on.xml", &[][..]);
    pair(
        ("uas_sends_bye.xml", &["-d", "300"]),
        client,
        Transport::Udp,
    );
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn redirect_is_followed_to_the_contact() {
    let started = Instant::now();
    // The phone the 302 points to, then the redirect server.
    let (target, target_port) = start_server("uas_basic.xml", Transport::Udp, &[]);
    let target_uri = format!("sip:moved@{IP}:{target_port}");
    let (redirect, port) = start_server(
        "uas_redirect.xml",
        Transport::Udp,
        &["-key", "target", &target_uri],
    );
    let caller = start_client(
        "as_pjsua2rs/caller_redirected.xml",
        port,
        Transport::Udp,
        &["-d", "200"],
    );
    let exits = [
        ("caller", caller.wait(LIMIT)),
        ("redirect server", redirect.wait(LIMIT)),
        ("target", target.wait(LIMIT)),
    ];
    eprintln!("redirect: {:?}", started.elapsed());
    for (who, exit) in &exits {
        assert_eq!(exit.code, 0, "{who} failed:\n{}", exit.output);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn session_refreshed_by_update_and_by_reinvite() {
    // A 4 s interval (below RFC 4028's floor of 90, which sipp does not enforce): the
    // stand-in refreshes at half of it, as PJSIP does.
    for method in ["UPDATE", "INVITE"] {
        let caller_args = [
            "-key", "expires", "4", "-key", "method", method, "-d", "2000",
        ];
        let client = ("as_pjsua2rs/caller_session_timer.xml", &caller_args[..]);
        let server = ("uas_session_timer.xml", &["-key", "expires", "4"][..]);
        pair(server, client, Transport::Udp);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn a_late_session_refresh_fails_the_scenario() {
    // (-timeout 5s: the caller then waits for a 200 that never comes.)
    let caller_args = [
        "-key", "expires", "2", "-key", "method", "UPDATE", "-d", "2200",
    ];
    let mut caller_args = caller_args.to_vec();
    caller_args.extend(["-timeout", "5s"]);
    let client = ("as_pjsua2rs/caller_session_timer.xml", &caller_args[..]);
    let (srv, _) = play(
        ("uas_session_timer.xml", &["-key", "expires", "2"]),
        client,
        Transport::Udp,
    );
    must_fail(
        &srv,
        "uas_session_timer.xml with a refresh after the expiry",
    );
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn reinvite_without_offer() {
    let client = ("uac_reinvite_no_sdp.xml", &["-d", "200"][..]);
    pair(("as_pjsua2rs/callee.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn called_phone_offers_in_the_200_of_an_offerless_reinvite() {
    let client = ("uac_reinvite_no_sdp.xml", &["-d", "200"][..]);
    for t in [Transport::Udp, Transport::Tcp] {
        pair(("uas_reinvite_no_sdp.xml", &[]), client, t);
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn stray_acks_are_ignored() {
    let client = ("uac_bad_ack.xml", &["-d", "200"][..]);
    pair(("as_pjsua2rs/callee.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn dtmf_by_info() {
    let client = (
        "uac_info_dtmf.xml",
        &["-d", "200", "-key", "digit", "5"][..],
    );
    pair(("as_pjsua2rs/callee.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn options_in_a_call() {
    let client = ("uac_options_in_dialog.xml", &["-d", "200"][..]);
    pair(("as_pjsua2rs/callee.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn unknown_required_extension_gets_420() {
    let client = ("uac_unknown_require.xml", &[][..]);
    pair(("as_pjsua2rs/callee_420.xml", &[]), client, Transport::Udp);
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn blind_transfer_by_refer_over_udp_and_tcp() {
    let keys = ["-key", "refer_to", "sip:carol@127.0.0.1:5999"];
    for t in [Transport::Udp, Transport::Tcp] {
        let mut args = vec!["-d", "200", "-key", "final_status", "200"];
        args.extend(keys);
        pair(
            ("as_pjsua2rs/transferee.xml", &[]),
            ("uac_refer.xml", &args),
            t,
        );
    }
    // The stand-in reports 200: a test expecting 486 must fail.
    let mut args = vec!["-d", "200", "-key", "final_status", "486"];
    args.extend(keys);
    let client = ("uac_refer.xml", &args[..]);
    // (-timeout 5s: the transferee then waits for a BYE that never comes.)
    let server = ("as_pjsua2rs/transferee.xml", &["-timeout", "5s"][..]);
    let (_, cli) = play(server, client, Transport::Udp);
    must_fail(&cli, "uac_refer.xml expecting 486 from a NOTIFY of 200");
}

/// The keys and options of the digest scenarios: the user sipp checks, the password the
/// stand-in answers with.
const ALICE: [&str; 4] = ["-au", "alice", "-ap", "secret"];

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn invite_challenged_by_407_then_credentials_in_every_request_over_udp_and_tcp() {
    for t in [Transport::Udp, Transport::Tcp] {
        pair(
            ("uas_auth_invite.xml", &["-key", "user", "alice"]),
            ("as_pjsua2rs/caller_auth.xml", &ALICE),
            t,
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn bye_challenged_by_401_over_udp_and_tcp() {
    let server = ["-key", "user", "alice", "-key", "password", "secret"];
    for t in [Transport::Udp, Transport::Tcp] {
        pair(
            ("uas_auth_bye.xml", &server),
            ("as_pjsua2rs/caller_bye_auth.xml", &ALICE),
            t,
        );
    }
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn rejected_credentials_end_the_call_after_the_second_407() {
    let client = ["-au", "alice", "-ap", "wrong"];
    pair(
        ("uas_auth_reject.xml", &[]),
        ("as_pjsua2rs/caller_auth_rejected.xml", &client),
        Transport::Udp,
    );
}

#[test]
#[ignore = "needs sipp; run by scripts/test.sh"]
fn scenarios_fail_a_peer_that_does_the_wrong_thing() {
    // No offer in the INVITE: uas_basic.xml wants one.
    let (srv, _) = play(
        ("uas_basic.xml", &[]),
        ("uac_no_sdp.xml", &["-d", "200"]),
        Transport::Udp,
    );
    must_fail(&srv, "uas_basic.xml given an INVITE without SDP");
    // An extension required by the caller, answered 180/200 instead of 420.
    let (_, cli) = play(
        ("uas_basic.xml", &[]),
        ("uac_unknown_require.xml", &[]),
        Transport::Udp,
    );
    must_fail(&cli, "uac_unknown_require.xml answered with 180 and 200");
    // A BYE answered with the wrong password: 403, and the scenario fails.
    let server = ["-key", "user", "alice", "-key", "password", "secret"];
    let (srv, _) = play(
        ("uas_auth_bye.xml", &server),
        (
            "as_pjsua2rs/caller_bye_auth.xml",
            &["-au", "alice", "-ap", "wrong"],
        ),
        Transport::Udp,
    );
    must_fail(&srv, "uas_auth_bye.xml given a wrong digest");
    // Credentials for another user than the one uas_auth_invite.xml expects.
    let (srv, _) = play(
        ("uas_auth_invite.xml", &["-key", "user", "bob"]),
        ("as_pjsua2rs/caller_auth.xml", &ALICE),
        Transport::Udp,
    );
    must_fail(
        &srv,
        "uas_auth_invite.xml given alice's credentials for bob",
    );
}
