//! JSON schema of the transport configs: `TransportConfig` with `TlsConfig`, the
//! "qosParams" object and the "sockOptParams" array (pjsua2 siptypes.cpp).

use super::persist::{check_len, persistent_configs, ObjReader, ObjWriter, Schema};
use crate::ua::config::lists::{counted, set_counted};
use crate::ua::config::{QosParams, SockOpt, SockOptParams, TlsConfig, TransportConfig};
use crate::ua::Result;

fn write_qos(w: &mut ObjWriter<'_>, q: &QosParams) -> Result<()> {
    let id = w.container("qosParams")?;
    let mut w = w.at(id);
    w.uint("qos.flags", q.flags.into())?;
    w.uint("qos.dscp_val", q.dscp_val.into())?;
    w.uint("qos.so_prio", q.so_prio.into())?;
    w.int("qos.wmm_prio", q.wmm_prio)
}

fn read_qos(r: &mut ObjReader<'_>, q: &mut QosParams) -> Result<()> {
    if let Some(id) = r.container("qosParams")? {
        let mut r = r.at(id);
        r.byte("qos.flags", &mut q.flags)?;
        r.byte("qos.dscp_val", &mut q.dscp_val)?;
        r.byte("qos.so_prio", &mut q.so_prio)?;
        r.int("qos.wmm_prio", &mut q.wmm_prio)?;
    }
    Ok(())
}

/// The "sockOptParams" array of {level, optName, optLen[, optVal]} objects; `optVal`
/// is present only when `optLen` is the size of an int, as PJSUA2 writes it.
fn write_sock_opts(w: &mut ObjWriter<'_>, p: &SockOptParams) -> Result<()> {
    let arr = w.array("sockOptParams")?;
    let path = w.path_of(arr);
    for o in counted(&p.sock_opts, p.sock_opts_count, &path)? {
        let id = w.at(arr).container("sockOpt")?;
        let mut w = w.at(id);
        w.int("level", o.level)?;
        w.int("optName", o.opt_name)?;
        w.int("optLen", o.opt_len)?;
        if o.opt_len == std::mem::size_of::<i32>() as i32 {
            w.int("optVal", o.opt_val)?;
        }
    }
    Ok(())
}

fn read_sock_opts(r: &mut ObjReader<'_>, p: &mut SockOptParams) -> Result<()> {
    let Some(arr) = r.array("sockOptParams")? else {
        return Ok(());
    };
    let mut values = Vec::new();
    for id in r.objects(arr)? {
        let mut o = SockOpt::default();
        let mut r = r.at(id);
        r.int("level", &mut o.level)?;
        r.int("optName", &mut o.opt_name)?;
        r.int("optLen", &mut o.opt_len)?;
        r.int("optVal", &mut o.opt_val)?;
        values.push(o);
    }
    let path = r.path_of(arr);
    check_len(&path, values.len(), p.sock_opts.len())?;
    set_counted(&mut p.sock_opts, &mut p.sock_opts_count, &values, &path)
}

impl Schema for TlsConfig {
    const CLASS: &'static str = "TlsConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.str("CaListFile", &self.ca_list_file)?;
        w.str("certFile", &self.cert_file)?;
        w.str("privKeyFile", &self.priv_key_file)?;
        w.str("password", &self.password)?;
        w.str("CaBuf", &self.ca_buf)?;
        w.str("certBuf", &self.cert_buf)?;
        w.str("privKeyBuf", &self.priv_key_buf)?;
        w.int("method", self.method)?;
        w.int_list("ciphers", &self.ciphers, self.ciphers_count)?;
        w.bool("verifyServer", self.verify_server)?;
        w.bool("verifyClient", self.verify_client)?;
        w.bool("requireClientCert", self.require_client_cert)?;
        w.uint("msecTimeout", self.msec_timeout)?;
        w.int("qosType", self.qos_type)?;
        write_qos(w, &self.qos_params)?;
        w.bool("qosIgnoreError", self.qos_ignore_error)?;
        write_sock_opts(w, &self.sock_opt_params)?;
        w.bool("sockOptIgnoreError", self.sock_opt_ignore_error)?;
        w.int("certLookupType", self.cert_lookup_type)?;
        w.str("certLookupKeyword", &self.cert_lookup_keyword)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.str("CaListFile", &mut self.ca_list_file)?;
        r.str("certFile", &mut self.cert_file)?;
        r.str("privKeyFile", &mut self.priv_key_file)?;
        r.str("password", &mut self.password)?;
        r.str("CaBuf", &mut self.ca_buf)?;
        r.str("certBuf", &mut self.cert_buf)?;
        r.str("privKeyBuf", &mut self.priv_key_buf)?;
        r.int("method", &mut self.method)?;
        r.int_list("ciphers", &mut self.ciphers, &mut self.ciphers_count)?;
        r.bool("verifyServer", &mut self.verify_server)?;
        r.bool("verifyClient", &mut self.verify_client)?;
        r.bool("requireClientCert", &mut self.require_client_cert)?;
        r.uint("msecTimeout", &mut self.msec_timeout)?;
        r.int("qosType", &mut self.qos_type)?;
        read_qos(r, &mut self.qos_params)?;
        r.bool("qosIgnoreError", &mut self.qos_ignore_error)?;
        read_sock_opts(r, &mut self.sock_opt_params)?;
        r.bool("sockOptIgnoreError", &mut self.sock_opt_ignore_error)?;
        r.int("certLookupType", &mut self.cert_lookup_type)?;
        r.str("certLookupKeyword", &mut self.cert_lookup_keyword)
    }
}

impl Schema for TransportConfig {
    const CLASS: &'static str = "TransportConfig";

    fn write_members(&self, w: &mut ObjWriter<'_>) -> Result<()> {
        w.uint("port", self.port)?;
        w.uint("portRange", self.port_range)?;
        w.str("publicAddress", &self.public_address)?;
        w.str("boundAddress", &self.bound_address)?;
        w.int("qosType", self.qos_type)?;
        write_qos(w, &self.qos_params)?;
        w.obj(&self.tls_config)?;
        write_sock_opts(w, &self.sock_opt_params)
    }

    fn read_members(&mut self, r: &mut ObjReader<'_>) -> Result<()> {
        r.uint("port", &mut self.port)?;
        r.uint("portRange", &mut self.port_range)?;
        r.str("publicAddress", &mut self.public_address)?;
        r.str("boundAddress", &mut self.bound_address)?;
        r.int("qosType", &mut self.qos_type)?;
        read_qos(r, &mut self.qos_params)?;
        r.obj(&mut self.tls_config)?;
        read_sock_opts(r, &mut self.sock_opt_params)
    }
}

persistent_configs!(TransportConfig, TlsConfig);
