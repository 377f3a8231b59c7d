//! The server's certificate (English, mirroring `ja.rs`).

use super::Say;
use crate::explain::Fmt;
use crate::explain::plan::hygiene::en::MONTHS;

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
        Say::DistrustedHeadline => "This CA's newer certificates are no longer trusted".into(),

        // Risk.
        Say::FakeSiteRisk => "You cannot tell this site from a fake one. Do not enter passwords or card numbers.".into(),
        Say::MailPasswordRisk => "A fake server could steal your mail password.".into(),
        Say::OtherServiceRisk => "The server cannot be checked as genuine. Do not send passwords.".into(),
        Say::SelfSignedRisk => "A fake server can make a certificate that looks the same.".into(),
        Say::ChainFineRisk => "The certificate is right, so nothing can leak.".into(),
        Say::ChainFineMailRisk => "The certificate is right. Switching to \"no SSL\" would let your password be read.".into(),
        Say::SafeNow => "Everything works and is safe for now.".into(),
        Say::SafeInBrowsers => "Safe to use from today's browsers.".into(),
        Say::InternalRisk => "Likely a missing installation, but the site cannot be proved genuine.".into(),
        Say::DistrustedRisk => "The connection is refused. It does not mean the certificate is forged.".into(),

        // Meaning.
        Say::ExpiredMeaning { days_ago } => format!("The ‹Certificate› expired {}.", c.days_ago(*days_ago)),
        Say::NotYetValidMeaning { days_until } => format!("The ‹Certificate› becomes valid {}.", match days_until {
                d if *d <= 0 => "within a day".to_owned(),
                1 => "in 1 day".to_owned(),
                d => format!("in {d} days"),
            }),
        Say::DatesMeasured => "These dates are from the certificate the server sent.".into(),
        Say::IntermediateExpiredMeaning { subject, days_ago } => format!("The ‹Intermediate› \"{subject}\" expired {}. Even with a valid server certificate, the chain is untrusted.", c.days_ago(*days_ago)),
        Say::ExpiringSoonMeaning => String::from("Connections will fail unless the ‹Certificate› is renewed in time."),
        Say::NamesListed { names, requested } => format!("The ‹Certificate› lists \"{}\", which does not include \"{requested}\".", f.list(names)),
        Say::CnOnly => "The ‹Certificate› has names only in the old field (CN), not the new one (SAN). Today's browsers ignore the CN.".into(),
        Say::WildcardNotBare { wildcard, requested } => format!("The ‹Wildcard› \"*\" in \"{wildcard}\" is one label; it does not cover \"{requested}\" itself."),
        Say::WildcardOneLevel { wildcard, requested } => format!("The ‹Wildcard› \"*\" in \"{wildcard}\" is one level only, not deeper names like \"{requested}\"."),
        Say::WwwVariant { covered } => format!("\"{covered}\" is covered, but names with and without \"www.\" are different names."),
        Say::SharedHostName => "Mail on a shared host may use the service's server name.".into(),
        Say::SelfSignedMeaning { subject } => format!("Certificates are normally issued by a ‹Ca›, but the server issued \"{subject}\" itself (self-signed). No third party checked it."),
        Say::UnknownIssuerMeaning { issuer } => format!("The issuer \"{issuer}\" is in neither Mozilla's nor this device's trust list. It may be a company-internal ‹Ca›, or security software or a ‹Proxy› replacing certificates."),
        Say::RootServed => "The issuer's ‹RootCertificate› the server sends is no basis for trust.".into(),
        Say::IncompleteChainMeaning { missing } => format!("A server must send its ‹Intermediate›; this one lacks \"{missing}\"."),
        Say::ChainConfirmed => "Fetched from the address in the certificate, it is trusted: only the server's setup is lacking.".into(),
        Say::ChainUnchecked => "The intermediate could not be fetched and checked.".into(),
        Say::OthersFail => "Many browsers fill it in themselves; other apps and curl fail.".into(),
        Say::ChainInvalidMeaning { reason } => format!("The ‹Certificate› leads to its issuer, but a check failed: {}.", c.reject(*reason)),
        Say::SniDefaultMeaning { default_subject, requested } => format!("Without ‹Sni›, the certificate of \"{default_subject}\" comes back, not matching \"{requested}\"."),
        Say::NoSniClients => "Today's browsers and mail apps always send SNI, so they are not affected. Those that do not are old software such as Internet Explorer on Windows XP, Android 2.x's browser and Java 6, and devices or scripts that connect by IP address.".into(),
        Say::NoSniRelays => "Most mail servers delivering to this port send no SNI (Postfix sends none unless it uses DANE). Senders that check the certificate (MTA-STS) see this one and may hold the mail back.".into(),
        Say::SafeWithSni => "Safe to use from today's browsers and mail apps.".into(),
        Say::SomeMailMayNotArrive => "No danger, but some mail may not arrive.".into(),
        Say::CrossSignMeaning { subject, issuer, days_ago } => format!("A cross-sign is also sent: the old ‹RootCertificate› \"{issuer}\" vouching for the newer root \"{subject}\", expired {}. Today's browsers already hold \"{subject}\" and connect; older devices that follow the chain as sent (old Android, old OpenSSL) fail.", c.days_ago(*days_ago)),
        Say::InternalDomain { domain } => format!("An internal site ({domain})."),
        Say::InternalUsualCa => String::from("Internal sites usually get certificates from the organisation's own ‹Ca›."),
        Say::InternalIssuer { issuer } => format!("Its issuer is \"{issuer}\"."),
        Say::InternalMissing => String::from("This device lacks that ‹RootCertificate›."),
        Say::InternalMaybeMissing => String::from("The browser reports that it cannot trust the issuer."),
        Say::InternalBrowserIgnores => String::from("The operating system has your organisation's ‹RootCertificate›, but this browser does not use it."),
        Say::FirefoxOsRoots => "Firefox 120 and later trust roots added to the operating system, except on Linux.".into(),
        Say::ServerNotBroken => "The server is not broken.".into(),
        Say::DistrustedMeaning { chrome, firefox, mail, cutoff } => {
            let firefox_ = if *mail { "Thunderbird" } else { "Firefox" };
            // The cutoff is the first browser's (Chrome's and Firefox's differ): the other one
            // is said without a date.
            let browsers = match chrome {
                Some(v) => format!("Chrome {v} and later"),
                None => firefox_.to_owned(),
            };
            let also = if chrome.is_some() && *firefox { format!(" {firefox_} refuses this certificate too.") } else { String::new() };
            let c = cutoff.civil(0);
            let month = MONTHS.get(usize::from(c.month).saturating_sub(1)).copied().unwrap_or("");
            format!("The issuing root is still in the trust lists, but {browsers} refuses certificates this ‹Ca› issued after {} {month} {} (UTC).{also}", c.day, c.year)
        }

        // The user's steps.
        Say::ContactAdminServerFault => "The server is set up wrong. Contact its administrator.".into(),
        Say::CheckDeviceDate => "Check your device's date too.".into(),
        Say::DontAcceptInApp => "If the app asks, do not accept the certificate.".into(),
        Say::CheckSpelling => "Check the spelling of the address.".into(),
        Say::CheckLinkOrigin => "If you came from a link, check the address in official information.".into(),
        Say::ContactIfStill => "If the right name shows this too, contact the administrator.".into(),
        Say::MailServerName => "Check that the server name in your mail app matches the service's instructions.".into(),
        Say::SelfSignedPublic => "On a public site, do not go past the warning; contact its administrator.".into(),
        Say::SelfSignedMailPublic => "Do not accept the certificate; contact the mail service's administrator.".into(),
        Say::CompareFingerprint => "For a home or office device, compare the fingerprint (SHA-256) from its administrator with the certificate section below.".into(),
        Say::ContactAdminOrHelpdesk => "Contact the site's administrator or your organisation's help desk.".into(),
        Say::RootFromAdmin => "For a company or school, you may need your administrator's root certificate.".into(),
        Say::NothingToDoNow => "Nothing to do for now.".into(),
        Say::UpdateOldApp => "If an old app or device cannot connect, update the app.".into(),
        Say::ConnectByName { requested } => format!("Connect by name (\"{requested}\"), not by IP address."),
        Say::TellAdminOldDevice => "If an older device cannot connect, tell the administrator.".into(),
        Say::TellHelpdeskRootMissing => "Tell your organisation's help desk: \"The root certificate seems to be missing on this device.\"".into(),
        Say::ManagedDeviceRestart => "On a company device, restarting on the office network may bring the settings.".into(),
        Say::UpdateFirefox => "In Firefox, update it. On Linux, ask your administrator to add the root to Firefox.".into(),

        // Admin steps.
        Say::RenewAndReloadWeb => "Renew with `certbot renew`, then reload (`systemctl reload nginx` or similar).".into(),
        Say::RenewTimer => "Check that automatic renewal has not stopped: `certbot renew --dry-run` and `systemctl list-timers certbot.timer`.".into(),
        Say::IisRebind => "Import the new certificate and reselect it in the site's https binding.".into(),
        Say::RenewMail { host } => format!("Renew with `certbot renew`, or get a new one with `certbot certonly -d {}`.", name(host)),
        Say::CertbotHookMail => "Reload on every renewal: `--deploy-hook \"systemctl reload postfix dovecot\"`.".into(),
        Say::NotBeforeServerClock => "Check the clock of the machine that made the certificate (`timedatectl`) and that its start date is not in the future.".into(),
        Say::NotBeforeSwitchLater => "Switch only after the new certificate's start date.".into(),
        Say::CurrentIntermediate => "Replace the old intermediate in the file with your CA's current one.".into(),
        Say::RenewBeforeExpiry => "Renew the certificate before it expires.".into(),
        Say::CertbotHookWeb => "Reload on every renewal: `--deploy-hook \"systemctl reload nginx\"`.".into(),
        Say::CertbotNameWeb { requested } => format!("Get a certificate that includes \"{requested}\": `certbot --nginx -d {requested}` (one -d per name)."),
        Say::NginxServerName { requested } => format!("Check that the server block with `server_name {requested};` has `listen 443 ssl;` and the right `ssl_certificate`."),
        Say::ApacheServerName { requested } => format!("Check for a `<VirtualHost *:443>` with \"{requested}\" in `ServerName` or `ServerAlias`."),
        Say::IisBindingName => "Check the site's https binding: host name, \"Require Server Name Indication\", and the certificate.".into(),
        Say::SanOnRemake { requested } => format!("Remake the certificate with the name in the SAN (`openssl req`: `-addext \"subjectAltName=DNS:{requested}\"`)."),
        Say::CertbotNameMail { requested } => format!("Get a certificate that includes \"{requested}\": `certbot certonly -d {requested}`."),
        Say::PostfixSniMaps => "For several names, pick a certificate per name with `tls_server_sni_maps` (Postfix 3.4 and later).".into(),
        Say::DovecotLocalName { host } => format!("For several names, give a certificate per name inside `local_name {} {{ … }}`.", name(host)),
        Say::PublicCa => "On a public server, use a certificate from a CA the major browsers trust. Let's Encrypt is free (`certbot --nginx -d name`).".into(),
        Say::InternalCaDistribute => "For internal use only, issue it from your internal CA and give its root to every device.".into(),
        Say::NginxSnakeoil => "Check that `ssl_certificate` is not still the placeholder certificate (snakeoil or similar).".into(),
        Say::MailTrustedCa { host } => format!("Use a certificate from a CA that mail apps trust. With Let's Encrypt: `certbot certonly --standalone -d {}` (uses port 80).", name(host)),
        Say::FullChain => "Configure a file with the server's certificate followed by the intermediates (a full chain).".into(),
        Say::NginxFullChain => "Point `ssl_certificate` at fullchain.pem (certbot: /etc/letsencrypt/live/name/).".into(),
        Say::ApacheFullChain => "Point `SSLCertificateFile` at fullchain.pem (before 2.4.8, the intermediate in `SSLCertificateChainFile`), then run `apachectl graceful`.".into(),
        Say::IisFullChain => "Import the current intermediate into the \"Intermediate Certification Authorities\" store (delete expired ones), then reselect the certificate in the binding.".into(),
        Say::FetchIntermediate { url } => format!("The missing intermediate is at {url}. If DER, convert with `openssl x509 -inform der -in downloaded-file -out chain.pem`, then append it to the server's certificate."),
        Say::SeeDetail => "See \"Detail\" in the evidence below.".into(),
        Say::OpensslVerify => "Check whether `openssl verify -untrusted intermediate.pem server.pem` fails locally too.".into(),
        Say::ReissueFromCa => "If the purpose or signature method is wrong, have your CA reissue it.".into(),
        Say::DefaultSite { requested } => format!("Make this site the default without SNI, or include \"{requested}\" in the default site's certificate."),
        Say::NginxDefaultServer => "Add `default_server` to this server block's `listen` line.".into(),
        Say::ApacheFirstVhost => "Make this site's `<VirtualHost>` the first for its IP address and port.".into(),
        Say::IisNoSniBinding => "Check the certificate of the https binding without \"Require Server Name Indication\".".into(),
        Say::RemoveCrossSign { issuer } => format!("Remove the cross-sign issued by \"{issuer}\" from the file."),
        Say::PreferredChain { subject } => format!("Request it again with `--preferred-chain \"{subject}\"` to get a chain without the cross-sign."),
        Say::ListChain => "List the certificates in the file: `openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout`.".into(),
        Say::DistributeRoot => "Distribute the organisation's root certificate to the device: Group Policy on Windows, a configuration profile on macOS, on Linux /usr/local/share/ca-certificates and `update-ca-certificates`.".into(),
        Say::DeclareRoot => "Declare the root's SHA-256 in the managed setting internalRootCAs for a more accurate explanation.".into(),
        Say::ReissueOtherCa => "Get a certificate from another CA; renewing with the same CA does not help.".into(),
    }
}
