//! Causes on the user's side: the device's (or only the browser's) clock, old state kept by
//! the browser, software or a network that re-signs TLS, a Wi-Fi sign-in page.

pub(crate) mod en;
pub(crate) mod ja;
mod on_mail;

use super::common::{Device, Say as C};
use super::{Case, Fix, Plan};
use crate::checks::clock::TOLERANCE_SECONDS;
use crate::time::Timestamp;
use crate::wire::{ClockSkew, FindingKind, InterceptorKind, Severity, TrustStore};
use on_mail::{app_roots, company_root, corporate_meaning, mail_steps, product_root};

/// Japan's offset from UTC, in minutes (no daylight saving time).
pub(crate) const JAPAN_MINUTES: i32 = 9 * 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say<'a> {
    // The clock.
    /// The device's clock is `by` seconds ahead or behind.
    DeviceClockHeadline {
        ahead: bool,
        by: u64,
    },
    /// Only the browser's clock is off.
    BrowserClockHeadline {
        ahead: bool,
        by: u64,
    },
    /// The time zone setting, not the clock.
    ZoneHeadline,
    /// Risk: the certificate is fine; fixing the clock is enough.
    ClockCertFine,
    /// The browser judges a certificate's dates by the device's clock.
    ClockJudgedLocally,
    /// The device's clock is off from the right time by `by` seconds (said where the headline
    /// blames the time zone, not the clock).
    DeviceClockOff {
        ahead: bool,
        by: u64,
    },
    /// Only the browser's clock is off (the headline): the computer's own clock is right.
    OsClockRight,
    /// The browser's clock and the computer's clock are both off, and differently.
    BothClocksOff,
    /// At the right time the certificate is valid: it only looks expired or not yet valid.
    ValidCertLooks {
        ahead: bool,
    },
    /// Even at the right time the certificate is outside its validity period.
    CertInvalidAnyway,
    /// The offset is a whole number of hours: the time zone is set to `device`, and `likely`
    /// would make the clock right (minutes east of UTC).
    ZoneMeaning {
        device: i32,
        likely: i32,
    },
    /// Set the time zone to where you are.
    SetZone,
    /// After the fix (the clock, the Wi-Fi sign-in), open the page again.
    ReopenPage,
    /// The browser alone: look for tools that change the browser's time.
    BrowserTimeTools,
    AdminNothingOnServer,
    AdminNtp,
    /// Admin: something changes the time of the browser only (a fake-time tool, a sandbox).
    AdminBrowserTime,

    // Old state in the browser.
    StaleHeadline,
    StaleDanger,
    StaleMeaning,
    ClearSiteData,
    ClearOnlyThisSite,
    KeepHsts,
    SoftwareInTheWay,
    AdminStaleBackends,

    // Interception.
    /// `product` inspects the encrypted traffic.
    ProductHeadline {
        product: &'a str,
    },
    /// `product`'s root's private key is public: anyone can make certificates it trusts.
    PublicKeyHeadline {
        product: &'a str,
    },
    /// A debugging tool reads the traffic.
    DebugToolHeadline {
        product: &'a str,
    },
    /// A state's root re-signs the traffic.
    StateRootHeadline {
        product: &'a str,
    },
    /// Risk: anyone can forge sites this device trusts.
    PublicKeyDanger,
    /// Risk: a debugging tool reads everything, passwords included.
    DebugToolDanger {
        product: &'a str,
    },
    /// Risk: the traffic is read on the way.
    ReadOnTheWay,
    /// Risk: the company's approved inspection, not an attack.
    ApprovedInspection,
    /// Risk: most likely `product` at work, not an attack; it can read the traffic.
    LikelyProduct {
        product: &'a str,
    },
    /// What re-signed the certificate: `product` is a `kind`.
    ProductMeaning {
        product: &'a str,
        kind: InterceptorKind,
    },
    /// The browser trusts the product's root: the page loaded.
    PageLoaded,
    /// The browser does not trust it: hence the error.
    BrowserRefuses,
    /// The admin registered the inspection as the company's.
    RegisteredByAdmin,
    /// Why the root is unsafe (public key).
    PublicKeyMeaning,
    /// Why the root is unsafe (a debugging tool's root says itself not to trust it).
    DebugToolMeaning,
    /// A state's interception, blocked by browsers.
    StateRootMeaning,
    RemoveProduct {
        product: &'a str,
    },
    AskMaker,
    CloseDebugTool {
        product: &'a str,
    },
    RemoveDebugRoot {
        product: &'a str,
    },
    StopUsingNetwork,
    TurnOffScanning {
        product: &'a str,
    },
    ExceptSite,
    UpdateProduct {
        product: &'a str,
    },
    DontChangeManaged,
    AskHelpdesk,
    FollowRules,
    HelpdeskIfPersists,
    NothingToDoIfKnown {
        product: &'a str,
    },
    AdminDistributeProductRoot {
        product: &'a str,
        issuer: &'a str,
    },
    AdminDeclareExpected,
    AdminRemovePublicKeyRoot {
        product: &'a str,
    },
    AdminNeverDistribute,
    AdminRemoveDebugRoot {
        product: &'a str,
    },
    // On a mail port (issue 16): the mail app's store decides, not the browser's.
    /// The mail server's certificate was replaced by `product`'s.
    MailProductMeaning {
        product: &'a str,
        kind: InterceptorKind,
    },
    /// Outlook and Windows' apps use the Windows store; Thunderbird its own.
    MailStores,
    /// Turn off the product's mail (POP3/IMAP/SMTP) scanning; never set the account up without SSL.
    MailScanningOff {
        product: &'a str,
    },
    /// Thunderbird: import the product's root into its own store (the menu path).
    ThunderbirdImport {
        product: &'a str,
    },
    /// Admin: Thunderbird's policy (`Certificates`: `ImportEnterpriseRoots`, `Install`).
    AdminThunderbirdRoots,
    /// The mail server's certificate was replaced by one from an issuer added later.
    MailCorporateMeaning,
    /// Admin: the product's root to the store each mail app uses, or mail out of inspection.
    AdminMailProductRoot {
        product: &'a str,
        issuer: &'a str,
    },
    /// Admin: this root to the store each mail app uses.
    AdminMailRoot {
        sha256: &'a str,
    },
    // A company's or unknown root.
    CorporateHeadline,
    ApprovedHeadline,
    CorporateMeaning,
    MaybeCompany,
    CompanyDeviceHelpdesk,
    OwnDeviceProfiles,
    OtherLineIfUnsure,
    BrowserNeedsCompanyRoot,
    AdminDistributeRoot {
        sha256: &'a str,
    },
    UnknownHeadline,
    UnknownMeaning,
    OtherLineWorks,
    CheckSoftware,
    AdminFindRelay,

    // The Wi-Fi sign-in page.
    PortalHeadline,
    PortalDanger,
    PortalMeaning,
    /// The connectivity check's fixed address answered with another page (or a redirect).
    PortalReplaced,
    PortalPrivateAnswers,
    PortalCertificate,
    SignIn,
    ReconnectWifi,
    AdminPortal,
}

impl<'a> From<Say<'a>> for super::Say<'a> {
    fn from(say: Say<'a>) -> Self {
        super::Say::Local(say)
    }
}

/// Whether `at` lies in the validity period (both ends included).
fn within(at: Timestamp, skew: &ClockSkew) -> bool {
    skew.not_before.unix() <= at.unix() && at.unix() <= skew.not_after.unix()
}

/// What is wrong with the clock, as far as the evidence tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClockFault {
    /// The device's clock (the browser's is the OS's).
    Device,
    /// The browser's clock only: the OS clock is right.
    BrowserOnly,
    /// Both, and differently.
    Both,
    /// The time zone setting: the zone is `device`, `likely` would be right.
    Zone { device: i32, likely: i32 },
}

fn clock_fault(skew: &ClockSkew, case: &Case<'_>) -> ClockFault {
    if let Some(os) = skew.os {
        return if (os.unix() - skew.reference.unix()).abs() < TOLERANCE_SECONDS {
            ClockFault::BrowserOnly
        } else {
            ClockFault::Both
        };
    }
    match zone_likely(skew, case.tz.offset_minutes_at(skew.local)) {
        Some(likely) => ClockFault::Zone { device: case.tz.offset_minutes_at(skew.local), likely },
        None => ClockFault::Device,
    }
}

/// The zone that would make the device's wall clock right, when the skew looks like a wrong
/// time zone rather than a wrong clock. Never when the device is set to Japan's zone: most
/// users of a device set to UTC+9 are in Japan, where that zone is right and the clock is not.
fn zone_likely(skew: &ClockSkew, device: i32) -> Option<i32> {
    if !skew.zone_suspect || device == JAPAN_MINUTES {
        return None;
    }
    let quarter_hours = i32::try_from((skew.offset_seconds + 450).div_euclid(900)).ok()?;
    let likely = device + quarter_hours * 15;
    ((-720..=840).contains(&likely) && likely != device).then_some(likely)
}

fn clock_plan<'a>(skew: &ClockSkew, ahead: bool, case: &Case<'_>) -> Plan<'a> {
    let by = skew.offset_seconds.unsigned_abs();
    let fault = clock_fault(skew, case);
    let valid = within(skew.reference, skew);
    let headline = match fault {
        ClockFault::BrowserOnly => Say::BrowserClockHeadline { ahead, by },
        ClockFault::Zone { .. } => Say::ZoneHeadline,
        ClockFault::Device | ClockFault::Both => Say::DeviceClockHeadline { ahead, by },
    };
    let mut meaning: Vec<super::Say<'a>> = vec![Say::ClockJudgedLocally.into()];
    // The headline already says how far the clock is off, except when it blames the zone.
    match fault {
        ClockFault::BrowserOnly => meaning.push(Say::OsClockRight.into()),
        ClockFault::Both => meaning.push(Say::BothClocksOff.into()),
        ClockFault::Zone { device, likely } => {
            meaning.push(Say::DeviceClockOff { ahead, by }.into());
            meaning.push(Say::ZoneMeaning { device, likely }.into());
        }
        ClockFault::Device => {}
    }
    meaning.push(if valid { Say::ValidCertLooks { ahead } } else { Say::CertInvalidAnyway }.into());

    let mut user_steps: Vec<super::Say<'a>> = Vec::new();
    let device_steps = |steps: &mut Vec<super::Say<'a>>| {
        steps.push(C::SetDeviceClock.into());
        steps.extend(Device::ALL.map(|d| super::Say::from(C::DeviceClockMenu(d))));
    };
    match fault {
        ClockFault::BrowserOnly => {
            user_steps.push(C::RestartBrowser.into());
            user_steps.push(Say::BrowserTimeTools.into());
        }
        ClockFault::Zone { .. } => {
            user_steps.push(Say::SetZone.into());
            device_steps(&mut user_steps);
            user_steps.push(Say::ReopenPage.into());
        }
        ClockFault::Device => {
            device_steps(&mut user_steps);
            user_steps.push(Say::ReopenPage.into());
        }
        ClockFault::Both => {
            device_steps(&mut user_steps);
            user_steps.push(C::RestartBrowser.into());
            user_steps.push(Say::BrowserTimeTools.into());
        }
    }
    if !valid {
        user_steps.push(C::ContactSiteAdmin.into());
    }
    let mut admin = Vec::new();
    if valid {
        admin.push(Fix::any(Say::AdminNothingOnServer));
    }
    admin.push(Fix::any(if fault == ClockFault::BrowserOnly { Say::AdminBrowserTime } else { Say::AdminNtp }));
    Plan::new(
        headline,
        if valid { Say::ClockCertFine.into() } else { super::Say::from(C::DontEnterSecrets) },
        meaning,
        user_steps,
        admin,
    )
}

/// Why a product's root must never be trusted widely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnsafeRoot {
    /// Its private key is public (the same root on every machine, key extracted): Superfish,
    /// eDellRoot, Sennheiser, Mitel. Chromium blocks these keys (`net/data/ssl/blocklist`, as
    /// listed in `interception-products.json`).
    PublicKey,
    /// A debugging proxy (Fiddler, Burp, Charles, mitmproxy), or a root that says itself
    /// `DO_NOT_TRUST`.
    DebugTool,
    /// A state's interception root (Qaznet), blocked by browsers.
    State,
}

/// Products in Chromium's key blocklist whose private keys are public.
const PUBLIC_KEY_PRODUCTS: &[&str] = &["superfish", "edellroot", "sennheiser", "mitel"];

pub(crate) fn unsafe_root(kind: Option<InterceptorKind>, product_id: &str, issuer: &str) -> Option<UnsafeRoot> {
    if PUBLIC_KEY_PRODUCTS.contains(&product_id) || kind == Some(InterceptorKind::Adware) {
        Some(UnsafeRoot::PublicKey)
    } else if kind == Some(InterceptorKind::Government) {
        Some(UnsafeRoot::State)
    } else if kind == Some(InterceptorKind::DebugProxy) || issuer.to_ascii_uppercase().contains("DO_NOT_TRUST") {
        Some(UnsafeRoot::DebugTool)
    } else {
        None
    }
}

/// The browser loaded the page with the re-signed chain (its own report).
fn page_loaded(trusted_by: &[TrustStore]) -> bool {
    trusted_by.contains(&TrustStore::Browser)
}

/// How serious the card is when the browser loaded the page: a safe root that re-signs is a
/// warning (information when the admin declared it); an unsafe root stays critical.
fn loaded_severity(loaded: bool, unsafe_root: bool, expected: bool) -> Option<Severity> {
    match (loaded, unsafe_root, expected) {
        (true, false, true) => Some(Severity::Info),
        (true, false, false) => Some(Severity::Warning),
        _ => None,
    }
}

fn unsafe_product_plan<'a>(root: UnsafeRoot, product: &'a str, kind: InterceptorKind, loaded: bool) -> Plan<'a> {
    let mut meaning: Vec<super::Say<'a>> = vec![Say::ProductMeaning { product, kind }.into()];
    meaning.push(
        match root {
            UnsafeRoot::PublicKey => Say::PublicKeyMeaning,
            UnsafeRoot::DebugTool => Say::DebugToolMeaning,
            UnsafeRoot::State => Say::StateRootMeaning,
        }
        .into(),
    );
    meaning.push(if loaded { Say::PageLoaded } else { Say::BrowserRefuses }.into());
    let (headline, danger, user_steps, admin): (Say<'a>, super::Say<'a>, Vec<super::Say<'a>>, Vec<Fix<'a>>) = match root
    {
        UnsafeRoot::PublicKey => (
            Say::PublicKeyHeadline { product },
            Say::PublicKeyDanger.into(),
            vec![Say::RemoveProduct { product }.into(), Say::AskMaker.into()],
            vec![Fix::any(Say::AdminRemovePublicKeyRoot { product }), Fix::any(Say::AdminNeverDistribute)],
        ),
        UnsafeRoot::DebugTool => (
            Say::DebugToolHeadline { product },
            Say::DebugToolDanger { product }.into(),
            vec![Say::CloseDebugTool { product }.into(), Say::RemoveDebugRoot { product }.into()],
            vec![Fix::any(Say::AdminRemoveDebugRoot { product }), Fix::any(Say::AdminNeverDistribute)],
        ),
        UnsafeRoot::State => (
            Say::StateRootHeadline { product },
            Say::ReadOnTheWay.into(),
            vec![Say::StopUsingNetwork.into()],
            vec![Fix::any(Say::AdminNeverDistribute)],
        ),
    };
    Plan::new(headline, danger, meaning, user_steps, admin)
}

/// The steps that stop or except a product's inspection, by kind of product.
pub(super) fn product_steps<'a>(kind: InterceptorKind, product: &'a str) -> Vec<super::Say<'a>> {
    use InterceptorKind as I;
    match kind {
        I::Antivirus | I::Test => vec![
            Say::TurnOffScanning { product }.into(),
            Say::ExceptSite.into(),
            Say::UpdateProduct { product }.into(),
            C::RestartBrowser.into(),
        ],
        I::CorporateProxy | I::Firewall | I::SchoolOrWebFilter | I::ParentalControl => {
            vec![Say::AskHelpdesk.into(), Say::DontChangeManaged.into()]
        }
        // Unsafe roots have their own plan; these stay for completeness.
        I::DebugProxy => vec![Say::CloseDebugTool { product }.into(), Say::RemoveDebugRoot { product }.into()],
        I::Adware | I::DeviceVendor | I::Government => {
            vec![Say::RemoveProduct { product }.into(), Say::AskMaker.into()]
        }
    }
}

/// A known product's finding, as the plan reads it.
struct Found<'a> {
    product: &'a str,
    product_id: &'a str,
    kind: InterceptorKind,
    issuer: &'a str,
    expected: bool,
}

fn product_plan<'a>(found: &Found<'a>, trusted_by: &[TrustStore], mail: bool) -> Plan<'a> {
    let &Found { product, product_id, kind, issuer, expected } = found;
    let loaded = page_loaded(trusted_by);
    let root = unsafe_root(Some(kind), product_id, issuer);
    let severity = loaded_severity(loaded, root.is_some(), expected);
    if let Some(root) = root {
        let mut plan = unsafe_product_plan(root, product, kind, loaded);
        plan.severity = severity;
        return plan;
    }
    let mut meaning: Vec<super::Say<'a>> = vec![
        if mail { Say::MailProductMeaning { product, kind } } else { Say::ProductMeaning { product, kind } }.into(),
    ];
    if expected {
        meaning.push(Say::RegisteredByAdmin.into());
    } else if loaded {
        meaning.push(Say::PageLoaded.into());
    } else if !mail {
        meaning.push(Say::BrowserRefuses.into());
    }
    if mail {
        meaning.push(Say::MailStores.into());
    }
    let user_steps: Vec<super::Say<'a>> = if expected {
        vec![Say::HelpdeskIfPersists.into(), Say::FollowRules.into()]
    } else if mail {
        mail_steps(kind, product)
    } else if loaded {
        let mut steps: Vec<super::Say<'a>> = vec![Say::NothingToDoIfKnown { product }.into()];
        steps.extend(product_steps(kind, product));
        steps
    } else {
        product_steps(kind, product)
    };
    Plan {
        headline: Say::ProductHeadline { product }.into(),
        danger: if expected { Say::ApprovedInspection } else { Say::LikelyProduct { product } }.into(),
        meaning,
        user_steps,
        admin: vec![product_root(mail, product, issuer), app_roots(mail), Fix::any(Say::AdminDeclareExpected)],
        side: None,
        severity,
    }
}

fn corporate_plan<'a>(
    issuer: &'a str,
    sha256: &'a str,
    expected: bool,
    trusted_by: &[TrustStore],
    mail: bool,
) -> Plan<'a> {
    let loaded = page_loaded(trusted_by);
    if unsafe_root(None, "", issuer).is_some() {
        let mut meaning: Vec<super::Say<'a>> = vec![Say::CorporateMeaning.into(), Say::DebugToolMeaning.into()];
        meaning.push(if loaded { Say::PageLoaded } else { Say::BrowserRefuses }.into());
        return Plan::new(
            Say::CorporateHeadline,
            Say::ReadOnTheWay,
            meaning,
            vec![Say::CompanyDeviceHelpdesk.into(), Say::OwnDeviceProfiles.into()],
            vec![Fix::any(Say::AdminNeverDistribute)],
        );
    }
    let mut meaning: Vec<super::Say<'a>> = vec![corporate_meaning(mail).into()];
    if expected {
        meaning.push(Say::RegisteredByAdmin.into());
    } else if loaded {
        meaning.push(Say::PageLoaded.into());
    }
    if mail {
        meaning.push(Say::MailStores.into());
    }
    let user_steps: Vec<super::Say<'a>> = if expected {
        vec![Say::BrowserNeedsCompanyRoot.into(), Say::FollowRules.into()]
    } else {
        vec![Say::CompanyDeviceHelpdesk.into(), Say::OwnDeviceProfiles.into(), Say::OtherLineIfUnsure.into()]
    };
    Plan {
        headline: if expected { Say::ApprovedHeadline } else { Say::CorporateHeadline }.into(),
        danger: if expected { Say::ApprovedInspection } else { Say::MaybeCompany }.into(),
        meaning,
        user_steps,
        admin: vec![company_root(mail, sha256), app_roots(mail), Fix::any(Say::AdminDeclareExpected)],
        side: None,
        severity: loaded_severity(loaded, false, expected),
    }
}

pub(crate) fn plan<'a>(kind: &'a FindingKind, case: &Case<'_>) -> Option<Plan<'a>> {
    use FindingKind as K;
    Some(match kind {
        K::ClockAhead { skew } => clock_plan(skew, true, case),
        K::ClockBehind { skew } => clock_plan(skew, false, case),
        K::StaleBrowserState { .. } => Plan::new(
            Say::StaleHeadline,
            Say::StaleDanger,
            vec![Say::StaleMeaning.into()],
            vec![
                Say::ClearSiteData.into(),
                Say::ClearOnlyThisSite.into(),
                C::RestartBrowser.into(),
                Say::KeepHsts.into(),
                Say::SoftwareInTheWay.into(),
            ],
            vec![Fix::any(Say::AdminNothingOnServer), Fix::any(Say::AdminStaleBackends)],
        ),
        K::InterceptionKnownProduct { product, product_id, kind: which, issuer, expected, trusted_by } => {
            let found = Found { product, product_id, kind: *which, issuer, expected: *expected };
            product_plan(&found, trusted_by, case.service.is_mail())
        }
        K::InterceptionCorporate { issuer, sha256, expected, trusted_by } => {
            corporate_plan(issuer, sha256, *expected, trusted_by, case.service.is_mail())
        }
        K::InterceptionUnknown { .. } => Plan::new(
            Say::UnknownHeadline,
            Say::ReadOnTheWay,
            vec![Say::UnknownMeaning.into()],
            vec![
                Say::StopUsingNetwork.into(),
                Say::OtherLineWorks.into(),
                Say::CheckSoftware.into(),
                Say::CompanyDeviceHelpdesk.into(),
            ],
            vec![Fix::any(Say::AdminNothingOnServer), Fix::any(Say::AdminFindRelay)],
        ),
        K::CaptivePortal { private_answers, .. } => {
            let mut meaning: Vec<super::Say<'a>> = vec![Say::PortalMeaning.into()];
            meaning.push(Say::PortalReplaced.into());
            meaning.push(Say::PortalCertificate.into());
            if !private_answers.is_empty() {
                meaning.push(Say::PortalPrivateAnswers.into());
            }
            Plan::new(
                Say::PortalHeadline,
                Say::PortalDanger,
                meaning,
                vec![Say::SignIn.into(), Say::ReconnectWifi.into(), Say::ReopenPage.into()],
                vec![Fix::any(Say::AdminNothingOnServer), Fix::any(Say::AdminPortal)],
            )
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
