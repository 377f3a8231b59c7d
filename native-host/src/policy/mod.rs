//! The host's own limits: a policy file the machine's administrator controls, applied to every
//! check whoever asks (any local process can start a native host, so the extension's word is
//! not enough), tightened further by the request's `limits` (the browser administrator's
//! managed settings) and by a file given with `--policy` or `TLS_DOCTOR_POLICY`. Nothing here
//! can loosen the system file.
//!
//! The file (`/etc/tls-doctor/policy.json` on Linux and the BSDs, `/Library/Application
//! Support/TLS Doctor/policy.json` on macOS, `%ProgramData%\TLS Doctor\policy.json` on
//! Windows) is a JSON object; see `docs/POLICY.md` for its keys. Missing: nothing is limited.
//! A key of the wrong type, an unknown key, an entry that cannot be read: ignored and listed,
//! the rest applies. A file that exists but is not a JSON object, is larger than
//! [`FILE_LIMIT`], or cannot be read: every check is refused (`policy_unreadable`), since
//! falling back to no limits would lift the administrator's restrictions with one typo.

#[cfg(test)]
mod managed_js;
pub(crate) mod rate;
pub mod rules;

use std::io::Read as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use tls_doctor_core::wire::limits::{
    EffectiveLimits, IgnoredKey, IgnoredReason, Limits, PolicyFile, PolicyOrigin, PolicyReport, PolicyStatus, PortSpec,
};
use tls_doctor_core::wire::{LimitSource, Refusal, RefusalRule, StarttlsProtocol};

pub use rules::{HostPattern, Rules, Scope, is_private};

/// Policy files larger than this are refused (and so is every check): a real one is a few
/// hundred bytes.
pub const FILE_LIMIT: u64 = 64 * 1024;

/// The environment variable naming one more policy file (it can only tighten).
pub const ENV_VAR: &str = "TLS_DOCTOR_POLICY";

/// The administrator's policy file on this system.
pub fn system_path() -> PathBuf {
    #[cfg(windows)]
    {
        // %ProgramData% (the known folder FOLDERID_ProgramData), C:\ProgramData when unset.
        let base = std::env::var_os("ProgramData")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| PathBuf::from(r"C:\ProgramData"));
        base.join("TLS Doctor").join("policy.json")
    }
    #[cfg(target_os = "macos")]
    {
        PathBuf::from("/Library/Application Support/TLS Doctor/policy.json")
    }
    #[cfg(not(any(windows, target_os = "macos")))]
    {
        PathBuf::from("/etc/tls-doctor/policy.json")
    }
}

/// The limits in force for one process: every file's, in order, and (per request) the
/// request's.
#[derive(Clone, Debug)]
pub struct Enforced {
    /// The files' rules, then the request's.
    rules: Vec<Rules>,
    /// A file that exists but gives no policy: every check is refused with this.
    closed: Option<Refusal>,
}

/// What was loaded, with the report of it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub enforced: Enforced,
    pub files: Vec<PolicyFile>,
}

impl Loaded {
    /// The system file, then `TLS_DOCTOR_POLICY`'s, then `--policy`'s.
    pub fn load(command_line: Option<&Path>) -> Loaded {
        let mut files = vec![read_file(&system_path(), PolicyOrigin::System)];
        if let Some(path) = std::env::var_os(ENV_VAR).filter(|p| !p.is_empty()) {
            files.push(read_file(Path::new(&path), PolicyOrigin::Environment));
        }
        if let Some(path) = command_line {
            files.push(read_file(path, PolicyOrigin::CommandLine));
        }
        Loaded::from_files(files)
    }

    pub fn from_files(files: Vec<PolicyFile>) -> Loaded {
        let closed = files.iter().find(|f| f.status.fails_closed()).map(|f| {
            let mut r = Refusal::new(RefusalRule::PolicyUnreadable, LimitSource::HostPolicy);
            r.detail = Some(format!("{}: {}", f.path, f.detail.as_deref().unwrap_or("unreadable")));
            r
        });
        let rules = files
            .iter()
            .filter(|f| f.status == PolicyStatus::Applied)
            .map(|f| Rules::compile(&f.limits, LimitSource::HostPolicy).0)
            .collect();
        Loaded { enforced: Enforced { rules, closed }, files }
    }

    /// Keys ignored, for a warning: `path: key (why)`.
    pub fn ignored_lines(&self) -> Vec<String> {
        self.files
            .iter()
            .flat_map(|f| f.ignored.iter().map(move |i| format!("{}: {} ({})", f.path, i.key, i.detail)))
            .collect()
    }

    pub fn report(&self) -> PolicyReport {
        let e = &self.enforced;
        let open = e.closed.is_none();
        let files: Vec<&Limits> =
            self.files.iter().filter(|f| f.status == PolicyStatus::Applied).map(|f| &f.limits).collect();
        let lists = |get: &dyn Fn(&Limits) -> Option<Vec<String>>| files.iter().filter_map(|l| get(l)).collect();
        let effective = EffectiveLimits {
            probes: open && e.rules.iter().all(|r| r.probes != Some(false)),
            private_addresses: e.private_allowed(),
            local_probes: e.local_probes(),
            max_timeout_seconds: e.rules.iter().filter_map(|r| r.max_timeout_seconds).min(),
            rate_limit_per_minute: e.rate_limit(),
            allowed_ports: files.iter().filter_map(|l| l.allowed_ports.clone()).collect::<Vec<Vec<PortSpec>>>(),
            allowed_protocols: lists(&|l| l.allowed_protocols.clone()),
            allowed_hosts: lists(&|l| l.allowed_hosts.clone()),
            blocked_hosts: files.iter().filter_map(|l| l.blocked_hosts.clone()).flatten().collect(),
        };
        PolicyReport { files: self.files.clone(), effective }
    }
}

impl Enforced {
    /// No limit (tests, and the state before any file is read).
    pub fn permissive() -> Enforced {
        Enforced { rules: Vec::new(), closed: None }
    }

    /// These limits tightened by a request's `limits`. An entry of the request that cannot be
    /// read is an error (the request is refused as a bad request): a limit the browser's
    /// administrator set must not be dropped silently. `rate_limit_per_minute` is the host's
    /// alone and is not taken from a request.
    pub fn with_request(&self, limits: &Limits) -> Result<Enforced, String> {
        let (mut rules, _, ignored) = Rules::compile(limits, LimitSource::ManagedSettings);
        if let Some(i) = ignored.first() {
            return Err(format!("limits.{}: {}", i.key, i.detail));
        }
        rules.rate_limit_per_minute = None;
        let mut enforced = self.clone();
        enforced.rules.push(rules);
        Ok(enforced)
    }

    /// The rules that need no address.
    pub fn before_dns(
        &self,
        host: &str,
        is_name: bool,
        port: u16,
        starttls: Option<StarttlsProtocol>,
    ) -> Result<(), Refusal> {
        if let Some(r) = &self.closed {
            return Err(r.clone());
        }
        self.rules.iter().try_for_each(|r| r.before_dns(host, is_name, port, starttls))
    }

    /// The rules on the addresses about to be connected to.
    pub fn addresses(&self, host: &str, is_name: bool, addresses: &[IpAddr]) -> Result<(), Refusal> {
        self.rules.iter().try_for_each(|r| r.addresses(host, is_name, addresses))
    }

    /// The rules of `scope` that need no address (`net::gate` judges every connection with
    /// these and [`Enforced::screen`]).
    pub fn admit(&self, scope: Scope, host: &str, is_name: bool, port: u16) -> Result<(), Refusal> {
        if let Some(r) = &self.closed {
            return Err(r.clone());
        }
        self.rules.iter().try_for_each(|r| r.admit(scope, host, is_name, port))
    }

    /// The rules of `scope` on addresses about to be connected to.
    pub fn screen(&self, scope: Scope, host: &str, is_name: bool, addresses: &[IpAddr]) -> Result<(), Refusal> {
        if let Some(r) = &self.closed {
            return Err(r.clone());
        }
        self.rules.iter().try_for_each(|r| r.screen(scope, host, is_name, addresses))
    }

    /// One check more in this minute, or the refusal with how long to wait.
    pub fn take_turn(&self) -> Result<(), Refusal> {
        match self.rate_limit() {
            None => Ok(()),
            Some(limit) => rate::take_turn(limit),
        }
    }

    pub fn rate_limit(&self) -> Option<u32> {
        self.rules.iter().filter_map(|r| r.rate_limit_per_minute).min()
    }

    /// `timeout`, at most the smallest `max_timeout_seconds`.
    pub fn cap_timeout(&self, timeout: Duration) -> Duration {
        match self.rules.iter().filter_map(|r| r.max_timeout_seconds).min() {
            Some(max) => timeout.min(Duration::from_secs(u64::from(max))),
            None => timeout,
        }
    }

    pub fn local_probes(&self) -> bool {
        self.rules.iter().all(|r| r.local_probes != Some(false))
    }

    pub fn private_allowed(&self) -> bool {
        self.rules.iter().all(|r| r.private_addresses != Some(false))
    }
}

/// Reads one policy file, never failing: what went wrong is its status.
pub fn read_file(path: &Path, origin: PolicyOrigin) -> PolicyFile {
    let shown = path.display().to_string();
    let mut file = PolicyFile {
        path: shown,
        origin,
        status: PolicyStatus::Applied,
        detail: None,
        limits: Limits::default(),
        ignored: Vec::new(),
    };
    let mut fail = |status: PolicyStatus, detail: String| {
        file.status = status;
        file.detail = Some(detail);
    };
    let opened = std::fs::File::open(path);
    let mut handle = match opened {
        // Only the system file may be absent: a file someone named must be there.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && origin == PolicyOrigin::System => {
            file.status = PolicyStatus::Absent;
            return file;
        }
        Err(e) => {
            fail(PolicyStatus::Unreadable, e.to_string());
            return file;
        }
        Ok(h) => h,
    };
    let mut bytes = Vec::new();
    if let Err(e) = (&mut handle).take(FILE_LIMIT + 1).read_to_end(&mut bytes) {
        fail(PolicyStatus::Unreadable, e.to_string());
        return file;
    }
    if bytes.len() as u64 > FILE_LIMIT {
        fail(PolicyStatus::TooLarge, format!("larger than {FILE_LIMIT} bytes"));
        return file;
    }
    match parse(&bytes) {
        Ok((limits, ignored)) => {
            let (_, applied, entries) = Rules::compile(&limits, LimitSource::HostPolicy);
            file.limits = applied;
            file.ignored = ignored;
            file.ignored.extend(entries);
        }
        Err((status, detail)) => fail(status, detail),
    }
    file
}

/// A policy file's text: the keys read, and those ignored. Entries of lists are checked later
/// ([`Rules::compile`]).
pub fn parse(bytes: &[u8]) -> Result<(Limits, Vec<IgnoredKey>), (PolicyStatus, String)> {
    // A UTF-8 byte order mark, as Windows editors write, is not an error.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| (PolicyStatus::NotJson, format!("not JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err((PolicyStatus::NotObject, "not a JSON object".into()));
    };
    let mut limits = Limits::default();
    let mut ignored = Vec::new();
    for (key, value) in &map {
        let mut wrong = |expected: &str| {
            ignored.push(IgnoredKey {
                key: key.clone(),
                reason: IgnoredReason::WrongType,
                detail: format!("expected {expected}"),
            });
        };
        match key.as_str() {
            "probes" | "private_addresses" | "client_probes" => match value.as_bool() {
                Some(b) => {
                    let slot = match key.as_str() {
                        "probes" => &mut limits.probes,
                        "private_addresses" => &mut limits.private_addresses,
                        _ => &mut limits.local_probes,
                    };
                    *slot = Some(b);
                }
                None => wrong("true or false"),
            },
            "max_timeout_seconds" | "rate_limit_per_minute" => {
                match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
                    Some(0) if key == "max_timeout_seconds" => ignored.push(IgnoredKey {
                        key: key.clone(),
                        reason: IgnoredReason::BadValue,
                        detail: "a deadline of 0 seconds; give 1 or more".into(),
                    }),
                    Some(n) => {
                        if key == "max_timeout_seconds" {
                            limits.max_timeout_seconds = Some(n);
                        } else {
                            limits.rate_limit_per_minute = Some(n);
                        }
                    }
                    None => wrong("a whole number from 0 to 4294967295"),
                }
            }
            "allowed_ports" => match value.as_array() {
                Some(list) => {
                    let specs = list
                        .iter()
                        .map(|v| match v {
                            Value::String(s) => PortSpec::Range(s.clone()),
                            // Out of range or not whole: kept as text so that the entry is
                            // listed as a bad value, not silently dropped.
                            other => match other.as_u64().and_then(|n| u16::try_from(n).ok()) {
                                Some(n) => PortSpec::Port(n),
                                None => PortSpec::Range(format!("invalid {other}")),
                            },
                        })
                        .collect();
                    limits.allowed_ports = Some(specs);
                }
                None => wrong("a list of ports and \"from-to\" ranges"),
            },
            "allowed_protocols" | "allowed_hosts" | "blocked_hosts" => match value.as_array() {
                Some(list) => {
                    let texts: Vec<String> =
                        list.iter().map(|v| v.as_str().map_or_else(|| format!("invalid {v}"), str::to_owned)).collect();
                    let slot = match key.as_str() {
                        "allowed_protocols" => &mut limits.allowed_protocols,
                        "allowed_hosts" => &mut limits.allowed_hosts,
                        _ => &mut limits.blocked_hosts,
                    };
                    *slot = Some(texts);
                }
                None => wrong("a list of strings"),
            },
            _ => ignored.push(IgnoredKey {
                key: key.chars().take(80).collect(),
                reason: IgnoredReason::UnknownKey,
                detail: "not a policy key".into(),
            }),
        }
    }
    Ok((limits, ignored))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn write(name: &str, text: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tls-doctor-policy-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn unknown_and_wrong_typed_keys_are_ignored_and_listed_the_rest_applies() {
        let text = br#"{"probes": true, "allowed_ports": [443, "8000-8100", 70000, "x"], "private_addresses": "no",
            "max_timeout_seconds": 5, "rate_limit_per_minute": -1, "blocked_hosts": ["*.bad.example", 7],
            "colour": "blue"}"#;
        let file = read_file(&write("mixed.json", text), PolicyOrigin::CommandLine);
        assert_eq!(file.status, PolicyStatus::Applied);
        let mut keys: Vec<(String, IgnoredReason)> = file.ignored.iter().map(|i| (i.key.clone(), i.reason)).collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            keys,
            [
                ("allowed_ports[2]".into(), IgnoredReason::BadValue),
                ("allowed_ports[3]".into(), IgnoredReason::BadValue),
                ("blocked_hosts[1]".into(), IgnoredReason::BadValue),
                ("colour".into(), IgnoredReason::UnknownKey),
                ("private_addresses".into(), IgnoredReason::WrongType),
                ("rate_limit_per_minute".into(), IgnoredReason::WrongType),
            ]
        );
        assert_eq!(file.limits.allowed_ports, Some(vec![PortSpec::Port(443), PortSpec::Range("8000-8100".into())]));
        assert_eq!(file.limits.max_timeout_seconds, Some(5));
        assert_eq!(file.limits.private_addresses, None);
        let loaded = Loaded::from_files(vec![file]);
        assert!(loaded.enforced.before_dns("a.example", true, 8050, None).is_ok());
        assert_eq!(
            loaded.enforced.before_dns("x.bad.example", true, 443, None).unwrap_err().rule,
            RefusalRule::HostBlocked
        );
        assert_eq!(loaded.enforced.cap_timeout(Duration::from_secs(10)), Duration::from_secs(5));
    }

    #[test]
    fn a_file_that_is_not_a_policy_refuses_every_check() {
        for (name, text, status) in [
            ("garbage.json", &b"{ probes: false"[..], PolicyStatus::NotJson),
            ("list.json", &b"[1, 2]"[..], PolicyStatus::NotObject),
            ("empty.json", &b""[..], PolicyStatus::NotJson),
            ("binary.json", &b"\xff\xfe\x00{"[..], PolicyStatus::NotJson),
        ] {
            let file = read_file(&write(name, text), PolicyOrigin::CommandLine);
            assert_eq!(file.status, status, "{name}");
            let loaded = Loaded::from_files(vec![file]);
            let r = loaded.enforced.before_dns("a.example", true, 443, None).unwrap_err();
            assert_eq!((r.rule, r.source), (RefusalRule::PolicyUnreadable, LimitSource::HostPolicy), "{name}");
            assert!(r.detail.unwrap().contains(name));
            assert!(!loaded.report().effective.probes);
        }
        let mut big = b"{\"probes\": true, \"pad\": \"".to_vec();
        big.resize(usize::try_from(FILE_LIMIT).unwrap() + 10, b'a');
        big.extend_from_slice(b"\"}");
        assert_eq!(read_file(&write("big.json", &big), PolicyOrigin::CommandLine).status, PolicyStatus::TooLarge);
        let missing = std::env::temp_dir().join("tls-doctor-no-such-policy.json");
        assert_eq!(read_file(&missing, PolicyOrigin::System).status, PolicyStatus::Absent);
        assert_eq!(read_file(&missing, PolicyOrigin::Environment).status, PolicyStatus::Unreadable);
        // A BOM is fine.
        let file = read_file(&write("bom.json", b"\xEF\xBB\xBF{\"probes\": false}"), PolicyOrigin::CommandLine);
        assert_eq!((file.status, file.limits.probes), (PolicyStatus::Applied, Some(false)));
    }

    #[test]
    fn a_request_tightens_and_never_loosens() {
        let host = parse(br#"{"allowed_ports": [443, 8443], "private_addresses": false, "max_timeout_seconds": 8}"#)
            .unwrap()
            .0;
        let loaded = Loaded::from_files(vec![PolicyFile {
            path: "x".into(),
            origin: PolicyOrigin::System,
            status: PolicyStatus::Applied,
            detail: None,
            limits: host,
            ignored: Vec::new(),
        }]);
        // The request allows more ports and private addresses, and a longer deadline: no effect.
        let looser = Limits {
            allowed_ports: Some(vec![PortSpec::Range("1-65535".into())]),
            private_addresses: Some(true),
            max_timeout_seconds: Some(30),
            rate_limit_per_minute: Some(1_000_000),
            ..Limits::default()
        };
        let e = loaded.enforced.with_request(&looser).unwrap();
        assert_eq!(e.before_dns("a.example", true, 8080, None).unwrap_err().source, LimitSource::HostPolicy);
        assert_eq!(
            e.addresses("a.example", true, &["10.0.0.1".parse().unwrap()]).unwrap_err().rule,
            RefusalRule::PrivateAddress
        );
        assert_eq!(e.cap_timeout(Duration::from_secs(20)), Duration::from_secs(8));
        assert_eq!(e.rate_limit(), None);
        // A stricter request refuses what the host allows.
        let tighter = Limits {
            allowed_ports: Some(vec![PortSpec::Port(443)]),
            max_timeout_seconds: Some(3),
            ..Limits::default()
        };
        let e = loaded.enforced.with_request(&tighter).unwrap();
        let r = e.before_dns("a.example", true, 8443, None).unwrap_err();
        assert_eq!((r.rule, r.source), (RefusalRule::PortNotAllowed, LimitSource::ManagedSettings));
        assert_eq!(e.cap_timeout(Duration::from_secs(20)), Duration::from_secs(3));
        // An entry the host cannot read is an error, not a dropped limit.
        let bad = Limits { blocked_hosts: Some(vec!["a b".into()]), ..Limits::default() };
        assert!(loaded.enforced.with_request(&bad).unwrap_err().contains("blocked_hosts[0]"));
    }
}
