//! The server's certificate (English, mirroring `ja.rs`).

use super::Say;
use crate::explain::Fmt;

/// The word admin examples use when the name is unknown.
fn name(host: &str) -> &str {
    if host.is_empty() { "name" } else { host }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    let c = f.cat;
    match s {
        // Headlines.
        Say::ExpiredHeadline => "The server's certificate has expired".into(),
        Say::NotYetValidHeadline => "The server's certificate is not valid yet".into(),
        Say::IntermediateExpiredHeadline => "An intermediate certificate has expired".into(),
        Say::ExpiringSoonHeadline { days_left } => format!("The certificate expires soon ({})", c.days_left(*days_left)),
        Say::NameMismatchHeadline { requested } => format!("The certificate is not for \"{requested}\""),
        Say::SelfSignedHeadline => "The server issued its own certificate".into(),
        Say::UnknownIssuerHeadline => "The certificate's issuer is not trusted".into(),
        Say::IncompleteChainHeadline => "The server does not send its intermediate certificate".into(),
        Say::ChainInvalidHeadline => "The server's certificate could not be verified".into(),
        Say::SniDefaultHeadline => "Connections without the site's name get another certificate".into(),
        Say::CrossSignHeadline => "The server also sends an old, expired certificate".into(),
        Say::InternalMissingHeadline => "Your organisation's certificate authority is not installed on this device".into(),
        Say::InternalMaybeMissingHeadline => "Your organisation's certificate authority may be missing on this device".into(),
        Say::InternalBrowserIgnoresHeadline => "This browser does not trust your organisation's certificate authority".into(),

        // Risk.
        Say::FakeSiteRisk => "You cannot tell this site from a fake one. Do not enter passwords or card numbers.".into(),
        Say::MailPasswordRisk => "A fake server could steal your mail password.".into(),
        Say::OtherServiceRisk => "The server cannot be checked as genuine. Do not send passwords.".into(),
        Say::SelfSignedRisk => "A fake server can make a certificate that looks the same.".into(),
        Say::ChainFineRisk => "The certificate is right, so nothing can leak.".into(),
        Say::ChainFineMailRisk => "The certificate is right. Switching to \"no SSL\" would let your password be read.".into(),
        Say::SafeNow => "Everything works and is safe for now.".into(),
        Say::SafeInBrowsers => "Safe to use from today's browsers.".into(),
        Say::InternalRisk => "Likely just a missing installation, but the site cannot be proved genuine.".into(),

        // Meaning.
        Say::ExpiredMeaning { days_ago } => format!("The ‹Certificate› expired {}. With an expired certificate, nobody can check that the server is genuine.", c.days_ago(*days_ago)),
        Say::NotYetValidMeaning { days_until } => format!("This server's ‹Certificate› becomes valid {}; until then it cannot be used.", match days_until {
                d if *d <= 0 => "within a day".to_owned(),
                1 => "in 1 day".to_owned(),
                d => format!("in {d} days"),
            }),
        Say::DatesMeasured => "TLS Doctor read these dates from the certificate the server sent.".into(),
        Say::IntermediateExpiredMeaning { subject, days_ago } => format!("The ‹Intermediate› \"{subject}\" expired {}. Even with a valid server certificate, an expired link makes the whole chain untrusted.", c.days_ago(*days_ago)),
        Say::ExpiringSoonMeaning => String::from("It works now, but connections will fail unless the ‹Certificate› is renewed in time."),
        Say::NamesListed { names, requested } => format!("The ‹Certificate› lists \"{}\", which does not include \"{requested}\".", f.list(names)),
        Say::CnOnly { requested } => format!("This ‹Certificate› has no modern name field (SAN), only the old one (CN). Today's browsers ignore the CN, so they do not accept it for \"{requested}\"."),
        Say::WildcardNotBare { wildcard, requested } => format!("The \"*\" in \"{wildcard}\" is a ‹Wildcard› for one label in front; it does not cover \"{requested}\" itself."),
        Say::WildcardOneLevel { wildcard, requested } => format!("The \"*\" in \"{wildcard}\" is a ‹Wildcard› for one level only, not deeper names like \"{requested}\"."),
        Say::WwwVariant { covered } => format!("\"{covered}\" is covered, but names with and without \"www.\" are different names."),
        Say::SharedHostName => "With mail on a shared host, you may need the service's server name, not your own domain.".into(),
        Say::SelfSignedMeaning { subject } => format!("Certificates are normally issued by a ‹Ca›, but \"{subject}\" was issued by the server for itself (self-signed). No third party checked it, so it cannot be proved genuine."),
        Say::UnknownIssuerMeaning { issuer } => format!("The issuer \"{issuer}\" is neither in Mozilla's trust list nor in this device's. It may be a company-internal ‹Ca›, or security software or a ‹Proxy› replacing certificates."),
        Say::RootServed => "The server also sends this issuer's ‹RootCertificate›, which is no basis for trust.".into(),
        Say::IncompleteChainMeaning { missing } => format!("A server must send an ‹Intermediate› with its own certificate; this one does not send \"{missing}\"."),
        Say::ChainConfirmed => "Fetched from the address in the certificate, it completes a trusted chain: only the server's setup is lacking.".into(),
        Say::ChainUnchecked => "The intermediate could not be fetched, so the completed chain could not be checked.".into(),
        Say::OthersFail => "Many browsers fill in a missing intermediate themselves; mail apps, smartphone apps and tools like curl fail.".into(),
        Say::ChainInvalidMeaning { reason } => format!("The ‹Certificate› leads to its issuer, but a check failed: {}.", c.reject(*reason)),
        Say::SniDefaultMeaning { default_subject, requested } => format!("Without ‹Sni›, the certificate of \"{default_subject}\" comes back, which does not match \"{requested}\". Today's browsers always use SNI; old mail apps and devices, and connections by IP address, get an error."),
        Say::CrossSignMeaning { subject, issuer, days_ago } => format!("The server also sends a cross-sign: the old ‹RootCertificate› \"{issuer}\" vouching for the newer root \"{subject}\". It expired {}. Today's browsers already hold \"{subject}\" and connect; older devices that follow the chain as sent (old Android, devices using old OpenSSL) fail.", c.days_ago(*days_ago)),
        Say::InternalDomain { domain } => format!("This site is used inside your organisation ({domain})."),
        Say::InternalUsualCa => String::from("Internal sites usually get certificates from the organisation's own ‹Ca›."),
        Say::InternalIssuer { issuer } => format!("This site's certificate was issued by \"{issuer}\"."),
        Say::InternalMissing => String::from("This device lacks that authority's ‹RootCertificate›, so the site cannot be checked as genuine."),
        Say::InternalMaybeMissing => String::from("The browser reports that it cannot trust the issuer."),
        Say::InternalBrowserIgnores => String::from("The operating system has your organisation's ‹RootCertificate›, but this browser does not use it."),
        Say::FirefoxOsRoots => "Firefox 120 and later trust roots added to the operating system on Windows, macOS and Android, but not on Linux.".into(),
        Say::ServerNotBroken => "The server is not broken.".into(),

        // The user's steps.
        Say::ContactAdminServerFault => "The server is set up wrong. Contact its administrator.".into(),
        Say::CheckDeviceDate => "To be sure, check that your device's date is right.".into(),
        Say::DontAcceptInApp => "If the app asks whether to accept the certificate, do not accept it.".into(),
        Say::CheckSpelling => "Check the spelling of the address.".into(),
        Say::CheckLinkOrigin => "If you came from a link, check the right address in official information.".into(),
        Say::ContactIfStill => "If the right name shows this too, contact the administrator.".into(),
        Say::MailServerName => "Check that the server name in your mail app matches the service's instructions.".into(),
        Say::SelfSignedPublic => "On a public site, do not go past the warning; contact its administrator.".into(),
        Say::SelfSignedMailPublic => "Do not accept the certificate; contact the mail service's administrator.".into(),
        Say::CompareFingerprint => "For a home or office device, compare the fingerprint (SHA-256) from its administrator with the certificate section below.".into(),
        Say::ContactAdminOrHelpdesk => "Contact the site's administrator or your organisation's help desk.".into(),
        Say::RootFromAdmin => "For a company or school system, you may need your administrator's root certificate.".into(),
        Say::NothingToDoNow => "Nothing to do for now.".into(),
        Say::UpdateOldApp => "If an old app or device cannot connect, update the app.".into(),
        Say::ConnectByName { requested } => format!("Connect by name (\"{requested}\"), not by IP address."),
        Say::TellAdminOldDevice => "If an older device cannot connect, tell the administrator.".into(),
        Say::TellHelpdeskRootMissing => "Tell your organisation's help desk: \"The root certificate seems to be missing on this device.\"".into(),
        Say::ManagedDeviceRestart => "On a managed device, restarting on the office network may bring the distributed settings.".into(),
        Say::UpdateFirefox => "In Firefox, update it. On Linux, ask your administrator to add the root to Firefox.".into(),

        // Admin steps.
        Say::RenewAndReloadWeb => "Renew with `certbot renew`, then reload the web server (`systemctl reload nginx` or similar).".into(),
        Say::RenewTimer => "Check that automatic renewal (normally at 30 days left) has not stopped: `certbot renew --dry-run` and `systemctl list-timers certbot.timer`.".into(),
        Say::IisRebind => "Import the new certificate and reselect it in the site's https binding.".into(),
        Say::RenewMail { host } => format!("Renew with `certbot renew`, or get a new one with `certbot certonly -d {}`.", name(host)),
        Say::CertbotHookMail => "Reload on every renewal: `--deploy-hook \"systemctl reload postfix dovecot\"`.".into(),
        Say::PostfixChain { host } => {
            let host = name(host);
            format!(
                "In main.cf: `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem` (Postfix 3.4 and later; before that, fullchain.pem in `smtpd_tls_cert_file` and privkey.pem in `smtpd_tls_key_file`)."
            )
        }
        Say::PostfixReload => "Run `postfix reload`.".into(),
        Say::DovecotChain { host } => {
            let host = name(host);
            format!(
                "Set `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` (2.4: `ssl_server_cert_file` and `ssl_server_key_file`)."
            )
        }
        Say::DovecotReload => "Run `doveadm reload`.".into(),
        Say::NotBeforeServerClock => "Check the clock of the machine that made the certificate (`timedatectl`) and that its start date is not in the future.".into(),
        Say::NotBeforeSwitchLater => "Switch to a new certificate only after its start date.".into(),
        Say::CurrentIntermediate => "Replace the old intermediate in the certificate file with the one your CA issues today.".into(),
        Say::RenewBeforeExpiry => "Renew the certificate before it expires.".into(),
        Say::CertbotHookWeb => "Reload the web server on every renewal: `--deploy-hook \"systemctl reload nginx\"`.".into(),
        Say::CertbotNameWeb { requested } => format!("Get a certificate that includes \"{requested}\": `certbot --nginx -d {requested}` (one -d per name)."),
        Say::NginxServerName { requested } => format!("Check that the server block with `server_name {requested};` has `listen 443 ssl;` and the right `ssl_certificate`."),
        Say::ApacheServerName { requested } => format!("Check for a `<VirtualHost *:443>` with \"{requested}\" in `ServerName` or `ServerAlias`."),
        Say::IisBindingName => "Check the site's https binding: host name, \"Require Server Name Indication\", and the certificate.".into(),
        Say::SanOnRemake { requested } => format!("Remake the certificate with the name in the SAN (`openssl req`: `-addext \"subjectAltName=DNS:{requested}\"`)."),
        Say::CertbotNameMail { requested } => format!("Get a certificate that includes \"{requested}\": `certbot certonly -d {requested}`."),
        Say::PostfixSniMaps => "For several names, choose a certificate per name with `tls_server_sni_maps` (Postfix 3.4 and later).".into(),
        Say::DovecotLocalName { host } => format!("For several names, give a certificate per name inside `local_name {} {{ … }}`.", name(host)),
        Say::PublicCa => "On a public server, use a certificate from a CA the major browsers trust. Let's Encrypt is free and renews automatically (`certbot --nginx -d name`).".into(),
        Say::InternalCaDistribute => "For internal use only, issue it from your internal CA and distribute its root to every device.".into(),
        Say::NginxSnakeoil => "Check that `ssl_certificate` is not still the placeholder certificate (snakeoil or similar).".into(),
        Say::MailTrustedCa { host } => format!("Use a certificate from a CA that mail apps trust. With Let's Encrypt: `certbot certonly --standalone -d {}` (uses port 80 briefly).", name(host)),
        Say::FullChain => "Configure a file with the server's certificate followed by the intermediates (a full chain). With cert.pem alone, no intermediate is sent.".into(),
        Say::NginxFullChain => "Point `ssl_certificate` at fullchain.pem (with certbot, /etc/letsencrypt/live/name/fullchain.pem).".into(),
        Say::ApacheFullChain => "Point `SSLCertificateFile` at fullchain.pem (before 2.4.8, the intermediate in `SSLCertificateChainFile`), then run `apachectl graceful`.".into(),
        Say::IisFullChain => "Import the current intermediate into the \"Intermediate Certification Authorities\" store (delete expired ones), then reselect the certificate in the binding.".into(),
        Say::FetchIntermediate { url } => format!("The missing intermediate is at {url}. If DER, convert with `openssl x509 -inform der -in downloaded-file -out chain.pem`, then append it after the server's certificate."),
        Say::SeeDetail => "See \"Detail\" in the evidence below.".into(),
        Say::OpensslVerify => "Check whether `openssl verify -untrusted intermediate.pem server.pem` fails the same way locally.".into(),
        Say::ReissueFromCa => "If the certificate's purpose or signature method is wrong, have your CA issue it again.".into(),
        Say::DefaultSite { requested } => format!("Make this site the default one (served without SNI), or include \"{requested}\" in the default site's certificate."),
        Say::NginxDefaultServer => "Add `default_server` to this server block's `listen` line.".into(),
        Say::ApacheFirstVhost => "Make this site's `<VirtualHost>` the first one loaded for its IP address and port.".into(),
        Say::IisNoSniBinding => "Check the certificate of the https binding without \"Require Server Name Indication\".".into(),
        Say::RemoveCrossSign { issuer } => format!("Remove the cross-signed certificate issued by \"{issuer}\" from the certificate file."),
        Say::PreferredChain { subject } => format!("Request it again with `--preferred-chain \"{subject}\"` to get a chain without the cross-sign."),
        Say::ListChain => "List the certificates in the file: `openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout`.".into(),
        Say::DistributeRoot => "Distribute the organisation's root certificate to the device: Group Policy on Windows, a configuration profile on macOS, on Linux /usr/local/share/ca-certificates and `update-ca-certificates`.".into(),
        Say::FirefoxRoots => "Firefox 120 and later trust OS roots on Windows, macOS and Android (`security.enterprise_roots.enabled`); check no policy turns this off. On Linux, distribute the root with the policy Certificates → Install.".into(),
        Say::DeclareRoot => "Declare the root's SHA-256 in TLS Doctor's managed setting internalRootCAs for a more accurate explanation.".into(),
    }
}
