//! What the browser reported (English, mirroring `ja.rs`).

use super::{Family, Say};
use crate::explain::Fmt;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "However, the server was healthy from this device just now. The cause may be on this device.".into(),
        Say::CausesBelow => "The usual causes are listed below.".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "The site cannot be verified: enter no passwords.".into(),
        Say::DangerFakeSite => "This may be a fake site: enter no passwords.".into(),
        Say::DangerRevoked => "A revoked certificate cannot be trusted.".into(),
        Say::DangerIntercepted => "Your traffic may be read: enter no passwords.".into(),
        Say::DangerNone => "This is as configured; there is no danger.".into(),
        Say::DangerUnknown => "This error alone does not tell the danger.".into(),
        Say::RestartOrPrivate => "Reopen the browser, or try a private window.".into(),
        Say::CheckSpelling => "Check the address's spelling, and whether it has \"www.\".".into(),
        Say::TryOtherDevice => "Try another device or network.".into(),
        Say::TryOtherNetwork => "Try another network, such as your phone's tethering.".into(),
        Say::IfPersistsContact => "If it persists, contact the site's administrator.".into(),
        Say::AskOrgIfManaged => "On a company or school device, contact your help desk.".into(),
        Say::ResetBrowserSettings => "If you changed the settings, reset them.".into(),
        Say::AskOrgForClientCert => "At a company or school, ask your help desk how to install the certificate.".into(),
        Say::CheckSecuritySoftware => "Briefly turn off your security software's HTTPS scanning.".into(),
        Say::CheckNetworkRetry => "Check the network connection, then try again.".into(),
        Say::AskOrgProxy => "At a company or school, ask your help desk about the proxy settings.".into(),
        Say::Reload => "Reload the page.".into(),
        Say::AdminValidity => "Check the certificate's dates; renew it if expired.".into(),
        Say::AdminCertbotRenew => "Run `certbot renew`, then reload the web server.".into(),
        Say::AdminName => "Check that the certificate has the name users open.".into(),
        Say::AdminNameNginx => "Check that `server_name` and `ssl_certificate` match.".into(),
        Say::AdminNameApache => "Check that `ServerName`/`ServerAlias` and `SSLCertificateFile` match.".into(),
        Say::AdminFullChain => "Send a trusted CA's certificate with its intermediates.".into(),
        Say::AdminChainNginx => "Point `ssl_certificate` at fullchain.pem (with intermediates).".into(),
        Say::AdminChainApache => "Point `SSLCertificateFile` at fullchain.pem (with intermediates).".into(),
        Say::AdminReplaceRevoked => "Re-issue the certificate and replace it.".into(),
        Say::AdminStapling => "Check the OCSP response with `openssl s_client -status`.".into(),
        Say::AdminMustStaple => "If the issuer dropped OCSP, re-issue without Must-Staple.".into(),
        Say::AdminStrongCert => "Re-issue with a SHA-256+ signature and an RSA 2048+ or ECDSA P-256+ key.".into(),
        Say::AdminRules => "Re-issue the certificate to meet the CA/Browser Forum requirements.".into(),
        Say::AdminCheckFile => "Check the file with `openssl x509 -noout -text -in FILE`.".into(),
        Say::AdminModernTls => "Enable TLS 1.2 and 1.3; update old devices' firmware.".into(),
        Say::AdminTlsNginx => "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then run `nginx -t && systemctl reload nginx`.".into(),
        Say::AdminTlsApache => "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3`, then run `apachectl configtest && systemctl reload apache2`.".into(),
        Say::AdminBrowserTlsPolicy => "Allow TLS 1.2 and 1.3 in the policies `SSLVersionMin`/`SSLVersionMax` (Firefox: `security.tls.version.min`/`security.tls.version.max`).".into(),
        Say::AdminErrorLog => "Check the server's error log.".into(),
        Say::AdminClientAuth => "Internal service: tell users how to install certificates. Public site: stop requiring them.".into(),
        Say::AdminInspectionRoot => "If it is your inspection product, add its root certificate to the system.".into(),
        Say::AdminUnknownInspection => "If unknown, do not distribute that root; find where the certificate is replaced.".into(),
        Say::AdminBlockedRoot => "Do not distribute this root certificate; remove it from devices.".into(),
        Say::AdminPinningInspection => "Exclude pinned sites (such as Google's) from inspection.".into(),
        Say::AdminCt => "Ask the issuer whether the certificate is in CT logs (has SCTs).".into(),
        Say::AdminEch => "Check that the ECH settings in the DNS HTTPS record match the server's keys.".into(),
        Say::AdminServerUp => "Check the server is running, and the firewall.".into(),
        Say::AdminProxy => "Check the proxy runs, and its settings (such as a PAC file).".into(),
        Say::AdminNothing => "There is usually nothing to fix on the server.".into(),
    }
}

fn headline(family: Family) -> &'static str {
    use Family as F;
    match family {
        F::Expired => "By the device's date, the certificate has expired",
        F::NotYetValid => "By the device's date, the certificate is not valid yet",
        F::OutsideValidity => "By the device's date, the certificate is outside its validity",
        F::Name => "The certificate does not match this site's name",
        F::Trust => "The browser does not trust the certificate's issuer",
        F::Revoked => "The certificate has been revoked by its issuer",
        F::RevocationUnchecked => "Whether the certificate is revoked could not be checked",
        F::Strength => "The certificate's cryptography is too weak",
        F::Rules => "The certificate breaks the browser's rules",
        F::Format => "The server's certificate is broken",
        F::VersionCipher => "The browser and server share no encryption method",
        F::BrowserSettings => "The browser's settings allow no TLS version",
        F::Handshake => "Starting encryption failed",
        F::ClientAuth => "The server asks for the user's certificate",
        F::Interception => "The certificate is replaced on the way",
        F::InterceptionBlocked => "The browser stopped a monitoring certificate",
        F::Pinning => "The certificate's issuer is not the one set for the site",
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
        F::Expired => String::from("If the device's date is right, the ‹Certificate› has expired."),
        F::NotYetValid => String::from("If the device's date is right, the ‹Certificate› is not valid yet."),
        F::OutsideValidity => {
            String::from("If the device's date is right, the ‹Certificate› has expired or is not valid yet.")
        }
        F::Name => String::from("The name you opened is not in the ‹Certificate›."),
        F::Trust => String::from("The ‹Certificate› could not be traced to a trusted issuer."),
        F::Revoked => String::from("This ‹Certificate› is under ‹Revocation› and cannot be used."),
        F::RevocationUnchecked => String::from("The browser could not check the ‹Certificate› for ‹Revocation›."),
        F::Strength => String::from("The ‹Certificate›'s signature (such as SHA-1) or key is too weak today."),
        F::Rules => String::from("The ‹Certificate›'s purpose, validity length or similar breaks the browser's rules."),
        F::Format => String::from("The ‹Certificate›'s format or signature is broken."),
        F::VersionCipher => String::from(
            "There is no TLS version or ‹CipherSuite› in common. Often the server has only TLS 1.0 or 1.1.",
        ),
        F::BrowserSettings => "Your organisation's policy may have set this.".into(),
        F::Handshake => {
            String::from("A failed ‹Handshake› can come from the server's settings or a device on the way.")
        }
        F::ClientAuth => {
            String::from("The server asks for a ‹ClientCertificate›; none was there, or it was not accepted.")
        }
        F::Interception => String::from("Security software or a company ‹Proxy› seems to decrypt the traffic."),
        F::InterceptionBlocked => {
            String::from("A ‹RootCertificate› known from traffic monitoring was used for this connection.")
        }
        F::Pinning => String::from("Some large sites have their ‹Certificate› issuers set in the browser."),
        F::Ct => String::from("A ‹Certificate› must be in the public record (Certificate Transparency)."),
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
        C::StaleBrowserState => "Old browser data: reopen it, or try a private window.".into(),
        C::InterceptionKnownProduct => "Security software inspects traffic: turn off its HTTPS scanning.".into(),
        C::InterceptionCorporate => "Company or school inspection: try another network.".into(),
        C::InterceptionUnknown => "Interception: if another network works, enter no passwords on this one.".into(),
        C::CaptivePortal => "A Wi-Fi login page: log in first.".into(),
        C::OutdatedClient => "The browser or system is old: update both.".into(),
        C::ClientCertRequired => "A user certificate is needed: at a company or school, ask the administrator.".into(),
        C::CertExpired => "The certificate has expired: if other devices show it too, it is the server's.".into(),
        C::CertNotYetValid => {
            "The certificate is not valid yet: if other devices show it too, it is the server's.".into()
        }
        C::ExpiringSoon => "Expiring soon: it still works; tell the administrator to renew it.".into(),
        C::NameMismatch => {
            "The certificate's name differs: check the address's spelling, and whether it has \"www.\".".into()
        }
        C::SelfSigned => {
            "Self-signed: for your own router or NAS, check the fingerprint with its administrator.".into()
        }
        C::UnknownIssuer => String::from(
            "An untrusted issuer: on a company system, ask if you need the administrator's ‹RootCertificate›.",
        ),
        C::IncompleteChain => {
            String::from("No ‹Intermediate› sent: likely if other browsers or devices open the site.")
        }
        C::Revoked => "The certificate is revoked: if other devices show it too, it is the server's.".into(),
        C::WeakSignature => "An old signature method (such as SHA-1): the problem is on the server.".into(),
        C::WeakKey => "The certificate's key is too short: the problem is on the server.".into(),
        C::ValidityTooLong => "The certificate is valid for too long: the problem is on the server.".into(),
        C::LegacyProtocolOnly => "The server has only old TLS: a firmware update may fix it.".into(),
        C::NoCipherOverlap => "No cipher in common: the problem is on the server.".into(),
        C::SniDefaultCert => "Another site's certificate: check the names in it.".into(),
        C::WrongProtocolOnPort => {
            "Port and encryption do not match: check the port in the address (such as \":8080\").".into()
        }
        C::StarttlsNotOffered => {
            "The mail server offers no encryption: compare your mail app's settings with the provider's.".into()
        }
        C::StarttlsFailed => {
            "Switching to encryption fails: compare your mail app's settings with the provider's.".into()
        }
        C::OcspStapleMissing => "No stapled revocation status: the problem is on the server.".into(),
        C::DnsFailure => "The server's name is not found: check the address's spelling.".into(),
        C::PortClosed => "Nothing listens on that port: check the port in the address.".into(),
        C::TimeoutFiltered => "Blocked on the way: try another network.".into(),
        C::ConnectionReset => "Cut on the way: try another network.".into(),
        C::CaDistrusted => String::from("A distrusted issuer: the server needs a certificate from another ‹Ca›."),
        C::CertPolicyViolation => "The certificate breaks the rules: the problem is on the server.".into(),
        C::CtNoncompliant => "Not in the public record: if another network shows it too, it is the server's.".into(),
        C::MalformedCert => "The certificate is malformed: the problem is on the server.".into(),
        C::RevocationUnavailable => {
            "Revocation cannot be checked: try later. If it persists, suspect the network.".into()
        }
        C::PinningMismatch => "Not the issuer set for the site: maybe replaced on the way. Try another network.".into(),
        C::NonPublicName => {
            "A certificate for an internal name or IP: ask the device's administrator if it is right.".into()
        }
        C::ServerTlsMisconfig => "A server settings mistake: if other browsers show it too, it is the server's.".into(),
        C::MiddleboxInterference => "A device on the way interferes: try another network.".into(),
        C::ClientTlsSettings => {
            "Changed browser or system settings: reset them, or ask a company device's administrator.".into()
        }
        C::ProxyMisconfig => "A proxy settings mistake: check them in the system and browser.".into(),
        C::EchFailure => String::from("A problem with ‹Ech›: try again later."),
        C::BrowserExtension => "An extension interferes: try a private window without extensions.".into(),
        C::Offline => "No network: check the Wi-Fi or cable connection.".into(),
        C::DnsMisroute => {
            String::from("The name points to the wrong server: check the hosts file and the ‹Dns› settings.")
        }
    }
}
