//! Causes on the user's side (English, mirroring `ja.rs`).

use super::Say;
use crate::explain::{Fmt, utc_offset};
use crate::wire::InterceptorKind;

fn kind(k: InterceptorKind) -> String {
    match k {
        InterceptorKind::Antivirus => "antivirus software".into(),
        InterceptorKind::CorporateProxy => String::from("a company ‹Proxy›"),
        InterceptorKind::Firewall => String::from("a ‹Firewall› device"),
        InterceptorKind::SchoolOrWebFilter => "a school or company web filter".into(),
        InterceptorKind::ParentalControl => "parental control software".into(),
        InterceptorKind::DebugProxy => "a developer traffic tool".into(),
        InterceptorKind::Adware => "adware".into(),
        InterceptorKind::DeviceVendor => "the PC maker's software".into(),
        InterceptorKind::Government => "a state's traffic monitoring".into(),
        InterceptorKind::Test => "a test product".into(),
    }
}

fn ahead_en(ahead: bool) -> &'static str {
    if ahead { "ahead" } else { "behind" }
}

/// "ahead of" / "behind" the right time.
fn ahead_of(ahead: bool) -> &'static str {
    if ahead { "ahead of" } else { "behind" }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::DeviceClockHeadline { ahead, by } => {
            format!("Your device's clock is {} {}", f.cat.duration(*by), ahead_en(*ahead))
        }
        Say::BrowserClockHeadline { ahead, by } => {
            format!("Only the browser's clock is {} {}", f.cat.duration(*by), ahead_en(*ahead))
        }
        Say::ZoneHeadline => String::from("Your device's ‹TimeZone› setting seems wrong"),
        Say::ClockCertFine => "The site is fine. Once the clock is right, it is safe.".into(),
        Say::ClockJudgedLocally => String::from("The browser checks the dates of a ‹Certificate› against the device's clock."),
        Say::DeviceClockOff { ahead, by } => {
            format!("The device's clock is {} {} the right time.", f.cat.duration(*by), ahead_of(*ahead))
        }
        Say::OsClockRight => "The computer's own clock is right.".into(),
        Say::BothClocksOff => "The computer's own clock is off too, by a different amount.".into(),
        Say::ValidCertLooks { ahead: true } => "So a certificate valid at the right time looks expired.".into(),
        Say::ValidCertLooks { ahead: false } => "So a certificate valid at the right time looks not yet valid.".into(),
        Say::CertInvalidAnyway => "But even at the right time this certificate is not valid: the site has a problem too.".into(),
        Say::ZoneMeaning { device, likely } => format!("The difference matches two time zones, so the ‹TimeZone› setting is likely wrong. It is {}; if the clock shows the right time, it should be {}.", utc_offset(*device), utc_offset(*likely)),
        Say::SetZone => String::from("Set the ‹TimeZone› to where you are. For Japan, choose \"Osaka, Sapporo, Tokyo\"."),
        Say::ReopenPage => "Then open the page again.".into(),
        Say::BrowserTimeTools => "If not, check for tools or extensions that change the browser's time.".into(),
        Say::AdminNothingOnServer => "Nothing to fix on the server.".into(),
        Say::AdminNtp => "On company devices, check the NTP settings and that UDP port 123 gets through.".into(),
        Say::AdminBrowserTime => "Only the browser runs on another time. Check how it is started (faketime or similar, a virtual machine, test settings).".into(),

        Say::StaleHeadline => "Old data kept by the browser seems to be the cause".into(),
        Say::StaleDanger => "There is no danger. The server's encryption is fine.".into(),
        Say::StaleMeaning => String::from("TLS Doctor just connected fine from this device. The browser's ‹Cache›, ‹Cookie› or an old open connection may be the cause, or the server was fixed since."),
        Say::ClearSiteData => "Clear this site's old data with TLS Doctor's button, then open the page again.".into(),
        Say::ClearOnlyThisSite => String::from("Only this site's ‹Cache› and ‹Cookie› are cleared. You may need to sign in again."),
        Say::KeepHsts => String::from("Do not delete the browser's ‹Hsts› records. They keep you safe."),
        Say::SoftwareInTheWay => String::from("If it still fails, security software or a ‹Vpn› may be the cause. Show the diagnosis to your support desk."),
        Say::AdminStaleBackends => "If reports continue, check for a server behind a load balancer with an old certificate.".into(),

        Say::ProductHeadline { product } => format!("{product} is inspecting your encrypted connections"),
        Say::PublicKeyHeadline { product } => format!("{product}'s unsafe certificate is replacing sites' certificates"),
        Say::DebugToolHeadline { product } => format!("The developer tool {product} is reading your connections"),
        Say::StateRootHeadline { product } => format!("Your connections are read on the way with {product}'s certificate"),
        Say::PublicKeyDanger => "Anyone can make fake sites. Do not enter passwords or other secrets.".into(),
        Say::DebugToolDanger { product } => format!("{product} can read all your traffic, passwords included."),
        Say::ReadOnTheWay => "Your traffic may be read. Do not enter passwords or other secrets.".into(),
        Say::ApprovedInspection => "Your company's approved inspection, not an attack.".into(),
        Say::LikelyProduct { .. } => "Most likely this product at work, not an attack.".into(),
        Say::ProductMeaning { product, kind: k } => format!("The site's ‹Certificate› was replaced with one from \"{product}\" ({}).", kind(*k)),
        Say::PageLoaded => "The browser trusts that certificate, so the page loads.".into(),
        Say::BrowserRefuses => "The browser does not trust that certificate, hence the error.".into(),
        Say::RegisteredByAdmin => "Your administrator registered this as the company's inspection.".into(),
        Say::PublicKeyMeaning => "This certificate's private key has been published.".into(),
        Say::DebugToolMeaning => "It is a developer tool's certificate for inspecting traffic; other devices must not trust it.".into(),
        Say::StateRootMeaning => "It is a certificate a state makes people install to read traffic. The major browsers refuse it.".into(),
        Say::RemoveProduct { product } => format!("Uninstall {product}."),
        Say::AskMaker => String::from("Then check that its ‹RootCertificate› is gone. If unsure, ask the maker or the shop."),
        Say::CloseDebugTool { product } => format!("If you are not using {product}, quit it and reset the ‹Proxy› settings."),
        Say::RemoveDebugRoot { product } => format!("If you do not recognise it, uninstall {product} and delete its ‹RootCertificate›."),
        Say::StopUsingNetwork => "Leave this network and try another connection, such as mobile data.".into(),
        Say::TurnOffScanning { product } => format!("In {product}'s settings, turn off the inspection, such as \"HTTPS scanning\"."),
        Say::ExceptSite => "If you cannot, add this site to the inspection's exceptions.".into(),
        Say::UpdateProduct { product } => format!("Updating {product} may also help."),
        Say::DontChangeManaged => "Your company, school or parents set it up. Do not change it yourself.".into(),
        Say::AskHelpdesk => "Show the diagnosis to your administrator or help desk.".into(),
        Say::FollowRules => "Handle your traffic as your company's rules say.".into(),
        Say::HelpdeskIfPersists => "If the error continues, show the diagnosis to your help desk.".into(),
        Say::NothingToDoIfKnown { product } => format!("If you know you use {product}, you can leave it."),
        Say::AdminDistributeProductRoot { product, issuer } => format!(
            "Distribute {product}'s root ({issuer}) to devices and browsers, or exclude this site from inspection."
        ),
        Say::AdminDeclareExpected => "If the inspection is official, add the root's SHA-256 to the managed setting expectedInspectionCAs. Users are then told it is the company's.".into(),
        Say::AdminRemovePublicKeyRoot { product } => {
            format!("Remove {product} and its root from every device: its private key is public.")
        }
        Say::AdminNeverDistribute => "Do not distribute this root certificate or add it to expectedInspectionCAs.".into(),
        Say::AdminRemoveDebugRoot { product } => {
            format!("{product}'s root certificate is for a developer's own device only. Remove it elsewhere.")
        }
        Say::MailProductMeaning { product, kind: k } => {
            format!("The mail server's ‹Certificate› was replaced with one from \"{product}\" ({}).", kind(*k))
        }
        Say::MailStores => "Outlook and Windows' mail apps use the Windows certificate store, Thunderbird its own: an app whose store lacks the root shows the error.".into(),
        Say::MailScanningOff { product } => format!("In {product}'s settings, turn off mail (POP3/IMAP/SMTP) scanning. Setting the account up without SSL is not a fix."),
        Say::ThunderbirdImport { product } => format!("In Thunderbird, import {product}'s ‹RootCertificate› under Settings → Privacy & Security → Manage Certificates → Authorities → Import, trusting it to identify websites (Thunderbird 128 and later)."),
        Say::AdminThunderbirdRoots => "Thunderbird keeps its own store: set its policy Certificates → ImportEnterpriseRoots (policies.json) to trust the OS's roots, or Install to add the root.".into(),
        Say::MailCorporateMeaning => String::from("The mail server's ‹Certificate› was replaced with one from an issuer added later, as a company's ‹TlsInspection› or in-house ‹Ca› does."),
        Say::AdminMailProductRoot { product, issuer } => format!("Distribute {product}'s root ({issuer}) to the certificate store each mail app uses, or exclude mail (POP3/IMAP/SMTP) from inspection."),
        Say::AdminMailRoot { sha256 } => format!("Distribute this root certificate (SHA-256: {sha256}) to the certificate store each mail app uses."),
        Say::CorporateHeadline => "An issuer added to this device later is replacing certificates".into(),
        Say::ApprovedHeadline => "This is your company's approved inspection".into(),
        Say::CorporateMeaning => String::from("The site's ‹Certificate› was replaced with one from an issuer added later, as a company's ‹TlsInspection› or in-house ‹Ca› does."),
        Say::MaybeCompany => "Most likely your company's inspection. If you do not recognise it, do not enter secrets.".into(),
        Say::CompanyDeviceHelpdesk => "On a company or school device, show the diagnosis to your help desk.".into(),
        Say::OwnDeviceProfiles => "On your own device, delete certificates and configuration profiles you do not recognise (iPhone: Settings → General).".into(),
        Say::OtherLineIfUnsure => "If unsure, try another connection.".into(),
        Say::BrowserNeedsCompanyRoot => String::from("If you see an error, the browser needs the company's ‹RootCertificate›. Ask your help desk."),
        Say::AdminDistributeRoot { sha256 } => format!("Distribute this root certificate (SHA-256: {sha256}) so that browsers trust it."),
        Say::UnknownHeadline => "An unknown issuer is replacing several sites' certificates".into(),
        Say::UnknownMeaning => String::from("This site's ‹Certificate› and an unrelated site's came from the same unknown issuer, which real sites never do. Something on the way opens the encryption."),
        Say::OtherLineWorks => "If the other connection works, the original network is the cause. Tell its administrator.".into(),
        Say::CheckSoftware => String::from("If it is the same there, check this device's security software, ‹Vpn› and unknown apps."),
        Say::AdminFindRelay => "Look for a device or software relaying TLS on the user's network or device. If it is the company's, distribute its root and add it to expectedInspectionCAs.".into(),

        Say::PortalHeadline => "This Wi-Fi does not connect to the internet until you sign in".into(),
        Say::PortalDanger => "Until you have signed in, do not enter site passwords.".into(),
        Say::PortalMeaning => String::from("Some Wi-Fi in hotels or stations sends all traffic to its own ‹CaptivePortal› until you sign in or agree."),
        Say::PortalReplaced => "A fixed address for checking connections was diverted to another page.".into(),
        Say::PortalCertificate => String::from("So the equipment's certificate may come back instead of the site's ‹Certificate›, hence the error."),
        Say::PortalPrivateAnswers => "The site's name also resolved to on-premises addresses, a sign of a sign-in page.".into(),
        Say::SignIn => "Sign in to the Wi-Fi as the venue explains.".into(),
        Say::ReconnectWifi => "If no sign-in page appears, reconnect to the Wi-Fi or ask the staff.".into(),
        Say::AdminPortal => "Ask the user to sign in to the Wi-Fi first.".into(),
    }
}
