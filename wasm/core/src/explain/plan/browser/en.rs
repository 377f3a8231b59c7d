//! What the browser reported (English, mirroring `ja.rs`): error kinds (16) and usual causes (46).

use super::{CategoryText, CauseText, Say};
use crate::explain::Fmt;
use crate::wire::{Cause, ErrorCategory};

pub(crate) fn say(s: &Say<'_>, _f: &Fmt<'_>) -> String {
    match s {
        Say::Headline(c) => category(*c).headline.into(),
        Say::Meaning(c) => category(*c).meaning.into(),
        Say::Danger(c) => category(*c).danger.into(),
        Say::Admin(c) => category(*c).admin.into(),
        Say::Reported { code } => format!("The browser reported the error \"{code}\"."),
        Say::HealthyNow => "However, TLS Doctor's diagnostic tool connected to the server from this computer just now and found no problem. Old information left in the browser, or security software, may be the cause on this device.".into(),
        Say::CausesBelow => "The usual causes, and how to tell them apart, are listed below.".into(),
        Say::Cause(c) => {
            let t = cause(*c);
            format!("{}: {}", t.label, t.how_to_tell)
        }
        Say::DontGoPastUntilKnown => "Do not ignore the warning and go on until the cause is known.".into(),
    }
}

fn category(c: ErrorCategory) -> CategoryText {
    use ErrorCategory as E;
    let (headline, meaning, danger, admin) = match c {
        E::CertTime => (
            "The browser found the certificate outside its validity period",
            "A certificate (an electronic ID card that proves the site is genuine) is valid for a limited time, and the browser checks that time against the device's clock. It found that now is outside that period.",
            "Whether the server is genuine cannot be checked. Do not enter passwords, card numbers or other personal data.",
            "Check the certificate's expiry date and renew it if it has passed (with certbot, `certbot renew`).",
        ),
        E::CertName => (
            "The browser found that the certificate's names do not match the site",
            "A certificate lists the names of the sites it may be used for. The name you connected to is not among them.",
            "It may be another site's certificate, or a fake site. Do not enter passwords, card numbers or other personal data.",
            "Check that the certificate includes the name, and the server configuration (nginx `server_name` and `ssl_certificate`, for instance).",
        ),
        E::CertTrust => (
            "The browser does not trust the certificate's issuer",
            "A certificate must lead to an issuer the browser or operating system trusts (a root certificate). It could not be traced there, or the issuer it leads to is not trusted.",
            "Whether the server is genuine cannot be checked. Do not enter passwords, card numbers or other personal data.",
            "Use a certificate from a trusted certificate authority, and send the intermediate certificates with it (a full chain).",
        ),
        E::CertRevocation => (
            "The browser found the certificate revoked, or could not check",
            "Issuers can withdraw (revoke) a certificate before it expires. This certificate is revoked, or it could not be confirmed that it is not.",
            "A revoked certificate cannot be trusted. Do not enter passwords, card numbers or other personal data.",
            "Ask the issuer whether the certificate is revoked and replace it if so. Also check OCSP stapling (the server attaching the answer of OCSP, the revocation check).",
        ),
        E::CertStrength => (
            "The browser found the certificate's cryptography too weak",
            "The certificate's signature method (such as SHA-1) or key size is too weak by today's standards, so it was refused.",
            "Certificates with weak cryptography can be forged. Do not enter passwords, card numbers or other personal data.",
            "Re-issue the certificate with a SHA-256 (or stronger) signature and an RSA key of at least 2048 bits (or ECDSA P-256 or stronger).",
        ),
        E::CertPolicy => (
            "The browser found that the certificate breaks the rules",
            "The certificate's declared purpose, name constraints or validity length do not meet the browser's rules.",
            "The browser does not accept this certificate. Do not enter passwords, card numbers or other personal data.",
            "Ask the issuer for a certificate that meets today's rules (the CA/Browser Forum requirements).",
        ),
        E::CertFormat => (
            "The browser found the certificate malformed",
            "The certificate the server sent has a broken format or signature and could not be read.",
            "Whether the server is genuine cannot be checked. Do not enter passwords, card numbers or other personal data.",
            "Check that the certificate file is intact: `openssl x509 -noout -text -in certificate-file`.",
        ),
        E::TlsVersionCipher => (
            "The browser and the server have no encryption method in common",
            "There was no encryption method (TLS version or cipher combination) both sides could use. Often the server supports only old versions (TLS 1.0 or 1.1).",
            "No encrypted connection was made. Do not switch to an unencrypted connection.",
            "Enable TLS 1.2 and TLS 1.3 (nginx: `ssl_protocols TLSv1.2 TLSv1.3;`). For old devices, update the firmware.",
        ),
        E::TlsHandshake => (
            "Starting encryption failed",
            "During the TLS handshake (the greeting before encryption starts), the exchange with the server went wrong. The server's configuration or a device on the way can cause this.",
            "No encrypted connection was made. Do not switch to an unencrypted connection.",
            "Check the server's error log for why the handshake failed.",
        ),
        E::ClientAuth => (
            "The server asks for a certificate from the user",
            "This server asks for a client certificate (a certificate that proves the user or device is genuine), but none is available or it was not accepted.",
            "The server is behaving as configured. This is not a dangerous state.",
            "For internal systems, tell users how to install their certificate. For a public site, stop requiring client certificates.",
        ),
        E::Interception => (
            "The certificate seems to be replaced on the way",
            "Something on the way, such as security software or a company proxy (a device that relays traffic), seems to decrypt the connection to inspect it.",
            "Company inspection or security software would explain this; otherwise someone may be eavesdropping. Do not enter passwords until the cause is known.",
            "If your organisation inspects traffic, distribute the product's root certificate to every device.",
        ),
        E::PinningCt => (
            "The browser's extra certificate checks failed",
            "Browsers also check that important sites' certificates come from the expected issuers (pinning), and that certificates appear in the public record (Certificate Transparency). This check failed.",
            "The certificate may have been replaced on the way. Do not enter passwords or other personal data.",
            "Ask the issuer whether the certificate is logged in Certificate Transparency.",
        ),
        E::Ech => (
            "Encrypted site names (ECH) did not work",
            "The settings of ECH (sending even the site name encrypted) do not match on the server or in DNS.",
            "No connection was made. Nothing can have leaked.",
            "Check that the ECH settings in the DNS HTTPS record match the server's keys.",
        ),
        E::Transport => (
            "No connection to the server",
            "Before encryption started, the connection to the server failed or was cut.",
            "Nothing has been sent yet, so no information can have leaked.",
            "Check that the server is running, and the firewall settings.",
        ),
        E::Proxy => (
            "There is a problem with the proxy (the server that relays traffic)",
            "The proxy this device is set to use cannot be reached, or its certificate has a problem.",
            "Nothing has reached the destination server yet.",
            "Check the proxy settings (a PAC file, for instance) and that the proxy is running.",
        ),
        E::Internal => (
            "An error inside the browser",
            "An internal browser error that is normally not shown.",
            "This error alone does not tell whether there is a danger.",
            "There is usually nothing to fix on the server.",
        ),
        E::Unknown => (
            "The browser reported an error",
            "This error is not in TLS Doctor's list.",
            "Do not ignore the warning and go on until the cause is known.",
            "Check the server's error log.",
        ),
    };
    CategoryText { headline, meaning, danger, admin }
}

fn cause(c: Cause) -> CauseText {
    use Cause as C;
    let (label, how) = match c {
        C::ClockAhead => ("The device's clock is ahead", "Check that the device's date and time are correct."),
        C::ClockBehind => ("The device's clock is behind", "Check that the device's date and time are correct."),
        C::StaleBrowserState => (
            "Old information is left in the browser",
            "Restart the browser, or open the page in a private window, and see whether the same error appears.",
        ),
        C::InterceptionKnownProduct => (
            "Security software inspects the traffic",
            "Turn off the security software's HTTPS (SSL) scanning for a moment and see whether the error changes.",
        ),
        C::InterceptionCorporate => (
            "The company or school network inspects the traffic",
            "Check whether another network, such as your phone's tethering, shows the same error.",
        ),
        C::InterceptionUnknown => (
            "Someone intercepts the traffic",
            "If the error goes away on another network, do not enter passwords on the current one.",
        ),
        C::CaptivePortal => {
            ("A Wi-Fi login page gets in the way", "On hotel or station Wi-Fi, open the login page first.")
        }
        C::OutdatedClient => {
            ("The browser or operating system is old", "Update the browser and the operating system, then try again.")
        }
        C::ClientCertRequired => (
            "A client certificate is needed",
            "For a company or school system, ask the administrator whether the needed certificate is installed.",
        ),
        C::CertExpired => (
            "The server's certificate has expired",
            "If other devices and networks show the same, the server's certificate has expired.",
        ),
        C::CertNotYetValid => (
            "The server's certificate is not valid yet",
            "If other devices show the same, the problem is on the server.",
        ),
        C::ExpiringSoon => ("The certificate expires soon", "It still works. Tell the administrator to renew it."),
        C::NameMismatch => (
            "The certificate's name differs from the site's",
            "Check the spelling of the address, including whether it starts with \"www.\".",
        ),
        C::SelfSigned => (
            "The server issued its own certificate (self-signed)",
            "For your own router, NAS or similar device, check the certificate's fingerprint with its administrator.",
        ),
        C::UnknownIssuer => (
            "The certificate's issuer is not trusted",
            "For a company system, check that the root certificate your administrator provides is installed.",
        ),
        C::IncompleteChain => (
            "The server does not send the intermediate certificate",
            "If a computer's browser opens the site but phones or mail apps fail, this is the cause.",
        ),
        C::Revoked => {
            ("The certificate has been revoked", "If other devices show the same, the problem is on the server.")
        }
        C::WeakSignature => (
            "The certificate uses an old signature method (such as SHA-1)",
            "The problem is on the server. Contact its administrator.",
        ),
        C::WeakKey => {
            ("The certificate's key is too short", "The problem is on the server. Contact its administrator.")
        }
        C::ValidityTooLong => {
            ("The certificate is valid for too long", "The problem is on the server. Contact its administrator.")
        }
        C::LegacyProtocolOnly => (
            "The server only supports old TLS versions",
            "Common on old routers, NAS and printers. Check for a firmware update for the device.",
        ),
        C::NoCipherOverlap => {
            ("No cipher in common", "The server's configuration is the problem. Contact its administrator.")
        }
        C::SniDefaultCert => (
            "The server returns another site's certificate",
            "Check whether the certificate names another site hosted on the same server.",
        ),
        C::WrongProtocolOnPort => (
            "The port number and the encryption setting do not match",
            "Check the port number in the address (such as \":8080\").",
        ),
        C::StarttlsNotOffered => (
            "The mail server offers no encryption",
            "Compare your mail app's server settings with your provider's instructions.",
        ),
        C::StarttlsFailed => (
            "The mail server fails to switch to encryption",
            "Compare your mail app's server settings with your provider's instructions.",
        ),
        C::OcspStapleMissing => (
            "The server does not attach its revocation status",
            "The server's configuration is the problem. Contact its administrator.",
        ),
        C::DnsFailure => ("The server's name cannot be found", "Check the spelling of the address."),
        C::PortClosed => {
            ("The server does not accept connections on that port", "Check the port number in the address.")
        }
        C::TimeoutFiltered => (
            "No answer (traffic may be blocked on the way)",
            "Trying another network tells whether something on the way blocks the traffic.",
        ),
        C::ConnectionReset => {
            ("The connection was cut", "Trying another network tells whether a device on the way is the cause.")
        }
        C::CaDistrusted => (
            "Browsers no longer trust the certificate's issuer",
            "The problem is on the server. It needs a certificate from another certificate authority.",
        ),
        C::CertPolicyViolation => {
            ("The certificate breaks the rules", "The problem is on the server. Contact its administrator.")
        }
        C::CtNoncompliant => (
            "The certificate is not in the public record (Certificate Transparency)",
            "If another network shows the same, the problem is on the server.",
        ),
        C::MalformedCert => {
            ("The certificate is malformed", "The problem is on the server. Contact its administrator.")
        }
        C::RevocationUnavailable => (
            "Whether the certificate is revoked cannot be checked",
            "Try again a little later. If it persists, the network may block the check.",
        ),
        C::PinningMismatch => (
            "The certificate is not from the issuer expected for this site",
            "It has most likely been replaced on the way. Try another network.",
        ),
        C::NonPublicName => (
            "A certificate for an internal name or IP address",
            "For an internal device, ask the administrator whether the certificate is the right one.",
        ),
        C::ServerTlsMisconfig => (
            "A mistake in the server's encryption settings",
            "If other browsers show the same, the problem is on the server.",
        ),
        C::MiddleboxInterference => ("A device on the way interferes", "Try another network."),
        C::ClientTlsSettings => (
            "The browser's or system's encryption settings were changed",
            "Reset the browser's settings, or on a company device ask the administrator.",
        ),
        C::ProxyMisconfig => (
            "A mistake in the proxy (the server that relays traffic) settings",
            "Check the proxy settings of the system and the browser.",
        ),
        C::EchFailure => ("A problem with ECH (encrypted site names)", "Try again a little later."),
        C::BrowserExtension => {
            ("A browser extension gets in the way", "Try in a private window with extensions turned off.")
        }
        C::Offline => ("The device is not connected to a network", "Check the Wi-Fi or cable connection."),
        C::DnsMisroute => ("The name points to the wrong server", "Check the hosts file and the DNS settings."),
    };
    CauseText { label, how_to_tell: how }
}
