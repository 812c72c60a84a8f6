//! A UA core for tests in simulated time: seeded, silent, its application events
//! collected in a list instead of dispatched.

use pjsua2rs::rng::Rng;
use pjsua2rs::sip::endpoint::{EndpointConfig, SipEndpoint};
use pjsua2rs::sip::transaction::TimerConfig;
use pjsua2rs::sip::NameAddr;
use pjsua2rs::ua::core::{AppEvent, UaCore};
use pjsua2rs::ua::log::{LogSettings, Logger};
use std::sync::{Arc, Mutex};

/// A core with default timers, seeded generators and logging off, and the list its
/// events go to.
pub fn quiet_core() -> (UaCore, Arc<Mutex<Vec<AppEvent>>>) {
    quiet_core_with(vec![])
}

/// The same with these global outbound proxies (UaConfig.outboundProxies).
pub fn quiet_core_with(outbound_proxies: Vec<NameAddr>) -> (UaCore, Arc<Mutex<Vec<AppEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = events.clone();
    let sip = SipEndpoint::new(
        EndpointConfig {
            timers: TimerConfig::default(),
            user_agent: "sim".into(),
        },
        Rng::from_seed(7),
    );
    let logger = Arc::new(Logger::new());
    logger
        .configure(
            LogSettings {
                level: 0,
                console_level: 0,
                ..Default::default()
            },
            None,
        )
        .unwrap();
    let core = UaCore::new(
        sip,
        logger,
        Arc::new(move |e| sink_events.lock().unwrap().push(e)),
        Rng::from_seed(8),
        outbound_proxies,
    );
    (core, events)
}
