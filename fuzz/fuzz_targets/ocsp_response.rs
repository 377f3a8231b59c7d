//! OCSP answers (a staple, or what a responder sent) through the host's reader
//! (`probe::revocation`'s `ocsp`), about a leaf and its issuer: see `tls_doctor_fuzz::revocation`
//! for the input's three modes. It must never panic, believe only what the issuer or its
//! delegated responder signed, and keep its words short.

#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use tls_doctor_core::wire::RevocationOutcome;
use tls_doctor_fuzz::revocation::{Signer, ocsp_case};
use tls_doctor_fuzz::{NOW, revocation};

fuzz_target!(|data: &[u8]| {
    let Some(case) = ocsp_case(data) else { return };
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    let Some(outcome) = tls_doctor_host::probe::judge_ocsp(&case.answer, case.leaf, case.issuer, now) else {
        // Mode 0 and 2's certificates always read; mode 1 carries what it likes.
        assert!(!matches!(data[0] % 3, 0 | 2), "a fixture or the fuzz PKI did not read");
        return;
    };
    match &outcome {
        RevocationOutcome::Answered { .. } => {
            assert_ne!(case.signer, Signer::Stranger, "a stranger's answer was believed")
        }
        RevocationOutcome::Unusable { detail } => revocation::assert_short(detail),
        other => panic!("an answer read as {other:?}"),
    }
});
