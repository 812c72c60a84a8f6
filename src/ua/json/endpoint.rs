//! JSON schema of the endpoint configs: `EpConfig` with `UaConfig`, `LogConfig` and
//! `MediaConfig`, members in PJSUA2's order (pjsua2 endpoint.cpp).

use super::document::JsonLayout::{Latest, V2_16, V2_17};
use super::persist::{persistent_configs, ObjReader, ObjWriter, Schema};
use crate::ua::config::{EpConfig, LogConfig, MediaConfig, UaConfig};
use crate::ua::Result;

impl Schema for UaConfig {
    const CLASS: &'static str = "UaConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.uint("maxCalls", self.max_calls)?;
        w.uint("threadCnt", self.thread_cnt)?;
        w.bool("mainThreadOnly", self.main_thread_only)?;
        w.str_list("nameserver", &self.nameserver, self.nameserver_count)?;
        w.str("userAgent", &self.user_agent)?;
        w.str_list("stunServer", &self.stun_server, self.stun_server_count)?;
        w.bool("stunTryIpv6", self.stun_try_ipv6)?;
        w.bool("stunIgnoreFailure", self.stun_ignore_failure)?;
        w.int("natTypeInSdp", self.nat_type_in_sdp)?;
        w.bool("mwiUnsolicitedEnabled", self.mwi_unsolicited_enabled)?;
        w.bool("enableUpnp", self.enable_upnp)?;
        w.str("upnpIfName", &self.upnp_if_name)?;
        if w.since(V2_17) {
            w.bool("noRefersub", self.no_refersub)?;
        }
        if w.since(Latest) {
            w.bool("accServerAffinityDefault", self.acc_server_affinity_default)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.uint("maxCalls", &mut self.max_calls)?;
        r.uint("threadCnt", &mut self.thread_cnt)?;
        r.bool("mainThreadOnly", &mut self.main_thread_only)?;
        r.str_list(
            "nameserver",
            &mut self.nameserver,
            &mut self.nameserver_count,
        )?;
        r.str("userAgent", &mut self.user_agent)?;
        r.str_list(
            "stunServer",
            &mut self.stun_server,
            &mut self.stun_server_count,
        )?;
        r.bool("stunTryIpv6", &mut self.stun_try_ipv6)?;
        r.bool("stunIgnoreFailure", &mut self.stun_ignore_failure)?;
        r.int("natTypeInSdp", &mut self.nat_type_in_sdp)?;
        r.bool("mwiUnsolicitedEnabled", &mut self.mwi_unsolicited_enabled)?;
        r.bool("enableUpnp", &mut self.enable_upnp)?;
        r.str("upnpIfName", &mut self.upnp_if_name)?;
        r.bool("noRefersub", &mut self.no_refersub)?;
        r.bool(
            "accServerAffinityDefault",
            &mut self.acc_server_affinity_default,
        )
    }
}

impl Schema for LogConfig {
    const CLASS: &'static str = "LogConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.uint("msgLogging", self.msg_logging)?;
        w.uint("level", self.level)?;
        w.uint("consoleLevel", self.console_level)?;
        w.uint("decor", self.decor)?;
        w.str("filename", &self.filename)?;
        w.uint("fileFlags", self.file_flags)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.uint("msgLogging", &mut self.msg_logging)?;
        r.uint("level", &mut self.level)?;
        r.uint("consoleLevel", &mut self.console_level)?;
        r.uint("decor", &mut self.decor)?;
        r.str("filename", &mut self.filename)?;
        r.uint("fileFlags", &mut self.file_flags)
    }
}

impl Schema for MediaConfig {
    const CLASS: &'static str = "MediaConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.uint("clockRate", self.clock_rate)?;
        w.uint("sndClockRate", self.snd_clock_rate)?;
        w.uint("channelCount", self.channel_count)?;
        w.uint("audioFramePtime", self.audio_frame_ptime)?;
        w.uint("maxMediaPorts", self.max_media_ports)?;
        if w.since(V2_16) {
            w.uint("confThreads", self.conf_threads)?;
        }
        w.bool("hasIoqueue", self.has_ioqueue)?;
        w.uint("threadCnt", self.thread_cnt)?;
        w.uint("quality", self.quality)?;
        w.uint("ptime", self.ptime)?;
        w.bool("noVad", self.no_vad)?;
        w.uint("ilbcMode", self.ilbc_mode)?;
        w.uint("txDropPct", self.tx_drop_pct)?;
        w.uint("rxDropPct", self.rx_drop_pct)?;
        w.uint("ecOptions", self.ec_options)?;
        w.uint("ecTailLen", self.ec_tail_len)?;
        w.uint("sndRecLatency", self.snd_rec_latency)?;
        w.uint("sndPlayLatency", self.snd_play_latency)?;
        w.int("jbInit", self.jb_init)?;
        w.int("jbMinPre", self.jb_min_pre)?;
        w.int("jbMaxPre", self.jb_max_pre)?;
        w.int("jbMax", self.jb_max)?;
        w.int("jbDiscardAlgo", self.jb_discard_algo)?;
        w.int("sndAutoCloseTime", self.snd_auto_close_time)?;
        w.bool("vidPreviewEnableNative", self.vid_preview_enable_native)?;
        w.bool("sndUseSwClock", self.snd_use_sw_clock)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.uint("clockRate", &mut self.clock_rate)?;
        r.uint("sndClockRate", &mut self.snd_clock_rate)?;
        r.uint("channelCount", &mut self.channel_count)?;
        r.uint("audioFramePtime", &mut self.audio_frame_ptime)?;
        r.uint("maxMediaPorts", &mut self.max_media_ports)?;
        r.uint("confThreads", &mut self.conf_threads)?;
        r.bool("hasIoqueue", &mut self.has_ioqueue)?;
        r.uint("threadCnt", &mut self.thread_cnt)?;
        r.uint("quality", &mut self.quality)?;
        r.uint("ptime", &mut self.ptime)?;
        r.bool("noVad", &mut self.no_vad)?;
        r.uint("ilbcMode", &mut self.ilbc_mode)?;
        r.uint("txDropPct", &mut self.tx_drop_pct)?;
        r.uint("rxDropPct", &mut self.rx_drop_pct)?;
        r.uint("ecOptions", &mut self.ec_options)?;
        r.uint("ecTailLen", &mut self.ec_tail_len)?;
        r.uint("sndRecLatency", &mut self.snd_rec_latency)?;
        r.uint("sndPlayLatency", &mut self.snd_play_latency)?;
        r.int("jbInit", &mut self.jb_init)?;
        r.int("jbMinPre", &mut self.jb_min_pre)?;
        r.int("jbMaxPre", &mut self.jb_max_pre)?;
        r.int("jbMax", &mut self.jb_max)?;
        r.int("jbDiscardAlgo", &mut self.jb_discard_algo)?;
        r.int("sndAutoCloseTime", &mut self.snd_auto_close_time)?;
        r.bool(
            "vidPreviewEnableNative",
            &mut self.vid_preview_enable_native,
        )?;
        r.bool("sndUseSwClock", &mut self.snd_use_sw_clock)
    }
}

impl Schema for EpConfig {
    const CLASS: &'static str = "EpConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.obj(&self.ua_config)?;
        w.obj(&self.log_config)?;
        w.obj(&self.med_config)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.obj(&mut self.ua_config)?;
        r.obj(&mut self.log_config)?;
        r.obj(&mut self.med_config)
    }
}

persistent_configs!(EpConfig, UaConfig, LogConfig, MediaConfig);
