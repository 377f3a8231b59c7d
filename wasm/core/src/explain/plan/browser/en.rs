//! What the browser reported (English, mirroring `ja.rs`).

use super::{Family, Say};
use crate::explain::Fmt;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "However, from this device just now, the server was healthy. The cause may be on this device: old browser data or security software.".into(),
        Say::CausesBelow => "The usual causes are listed below.".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "The site cannot be verified, so do not enter passwords or similar.".into(),
        Say::DangerFakeSite => "This may be a fake site, so do not enter passwords or similar.".into(),
        Say::DangerRevoked => "With a revoked certificate, the site cannot be trusted.".into(),
        Say::DangerIntercepted => "Your traffic may be read, so do not enter passwords or similar.".into(),
        Say::DangerProxy => "Nothing has reached the server yet.".into(),
        Say::DangerNone => "The server works as configured; there is no danger.".into(),
        Say::DangerUnknown => "This error alone does not tell if there is danger.".into(),
        Say::RestartOrPrivate => "Reopen the browser, or try a private window.".into(),
        Say::DateRightThenSite => "If the date is right and the error stays, contact the site's administrator.".into(),
        Say::CheckSpelling => "Check the address's spelling, and whether it has \"www.\".".into(),
        Say::TryOtherDevice => "See whether another device or network shows the same.".into(),
        Say::TryOtherNetwork => "Try another network, such as your phone's tethering.".into(),
        Say::IfPersistsContact => "If the error stays, contact the site's administrator.".into(),
        Say::AskOrgIfManaged => "On a company or school device, contact your help desk.".into(),
        Say::ResetBrowserSettings => "If you changed the browser's settings, reset them.".into(),
        Say::AskOrgForClientCert => "For a company or school system, ask its help desk how to install the certificate.".into(),
        Say::CheckSecuritySoftware => "Briefly turn off your security software's HTTPS scanning and try again.".into(),
        Say::CheckNetworkRetry => "Check that you are connected to a network, then try again.".into(),
        Say::AskOrgProxy => "At a company or school, ask your help desk to check the proxy settings.".into(),
        Say::Reload => "Reload the page.".into(),
        Say::AdminValidity => "Check the certificate's dates, and renew it if it has expired.".into(),
        Say::AdminCertbotRenew => "Run `certbot renew`, then reload the web server.".into(),
        Say::AdminName => "Check that the certificate includes the name users connect to.".into(),
        Say::AdminNameNginx => "Check that `server_name` and `ssl_certificate` match.".into(),
        Say::AdminNameApache => "Check that `ServerName`/`ServerAlias` and `SSLCertificateFile` match.".into(),
        Say::AdminFullChain => "Use a certificate from a trusted certificate authority, with its intermediates.".into(),
        Say::AdminChainNginx => "Point `ssl_certificate` at a file with the intermediates, such as fullchain.pem.".into(),
        Say::AdminChainApache => "Point `SSLCertificateFile` at a file with the intermediates, such as fullchain.pem.".into(),
        Say::AdminReplaceRevoked => "Have a new certificate issued, and replace the revoked one.".into(),
        Say::AdminStapling => "Check the stapled OCSP response with `openssl s_client -status`.".into(),
        Say::AdminMustStaple => "Firefox rejects a Must-Staple certificate without a stapled response. If the issuer dropped OCSP, re-issue without Must-Staple.".into(),
        Say::AdminStrongCert => "Re-issue with a SHA-256 or stronger signature and an RSA 2048-bit or ECDSA P-256 or stronger key.".into(),
        Say::AdminRules => "Have the certificate re-issued to meet the CA/Browser Forum requirements.".into(),
        Say::AdminCheckFile => "Check the certificate file with `openssl x509 -noout -text -in FILE`.".into(),
        Say::AdminModernTls => "Enable TLS 1.2 and 1.3. On old devices, update the firmware.".into(),
        Say::AdminTlsNginx => "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then run `nginx -t && systemctl reload nginx`.".into(),
        Say::AdminTlsApache => "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3`, then run `apachectl configtest && systemctl reload apache2`.".into(),
        Say::AdminBrowserTlsPolicy => "Allow TLS 1.2 and 1.3 in the policies `SSLVersionMin`/`SSLVersionMax` and Firefox's `security.tls.version.min`/`security.tls.version.max`.".into(),
        Say::AdminErrorLog => "Check the server's error log for why the connection failed.".into(),
        Say::AdminClientAuth => "Internal service: tell users how to install their certificate. Public site: stop requiring client certificates.".into(),
        Say::AdminInspectionRoot => "If your inspection product does this, add its root certificate to the system's trusted certificates.".into(),
        Say::AdminUnknownInspection => "Unknown inspection: do not distribute that root; find where the certificate is replaced.".into(),
        Say::AdminBlockedRoot => "Browsers refuse this root certificate. Do not distribute it; remove it from devices.".into(),
        Say::AdminPinningInspection => "Exclude pinned sites (such as Google's) from your traffic inspection.".into(),
        Say::AdminCt => "Ask the issuer whether the certificate is logged in CT (carries SCTs).".into(),
        Say::AdminEch => "Check that the ECH settings in the DNS HTTPS record match the server's keys.".into(),
        Say::AdminServerUp => "Check that the server is running, and the firewall.".into(),
        Say::AdminProxy => "Check the proxy's settings (such as a PAC file) and that it is running.".into(),
        Say::AdminNothing => "There is usually nothing to fix on the server.".into(),
    }
}

fn headline(family: Family) -> &'static str {
    use Family as F;
    match family {
        F::Expired => "By this device's date, the certificate has expired",
        F::NotYetValid => "By this device's date, the certificate is not valid yet",
        F::OutsideValidity => "By this device's date, the certificate is outside its validity",
        F::Name => "The certificate does not match this site's name",
        F::Trust => "The browser does not trust the certificate's issuer",
        F::Revoked => "The certificate has been revoked by its issuer",
        F::RevocationUnchecked => "Whether the certificate is revoked could not be checked",
        F::Strength => "The certificate's cryptography is too weak",
        F::Policy => "The certificate breaks the browser's rules",
        F::Format => "The server's certificate is broken",
        F::VersionCipher => "The browser and the server share no encryption method",
        F::BrowserSettings => "The browser's settings allow no TLS version",
        F::Handshake => "Starting encryption failed",
        F::ClientAuth => "The server asks for the user's certificate",
        F::Interception => "The certificate is replaced on the way",
        F::InterceptionBlocked => "The browser stopped a monitoring certificate",
        F::Pinning => "The certificate's issuer is not the one set for this site",
        F::Ct => "The certificate is not in the public record",
        F::Ech => "ECH settings do not match",
        F::Transport => "The server could not be reached",
        F::Proxy => "A problem with the proxy",
        F::Internal => "An error inside the browser",
        F::Unknown => "The browser reported an error",
    }
}

fn meaning(family: Family) -> String {
    use Family as F;
    match family {
        F::Expired => String::from("If the device's date is right, the site's ‹Certificate› has expired."),
        F::NotYetValid => String::from("If the device's date is right, the site's ‹Certificate› is not valid yet."),
        F::OutsideValidity => {
            String::from("If the device's date is right, the site's ‹Certificate› has expired or is not valid yet.")
        }
        F::Name => String::from("The name you opened is not in the ‹Certificate›."),
        F::Trust => String::from("The ‹Certificate› could not be traced to a trusted issuer."),
        F::Revoked => {
            String::from("This ‹Certificate› is under ‹Revocation› and cannot be used, even before its end date.")
        }
        F::RevocationUnchecked => String::from("The browser could not check the ‹Certificate› for ‹Revocation›."),
        F::Strength => {
            String::from("The signature (such as SHA-1) or key of the ‹Certificate› is too weak by today's standards.")
        }
        F::Policy => {
            String::from("The purpose, validity length or similar of the ‹Certificate› breaks the browser's rules.")
        }
        F::Format => String::from("The ‹Certificate› has a broken format or signature, and cannot be read."),
        F::VersionCipher => String::from(
            "There is no TLS version or ‹CipherSuite› in common. Often the server supports only TLS 1.0 or 1.1.",
        ),
        F::BrowserSettings => {
            "This browser's settings allow no TLS version. Your organisation's policy may have set this.".into()
        }
        F::Handshake => {
            String::from("A failed ‹Handshake› can come from the server's settings or a device on the way.")
        }
        F::ClientAuth => {
            String::from("The server asks for a ‹ClientCertificate›; none was there, or it was not accepted.")
        }
        F::Interception => {
            String::from("Security software or a company ‹Proxy› seems to open the encryption and look inside.")
        }
        F::InterceptionBlocked => {
            String::from("A ‹RootCertificate› known from traffic monitoring was used for this connection.")
        }
        F::Pinning => {
            String::from("Some large sites have the issuers of their ‹Certificate› set in the browser (pinning).")
        }
        F::Ct => {
            String::from("The browser requires a ‹Certificate› to be in the public record (Certificate Transparency).")
        }
        F::Ech => String::from("The ‹Ech› settings do not match on the server or in the ‹Dns›."),
        F::Transport => "Before encryption, the server could not be reached or the connection was cut.".into(),
        F::Proxy => String::from("The ‹Proxy› set on this device cannot be reached, or its certificate has a problem."),
        F::Internal => "An internal browser error that is normally not shown.".into(),
        F::Unknown => "This error is not in TLS Doctor's list.".into(),
    }
}

/// One usual cause: what it is, and how to tell.
fn cause(c: Cause) -> String {
    use Cause as C;
    match c {
        C::ClockAhead => "The device's clock is ahead: check its date and time.".into(),
        C::ClockBehind => "The device's clock is behind: check its date and time.".into(),
        C::StaleBrowserState => "Old data in the browser: reopen it, or try a private window.".into(),
        C::InterceptionKnownProduct => "Security software inspects the traffic: briefly turn off its HTTPS scanning and try again.".into(),
        C::InterceptionCorporate => "The company or school network inspects traffic: see whether another network shows the same.".into(),
        C::InterceptionUnknown => "Someone intercepts the traffic: if another network works, enter no passwords on this one.".into(),
        C::CaptivePortal => "A Wi-Fi login page: at a hotel or station, log in first.".into(),
        C::OutdatedClient => "The browser or system is old: update both.".into(),
        C::ClientCertRequired => "A user certificate is needed: for a company or school system, ask the administrator.".into(),
        C::CertExpired => "The certificate has expired: if other devices show the same, the problem is on the server.".into(),
        C::CertNotYetValid => "The certificate is not valid yet: if other devices show the same, the problem is on the server.".into(),
        C::ExpiringSoon => "The certificate expires soon: it still works. Tell the administrator to renew it.".into(),
        C::NameMismatch => "The certificate's name differs: check the address's spelling, and whether it has \"www.\".".into(),
        C::SelfSigned => "Self-signed: for your own router, NAS or similar, check the certificate's fingerprint with its administrator.".into(),
        C::UnknownIssuer => String::from("An untrusted issuer: for a company system, ask whether you need your administrator's ‹RootCertificate›."),
        C::IncompleteChain => String::from("The server does not send the ‹Intermediate›: likely if other browsers or devices open the site."),
        C::Revoked => "The certificate is revoked: if other devices show the same, the problem is on the server.".into(),
        C::WeakSignature => "An old signature method (such as SHA-1): the problem is on the server.".into(),
        C::WeakKey => "The certificate's key is too short: the problem is on the server.".into(),
        C::ValidityTooLong => "The certificate is valid for too long: the problem is on the server.".into(),
        C::LegacyProtocolOnly => "The server only supports old TLS: common on old devices; a firmware update may fix it.".into(),
        C::NoCipherOverlap => "No cipher in common: the server's settings are the problem.".into(),
        C::SniDefaultCert => "The server returns another site's certificate: check the names in the certificate.".into(),
        C::WrongProtocolOnPort => "Port and encryption do not match: check the port in the address (such as \":8080\").".into(),
        C::StarttlsNotOffered => "The mail server offers no encryption: compare your mail app's settings with your provider's.".into(),
        C::StarttlsFailed => "Switching to encryption fails: compare your mail app's settings with your provider's.".into(),
        C::OcspStapleMissing => "The server attaches no revocation status: the server's settings are the problem.".into(),
        C::DnsFailure => "The server's name is not found: check the address's spelling.".into(),
        C::PortClosed => "Nothing accepts connections on that port: check the port in the address.".into(),
        C::TimeoutFiltered => "No answer: another network tells whether something on the way blocks it.".into(),
        C::ConnectionReset => "The connection was cut: another network tells whether a device on the way is the cause.".into(),
        C::CaDistrusted => String::from("Browsers no longer trust the issuer: the server needs a certificate from another ‹Ca›."),
        C::CertPolicyViolation => "The certificate breaks the rules: the problem is on the server.".into(),
        C::CtNoncompliant => "Not in the public record: if another network shows the same, the problem is on the server.".into(),
        C::MalformedCert => "The certificate is malformed: the problem is on the server.".into(),
        C::RevocationUnavailable => "Revocation cannot be checked: try again later. If it persists, the network may be the cause.".into(),
        C::PinningMismatch => "Not from the issuer set for the site: likely replaced on the way. Try another network.".into(),
        C::NonPublicName => "A certificate for an internal name or IP address: ask the device's administrator if it is right.".into(),
        C::ServerTlsMisconfig => "A server settings mistake: if other browsers show the same, the problem is on the server.".into(),
        C::MiddleboxInterference => "A device on the way interferes: try another network.".into(),
        C::ClientTlsSettings => "Changed browser or system settings: reset the browser's, or ask the administrator of a company device.".into(),
        C::ProxyMisconfig => "A proxy settings mistake: check them in the system and the browser.".into(),
        C::EchFailure => String::from("A problem with ‹Ech›: try again later."),
        C::BrowserExtension => "A browser extension gets in the way: try a private window with extensions off.".into(),
        C::Offline => "No network: check the Wi-Fi or cable connection.".into(),
        C::DnsMisroute => String::from("The name points to the wrong server: check the hosts file and the ‹Dns› settings."),
    }
}
