//! Credentials (PJSUA2 `AuthCredInfo`): one digest or AKA credential of an account.

use super::limits::*;
use crate::ua::fixed_str::fixed;
use std::os::raw::c_char;

/// `AuthCredInfo.data_type`: `data` is the plain password (PJSIP_CRED_DATA_PLAIN_PASSWD).
pub const PJSUA2RS_CRED_DATA_PLAIN_PASSWD: i32 = 0;
/// `AuthCredInfo.data_type`: `data` is the hashed digest HA1 (PJSIP_CRED_DATA_DIGEST).
pub const PJSUA2RS_CRED_DATA_DIGEST: i32 = 1;
/// `AuthCredInfo.data_type` bit: AKA credential (PJSIP_CRED_DATA_EXT_AKA).
pub const PJSUA2RS_CRED_DATA_EXT_AKA: i32 = 16;
/// `AuthCredInfo.algo_type`: not set; the challenge decides (the default).
pub const PJSUA2RS_AUTH_ALGORITHM_NOT_SET: i32 = 0;
/// `AuthCredInfo.algo_type`: MD5.
pub const PJSUA2RS_AUTH_ALGORITHM_MD5: i32 = 1;
/// `AuthCredInfo.algo_type`: SHA-256.
pub const PJSUA2RS_AUTH_ALGORITHM_SHA256: i32 = 2;
/// `AuthCredInfo.algo_type`: SHA-512/256.
pub const PJSUA2RS_AUTH_ALGORITHM_SHA512_256: i32 = 3;

/// One credential (PJSUA2 `AuthCredInfo`). The default is a digest credential for any
/// realm with an empty user and password.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AuthCredInfo {
    /// The authentication scheme. Default "digest".
    pub scheme: [c_char; PJSUA2RS_NAME_LEN],
    /// The realm; "*" matches any. Default "*".
    pub realm: [c_char; PJSUA2RS_NAME_LEN],
    /// The user name. Default "".
    pub username: [c_char; PJSUA2RS_NAME_LEN],
    /// What `data` holds (PJSUA2RS_CRED_DATA_*). Default 0 (plain password).
    pub data_type: i32,
    /// The password or digest. Default "".
    pub data: [c_char; PJSUA2RS_SECRET_LEN],
    /// The digest algorithm of a hashed `data` (PJSUA2RS_AUTH_ALGORITHM_*). Not saved
    /// in JSON. Default 0.
    pub algo_type: i32,
    /// AKA permanent subscriber key K. Default "".
    pub aka_k: [c_char; PJSUA2RS_SECRET_LEN],
    /// AKA operator variant key OP. Default "".
    pub aka_op: [c_char; PJSUA2RS_SECRET_LEN],
    /// AKA authentication management field AMF. Default "".
    pub aka_amf: [c_char; PJSUA2RS_SECRET_LEN],
}

impl Default for AuthCredInfo {
    fn default() -> Self {
        AuthCredInfo {
            scheme: fixed("digest"),
            realm: fixed("*"),
            username: [0; PJSUA2RS_NAME_LEN],
            data_type: PJSUA2RS_CRED_DATA_PLAIN_PASSWD,
            data: [0; PJSUA2RS_SECRET_LEN],
            algo_type: PJSUA2RS_AUTH_ALGORITHM_NOT_SET,
            aka_k: [0; PJSUA2RS_SECRET_LEN],
            aka_op: [0; PJSUA2RS_SECRET_LEN],
            aka_amf: [0; PJSUA2RS_SECRET_LEN],
        }
    }
}
