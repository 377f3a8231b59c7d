//! Common phrases (English, mirroring `ja.rs`).

use super::{Device, Say};
use crate::explain::Fmt;

pub(crate) fn say(s: &Say, f: &Fmt<'_>) -> String {
    match s {
        Say::NothingSentYet => "Nothing has been sent yet, so no information can have leaked.".into(),
        Say::DontEnterSecrets => "Do not enter passwords or card numbers on this page.".into(),
        Say::DontGoPast => "Do not go past the warning.".into(),
        Say::NoGoingPastByRule => {
            "Your organisation's rules do not allow going past this warning. Contact your organisation's help desk.".into()
        }
        Say::ContactSiteAdmin => "Contact the administrator of the site or service.".into(),
        Say::NothingToFixOnDevice => "There is nothing to fix on your computer or phone.".into(),
        Say::TryAgainLater => "Try again in a little while.".into(),
        Say::TryAnotherNetwork => {
            "Trying another network, such as your phone's tethering, tells you whether the network is the cause.".into()
        }
        Say::SetDeviceClock => "Set the device's date, time and time zone to be set automatically.".into(),
        Say::DeviceClockMenu(Device::Windows11) => {
            "Windows 11: Settings → Time & language → Date & time: turn on \"Set time automatically\" and \"Set time zone automatically\", then press \"Sync now\".".into()
        }
        Say::DeviceClockMenu(Device::Macos) => {
            "macOS: System Settings → General → Date & Time: turn on \"Set time and date automatically\".".into()
        }
        Say::DeviceClockMenu(Device::Ios) => {
            "iPhone and iPad: Settings → General → Date & Time: turn on \"Set Automatically\".".into()
        }
        Say::DeviceClockMenu(Device::Android) => {
            "Android: Settings → System → Date & time: turn on \"Set time automatically\" and \"Set time zone automatically\" (names vary a little by maker).".into()
        }
        Say::RestartBrowser => "Close the browser and open it again.".into(),
        Say::NoPlainMail => format!(
            "If your mail app offers to set up the account without {}, choose No. Without encryption, your password and mail can be read on the way.",
            "SSL"
        ),
        Say::MailPorts => String::from("The usual pairs are: sending on 587 with ‹Starttls› or 465 with ‹ImplicitTls›; receiving on 993 with SSL/TLS (IMAP) or 995 with SSL/TLS (POP3)."),
        Say::PostfixChainFiles => {
            let host = if f.host.is_empty() { "NAME" } else { f.host };
            format!(
                "In main.cf: `smtpd_tls_chain_files = /etc/letsencrypt/live/{host}/privkey.pem, /etc/letsencrypt/live/{host}/fullchain.pem` (Postfix 3.4 and later; before that, fullchain.pem in `smtpd_tls_cert_file` and privkey.pem in `smtpd_tls_key_file`)."
            )
        }
        Say::PostfixReload => "Run `postfix reload`.".into(),
        Say::DovecotCertFiles => {
            let host = if f.host.is_empty() { "NAME" } else { f.host };
            format!(
                "Set `ssl_cert = </etc/letsencrypt/live/{host}/fullchain.pem` and `ssl_key = </etc/letsencrypt/live/{host}/privkey.pem` (2.4: `ssl_server_cert_file` and `ssl_server_key_file`)."
            )
        }
        Say::DovecotReload => "Run `doveadm reload`.".into(),
        Say::FirefoxOsRoots => "Firefox 120 and later trust OS roots on Windows, macOS and Android (`security.enterprise_roots.enabled`); check no policy turns this off. On Linux, distribute the root with the policy Certificates → Install.".into(),
        Say::Port25 => "Port 25 is for mail servers passing mail to each other. To send from a mail app, use 587 (STARTTLS) or 465 (SSL/TLS).".into(),
    }
}
