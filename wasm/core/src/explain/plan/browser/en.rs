//! What the browser reported (English, mirroring `ja.rs`).

use super::{Family, Say};
use crate::explain::Fmt;
use crate::explain::glossary::Term;
use crate::wire::Cause;

pub(crate) fn say(s: &Say, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(family) => headline(*family).into(),
        Say::Meaning(family) => meaning(*family),
        Say::HealthyNow => "However, TLS Doctor's diagnostic tool connected to the server from this device just now and found no problem. Old information left in the browser, or security software, may be the cause on this device.".into(),
        Say::CausesBelow => "The usual causes, and how to tell them apart, are listed below.".into(),
        Say::Cause(c) => cause(*c),
        Say::DangerUnverified => "Whether the site is genuine cannot be checked, so do not enter passwords or similar.".into(),
        Say::DangerFakeSite => "This may be a fake site, so do not enter passwords or similar.".into(),
        Say::DangerRevoked => "A site whose certificate was revoked cannot be trusted to be genuine.".into(),
        Say::DangerIntercepted => "Your traffic may be read on the way, so do not enter passwords or similar.".into(),
        Say::DangerProxy => "Nothing has reached the destination server yet.".into(),
        Say::DangerNone => "The server works as configured; nothing here is dangerous.".into(),
        Say::DangerUnknown => "This error alone does not tell whether there is a danger.".into(),
        Say::RestartOrPrivate => "Reopen the browser, or open the page in a private window, and see whether the same error appears.".into(),
        Say::DateRightThenSite => "If the date is right and the error stays, contact the site's administrator.".into(),
        Say::CheckSpelling => "Check the spelling of the address, including whether it starts with \"www.\".".into(),
        Say::TryOtherDevice => "Check whether another device, such as your phone, or another network shows the same error.".into(),
        Say::TryOtherNetwork => "Try to open the page on another network, such as your phone's tethering.".into(),
        Say::SameElsewhereContact => "If another network shows the same, contact the site's administrator.".into(),
        Say::IfPersistsContact => "If it keeps happening, contact the site's administrator.".into(),
        Say::AskOrgIfManaged => "On a company or school device, contact your organisation's help desk.".into(),
        Say::ResetBrowserSettings => "If you changed the browser's settings yourself, reset them to their defaults.".into(),
        Say::AskOrgForClientCert => "For a company or school system, ask your organisation's help desk how to install the certificate.".into(),
        Say::CheckSecuritySoftware => "Turn off your security software's HTTPS scanning for a moment and see whether the error changes.".into(),
        Say::CheckNetworkRetry => "Check that you are connected to a network (Wi-Fi or cable), then try again.".into(),
        Say::AskOrgProxy => "On a company or school network, ask your organisation's help desk to check the proxy settings.".into(),
        Say::Reload => "Reload the page.".into(),
        Say::AdminValidity => "Check the certificate's validity (start and end dates) and renew it if it has expired.".into(),
        Say::AdminCertbotRenew => "Renew with `certbot renew`, then reload the web server.".into(),
        Say::AdminName => "Check that the certificate in use includes the name users connect to.".into(),
        Say::AdminNameNginx => "Check that `server_name` and that site's `ssl_certificate` match.".into(),
        Say::AdminNameApache => "Check that `ServerName`/`ServerAlias` and that site's `SSLCertificateFile` match.".into(),
        Say::AdminFullChain => "Use a certificate from a trusted certificate authority, and send the intermediate certificates with it (a full chain).".into(),
        Say::AdminChainNginx => "Point `ssl_certificate` at a file that includes the intermediate certificates (fullchain.pem with certbot).".into(),
        Say::AdminChainApache => "Point `SSLCertificateFile` at a file that includes the intermediate certificates (fullchain.pem with certbot).".into(),
        Say::AdminReplaceRevoked => "The issuer has revoked the certificate. Have a new one issued and replace it.".into(),
        Say::AdminStapling => "If the server uses OCSP stapling, check that the answer it attaches is valid (\"OCSP Response Status\" in `openssl s_client -status`).".into(),
        Say::AdminMustStaple => "A Must-Staple certificate does not open in Firefox unless the server attaches the answer. If the issuer no longer runs OCSP, have it re-issued without Must-Staple.".into(),
        Say::AdminStrongCert => "Re-issue the certificate with a SHA-256 (or stronger) signature and an RSA key of at least 2048 bits (or ECDSA P-256 or stronger).".into(),
        Say::AdminRules => "Ask the issuer for a certificate that meets today's rules (the CA/Browser Forum requirements).".into(),
        Say::AdminCheckFile => "Check that the certificate file is intact: `openssl x509 -noout -text -in certificate-file`.".into(),
        Say::AdminModernTls => "Enable TLS 1.2 and TLS 1.3. For old devices, update the firmware.".into(),
        Say::AdminTlsNginx => "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then run `nginx -t` and `systemctl reload nginx`.".into(),
        Say::AdminTlsApache => "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3`, then run `apachectl configtest` and `systemctl reload apache2`.".into(),
        Say::AdminBrowserTlsPolicy => "Check the browser policies `SSLVersionMin` (Chrome, Edge, Firefox) and `SSLVersionMax` (Firefox), and Firefox's `security.tls.version.min` and `security.tls.version.max`: TLS 1.2 and TLS 1.3 must be allowed.".into(),
        Say::AdminErrorLog => "Check the server's error log for why the connection failed.".into(),
        Say::AdminClientAuth => "For an internal service, tell users how to install their certificate. For a public site, stop requiring client certificates.".into(),
        Say::AdminInspectionRoot => "If your organisation's inspection product does this, add its root certificate to the operating system's trusted certificates. Firefox 120 and later trust roots added to the system on Windows, macOS and Android.".into(),
        Say::AdminUnknownInspection => "If you know of no such inspection, do not distribute that root: find out where the certificate is replaced.".into(),
        Say::AdminBlockedRoot => "Browsers refuse this root certificate because it was used to monitor traffic. Do not distribute it; remove it from devices.".into(),
        Say::AdminPinningInspection => "If your organisation inspects traffic, exclude pinned sites (such as Google's services) from inspection.".into(),
        Say::AdminCt => "Ask the issuer whether the certificate is logged in Certificate Transparency (whether it carries SCTs).".into(),
        Say::AdminEch => "Check that the ECH settings in the DNS HTTPS record match the server's keys.".into(),
        Say::AdminServerUp => "Check that the server is running, and the firewall settings.".into(),
        Say::AdminProxy => "Check the proxy settings (a PAC file, for instance) and that the proxy is running.".into(),
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
        F::Strength => "The certificate's cryptography is too weak for the browser",
        F::Policy => "The certificate breaks the browser's rules",
        F::Format => "The server's certificate is broken and cannot be read",
        F::VersionCipher => "The browser and the server have no encryption method in common",
        F::BrowserSettings => "The browser's settings allow no TLS version",
        F::Handshake => "Starting encryption failed on the way",
        F::ClientAuth => "The server asks for the user's certificate",
        F::Interception => "The certificate is replaced on the way",
        F::InterceptionBlocked => "The browser stopped a certificate used to monitor traffic",
        F::Pinning => "The certificate is not from the issuer set for this site",
        F::Ct => "The certificate is not in the public record",
        F::Ech => "ECH settings do not match, so the connection failed",
        F::Transport => "The server could not be reached",
        F::Proxy => "A problem with the proxy",
        F::Internal => "An error inside the browser",
        F::Unknown => "The browser reported an error",
    }
}

fn meaning(family: Family) -> String {
    use Family as F;
    match family {
        F::Expired => format!(
            "The browser checks the end date of a {} against the device's clock. If the device's date is right, the site's certificate has expired.",
            Term::Certificate
        ),
        F::NotYetValid => format!(
            "The browser checks the validity of a {} against the device's clock. If the device's date is right, the site's certificate has not started yet.",
            Term::Certificate
        ),
        F::OutsideValidity => format!(
            "The browser checks the validity of a {} against the device's clock. If the device's date is right, the site's certificate has expired or has not started yet.",
            Term::Certificate
        ),
        F::Name => format!(
            "A {} lists the names of the sites it may be used for. The name you opened is not among them.",
            Term::Certificate
        ),
        F::Trust => format!(
            "A {} must lead to an issuer the browser or device trusts. It could not be traced there, or the issuer it leads to is not trusted.",
            Term::Certificate
        ),
        F::Revoked => format!(
            "This {} is under {}: its issuer has withdrawn it. A revoked certificate cannot be used, even before its end date.",
            Term::Certificate,
            Term::Revocation
        ),
        F::RevocationUnchecked => format!(
            "The browser tried to check the {} for {}, but could not.",
            Term::Certificate,
            Term::Revocation
        ),
        F::Strength => format!(
            "The signature method (such as SHA-1) or key size of the {} is too weak by today's standards.",
            Term::Certificate
        ),
        F::Policy => format!(
            "The declared purpose, name constraints, validity length or similar of the {} do not meet the browser's rules.",
            Term::Certificate
        ),
        F::Format => format!(
            "The {} the server sent has a broken format or signature, and the browser could not read it.",
            Term::Certificate
        ),
        F::VersionCipher => format!(
            "There was no TLS version or {} that both the browser and the server could use. Often the server supports only old versions (TLS 1.0 or 1.1).",
            Term::CipherSuite
        ),
        F::BrowserSettings => "This browser's settings leave no TLS version it may use for encryption. The server is not the problem. Your organisation's rules (a policy) may have set this.".into(),
        F::Handshake => format!(
            "During the {}, the exchange with the server went wrong. The server's settings or a device on the way can cause this.",
            Term::Handshake
        ),
        F::ClientAuth => format!(
            "This server asks whoever connects for a {}. No usable certificate was there, or it was not accepted.",
            Term::ClientCertificate
        ),
        F::Interception => format!(
            "Something on the way, such as security software or a company {}, seems to open the encryption and look inside.",
            Term::Proxy
        ),
        F::InterceptionBlocked => format!(
            "A {} known to have been used to monitor traffic was used for this connection. The browser stopped it.",
            Term::RootCertificate
        ),
        F::Pinning => format!(
            "For some large sites, the browser knows which issuers may sign their {} (pinning). The certificate received is not from one of them.",
            Term::Certificate
        ),
        F::Ct => format!(
            "The browser requires a {} to be in the public record (Certificate Transparency). This certificate does not meet that requirement.",
            Term::Certificate
        ),
        F::Ech => format!("The {} settings do not match on the server or in the {}.", Term::Ech, Term::Dns),
        F::Transport => "Before encryption started, the server could not be reached or the connection was cut.".into(),
        F::Proxy => format!("The {} set on this device cannot be reached, or its certificate has a problem.", Term::Proxy),
        F::Internal => "An internal browser error that is normally not shown.".into(),
        F::Unknown => "This error is not in TLS Doctor's list.".into(),
    }
}

/// One usual cause: what it is, and how to tell.
fn cause(c: Cause) -> String {
    use Cause as C;
    match c {
        C::ClockAhead => "The device's clock is ahead: check that the device's date and time are correct.".into(),
        C::ClockBehind => "The device's clock is behind: check that the device's date and time are correct.".into(),
        C::StaleBrowserState => "Old information is left in the browser: reopen the browser, or open the page in a private window, and see whether the same error appears.".into(),
        C::InterceptionKnownProduct => "Security software inspects the traffic: turn off its HTTPS scanning for a moment and see whether the error changes.".into(),
        C::InterceptionCorporate => "The company or school network inspects the traffic: check whether another network, such as your phone's tethering, shows the same error.".into(),
        C::InterceptionUnknown => "Someone intercepts the traffic: if the error goes away on another network, do not enter passwords on the current one.".into(),
        C::CaptivePortal => "A Wi-Fi login page gets in the way: on hotel or station Wi-Fi, open the login page first.".into(),
        C::OutdatedClient => "The browser or operating system is old: update both, then try again.".into(),
        C::ClientCertRequired => "A certificate of the user is needed: for a company or school system, ask the administrator whether it is installed.".into(),
        C::CertExpired => "The server's certificate has expired: if other devices and networks show the same, it is the server's certificate.".into(),
        C::CertNotYetValid => "The server's certificate is not valid yet: if other devices show the same, the problem is on the server.".into(),
        C::ExpiringSoon => "The certificate expires soon: it still works. Tell the administrator to renew it.".into(),
        C::NameMismatch => "The certificate's name differs from the site's: check the spelling of the address, including \"www.\".".into(),
        C::SelfSigned => "The server issued its own certificate (self-signed): for your own router, NAS or similar, check the certificate's fingerprint with its administrator.".into(),
        C::UnknownIssuer => format!(
            "The certificate's issuer is not trusted: for a company system, check that the {} your administrator provides is installed.",
            Term::RootCertificate
        ),
        C::IncompleteChain => format!(
            "The server does not send the {}: if other browsers or devices open the site, this may be the cause.",
            Term::Intermediate
        ),
        C::Revoked => "The certificate has been revoked: if other devices show the same, the problem is on the server.".into(),
        C::WeakSignature => "The certificate uses an old signature method (such as SHA-1): the problem is on the server. Contact its administrator.".into(),
        C::WeakKey => "The certificate's key is too short: the problem is on the server. Contact its administrator.".into(),
        C::ValidityTooLong => "The certificate is valid for too long: the problem is on the server. Contact its administrator.".into(),
        C::LegacyProtocolOnly => "The server only supports old TLS versions: common on old routers, NAS and printers. Check for a firmware update.".into(),
        C::NoCipherOverlap => "No cipher in common: the server's settings are the problem. Contact its administrator.".into(),
        C::SniDefaultCert => "The server returns another site's certificate: check whether the certificate names another site on the same server.".into(),
        C::WrongProtocolOnPort => "The port number and the encryption setting do not match: check the port number in the address (such as \":8080\").".into(),
        C::StarttlsNotOffered => "The mail server offers no encryption: compare your mail app's server settings with your provider's instructions.".into(),
        C::StarttlsFailed => "The mail server fails to switch to encryption: compare your mail app's server settings with your provider's instructions.".into(),
        C::OcspStapleMissing => "The server does not attach its revocation status: the server's settings are the problem. Contact its administrator.".into(),
        C::DnsFailure => "The server's name cannot be found: check the spelling of the address.".into(),
        C::PortClosed => "The server does not accept connections on that port: check the port number in the address.".into(),
        C::TimeoutFiltered => "No answer: trying another network tells whether something on the way blocks the traffic.".into(),
        C::ConnectionReset => "The connection was cut: trying another network tells whether a device on the way is the cause.".into(),
        C::CaDistrusted => format!(
            "Browsers no longer trust the certificate's issuer: the problem is on the server. It needs a certificate from another {}.",
            Term::Ca
        ),
        C::CertPolicyViolation => "The certificate breaks the rules: the problem is on the server. Contact its administrator.".into(),
        C::CtNoncompliant => "The certificate is not in the public record: if another network shows the same, the problem is on the server.".into(),
        C::MalformedCert => "The certificate is malformed: the problem is on the server. Contact its administrator.".into(),
        C::RevocationUnavailable => "Whether the certificate is revoked cannot be checked: try again a little later. If it persists, the network may block the check.".into(),
        C::PinningMismatch => "The certificate is not from the issuer set for this site: it has most likely been replaced on the way. Try another network.".into(),
        C::NonPublicName => "A certificate for an internal name or IP address: for an internal device, ask the administrator whether the certificate is the right one.".into(),
        C::ServerTlsMisconfig => "A mistake in the server's encryption settings: if other browsers show the same, the problem is on the server.".into(),
        C::MiddleboxInterference => "A device on the way interferes: try another network.".into(),
        C::ClientTlsSettings => "The browser's or system's encryption settings were changed: reset the browser's settings, or on a company device ask the administrator.".into(),
        C::ProxyMisconfig => "A mistake in the proxy settings: check the proxy settings of the system and the browser.".into(),
        C::EchFailure => format!("A problem with {}: try again a little later.", Term::Ech),
        C::BrowserExtension => "A browser extension gets in the way: try in a private window with extensions turned off.".into(),
        C::Offline => "The device is not connected to a network: check the Wi-Fi or cable connection.".into(),
        C::DnsMisroute => format!("The name points to the wrong server: check the hosts file and the {} settings.", Term::Dns),
    }
}
