//! Points in time as the model sees them: whole seconds since the Unix epoch, UTC.
//!
//! The model never reads a clock. `now` is always a parameter, and the local time zone is
//! injected by the caller as a [`LocalOffset`] so that dates can be shown the way the user
//! reads them, with the offset printed next to them.
//!
//! On the wire a [`Timestamp`] is an RFC 3339 string in UTC (`2026-11-25T12:00:00Z`): admins
//! read the JSON, and a number of seconds means nothing to them.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

pub const SECONDS_PER_DAY: i64 = 86_400;

impl Timestamp {
    pub const fn from_unix(seconds: i64) -> Self {
        Self(seconds)
    }

    pub const fn unix(self) -> i64 {
        self.0
    }

    pub const fn plus_seconds(self, seconds: i64) -> Self {
        Self(self.0.saturating_add(seconds))
    }

    /// Whole days from `self` until `later` (negative when `later` is earlier), rounded
    /// towards zero: 23 hours is "0 days".
    pub const fn days_until(self, later: Timestamp) -> i64 {
        (later.0.saturating_sub(self.0)) / SECONDS_PER_DAY
    }

    /// The civil date and time at `offset_minutes` east of UTC.
    pub fn civil(self, offset_minutes: i32) -> Civil {
        let local = self.0.saturating_add(i64::from(offset_minutes) * 60);
        let days = local.div_euclid(SECONDS_PER_DAY);
        let secs = local.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: ((secs % 3600) / 60) as u8,
            second: (secs % 60) as u8,
            offset_minutes,
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (also with a `+HH:MM` / `-HH:MM` offset, and with
    /// fractional seconds, which are dropped).
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |from: usize, to: usize| -> Option<i64> {
            let s = text.get(from..to)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
            return None;
        }
        if second > 60 {
            return None;
        }
        let mut rest = &text[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let rb = rest.as_bytes();
                if rb.len() != 6 || rb[3] != b':' || !matches!(rb[0], b'+' | b'-') {
                    return None;
                }
                let h: i64 = rest.get(1..3)?.parse().ok()?;
                let m: i64 = rest.get(4..6)?.parse().ok()?;
                if h > 23 || m > 59 {
                    return None;
                }
                let sign = if rb[0] == b'-' { -1 } else { 1 };
                sign * (h * 3600 + m * 60)
            }
        };
        let days = days_from_civil(year, month as u32, day as u32);
        let t = Self(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59) - offset);
        // Only instants that `Display` writes in this same form: an offset can push year 0000
        // or 9999 out of four digits, and what is read must be written back readable.
        (Self::FIRST..=Self::LAST).contains(&t).then_some(t)
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants RFC 3339 can write.
    const FIRST: Timestamp = Timestamp(-62_167_219_200);
    const LAST: Timestamp = Timestamp(253_402_300_799);
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.civil(0);
        write!(f, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse_rfc3339(&text)
            .ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 date such as 2026-11-25T12:00:00Z"))
    }
}

/// A broken-down local date and time, with the offset it was computed for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: i32,
}

impl Civil {
    /// `UTC+09:00`, `UTC-05:30`, `UTC`.
    pub fn offset_label(&self) -> String {
        offset_label(self.offset_minutes)
    }

    /// The time is in Japan's zone (UTC+09:00, no daylight saving).
    pub fn is_japan_time(&self) -> bool {
        self.offset_minutes == JAPAN_MINUTES
    }
}

/// Japan's offset from UTC, in minutes.
pub const JAPAN_MINUTES: i32 = 9 * 60;

/// A UTC offset as it is written everywhere in TLS Doctor: `UTC+09:00`, `UTC-05:30`, `UTC`.
pub fn offset_label(minutes: i32) -> String {
    if minutes == 0 {
        return "UTC".to_owned();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", abs / 60, abs % 60)
}

/// The caller's time zone: how many minutes east of UTC local time is at a given moment.
/// The host asks the operating system; the browser asks `Date`; tests pin it.
pub trait LocalOffset {
    fn offset_minutes_at(&self, at: Timestamp) -> i32;
}

/// A time zone with one offset all year (Japan, UTC, tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedOffset(pub i32);

impl LocalOffset for FixedOffset {
    fn offset_minutes_at(&self, _at: Timestamp) -> i32 {
        self.0
    }
}

// Howard Hinnant's `days_from_civil` / `civil_from_days`
// (https://howardhinnant.github.io/date_algorithms.html), proleptic Gregorian calendar.

pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_rfc3339() {
        for text in ["1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-11-25T12:32:05Z", "1950-06-30T01:02:03Z"] {
            let t = Timestamp::parse_rfc3339(text).unwrap();
            assert_eq!(t.to_string(), text);
        }
        assert_eq!(Timestamp::parse_rfc3339("2026-11-25T21:32:05+09:00").unwrap().to_string(), "2026-11-25T12:32:05Z");
        assert_eq!(Timestamp::parse_rfc3339("2026-11-25T12:32:05.123Z").unwrap().to_string(), "2026-11-25T12:32:05Z");
        assert_eq!(Timestamp::parse_rfc3339("1970-01-01T00:00:01Z").unwrap().unix(), 1);
    }

    /// Caught by the `wire_json` fuzz target's round trip (fuzz/seeds/wire_json/regressions/):
    /// `0000-01-01T00:00:00+00:01` was read as a moment of year -1, written back as
    /// `-001-12-31T23:59:00Z`, which does not read.
    #[test]
    fn only_what_can_be_written_back_is_read() {
        for text in ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00-00:01"] {
            let t = Timestamp::parse_rfc3339(text).unwrap();
            assert_eq!(Timestamp::parse_rfc3339(&t.to_string()), Some(t), "{text}");
        }
        assert_eq!(Timestamp::parse_rfc3339("0000-01-01T00:00:00Z"), Some(Timestamp::FIRST));
        assert_eq!(Timestamp::parse_rfc3339("9999-12-31T23:59:59Z"), Some(Timestamp::LAST));
        for text in ["0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01", "2026-11-25T12:00:00+24:00"] {
            assert_eq!(Timestamp::parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for text in [
            "",
            "2026-13-01T00:00:00Z",
            "2026-11-25 12:32:05",
            "2026-11-25T12:32:05+0900",
            "abcd-ef-ghTij:kl:mnZ",
            "2026-11-25T12:32:05.Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn civil_time_with_offset() {
        let t = Timestamp::parse_rfc3339("2026-12-31T20:00:00Z").unwrap();
        let c = t.civil(9 * 60);
        assert_eq!((c.year, c.month, c.day, c.hour), (2027, 1, 1, 5));
        assert_eq!(c.offset_label(), "UTC+09:00");
        assert_eq!(t.civil(-330).offset_label(), "UTC-05:30");
        assert_eq!(t.civil(0).offset_label(), "UTC");
    }

    #[test]
    fn day_counts_round_towards_zero() {
        let t = Timestamp(1_000_000);
        assert_eq!(t.days_until(t.plus_seconds(SECONDS_PER_DAY * 3 - 1)), 2);
        assert_eq!(t.days_until(t.plus_seconds(-SECONDS_PER_DAY * 3 + 1)), -2);
    }
}
