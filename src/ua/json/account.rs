//! JSON schema of the account config: `AccountConfig` with its registration, SIP, call,
//! presence and MWI parts, and `AuthCredInfo` (pjsua2 account.cpp, siptypes.cpp).

use super::document::JsonLayout::{Latest, V2_16};
use super::persist::{check_len, persistent_configs, ObjReader, ObjWriter, Schema};
use crate::ua::config::lists::{counted, set_counted};
use crate::ua::config::{
    AccountCallConfig, AccountConfig, AccountMwiConfig, AccountPresConfig, AccountRegConfig,
    AccountSipConfig, AuthCredInfo,
};
use crate::ua::Result;

impl Schema for AuthCredInfo {
    const CLASS: &'static str = "AuthCredInfo";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.str("scheme", &self.scheme)?;
        w.str("realm", &self.realm)?;
        w.str("username", &self.username)?;
        w.int("dataType", self.data_type)?;
        w.str("data", &self.data)?;
        w.str("akaK", &self.aka_k)?;
        w.str("akaOp", &self.aka_op)?;
        w.str("akaAmf", &self.aka_amf)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.str("scheme", &mut self.scheme)?;
        r.str("realm", &mut self.realm)?;
        r.str("username", &mut self.username)?;
        r.int("dataType", &mut self.data_type)?;
        r.str("data", &mut self.data)?;
        r.str("akaK", &mut self.aka_k)?;
        r.str("akaOp", &mut self.aka_op)?;
        r.str("akaAmf", &mut self.aka_amf)
    }
}

impl Schema for AccountRegConfig {
    const CLASS: &'static str = "AccountRegConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.str("registrarUri", &self.registrar_uri)?;
        w.bool("registerOnAdd", self.register_on_add)?;
        w.uint("timeoutSec", self.timeout_sec)?;
        w.uint("retryIntervalSec", self.retry_interval_sec)?;
        w.uint("firstRetryIntervalSec", self.first_retry_interval_sec)?;
        w.uint("randomRetryIntervalSec", self.random_retry_interval_sec)?;
        w.uint("delayBeforeRefreshSec", self.delay_before_refresh_sec)?;
        w.bool("dropCallsOnFail", self.drop_calls_on_fail)?;
        w.uint("unregWaitMsec", self.unreg_wait_msec)?;
        w.uint("proxyUse", self.proxy_use)?;
        w.str("contactParams", &self.contact_params)?;
        w.headers("headers", &self.headers, self.headers_count)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.str("registrarUri", &mut self.registrar_uri)?;
        r.bool("registerOnAdd", &mut self.register_on_add)?;
        r.uint("timeoutSec", &mut self.timeout_sec)?;
        r.uint("retryIntervalSec", &mut self.retry_interval_sec)?;
        r.uint("firstRetryIntervalSec", &mut self.first_retry_interval_sec)?;
        r.uint(
            "randomRetryIntervalSec",
            &mut self.random_retry_interval_sec,
        )?;
        r.uint("delayBeforeRefreshSec", &mut self.delay_before_refresh_sec)?;
        r.bool("dropCallsOnFail", &mut self.drop_calls_on_fail)?;
        r.uint("unregWaitMsec", &mut self.unreg_wait_msec)?;
        r.uint("proxyUse", &mut self.proxy_use)?;
        r.str("contactParams", &mut self.contact_params)?;
        r.headers("headers", &mut self.headers, &mut self.headers_count)
    }
}

impl Schema for AccountSipConfig {
    const CLASS: &'static str = "AccountSipConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.str_list("proxies", &self.proxies, self.proxies_count)?;
        w.str("contactForced", &self.contact_forced)?;
        w.str("contactParams", &self.contact_params)?;
        w.str("contactUriParams", &self.contact_uri_params)?;
        w.bool("authInitialEmpty", self.auth_initial_empty)?;
        w.str("authInitialAlgorithm", &self.auth_initial_algorithm)?;
        w.int("transportId", self.transport_id)?;
        if w.since(V2_16) {
            w.bool("useSharedAuth", self.use_shared_auth)?;
            w.bool("autoRespondSipMessage", self.auto_respond_sip_message)?;
        }
        let arr = w.array("authCreds")?;
        let path = w.path_of(arr);
        for cred in counted(&self.auth_creds, self.auth_creds_count, &path)? {
            w.at(arr).obj(cred)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.str_list("proxies", &mut self.proxies, &mut self.proxies_count)?;
        r.str("contactForced", &mut self.contact_forced)?;
        r.str("contactParams", &mut self.contact_params)?;
        r.str("contactUriParams", &mut self.contact_uri_params)?;
        r.bool("authInitialEmpty", &mut self.auth_initial_empty)?;
        r.str("authInitialAlgorithm", &mut self.auth_initial_algorithm)?;
        r.int("transportId", &mut self.transport_id)?;
        r.bool("useSharedAuth", &mut self.use_shared_auth)?;
        r.bool("autoRespondSipMessage", &mut self.auto_respond_sip_message)?;
        let Some(arr) = r.array("authCreds")? else {
            return Ok(());
        };
        let mut creds = Vec::new();
        for id in r.objects(arr)? {
            let mut cred = AuthCredInfo::default();
            cred.read_members(&mut r.at(id))?;
            creds.push(cred);
        }
        let path = r.path_of(arr);
        check_len(&path, creds.len(), self.auth_creds.len())?;
        set_counted(
            &mut self.auth_creds,
            &mut self.auth_creds_count,
            &creds,
            &path,
        )
    }
}

impl Schema for AccountCallConfig {
    const CLASS: &'static str = "AccountCallConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.int("holdType", self.hold_type)?;
        w.int("prackUse", self.prack_use)?;
        w.int("timerUse", self.timer_use)?;
        if w.since(V2_16) {
            w.int("siprecUse", self.siprec_use)?;
        }
        if w.since(Latest) {
            w.bool("siprecRequireLabel", self.siprec_require_label)?;
        }
        w.uint("timerMinSESec", self.timer_min_se_sec)?;
        w.uint("timerSessExpiresSec", self.timer_sess_expires_sec)?;
        if w.since(Latest) {
            w.bool("siprecRequireMetadata", self.siprec_require_metadata)?;
        }
        Ok(())
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.int("holdType", &mut self.hold_type)?;
        r.int("prackUse", &mut self.prack_use)?;
        r.int("timerUse", &mut self.timer_use)?;
        r.int("siprecUse", &mut self.siprec_use)?;
        r.bool("siprecRequireLabel", &mut self.siprec_require_label)?;
        r.uint("timerMinSESec", &mut self.timer_min_se_sec)?;
        r.uint("timerSessExpiresSec", &mut self.timer_sess_expires_sec)?;
        r.bool("siprecRequireMetadata", &mut self.siprec_require_metadata)
    }
}

impl Schema for AccountPresConfig {
    const CLASS: &'static str = "AccountPresConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.bool("publishEnabled", self.publish_enabled)?;
        w.bool("publishQueue", self.publish_queue)?;
        w.uint("publishShutdownWaitMsec", self.publish_shutdown_wait_msec)?;
        w.str("pidfTupleId", &self.pidf_tuple_id)?;
        w.headers("headers", &self.headers, self.headers_count)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.bool("publishEnabled", &mut self.publish_enabled)?;
        r.bool("publishQueue", &mut self.publish_queue)?;
        r.uint(
            "publishShutdownWaitMsec",
            &mut self.publish_shutdown_wait_msec,
        )?;
        r.str("pidfTupleId", &mut self.pidf_tuple_id)?;
        r.headers("headers", &mut self.headers, &mut self.headers_count)
    }
}

impl Schema for AccountMwiConfig {
    const CLASS: &'static str = "AccountMwiConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.bool("enabled", self.enabled)?;
        w.uint("expirationSec", self.expiration_sec)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.bool("enabled", &mut self.enabled)?;
        r.uint("expirationSec", &mut self.expiration_sec)
    }
}

impl Schema for AccountConfig {
    const CLASS: &'static str = "AccountConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.int("priority", self.priority)?;
        w.str("idUri", &self.id_uri)?;
        w.obj(&self.reg_config)?;
        w.obj(&self.sip_config)?;
        w.obj(&self.call_config)?;
        w.obj(&self.pres_config)?;
        w.obj(&self.mwi_config)?;
        w.obj(&self.nat_config)?;
        w.obj(&self.media_config)?;
        w.obj(&self.video_config)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.int("priority", &mut self.priority)?;
        r.str("idUri", &mut self.id_uri)?;
        r.obj(&mut self.reg_config)?;
        r.obj(&mut self.sip_config)?;
        r.obj(&mut self.call_config)?;
        r.obj(&mut self.pres_config)?;
        r.obj(&mut self.mwi_config)?;
        r.obj(&mut self.nat_config)?;
        r.obj(&mut self.media_config)?;
        r.obj(&mut self.video_config)
    }
}

persistent_configs!(
    AccountConfig,
    AccountRegConfig,
    AccountSipConfig,
    AccountCallConfig,
    AccountPresConfig,
    AccountMwiConfig,
    AuthCredInfo,
);
