//! Certificate authorities that browsers stopped trusting for certificates issued after a
//! date, while their roots stay in the stores: a path verifier (ours, OpenSSL, the OS) accepts
//! the chain, and Chrome or Firefox refuses it (facts-2026.md, "Distrusted CAs").
//!
//! - Chrome identifies the root by its certificate's SHA-256 and distrusts a leaf unless one
//!   of its SCTs is at or before `sct_not_after_sec` (Chromium
//!   `net/data/ssl/chrome_root_store/root_store.textproto`: the nine Entrust and AffirmTrust
//!   roots carry `sct_not_after_sec: 1731369599` (2024-11-11T23:59:59Z) with
//!   `min_version: "131"`; the Chrome Root Program's announcement of 2025-05-30 names ePKI,
//!   HiPKI Root CA - G1 and NetLock Arany for Chrome 139 with SCTs after 2025-07-31T23:59:59Z).
//!   We hold the roots' public-key SHA-256 (the host reports it for every store's anchor), each
//!   computed from the root certificate whose SHA-256 Chrome's file lists, and their names for
//!   a chain whose anchor was not recorded.
//! - Firefox (NSS `CKA_NSS_SERVER_DISTRUST_AFTER`, checked in `NSSCertDBTrustDomain.cpp`
//!   `IsDistrustedCertificateChain`) compares the leaf's notBefore with the root's date:
//!   Entrust and AffirmTrust after 2024-11-30 (facts-2026). Apple's date (2024-11-15) is not
//!   modelled: Safari is not named in the words.

use super::CertInfo;
use crate::time::Timestamp;

/// Who runs a distrusted root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Entrust,
    Chunghwa,
    NetLock,
}

impl Operator {
    /// The first Chrome that refuses, and its cutoff (the last second an SCT may carry).
    const fn chrome(self) -> (u32, Timestamp) {
        match self {
            Operator::Entrust => (131, Timestamp(1_731_369_599)), // 2024-11-11T23:59:59Z
            Operator::Chunghwa | Operator::NetLock => (139, Timestamp(1_754_006_399)), // 2025-07-31T23:59:59Z
        }
    }

    /// Firefox's cutoff for the leaf's notBefore, where Mozilla set one.
    const fn firefox(self) -> Option<Timestamp> {
        match self {
            Operator::Entrust => Some(Timestamp(1_733_011_199)), // 2024-11-30T23:59:59Z
            Operator::Chunghwa | Operator::NetLock => None,
        }
    }
}

/// A root: its name as people read it (the CN, or the whole name for ePKI, which has none),
/// the first 64 bits of its SubjectPublicKeyInfo's SHA-256 (hex; plenty to tell a dozen keys
/// from any other, at a quarter of the whole hash's bytes in the module) and its operator.
struct Root(&'static str, &'static str, Operator);

const ROOTS: [Root; 12] = [
    // Chrome's sha256_hex 73c17643…
    Root("Entrust Root Certification Authority", "6dbfae00d37b9cd7", Operator::Entrust),
    // 02ed0eb2…
    Root("Entrust Root Certification Authority - EC1", "fea2b7d645fba73d", Operator::Entrust),
    // 43df5774…
    Root("Entrust Root Certification Authority - G2", "76ee8590374c7154", Operator::Entrust),
    // db3517d1…
    Root("Entrust Root Certification Authority - G4", "36d7c79f3d089a0f", Operator::Entrust),
    // 6dc47172…
    Root("Entrust.net Certification Authority (2048)", "1ea3c5e43ed66c2d", Operator::Entrust),
    // 0376ab1d…
    Root("AffirmTrust Commercial", "6c464b9a5b233a5e", Operator::Entrust),
    // 0a81ec5a…
    Root("AffirmTrust Networking", "94072ad3f58f70f9", Operator::Entrust),
    // 70a73f7f…
    Root("AffirmTrust Premium", "c7f43b4cf5b71568", Operator::Entrust),
    // bd71fdf6…
    Root("AffirmTrust Premium ECC", "3219b09114ff495a", Operator::Entrust),
    // c0a6f4dc…
    Root(
        "OU=ePKI Root Certification Authority,O=Chunghwa Telecom Co.\\, Ltd.,C=TW",
        "62554c17005543b2",
        Operator::Chunghwa,
    ),
    // f015ce3c…
    Root("HiPKI Root CA - G1", "79caaf5347e6e4a9", Operator::Chunghwa),
    // 6c61dac3…
    Root("NetLock Arany (Class Gold) Főtanúsítvány", "f48badd7df6a0669", Operator::NetLock),
];

/// The distrusted root with this public-key hash (hex, any case), as Chrome knows a root by
/// its certificate; by name only when the key is unknown (an issuer named, not served), so that
/// a private root that borrows a name is not taken for the CA's.
pub fn root(spki_sha256: Option<&str>, name: Option<&str>) -> Option<(&'static str, Operator)> {
    ROOTS
        .iter()
        .find(|r| match spki_sha256 {
            Some(s) => s.len() == 64 && s.get(..16).is_some_and(|p| p.eq_ignore_ascii_case(r.1)),
            None => name == Some(r.0),
        })
        .map(|r| (r.0, r.2))
}

/// Which browsers refuse a leaf under `operator`'s root, and by which date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The first Chrome that refuses it, when Chrome does.
    pub chrome: Option<u32>,
    pub firefox: bool,
    /// The cutoff that refuses it: Chrome's when Chrome refuses, else Firefox's.
    pub cutoff: Timestamp,
    /// The date judged: the earliest SCT, or the notBefore without SCTs.
    pub issued: Timestamp,
    pub by_sct: bool,
}

/// Chrome reads the earliest SCT. Without embedded SCTs (they may come in the handshake or a
/// staple, which the host does not keep) the notBefore stands in: a CA logs a certificate when
/// it issues it, so the two are minutes apart. `chrome`: whether Chrome's rule matters (not on
/// a mail port, where the client is a mail app; Thunderbird shares Firefox's verifier).
pub fn refusal(leaf: &CertInfo, operator: Operator, chrome: bool) -> Option<Refusal> {
    let (version, cutoff) = operator.chrome();
    let issued = leaf.earliest_sct.unwrap_or(leaf.not_before);
    let chrome = (chrome && issued > cutoff).then_some(version);
    let firefox_cutoff = operator.firefox().filter(|c| leaf.not_before > *c);
    let cutoff = if chrome.is_some() { Some(cutoff) } else { firefox_cutoff };
    cutoff.map(|cutoff| Refusal {
        chrome,
        firefox: firefox_cutoff.is_some(),
        cutoff,
        issued,
        by_sct: leaf.earliest_sct.is_some(),
    })
}
