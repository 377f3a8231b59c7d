//! The internally tagged wire enums read without serde's buffering (`wire/tagged.rs`), and the
//! structs that flatten them: every variant comes back as it was written; the tag must be the
//! first of the enum's keys, or the map is refused with an error that names the tag and the key
//! found first; after the tag, unknown fields are ignored and absent `#[serde(default)]` fields
//! take their default.

use std::fmt::Debug;
use std::net::IpAddr;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tls_doctor_core::time::Timestamp;
use tls_doctor_core::wire::*;

type Result = std::result::Result<(), Box<dyn std::error::Error>>;

const T: Timestamp = Timestamp(1_780_272_000);

/// Written with serde and read back from the text (the tag first among the enum's keys); read
/// again with unknown fields just after the tag and at the end; refused with an unknown field
/// first, and, when the tag is not the first key in sorted order, through a `serde_json::Value`.
fn round_trips<V: Serialize + DeserializeOwned + PartialEq + Debug>(tag: &str, values: &[V]) -> Result {
    for value in values {
        let text = serde_json::to_string(value)?;
        assert_eq!(&serde_json::from_str::<V>(&text)?, value, "{text}");

        let json = serde_json::to_value(value)?;
        let tag_entry = format!("\"{tag}\":{}", json[tag]);
        assert_eq!(text.matches(&tag_entry).count(), 1, "{tag_entry} in {text}");
        let with_extra =
            text.replacen(&tag_entry, &format!(r#"{tag_entry},"zz_newer":{{"nested":[1,"two",null]}}"#), 1);
        let with_extra = format!(r#"{},"aa_newer":-1.5}}"#, with_extra.strip_suffix('}').ok_or("not a map")?);
        assert_eq!(&serde_json::from_str::<V>(&with_extra)?, value, "{with_extra} (unknown fields)");

        let first = text.replacen('{', r#"{"before_tag":[true,{"x":1}],"#, 1);
        let e = serde_json::from_str::<V>(&first).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains(&format!("the tag `{tag}` must")) && e.contains("`before_tag`"), "{first}: {e}");

        let sorted_first = json.as_object().and_then(|o| o.keys().next()).cloned().unwrap_or_default();
        match serde_json::from_value::<V>(json.clone()) {
            Ok(back) => assert_eq!(&back, value, "{json} (sorted)"),
            Err(e) => {
                assert_ne!(sorted_first, tag, "{json}: {e}");
                assert!(e.to_string().contains(&format!("the tag `{tag}` must")), "{json}: {e}");
            }
        }
    }
    Ok(())
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn every_variant_round_trips() -> Result {
    let ip: IpAddr = "192.0.2.1".parse()?;
    round_trips(
        "outcome",
        &[
            VersionOutcome::Accepted { cipher: 0x1301, dh_bits: None },
            VersionOutcome::Accepted { cipher: 0x0033, dh_bits: Some(1024) },
            VersionOutcome::Refused { alert: Some(s("protocol_version")), answered: Some(ProtocolVersion::Tls1_2) },
            VersionOutcome::Refused { alert: None, answered: None },
            VersionOutcome::NoAnswer { detail: s("closed") },
        ],
    )?;
    round_trips(
        "outcome",
        &[
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
        ],
    )?;
    round_trips(
        "status",
        &[
            CertStatus::Good,
            CertStatus::Revoked { revoked_at: T, reason: None },
            CertStatus::Revoked { revoked_at: T, reason: Some(s("superseded")) },
            CertStatus::Unknown,
        ],
    )?;
    round_trips(
        "outcome",
        &[
            DnsOutcome::Resolved { addresses: vec![ip, "2001:db8::1".parse()?], elapsed_ms: 3 },
            DnsOutcome::Skipped { reason: DnsSkipped::IpLiteral },
            DnsOutcome::Skipped { reason: DnsSkipped::AddressGiven },
            DnsOutcome::Failed { error: DnsError::NoSuchHost, detail: s("NXDOMAIN"), elapsed_ms: 9 },
        ],
    )?;
    round_trips(
        "outcome",
        &[
            TcpOutcome::Connected,
            TcpOutcome::Refused,
            TcpOutcome::TimedOut,
            TcpOutcome::Unreachable { detail: s("no route") },
            TcpOutcome::Failed { detail: s("?") },
        ],
    )?;
    round_trips(
        "outcome",
        &[
            TlsOutcome::Established { version: s("TLSv1_3"), cipher: s("TLS13_AES_128_GCM_SHA256") },
            TlsOutcome::NotAttempted,
            TlsOutcome::Alert { alert: s("handshake_failure") },
            TlsOutcome::NotTls { detail: s("HTTP/1.1 400") },
            TlsOutcome::Closed,
            TlsOutcome::Reset,
            TlsOutcome::TimedOut,
            TlsOutcome::Failed { detail: s("x") },
        ],
    )?;
    round_trips(
        "result",
        &[
            Verdict::Trusted { anchor: Bytes(vec![0x30, 0]), anchor_sha256: None, anchor_spki_sha256: None },
            Verdict::Trusted {
                anchor: Bytes(vec![1, 2, 3]),
                anchor_sha256: Some(s("ab12")),
                anchor_spki_sha256: Some(s("cd34")),
            },
            Verdict::Rejected { reason: RejectReason::UnknownIssuer, detail: s("UnknownIssuer") },
        ],
    )?;
    round_trips(
        "outcome",
        &[
            AiaOutcome::Fetched { certificate: Bytes(vec![0x30, 0x82]) },
            AiaOutcome::HttpStatus { status: 404 },
            AiaOutcome::NotCertificate,
            AiaOutcome::TooLarge,
            AiaOutcome::UnsupportedUrl,
            AiaOutcome::TimedOut,
            AiaOutcome::Failed { detail: s("dns") },
        ],
    )?;
    round_trips(
        "outcome",
        &[
            ServerClock::Received { header: s("Mon, 01 Jun 2026 00:00:00 GMT"), date: Some(T), received_at: T },
            ServerClock::Received { header: s("garbage"), date: None, received_at: T },
            ServerClock::NoDateHeader,
            ServerClock::NotHttp,
            ServerClock::TimedOut,
            ServerClock::Failed { detail: s("reset") },
        ],
    )?;
    round_trips(
        "result",
        &[
            SntpOutcome::Answered { local_minus_reference_ms: -1234, rtt_ms: 20, stratum: 2 },
            SntpOutcome::Unsynchronised { stratum: 0 },
            SntpOutcome::Failed { detail: s("malformed") },
            SntpOutcome::TimedOut,
        ],
    )?;
    round_trips(
        "result",
        &[
            PortalOutcome::Open,
            PortalOutcome::Redirected { status: 302, location: s("http://login.example/") },
            PortalOutcome::Replaced { status: 200, title: Some(s("Log in")) },
            PortalOutcome::Replaced { status: 200, title: None },
            PortalOutcome::Failed { detail: s("refused") },
            PortalOutcome::TimedOut,
        ],
    )?;
    round_trips(
        "outcome",
        &[
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
        ],
    )?;
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
    let text = serde_json::to_string(&Verdict::Trusted {
        anchor: Bytes(vec![1]),
        anchor_sha256: None,
        anchor_spki_sha256: None,
    })?;
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
        chain_overflow: Some(ChainOverflow { certificates: 3, bytes: 900_000 }),
        trust: vec![],
        elapsed_ms: 7,
    };
    let fetch = AiaFetch { url: s("http://ca.example/i.der"), outcome: AiaOutcome::TooLarge, elapsed_ms: 1 };
    let attempt = TcpAttempt { address: "2001:db8::2".parse()?, outcome: TcpOutcome::Refused, elapsed_ms: 0 };
    round_trips("outcome", &[check])?;
    round_trips("outcome", &[probe])?;
    round_trips("outcome", &[fetch])?;
    round_trips("outcome", &[attempt])?;
    Ok(())
}

#[test]
fn absent_default_fields_take_their_default() -> Result {
    let v: VersionOutcome = serde_json::from_str(r#"{"outcome":"accepted","cipher":4865}"#)?;
    assert_eq!(v, VersionOutcome::Accepted { cipher: 4865, dh_bits: None });
    let v: VersionOutcome = serde_json::from_str(r#"{"outcome":"refused"}"#)?;
    assert_eq!(v, VersionOutcome::Refused { alert: None, answered: None });
    let v: Verdict = serde_json::from_str(r#"{"result":"trusted","anchor":"AQ=="}"#)?;
    assert_eq!(v, Verdict::Trusted { anchor: Bytes(vec![1]), anchor_sha256: None, anchor_spki_sha256: None });
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
        serde_json::from_str(r#"{"address":"192.0.2.1","outcome":"failed","newer":"x","detail":"d","elapsed_ms":1}"#)?;
    assert_eq!(v.outcome, TcpOutcome::Failed { detail: s("d") });
    Ok(())
}

/// A flattening struct's own keys may come before the tag (serde writes them in declaration
/// order) or after it, among the variant's.
#[test]
fn a_flattening_struct_reads_its_own_keys_on_either_side_of_the_tag() -> Result {
    let want = TcpAttempt {
        address: "192.0.2.1".parse()?,
        outcome: TcpOutcome::Unreachable { detail: s("no route") },
        elapsed_ms: 4,
    };
    for text in [
        r#"{"address":"192.0.2.1","outcome":"unreachable","detail":"no route","elapsed_ms":4}"#,
        r#"{"outcome":"unreachable","elapsed_ms":4,"detail":"no route","address":"192.0.2.1"}"#,
        r#"{"elapsed_ms":4,"address":"192.0.2.1","outcome":"unreachable","detail":"no route"}"#,
    ] {
        assert_eq!(serde_json::from_str::<TcpAttempt>(text)?, want, "{text}");
    }
    let v: Starttls = serde_json::from_str(
        r#"{"protocol":"smtp","outcome":"no_greeting","transcript":["S: x"],"waited_ms":800,"elapsed_ms":801}"#,
    )?;
    assert_eq!(v.outcome, StarttlsOutcome::NoGreeting { waited_ms: 800 });
    assert_eq!((v.greeting, v.advertised, v.plaintext_auth.len()), (None, None, 0));
    assert_eq!((v.transcript, v.elapsed_ms), (vec![s("S: x")], 801));
    let v: VersionProbe = serde_json::from_str(
        r#"{"version":"tls1_2","offer":"modern","outcome":"accepted","cipher":49199,"elapsed_ms":3}"#,
    )?;
    assert_eq!(v.outcome, VersionOutcome::Accepted { cipher: 49199, dh_bits: None });
    assert!(v.chain.is_empty() && v.trust.is_empty());
    Ok(())
}

#[test]
fn the_tag_must_come_first() {
    for (text, error) in [
        (
            r#"{"error":"no_such_host","detail":"NXDOMAIN","outcome":"failed","elapsed_ms":9}"#,
            "DnsOutcome: the tag `outcome` must be the first key, found `error` first at line 1 column 8",
        ),
        (
            r#"{"anchor":"AQ==","anchor_sha256":null,"result":"trusted"}"#,
            "Verdict: the tag `result` must be the first key, found `anchor` first at line 1 column 9",
        ),
    ] {
        let e = match text.contains("anchor") {
            true => serde_json::from_str::<Verdict>(text).err(),
            false => serde_json::from_str::<DnsOutcome>(text).err(),
        };
        assert_eq!(e.map(|e| e.to_string()).as_deref(), Some(error), "{text}");
    }
    // Nested: the inner enum's own map must start with its tag too.
    let e = serde_json::from_str::<RevocationOutcome>(
        r#"{"outcome":"answered","status":{"reason":"ca_compromise","revoked_at":"2026-06-01T00:00:00Z",
            "status":"revoked"},"this_update":"2026-06-01T00:00:00Z"}"#,
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(e.starts_with("CertStatus: the tag `status` must be the first key, found `reason` first"), "{e}");
    // In a flattening struct: a key that is not the struct's own before the tag.
    let e = serde_json::from_str::<TcpAttempt>(
        r#"{"address":"192.0.2.1","detail":"no route","outcome":"unreachable","elapsed_ms":4}"#,
    )
    .err()
    .map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("TcpAttempt: the tag `outcome` must come before `detail` at line 1 column 31"));
}

/// A message read back through a `serde_json::Value` (keys sorted) is refused, not misread.
#[test]
fn a_sorted_value_is_refused() -> Result {
    let attempt = TcpAttempt {
        address: "192.0.2.1".parse()?,
        outcome: TcpOutcome::Unreachable { detail: s("no route") },
        elapsed_ms: 4,
    };
    let e = serde_json::from_value::<TcpAttempt>(serde_json::to_value(&attempt)?).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("TcpAttempt: the tag `outcome` must come before `detail`"));
    let outcome = SntpOutcome::Answered { local_minus_reference_ms: 1, rtt_ms: 2, stratum: 3 };
    let e = serde_json::from_value::<SntpOutcome>(serde_json::to_value(&outcome)?).err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("SntpOutcome: the tag `result` must be the first key, found `local_minus_reference_ms` first")
    );
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
    for text in [
        r#"{}"#,
        r#"{"address":"192.0.2.1","elapsed_ms":4}"#,
        r#"{"address":"192.0.2.1","outcome":"refused"}"#,
        r#"{"outcome":"refused","elapsed_ms":4}"#,
        r#"{"address":"x","outcome":"refused","elapsed_ms":4}"#,
        r#"{"address":"192.0.2.1","outcome":"refused","elapsed_ms":"4"}"#,
        r#"{"address":"192.0.2.1","outcome":"unreachable","elapsed_ms":4}"#,
        r#"{"address":"192.0.2.1","outcome":"nonsense","elapsed_ms":4}"#,
        r#"{"address":"192.0.2.1","outcome":"refused","elapsed_ms":4"#,
        r#"[]"#,
        r#"7"#,
    ] {
        assert!(serde_json::from_str::<TcpAttempt>(text).is_err(), "{text}");
    }
    let e = serde_json::from_str::<TlsOutcome>(r#"{}"#).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("missing field `outcome` at line 1 column 2"));
    let e = serde_json::from_str::<TlsOutcome>(r#"{"detail":"x"}"#).err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("TlsOutcome: the tag `outcome` must be the first key, found `detail` first at line 1 column 9")
    );
    let e = serde_json::from_str::<TlsOutcome>(r#"{"outcome":"tea"}"#).err().map(|e| e.to_string());
    assert!(e.is_some_and(|e| e.contains("unknown variant `tea`")));
    let e = serde_json::from_str::<TcpAttempt>(r#"{"address":"192.0.2.1","outcome":"refused"}"#)
        .err()
        .map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("missing field `elapsed_ms` at line 1 column 43"));
}

/// `Evidence` and `Handshake` are read from an object only (`wire/plain.rs`): by name, in any
/// order, unknown keys passed over, absent defaults taken, a missing field named, and neither
/// a sequence nor another message type accepted.
#[test]
fn plain_structs_are_read_from_an_object_by_name() -> Result {
    let handshake = r#"{"elapsed_ms":3,"zz_newer":[1,{"a":null}],"tls":{"outcome":"timed_out"},
        "tcp":[{"address":"192.0.2.1","outcome":"connected","elapsed_ms":1}],"role":"primary"}"#;
    let h: Handshake = serde_json::from_str(handshake)?;
    assert_eq!((h.role, h.tls, h.elapsed_ms), (HandshakeRole::Primary, TlsOutcome::TimedOut, 3));
    assert!(h.chain.is_empty() && h.chain_overflow.is_none() && !h.client_cert_requested);

    let evidence = format!(
        r#"{{"v":1,"type":"evidence","host":{{"name":"tls-doctor","version":"0.1.0"}},
        "target":{{"host":"a.example","port":443,"verify_name":"a.example"}},"measured_at":"2026-06-01T00:00:00Z",
        "timeout_ms":10000,"elapsed_ms":5,"dns":{{"outcome":"skipped","reason":"ip_literal"}},"handshakes":[{handshake}]}}"#
    );
    let e: Evidence = serde_json::from_str(&evidence)?;
    assert_eq!((e.handshakes.len(), e.target.port, e.refusal.is_none()), (1, 443, true));
    // Written and read back, field for field.
    assert_eq!(serde_json::from_str::<Evidence>(&serde_json::to_string(&e)?)?, e);

    let missing = evidence.replacen(r#""timeout_ms":10000,"#, "", 1);
    let error = serde_json::from_str::<Evidence>(&missing).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("missing field `timeout_ms`"), "{error}");
    let other = evidence.replacen(r#""type":"evidence""#, r#""type":"diagnosis""#, 1);
    assert!(serde_json::from_str::<Evidence>(&other).is_err());
    assert!(serde_json::from_str::<Handshake>(r#"["primary",[],{"outcome":"timed_out"},3]"#).is_err());
    Ok(())
}
