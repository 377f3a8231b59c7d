//! Certificate revocation lists through the host's reader (`probe::revocation`'s `crl`, with
//! rustls-webpki's list parser), about a leaf and its issuer: see `tls_doctor_fuzz::revocation`
//! for the input's three modes. It must never panic, believe only a list the issuer signed, and
//! keep its words short.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::RevocationOutcome;
use tls_doctor_fuzz::revocation::{self, Signer, crl_case};

fuzz_target!(|data: &[u8]| {
    let Some(case) = crl_case(data) else { return };
    let Some(outcome) = tls_doctor_host::probe::judge_crl(&case.answer, case.leaf, case.issuer) else {
        assert!(!matches!(data[0] % 3, 0 | 2), "a fixture or the fuzz PKI did not read");
        return;
    };
    match &outcome {
        RevocationOutcome::Answered { .. } => {
            assert_ne!(case.signer, Signer::Stranger, "a stranger's list was believed")
        }
        RevocationOutcome::Unusable { detail } => revocation::assert_short(detail),
        other => panic!("a list read as {other:?}"),
    }
});
