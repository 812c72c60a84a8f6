//! Digest authentication end to end: the client of `pjsua2rs::sip::auth` against a
//! server-side verifier written here from RFC 7616 / RFC 3261 (with the hash crates
//! directly, sharing no code with the client), in simulated exchanges that go through
//! the wire format both ways.

use pjsua2rs::rng::Rng;
use pjsua2rs::sip::auth::{apply, AuthError, ClientAuth, Credential, HashAlgorithm, Secret};
use pjsua2rs::sip::{HeaderName, Message, Method, Request, Response, SipHeaders};
use pjsua2rs::ua::config::AuthCredInfo;
use pjsua2rs::ua::fixed_str::FixedStr;
use sha2::Digest;
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------
// The verifier.

/// `H(data)` in hex for an algorithm token (with or without `-sess`).
fn h(algorithm: &str, data: &str) -> String {
    let base = algorithm.to_ascii_uppercase();
    let base = base.trim_end_matches("-SESS");
    let bytes: Vec<u8> = match base {
        "MD5" => md5::Md5::digest(data.as_bytes()).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data.as_bytes()).to_vec(),
        "SHA-512-256" => sha2::Sha512_256::digest(data.as_bytes()).to_vec(),
        other => panic!("verifier: unknown algorithm {other}"),
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The parameters of a `Digest a=b, c="d"` value (names lower-cased).
fn params(value: &str) -> HashMap<String, String> {
    let rest = value.trim_start();
    assert!(
        rest[..6].eq_ignore_ascii_case("digest"),
        "not Digest: {value}"
    );
    let (mut out, mut chars) = (HashMap::new(), rest[6..].chars().peekable());
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let name: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if name.is_empty() {
            return out;
        }
        let mut v = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => v.extend(chars.next()),
                    '"' => break,
                    _ => v.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                v.push(c);
            }
        }
        out.insert(name.trim().to_ascii_lowercase(), v.trim().to_string());
    }
}

/// A registrar (401) or proxy (407) that challenges and verifies digest answers.
struct Server {
    proxy: bool,
    realm: String,
    /// The algorithm tokens offered, one challenge each, in this order.
    algorithms: Vec<&'static str>,
    /// The qop offered, e.g. `auth` or `auth,auth-int`; `None` for the RFC 2069 form.
    qop: Option<&'static str>,
    userhash: bool,
    users: Vec<(&'static str, &'static str)>,
    /// Issued nonces: the last nc accepted and whether the nonce has expired.
    nonces: HashMap<String, (u32, bool)>,
    issued: u32,
    /// Whether a challenge after an expired nonce says `stale=true`.
    says_stale: bool,
    /// The algorithms and qops of the answers accepted, in order.
    accepted: Vec<(String, Option<String>)>,
    /// How many requests reached this server.
    requests: u32,
}

impl Server {
    fn new(realm: &str, algorithms: Vec<&'static str>, qop: Option<&'static str>) -> Server {
        Server {
            proxy: false,
            realm: realm.to_string(),
            algorithms,
            qop,
            userhash: false,
            users: vec![("bob", "zanzibar")],
            nonces: HashMap::new(),
            issued: 0,
            says_stale: true,
            accepted: Vec::new(),
            requests: 0,
        }
    }

    fn headers(&self) -> (HeaderName, HeaderName) {
        match self.proxy {
            true => (
                HeaderName::ProxyAuthenticate,
                HeaderName::ProxyAuthorization,
            ),
            false => (HeaderName::WwwAuthenticate, HeaderName::Authorization),
        }
    }

    /// Every nonce issued so far expires (the next answer with one is stale).
    fn expire_nonces(&mut self) {
        self.nonces.values_mut().for_each(|n| n.1 = true);
    }

    fn challenge(&mut self, request: &Request, stale: bool) -> Response {
        let mut r = Response::new(if self.proxy { 407 } else { 401 }, "Unauthorized");
        for name in [
            HeaderName::Via,
            HeaderName::From,
            HeaderName::To,
            HeaderName::CallId,
            HeaderName::CSeq,
        ] {
            r.headers
                .push(name.clone(), request.headers.get(&name).unwrap().clone());
        }
        for algorithm in self.algorithms.clone() {
            self.issued += 1;
            let nonce = format!("{}/nonce+{}=", self.realm, self.issued);
            self.nonces.insert(nonce.clone(), (0, false));
            let mut v = format!(
                "Digest realm=\"{}\", nonce=\"{nonce}\", opaque=\"op,aque\", algorithm={algorithm}",
                self.realm
            );
            if let Some(qop) = self.qop {
                v += &format!(", qop=\"{qop}\"");
            }
            if stale {
                v += ", stale=true";
            }
            if self.userhash {
                v += ", charset=UTF-8, userhash=true";
            }
            r.headers.push(self.headers().0, v);
        }
        r
    }

    /// `Ok(())` when the request carries a right answer for our realm; `Err(stale)` when not.
    fn verify(&mut self, req: &Request) -> Result<(), bool> {
        let (_, answer_header) = self.headers();
        let Some(p) = req
            .headers
            .get_all(&answer_header)
            .map(|v| params(v))
            .find(|p| p.get("realm") == Some(&self.realm))
        else {
            return Err(false);
        };
        let get = |name: &str| p.get(name).cloned().unwrap_or_default();
        let algorithm = p.get("algorithm").cloned().unwrap_or_else(|| "MD5".into());
        assert!(
            self.algorithms
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&algorithm)),
            "answered with {algorithm}, not offered"
        );
        assert_eq!(get("uri"), req.uri.to_string(), "uri is the Request-URI");
        assert_eq!(get("opaque"), "op,aque", "opaque echoed");
        let nonce = get("nonce");
        let Some(&(last_nc, expired)) = self.nonces.get(&nonce) else {
            return Err(false); // not ours (or forgotten)
        };
        let user = if self.userhash {
            assert_eq!(get("userhash"), "true");
            self.users
                .iter()
                .find(|(u, _)| h(&algorithm, &format!("{u}:{}", self.realm)) == get("username"))
        } else {
            self.users.iter().find(|(u, _)| *u == get("username"))
        };
        let Some((user, password)) = user else {
            return Err(false);
        };
        let mut ha1 = h(&algorithm, &format!("{user}:{}:{password}", self.realm));
        if algorithm.to_ascii_lowercase().ends_with("-sess") {
            ha1 = h(&algorithm, &format!("{ha1}:{nonce}:{}", get("cnonce")));
        }
        let qop = p.get("qop").cloned();
        let method = req.method.as_str();
        let ha2 = match qop.as_deref() {
            Some("auth-int") => {
                let body = String::from_utf8(req.body.to_vec()).unwrap();
                h(
                    &algorithm,
                    &format!("{method}:{}:{}", get("uri"), h(&algorithm, &body)),
                )
            }
            _ => h(&algorithm, &format!("{method}:{}", get("uri"))),
        };
        let expected = match (&qop, self.qop) {
            (Some(q), Some(offered)) => {
                assert!(offered.split(',').any(|o| o == q), "qop {q} not offered");
                let nc = u32::from_str_radix(&get("nc"), 16).expect("nc is hex");
                assert_eq!(get("nc").len(), 8);
                if nc <= last_nc {
                    return Err(false); // a replayed nonce count
                }
                self.nonces.get_mut(&nonce).unwrap().0 = nc;
                h(
                    &algorithm,
                    &format!("{ha1}:{nonce}:{}:{}:{q}:{ha2}", get("nc"), get("cnonce")),
                )
            }
            (None, None) => h(&algorithm, &format!("{ha1}:{nonce}:{ha2}")),
            (q, offered) => panic!("qop {q:?} answers an offer of {offered:?}"),
        };
        if get("response") != expected {
            return Err(false);
        }
        if expired {
            return Err(self.says_stale);
        }
        self.accepted.push((algorithm, qop));
        Ok(())
    }

    /// The response to a request, or `None` when it passes on (accepted by a proxy).
    fn handle(&mut self, req: &Request) -> Option<Response> {
        self.requests += 1;
        match self.verify(req) {
            Ok(()) => None,
            Err(stale) => Some(self.challenge(req, stale)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The exchange.

/// Through the wire format: what the other side parses.
fn wire(m: Message) -> Message {
    Message::parse(m.to_bytes()).unwrap()
}

fn register() -> Request {
    let mut r = Request::new(Method::Register, "sip:biloxi.com".parse().unwrap());
    r.headers.push(
        HeaderName::Via,
        "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7",
    );
    r.headers
        .push(HeaderName::From, "<sip:bob@biloxi.com>;tag=456248");
    r.headers.push(HeaderName::To, "<sip:bob@biloxi.com>");
    r.headers
        .push(HeaderName::CallId, "843817637684230@998sdasdh09");
    r.headers.push(HeaderName::CSeq, "1826 REGISTER");
    r
}

/// Sends `req` through the servers in order (a proxy, then the registrar); the final
/// response is the first challenge, or a 200.
fn send(servers: &mut [&mut Server], req: &Request) -> Response {
    let Message::Request(received) = wire(Message::Request(req.clone())) else {
        unreachable!()
    };
    for server in servers.iter_mut() {
        if let Some(challenge) = server.handle(&received) {
            let Message::Response(r) = wire(Message::Response(challenge)) else {
                unreachable!()
            };
            return r;
        }
    }
    let mut ok = Response::new(200, "OK");
    ok.headers.push(
        HeaderName::CSeq,
        received.headers.get(&HeaderName::CSeq).unwrap().clone(),
    );
    ok
}

/// The caller's loop: send, answer each 401/407 (new CSeq, new branch), stop at a final
/// response or an error. Returns the request that got the 200.
fn run(
    auth: &mut ClientAuth,
    servers: &mut [&mut Server],
    mut req: Request,
    rng: &mut Rng,
) -> Result<Request, AuthError> {
    for _ in 0..10 {
        let r = send(servers, &req);
        if r.status == 200 {
            auth.on_success();
            return Ok(req);
        }
        let headers = auth.respond(&req, &r, rng)?;
        apply(&mut req, &headers);
        let seq = req.cseq().unwrap().seq + 1;
        req.headers
            .set(HeaderName::CSeq, format!("{seq} {}", req.method));
        req.headers.set(
            HeaderName::Via,
            format!("SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK{}", rng.token(10)),
        );
    }
    panic!("no final response after 10 rounds");
}

fn bob() -> ClientAuth {
    ClientAuth::new(vec![Credential::plain("*", "bob", "zanzibar")])
}

// ---------------------------------------------------------------------------------------
// The scenarios.

#[test]
fn md5_register_then_preemptive_refresh() {
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let (mut auth, mut rng) = (bob(), Rng::from_seed(1));
    run(&mut auth, &mut [&mut registrar], register(), &mut rng).unwrap();
    assert_eq!(registrar.requests, 2);
    // The refresh is authorized up front (nc 2 on the same nonce): one request, no 401.
    let mut refresh = register();
    auth.authorize(&mut refresh).unwrap();
    run(&mut auth, &mut [&mut registrar], refresh, &mut rng).unwrap();
    assert_eq!(registrar.requests, 3);
    assert_eq!(registrar.accepted.len(), 2);
}

#[test]
fn stale_nonce_is_retried_without_the_application() {
    for says_stale in [true, false] {
        let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
        registrar.says_stale = says_stale;
        let (mut auth, mut rng) = (bob(), Rng::from_seed(2));
        run(&mut auth, &mut [&mut registrar], register(), &mut rng).unwrap();
        registrar.expire_nonces();
        let mut refresh = register();
        auth.authorize(&mut refresh).unwrap();
        // Pre-emptive answer (stale), then the new nonce: 2 requests, success.
        run(&mut auth, &mut [&mut registrar], refresh, &mut rng).unwrap();
        assert_eq!(registrar.requests, 4, "says_stale={says_stale}");
    }
}

#[test]
fn wrong_password_is_rejected_without_a_loop() {
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let mut auth = ClientAuth::new(vec![Credential::plain("*", "bob", "wrong")]);
    let err = run(
        &mut auth,
        &mut [&mut registrar],
        register(),
        &mut Rng::from_seed(3),
    )
    .unwrap_err();
    assert_eq!(
        err,
        AuthError::Rejected {
            realm: "biloxi.com".into()
        }
    );
    assert_eq!(err.status(), 171100);
    assert_eq!(registrar.requests, 2);
}

#[test]
fn a_server_that_stays_stale_ends_in_stale_loop() {
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let (mut auth, mut rng) = (bob(), Rng::from_seed(4));
    run(&mut auth, &mut [&mut registrar], register(), &mut rng).unwrap();
    let mut req = register();
    auth.authorize(&mut req).unwrap();
    let mut result = Ok(());
    for _ in 0..5 {
        registrar.expire_nonces();
        let r = send(&mut [&mut registrar], &req);
        match auth.respond(&req, &r, &mut rng) {
            Ok(headers) => apply(&mut req, &headers),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    assert_eq!(
        result,
        Err(AuthError::StaleLoop {
            realm: "biloxi.com".into()
        })
    );
    // 2 for the registration, then the refresh and its 3 stale retries.
    assert_eq!(registrar.requests, 2 + 1 + 3);
}

#[test]
fn auth_int_covers_the_body() {
    let mut server = Server::new("atlanta.com", vec!["MD5"], Some("auth-int"));
    let mut msg = Request::new(Method::Message, "sip:alice@atlanta.com".parse().unwrap());
    for (name, value) in [
        (HeaderName::Via, "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK776"),
        (HeaderName::From, "<sip:bob@biloxi.com>;tag=1"),
        (HeaderName::To, "<sip:alice@atlanta.com>"),
        (HeaderName::CallId, "m1@biloxi.com"),
        (HeaderName::CSeq, "1 MESSAGE"),
        (HeaderName::ContentType, "text/plain"),
    ] {
        msg.headers.push(name, value);
    }
    msg.body = "Watson, come here.".into();
    let (mut auth, mut rng) = (bob(), Rng::from_seed(5));
    let sent = run(&mut auth, &mut [&mut server], msg, &mut rng).unwrap();
    assert_eq!(
        server.accepted,
        vec![("MD5".to_string(), Some("auth-int".to_string()))]
    );
    // The verifier would notice a changed body (a fresh nc, so only the body differs).
    let mut next = sent.clone();
    auth.authorize(&mut next).unwrap();
    next.body = "Watson, go away.".into();
    assert!(send(&mut [&mut server], &next).status == 401);
}

#[test]
fn sha256_sess_and_the_strongest_offer() {
    let mut registrar = Server::new(
        "biloxi.com",
        vec!["MD5", "SHA-256-sess"],
        Some("auth,auth-int"),
    );
    let (mut auth, mut rng) = (bob(), Rng::from_seed(6));
    run(&mut auth, &mut [&mut registrar], register(), &mut rng).unwrap();
    let mut refresh = register();
    auth.authorize(&mut refresh).unwrap();
    run(&mut auth, &mut [&mut registrar], refresh, &mut rng).unwrap();
    let want = ("SHA-256-sess".to_string(), Some("auth".to_string()));
    assert_eq!(registrar.accepted, vec![want.clone(), want]);
}

#[test]
fn rfc2069_server_without_qop() {
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], None);
    let (mut auth, mut rng) = (bob(), Rng::from_seed(7));
    run(&mut auth, &mut [&mut registrar], register(), &mut rng).unwrap();
    assert_eq!(registrar.accepted, vec![("MD5".to_string(), None)]);
}

fn config(realm: &str, data_type: i32, data: &str, algo_type: i32) -> AuthCredInfo {
    let mut info = AuthCredInfo::default();
    info.realm.set_str(realm, "realm").unwrap();
    info.username.set_str("bob", "username").unwrap();
    info.data.set_str(data, "data").unwrap();
    info.data_type = data_type;
    info.algo_type = algo_type;
    info
}

#[test]
fn ha1_credentials_from_config() {
    // HA1 = H("bob:biloxi.com:zanzibar"), given upper-case to check it is normalised.
    let md5 = h("MD5", "bob:biloxi.com:zanzibar").to_ascii_uppercase();
    let sha = h("SHA-256", "bob:biloxi.com:zanzibar");
    let creds = vec![
        Credential::from_config(&config("biloxi.com", 1, &md5, 0)).unwrap(),
        Credential::from_config(&config("biloxi.com", 1, &sha, 2)).unwrap(),
    ];
    assert!(matches!(
        creds[1].secret,
        Secret::Ha1 {
            algorithm: HashAlgorithm::Sha256,
            ..
        }
    ));
    for offered in [vec!["MD5"], vec!["SHA-256"], vec!["MD5", "SHA-256"]] {
        let mut registrar = Server::new("biloxi.com", offered.clone(), Some("auth"));
        let mut auth = ClientAuth::new(creds.clone());
        run(
            &mut auth,
            &mut [&mut registrar],
            register(),
            &mut Rng::from_seed(8),
        )
        .unwrap();
        assert_eq!(registrar.accepted[0].0, *offered.last().unwrap());
    }
    // An MD5 HA1 cannot answer SHA-256: a clear error, no request wasted.
    let mut registrar = Server::new("biloxi.com", vec!["SHA-256"], Some("auth"));
    let mut auth = ClientAuth::new(vec![creds[0].clone()]);
    let err = run(
        &mut auth,
        &mut [&mut registrar],
        register(),
        &mut Rng::from_seed(8),
    )
    .unwrap_err();
    assert_eq!(
        err,
        AuthError::NoCredential {
            realm: "biloxi.com".into(),
            algorithm: "SHA-256".into()
        }
    );
    assert_eq!(registrar.requests, 1);
}

#[test]
fn exact_realm_wins_over_wildcard() {
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let mut auth = ClientAuth::new(vec![
        Credential::from_config(&config("*", 0, "wrong", 0)).unwrap(),
        Credential::from_config(&config("BILOXI.com", 0, "zanzibar", 0)).unwrap(),
    ]);
    run(
        &mut auth,
        &mut [&mut registrar],
        register(),
        &mut Rng::from_seed(9),
    )
    .unwrap();
    // With only the wildcard, it answers, and the server rejects it once.
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let mut auth = ClientAuth::new(vec![Credential::plain("*", "bob", "wrong")]);
    let err = run(
        &mut auth,
        &mut [&mut registrar],
        register(),
        &mut Rng::from_seed(9),
    )
    .unwrap_err();
    assert!(matches!(err, AuthError::Rejected { .. }));
}

#[test]
fn proxy_and_registrar_in_one_flow() {
    let mut proxy = Server::new("proxy.biloxi.com", vec!["SHA-256"], Some("auth"));
    proxy.proxy = true;
    proxy.users = vec![("bob-proxy", "pr0xy")];
    let mut registrar = Server::new("biloxi.com", vec!["MD5"], Some("auth"));
    let mut auth = ClientAuth::new(vec![
        Credential::plain("proxy.biloxi.com", "bob-proxy", "pr0xy"),
        Credential::plain("biloxi.com", "bob", "zanzibar"),
    ]);
    let mut rng = Rng::from_seed(10);
    let sent = run(
        &mut auth,
        &mut [&mut proxy, &mut registrar],
        register(),
        &mut rng,
    )
    .unwrap();
    // REGISTER -> 407, + Proxy-Authorization -> 401, + both -> 200.
    assert_eq!((proxy.requests, registrar.requests), (3, 2));
    assert_eq!(
        sent.headers
            .get_all(&HeaderName::ProxyAuthorization)
            .count(),
        1
    );
    assert_eq!(sent.headers.get_all(&HeaderName::Authorization).count(), 1);
    // A refresh is authorized up front for both realms.
    let mut refresh = register();
    auth.authorize(&mut refresh).unwrap();
    run(
        &mut auth,
        &mut [&mut proxy, &mut registrar],
        refresh,
        &mut rng,
    )
    .unwrap();
    assert_eq!((proxy.requests, registrar.requests), (4, 3));
}

#[test]
fn userhash_with_sha512_256() {
    let mut registrar = Server::new("api@example.org", vec!["SHA-512-256"], Some("auth"));
    registrar.userhash = true;
    registrar.users = vec![("J\u{e4}s\u{f8}n Doe", "Secret, or not?")];
    let mut auth = ClientAuth::new(vec![Credential::plain(
        "*",
        "J\u{e4}s\u{f8}n Doe",
        "Secret, or not?",
    )]);
    let sent = run(
        &mut auth,
        &mut [&mut registrar],
        register(),
        &mut Rng::from_seed(11),
    )
    .unwrap();
    let header = sent.headers.get(&HeaderName::Authorization).unwrap();
    assert!(
        !header.contains("Doe"),
        "the user name is not sent in clear: {header}"
    );
    assert_eq!(registrar.accepted[0].0, "SHA-512-256");
}
