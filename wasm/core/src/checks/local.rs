//! Causes on the user's side that the host's local probes reveal: a captive portal, and
//! TLS interception (a known product, a company CA, or an unknown re-signer). The clock has its
//! own module; `outdated_client` and `stale_browser_state` need the browser's report and are
//! decided in [`crate::diagnose_browser`] with [`outdated`].

use std::net::IpAddr;

use super::Context;
use crate::cert::CertInfo;
use crate::interception;
use crate::wire::{
    DnsOutcome, Evidence, FindingKind, Handshake, Observation, PortalOutcome, ProtocolVersion, StoreVerdict,
    TlsOutcome, TrustStore, Verdict, VersionOutcome,
};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    if let Some(portal) = captive_portal(cx) {
        out.push(portal);
    }
    if let Some(found) = interception_of(cx) {
        out.push(found);
    }
}

fn captive_portal(cx: &Context<'_>) -> Option<FindingKind> {
    let check = cx.evidence.local.portal.as_ref()?;
    let (status, location, title) = match &check.outcome {
        PortalOutcome::Redirected { status, location } => (*status, Some(location.clone()), None),
        PortalOutcome::Replaced { status, title } => (*status, None, title.clone()),
        PortalOutcome::Open | PortalOutcome::Failed { .. } | PortalOutcome::TimedOut => return None,
    };
    let public_name = cx.evidence.target.host.parse::<IpAddr>().is_err();
    let private_answers = match &cx.evidence.dns {
        DnsOutcome::Resolved { addresses, .. } if public_name => {
            addresses.iter().copied().filter(|a| private(*a)).collect()
        }
        _ => Vec::new(),
    };
    Some(FindingKind::CaptivePortal { url: check.url.clone(), status, location, title, private_answers })
}

/// Addresses of private networks (RFC 1918, shared address space, link-local, unique local):
/// where a portal's own DNS sends every name. Loopback is not one of them.
fn private(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(a) => {
            let [x, y, ..] = a.octets();
            a.is_private() || a.is_link_local() || (x == 100 && (64..128).contains(&y))
        }
        IpAddr::V6(a) => {
            let first = a.segments()[0];
            (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

fn trusted_by(trust: &[StoreVerdict]) -> Vec<TrustStore> {
    trust.iter().filter(|s| s.verdict.is_trusted()).map(|s| s.store).collect()
}

/// Mozilla's root program is the public yardstick: a chain it does not accept, from an
/// issuer a product re-signs with, from a root only this machine trusts, or from the same
/// issuer as an unrelated site, was not made by the server.
fn interception_of(cx: &Context<'_>) -> Option<FindingKind> {
    if let Some(found) = seen_interception(cx) {
        return Some(found);
    }
    let trust = cx.trust();
    let mozilla = trust.iter().find(|s| s.store == TrustStore::Mozilla)?;
    if mozilla.anchors == 0 || mozilla.verdict.is_trusted() {
        return None;
    }
    // The organisation's own root for its internal servers is not interception; nor is a
    // public root browsers distrust by date (`distrusted_ca`), which webpki-roots dropped.
    if super::internal::declared_internal(cx) {
        return None;
    }
    let public_distrusted = super::trust::distrusted_root(cx).is_some();
    let certs: Vec<&CertInfo> = cx.parsed().map(|(_, c)| c).collect();
    let top = *certs.last()?;
    let stores = trusted_by(trust);
    // The anchor this machine trusts, or else the topmost certificate served.
    let anchor_sha = trust.iter().find_map(|s| match &s.verdict {
        Verdict::Trusted { anchor_sha256: Some(sha), .. } => Some(sha.clone()),
        _ => None,
    });
    let anchor_expected = trust.iter().any(|s| match &s.verdict {
        Verdict::Trusted { anchor_sha256, anchor_spki_sha256, .. } => {
            cx.org.expects_anchor(anchor_sha256.as_deref(), anchor_spki_sha256.as_deref())
        }
        Verdict::Rejected { .. } => false,
    });
    let sha256 = anchor_sha.unwrap_or_else(|| hex(&top.sha256));
    let expected = anchor_expected || cx.org.expects(&sha256) || certs.iter().any(|c| cx.org.expects_cert(c));

    let names = certs.iter().flat_map(|c| [c.issuer_der.as_slice(), c.subject_der.as_slice()]);
    if let Some((product, matched)) = known_product(names) {
        return Some(FindingKind::InterceptionKnownProduct {
            product: product.name.to_owned(),
            product_id: product.id.to_owned(),
            kind: product.kind,
            issuer: matched,
            expected,
            trusted_by: stores,
        });
    }
    let issuer = top.issuer_display_name();
    let canary = cx.evidence.local.canary.as_ref().filter(|c| same_untrusted_issuer(top, &c.handshake));
    // A root only the OS store trusts is also how a company's own servers look: it is
    // interception when the admin declared it, when an unrelated site comes re-signed by it, or
    // when it is exactly what the browser refused (an untrusted-issuer error; a name or date
    // error means the browser trusted the root too).
    let system_trusted = stores.contains(&TrustStore::System);
    if expected || (system_trusted && !public_distrusted && (canary.is_some() || cx.browser_distrusts_issuer)) {
        return Some(FindingKind::InterceptionCorporate { issuer, sha256, expected, trusted_by: stores });
    }
    canary.map(|c| FindingKind::InterceptionUnknown { issuer, canary: Some(c.host.clone()) })
}

/// The browser loaded the page with a leaf the host was not sent, under a root the browser
/// does not ship: something between the browser and the network re-signed it. Named as on the
/// host's side: a product by its names, else the root the browser trusts (an admin's, a
/// company's), which no public root program knows.
fn seen_interception(cx: &Context<'_>) -> Option<FindingKind> {
    let seen = cx.browser_chain;
    let (leaf, root) = (seen.first()?, seen.last()?);
    if root.builtin_root || same_leaf(cx, leaf)? {
        return None;
    }
    let expected = seen.iter().any(|c| cx.org.expects(&c.sha256));
    let trusted_by = vec![TrustStore::Browser];
    let matched = seen.iter().flat_map(|c| [&c.issuer, &c.subject]).find_map(|name| {
        let (cn, o) = (rdn(name, "CN"), rdn(name, "O"));
        let product = interception::match_names(&[(cn.as_deref(), o.iter().map(String::as_str).collect())])?;
        Some((product, cn.or(o).unwrap_or_default()))
    });
    if let Some((product, issuer)) = matched {
        return Some(FindingKind::InterceptionKnownProduct {
            product: product.name.to_owned(),
            product_id: product.id.to_owned(),
            kind: product.kind,
            issuer,
            expected,
            trusted_by,
        });
    }
    let issuer = rdn(&root.issuer, "CN").or_else(|| rdn(&root.issuer, "O")).unwrap_or_else(|| root.issuer.clone());
    Some(FindingKind::InterceptionCorporate { issuer, sha256: norm_hex(&root.sha256), expected, trusted_by })
}

/// Whether the browser's leaf is the host's (`None`: the host received none).
pub(crate) fn same_leaf(cx: &Context<'_>, seen: &crate::wire::SeenCert) -> Option<bool> {
    Some(norm_hex(&seen.sha256) == hex(&cx.leaf()?.sha256))
}

/// Lowercase hex without separators (browsers write `AB:CD:…`).
pub(crate) fn norm_hex(text: &str) -> String {
    text.chars().filter(char::is_ascii_hexdigit).map(|c| c.to_ascii_lowercase()).collect()
}

/// The value of attribute `key` (`CN`, `O`) in a name as browsers write it
/// (`CN=…,O="…, …"`).
fn rdn(name: &str, key: &str) -> Option<String> {
    let (mut parts, mut part, mut quoted, mut escaped) = (Vec::new(), String::new(), false, false);
    for ch in name.chars() {
        match ch {
            _ if escaped => {
                part.push(ch);
                escaped = false;
            }
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ',' | '+' if !quoted => parts.push(std::mem::take(&mut part)),
            _ => part.push(ch),
        }
    }
    parts.push(part);
    parts.iter().find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case(key).then(|| v.trim().to_owned())
    })
}

/// The first certificate name (issuer or subject, leaf first) a known product re-signs with,
/// and that product.
fn known_product<'n>(names: impl Iterator<Item = &'n [u8]>) -> Option<(&'static interception::Product, String)> {
    use der::Decode as _;
    names.into_iter().find_map(|der| {
        let name = x509_cert::name::Name::from_der(der).ok()?;
        let cn = name.common_name().ok().flatten().map(|v| v.value().into_owned());
        let o = name.organization().ok().flatten().map(|v| v.value().into_owned());
        let product = interception::match_names(&[(cn.as_deref(), o.iter().map(String::as_str).collect())])?;
        Some((product, cn.or(o).unwrap_or_default()))
    })
}

/// Lowercase hex of bytes (a SHA-256 as the host and the managed settings write it).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The canary (an unrelated site) came with a chain Mozilla rejects whose topmost issuer is
/// the target's.
fn same_untrusted_issuer(top: &CertInfo, canary: &Handshake) -> bool {
    let mozilla_trusted = canary.trust.iter().any(|s| s.store == TrustStore::Mozilla && s.verdict.is_trusted());
    if mozilla_trusted {
        return false;
    }
    canary
        .chain
        .iter()
        .filter_map(|der| crate::cert::parse(der.as_slice()).ok())
        .next_back()
        .is_some_and(|c| c.issuer_der == top.issuer_der)
}

/// `outdated_client`: the server accepts only protocol versions newer than the browser (by
/// its user agent) speaks.
pub(crate) fn outdated(observation: &Observation, evidence: &Evidence) -> Option<FindingKind> {
    let (browser, major) = browser_version(&observation.browser.user_agent)?;
    let accepted: Vec<ProtocolVersion> = evidence
        .versions
        .iter()
        .filter(|p| matches!(p.outcome, VersionOutcome::Accepted { .. }))
        .map(|p| p.version)
        .chain(evidence.handshakes.first().and_then(|h| match &h.tls {
            TlsOutcome::Established { version, .. } => parse_version(version),
            _ => None,
        }))
        .collect();
    let needs = *accepted.iter().min()?;
    let since = first_major_with(browser, needs)?;
    (major < since).then(|| FindingKind::OutdatedClient {
        browser: browser.to_owned(),
        version: major.to_string(),
        needs,
        since,
    })
}

fn parse_version(text: &str) -> Option<ProtocolVersion> {
    Some(match text {
        "TLS 1.3" | "TLSv1.3" => ProtocolVersion::Tls1_3,
        "TLS 1.2" | "TLSv1.2" => ProtocolVersion::Tls1_2,
        _ => return None,
    })
}

/// The browser and its major version from a user agent: `Edg/`, `Firefox/`, then `Chrome/`.
fn browser_version(user_agent: &str) -> Option<(&'static str, u32)> {
    for (token, name) in [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome")] {
        if let Some(rest) = user_agent.split(token).nth(1) {
            let major: String = rest.chars().take_while(char::is_ascii_digit).collect();
            return major.parse().ok().map(|m| (name, m));
        }
    }
    None
}

/// The first major version of a browser that speaks `version` by default (release notes:
/// TLS 1.2 in Chrome 30 and Firefox 27; TLS 1.3 in Chrome 70, Firefox 63, and the first
/// Chromium-based Edge, 79).
fn first_major_with(browser: &str, version: ProtocolVersion) -> Option<u32> {
    match (browser, version) {
        (_, ProtocolVersion::Ssl3 | ProtocolVersion::Tls1_0 | ProtocolVersion::Tls1_1) => None,
        ("Chrome", ProtocolVersion::Tls1_2) => Some(30),
        ("Firefox", ProtocolVersion::Tls1_2) => Some(27),
        ("Edge", ProtocolVersion::Tls1_2) => Some(12),
        ("Chrome", ProtocolVersion::Tls1_3) => Some(70),
        ("Firefox", ProtocolVersion::Tls1_3) => Some(63),
        ("Edge", ProtocolVersion::Tls1_3) => Some(79),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_name_their_browser() {
        let ff = "Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0";
        assert_eq!(browser_version(ff), Some(("Firefox", 60)));
        let edge = "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
        assert_eq!(browser_version(edge), Some(("Edge", 120)));
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36";
        assert_eq!(browser_version(chrome), Some(("Chrome", 156)));
        assert_eq!(browser_version("curl/8"), None);
    }

    #[test]
    fn names_as_browsers_write_them() {
        let name = r#"CN=ESET SSL Filter CA,O="ESET, spol. s r. o.",C=SK"#;
        assert_eq!(rdn(name, "CN").as_deref(), Some("ESET SSL Filter CA"));
        assert_eq!(rdn(name, "O").as_deref(), Some("ESET, spol. s r. o."));
        assert_eq!(rdn(r"O=A\, B,CN=x", "O").as_deref(), Some("A, B"));
        assert_eq!(rdn("OU=x", "O"), None);
    }

    #[test]
    fn private_networks_but_not_loopback() {
        for a in ["10.1.2.3", "192.168.0.1", "172.16.5.5", "100.64.0.1", "169.254.1.1", "fd00::1", "fe80::1"] {
            assert!(private(a.parse().unwrap()), "{a}");
        }
        for a in ["127.0.0.1", "8.8.8.8", "::1", "2001:db8::1", "100.128.0.1"] {
            assert!(!private(a.parse().unwrap()), "{a}");
        }
    }
}
