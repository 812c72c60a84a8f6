//! JSON schema of the account's NAT, media (with `SrtpOpt` and the media
//! `TransportConfig`) and video configs (pjsua2 account.cpp).

use super::document::JsonLayout::V2_16;
use super::document::{number, string, to_i32, to_u32};
use super::persist::{check_len, persistent_configs, store_str, ObjReader, ObjWriter, Schema};
use crate::ua::config::lists::{counted, set_counted};
use crate::ua::config::{
    AccountMediaConfig, AccountNatConfig, AccountVideoConfig, SrtpCrypto, SrtpOpt,
};
use crate::ua::status::PJSUA2RS_ERR_JSON;
use crate::ua::{Error, Result};

impl Schema for AccountNatConfig {
    const CLASS: &'static str = "AccountNatConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.int("sipStunUse", self.sip_stun_use)?;
        w.int("mediaStunUse", self.media_stun_use)?;
        w.int("sipUpnpUse", self.sip_upnp_use)?;
        w.int("mediaUpnpUse", self.media_upnp_use)?;
        w.int("nat64Opt", self.nat64_opt)?;
        w.bool("iceEnabled", self.ice_enabled)?;
        w.int("iceTrickle", self.ice_trickle)?;
        w.int("iceMaxHostCands", self.ice_max_host_cands)?;
        w.bool("iceAggressiveNomination", self.ice_aggressive_nomination)?;
        w.uint(
            "iceNominatedCheckDelayMsec",
            self.ice_nominated_check_delay_msec,
        )?;
        w.int(
            "iceWaitNominationTimeoutMsec",
            self.ice_wait_nomination_timeout_msec,
        )?;
        if w.since(V2_16) {
            w.uint("iceCheckSrcAddr", self.ice_check_src_addr)?;
        }
        w.bool("iceNoRtcp", self.ice_no_rtcp)?;
        w.bool("iceAlwaysUpdate", self.ice_always_update)?;
        w.bool("turnEnabled", self.turn_enabled)?;
        w.str("turnServer", &self.turn_server)?;
        w.int("turnConnType", self.turn_conn_type)?;
        w.str("turnUserName", &self.turn_user_name)?;
        w.int("turnPasswordType", self.turn_password_type)?;
        w.str("turnPassword", &self.turn_password)?;
        w.int("contactRewriteUse", self.contact_rewrite_use)?;
        w.int("contactRewriteMethod", self.contact_rewrite_method)?;
        w.int("viaRewriteUse", self.via_rewrite_use)?;
        w.int("sdpNatRewriteUse", self.sdp_nat_rewrite_use)?;
        w.int("sipOutboundUse", self.sip_outbound_use)?;
        w.str("sipOutboundInstanceId", &self.sip_outbound_instance_id)?;
        w.str("sipOutboundRegId", &self.sip_outbound_reg_id)?;
        w.uint("udpKaIntervalSec", self.udp_ka_interval_sec)?;
        w.str("udpKaData", &self.udp_ka_data)?;
        w.int("contactUseSrcPort", self.contact_use_src_port)?;
        if w.since(V2_16) {
            let n = self.ice_manual_host_count;
            w.str_list("iceManualHost", &self.ice_manual_host, n)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.int("sipStunUse", &mut self.sip_stun_use)?;
        r.int("mediaStunUse", &mut self.media_stun_use)?;
        r.int("sipUpnpUse", &mut self.sip_upnp_use)?;
        r.int("mediaUpnpUse", &mut self.media_upnp_use)?;
        r.int("nat64Opt", &mut self.nat64_opt)?;
        r.bool("iceEnabled", &mut self.ice_enabled)?;
        r.int("iceTrickle", &mut self.ice_trickle)?;
        r.int("iceMaxHostCands", &mut self.ice_max_host_cands)?;
        r.bool(
            "iceAggressiveNomination",
            &mut self.ice_aggressive_nomination,
        )?;
        r.uint(
            "iceNominatedCheckDelayMsec",
            &mut self.ice_nominated_check_delay_msec,
        )?;
        r.int(
            "iceWaitNominationTimeoutMsec",
            &mut self.ice_wait_nomination_timeout_msec,
        )?;
        r.uint("iceCheckSrcAddr", &mut self.ice_check_src_addr)?;
        r.bool("iceNoRtcp", &mut self.ice_no_rtcp)?;
        r.bool("iceAlwaysUpdate", &mut self.ice_always_update)?;
        r.bool("turnEnabled", &mut self.turn_enabled)?;
        r.str("turnServer", &mut self.turn_server)?;
        r.int("turnConnType", &mut self.turn_conn_type)?;
        r.str("turnUserName", &mut self.turn_user_name)?;
        r.int("turnPasswordType", &mut self.turn_password_type)?;
        r.str("turnPassword", &mut self.turn_password)?;
        r.int("contactRewriteUse", &mut self.contact_rewrite_use)?;
        r.int("contactRewriteMethod", &mut self.contact_rewrite_method)?;
        r.int("viaRewriteUse", &mut self.via_rewrite_use)?;
        r.int("sdpNatRewriteUse", &mut self.sdp_nat_rewrite_use)?;
        r.int("sipOutboundUse", &mut self.sip_outbound_use)?;
        r.str("sipOutboundInstanceId", &mut self.sip_outbound_instance_id)?;
        r.str("sipOutboundRegId", &mut self.sip_outbound_reg_id)?;
        r.uint("udpKaIntervalSec", &mut self.udp_ka_interval_sec)?;
        r.str("udpKaData", &mut self.udp_ka_data)?;
        r.int("contactUseSrcPort", &mut self.contact_use_src_port)?;
        r.str_list(
            "iceManualHost",
            &mut self.ice_manual_host,
            &mut self.ice_manual_host_count,
        )
    }
}

impl Schema for SrtpOpt {
    const CLASS: &'static str = "SrtpOpt";

    /// `cryptos` is a flat array [key, name, flags, key, name, flags...]; its elements and
    /// the `keyings` numbers carry names in the tree (as PJSUA2's do), so both arrays are
    /// written one element per line.
    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        let arr = w.array("cryptos")?;
        let path = w.path_of(arr);
        for c in counted(&self.cryptos, self.cryptos_count, &path)? {
            let mut w = w.at(arr);
            w.str("key", &c.key)?;
            w.str("name", &c.name)?;
            w.uint("flags", c.flags)?;
        }
        let arr = w.array("keyings")?;
        let path = w.path_of(arr);
        for k in counted(&self.keyings, self.keyings_count, &path)? {
            w.at(arr).int("keying", *k)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        if let Some(arr) = r.array("cryptos")? {
            let items = r.elements(arr);
            let path = r.path_of(arr);
            if !items.len().is_multiple_of(3) {
                return Err(Error::new(
                    PJSUA2RS_ERR_JSON,
                    "",
                    format!(
                        "{path}: expected [key, name, flags] triples, got {} elements",
                        items.len()
                    ),
                ));
            }
            check_len(&path, items.len() / 3, self.cryptos.len())?;
            let tree = r.tree();
            let mut cryptos = Vec::new();
            for triple in items.chunks(3) {
                let mut c = SrtpCrypto::default();
                let key = string(&triple[0].0, tree, &triple[0].1)?;
                store_str(&mut c.key, key, &triple[0].1)?;
                let name = string(&triple[1].0, tree, &triple[1].1)?;
                store_str(&mut c.name, name, &triple[1].1)?;
                c.flags = to_u32(number(&triple[2].0, tree, &triple[2].1)?, &triple[2].1)?;
                cryptos.push(c);
            }
            set_counted(&mut self.cryptos, &mut self.cryptos_count, &cryptos, &path)?;
        }
        if let Some(arr) = r.array("keyings")? {
            let items = r.elements(arr);
            let path = r.path_of(arr);
            check_len(&path, items.len(), self.keyings.len())?;
            let tree = r.tree();
            let keyings = items
                .iter()
                .map(|(item, p)| to_i32(number(item, tree, p)?, p))
                .collect::<Result<Vec<_>>>()?;
            set_counted(&mut self.keyings, &mut self.keyings_count, &keyings, &path)?;
        }
        Ok(())
    }
}

impl Schema for AccountMediaConfig {
    const CLASS: &'static str = "AccountMediaConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.bool("lockCodecEnabled", self.lock_codec_enabled)?;
        w.bool("streamKaEnabled", self.stream_ka_enabled)?;
        w.int("srtpUse", self.srtp_use)?;
        w.int("srtpSecureSignaling", self.srtp_secure_signaling)?;
        w.obj(&self.srtp_opt)?;
        w.int("ipv6Use", self.ipv6_use)?;
        w.obj(&self.transport_config)?;
        w.bool("rtcpMuxEnabled", self.rtcp_mux_enabled)?;
        w.bool("useLoopMedTp", self.use_loop_med_tp)?;
        w.bool("enableLoopback", self.enable_loopback)?;
        w.bool("rtcpXrEnabled", self.rtcp_xr_enabled)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.bool("lockCodecEnabled", &mut self.lock_codec_enabled)?;
        r.bool("streamKaEnabled", &mut self.stream_ka_enabled)?;
        r.int("srtpUse", &mut self.srtp_use)?;
        r.int("srtpSecureSignaling", &mut self.srtp_secure_signaling)?;
        r.obj(&mut self.srtp_opt)?;
        r.int("ipv6Use", &mut self.ipv6_use)?;
        r.obj(&mut self.transport_config)?;
        r.bool("rtcpMuxEnabled", &mut self.rtcp_mux_enabled)?;
        r.bool("useLoopMedTp", &mut self.use_loop_med_tp)?;
        r.bool("enableLoopback", &mut self.enable_loopback)?;
        r.bool("rtcpXrEnabled", &mut self.rtcp_xr_enabled)
    }
}

impl Schema for AccountVideoConfig {
    const CLASS: &'static str = "AccountVideoConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.bool("autoShowIncoming", self.auto_show_incoming)?;
        w.bool("autoTransmitOutgoing", self.auto_transmit_outgoing)?;
        w.uint("windowFlags", self.window_flags)?;
        w.int("defaultCaptureDevice", self.default_capture_device)?;
        w.int("defaultRenderDevice", self.default_render_device)?;
        w.int("rateControlMethod", self.rate_control_method)?;
        w.uint("rateControlBandwidth", self.rate_control_bandwidth)?;
        w.uint("startKeyframeCount", self.start_keyframe_count)?;
        w.uint("startKeyframeInterval", self.start_keyframe_interval)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.bool("autoShowIncoming", &mut self.auto_show_incoming)?;
        r.bool("autoTransmitOutgoing", &mut self.auto_transmit_outgoing)?;
        r.uint("windowFlags", &mut self.window_flags)?;
        r.int("defaultCaptureDevice", &mut self.default_capture_device)?;
        r.int("defaultRenderDevice", &mut self.default_render_device)?;
        r.int("rateControlMethod", &mut self.rate_control_method)?;
        r.uint("rateControlBandwidth", &mut self.rate_control_bandwidth)?;
        r.uint("startKeyframeCount", &mut self.start_keyframe_count)?;
        r.uint("startKeyframeInterval", &mut self.start_keyframe_interval)
    }
}

persistent_configs!(
    AccountNatConfig,
    AccountMediaConfig,
    AccountVideoConfig,
    SrtpOpt
);
