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
        Say::LegacyOnlyHeadline { versions: vs } => {
            format!("The server only supports old encryption ({})", versions(vs, f))
        }
        Say::LegacyEnabledHeadline { versions: vs } => format!("Old encryption ({}) is still enabled", versions(vs, f)),
        Say::LegacyDanger => "Old versions have known weaknesses that let traffic be read or changed.".into(),
        Say::CurrentClientsUnaffected => "Connections from today's browsers and apps are not affected.".into(),
        Say::OnlyTheseVersions { versions: vs } => {
            format!("‹Tls› comes in versions. This server only speaks {}.", versions(vs, f))
        }
        Say::BrowsersDropped { year } => {
            format!("Weaknesses were found, so the major browsers stopped using these versions around {year}.")
        }
        Say::MailAppsDropped => "New mail apps, and many mail services, no longer use them either.".into(),
        Say::TypicalOfOldDevices => "This is common on old routers, NAS devices, printers and internal appliances.".into(),
        Say::AlsoOldVersions { versions: vs } => format!("This server connects with current ‹Tls›, but it also accepts old versions with known weaknesses ({}).", versions(vs, f)),
        Say::OldClientsMayUseThem => {
            "Today's browsers do not use old versions. Old devices and apps, however, may connect with them and be overheard.".into()
        }
        Say::WeakOnlyHeadline { weakness } => format!("The server only offers weak encryption ({})", name(*weakness)),
        Say::WeakEnabledHeadline { weakness } => format!("Weak encryption ({}) is still enabled", name(*weakness)),
        Say::AcceptedOnly { weakness } => {
            format!("Every ‹CipherSuite› this server accepted uses {}.", name(*weakness))
        }
        Say::AcceptsAlso { weakness } => format!("This server connects with a current ‹CipherSuite›, but it also accepts one that uses {}.", name(*weakness)),
        Say::Why { weakness } => match weakness {
            Weakness::Rc4 => "RC4 is a cipher with known ways to break it.".into(),
            Weakness::TripleDes => "3DES is an old cipher that can be broken from large amounts of traffic.".into(),
            Weakness::Null => "NULL encryption means no encryption at all.".into(),
            Weakness::Export => "Export-grade ciphers were weakened on purpose in the 1990s and are broken quickly.".into(),
            Weakness::Anonymous => "Anonymous key exchange does not check that the server is genuine.".into(),
            Weakness::StaticRsa => {
                "With RSA key exchange, a server key that leaks later exposes past traffic too.".into()
            }
            Weakness::Dhe { bits: Some(bits) } => {
                format!("The key of the key-sharing method (DH) is only {bits} bits, short enough to be broken.")
            }
            Weakness::Dhe { bits: None } => "DH key exchange is a key-sharing method the major browsers dropped.".into(),
        },
        Say::MainBrowsersRefuse => "Chrome, Edge and Firefox do not connect with it.".into(),
        Say::SomeBrowsersStillConnect => {
            "Some browsers, such as Firefox, can still connect this way, but others cannot.".into()
        }
        Say::SomeClientsStillUseRsa => "Some browsers and apps, such as Firefox, may still connect this way.".into(),
        Say::OldDevicesMayUseWeak => {
            "Today's browsers do not choose it. Old devices and apps, however, may connect with this weak encryption.".into()
        }
        Say::WeakDanger => "Weakly encrypted traffic may be read by others.".into(),
        Say::NoEncryptionDanger => "Nothing is encrypted, so the traffic can be read as it is.".into(),
        Say::NoServerCheckDanger => "A fake server posing as this one could not be told apart.".into(),
        Say::PastTrafficDanger => "If the server's key leaks, past traffic can be read too.".into(),
        Say::NoOverlapHeadline => "The server shares no cipher with us".into(),
        Say::NoOverlapMeaning => String::from("This server answers in ‹Tls›, but accepted none of the ‹CipherSuite› offered: neither those of today's browsers nor old ones. Its cipher settings may be narrowed down too far, or to unusual ciphers only."),
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
        Say::UpdateFirmware => {
            "For a device you manage, update its firmware. If that does not fix it, consider replacing the device.".into()
        }
        Say::DontLowerBrowserSettings => "Do not change browser settings to allow old methods.".into(),
        Say::NothingToDoForUsers => "There is nothing for users to do.".into(),
        Say::NoPlainApp => {
            "If an app asks whether to connect without encryption, answer no. Without encryption, your password and data can be read on the way.".into()
        }
        Say::NginxVersions => "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then reload after `nginx -t`.".into(),
        Say::ApacheVersions => "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3`, then reload with `apachectl graceful`.".into(),
        Say::IisVersions => {
            "Enable TLS 1.2 and disable TLS 1.0 and 1.1 (SCHANNEL registry settings, or a tool such as IIS Crypto). Windows Server 2008 and older lack proper TLS 1.2 support and need replacing.".into()
        }
        Say::PostfixVersions => {
            "In main.cf, set `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2` (Postfix 3.6 and later; older versions: `!SSLv2, !SSLv3, !TLSv1, !TLSv1.1`).".into()
        }
        Say::PostfixOldOpenssl => {
            "On an old OpenSSL, TLS 1.2 may need an OS upgrade. Check with `postconf -a` and `openssl version`.".into()
        }
        Say::DovecotVersions => "Set `ssl_min_protocol = TLSv1.2`.".into(),
        Say::ServerVersions => {
            "In the server's settings, enable TLS 1.2 and 1.3 and disable older versions. An old OpenSSL cannot do TLS 1.2, so the OS or the software may need an update.".into()
        }
        Say::DeviceFirmwareVersions => {
            "Routers, NAS devices and printers sometimes gain TLS 1.2 with a firmware update. For those that do not, put a relay that handles encryption in front (a reverse proxy), or consider replacing them.".into()
        }
        Say::NginxCiphers => {
            "Set `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`.".into()
        }
        Say::ApacheCiphers => "Give `SSLCipherSuite` the same list.".into(),
        Say::IisCiphers => {
            "In the \"SSL Cipher Suite Order\" group policy, enable ECDHE with AES-GCM and disable the RC4, 3DES, NULL and RSA key exchange suites.".into()
        }
        Say::PostfixCiphers => {
            "In main.cf, set `smtpd_tls_mandatory_ciphers = high` and `smtpd_tls_ciphers = high`, and drop weak ciphers with `smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES, MD5`.".into()
        }
        Say::PostfixNoRsaKeyExchange => {
            "To drop RSA key exchange too, add `kRSA` to `smtpd_tls_exclude_ciphers`. On port 25 this can send mail from old peer servers back to plaintext, so start with ports 587 and 465 (`-o` in `master.cf`).".into()
        }
        Say::PostfixDhParams => {
            "For a short DH key, remove the `smtpd_tls_dh1024_param_file` setting so that Postfix uses its built-in 2048-bit value (Postfix 3.1 and later).".into()
        }
        Say::DovecotCiphers => {
            "Remove weak ciphers such as RC4, 3DES and NULL from `ssl_cipher_list`, and include ECDHE with AES-GCM. Going back to the default is simplest.".into()
        }
        Say::DovecotDhParams => {
            "For a short DH key, make new parameters with `openssl dhparam -out /etc/dovecot/dh.pem 2048` and set `ssl_dh = </etc/dovecot/dh.pem` (Dovecot 2.3).".into()
        }
        Say::ServerCiphers => {
            "Remove weak ciphers such as RC4, 3DES and NULL from the server's cipher settings, and include ECDHE with AES-GCM.".into()
        }
        Say::DeviceFirmwareCiphers => "Old devices sometimes gain current ciphers with a firmware update.".into(),
        Say::KeyTypeMatchesCiphers => {
            "Check that the certificate's key type matches the ciphers: an ECDSA certificate with only RSA ciphers (ECDHE-RSA-…) leaves nothing in common.".into()
        }
        Say::PostfixReload => "After changing settings or certificates, run `postfix reload`.".into(),
        Say::DovecotReload => "After changing settings or certificates, run `doveadm reload`.".into(),
        Say::OutdatedHeadline => "Your browser is too old to connect to this site".into(),
        Say::OutdatedDanger => "An old browser no longer gets its security updates.".into(),
        Say::OutdatedMeaning { browser, version, needs, since } => {
            let needs = f.cat.version(*needs);
            format!("This site's server accepts ‹Tls› connections only with {needs} or newer. Your {browser} is version {version}. {browser} speaks {needs} from version {since}.")
        }
        Say::ServerIsRight => "The server's settings are right by today's standards.".into(),
        Say::UpdateBrowser => "Update your browser to the latest version.".into(),
        Say::BrowserUpdateMenu(Browser::Chrome) => {
            "Chrome: \"⋮\" at the top right → Help → About Google Chrome starts the update.".into()
        }
        Say::BrowserUpdateMenu(Browser::Edge) => {
            "Edge: \"…\" at the top right → Help and feedback → About Microsoft Edge starts the update.".into()
        }
        Say::BrowserUpdateMenu(Browser::Firefox) => {
            "Firefox: \"≡\" at the top right → Help → About Firefox starts the update.".into()
        }
        Say::OsTooOld => {
            "If the operating system is too old to update the browser, consider updating it or replacing the device. On a company device, ask your administrator.".into()
        }
        Say::AllowTls12IfNeeded => {
            "Only if users with old browsers must be served, enable TLS 1.2 as well (with safe suites only, such as ECDHE with AES-GCM).".into()
        }
        Say::NginxTls12And13 => "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then run `nginx -s reload` after `nginx -t`.".into(),
        Say::KeepVersionsAskUpdate => {
            "There is no need to turn older versions back on. Ask the user to update the browser.".into()
        }
        Say::NotOfferedHeadline { port } => format!("The server on port {port} does not support encryption"),
        Say::NotOfferedMeaning { protocol, upgrade: u } => format!(
            "We connected with {}, but the server does not offer {}. This server can only be talked to without encryption.",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u)
        ),
        Say::LoginAcceptedAnyway { mechanisms } => {
            format!("Even so, it accepts logging in with a password ({}).", f.list(mechanisms))
        }
        Say::PlaintextDanger { mail: true } => "Used like this, your password and your mail travel unencrypted.".into(),
        Say::PlaintextDanger { mail: false } => "Used like this, your password and data travel unencrypted.".into(),
        Say::CheckServiceSettings => "Check the port number and the encryption method in your provider's instructions.".into(),
        Say::PostfixChain => format!(
            "In main.cf, give the private key and the certificate file that includes the intermediate (Postfix 3.4 and later): `smtpd_tls_chain_files = /etc/letsencrypt/live/{h}/privkey.pem, /etc/letsencrypt/live/{h}/fullchain.pem`. Older versions: fullchain.pem in `smtpd_tls_cert_file` and privkey.pem in `smtpd_tls_key_file`.",
            h = f.host
        ),
        Say::PostfixMayOn25 => "In main.cf, `smtpd_tls_security_level = may` offers STARTTLS on port 25.".into(),
        Say::PostfixEncryptOnSubmission => {
            "Give the submission service (port 587) in master.cf `-o smtpd_tls_security_level=encrypt`, so that it refuses connections without encryption.".into()
        }
        Say::DovecotSsl => "Set `ssl = yes` (or `ssl = required` to refuse connections without encryption).".into(),
        Say::DovecotChain => format!(
            "Give the file that includes the intermediate. Dovecot 2.3: `ssl_cert = </etc/letsencrypt/live/{h}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{h}/privkey.pem` (the leading `<` means \"read this file\"). Dovecot 2.4: `ssl_server_cert_file` and `ssl_server_key_file`.",
            h = f.host
        ),
        Say::EnableUpgrade { upgrade: Upgrade::Starttls } => {
            "Give the server a certificate and private key, and turn STARTTLS on.".into()
        }
        Say::EnableUpgrade { upgrade: Upgrade::AuthTls } => {
            "Give the FTP server a certificate and private key, and turn AUTH TLS on.".into()
        }
        Say::EnableUpgrade { upgrade: Upgrade::Request } => {
            "Give the server a certificate and private key, and turn encryption (SSL/TLS) on.".into()
        }
        Say::FtpAuthTls => {
            "In vsftpd, set `ssl_enable=YES` with `rsa_cert_file` and `rsa_private_key_file`; in ProFTPD, `TLSEngine on`.".into()
        }
        Say::FailedHeadline { port } => format!("The switch to encryption failed on port {port}"),
        Say::ConnectedWith { protocol } => format!("We connected with {}.", f.cat.starttls_protocol(*protocol)),
        Say::Refused { upgrade: u } => format!(
            "The server said it supports {}, but when asked to switch, it refused. Most often the server cannot read its certificate or private key file.",
            upgrade(*u)
        ),
        Say::ProtocolError { upgrade: u, protocol } => format!(
            "During the {} exchange, the server answered against the rules of {}.",
            upgrade(*u),
            f.cat.starttls_protocol(*protocol)
        ),
        Say::CutInDialogue { upgrade: u } => format!("During the {} exchange, the server cut the connection.", upgrade(*u)),
        Say::CutInHandshake { upgrade: u } => format!("The server agreed to {}, then cut the connection during the ‹Handshake› that followed. The server may speak only old ‹Tls› versions, or its certificate settings may be broken.", upgrade(*u)),
        Say::SilentInDialogue { upgrade: u } => format!("During the {} exchange, the server stopped answering.", upgrade(*u)),
        Say::SilentInHandshake { upgrade: u } => format!("The server agreed to {}, but did not answer the ‹Handshake› that followed.", upgrade(*u)),
        Say::AlertInHandshake { upgrade: u, alert } => {
            let reason = f.cat.alert(alert).unwrap_or("a refusal without a known reason");
            format!("The server agreed to {}, then refused the ‹Handshake› that followed ({reason}).", upgrade(*u))
        }
        Say::LikelyVersionsOrCiphers => {
            "Most often the server speaks only old versions such as TLS 1.0 or 1.1, or shares no cipher with us.".into()
        }
        Say::BadDataInHandshake { upgrade: u } => format!("The server agreed to {}, then sent data against the rules of ‹Tls› during the ‹Handshake›.", upgrade(*u)),
        Say::NothingSentFailed => "No encrypted connection has started, and no password has been sent yet.".into(),
        Say::ServerLog { upgrade: Upgrade::Starttls } => {
            "Find in the server's log why STARTTLS failed. The location and read permissions of the certificate and key files are common causes.".into()
        }
        Say::ServerLog { upgrade: Upgrade::AuthTls } => {
            "Find in the FTP server's log why AUTH TLS failed. The location and read permissions of the certificate and key files are common causes.".into()
        }
        Say::ServerLog { upgrade: Upgrade::Request } => {
            "Find in the server's log why the switch to encryption failed. The location and read permissions of the certificate and key files are common causes.".into()
        }
        Say::PostfixLog => {
            "Look in `journalctl -u postfix` or /var/log/mail.log for why the certificate or key could not be read (such as `cannot get private key`).".into()
        }
        Say::PostfixCheckFiles => {
            "With `postconf -n | grep tls`, check that the files exist and that the key matches the certificate.".into()
        }
        Say::DovecotLog => "Look in `journalctl -u dovecot` for why the certificate or key could not be read.".into(),
        Say::DovecotCheckFiles => {
            "Check the settings with `doveconf -n | grep ssl`. In 2.3, a missing `<` before the file name is a common cause.".into()
        }
        Say::PlaintextAuthHeadline => "Password logins are accepted before encryption".into(),
        Say::PlaintextAuthMeaning { protocol, port, upgrade: u, mechanisms } => format!(
            "The {} server on port {port} supports {}, but it accepts logging in with a password ({}) before the switch too. An app set up without encryption would send the password in a readable form, and the login would still work.",
            f.cat.starttls_protocol(*protocol),
            upgrade(*u),
            f.list(mechanisms)
        ),
        Say::SafeWithEncryption { mail: true } => "Safe with encryption set. Dangerous with \"no SSL\".".into(),
        Say::SafeWithEncryption { mail: false } => "Safe with encryption set. Dangerous without it.".into(),
        Say::MailAppEncryptionNotNone => {
            "If your mail app's encryption is set to \"none\", change it to STARTTLS.".into()
        }
        Say::AppUsesEncryption { upgrade: u } => format!("Set the app to use encryption ({}).", upgrade(*u)),
        Say::ChangePasswordIfPlain => "If you used it without encryption, change your password to be safe.".into(),
        Say::PostfixAuthOnly => {
            "In main.cf, `smtpd_tls_auth_only = yes` stops offering login (AUTH) before STARTTLS.".into()
        }
        Say::DovecotNoPlaintextAuth => {
            "Refuse login before encryption: `disable_plaintext_auth = yes` in Dovecot 2.3, `auth_allow_cleartext = no` in 2.4.".into()
        }
        Say::RefuseLoginBeforeTls => "Refuse logins before encryption.".into(),
    }
}
