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
/// its SubjectPublicKeyInfo's SHA-256 (hex) and its operator.
struct Root(&'static str, &'static str, Operator);

const ROOTS: [Root; 12] = [
    // Chrome's sha256_hex 73c17643…
    Root(
        "Entrust Root Certification Authority",
        "6dbfae00d37b9cd73f8fb47de65917af00e0dddf42dbceac20c17c0275ee2095",
        Operator::Entrust,
    ),
    // 02ed0eb2…
    Root(
        "Entrust Root Certification Authority - EC1",
        "fea2b7d645fba73d753c1ec9a7870c40e1f7b0c561e927b985bf711866e36f22",
        Operator::Entrust,
    ),
    // 43df5774…
    Root(
        "Entrust Root Certification Authority - G2",
        "76ee8590374c715437bbca6bba6028eadde2dc6dbbb8c3f610e851f11d1ab7f5",
        Operator::Entrust,
    ),
    // db3517d1…
    Root(
        "Entrust Root Certification Authority - G4",
        "36d7c79f3d089a0ff79972d90923dea5ca76b4ccbaf7c2751cb152e9494f52d0",
        Operator::Entrust,
    ),
    // 6dc47172…
    Root(
        "Entrust.net Certification Authority (2048)",
        "1ea3c5e43ed66c2da2983a42a4a79b1e906786ce9f1b58621419a00463a87d38",
        Operator::Entrust,
    ),
    // 0376ab1d…
    Root(
        "AffirmTrust Commercial",
        "6c464b9a5b233a5e874da765c26f045010d2ddcff45794f0b4c7e4aafa501495",
        Operator::Entrust,
    ),
    // 0a81ec5a…
    Root(
        "AffirmTrust Networking",
        "94072ad3f58f70f93098e5a5f6c04c96c710bd849d83184919ae90eb890ae400",
        Operator::Entrust,
    ),
    // 70a73f7f…
    Root("AffirmTrust Premium", "c7f43b4cf5b71568294f822b53762605f6ddd15cadece739e9e2c3cba61e9d67", Operator::Entrust),
    // bd71fdf6…
    Root(
        "AffirmTrust Premium ECC",
        "3219b09114ff495a3eb6eb00c2efeab34002ae5f0a56c7679ea087a3fa037e4f",
        Operator::Entrust,
    ),
    // c0a6f4dc…
    Root(
        "OU=ePKI Root Certification Authority,O=Chunghwa Telecom Co.\\, Ltd.,C=TW",
        "62554c17005543b237215f04268dcd2fd1c470240ad3c8660e25ae2c59630f55",
        Operator::Chunghwa,
    ),
    // f015ce3c…
    Root("HiPKI Root CA - G1", "79caaf5347e6e4a94c8e78a98496fc74020f809ede13f220fab6104c8ded329f", Operator::Chunghwa),
    // 6c61dac3…
    Root(
        "NetLock Arany (Class Gold) Főtanúsítvány",
        "f48badd7df6a06690d0ae31373b12855f8dedb14517f362a313101cc98cc6b35",
        Operator::NetLock,
    ),
];

/// The distrusted root with this public-key hash (hex, any case), as Chrome knows a root by
/// its certificate; by name only when the key is unknown (an issuer named, not served), so that
/// a private root that borrows a name is not taken for the CA's.
pub fn root(spki_sha256: Option<&str>, name: Option<&str>) -> Option<(&'static str, Operator)> {
    ROOTS
        .iter()
        .find(|r| match spki_sha256 {
            Some(s) => s.eq_ignore_ascii_case(r.1),
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
/// it issues it, so the two are minutes apart.
pub fn refusal(leaf: &CertInfo, operator: Operator) -> Option<Refusal> {
    let (version, cutoff) = operator.chrome();
    let issued = leaf.earliest_sct.unwrap_or(leaf.not_before);
    let chrome = (issued > cutoff).then_some(version);
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
