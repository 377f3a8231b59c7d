//! How long a native-messaging request may take: the host's deadlines, which the extension
//! asks for and waits on. One source for both sides: the host clamps a request's `timeout_ms`
//! with these, and the extension (through the wasm bindings' `host_request`, which returns the
//! request and how long to wait) waits for the reply a little longer than the host can take.

/// A `check` request's deadline when it names none.
pub const CHECK_DEFAULT_MS: u64 = 10_000;
/// The shortest deadline a `check` (or `mail`) request may ask for.
pub const CHECK_MIN_MS: u64 = 1_000;
/// The longest deadline a `check` request may ask for: the user is waiting in front of an
/// error page, and a longer deadline only delays the answer for a silent server.
pub const CHECK_MAX_MS: u64 = 30_000;
/// A `mail` request's deadline (discovery and every check) when it names none.
pub const MAIL_DEFAULT_MS: u64 = 20_000;
/// The longest deadline a `mail` request may ask for.
pub const MAIL_MAX_MS: u64 = 60_000;
/// How much longer than the host's deadline the extension waits for the reply: the host
/// starts, reads its policy and trust stores, and writes the reply after its deadline. Only a
/// host that never answers meets it.
pub const REPLY_GRACE_MS: u64 = 15_000;

/// The deadline the host applies to a `check` that asks for `timeout_ms`.
pub fn check_ms(timeout_ms: Option<u64>) -> u64 {
    timeout_ms.map_or(CHECK_DEFAULT_MS, |ms| ms.clamp(CHECK_MIN_MS, CHECK_MAX_MS))
}

/// The deadline the host applies to a `mail` request that asks for `timeout_ms`.
pub fn mail_ms(timeout_ms: Option<u64>) -> u64 {
    timeout_ms.map_or(MAIL_DEFAULT_MS, |ms| ms.clamp(CHECK_MIN_MS, MAIL_MAX_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_clamped_to_the_limits() {
        assert_eq!(check_ms(None), CHECK_DEFAULT_MS);
        assert_eq!(check_ms(Some(0)), CHECK_MIN_MS);
        assert_eq!(check_ms(Some(5_000)), 5_000);
        assert_eq!(check_ms(Some(u64::MAX)), CHECK_MAX_MS);
        assert_eq!(mail_ms(None), MAIL_DEFAULT_MS);
        assert_eq!(mail_ms(Some(0)), CHECK_MIN_MS);
        assert_eq!(mail_ms(Some(u64::MAX)), MAIL_MAX_MS);
        const { assert!(CHECK_MIN_MS <= CHECK_DEFAULT_MS && CHECK_DEFAULT_MS <= CHECK_MAX_MS) };
        const { assert!(CHECK_MIN_MS <= MAIL_DEFAULT_MS && MAIL_DEFAULT_MS <= MAIL_MAX_MS) };
    }
}
