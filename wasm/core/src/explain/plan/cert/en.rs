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
        Say::SelfSignedHeadline => "The server's certificate was issued by the server itself".into(),
        Say::UnknownIssuerHeadline => "The certificate's issuer is not trusted".into(),
        Say::IncompleteChainHeadline => "The server does not send its intermediate certificate".into(),
        Say::ChainInvalidHeadline => "The server's certificate could not be verified".into(),
        Say::SniDefaultHeadline => "Connections that do not name the site get another certificate".into(),
        Say::CrossSignHeadline => "The server also sends an old, expired certificate".into(),
        Say::InternalMissingHeadline => "Your organisation's certificate authority is not installed on this device".into(),
        Say::InternalMaybeMissingHeadline => "Your organisation's certificate authority may be missing on this device".into(),
        Say::InternalBrowserIgnoresHeadline => "This browser does not trust your organisation's certificate authority".into(),

        // Risk.
        Say::FakeSiteRisk => "You cannot tell this site from a fake one. Do not enter passwords or card numbers.".into(),
        Say::MailPasswordRisk => "A fake server could steal your mail password.".into(),
        Say::OtherServiceRisk => "Whether the server is genuine cannot be checked. Do not send passwords.".into(),
        Say::SelfSignedRisk => "A fake server can make a certificate that looks just the same.".into(),
        Say::ChainFineRisk => "The certificate is right, so nothing can leak.".into(),
        Say::ChainFineMailRisk => "The certificate is right. Switching to \"no SSL\" would let your password be read.".into(),
        Say::SafeNow => "Everything works and is safe to use for now.".into(),
        Say::SafeInBrowsers => "Safe to use from today's browsers.".into(),
        Say::InternalRisk => "Most likely only an installation is missing, but the site cannot be proved genuine.".into(),

        // Meaning.
        Say::ExpiredMeaning { days_ago } => format!("A ‹Certificate› is valid for a limited time. This server's certificate expired {}. With an expired certificate, there is no way to check that the server is genuine.", c.days_ago(*days_ago)),
        Say::NotYetValidMeaning { days_until } => format!("This server's ‹Certificate› is set to become valid {}. Until then it is not accepted as a valid certificate.", match days_until {
                d if *d <= 0 => "within a day".to_owned(),
                1 => "in 1 day".to_owned(),
                d => format!("in {d} days"),
            }),
        Say::DatesMeasured => "These dates are from the certificate the server sent, as TLS Doctor read it.".into(),
        Say::IntermediateExpiredMeaning { subject, days_ago } => format!("The ‹Intermediate› \"{subject}\" expired {}. Even when the server's own certificate is valid, an expired link in between makes the whole chain untrusted.", c.days_ago(*days_ago)),
        Say::ExpiringSoonMeaning => String::from("This server's ‹Certificate› works for now. Unless it is renewed before it expires, connections will fail."),
        Say::NamesListed { names, requested } => format!("A ‹Certificate› lists the names of the sites it may be used for. This certificate lists \"{}\", which does not include \"{requested}\".", f.list(names)),
        Say::CnOnly { requested } => format!("A ‹Certificate› lists the names of the sites it may be used for. This certificate has no field for names of today's kind (SAN) and carries a name only in the old-style field (CN). Today's browsers ignore the CN, so they do not accept it for \"{requested}\"."),
        Say::WildcardNotBare { wildcard, requested } => format!("The \"*\" in \"{wildcard}\" is a ‹Wildcard› and stands for one label in front. It does not cover \"{requested}\" itself."),
        Say::WildcardOneLevel { wildcard, requested } => format!("The \"*\" in \"{wildcard}\" is a ‹Wildcard› and covers one level only, not names two or more levels deep like \"{requested}\"."),
        Say::WwwVariant { covered } => {
            format!("\"{covered}\" is covered, but names with and without \"www.\" are different names.")
        }
        Say::SharedHostName => "With mail on a shared host, you may need to enter the server name the service gives, not your own domain.".into(),
        Say::SelfSignedMeaning { subject } => format!("Certificates are normally issued by a ‹Ca›. This certificate, \"{subject}\", was issued by the server for itself (self-signed). No third party has checked it, so nobody can tell whether it is genuine."),
        Say::UnknownIssuerMeaning { issuer } => format!("A ‹Certificate› must lead to a ‹RootCertificate› registered in the browser or operating system. This certificate's issuer \"{issuer}\" is neither in Mozilla's trust list nor in this device's. It may be a company-internal ‹Ca›, or security software or a company ‹Proxy› replacing certificates on the way."),
        Say::RootServed => "The server sends that root certificate along, but a root sent by the server is no basis for trust.".into(),
        Say::IncompleteChainMeaning { missing } => format!("A server must send an ‹Intermediate› along with its own certificate. This server does not send the intermediate \"{missing}\"."),
        Say::ChainConfirmed => "Fetched from the address given in the certificate, it completes a trusted chain. The certificate is fine; only the server's configuration is incomplete.".into(),
        Say::ChainNotFetched => "It could not be fetched from the address given in the certificate, so the completed chain could not be checked.".into(),
        Say::ChainNoUrl => "The certificate gives no address to fetch it from, so the completed chain could not be checked.".into(),
        Say::OthersFail => "Many browsers fill in a missing intermediate on their own and show the site, but mail apps, smartphone apps and tools such as curl fail to connect.".into(),
        Say::ChainInvalidMeaning { reason } => format!("The ‹Certificate› could be traced to its issuer, but a problem was found on the way. The reason: {}.", c.reject(*reason)),
        Say::SniDefaultMeaning { default_subject, requested } => format!("With ‹Sni›, the right certificate comes back. Without it, the certificate of \"{default_subject}\" comes back, which does not match \"{requested}\". Today's browsers always use SNI. Old mail apps and devices, and connections by IP address, get a name-mismatch error."),
        Say::CrossSignMeaning { subject, issuer, days_ago } => format!("This server also sends a certificate in which the old ‹RootCertificate› \"{issuer}\" vouches for the newer root \"{subject}\" (a cross-sign). It expired {}. Today's browsers already hold \"{subject}\", so they connect without trouble. Older devices that follow the chain as sent (old Android, mail apps and devices using old OpenSSL) reach the expired certificate and fail.", c.days_ago(*days_ago)),
        Say::InternalDomain { domain } => format!("This is a site used inside your organisation ({domain})."),
        Say::InternalUsualCa => String::from("Internal sites usually get their certificates from a ‹Ca› that the organisation runs itself."),
        Say::InternalIssuer { issuer } => format!("This site's certificate was issued by \"{issuer}\"."),
        Say::InternalMissing => String::from("This device does not have that authority's ‹RootCertificate›, so the browser cannot tell whether the site is genuine."),
        Say::InternalMaybeMissing => String::from("The browser reports that it cannot trust the issuer. This device may be missing your organisation's ‹RootCertificate›."),
        Say::InternalBrowserIgnores => String::from("This device's operating system has your organisation's ‹RootCertificate›, but this browser does not use it."),
        Say::FirefoxOsRoots => "Firefox 120 and later trust root certificates added to the operating system on Windows, macOS and Android out of the box. Firefox on Linux does not read the operating system's roots.".into(),
        Say::ServerNotBroken => "The server is not broken.".into(),

        // The user's steps.
        Say::ContactAdminServerFault => "The server is set up wrong. Contact the administrator of the site or service.".into(),
        Say::CheckDeviceDate => "To be sure, check that your device's date is right. If it is off, the settings below fix it.".into(),
        Say::DontAcceptInMailApp => "If your mail app asks whether to accept the certificate, do not accept it.".into(),
        Say::DontAcceptInApp => "If the app asks whether to accept the certificate, do not accept it.".into(),
        Say::CheckSpelling => "Check the spelling of the address.".into(),
        Say::CheckLinkOrigin => "If you came from a link in a mail or message, check the right address in official information.".into(),
        Say::ContactIfStill => "If the right name shows this too, contact the administrator of the site or service.".into(),
        Say::MailServerName => "Check that the server name in your mail app matches the service's instructions.".into(),
        Say::SelfSignedPublic => "On a public site, do not go past the warning; contact its administrator.".into(),
        Say::SelfSignedMailPublic => "Do not accept the certificate in your mail app; contact the mail service's administrator.".into(),
        Say::CompareFingerprint => "For a device at home or at work, ask its administrator for the certificate's fingerprint (SHA-256) and compare it with the value in the certificate section below.".into(),
        Say::ContactAdminOrHelpdesk => "Contact the site's administrator or your organisation's help desk.".into(),
        Say::RootFromAdmin => "For a company or school system, you may need to install the root certificate your administrator provides.".into(),
        Say::SecuritySoftwareMaybe => String::from("If a well-known site shows this, security software or a company ‹Proxy› may be inspecting your traffic."),
        Say::NothingToDoNow => "Nothing to do for now.".into(),
        Say::UpdateOldApp => "If an old app or device cannot connect, update the app.".into(),
        Say::ConnectByName { requested } => format!("Connect by name (\"{requested}\"), not by IP address."),
        Say::TellAdminOldDevice => "If an older device cannot connect, tell the administrator.".into(),
        Say::TellHelpdeskRootMissing => "Tell your organisation's help desk: \"The organisation's root certificate seems to be missing on this device.\"".into(),
        Say::ManagedDeviceRestart => "On a device your organisation manages, connecting to the office network and restarting may bring the settings it distributes.".into(),
        Say::UpdateFirefox => "In Firefox, update to the latest version. For Firefox on Linux, ask your administrator to add the root to Firefox.".into(),

        // Admin steps.
        Say::RenewAndReloadWeb => "Renew with `certbot renew`, then reload the web server (`systemctl reload nginx` or similar).".into(),
        Say::RenewTimer => "Check that automatic renewal has not stopped: `systemctl list-timers certbot.timer` and /var/log/letsencrypt/letsencrypt.log.".into(),
        Say::NginxCertPath => "Check that `ssl_certificate` points at the new certificate (fullchain.pem).".into(),
        Say::ApacheCertPath => "Check that `SSLCertificateFile` points at the new certificate, then reload with `apachectl graceful`.".into(),
        Say::IisRebind => "Import the new certificate and choose it again in the site's https binding.".into(),
        Say::RenewMail { host } => format!("Renew with `certbot renew`, or get a new one with `certbot certonly -d {}`.", name(host)),
        Say::CertbotHookMail => "Without a reload after renewal, the old certificate stays in use. Reload on every renewal, e.g. with `--deploy-hook \"systemctl reload postfix dovecot\"`.".into(),
        Say::PostfixChain { host } => {
            let host = name(host);
            format!(
                "In main.cf, give the private key and the certificate file that includes the intermediate (Postfix 3.4 and later): `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem`. Older versions: fullchain.pem in `smtpd_tls_cert_file` and privkey.pem in `smtpd_tls_key_file`."
            )
        }
        Say::PostfixReload => "After changing settings or certificates, run `postfix reload`.".into(),
        Say::DovecotChain { host } => {
            let host = name(host);
            format!(
                "Give the file that includes the intermediate. Dovecot 2.3: `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` (the leading `<` means \"read this file\"). Dovecot 2.4: `ssl_server_cert_file` and `ssl_server_key_file`."
            )
        }
        Say::DovecotReload => "After changing settings or certificates, run `doveadm reload`.".into(),
        Say::NotBeforeServerClock => "Check the clock of the machine that made the certificate (`timedatectl`). For a certificate you made yourself, check that its start date is not in the future.".into(),
        Say::NotBeforeSwitchLater => "Switch to a new certificate only after its start date. Keep using the current one until then.".into(),
        Say::CurrentIntermediate => "Replace it with the intermediate certificate your certificate authority issues today. Old intermediates are often left in the certificate file.".into(),
        Say::NginxIntermediate => "Point `ssl_certificate` at a file with the server certificate and the current intermediate (with certbot, fullchain.pem).".into(),
        Say::ApacheIntermediate => "From 2.4.8, point `SSLCertificateFile` at the combined file (fullchain.pem). Older versions: update `SSLCertificateChainFile` to the new intermediate.".into(),
        Say::IisIntermediate => "Import the new intermediate into the \"Intermediate Certification Authorities\" store and delete the expired one.".into(),
        Say::RenewBeforeExpiry => "Renew the certificate before it expires.".into(),
        Say::CertbotTimerWeb => "Renewal normally happens automatically with 30 days left. If you see this, automatic renewal may have stopped. Try `certbot renew --dry-run`, and check that the timer runs with `systemctl list-timers certbot.timer`.".into(),
        Say::CertbotHookWeb => "Without a reload after renewal the web server keeps using the old certificate. Set one up, e.g. `--deploy-hook \"systemctl reload nginx\"`.".into(),
        Say::CertbotNameWeb { requested } => format!(
            "Get a certificate that includes \"{requested}\", e.g. `certbot --nginx -d {requested}` (add more -d for more names)."
        ),
        Say::NginxServerName { requested } => format!(
            "Check that the server block with `server_name {requested};` has `listen 443 ssl;` and the right `ssl_certificate`. Without it, the default server block's certificate is served."
        ),
        Say::ApacheServerName { requested } => {
            format!("Check for a `<VirtualHost *:443>` with \"{requested}\" in `ServerName` or `ServerAlias`.")
        }
        Say::IisBindingName => "Check the site's https binding: host name, \"Require Server Name Indication\", and the chosen certificate.".into(),
        Say::SanOnRemake { requested } => format!(
            "When you make the certificate again, put the name in the SAN. With `openssl req`, add `-addext \"subjectAltName=DNS:{requested}\"`."
        ),
        Say::CertbotNameMail { requested } => {
            format!("Get a certificate that includes \"{requested}\", e.g. `certbot certonly -d {requested}`.")
        }
        Say::PostfixSniMaps => "To serve several names from one server, choose a certificate per name with `tls_server_sni_maps` (Postfix 3.4 and later).".into(),
        Say::DovecotLocalName { host } => format!(
            "To serve several names from one server, give a certificate per name inside `local_name {} {{ … }}`.",
            name(host)
        ),
        Say::PublicCa => "On a public server, use a certificate issued by a certificate authority. Let's Encrypt is free and renews automatically (`certbot --nginx -d name`).".into(),
        Say::InternalCaDistribute => "For internal use only, issue it from your internal CA and distribute that root certificate to every device (on Windows, by Group Policy).".into(),
        Say::NginxSnakeoil => "Check that `ssl_certificate` does not still point at the placeholder certificate from installation (snakeoil or similar).".into(),
        Say::MailTrustedCa { host } => format!(
            "Use a certificate from a CA that mail apps trust. With Let's Encrypt: `certbot certonly --standalone -d {}` (uses port 80 for a moment).",
            name(host)
        ),
        Say::BrowserTrustedCa => "On a public server, use a certificate from a CA that the major browsers trust.".into(),
        Say::FullChain => "Configure a file with the server's certificate followed by the intermediate certificates (a full chain).".into(),
        Say::NginxFullChain => "Point `ssl_certificate` at fullchain.pem (with certbot, /etc/letsencrypt/live/name/fullchain.pem). With cert.pem alone, no intermediate is sent.".into(),
        Say::ApacheFullChain => "From 2.4.8, point `SSLCertificateFile` at fullchain.pem. Older versions: put the intermediate in `SSLCertificateChainFile`.".into(),
        Say::IisFullChain => "Import the intermediate into the \"Intermediate Certification Authorities\" store, then choose the certificate again in the site's binding.".into(),
        Say::MailChainOrder => "In the file, put the server's certificate first, then the intermediate. With cert.pem alone, no intermediate is sent.".into(),
        Say::FetchIntermediate { url } => format!(
            "The missing intermediate can be downloaded from {url}. If it is DER, convert it to PEM with `openssl x509 -inform der -in downloaded-file -out chain.pem`, then append it after the server's certificate."
        ),
        Say::SeeDetail => "See \"Detail\" in the evidence below.".into(),
        Say::OpensslVerify => "Check whether you get the same failure locally: `openssl verify -untrusted intermediate.pem server.pem`.".into(),
        Say::ReissueFromCa => "If the certificate's purpose or signature method is wrong, have your certificate authority issue it again.".into(),
        Say::DefaultSite { requested } => format!(
            "Make this site the default one (served when there is no SNI), or include \"{requested}\" in the default site's certificate."
        ),
        Say::NginxDefaultServer => "Add `default_server` to this server block's `listen` line.".into(),
        Say::ApacheFirstVhost => "Make this site's `<VirtualHost>` the first one loaded for its IP address and port.".into(),
        Say::IisNoSniBinding => "Check the certificate of the https binding without \"Require Server Name Indication\".".into(),
        Say::RemoveCrossSign { issuer } => {
            format!("Remove the cross-signed certificate issued by \"{issuer}\" from the certificate file.")
        }
        Say::PreferredChain { subject } => format!(
            "Request the certificate again with `--preferred-chain \"{subject}\"` to get a chain without the cross-sign."
        ),
        Say::ListChain => "`openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout` lists the certificates in the file.".into(),
        Say::DistributeRoot => "Distribute the organisation's root certificate to this device: Group Policy on Windows, a configuration profile on macOS, and on Linux place it in /usr/local/share/ca-certificates and run `update-ca-certificates`.".into(),
        Say::FirefoxRoots => "Firefox 120 and later trust roots added to the OS on Windows, macOS and Android by default (`security.enterprise_roots.enabled`); check that no policy turns this off. For Firefox on Linux, distribute the root with the policy Certificates → Install.".into(),
        Say::DeclareRoot => "Declare the root's SHA-256 in TLS Doctor's managed setting internalRootCAs, so users get a more accurate explanation.".into(),
    }
}
