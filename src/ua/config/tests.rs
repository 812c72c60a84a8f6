//! Defaults that JSON does not show (non-persisted fields, struct sizes).

use super::*;
use crate::ua::fixed_str::FixedStr;

#[test]
fn top_level_configs_stamp_their_size() {
    assert_eq!(
        EpConfig::default().struct_size as usize,
        std::mem::size_of::<EpConfig>()
    );
    assert_eq!(
        AccountConfig::default().struct_size as usize,
        std::mem::size_of::<AccountConfig>()
    );
    assert_eq!(
        TransportConfig::default().struct_size as usize,
        std::mem::size_of::<TransportConfig>()
    );
    assert_eq!(
        BuddyConfig::default().struct_size as usize,
        std::mem::size_of::<BuddyConfig>()
    );
}

#[test]
fn non_persisted_defaults_are_pjsua2s() {
    let ep = EpConfig::default();
    assert_eq!(ep.ua_config.outbound_proxies_count, 0);
    assert!(ep.log_config.writer.is_none());
    assert!(ep.log_config.writer_user_data.is_null());
    let tls = TlsConfig::default();
    assert_eq!(tls.proto, 28);
    assert!(tls.enable_renegotiation);
    let tp = TransportConfig::default();
    assert!(!tp.randomize_port);
    let acc = AccountConfig::default();
    assert!(!acc.reg_config.disable_reg_on_modify);
    assert_eq!(acc.reg_config.contact_uri_params.get_str("p").unwrap(), "");
    assert_eq!(acc.sip_config.ipv6_use, 0);
    assert_eq!(acc.sip_config.server_affinity, 0);
    assert_eq!(acc.text_config.redundancy_level, 2);
    assert!(acc.ip_change_config.shutdown_tp);
    assert!(!acc.ip_change_config.hangup_calls);
    assert_eq!(acc.ip_change_config.reinvite_flags, 50);
    assert_eq!(acc.ip_change_config.reinv_use_update, 0);
    assert_eq!(acc.media_config.transport_config.port, 4000);
    let cred = AuthCredInfo::default();
    assert_eq!(cred.scheme.get_str("s").unwrap(), "digest");
    assert_eq!(cred.realm.get_str("r").unwrap(), "*");
    assert_eq!(cred.algo_type, PJSUA2RS_AUTH_ALGORITHM_NOT_SET);
    assert_eq!(SockOpt::default().opt_len, 4);
}
