//! The facts the plans of the user's side must get right (issue 13), checked on the plans of
//! the samples, and where the words matter, on the Japanese they render.

use super::*;
use crate::explain::Lang;
use crate::explain::plan::Say as P;
use crate::explain::samples::{samples, target_for};
use crate::explain::service::Service;
use crate::time::FixedOffset;
use crate::wire::{ExplainedFinding, Finding, FindingId};

const JST: FixedOffset = FixedOffset(540);
const UTC: FixedOffset = FixedOffset(0);

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

fn plan_of<'a>(kind: &'a FindingKind, tz: &FixedOffset) -> Plan<'a> {
    plan(kind, &case(tz)).unwrap_or_else(|| unreachable!("{kind:?} has a plan"))
}

fn ja(kind: &FindingKind) -> ExplainedFinding {
    crate::explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(kind), Lang::Ja, &JST)
}

fn has(plan: &Plan<'_>, say: impl Into<P<'static>>) -> bool {
    let say = say.into();
    plan.headline == say
        || plan.danger == say
        || plan.meaning.contains(&say)
        || plan.user_steps.contains(&say)
        || plan.admin.iter().any(|f| f.say == say)
}

fn clock_samples() -> Vec<FindingKind> {
    samples(FindingId::ClockAhead).into_iter().chain(samples(FindingId::ClockBehind)).collect()
}

fn skew_of(kind: &FindingKind) -> &ClockSkew {
    match kind {
        FindingKind::ClockAhead { skew } | FindingKind::ClockBehind { skew } => skew,
        _ => unreachable!(),
    }
}

fn says_valid(plan: &Plan<'_>) -> bool {
    plan.meaning.iter().any(|s| matches!(s, P::Local(Say::ValidCertLooks { .. })))
        || plan.danger == Say::ClockCertFine.into()
}

#[test]
fn every_sample_has_a_plan() {
    for id in IDS {
        for kind in samples(id) {
            assert!(plan(&kind, &case(&JST)).is_some(), "{id:?}");
        }
    }
}

/// The samples are what the clock check reports: outside the validity at the device's time,
/// inside at the right time.
#[test]
fn clock_samples_are_consistent_evidence() {
    for kind in clock_samples() {
        let skew = skew_of(&kind);
        assert!(!within(skew.local, skew), "{kind:?}");
        assert!(within(skew.reference, skew), "{kind:?}");
        let ahead = matches!(kind, FindingKind::ClockAhead { .. });
        assert_eq!(ahead, skew.offset_seconds > 0);
        assert_eq!(ahead, skew.local.unix() > skew.not_after.unix(), "ahead: looks expired; behind: not yet valid");
    }
}

/// 「有効な証明書」 only when the right time lies inside the certificate's validity.
#[test]
fn valid_certificate_only_when_the_right_time_is_inside_the_validity() {
    for kind in clock_samples() {
        assert!(says_valid(&plan_of(&kind, &JST)), "{kind:?}");
        // The same skew with a certificate that is outside its validity at the right time too.
        let mut skew = skew_of(&kind).clone();
        skew.not_after = Timestamp(skew.reference.unix() - 60);
        skew.not_before = Timestamp(skew.not_after.unix() - 90 * 86_400);
        let outside = match kind {
            FindingKind::ClockAhead { .. } => FindingKind::ClockAhead { skew },
            _ => FindingKind::ClockBehind { skew },
        };
        let p = plan_of(&outside, &JST);
        assert!(!says_valid(&p), "{outside:?}");
        assert!(has(&p, Say::CertInvalidAnyway));
        assert!(!has(&p, Say::AdminNothingOnServer));
        assert!(!ja(&outside).meaning.contains("有効な証明書"));
    }
}

/// When only the browser's clock is off (the OS clock is right), the device's clock is not
/// the thing to fix.
#[test]
fn a_browser_only_clock_does_not_send_the_user_to_the_device_clock() {
    let mut seen = 0;
    for kind in clock_samples() {
        let skew = skew_of(&kind);
        let Some(os) = skew.os else { continue };
        let p = plan_of(&kind, &JST);
        let os_right = (os.unix() - skew.reference.unix()).abs() < TOLERANCE_SECONDS;
        let device_steps =
            p.user_steps.iter().any(|s| matches!(s, P::Common(C::SetDeviceClock | C::DeviceClockMenu(_))));
        assert_eq!(device_steps, !os_right, "{kind:?}");
        if os_right {
            seen += 1;
            assert_eq!(p.user_steps.first(), Some(&P::Common(C::RestartBrowser)));
            assert!(matches!(p.headline, P::Local(Say::BrowserClockHeadline { .. })));
            assert!(has(&p, Say::BrowserTimeTools));
            assert!(!has(&p, Say::AdminNtp));
        }
    }
    assert!(seen >= 2);
}

/// In Japan (the device set to UTC+9), a skew of whole hours is the clock, not the zone; a
/// device set to UTC whose wall clock shows Japan's time has the zone wrong.
#[test]
fn in_japan_the_time_zone_is_not_blamed() {
    let zone: Vec<FindingKind> = clock_samples().into_iter().filter(|k| skew_of(k).zone_suspect).collect();
    assert_eq!(zone.len(), 2);
    for kind in &zone {
        let p = plan_of(kind, &JST);
        assert!(matches!(p.headline, P::Local(Say::DeviceClockHeadline { .. })), "{kind:?}");
        assert!(!has(&p, Say::SetZone) && !p.meaning.iter().any(|s| matches!(s, P::Local(Say::ZoneMeaning { .. }))));
        assert!(!ja(kind).headline.contains("タイムゾーン"));
    }
    // Nine hours ahead on a device set to UTC: its wall clock shows Japan's time.
    let ahead = zone.iter().find(|k| matches!(k, FindingKind::ClockAhead { .. })).unwrap_or_else(|| unreachable!());
    let p = plan_of(ahead, &UTC);
    assert_eq!(p.headline, Say::ZoneHeadline.into());
    assert_eq!(p.user_steps.first(), Some(&Say::SetZone.into()));
    assert!(has(&p, Say::ZoneMeaning { device: 0, likely: 540 }));
}

/// Wherever the user must set the device's clock, the menus of every device follow.
#[test]
fn device_clock_steps_come_with_every_device_menu() {
    for tz in [JST, UTC] {
        for kind in clock_samples() {
            let p = plan_of(&kind, &tz);
            if p.user_steps.contains(&C::SetDeviceClock.into()) {
                for device in Device::ALL {
                    assert!(p.user_steps.contains(&C::DeviceClockMenu(device).into()), "{kind:?} {device:?}");
                }
            }
        }
    }
}

/// Times go to the evidence lines, not into sentences.
#[test]
fn clock_times_are_evidence_not_sentences() {
    for kind in clock_samples() {
        let e = ja(&kind);
        let sentences = [&e.headline, &e.meaning, &e.danger].into_iter().chain(&e.user_steps);
        for s in sentences {
            assert!(!s.contains("年") && !s.contains("UTC+09"), "{s}");
        }
        assert!(e.evidence.iter().any(|l| l.value.contains("2026年")));
    }
}

fn product(id: &str, kind: InterceptorKind, issuer: &str, expected: bool, store: Option<TrustStore>) -> FindingKind {
    FindingKind::InterceptionKnownProduct {
        product: id.to_owned(),
        product_id: id.to_owned(),
        kind,
        issuer: issuer.to_owned(),
        expected,
        trusted_by: store.into_iter().collect(),
    }
}

/// Roots whose key is public, a debugging proxy's, a state's: never "not an attack", never
/// distributed or declared expected, whatever the admin declared and whether the page loaded.
#[test]
fn unsafe_roots_are_never_harmless_nor_distributed() {
    let mut kinds: Vec<FindingKind> = samples(FindingId::InterceptionKnownProduct)
        .into_iter()
        .filter(|k| matches!(k, FindingKind::InterceptionKnownProduct { product_id, .. } if ["fiddler", "superfish"].contains(&product_id.as_str())))
        .collect();
    assert!(kinds.len() >= 3);
    for (id, kind, issuer) in [
        ("fiddler", InterceptorKind::DebugProxy, "DO_NOT_TRUST_FiddlerRoot"),
        ("superfish", InterceptorKind::Adware, "Superfish, Inc."),
        ("edellroot", InterceptorKind::DeviceVendor, "eDellRoot"),
        ("qaznet", InterceptorKind::Government, "Qaznet Trust Network"),
        ("burp", InterceptorKind::DebugProxy, "PortSwigger CA"),
    ] {
        for expected in [false, true] {
            for store in [None, Some(TrustStore::System), Some(TrustStore::Browser)] {
                kinds.push(product(id, kind, issuer, expected, store));
            }
        }
    }
    for expected in [false, true] {
        kinds.push(FindingKind::InterceptionCorporate {
            issuer: "DO_NOT_TRUST_FiddlerRoot".into(),
            sha256: "00".into(),
            expected,
            trusted_by: vec![TrustStore::System],
        });
    }
    for kind in &kinds {
        let p = plan_of(kind, &JST);
        assert!(!matches!(p.danger, P::Local(Say::ApprovedInspection | Say::LikelyProduct { .. })), "{kind:?}");
        assert!(!has(&p, Say::RegisteredByAdmin) && !has(&p, Say::ApprovedHeadline), "{kind:?}");
        assert!(
            !p.admin.iter().any(|f| matches!(
                f.say,
                P::Local(
                    Say::AdminDistributeProductRoot { .. }
                        | Say::AdminDistributeRoot { .. }
                        | Say::AdminDeclareExpected
                )
            )),
            "{kind:?}"
        );
        assert!(has(&p, Say::AdminNeverDistribute), "{kind:?}");
        let e = ja(kind);
        assert!(!e.danger.contains("攻撃ではな"), "{}", e.danger);
        assert!(e.admin_steps.iter().all(|s| !s.text.contains("配布して")), "{kind:?}");
    }
}

/// The table's products whose roots must not be trusted widely are all recognised.
#[test]
fn the_product_table_s_unsafe_roots_are_known() {
    for p in crate::interception::PRODUCTS {
        let issuer = p.cn.unwrap_or_default();
        let expected_unsafe =
            matches!(p.kind, InterceptorKind::DebugProxy | InterceptorKind::Adware | InterceptorKind::Government)
                || PUBLIC_KEY_PRODUCTS.contains(&p.id)
                || issuer.contains("DO_NOT_TRUST");
        assert_eq!(unsafe_root(Some(p.kind), p.id, issuer).is_some(), expected_unsafe, "{}", p.id);
    }
    assert_eq!(
        unsafe_root(Some(InterceptorKind::DebugProxy), "fiddler", "DO_NOT_TRUST_FiddlerRoot"),
        Some(UnsafeRoot::DebugTool)
    );
    assert_eq!(unsafe_root(Some(InterceptorKind::Adware), "superfish", "Superfish, Inc."), Some(UnsafeRoot::PublicKey));
    assert_eq!(unsafe_root(Some(InterceptorKind::Antivirus), "eset", "ESET SSL Filter CA"), None);
}

/// A card is not critical when the page loaded fine through a root that is safe to trust.
#[test]
fn a_page_that_loaded_is_not_critical() {
    let mut seen = 0;
    for id in [FindingId::InterceptionKnownProduct, FindingId::InterceptionCorporate] {
        for kind in samples(id) {
            let (loaded, unsafe_) = match &kind {
                FindingKind::InterceptionKnownProduct { product_id, kind: k, issuer, trusted_by, .. } => {
                    (page_loaded(trusted_by), unsafe_root(Some(*k), product_id, issuer).is_some())
                }
                FindingKind::InterceptionCorporate { issuer, trusted_by, .. } => {
                    (page_loaded(trusted_by), unsafe_root(None, "", issuer).is_some())
                }
                _ => unreachable!(),
            };
            let e = ja(&kind);
            if loaded && !unsafe_ {
                seen += 1;
                assert_ne!(e.severity, Severity::Critical, "{kind:?}");
                assert_ne!(e.severity_label, "重大");
                assert!(has(&plan_of(&kind, &JST), Say::PageLoaded));
            }
            if !loaded || unsafe_ {
                assert_eq!(e.severity, Severity::Critical, "{kind:?}");
            }
        }
    }
    assert!(seen >= 2);
}

/// The portal's and the browser's raw answers (status, title, address, error code) are
/// evidence; Japanese sentences do not repeat them.
#[test]
fn raw_answers_stay_in_the_evidence() {
    for id in [FindingId::CaptivePortal, FindingId::StaleBrowserState, FindingId::InterceptionUnknown] {
        for kind in samples(id) {
            let e = ja(&kind);
            let sentences: Vec<&String> =
                [&e.headline, &e.meaning, &e.danger].into_iter().chain(&e.user_steps).collect();
            let mut raw: Vec<String> = Vec::new();
            match &kind {
                FindingKind::CaptivePortal { url, status, location, title, private_answers } => {
                    raw.extend([url.clone(), status.to_string()]);
                    raw.extend(location.iter().cloned());
                    raw.extend(title.iter().cloned());
                    raw.extend(private_answers.iter().map(ToString::to_string));
                    raw.push("http://".into());
                }
                FindingKind::StaleBrowserState { code, origin, version, cipher, .. } => {
                    raw.extend([code.clone(), origin.clone(), version.clone(), cipher.clone()]);
                }
                FindingKind::InterceptionUnknown { issuer, canary } => {
                    raw.push(issuer.clone());
                    raw.extend(canary.iter().cloned());
                }
                _ => unreachable!(),
            }
            for s in &sentences {
                for r in &raw {
                    assert!(!s.contains(r.as_str()), "{id:?}: {r:?} in {s}");
                }
                assert!(!s.contains("このコンピューター"), "{s}");
            }
        }
    }
}

/// One gloss per concept, written by the glossary: cache, cookies, proxy.
#[test]
fn terms_are_glossed_once_by_the_glossary() {
    use crate::explain::glossary::Term;
    let gloss = |t: Term| format!("{}（{}）", t.words(Lang::Ja).0, t.words(Lang::Ja).1);
    for kind in samples(FindingId::StaleBrowserState) {
        let e = ja(&kind);
        let all = [e.headline.clone(), e.meaning.clone(), e.danger.clone()]
            .into_iter()
            .chain(e.user_steps.clone())
            .collect::<String>();
        for t in [Term::Cache, Term::Cookie] {
            assert_eq!(all.matches(&gloss(t)).count(), 1, "{t:?}");
        }
        assert!(!all.contains('＝'));
    }
    for kind in samples(FindingId::InterceptionKnownProduct) {
        let e = ja(&kind);
        let all = [e.headline.clone(), e.meaning.clone(), e.danger.clone()]
            .into_iter()
            .chain(e.user_steps.clone())
            .collect::<String>();
        assert!(all.matches("プロキシ（").count() <= 1);
        assert!(!all.contains("プロキシ（通信の中継先）") && !all.contains("プロキシ（通信を中継する装置）"));
    }
}

/// The first screen (headline, whose side, the first step, the risk line) fits in 120
/// Japanese characters, glosses included, for every sample (and the time zone's text, which a
/// reader in Japan never gets); the first step is an action.
#[test]
fn the_first_screen_is_short() {
    let mut rendered: Vec<(FindingId, ExplainedFinding)> =
        IDS.iter().flat_map(|id| samples(*id).into_iter().map(|k| (*id, ja(&k)))).collect();
    for kind in clock_samples().into_iter().filter(|k| skew_of(k).zone_suspect) {
        let e = crate::explain::explain_finding_on(&Finding::new(kind.clone()), &target_for(&kind), Lang::Ja, &UTC);
        rendered.push((kind.id(), e));
    }
    assert!(rendered.iter().any(|(_, e)| e.headline.contains("タイムゾーン")));
    for (id, e) in rendered {
        let first = e.user_steps.first().cloned().unwrap_or_default();
        let n = [&e.headline, &e.side_label, &first, &e.danger].iter().map(|s| s.chars().count()).sum::<usize>();
        assert!(n <= 120, "{id:?}: {n} characters: {} / {} / {first} / {}", e.headline, e.side_label, e.danger);
        assert!(
            first.contains("てください。") || first.ends_with("構いません。"),
            "{id:?}: the first step is an action: {first}"
        );
    }
}

/// On a mail port (SMTP, IMAP, POP3) a product's card says which store matters, and an
/// antivirus's first step is to turn off its mail scanning, then Thunderbird's own store; a
/// company's product stays the help desk's. On a web port or another STARTTLS service the
/// browser's words stay. Unsafe roots keep their own plan everywhere.
#[test]
fn mail_ports_get_the_mail_store_words_and_only_they() {
    let eset = product("eset", InterceptorKind::Antivirus, "ESET SSL Filter CA", false, Some(TrustStore::Custom));
    let zscaler = product("zscaler", InterceptorKind::CorporateProxy, "Zscaler Root CA", false, None);
    let fiddler = product("fiddler", InterceptorKind::DebugProxy, "DO_NOT_TRUST_FiddlerRoot", false, None);
    let corporate = samples(FindingId::InterceptionCorporate).remove(0);
    for service in [Service::Web, Service::Smtp, Service::Mailbox, Service::Other] {
        let case = Case { service, ..case(&JST) };
        let mail = service.is_mail();
        let of = |kind| plan(kind, &case).unwrap_or_else(|| unreachable!());
        let p = of(&eset);
        assert_eq!(p.user_steps.first() == Some(&Say::MailScanningOff { product: "eset" }.into()), mail, "{service:?}");
        assert_eq!(has(&p, Say::ThunderbirdImport { product: "eset" }), mail, "{service:?}");
        assert_eq!(has(&p, Say::MailStores), mail, "{service:?}");
        assert_eq!(has(&p, Say::MailProductMeaning { product: "eset", kind: InterceptorKind::Antivirus }), mail);
        assert_eq!(has(&p, Say::AdminThunderbirdRoots), mail, "{service:?}");
        assert_eq!(has(&p, C::FirefoxOsRoots), !mail, "{service:?}");
        assert_eq!(has(&p, Say::TurnOffScanning { product: "eset" }), !mail, "{service:?}");
        assert_eq!(has(&p, Say::BrowserRefuses), !mail, "{service:?}");
        assert_eq!(has(&p, Say::ExceptSite), !mail, "no site to except on a mail port");
        let root = Say::AdminMailProductRoot { product: "eset", issuer: "ESET SSL Filter CA" };
        assert_eq!(has(&p, root), mail, "{service:?}");

        let z = of(&zscaler);
        assert_eq!(z.user_steps.first(), Some(&Say::AskHelpdesk.into()), "{service:?}");
        assert!(!has(&z, Say::ThunderbirdImport { product: "zscaler" }), "{service:?}");
        assert_eq!(has(&z, Say::MailStores), mail, "{service:?}");

        let c = of(&corporate);
        assert_eq!(has(&c, Say::MailStores), mail, "{service:?}");
        assert_eq!(has(&c, Say::AdminThunderbirdRoots), mail, "{service:?}");
        assert_eq!(has(&c, Say::MailCorporateMeaning), mail, "{service:?}");
        assert_eq!(has(&c, Say::CorporateMeaning), !mail, "{service:?}");

        let f = of(&fiddler);
        assert!(!has(&f, Say::MailStores) && !has(&f, Say::AdminThunderbirdRoots), "{service:?}");
    }
}
