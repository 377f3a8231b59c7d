//! `key_mismatch`: the private key given to `tls-doctor cert --key` is not the leaf's.

use super::Context;
use crate::wire::FindingKind;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<FindingKind>) {
    let Some(key) = cx.evidence.files.as_ref().and_then(|f| f.key.as_ref()) else { return };
    if !key.matches {
        out.push(FindingKind::KeyMismatch {
            path: key.path.clone(),
            key: key.key.clone(),
            leaf_key: key.leaf_key.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{self, NOW};
    use crate::wire::{DnsOutcome, DnsSkipped, Evidence, Files, FindingId, KeyCheck, TrustStore};
    use crate::{OrgSettings, diagnose};

    /// A must-staple leaf for `a.test`, valid around NOW, as a `tls-doctor cert` file check
    /// with no name asked for and the key as given.
    fn files(key_matches: bool) -> Evidence {
        let mut params = rcgen::CertificateParams::new(vec!["a.test".to_owned()]).unwrap();
        params.not_before = rcgen::date_time_ymd(2026, 1, 1);
        params.not_after = rcgen::date_time_ymd(2026, 8, 1);
        // TLS feature status_request (RFC 7633): SEQUENCE { INTEGER 5 }.
        params.custom_extensions.push(rcgen::CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 24],
            vec![0x30, 0x03, 0x02, 0x01, 0x05],
        ));
        let key = rcgen::KeyPair::generate().unwrap();
        let der = params.self_signed(&key).unwrap().der().to_vec();
        let trust = vec![test_support::store(TrustStore::Custom, test_support::trusted(), None, 1)];
        let mut e = test_support::served("", test_support::established(), vec![der], trust);
        e.dns = DnsOutcome::Skipped { reason: DnsSkipped::Files };
        e.target.verify_name = String::new();
        e.files = Some(Files {
            paths: vec!["fullchain.pem".into()],
            key: Some(KeyCheck {
                path: "privkey.pem".into(),
                key: "EC P-256".into(),
                leaf_key: "EC P-256".into(),
                matches: key_matches,
            }),
        });
        e
    }

    fn ids(e: &Evidence) -> Vec<FindingId> {
        diagnose(e, NOW, &OrgSettings::default()).findings.iter().map(|f| f.id()).collect()
    }

    #[test]
    fn files_are_judged_by_the_file_checks_only() {
        // A live server with this leaf and no staple: Firefox refuses it, and the name is wrong.
        let mut live = files(true);
        live.files = None;
        live.target.verify_name = "www.example.jp".into();
        let found = ids(&live);
        assert!(found.contains(&FindingId::OcspStapleMissing), "{found:?}");
        assert!(found.contains(&FindingId::NameMismatch), "{found:?}");
        // The same leaf in files: no staple to miss, no name asked for, the key matches.
        assert_eq!(ids(&files(true)), [FindingId::Ok]);
        // A key that is not the leaf's is the primary cause.
        assert_eq!(ids(&files(false)), [FindingId::KeyMismatch]);
        // A name asked for is checked.
        let mut named = files(true);
        named.target.verify_name = "www.example.jp".into();
        assert_eq!(ids(&named), [FindingId::NameMismatch]);
    }
}
