//! The certificate itself and how it is served (English, mirroring `ja.rs`).

use super::Say;
use crate::explain::Fmt;
use crate::time::Timestamp;
use crate::wire::RevocationMethod;

const MONTHS: [&str; 12] = [
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
        RevocationMethod::Staple => String::from("the answer from ‹Ocsp› the server attached"),
        RevocationMethod::Ocsp => String::from("a query by ‹Ocsp›"),
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
        Say::KeyUsageHeadline => String::from("The key of this ‹Certificate› may not be used for encrypted connections"),
        Say::WrongOrderHeadline => String::from("The server sends its ‹Certificate› chain in the wrong order"),
        Say::RootInChainHeadline => String::from("The server also sends the ‹RootCertificate›"),
        Say::RevokedHeadline => String::from("The issuer has withdrawn this ‹Certificate›"),
        Say::StapleMissingHeadline => {
            String::from("The server does not attach the revocation status its ‹Certificate› requires")
        }
        Say::StapleStaleHeadline => "The revocation status the server attaches is out of date".into(),
        Say::RevocationUnknownHeadline => String::from("Whether the ‹Certificate› was withdrawn could not be checked"),

        Say::DangerUnverified => "The site cannot be shown to be genuine, so do not enter passwords or other secrets.".into(),
        Say::DangerMailPassword => "A mail app sends your password at once, so it could reach a fake server.".into(),
        Say::DangerSomeClientsFail => "Some apps and devices cannot connect.".into(),
        Say::DangerRevoked => "It may be a fake site. Do not enter passwords or other secrets.".into(),
        Say::DangerBrowsersRefuse => "Chrome and Safari may refuse to connect.".into(),
        Say::DangerMayBeRevoked => "It works for now, but may stop working soon.".into(),
        Say::DangerFirefoxRefuses => "Firefox and some other browsers cannot connect.".into(),
        Say::DangerBrowsersConnect => "For now, most browsers connect.".into(),
        Say::DangerOldClientsFail => "Current browsers connect, but old apps and devices may fail.".into(),
        Say::DangerNone => "Nothing is wrong.".into(),

        Say::ChainTooLongMeaning { certificates } => format!(
            "The server sent {certificates} certificates; 2 to 4 is usual. The extra ones are not used, and some apps and devices cannot take that many and fail to connect."
        ),
        Say::TooLargeMeaning { kb } => format!(
            "The certificates the server sent total about {kb} KB (a few KB is usual). Some software cannot take that much: rustls stops at 64 KB and OpenSSL by default at 100 KB."
        ),
        Say::UnparseableMeaning { position } => {
            format!("Certificate number {position} the server sent is malformed, so its contents could not be checked.")
        }
        Say::WeakSignatureMeaning { subject, hash } => format!(
            "A certificate carries its issuer's signature vouching for it. \"{subject}\" is signed with {hash}, an outdated method that allows forgeries, so current browsers refuse it."
        ),
        Say::WeakKeyMeaning { subject, key } => format!(
            "The key of \"{subject}\" is {key}, shorter than today's minimum (2048 bits for RSA, 256 bits for elliptic curves), and could be broken. Browsers therefore refuse it."
        ),
        Say::ValidityRule { issued, days, limit } => {
            let period = match limit {
                398 => "certificates issued before 15 March 2026 may be valid for at most 398 days".to_owned(),
                200 => "certificates issued from 15 March 2026 to 14 March 2027 may be valid for at most 200 days".to_owned(),
                100 => "certificates issued from 15 March 2027 to 14 March 2029 may be valid for at most 100 days".to_owned(),
                47 => "certificates issued from 15 March 2029 may be valid for at most 47 days".to_owned(),
                other => format!("certificates issued at that time may be valid for at most {other} days"),
            };
            format!("This certificate was issued on {} and is valid for {days} days. Under the rules every public ‹Ca› follows, {period}.", day(*issued, f))
        }
        Say::BrowsersEnforce398 => {
            "Chrome and Safari refuse certificates of more than 398 days from public certificate authorities.".into()
        }
        Say::BrowsersStillAccept => "Browsers refuse only certificates of more than 398 days, so it works for now.".into(),
        Say::CaMustRevokeMisissued => {
            "But a certificate issued against the rules is to be withdrawn by the certificate authority that issued it.".into()
        }
        Say::PrivateCaExempt => "Certificates from an organisation's own certificate authority are not bound by these rules.".into(),
        Say::PurposesWithoutServerAuth { purposes } => {
            let list = f.list(&purposes.iter().map(|p| f.cat.purpose(p)).collect::<Vec<_>>());
            format!(
                "A certificate says what it may be used for. This one is for \"{list}\" and does not include \"server authentication (serverAuth)\", so browsers refuse it."
            )
        }
        Say::KeyUsageBarsTls => "A certificate also says what its key may be used for. This one's key is not allowed the use an encrypted connection needs (such as digital signatures), so browsers refuse it.".into(),
        Say::NoPurposesIsFine => "That it names no purposes (such as serverAuth) is not a problem in itself.".into(),
        Say::WrongOrderMeaning => String::from("A server should send its own certificate followed by the ‹Intermediate› that issued it, in order. This server mixes up the order. Current browsers reorder and check them, but old mail apps and devices may fail."),
        Say::RootInChainMeaning { subject } => format!(
            "The server also sends the root certificate \"{subject}\". Browsers and operating systems already have their root certificates, so it is not used. It does no harm, but adds a little traffic."
        ),
        Say::RevokedMeaning { method: m } => format!("This certificate has been withdrawn, which is called ‹Revocation›. Issuers do this when a key has leaked, for example. Checked through {}.", method(*m)),
        Say::RevokedReason { reason } => format!("The reason given is \"{}\".", f.cat.revocation_reason(reason)),
        Say::StapleMissingMeaning => String::from("This certificate requires the server to always attach an answer from ‹Ocsp› (must-staple), but the server does not. Firefox honours this and refuses to connect."),
        Say::StapleStaleMeaning => String::from("The server attaches an answer from ‹Ocsp› showing the certificate has not been withdrawn, but that answer has expired."),
        Say::RevocationNoAnswer { methods } => {
            let list = f.list(&methods.iter().map(|m| method(*m)).collect::<Vec<_>>());
            format!("We tried to check whether the certificate was withdrawn through {list}, but got no answer.")
        }
        Say::NotARevocation => "This does not mean it was withdrawn.".into(),
        Say::BrowsersDoNotAskOnline => {
            "Current browsers do not ask the issuer on every connection, so this usually has no effect.".into()
        }

        Say::DontUseUntilFixed => "Do not use this site or service until it is fixed.".into(),
        Say::NothingToDoNow => "There is nothing to do for now.".into(),
        Say::MailKeepWarning => "Do not go past your mail app's warning, and do not switch to \"no SSL\" either.".into(),

        Say::OnlyLeafAndIntermediates => "Put only the server's certificate and the intermediate certificates in the certificate file. Remove root certificates, old certificates and other sites' certificates.".into(),
        Say::SmallerCertificate => "Use a certificate of ordinary size (a few KB).".into(),
        Say::FewerNames => "Keep the names (subjectAltName) and extensions in the certificate to those needed.".into(),
        Say::CheckParses => "Check that the certificate can be read: `openssl x509 -in certificate-file -noout -text`.".into(),
        Say::PemIntact => "Use a PEM file (starting with `-----BEGIN CERTIFICATE-----`) with its line breaks intact.".into(),
        Say::ReissueSha256 => "Have the certificate reissued with a SHA-256 (or stronger) signature.".into(),
        Say::ReplaceIntermediate => "If the outdated one is an intermediate, replace it with the one the certificate authority distributes now.".into(),
        Say::NewKey => "Make a new RSA key of 2048 bits or more, or an ECDSA key (P-256 or more), and get a new certificate.".into(),
        Say::CertbotEcdsa => "`--key-type ecdsa` gets the certificate with an ECDSA key.".into(),
        Say::ReissueWithin { limit } => format!("Get a new certificate valid for at most {limit} days."),
        Say::AutomateRenewal => "With automatic renewal (the `certbot renew` timer, for example), short lifetimes cost no effort.".into(),
        Say::ReissueServerAuth => "Reissue the certificate with \"server authentication (serverAuth)\" among its purposes. With an in-house certificate authority, use the Web Server template.".into(),
        Say::ReissueKeyUsage => "Reissue the certificate with digitalSignature (and keyEncipherment for an RSA key) in its key usage (keyUsage).".into(),
        Say::ShowUsages => "`openssl x509 -noout -ext extendedKeyUsage,keyUsage -in certificate-file` shows its purposes and key usage.".into(),
        Say::OrderLeafFirst => "Order the certificate file as: the server's certificate, the intermediate that issued it, then the one above that. certbot's fullchain.pem is in the right order.".into(),
        Say::RootNotNeeded => "Removing the root certificate from the certificate file saves a little traffic.".into(),
        Say::ReissueNewKey => "Get a new certificate with a new key and install it. If the key may have leaked, always make a new key.".into(),
        Say::CertbotForceRenewal => "`certbot certonly --force-renewal -d name` gets a new one (with a new key).".into(),
        Say::AskCaWhy => "If you did not have it withdrawn, ask the certificate authority why.".into(),
        Say::DropMustStaple => "Replace it with a certificate without must-staple (with certbot, leave out `--must-staple`). Let's Encrypt has not issued must-staple certificates since 30 January 2025.".into(),
        Say::NginxStapling => "If the certificate authority still runs OCSP, set `ssl_stapling on;`, `ssl_stapling_verify on;` and a `resolver`, and name the intermediate in `ssl_trusted_certificate`.".into(),
        Say::ApacheStapling => "If the certificate authority still runs OCSP, set `SSLUseStapling on` and `SSLStaplingCache shmcb:/var/run/ocsp(128000)`.".into(),
        Say::MailServersDoNotStaple => "Postfix and Dovecot cannot attach the revocation status, so use a certificate without must-staple.".into(),
        Say::ServerReachesOcsp => "Check that the server can reach the OCSP URL in the certificate (firewall, DNS).".into(),
        Say::StopStaplingIfOcspEnded => "If the certificate authority ended OCSP (Let's Encrypt did on 6 August 2025), turn stapling off and get a new certificate without an OCSP URL.".into(),
        Say::NoOcspUrlIsNormal => "A certificate without an OCSP URL is normal now (Let's Encrypt has left it out since 7 May 2025). A CRL alone is fine.".into(),
        Say::CrlReachable => "Check that the CRL URL in the certificate can be reached from outside.".into(),
        Say::CaOutage => "It may be a passing outage at the certificate authority. Check again in a little while.".into(),

        Say::InstallNginx => "Name the file with the intermediates (fullchain.pem) in `ssl_certificate` and the private key in `ssl_certificate_key`, then run `nginx -t` and `systemctl reload nginx`.".into(),
        Say::InstallApache => "Name the file with the intermediates (fullchain.pem) in `SSLCertificateFile` and the private key in `SSLCertificateKeyFile`, then run `apachectl configtest` and `apachectl graceful`.".into(),
        Say::InstallIis => "Import the new certificate under Server Certificates and select it again in the site's https binding.".into(),
        Say::InstallPostfix { host } => format!(
            "In main.cf set `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem` (Postfix 3.4 and later), then run `postfix reload`."
        ),
        Say::InstallDovecot { host } => format!(
            "Set `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` (in 2.4, `ssl_server_cert_file` and `ssl_server_key_file`), then run `doveadm reload`."
        ),
        Say::InstallOther => "After installing the new certificate, have the server software read it again.".into(),
    }
}
