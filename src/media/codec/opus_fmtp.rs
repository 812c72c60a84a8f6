//! The Opus `a=fmtp` parameters of RFC 7587 §6.1: parsing (`useinbandfec=1; stereo=1`) and
//! writing, and the conversion to and from PJSUA2's `CodecFmtp` lists. Each side declares
//! what it wants to *receive*; the other side's values shape our encoder (§7.1).

use super::param::CodecFmtp;
use std::fmt;

/// The Opus fmtp parameters; `None` means absent (the RFC default applies).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpusFmtp {
    /// Highest audio bandwidth, as a sampling rate, the receiver can render (default 48000).
    pub maxplaybackrate: Option<u32>,
    /// Highest sampling rate the sender captures.
    pub sprop_maxcapturerate: Option<u32>,
    /// Longest packet duration in ms the receiver accepts.
    pub maxptime: Option<u32>,
    /// Preferred packet duration in ms.
    pub ptime: Option<u32>,
    /// Shortest packet duration in ms.
    pub minptime: Option<u32>,
    /// Highest average bit rate the receiver wants (6000..=510000).
    pub maxaveragebitrate: Option<u32>,
    /// The receiver prefers stereo (default 0: mono).
    pub stereo: Option<bool>,
    /// The sender is likely to send stereo.
    pub sprop_stereo: Option<bool>,
    /// The receiver prefers constant bit rate.
    pub cbr: Option<bool>,
    /// The receiver can use in-band FEC, so the sender should add it.
    pub useinbandfec: Option<bool>,
    /// The receiver prefers discontinuous transmission.
    pub usedtx: Option<bool>,
}

impl OpusFmtp {
    /// Parses an fmtp value (without the payload type): `name=value` pairs separated by
    /// `;` and optional spaces. Unknown names and malformed values are ignored, as RFC 7587
    /// asks of receivers.
    pub fn parse(value: &str) -> Self {
        let mut f = OpusFmtp::default();
        for part in value.split(';') {
            if let Some((name, val)) = part.split_once('=') {
                f.set(name.trim(), val.trim());
            }
        }
        f
    }

    /// Reads PJSUA2's fmtp list (`CodecParamSetting.encFmtp` or `decFmtp`).
    pub fn from_params(params: &[CodecFmtp]) -> Self {
        let mut f = OpusFmtp::default();
        for p in params {
            f.set(p.name.trim(), p.val.trim());
        }
        f
    }

    /// Sets one parameter from its text form; ignores unknown names and bad values.
    fn set(&mut self, name: &str, val: &str) {
        let num = val.parse::<u32>().ok();
        let flag = match val {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        };
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "maxplaybackrate" => self.maxplaybackrate = num.or(self.maxplaybackrate),
            "sprop-maxcapturerate" => self.sprop_maxcapturerate = num.or(self.sprop_maxcapturerate),
            "maxptime" => self.maxptime = num.or(self.maxptime),
            "ptime" => self.ptime = num.or(self.ptime),
            "minptime" => self.minptime = num.or(self.minptime),
            "maxaveragebitrate" => self.maxaveragebitrate = num.or(self.maxaveragebitrate),
            "stereo" => self.stereo = flag.or(self.stereo),
            "sprop-stereo" => self.sprop_stereo = flag.or(self.sprop_stereo),
            "cbr" => self.cbr = flag.or(self.cbr),
            "useinbandfec" => self.useinbandfec = flag.or(self.useinbandfec),
            "usedtx" => self.usedtx = flag.or(self.usedtx),
            _ => {}
        }
    }

    /// The present parameters in RFC 7587's order, as name/value pairs.
    fn pairs(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<u32>| v.map(|v| v.to_string());
        let b = |v: Option<bool>| v.map(|v| if v { "1" } else { "0" }.to_string());
        [
            ("maxplaybackrate", n(self.maxplaybackrate)),
            ("sprop-maxcapturerate", n(self.sprop_maxcapturerate)),
            ("maxptime", n(self.maxptime)),
            ("ptime", n(self.ptime)),
            ("minptime", n(self.minptime)),
            ("maxaveragebitrate", n(self.maxaveragebitrate)),
            ("stereo", b(self.stereo)),
            ("sprop-stereo", b(self.sprop_stereo)),
            ("cbr", b(self.cbr)),
            ("useinbandfec", b(self.useinbandfec)),
            ("usedtx", b(self.usedtx)),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }

    /// The parameters as PJSUA2's fmtp list.
    pub fn to_params(&self) -> Vec<CodecFmtp> {
        self.pairs()
            .into_iter()
            .map(|(k, v)| CodecFmtp::new(k, &v))
            .collect()
    }
}

/// Writes the fmtp value: `maxaveragebitrate=20000;useinbandfec=1` (no spaces).
impl fmt::Display for OpusFmtp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.pairs().iter().enumerate() {
            if i > 0 {
                f.write_str(";")?;
            }
            write!(f, "{k}={v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_rfc7587_examples() {
        // RFC 7587 §7's example offer.
        let f = OpusFmtp::parse("maxplaybackrate=16000; sprop-maxcapturerate=16000; maxaveragebitrate=20000; stereo=1; useinbandfec=1; usedtx=0");
        assert_eq!(f.maxplaybackrate, Some(16000));
        assert_eq!(f.sprop_maxcapturerate, Some(16000));
        assert_eq!(f.maxaveragebitrate, Some(20000));
        assert_eq!(f.stereo, Some(true));
        assert_eq!(f.useinbandfec, Some(true));
        assert_eq!(f.usedtx, Some(false));
        assert_eq!(f.cbr, None);
        assert_eq!(
            f.to_string(),
            "maxplaybackrate=16000;sprop-maxcapturerate=16000;maxaveragebitrate=20000;stereo=1;useinbandfec=1;usedtx=0"
        );
        assert_eq!(OpusFmtp::parse(&f.to_string()), f);
        assert_eq!(OpusFmtp::from_params(&f.to_params()), f);
    }

    #[test]
    fn ignores_unknown_and_malformed() {
        let f = OpusFmtp::parse("minptime=10;foo=bar;stereo=yes;useinbandfec;Usedtx=1");
        assert_eq!(
            f,
            OpusFmtp {
                minptime: Some(10),
                usedtx: Some(true),
                ..Default::default()
            }
        );
        assert_eq!(OpusFmtp::parse("").to_string(), "");
    }
}
