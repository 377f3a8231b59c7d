//! What the server speaks (English, mirroring `ja.rs`).

use super::{Browser, Change, Say, Upgrade, Who};
use crate::explain::Fmt;
use crate::explain::glossary::Term;
use crate::wire::{ProtocolVersion, Weakness};

fn versions(vs: &[ProtocolVersion], f: &Fmt<'_>) -> String {
    f.list(&vs.iter().map(|v| f.cat.version(*v).to_owned()).collect::<Vec<_>>())
}

/// The weakness by name: "RC4", "RSA key exchange".
fn name(w: Weakness) -> String {
    match w {
        Weakness::Rc4 => "RC4".into(),
        Weakness::TripleDes => "3DES".into(),
        Weakness::Null => "NULL encryption".into(),
        Weakness::Export => "export-grade ciphers".into(),
        Weakness::Anonymous => "anonymous key exchange".into(),
        Weakness::StaticRsa => "RSA key exchange".into(),
        Weakness::Dhe { bits: Some(bits) } => format!("a {bits}-bit DH key"),
        Weakness::Dhe { bits: None } => "DH key exchange".into(),
    }
}

/// The switch by name: STARTTLS, AUTH TLS, or the switch itself.
fn upgrade(u: Upgrade) -> String {
    match u {
        Upgrade::Starttls => Term::Starttls.to_string(),
        Upgrade::AuthTls => Term::AuthTls.to_string(),
        Upgrade::Request => "the switch to encryption".into(),
    }
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        Say::LegacyOnlyHeadline { versions: vs } => format!("The server only speaks old {}", versions(vs, f)),
        Say::LegacyEnabledHeadline { versions: vs } => format!("Old {} left enabled", versions(vs, f)),
        Say::LegacyDanger => "Traffic may be read or changed.".into(),
        Say::CurrentClientsUnaffected => "Today's browsers and apps are not affected.".into(),
        Say::OnlyTheseVersions { versions: vs } => format!("Of the ‹Tls› versions, it speaks only {}.", versions(vs, f)),
        Say::BrowsersDropped { year } => format!("Weaknesses were found; major browsers dropped these versions around {year}."),
        Say::MailAppsDropped => "New mail apps and many mail services no longer use them either.".into(),
        Say::TypicalOfOldDevices => "This is common on old routers, NAS devices and printers.".into(),
        Say::AlsoOldVersions { versions: vs } => {
            format!("Besides current ‹Tls›, it also accepts old, weak {}.", versions(vs, f))
        }
        Say::OldClientsMayUseThem => "Old devices and apps may still connect this way and be overheard.".into(),
        Say::WeakOnlyHeadline { weakness } => format!("The server only offers weak encryption ({})", name(*weakness)),
        Say::WeakEnabledHeadline { weakness } => format!("Weak encryption ({}) is still enabled", name(*weakness)),
        Say::AcceptedOnly { weakness } => format!("Every ‹CipherSuite› it accepted uses {}.", name(*weakness)),
        Say::AcceptsAlso { weakness } => format!("Besides a current ‹CipherSuite›, it also accepts one with {}.", name(*weakness)),
        Say::Why { weakness } => match weakness {
            Weakness::Rc4 => "RC4 has known ways to break it.".into(),
            Weakness::TripleDes => "3DES can be broken from large amounts of traffic.".into(),
            Weakness::Null => "NULL encryption encrypts nothing.".into(),
            Weakness::Export => "Export-grade ciphers were weakened on purpose in the 1990s and break quickly.".into(),
            Weakness::Anonymous => "Anonymous key exchange does not check that the server is genuine.".into(),
            Weakness::StaticRsa => "RSA key exchange is an old method that a key leak breaks.".into(),
            Weakness::Dhe { bits: Some(_) } => "A DH key this short can be broken.".into(),
            Weakness::Dhe { bits: None } => "DH key exchange is a method the major browsers dropped.".into(),
        },
        Say::MainBrowsersRefuse => "Chrome, Edge and Firefox do not connect with it.".into(),
        Say::SomeBrowsersStillConnect => "Some browsers, such as Firefox, may still connect this way.".into(),
        Say::WeakDanger => "Traffic may be read by others.".into(),
        Say::NoEncryptionDanger => "Traffic can be read as it is.".into(),
        Say::NoServerCheckDanger => "A fake server posing as this one could not be told apart.".into(),
        Say::PastTrafficDanger => "If the server's key leaks, past traffic can be read too.".into(),
        Say::NoOverlapHeadline => "The server shares no cipher with us".into(),
        Say::NoOverlapMeaning => String::from("The server answers in ‹Tls›, but accepted no ‹CipherSuite› we offered, current or old. Its cipher settings may be too narrow or unusual."),
        Say::NotEncryptedYet => "No encrypted connection has started.".into(),
        Say::AskAdmin { who, change } => {
            let admin = match who {
                Who::Site => "the administrator of the site or device",
                Who::Mail => "your mail service's administrator",
                Who::Service => "the service's administrator",
            };
            match change {
                Change::Versions => format!("Ask {admin} to support TLS 1.2 or later."),
                Change::Ciphers => format!("Ask {admin} to support current ciphers."),
            }
        }
        Say::UpdateFirmware => "For your own device, update its firmware; if that fails, consider replacing it.".into(),
        Say::DontLowerBrowserSettings => "Do not change browser settings to allow old methods.".into(),
        Say::NothingToDoForUsers => "There is nothing for users to do.".into(),
        Say::NoPlainApp => "Do not connect without encryption: your password and data could be read.".into(),
        Say::NginxVersions => "`ssl_protocols TLSv1.2 TLSv1.3;`, then `nginx -t && nginx -s reload`".into(),
        Say::ApacheVersions => "`SSLProtocol -all +TLSv1.2 +TLSv1.3`, then `apachectl graceful`".into(),
        Say::IisVersions => {
            "In the SCHANNEL registry or IIS Crypto, enable TLS 1.2 and disable TLS 1.0 and 1.1. Windows Server 2008 and older need replacing.".into()
        }
        Say::PostfixVersions => {
            "In main.cf: `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2` (before 3.6: `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`)".into()
        }
        Say::PostfixOldOpenssl => "On an old OpenSSL, TLS 1.2 may need an OS upgrade (`openssl version`).".into(),
        Say::DovecotVersions => "`ssl_min_protocol = TLSv1.2`".into(),
        Say::ServerVersions => {
            "Enable TLS 1.2 and 1.3 and disable older versions. An old OpenSSL means updating the OS or the software too.".into()
        }
        Say::DeviceFirmwareVersions => {
            "Devices sometimes gain TLS 1.2 with a firmware update. If not, put a reverse proxy in front, or replace them.".into()
        }
        Say::NginxCiphers => {
            "`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`".into()
        }
        Say::ApacheCiphers => "Give `SSLCipherSuite` the same list.".into(),
        Say::IisCiphers => {
            "In the \"SSL Cipher Suite Order\" group policy, enable ECDHE with AES-GCM; disable RC4, 3DES, NULL and RSA key exchange.".into()
        }
        Say::PostfixCiphers => {
            "In main.cf: `smtpd_tls_ciphers = high`, `smtpd_tls_mandatory_ciphers = high`, `smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5`".into()
        }
        Say::PostfixNoRsaKeyExchange => {
            "Add `kRSA` to `smtpd_tls_exclude_ciphers`. On port 25 old peers may fall back to plaintext, so start with ports 587 and 465 (`-o` in `master.cf`).".into()
        }
        Say::PostfixDhParams => "Remove `smtpd_tls_dh1024_param_file` to use the built-in 2048-bit value (3.1 and later).".into(),
        Say::DovecotCiphers => {
            "Reset `ssl_cipher_list` to the default, or remove RC4, 3DES and NULL and include ECDHE with AES-GCM.".into()
        }
        Say::DovecotDhParams => {
            "`openssl dhparam -out /etc/dovecot/dh.pem 2048`, then `ssl_dh = </etc/dovecot/dh.pem` (2.3)".into()
        }
        Say::ServerCiphers => "Remove RC4, 3DES, NULL and the like from the cipher settings; include ECDHE with AES-GCM.".into(),
        Say::DeviceFirmwareCiphers => "Devices sometimes gain current ciphers with a firmware update.".into(),
        Say::KeyTypeMatchesCiphers => {
            "Check that the certificate's key type matches the ciphers: an ECDSA certificate with only ECDHE-RSA-… ciphers leaves nothing in common.".into()
        }
        Say::OutdatedHeadline => "Your browser is too old to connect to this site".into(),
        Say::OutdatedDanger => "An old browser no longer gets its security updates.".into(),
        Say::OutdatedMeaning { browser, version, needs, since } => {
            let needs = f.cat.version(*needs);
            format!("This site accepts ‹Tls› only with {needs} or newer. {browser} speaks {needs} from version {since}; yours is {version}.")
        }
        Say::ServerIsRight => "The server's settings are right by today's standards.".into(),
        Say::UpdateBrowser => "Update your browser to the latest version.".into(),
        Say::BrowserUpdateMenu(Browser::Chrome) => "Chrome: \"⋮\" at the top right → Help → About Google Chrome.".into(),
        Say::BrowserUpdateMenu(Browser::Edge) => "Edge: \"…\" at the top right → Help and feedback → About Microsoft Edge.".into(),
        Say::BrowserUpdateMenu(Browser::Firefox) => "Firefox: \"≡\" at the top right → Help → About Firefox.".into(),
        Say::OsTooOld => {
            "If the OS is too old for a new browser, update it or replace the device. On a company device, ask your administrator.".into()
        }
        Say::AllowTls12IfNeeded => {
            "Only if old browsers must be served, enable TLS 1.2 too (ECDHE with AES-GCM only).".into()
        }
        Say::KeepVersionsAskUpdate => "Do not turn older versions back on; ask the user to update the browser.".into(),
        Say::NotOfferedHeadline { port } => format!("The server on port {port} does not support encryption"),
        Say::NotOfferedMeaning { protocol, upgrade: u } => format!(
            "We connected with {}, but the server does not offer {}.",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u)
        ),
        Say::LoginAcceptedAnyway { mechanisms } => {
            format!("Even so, it accepts password logins ({}).", f.list(mechanisms))
        }
        Say::PlaintextDanger { mail: true } => "Used like this, your password and mail travel unencrypted.".into(),
        Say::PlaintextDanger { mail: false } => "Used like this, your password and data travel unencrypted.".into(),
        Say::CheckServiceSettings => "Check the port and encryption method in your provider's instructions.".into(),
        Say::PostfixMayOn25 => "For port 25, in main.cf: `smtpd_tls_security_level = may`".into(),
        Say::PostfixEncryptOnSubmission => "In master.cf, for submission (port 587): `-o smtpd_tls_security_level=encrypt`".into(),
        Say::DovecotSsl => "`ssl = yes` (`ssl = required` to refuse plaintext)".into(),
        Say::EnableUpgrade { upgrade: u } => format!("Give the server a certificate and private key, and enable {}.", upgrade(*u)),
        Say::FtpAuthTls => "vsftpd: `ssl_enable=YES`, `rsa_cert_file`, `rsa_private_key_file`. ProFTPD: `TLSEngine on`".into(),
        Say::FailedHeadline { port } => format!("The switch to encryption failed on port {port}"),
        Say::ConnectedWith { protocol } => format!("We connected with {}.", f.cat.starttls_protocol(*protocol)),
        Say::Refused { upgrade: u } => format!(
            "The server said it supports {}, then refused to switch. Most often it cannot read its certificate or key file.",
            upgrade(*u)
        ),
        Say::ProtocolError { upgrade: u, protocol } => format!(
            "During {}, the server answered against the rules of {}.",
            upgrade(*u),
            f.cat.starttls_protocol(*protocol)
        ),
        Say::CutInDialogue { upgrade: u } => format!("During {}, the server cut the connection.", upgrade(*u)),
        Say::CutInHandshake { upgrade: u } => format!("The server agreed to {}, then cut the ‹Handshake›. It may speak only old ‹Tls›, or its certificate settings may be broken.", upgrade(*u)),
        Say::SilentInDialogue { upgrade: u } => format!("During {}, the server stopped answering.", upgrade(*u)),
        Say::SilentInHandshake { upgrade: u } => format!("The server agreed to {}, then did not answer the ‹Handshake›.", upgrade(*u)),
        Say::AlertInHandshake { upgrade: u, alert } => {
            let reason = f.cat.alert(alert).unwrap_or("no known reason");
            format!("The server agreed to {}, then refused the ‹Handshake› ({reason}).", upgrade(*u))
        }
        Say::LikelyVersionsOrCiphers => "Most often the server speaks only TLS 1.0 or 1.1, or shares no cipher with us.".into(),
        Say::BadDataInHandshake { upgrade: u } => format!("The server agreed to {}, then broke the rules of ‹Tls› in the ‹Handshake›.", upgrade(*u)),
        Say::NothingSentFailed => "No password has been sent yet.".into(),
        Say::ServerLog { upgrade: u } => format!(
            "Find in the server's log why {} failed. Most often: where the certificate and key files are, or their read permissions.",
            upgrade(*u)
        ),
        Say::PostfixLog => "Look in `journalctl -u postfix` or /var/log/mail.log for errors such as `cannot get private key`.".into(),
        Say::PostfixCheckFiles => "With `postconf -n | grep tls`, check that the files exist and the key matches the certificate.".into(),
        Say::DovecotLog => "Look in `journalctl -u dovecot` for errors.".into(),
        Say::DovecotCheckFiles => "Check the settings with `doveconf -n | grep ssl`.".into(),
        Say::PlaintextAuthHeadline => "Password logins are accepted before encryption".into(),
        Say::PlaintextAuthMeaning { protocol, port, upgrade: u, mechanisms } => format!(
            "The {} server on port {port} supports {}, but also accepts logins ({}) before the switch. An app set up without encryption sends the password readably, and still logs in.",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u),
            f.list(mechanisms)
        ),
        Say::SafeWithEncryption { mail: true } => "Safe with encryption set. Dangerous with \"no SSL\".".into(),
        Say::SafeWithEncryption { mail: false } => "Safe with encryption set. Dangerous without it.".into(),
        Say::MailAppEncryptionNotNone => "If your mail app's encryption is \"none\", change it to STARTTLS.".into(),
        Say::AppUsesEncryption { upgrade: u } => format!("Set the app to use encryption ({}).", upgrade(*u)),
        Say::ChangePasswordIfPlain => "If you used it without encryption, change your password.".into(),
        Say::PostfixAuthOnly => "In main.cf: `smtpd_tls_auth_only = yes`".into(),
        Say::DovecotNoPlaintextAuth => "2.3: `disable_plaintext_auth = yes`; 2.4: `auth_allow_cleartext = no`".into(),
        Say::RefuseLoginBeforeTls => "Refuse logins before encryption.".into(),
    }
}
