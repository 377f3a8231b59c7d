//! The certificate itself and how it is served (English, mirroring `ja.rs`).

use super::Say;
use crate::checks::chain_shape::RefusedUpTo;
use crate::explain::Fmt;
use crate::time::Timestamp;
use crate::wire::RevocationMethod;

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date without the time (an issue date): 10 August 2026.
fn day(at: Timestamp, f: &Fmt<'_>) -> String {
    let c = at.civil(f.tz.offset_minutes_at(at));
    let month = MONTHS.get(usize::from(c.month).saturating_sub(1)).copied().unwrap_or("");
    format!("{} {month} {}", c.day, c.year)
}

fn method(m: RevocationMethod) -> String {
    match m {
        RevocationMethod::Staple => String::from("the server's attached ‹Ocsp› answer"),
        RevocationMethod::Ocsp => String::from("an ‹Ocsp› query"),
        RevocationMethod::Crl => "the issuer's revocation list (CRL)".to_owned(),
    }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::ChainTooLongHeadline => String::from("The server's ‹Certificate› chain is too long"),
        Say::TooLargeHeadline => String::from("The server's ‹Certificate› is too large"),
        Say::UnparseableHeadline => String::from("The server's ‹Certificate› cannot be read"),
        Say::WeakSignatureHeadline => String::from("The ‹Certificate› is signed in an outdated way"),
        Say::WeakKeyHeadline { key } => format!("The key of the ‹Certificate› is too short ({key})"),
        Say::TooLongHeadline { days } => format!("The ‹Certificate› is valid for too long ({days} days)"),
        Say::NotForServersHeadline => String::from("This ‹Certificate› is not for servers"),
        Say::KeyUsageHeadline => String::from("The key of this ‹Certificate› may not be used for TLS"),
        Say::WrongOrderHeadline => String::from("The server sends its ‹Certificate› chain out of order"),
        Say::RootInChainHeadline => String::from("The server also sends the ‹RootCertificate›"),
        Say::RevokedHeadline => String::from("The issuer has withdrawn this ‹Certificate›"),
        Say::StapleMissingHeadline => String::from("The server omits the revocation status its ‹Certificate› requires"),
        Say::StapleStaleHeadline => "The revocation status the server attaches is out of date".into(),
        Say::ClientAuthHeadline => "Certificates that also authenticate clients are not issued from 15 March 2027".into(),
        Say::RevocationUnknownHeadline => String::from("Could not check whether the ‹Certificate› was withdrawn"),

        Say::DangerUnverified => "The site cannot be shown to be genuine. Do not enter passwords or other secrets.".into(),
        Say::DangerMailPassword => "A mail app sends your password at once, so it could reach a fake server.".into(),
        Say::DangerSomeClientsFail => "Some apps and devices cannot connect.".into(),
        Say::DangerChromeFails => "Chrome and Edge cannot open it, and neither can some other apps and devices.".into(),
        Say::DangerBrowsersRefuse => "Chrome and Safari may refuse to connect.".into(),
        Say::DangerMayBeRevoked => "It works for now, but may stop working soon.".into(),
        Say::DangerFirefoxRefuses => "Firefox always fails to connect.".into(),
        Say::DangerBrowsersConnect => "For now, most browsers connect.".into(),
        Say::WorksToday => "Today, browsers and mail apps connect without trouble.".into(),
        Say::DangerOldClientsFail => "Old apps and devices may fail to connect.".into(),
        Say::DangerNone => "Nothing is wrong.".into(),

        Say::ChainTooLongMeaning { certificates } => {
            format!("The server sent {certificates} certificates (2 to 4 is usual). Apps and devices that cannot take that many fail.")
        }
        Say::TooLargeMeaning { kb, refused } => {
            let who = match refused {
                RefusedUpTo::Rustls => "rustls (64 KB)",
                RefusedUpTo::OpensslBoringssl => "rustls (64 KB), OpenSSL and Chrome's BoringSSL (100 KB)",
                RefusedUpTo::Gnutls => "rustls, OpenSSL, Chrome's BoringSSL and GnuTLS (64–128 KB)",
                RefusedUpTo::Go => "rustls, OpenSSL, Chrome's BoringSSL, GnuTLS and Go (64–256 KB)",
            };
            format!("The certificates total about {kb} KB (a few KB is usual): more than {who} accept by default.")
        }
        Say::UnparseableMeaning { position } => format!("Certificate number {position} is malformed and could not be read."),
        Say::WeakSignatureMeaning { subject, hash } => {
            format!("\"{subject}\" is signed with {hash}, an outdated method open to forgery, so current browsers refuse it.")
        }
        Say::WeakKeyMeaning { subject, key } => {
            format!("The key of \"{subject}\" ({key}) is below today's minimum (RSA 2048 bits, elliptic curves 256 bits), so browsers refuse it.")
        }
        Say::KeyCannotSign => "This key is too short to sign the connection, so the server breaks it off. Browsers show a connection error rather than a certificate error.".into(),
        Say::ValidityRule { issued, limit, .. } => {
            let period = match limit {
                398 => "certificates issued before 15 March 2026 may last 398 days".to_owned(),
                200 => "certificates issued from 15 March 2026 to 14 March 2027 may last 200 days".to_owned(),
                100 => "certificates issued from 15 March 2027 to 14 March 2029 may last 100 days".to_owned(),
                47 => "certificates issued from 15 March 2029 may last 47 days".to_owned(),
                other => format!("certificates issued then may last {other} days"),
            };
            format!("This certificate was issued on {}. Under the public ‹Ca› rules, {period}.", day(*issued, f))
        }
        Say::BrowsersEnforce398 => "Chrome and Safari refuse public certificates of over 398 days.".into(),
        Say::BrowsersStillAccept => "Browsers refuse only certificates of over 398 days, so it works for now.".into(),
        Say::CaMustRevokeMisissued => "But the certificate authority must withdraw a certificate issued against the rules.".into(),
        Say::PrivateCaExempt => "An organisation's own certificate authority is not bound by these rules.".into(),
        Say::PurposesWithoutServerAuth { purposes } => {
            let list = f.list(&purposes.iter().map(|p| f.cat.purpose(p)).collect::<Vec<_>>());
            format!("Its purposes are \"{list}\", without \"server authentication (serverAuth)\", so browsers refuse it.")
        }
        Say::KeyUsageBarsTls => "Its key usage lacks what TLS needs (such as digital signatures), so browsers refuse it.".into(),
        Say::NoPurposesIsFine => "Naming no purposes is not a problem in itself.".into(),
        Say::WrongOrderMeaning => String::from("The server's certificate should come first, then the ‹Intermediate› that issued it. Current browsers reorder them."),
        Say::RootInChainMeaning { subject } => format!(
            "Browsers and operating systems already have the root certificate \"{subject}\", so it is unused and only adds a little traffic."
        ),
        Say::RevokedMeaning { method: m } => format!("This is a ‹Revocation›, done when a key leaks, for example. Checked through {}.", method(*m)),
        Say::RevokedReason { reason } => format!("The reason given is \"{}\".", f.cat.revocation_reason(reason)),
        Say::RevokedBrowsersDiffer => String::from("Some browsers may still open the site: Firefox and Chrome each learn of revocations in their own way. It is a revoked ‹Certificate› all the same."),
        Say::StapleMissingMeaning => String::from("This certificate requires an attached ‹Ocsp› answer (must-staple), but the server attaches none."),
        Say::StapleFirefoxOnly => "Chrome does not check must-staple and connects.".into(),
        Say::ClientAuthMeaning => "The certificate is for servers (serverAuth) and clients (clientAuth). That works, but under Chrome's rules a public ‹Ca› issues server-only certificates from 15 March 2027, so a renewal from then on lacks clientAuth.".into(),
        Say::ClientAuthRelays => "Whatever presents it as a ‹ClientCertificate› (a mail relay) fails after the renewal.".into(),
        Say::StapleStaleMeaning => String::from("The ‹Ocsp› answer the server attaches has expired."),
        Say::RevocationNoAnswer { methods } => {
            let list = f.list(&methods.iter().map(|m| method(*m)).collect::<Vec<_>>());
            format!("We asked through {list} whether it was withdrawn, but got no answer.")
        }
        Say::NotARevocation => "This does not mean it was withdrawn.".into(),
        Say::BrowsersDoNotAskOnline => "Current browsers do not ask on every connection, so this usually has no effect.".into(),

        Say::DontUseUntilFixed => "Do not use this site or service until it is fixed.".into(),
        Say::NothingToDoNow => "There is nothing to do for now.".into(),
        Say::MailKeepWarning => "Do not go past your mail app's warning, and do not switch to \"no SSL\".".into(),

        Say::OnlyLeafAndIntermediates => "Put only the server's certificate and the intermediates in the certificate file.".into(),
        Say::SmallerCertificate => "Use a certificate of ordinary size (a few KB).".into(),
        Say::FewerNames => "Keep the names (subjectAltName) and extensions to those needed.".into(),
        Say::CheckParses => "Check it reads: `openssl x509 -in certificate-file -noout -text`.".into(),
        Say::PemIntact => "Use a PEM file (`-----BEGIN CERTIFICATE-----`) with its line breaks intact.".into(),
        Say::ReissueSha256 => "Have it reissued with a SHA-256 or stronger signature.".into(),
        Say::ReplaceIntermediate => "If an intermediate is outdated, replace it with the CA's current one.".into(),
        Say::NewKey => "Make a new RSA key of 2048+ bits or an ECDSA key (P-256+) and get a new certificate.".into(),
        Say::CertbotEcdsa => "`--key-type ecdsa` gets an ECDSA key.".into(),
        Say::ReissueWithin { limit } => format!("Get a new certificate valid for at most {limit} days."),
        Say::AutomateRenewal => "With automatic renewal (the `certbot renew` timer), short lifetimes cost no effort.".into(),
        Say::ReissueServerAuth => "Reissue it with serverAuth among its purposes (in-house CA: the Web Server template).".into(),
        Say::ReissueKeyUsage => "Reissue it with digitalSignature (and keyEncipherment for RSA) in keyUsage.".into(),
        Say::ShowUsages => "`openssl x509 -noout -ext extendedKeyUsage,keyUsage -in certificate-file` shows them.".into(),
        Say::OrderLeafFirst => "Order the file from the server's certificate up through the intermediates (as certbot's fullchain.pem is).".into(),
        Say::ReissueNewKey => "Get a new certificate with a new key and install it.".into(),
        Say::CertbotForceRenewal => "`certbot certonly --force-renewal -d name` does so (with a new key).".into(),
        Say::AskCaWhy => "If you did not ask for it, ask the CA why.".into(),
        Say::DropMustStaple => "Replace it with a certificate without must-staple (certbot: no `--must-staple`). Let's Encrypt has not issued them since 30 January 2025.".into(),
        Say::AskServerAuthOnly => "Ask your CA for a serverAuth-only certificate, and use another one to authenticate as a client.".into(),
        Say::PostfixClientCert => "If `smtp_tls_cert_file` names this certificate, remove it or use another.".into(),
        Say::NginxStapling => "If OCSP is available, set `ssl_stapling on;`, `ssl_stapling_verify on;` and a `resolver`, and name the intermediate in `ssl_trusted_certificate`.".into(),
        Say::ApacheStapling => "If OCSP is available, set `SSLUseStapling on` and `SSLStaplingCache shmcb:/var/run/ocsp(128000)`.".into(),
        Say::ServerReachesOcsp => "Check the server can reach the certificate's OCSP URL (firewall, DNS).".into(),
        Say::StopStaplingIfOcspEnded => "If the CA ended OCSP (Let's Encrypt did on 6 August 2025), turn stapling off and get a certificate without an OCSP URL.".into(),
        Say::NoOcspUrlIsNormal => "No OCSP URL is normal now (Let's Encrypt since 7 May 2025). A CRL alone is fine.".into(),
        Say::CrlReachable => "Check the certificate's CRL URL can be reached from outside.".into(),
        Say::CaOutage => "It may be a passing outage at the CA. Check again later.".into(),

        Say::KeyMismatchHeadline => "The private key does not belong to the ‹Certificate›".into(),
        Say::DangerServerRefusesPair => "The server software refuses this pair: the site or mail service would stop.".into(),
        Say::KeyMismatchMeaning { key, leaf_key } => format!(
            "The key in the file ({key}) is not the certificate's key ({leaf_key})."
        ),
        Say::KeepCurrentFiles => "Do not reload the server with these files.".into(),
        Say::ComparePublicKeys => "`openssl x509 -in CERT -noout -pubkey` and `openssl pkey -in KEY -pubout` must print the same key.".into(),
        Say::InstallNginx => "Name fullchain.pem in `ssl_certificate` and the key in `ssl_certificate_key`, then run `nginx -t` and `systemctl reload nginx`.".into(),
        Say::InstallApache => "Name fullchain.pem in `SSLCertificateFile` and the key in `SSLCertificateKeyFile`, then run `apachectl configtest` and `apachectl graceful`.".into(),
        Say::InstallIis => "Import the new certificate under Server Certificates and select it in the site's https binding.".into(),
        Say::InstallOther => "After installing the new certificate, have the server read it again.".into(),
    }
}
