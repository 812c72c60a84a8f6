//! Transaction matching keys (RFC 3261 §17.1.3 for clients, §17.2.3 for servers, with the
//! RFC 2543 fallback for branches without the magic cookie).

use crate::sip::message::{Request, Response, SipHeaders};
use crate::sip::method::Method;
use crate::sip::via::BRANCH_MAGIC_COOKIE;

/// Which side of the transaction a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// We sent the request.
    Client,
    /// We received the request.
    Server,
}

/// The key a transaction is found by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TsxKey {
    side: Side,
    /// The branch (RFC 3261) or an RFC 2543 composite of Call-ID, From tag, CSeq number
    /// and the top Via.
    id: String,
    /// The sent-by of the top Via (servers only; empty for clients).
    sent_by: String,
    /// The method, with ACK folded into INVITE for server matching.
    method: String,
}

impl TsxKey {
    /// The key of a client transaction for the request we send. `None` if the request has
    /// no top Via with a branch.
    pub fn for_client_request(request: &Request) -> Option<TsxKey> {
        let via = request.top_via()?;
        Some(TsxKey {
            side: Side::Client,
            id: via.branch()?.to_string(),
            sent_by: String::new(),
            method: request.method.as_str().to_string(),
        })
    }

    /// The key of the client transaction a received response belongs to.
    pub fn for_response(response: &Response) -> Option<TsxKey> {
        let via = response.top_via()?;
        let cseq = response.cseq()?;
        Some(TsxKey {
            side: Side::Client,
            id: via.branch()?.to_string(),
            sent_by: String::new(),
            method: cseq.method.as_str().to_string(),
        })
    }

    /// The key of the server transaction a received request belongs to. ACK maps to the
    /// INVITE transaction it acknowledges; CANCEL has its own transaction.
    pub fn for_server_request(request: &Request) -> Option<TsxKey> {
        Self::server_key(request, &request.method)
    }

    /// The key of the INVITE server transaction that a received CANCEL cancels.
    pub fn for_cancelled_invite(cancel: &Request) -> Option<TsxKey> {
        Self::server_key(cancel, &Method::Invite)
    }

    fn server_key(request: &Request, method: &Method) -> Option<TsxKey> {
        let via = request.top_via()?;
        let method = match method {
            Method::Ack => "INVITE".to_string(),
            m => m.as_str().to_string(),
        };
        let sent_by = match via.port {
            Some(p) => format!("{}:{}", via.host, p),
            None => via.host.to_string(),
        }
        .to_ascii_lowercase();
        match via.branch() {
            Some(b) if b.starts_with(BRANCH_MAGIC_COOKIE) => Some(TsxKey {
                side: Side::Server,
                id: b.to_string(),
                sent_by,
                method,
            }),
            branch => {
                // RFC 2543 peers: match on Call-ID, From tag, CSeq number and the Via.
                let from_tag = request
                    .from_addr()
                    .and_then(|f| f.tag().map(|t| t.to_string()))
                    .unwrap_or_default();
                let id = format!(
                    "2543|{}|{}|{}|{}",
                    request.call_id()?,
                    from_tag,
                    request.cseq()?.seq,
                    branch.map(|b| b.as_str()).unwrap_or("")
                );
                Some(TsxKey {
                    side: Side::Server,
                    id,
                    sent_by,
                    method,
                })
            }
        }
    }
}
