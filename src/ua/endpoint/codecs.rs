//! The Endpoint's codec management (PJSUA2's `codecEnum2`, `codecSetPriority`,
//! `codecGetParam`, `codecSetParam`, `getCodecOpusConfig`, `setCodecOpusConfig`). New
//! calls offer and answer with the codecs as they are when the call starts.

use super::Endpoint;
use crate::media::codec::{CodecError, CodecInfo, CodecParam, OpusConfig};
use crate::ua::status::*;
use crate::ua::{Error, Result};

fn codec_error(title: &str, e: CodecError) -> Error {
    let status = match e {
        CodecError::NotFound(_) => PJSUA2RS_ERR_NOT_FOUND,
        _ => PJSUA2RS_ERR_INVALID_ARG,
    };
    Error::new(status, title, e.to_string())
}

impl Endpoint {
    /// `codecEnum2()`: every codec with its priority, highest first.
    pub fn codec_enum2(&self) -> Result<Vec<CodecInfo>> {
        let media = self.live("Endpoint::codecEnum2()")?.media.clone();
        let list = media.codecs().codec_enum();
        Ok(list)
    }

    /// `codecSetPriority(codec_id, priority)`: `codec_id` may be a prefix (`PCMU`, or
    /// empty for all); priority 0 disables the codec.
    pub fn codec_set_priority(&self, codec_id: &str, priority: u8) -> Result<()> {
        let title = "Endpoint::codecSetPriority()";
        let media = self.live(title)?.media.clone();
        let r = media.codecs().set_priority(codec_id, priority);
        r.map(|_| ()).map_err(|e| codec_error(title, e))
    }

    /// `codecGetParam(codec_id)`.
    pub fn codec_get_param(&self, codec_id: &str) -> Result<CodecParam> {
        let title = "Endpoint::codecGetParam()";
        let media = self.live(title)?.media.clone();
        let r = media.codecs().param(codec_id);
        r.map_err(|e| codec_error(title, e))
    }

    /// `codecSetParam(codec_id, param)`; `None` restores the defaults.
    pub fn codec_set_param(&self, codec_id: &str, param: Option<CodecParam>) -> Result<()> {
        let title = "Endpoint::codecSetParam()";
        let media = self.live(title)?.media.clone();
        let r = media.codecs().set_param(codec_id, param);
        r.map_err(|e| codec_error(title, e))
    }

    /// `getCodecOpusConfig()`.
    pub fn get_codec_opus_config(&self) -> Result<OpusConfig> {
        let media = self.live("Endpoint::getCodecOpusConfig()")?.media.clone();
        let cfg = media.codecs().opus_config();
        Ok(cfg)
    }

    /// `setCodecOpusConfig(cfg)`.
    pub fn set_codec_opus_config(&self, cfg: OpusConfig) -> Result<()> {
        let title = "Endpoint::setCodecOpusConfig()";
        let media = self.live(title)?.media.clone();
        let r = media.codecs().set_opus_config(cfg);
        r.map_err(|e| codec_error(title, e))
    }
}
