//! Choosing among NAPTR records (RFC 3263 §4.1, RFC 3403 §4.1): keep the terminal (`s`
//! flag) records whose service we support; of those, only the lowest order (a client
//! must not consider a higher order once one matches), by preference.

use super::dns::Naptr;
use super::service::Service;

/// The usable records as `(service, SRV name)`, best first, each pair once. `services`
/// are the services allowed for the URI (only secure ones for `sips:`).
pub(super) fn select(records: &[Naptr], services: &[Service]) -> Vec<(Service, String)> {
    let mut usable: Vec<(&Naptr, Service)> = records
        .iter()
        .filter(|r| r.flags.eq_ignore_ascii_case("s") && !r.replacement.is_empty())
        .filter_map(|r| {
            services
                .iter()
                .find(|s| s.naptr.eq_ignore_ascii_case(&r.services))
                .map(|s| (r, *s))
        })
        .collect();
    let Some(lowest) = usable.iter().map(|(r, _)| r.order).min() else {
        return Vec::new();
    };
    usable.retain(|(r, _)| r.order == lowest);
    usable.sort_by_key(|(r, _)| r.preference);
    let mut out: Vec<(Service, String)> = Vec::new();
    for (r, s) in usable {
        let entry = (s, r.replacement.to_ascii_lowercase());
        if !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}
