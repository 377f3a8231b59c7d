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
        InterceptorKind::DebugProxy => "a developers' traffic analysis tool".into(),
        InterceptorKind::Adware => "software that shows advertising".into(),
        InterceptorKind::DeviceVendor => "software installed by the PC's maker".into(),
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
        Say::ClockCertFine => "Nothing is wrong with the site. Once the clock is right, the connection is safe.".into(),
        Say::ClockJudgedLocally => {
            String::from("The browser checks the validity period of a ‹Certificate› against the device's clock.")
        }
        Say::DeviceClockOff { ahead, by } => {
            format!("The device's clock is {} {} the right time.", f.cat.duration(*by), ahead_of(*ahead))
        }
        Say::OnlyBrowserClockOff { ahead, by } => format!(
            "The browser's clock is {} {} the right time. The computer's own clock is right.",
            f.cat.duration(*by),
            ahead_of(*ahead)
        ),
        Say::BothClocksOff => "The computer's own clock is off too, but not by the same amount as the browser's.".into(),
        Say::ValidCertLooks { ahead: true } => "So a certificate that is valid at the right time looks expired.".into(),
        Say::ValidCertLooks { ahead: false } => {
            "So a certificate that is valid at the right time looks not valid yet.".into()
        }
        Say::CertInvalidAnyway => {
            "But even at the right time, this certificate is outside its validity period: the site has a problem too.".into()
        }
        Say::ZoneMeaning { device, likely } => format!("The difference is exactly that between two time zones, so the ‹TimeZone› setting, not the clock, is most likely wrong. It is set to {}. If the clock shows the right time, the right setting is {}.", utc_offset(*device), utc_offset(*likely)),
        Say::SetZone => {
            String::from("Set the ‹TimeZone› to where you are. For Japan, choose \"Osaka, Sapporo, Tokyo\".")
        }
        Say::ReopenAfterClock => "Once the clock is right, open the page again.".into(),
        Say::BrowserTimeTools => {
            "If that does not help, check for tools or extensions that change the browser's time.".into()
        }
        Say::AdminNothingOnServer => "Nothing to fix on the server.".into(),
        Say::AdminNtp => {
            "On company devices, check the time synchronisation (NTP) settings and that UDP port 123 gets through.".into()
        }
        Say::AdminBrowserTime => "The computer's clock is right; only the browser runs on another time. Check how the browser is started (a tool that fakes the time, such as faketime, a virtual machine, test settings).".into(),

        Say::StaleHeadline => "The server is fine. Old data kept by the browser seems to be the cause".into(),
        Say::StaleDanger => "There is no danger. The server's encryption is fine.".into(),
        Say::StaleMeaning => String::from("The browser reported an error, but when TLS Doctor connected from this device just now, the connection worked. The ‹Cache› or ‹Cookie› the browser keeps, or a connection left open from before, may be the cause. The server's problem may also have been fixed since."),
        Say::ClearSiteData => "Use TLS Doctor's button to clear this site's old data, then open the page again.".into(),
        Say::ClearOnlyThisSite => String::from("Only this site's ‹Cache› and ‹Cookie› are cleared. You may need to sign in to this site again."),
        Say::CloseAllWindows => "If that does not help, close every browser window and open the browser again.".into(),
        Say::KeepHsts => String::from("Do not delete the ‹Hsts› records the browser keeps. They are there for your safety."),
        Say::SoftwareInTheWay => String::from("If the same error still appears, software that handles the browser's traffic, such as security software or a ‹Vpn›, may be the cause. Copy the diagnosis and show it to your support desk."),
        Say::AdminStaleNothing => "Nothing to fix on the server. It accepts connections correctly as it is.".into(),
        Say::AdminStaleBackends => "If reports continue, check whether some servers behind a load balancer still use an old certificate, or whether the certificate was replaced recently.".into(),

        Say::ProductHeadline { product } => format!("{product} is inspecting your encrypted connections"),
        Say::PublicKeyHeadline { product } => format!("{product}'s unsafe certificate is replacing sites' certificates"),
        Say::DebugToolHeadline { product } => format!("The developer tool {product} is reading your connections"),
        Say::StateRootHeadline { product } => format!("Your connections are read on the way with {product}'s certificate"),
        Say::PublicKeyDanger => "Anyone can make fake sites this way. Do not enter passwords or other secrets.".into(),
        Say::DebugToolDanger { product } => format!("{product} can read all your traffic, passwords included."),
        Say::ReadOnTheWay => "Your traffic may be being read. Do not enter passwords or other secrets.".into(),
        Say::ApprovedInspection => "This is your company's approved inspection, not an attack from outside.".into(),
        Say::LikelyProduct { .. } => "Most likely this product at work, not an attack.".into(),
        Say::ProductMeaning { product, kind: k } => format!("The site's ‹Certificate› was replaced with one from \"{product}\" ({}). {product} can read the contents of your encrypted traffic.", kind(*k)),
        Say::PageLoaded => "This browser trusts that certificate, so the page loads without an error.".into(),
        Say::BrowserRefuses => "The browser does not trust that certificate, hence the error.".into(),
        Say::RegisteredByAdmin => "Your administrator registered this inspection as the company's own.".into(),
        Say::PublicKeyMeaning => "This certificate's private key has been published. Anyone can use it to make fake sites.".into(),
        Say::DebugToolMeaning => {
            "It is the certificate of a tool developers use to inspect traffic. Other devices must not trust it.".into()
        }
        Say::StateRootMeaning => {
            "It is a certificate a state requires so that it can read traffic. The major browsers refuse it.".into()
        }
        Say::RemoveProduct { product } => format!("Uninstall {product}."),
        Say::AskMaker => String::from("Then check that its ‹RootCertificate› is gone. If unsure, ask the PC's maker or the shop."),
        Say::CloseDebugTool { product } => {
            format!("If you are not using {product}, quit it and put the ‹Proxy› settings back.")
        }
        Say::RemoveDebugRoot { product } => {
            format!("If you do not recognise it, uninstall {product} and delete its ‹RootCertificate›.")
        }
        Say::StopUsingNetwork => "Leave this network and try another connection, such as mobile data.".into(),
        Say::TurnOffScanning { product } => {
            format!("In {product}'s settings, turn off the inspection, such as \"HTTPS scanning\".")
        }
        Say::ExceptSite => "If you cannot turn it off, add this site to the inspection's exceptions. The names differ by product.".into(),
        Say::UpdateProduct { product } => format!("Updating {product} to the latest version may also help."),
        Say::ReopenAfterSettings => "After changing the settings, open the browser again.".into(),
        Say::DontChangeManaged => "It was set up by your company, school or parents. Do not change its settings yourself.".into(),
        Say::AskHelpdesk => "Show the TLS Doctor diagnosis to your administrator or help desk.".into(),
        Say::FollowRules => "Handle your traffic as your company's rules say.".into(),
        Say::HelpdeskIfPersists => "If the error continues, show the TLS Doctor diagnosis to your help desk.".into(),
        Say::NothingToDoIfKnown { product } => format!("If you know you use {product}, you can leave it as it is."),
        Say::AdminDistributeProductRoot { product, issuer } => format!(
            "Distribute {product}'s inspection root certificate ({issuer}) to the devices' and browsers' trust lists, or exclude this site from inspection."
        ),
        Say::AdminFirefoxEnterpriseRoots => "Firefox 120 and later use the roots added to the OS on Windows, macOS and Android. For older versions use the policy Certificates → ImportEnterpriseRoots, and on Linux Certificates → Install.".into(),
        Say::AdminDeclareExpected => "If the inspection is official, add the root certificate's SHA-256 to TLS Doctor's managed setting expectedInspectionCAs. Users are then told it is the company's inspection.".into(),
        Say::AdminRemovePublicKeyRoot { product } => format!(
            "Remove {product} and its root certificate from every device. Its private key is public, so anyone can make certificates under that root."
        ),
        Say::AdminNeverDistribute => "Do not distribute this root certificate, and do not add it to TLS Doctor's expectedInspectionCAs.".into(),
        Say::AdminRemoveDebugRoot { product } => format!(
            "{product}'s root certificate is only for a developer testing on their own device. Remove it from other devices."
        ),
        Say::CorporateHeadline => "An issuer added to this device later is replacing certificates".into(),
        Say::ApprovedHeadline => "This is your company's approved inspection".into(),
        Say::CorporateMeaning => String::from("The site's ‹Certificate› was replaced with one from an issuer that was added to this device later. This is what a company network's ‹TlsInspection› looks like. It may also be a ‹Ca› used only inside a company."),
        Say::MaybeCompany => "Most likely your company's inspection. If you do not recognise it, do not enter passwords or other secrets.".into(),
        Say::CompanyDeviceHelpdesk => "On a company or school device, show the diagnosis to your help desk.".into(),
        Say::OwnDeviceProfiles => "On your own device, if you do not recognise it, delete unknown certificates and configuration profiles. On iPhone they are under Settings → General.".into(),
        Say::OtherLineIfUnsure => "If unsure, stop entering anything on this network and try another connection, such as mobile data.".into(),
        Say::BrowserNeedsCompanyRoot => String::from("If you see an error, the browser needs the company's ‹RootCertificate›. Contact your help desk."),
        Say::AdminDistributeRoot { sha256 } => {
            format!("Distribute this root certificate (SHA-256: {sha256}) so that browsers trust it.")
        }
        Say::UnknownHeadline => "An unknown issuer is replacing the certificates of several sites".into(),
        Say::UnknownMeaning => String::from("This site's ‹Certificate› and an unrelated site's certificate both came from the same unknown issuer. Real sites do not all use one unknown issuer. Something between this device and the internet opens the encryption on the way and replaces the certificates."),
        Say::OtherLineWorks => "If the other connection works, the original network is the cause. Tell the network's administrator.".into(),
        Say::CheckSoftware => {
            String::from("If the other connection shows the same, check this device's security software, ‹Vpn›, and anything you do not recognise.")
        }
        Say::AdminFindRelay => "Look for a device or software relaying TLS on the user's network or device. If it is the company's inspection, distribute its root certificate and add it to TLS Doctor's managed setting expectedInspectionCAs.".into(),

        Say::PortalHeadline => "This Wi-Fi does not connect to the internet until you sign in".into(),
        Say::PortalDanger => "Until you have signed in, do not enter site passwords.".into(),
        Say::PortalMeaning => String::from("Some Wi-Fi networks in hotels, stations and cafés send all traffic to their own ‹CaptivePortal› until you sign in or agree to their terms."),
        Say::PortalRedirected => "A fixed address for checking connections answered not with its usual reply but with a redirect to another page.".into(),
        Say::PortalReplaced => "A fixed address for checking connections answered not with its usual reply but with another page.".into(),
        Say::PortalCertificate => String::from("Until you sign in, the Wi-Fi equipment's certificate may come back instead of the site's ‹Certificate›, hence the error."),
        Say::PortalPrivateAnswers => "The site's name was also translated to addresses used only inside the premises. That too shows you are being sent to a sign-in page.".into(),
        Say::SignIn => "Sign in to the Wi-Fi as the venue explains.".into(),
        Say::ReconnectWifi => "If no sign-in page appears, disconnect from the Wi-Fi and connect again. If it still does not appear, ask the staff.".into(),
        Say::ReopenAfterSignIn => "After signing in, open the original page again.".into(),
        Say::AdminPortal => "The user is on a Wi-Fi that needs a sign-in. Ask them to sign in and then open the page again.".into(),
    }
}
