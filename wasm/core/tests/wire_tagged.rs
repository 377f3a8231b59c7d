//! The internally tagged wire enums read without serde's buffering (`wire/tagged.rs`): every
//! variant comes back as it was written, whatever the order of its fields; unknown fields are
//! ignored; absent `#[serde(default)]` fields take their default.

use std::fmt::Debug;
use std::net::IpAddr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use tls_doctor_core::time::Timestamp;
use tls_doctor_core::wire::*;

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

const T: Timestamp = Timestamp(1_780_272_000);

/// Written with serde and read back: from the text (the tag first), through a
/// `serde_json::Value` (keys sorted), and with an unknown field before and after the tag.
fn round_trips<V: Serialize + DeserializeOwned + PartialEq + Debug>(values: &[V]) -> Result {
    for value in values {
        let text = serde_json::to_string(value)?;
        assert_eq!(&serde_json::from_str::<V>(&text)?, value, "{text}");
        let json = serde_json::to_value(value)?;
        assert_eq!(&serde_json::from_value::<V>(json.clone())?, value, "{json} (sorted)");
        let mut with_extra = serde_json::Map::new();
        with_extra.insert("zz_newer".into(), json!({"nested": [1, "two", null]}));
        let serde_json::Value::Object(fields) = json else { return Err(format!("not a map: {json}").into()) };
        for (k, v) in fields {
            with_extra.insert(k, v);
        }
        with_extra.insert("aa_newer".into(), json!(-1.5));
        let text = serde_json::to_string(&with_extra)?;
        assert_eq!(&serde_json::from_str::<V>(&text)?, value, "{text} (unknown fields)");
        let text = text.replacen('{', r#"{"before_tag":[true,{"x":1}],"#, 1);
        assert_eq!(&serde_json::from_str::<V>(&text)?, value, "{text} (unknown field first)");
    }
    Ok(())
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn every_variant_round_trips() -> Result {
    let ip: IpAddr = "192.0.2.1".parse()?;
    round_trips(&[
        VersionOutcome::Accepted { cipher: 0x1301, dh_bits: None },
        VersionOutcome::Accepted { cipher: 0x0033, dh_bits: Some(1024) },
        VersionOutcome::Refused { alert: Some(s("protocol_version")), answered: Some(ProtocolVersion::Tls1_2) },
        VersionOutcome::Refused { alert: None, answered: None },
        VersionOutcome::NoAnswer { detail: s("closed") },
    ])?;
    round_trips(&[
        RevocationOutcome::Answered { status: CertStatus::Good, this_update: T, next_update: Some(T) },
        RevocationOutcome::Answered {
            status: CertStatus::Revoked { revoked_at: T, reason: Some(s("key_compromise")) },
            this_update: T,
            next_update: None,
        },
        RevocationOutcome::Unusable { detail: s("tryLater") },
        RevocationOutcome::HttpStatus { status: 503 },
        RevocationOutcome::TimedOut,
        RevocationOutcome::Failed { detail: s("reset") },
        RevocationOutcome::NotAvailable,
    ])?;
    round_trips(&[
        CertStatus::Good,
        CertStatus::Revoked { revoked_at: T, reason: None },
        CertStatus::Revoked { revoked_at: T, reason: Some(s("superseded")) },
        CertStatus::Unknown,
    ])?;
    round_trips(&[
        DnsOutcome::Resolved { addresses: vec![ip, "2001:db8::1".parse()?], elapsed_ms: 3 },
        DnsOutcome::Skipped { reason: DnsSkipped::IpLiteral },
        DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven },
        DnsOutcome::Failed { error: DnsError::NoSuchHost, detail: s("NXDOMAIN"), elapsed_ms: 9 },
    ])?;
    round_trips(&[
        TcpOutcome::Connected,
        TcpOutcome::Refused,
        TcpOutcome::TimedOut,
        TcpOutcome::Unreachable { detail: s("no route") },
        TcpOutcome::Failed { detail: s("?") },
    ])?;
    round_trips(&[
        TlsOutcome::Established { version: s("TLSv1_3"), cipher: s("TLS13_AES_128_GCM_SHA256") },
        TlsOutcome::NotAttempted,
        TlsOutcome::Alert { alert: s("handshake_failure") },
        TlsOutcome::NotTls { detail: s("HTTP/1.1 400") },
        TlsOutcome::Closed,
        TlsOutcome::Reset,
        TlsOutcome::TimedOut,
        TlsOutcome::Failed { detail: s("x") },
    ])?;
    round_trips(&[
        Verdict::Trusted { anchor: Bytes(vec![0x30, 0]), anchor_sha256: None },
        Verdict::Trusted { anchor: Bytes(vec![1, 2, 3]), anchor_sha256: Some(s("ab12")) },
        Verdict::Rejected { reason: RejectReason::UnknownIssuer, detail: s("UnknownIssuer") },
    ])?;
    round_trips(&[
        AiaOutcome::Fetched { certificate: Bytes(vec![0x30, 0x82]) },
        AiaOutcome::HttpStatus { status: 404 },
        AiaOutcome::NotCertificate,
        AiaOutcome::TooLarge,
        AiaOutcome::UnsupportedUrl,
        AiaOutcome::TimedOut,
        AiaOutcome::Failed { detail: s("dns") },
    ])?;
    round_trips(&[
        ServerClock::Received { header: s("Mon, 01 Jun 2026 00:00:00 GMT"), date: Some(T), received_at: T },
        ServerClock::Received { header: s("garbage"), date: None, received_at: T },
        ServerClock::NoDateHeader,
        ServerClock::NotHttp,
        ServerClock::TimedOut,
        ServerClock::Failed { detail: s("reset") },
    ])?;
    round_trips(&[
        SntpOutcome::Answered { local_minus_reference_ms: -1234, rtt_ms: 20, stratum: 2 },
        SntpOutcome::Unsynchronised { stratum: 0 },
        SntpOutcome::Failed { detail: s("malformed") },
        SntpOutcome::TimedOut,
    ])?;
    round_trips(&[
        PortalOutcome::Open,
        PortalOutcome::Redirected { status: 302, location: s("http://login.example/") },
        PortalOutcome::Replaced { status: 200, title: Some(s("Log in")) },
        PortalOutcome::Replaced { status: 200, title: None },
        PortalOutcome::Failed { detail: s("refused") },
        PortalOutcome::TimedOut,
    ])?;
    round_trips(&[
        StarttlsOutcome::Ready,
        StarttlsOutcome::NotOffered { reply: Some(s("502 unknown")) },
        StarttlsOutcome::NotOffered { reply: None },
        StarttlsOutcome::Refused { reply: s("454 TLS not available") },
        StarttlsOutcome::NoGreeting { waited_ms: 3000 },
        StarttlsOutcome::TlsSpoken,
        StarttlsOutcome::ProtocolError { detail: s("SSH-2.0") },
        StarttlsOutcome::Closed,
        StarttlsOutcome::Reset,
        StarttlsOutcome::TimedOut,
    ])?;
    Ok(())
}

#[test]
fn the_wire_format_is_the_derived_one() -> Result {
    let text = serde_json::to_string(&TcpAttempt {
        address: "192.0.2.1".parse()?,
        outcome: TcpOutcome::Unreachable { detail: s("no route") },
        elapsed_ms: 4,
    })?;
    assert_eq!(text, r#"{"address":"192.0.2.1","outcome":"unreachable","detail":"no route","elapsed_ms":4}"#);
    let text = serde_json::to_string(&Verdict::Trusted { anchor: Bytes(vec![1]), anchor_sha256: None })?;
    assert_eq!(text, r#"{"result":"trusted","anchor":"AQ=="}"#);
    Ok(())
}

#[test]
fn flattened_outcomes_round_trip_in_their_structs() -> Result {
    let check = RevocationCheck {
        method: RevocationMethod::Ocsp,
        url: s("http://ocsp.example/"),
        outcome: RevocationOutcome::Answered {
            status: CertStatus::Revoked { revoked_at: T, reason: None },
            this_update: T,
            next_update: Some(T),
        },
        elapsed_ms: 12,
    };
    let probe = VersionProbe {
        version: ProtocolVersion::Tls1_0,
        offer: CipherOffer::Legacy,
        outcome: VersionOutcome::Refused { alert: Some(s("protocol_version")), answered: None },
        chain: vec![Bytes(vec![1, 2])],
        trust: vec![],
        elapsed_ms: 7,
    };
    let fetch = AiaFetch { url: s("http://ca.example/i.der"), outcome: AiaOutcome::TooLarge, elapsed_ms: 1 };
    let attempt = TcpAttempt { address: "2001:db8::2".parse()?, outcome: TcpOutcome::Refused, elapsed_ms: 0 };
    round_trips(&[check])?;
    round_trips(&[probe])?;
    round_trips(&[fetch])?;
    round_trips(&[attempt])?;
    Ok(())
}

#[test]
fn absent_default_fields_take_their_default() -> Result {
    let v: VersionOutcome = serde_json::from_str(r#"{"outcome":"accepted","cipher":4865}"#)?;
    assert_eq!(v, VersionOutcome::Accepted { cipher: 4865, dh_bits: None });
    let v: VersionOutcome = serde_json::from_str(r#"{"outcome":"refused"}"#)?;
    assert_eq!(v, VersionOutcome::Refused { alert: None, answered: None });
    let v: Verdict = serde_json::from_str(r#"{"result":"trusted","anchor":"AQ=="}"#)?;
    assert_eq!(v, Verdict::Trusted { anchor: Bytes(vec![1]), anchor_sha256: None });
    let v: ServerClock =
        serde_json::from_str(r#"{"outcome":"received","header":"x","received_at":"2026-06-01T00:00:00Z"}"#)?;
    assert_eq!(v, ServerClock::Received { header: s("x"), date: None, received_at: T });
    let v: PortalOutcome = serde_json::from_str(r#"{"result":"replaced","status":200}"#)?;
    assert_eq!(v, PortalOutcome::Replaced { status: 200, title: None });
    let v: StarttlsOutcome = serde_json::from_str(r#"{"outcome":"not_offered"}"#)?;
    assert_eq!(v, StarttlsOutcome::NotOffered { reply: None });
    let v: RevocationCheck =
        serde_json::from_str(r#"{"method":"staple","outcome":"not_available","elapsed_ms":0,"newer":1}"#)?;
    assert_eq!(v.url, "");
    assert_eq!(v.outcome, RevocationOutcome::NotAvailable);
    Ok(())
}

#[test]
fn unknown_fields_are_ignored_in_every_kind_of_variant() -> Result {
    let v: TcpOutcome = serde_json::from_str(r#"{"outcome":"connected","port":443,"more":{"a":[1]}}"#)?;
    assert_eq!(v, TcpOutcome::Connected);
    let v: TlsOutcome = serde_json::from_str(r#"{"outcome":"alert","alert":"x","code":40}"#)?;
    assert_eq!(v, TlsOutcome::Alert { alert: s("x") });
    let v: TcpAttempt =
        serde_json::from_str(r#"{"address":"192.0.2.1","newer":"x","outcome":"failed","detail":"d","elapsed_ms":1}"#)?;
    assert_eq!(v.outcome, TcpOutcome::Failed { detail: s("d") });
    Ok(())
}

#[test]
fn the_tag_may_come_anywhere() -> Result {
    let v: DnsOutcome =
        serde_json::from_str(r#"{"error":"no_such_host","detail":"NXDOMAIN","outcome":"failed","elapsed_ms":9}"#)?;
    assert_eq!(v, DnsOutcome::Failed { error: DnsError::NoSuchHost, detail: s("NXDOMAIN"), elapsed_ms: 9 });
    let v: RevocationOutcome = serde_json::from_str(
        r#"{"status":{"reason":"ca_compromise","revoked_at":"2026-06-01T00:00:00Z","status":"revoked"},
            "this_update":"2026-06-01T00:00:00Z","outcome":"answered"}"#,
    )?;
    assert_eq!(
        v,
        RevocationOutcome::Answered {
            status: CertStatus::Revoked { revoked_at: T, reason: Some(s("ca_compromise")) },
            this_update: T,
            next_update: None,
        }
    );
    let v: Verdict = serde_json::from_str(r#"{"anchor":"AQ==","anchor_sha256":null,"result":"trusted"}"#)?;
    assert_eq!(v, Verdict::Trusted { anchor: Bytes(vec![1]), anchor_sha256: None });
    Ok(())
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    for text in [
        r#"{"cipher":"x"}"#,
        r#"{}"#,
        r#"{"outcome":"nonsense"}"#,
        r#"{"outcome":3}"#,
        r#"{"outcome":"established","version":"x"}"#,
        r#"{"outcome":"established","version":1,"cipher":"y"}"#,
        r#"{"outcome":"alert","alert":"x""#,
        r#"{"outcome":"alert","alert":"x"} trailing"#,
        r#"["established","x","y"]"#,
        r#""closed""#,
        r#"null"#,
        r#"{"detail":{"deep":[[[[]]]]},"outcome":"failed"}"#,
    ] {
        assert!(serde_json::from_str::<TlsOutcome>(text).is_err(), "{text}");
    }
    let e = serde_json::from_str::<TlsOutcome>(r#"{"detail":"x"}"#).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("missing field `outcome` at line 1 column 14"));
    let e = serde_json::from_str::<TlsOutcome>(r#"{"outcome":"tea"}"#).err().map(|e| e.to_string());
    assert!(e.is_some_and(|e| e.contains("unknown variant `tea`")));
}
