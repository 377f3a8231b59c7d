//! What a browser's error string means: the table of every certificate/TLS error Chromium and
//! Firefox report (generated from `data/error-codes.json` by `build.rs`), and the decoding of
//! the forms extensions receive.

use std::net::IpAddr;

use crate::wire::{BrowserFamily, Cause, ErrorCategory, Target};

/// One browser error, as the data file describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// `net::ERR_CERT_DATE_INVALID`, `SEC_ERROR_EXPIRED_CERTIFICATE`, `NS_ERROR_NET_TIMEOUT`…
    pub code: &'static str,
    pub browser: BrowserFamily,
    /// Chromium's `net::Error` value, NSS's `PRErrorCode`, or Firefox's network `nsresult`.
    pub number: i64,
    /// Firefox's `nsresult` for the error, which is what "Error code N" carries.
    pub nsresult: Option<u32>,
    pub category: ErrorCategory,
    /// The usual causes, most likely first.
    pub causes: &'static [Cause],
    /// Whether the browser lets the user click through (absent when the data does not say).
    pub overridable: Option<bool>,
    /// Other spellings of the same error (renamed codes).
    pub aliases: &'static [&'static str],
    /// Still reported by current browsers (the table keeps removed and internal codes too).
    pub active: bool,
}

include!(concat!(env!("OUT_DIR"), "/browser_codes.rs"));

/// Every known code.
pub fn codes() -> &'static [CodeEntry] {
    CODES
}

/// Finds the entry for an error string as extensions receive it:
/// - Chromium: `net::ERR_CERT_DATE_INVALID`;
/// - Firefox: `Error code 2153390069` (an `nsresult` in decimal) or a name such as
///   `SEC_ERROR_EXPIRED_CERTIFICATE`, `SSL_ERROR_…`, `MOZILLA_PKIX_ERROR_…`, `NS_ERROR_…`.
pub fn decode(error: &str) -> Option<&'static CodeEntry> {
    let error = error.trim();
    if let Some(number) = error.strip_prefix("Error code ") {
        let value: u32 = number.trim().parse().ok()?;
        return CODES.iter().find(|c| c.nsresult == Some(value));
    }
    CODES.iter().find(|c| c.code == error || c.aliases.contains(&error))
}

/// Errors that are not failures at all: the user (or a new navigation) stopped the page.
/// Chromium's `net::ERR_ABORTED`; Firefox's `NS_BINDING_ABORTED` (0x804B0002 = 2152398850).
pub fn is_abort(error: &str) -> bool {
    matches!(error.trim(), "net::ERR_ABORTED" | "NS_BINDING_ABORTED" | "Error code 2152398850")
}

/// Is this the browser's word that no native host is installed (or registered for it)?
/// Chromium: "Specified native messaging host not found."; Firefox: "No such native
/// application tls_doctor"; an older Chromium: "… is not installed".
pub fn is_host_missing(error: &str) -> bool {
    let error = error.to_ascii_lowercase();
    ["not found", "no such native application", "not installed"].iter().any(|words| error.contains(words))
}

/// Is this error string a code (Chromium's `net::ERR_…`, Firefox's `Error code <nsresult>` or
/// an error name), rather than a sentence in the browser's language? Firefox's webRequest
/// reports some errors as a sentence ("Peer’s Certificate has expired."), its webNavigation
/// the same error as a code: of two reports of one failure, the code is the one to keep.
pub fn is_code(error: &str) -> bool {
    let error = error.trim();
    let word = |rest: &str| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    if decode(error).is_some() {
        return true;
    }
    if let Some(number) = error.strip_prefix("Error code ") {
        return !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    }
    ["net::ERR_", "NS_", "SEC_", "SSL_", "MOZILLA_PKIX_"].iter().any(|p| error.strip_prefix(p).is_some_and(word))
}

impl Cause {
    /// The finding this cause becomes once the host has confirmed it, if it is one.
    pub fn finding(self) -> Option<crate::wire::FindingId> {
        crate::wire::FindingId::parse(self.as_str())
    }
}

/// The server a URL names: `https://host[:port]/…` (also `wss`, and plain `http` on port 80
/// for errors before TLS). An IPv6 host is written in brackets. `None` for other schemes.
pub fn target_of_url(url: &str, address: Option<IpAddr>) -> Option<Target> {
    let (scheme, rest) = url.split_once("://")?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" | "wss" => 443,
        "http" | "ws" => 80,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = match authority.strip_prefix('[') {
        Some(inner) => {
            let (host, after) = inner.split_once(']')?;
            (host, after.strip_prefix(':'))
        }
        None => match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    let port = match port {
        None | Some("") => default_port,
        Some(p) => p.parse::<u16>().ok().filter(|p| *p != 0)?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let is_ip = host.parse::<IpAddr>().is_ok();
    Some(Target { sni: (!is_ip).then(|| host.clone()), verify_name: host.clone(), host, port, address, starttls: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_told_from_sentences() {
        for code in ["net::ERR_CERT_DATE_INVALID", "net::ERR_SOMETHING_NEW_2", "Error code 2153390069", "Error code 1"]
        {
            assert!(is_code(code), "{code}");
        }
        for code in ["SEC_ERROR_EXPIRED_CERTIFICATE", "NS_ERROR_NET_TIMEOUT", "SSL_ERROR_X", "MOZILLA_PKIX_ERROR_Y"] {
            assert!(is_code(code), "{code}");
        }
        for text in
            ["Peer’s Certificate has expired.", "", "Error code ", "Error code 12a", "net::ERR_", "SEC_", "NS_error"]
        {
            assert!(!is_code(text), "{text:?}");
        }
    }

    #[test]
    fn a_missing_native_host_is_told_from_a_host_that_failed() {
        for missing in [
            "Specified native messaging host not found.",
            "No such native application tls_doctor",
            "Native messaging host tls_doctor is not installed",
        ] {
            assert!(is_host_missing(missing), "{missing}");
        }
        for failed in [
            "Native host has exited.",
            "Error when communicating with the native messaging host.",
            "Access to the specified native messaging host is forbidden.",
            "Attempt to postMessage on disconnected port",
        ] {
            assert!(!is_host_missing(failed), "{failed}");
        }
    }

    #[test]
    fn decodes_every_form_extensions_receive() {
        assert_eq!(decode("net::ERR_CERT_DATE_INVALID").map(|e| e.category), Some(ErrorCategory::CertTime));
        let fx = decode("Error code 2153390069").unwrap();
        assert_eq!((fx.code, fx.number), ("SEC_ERROR_EXPIRED_CERTIFICATE", -8181));
        assert_eq!(decode("SEC_ERROR_UNKNOWN_ISSUER").map(|e| e.category), Some(ErrorCategory::CertTrust));
        assert_eq!(decode("NS_ERROR_CONNECTION_REFUSED").map(|e| e.browser), Some(BrowserFamily::Firefox));
        assert_eq!(
            decode("net::ERR_SSL_OBSOLETE_VERSION_OR_CIPHER").map(|e| e.code),
            Some("net::ERR_SSL_OBSOLETE_VERSION")
        );
        assert_eq!(decode("Error code 1"), None);
        assert_eq!(decode("Error code x"), None);
        assert_eq!(decode("nonsense"), None);
    }

    #[test]
    fn aborts_are_not_errors() {
        assert!(is_abort("net::ERR_ABORTED"));
        assert!(is_abort("NS_BINDING_ABORTED"));
        assert!(is_abort("Error code 2152398850"));
        assert!(!is_abort("net::ERR_CERT_DATE_INVALID"));
    }

    #[test]
    fn urls_to_targets() {
        let t = target_of_url("https://Expired.Example.JP:8443/login?x=1", None).unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.sni.as_deref()),
            ("expired.example.jp", 8443, Some("expired.example.jp"))
        );
        let t = target_of_url("https://[2001:db8::1]/", None).unwrap();
        assert_eq!((t.host.as_str(), t.port, t.sni), ("2001:db8::1", 443, None));
        assert_eq!(target_of_url("http://example.jp", None).unwrap().port, 80);
        assert_eq!(target_of_url("ftp://example.jp", None), None);
        assert_eq!(target_of_url("https://example.jp:0/", None), None);
        assert_eq!(target_of_url("https:///", None), None);
    }
}
