//! The machine's time zone, for showing dates the way the user reads them.

use chrono::{Local, Offset, TimeZone};
use tls_doctor_core::{LocalOffset, Timestamp};

/// The operating system's time zone (TZ, /etc/localtime), with its daylight-saving rules.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemZone;

impl LocalOffset for SystemZone {
    fn offset_minutes_at(&self, at: Timestamp) -> i32 {
        match Local.timestamp_opt(at.unix(), 0) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
                t.offset().fix().local_minus_utc() / 60
            }
            chrono::LocalResult::None => 0,
        }
    }
}
