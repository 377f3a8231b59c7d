//! The facts the plans of the user's side must get right.

use super::*;
use crate::explain::samples::samples;
use crate::explain::fixes::Service;
use crate::time::FixedOffset;
use crate::wire::FindingId;

const JST: FixedOffset = FixedOffset(540);

fn case(tz: &FixedOffset) -> Case<'_> {
    Case { service: Service::Web, host: "www.example.jp", no_proceed: false, tz }
}

const IDS: [FindingId; 7] = [
    FindingId::ClockAhead,
    FindingId::ClockBehind,
    FindingId::StaleBrowserState,
    FindingId::InterceptionKnownProduct,
    FindingId::InterceptionCorporate,
    FindingId::InterceptionUnknown,
    FindingId::CaptivePortal,
];

#[test]
fn every_sample_has_a_plan() {
    for id in IDS {
        for kind in samples(id) {
            assert!(plan(&kind, &case(&JST)).is_some(), "{id:?}");
        }
    }
}
