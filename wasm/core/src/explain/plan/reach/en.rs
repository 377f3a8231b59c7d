//! Reaching the server (English, mirroring `ja.rs`).

use super::{Alert, App, Say, Upgrade};
use crate::explain::Fmt;
use crate::wire::{CutKind, DnsError, LimitSource, Stage};

/// What the server did during the handshake.
fn hs(rest: &str) -> String {
    format!("During the ‹Handshake›, the server {rest}")
}

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        // ok
        Say::OkFilesHeadline => "No problem found in the certificate files".into(),
        Say::OkFilesMeaning => "The ‹Certificate› is valid, and the chain up to a trusted root checks out.".into(),
        Say::OkFilesDanger => "A server can use these files.".into(),
        Say::OkHeadline => "No problem found with the connection".into(),
        Say::OkMeaning { version } => {
            format!("A valid ‹Certificate›; the connection is secure with {version}.")
        }
        Say::OkDaysLeft { days } => format!("The certificate expires in {days} days."),
        Say::OkExpiresToday => "The certificate expires today.".into(),
        Say::OkBrowserSameCertificate => "The browser received the same certificate.".into(),
        Say::OkDanger => "The connection is safe to use now.".into(),
        Say::NothingToDo => "Nothing to do.".into(),
        Say::OkStillAnError => "If errors remain, check the device's date and time.".into(),
        Say::CertbotTimer => "Check renewal: `systemctl list-timers certbot.timer`.".into(),

        // dns_failure
        Say::DnsHeadline { host } => format!("No address found for \"{host}\""),
        Say::DnsMeaning { error, host } => match error {
            DnsError::NoSuchHost => format!("No name \"{host}\" is registered in ‹Dns›."),
            DnsError::NoAddress => format!("\"{host}\" is in ‹Dns›, but has no address."),
            DnsError::TemporaryFailure => {
                String::from("‹Dns› gave no answer: maybe a temporary network or DNS server problem.")
            }
            DnsError::TimedOut => String::from("‹Dns› did not answer in time."),
            DnsError::Other => format!("\"{host}\" could not be looked up in ‹Dns›."),
        },
        Say::CheckSpelling => "Check the spelling of the address.".into(),
        Say::BewareLookalikes => "Beware of fake sites with similar spellings.".into(),
        Say::CheckOtherSites => "Try another site. If none opens, it is the network.".into(),
        Say::CompanyServerNeedsVpn => {
            String::from("Company servers may only be found inside the company or over ‹Vpn›.")
        }
        Say::DnsRecords { host } => format!("Check `dig {host} A` and `dig {host} AAAA`."),
        Say::DnsDomainExpiry => "Also check the domain's expiry and its NS records.".into(),

        // host_unreachable
        Say::UnreachableHeadline { address } => format!("The server ({address}) cannot be reached"),
        Say::UnreachableMeaning { address } => format!(
            "No route to {address}: the device is offline, or a device on the way blocks it."
        ),
        Say::CheckConnected => "Check that you are connected to a network.".into(),
        Say::ConnectVpnFirst => String::from("For a company server, connect to the ‹Vpn› first."),
        Say::ServerRunningAndRoutes => "Check the server, routing and firewalls.".into(),
        Say::Ipv6Reachable => "With an AAAA record, check that IPv6 reaches the server.".into(),

        // port_closed
        Say::PortClosedHeadline { port } => format!("Port {port} does not accept connections"),
        Say::PortClosedMeaning { address, port } => {
            format!("The server ({address}) was reached, but nothing listens on ‹Port› {port}.")
        }
        Say::CheckAddressAndPort => "Check the address and port number.".into(),
        Say::ServerRestarting => "The server may be restarting. Try again later.".into(),
        Say::AdminListening { port } => format!("Check what listens on port {port}: `ss -ltnp`."),
        Say::NginxListen { port } => {
            format!("Check `listen {port} ssl;`, then run `nginx -t` and `systemctl reload nginx`.")
        }
        Say::ApacheListen { port } => format!("Check `Listen {port}` and `<VirtualHost *:{port}>`."),
        Say::IisBinding { port } => format!("Check the site's https binding on port {port}."),
        Say::PostfixListen { port } => format!(
            "In master.cf, uncomment the service for port {port} (25 smtp, 465 smtps, 587 submission), then run `postfix reload`."
        ),
        Say::DovecotListen { port } => format!(
            "Add imap or pop3 to `protocols` and `port = {port}` to an `inet_listener`, then run `doveadm reload`."
        ),

        // timeout_filtered
        Say::TimeoutHeadline { stage: Stage::Connect, port } => format!("No answer from the server on port {port}"),
        Say::TimeoutHeadline { stage: Stage::Greeting, port } => format!("The server on port {port} sends no greeting"),
        Say::TimeoutHeadline { stage: Stage::TlsHandshake, port } => {
            format!("The server on port {port} does not start encryption")
        }
        Say::TimeoutMeaning { stage: Stage::Connect, .. } => {
            String::from("A ‹Firewall› on the way may be stopping the traffic, or the server may be down.")
        }
        Say::TimeoutMeaning { stage: Stage::Greeting, .. } => {
            "Connected, but no greeting nor answer to encryption came. The server may be overloaded or stopping.".into()
        }
        Say::TimeoutMeaning { stage: Stage::TlsHandshake, .. } => String::from("Connected, but the ‹Handshake› got no reply: an unencrypted service, or a server that cannot answer."),
        Say::Port25ForServers => "Port 25 is for mail between servers.".into(),
        Say::Port25Blocked => "Many providers block outgoing port 25 against spam.".into(),
        Say::SendOn587Or465 => "To send from a mail app, use port 587 or 465.".into(),
        Say::NetworkMayBlockPorts => "Company, school and hotel networks may block ports.".into(),
        Say::AdminFirewallPort { port } => format!("Check that the server and firewalls allow port {port}."),
        Say::CloudSecurityGroups => "In a cloud, also check security groups and network ACLs.".into(),
        Say::AdminServerProcess => "Check the server process, and the logs for overload or errors.".into(),
        Say::PostfixGreetWait => "With postscreen, also check `postscreen_greet_wait`.".into(),
        Say::PostfixWrapperMode => "In master.cf, give submissions on 465 `-o smtpd_tls_wrappermode=yes`, then run `postfix reload`.".into(),
        Say::DovecotImplicitListener => "Set `ssl = yes`, `ssl_cert` and `ssl_key` for `inet_listener imaps` and `pop3s`, then run `doveadm reload`.".into(),

        // connection_reset
        Say::ResetHeadline => "The connection to the server was cut".into(),
        Say::ResetMeaning { how } => format!(
            "While starting encryption, the connection was {}. The server may reject our encryption, or a ‹Firewall› on the way may block it.",
            match how {
                CutKind::Reset => "forcibly reset",
                CutKind::Closed => "closed without an answer",
            }
        ),

        // wrong_protocol_on_port
        Say::TlsFromStartHeadline { port } => format!("Port {port} expects encryption from the start"),
        Say::TlsFromStartMeaning { upgrade: Upgrade::Starttls } => String::from(
            "We spoke ‹Starttls›, but this port expected ‹ImplicitTls›.",
        ),
        Say::TlsFromStartMeaning { upgrade: Upgrade::AuthTls } => String::from("We meant to switch with FTP's command (AUTH TLS), but this port expected ‹ImplicitTls›."),
        Say::EncryptionWorksDanger => "Encryption works: no need for \"no encryption\".".into(),
        Say::SwitchToImplicit { app: App::Mail, port } => {
            format!("In your mail app, set the encryption for port {port} to \"SSL/TLS\".")
        }
        Say::SwitchToImplicit { app: App::Ftp, .. } => "In your FTP program, set the encryption to \"implicit FTP over TLS\".".into(),
        Say::SwitchToImplicit { app: App::Other, .. } => "Set the app's encryption to encryption from the start.".into(),
        Say::MatchProviderPairs => "Or use the port and encryption your provider gives.".into(),
        Say::PostfixNoWrapperOn587 => "In master.cf, remove `-o smtpd_tls_wrappermode=yes` from submission on 587.".into(),
        Say::DovecotSslOnlyOnImplicit => "Put `ssl = yes` only on the `inet_listener` of 993 and 995.".into(),
        Say::AdminDocumentPairs => "In your instructions, give each port with its encryption.".into(),
        Say::OtherServiceHeadline { port, seen } => {
            format!("Another service ({}) answers on port {port}", f.cat.plaintext(*seen))
        }
        Say::OtherServiceMeaning { expected, seen } => format!(
            "We expected {}, but {} answered. The port number is likely wrong.",
            f.cat.starttls_protocol(*expected),
            f.cat.plaintext(*seen)
        ),
        Say::WrongServiceDanger => "Do not enter your password until the settings are fixed.".into(),
        Say::CompareWithInstructions { app } => format!(
            "Compare the server name and port in your {} with your provider's instructions.",
            match app {
                App::Mail => "mail app",
                App::Ftp => "FTP program",
                App::Other => "app",
            }
        ),
        Say::AskForSettings => "If unsure, ask the administrator for the right settings.".into(),
        Say::AdminWhatListens { port } => {
            format!("Check the service on port {port}: `ss -ltnp`.")
        }
        Say::ServerLacksTlsHeadline { port } => format!("The server on port {port} answers without encryption"),
        Say::ServerLacksTlsMeaning { port, seen } => format!(
            "Port {port} is for encryption from the start, yet the server answered as {}: its settings are wrong.",
            f.cat.plaintext(*seen)
        ),
        Say::PlainDanger => "Nothing is encrypted: do not enter passwords.".into(),
        Say::TellAdminNoTls { port } => format!("Tell the administrator that port {port} has no encryption."),
        Say::OtherPairMeanwhile => {
            "If your provider gives another pair, use it meanwhile.".into()
        }
        Say::VsftpdImplicit => "With vsftpd, give the listener on 990 `implicit_ssl=YES`.".into(),
        Say::UpgradePortHeadline { port, upgrade: Upgrade::Starttls } => {
            format!("Port {port} switches to encryption midway")
        }
        Say::UpgradePortHeadline { port, upgrade: Upgrade::AuthTls } => {
            format!("Port {port} switches to encryption with an FTP command")
        }
        Say::UpgradePortMeaning { upgrade: Upgrade::Starttls, .. } => {
            String::from("We encrypted from the start, which does not match this ‹Starttls› port.")
        }
        Say::UpgradePortMeaning { upgrade: Upgrade::AuthTls, .. } => {
            "We encrypted from the start, which does not match this port's FTP command (AUTH TLS).".into()
        }
        Say::DontChooseNoEncryption => {
            "Do not choose \"no encryption\".".into()
        }
        Say::SwitchToUpgrade { app: App::Mail, port } => {
            format!("In your mail app, set the encryption for port {port} to \"STARTTLS\".")
        }
        Say::SwitchToUpgrade { app: App::Ftp, .. } => "In your FTP program, set the encryption to \"explicit FTP over TLS\".".into(),
        Say::SwitchToUpgrade { app: App::Other, .. } => "Set the app's encryption to switching midway.".into(),
        Say::HttpHeadline { port } => format!("Unencrypted web answers on port {port}"),
        Say::HttpMeaning => "The server answered with HTTP: HTTPS is off on this port.".into(),
        Say::CheckPortInAddress { port } => format!("Check the port (\":{port}\") in the address."),
        Say::NginxEnableTls { port } => {
            format!("Add `ssl` as in `listen {port} ssl;`, and set `ssl_certificate` and `ssl_certificate_key`.")
        }
        Say::ApacheEnableTls => "In the `<VirtualHost>`, set `SSLEngine on`, `SSLCertificateFile` and `SSLCertificateKeyFile`.".into(),
        Say::IisEnableTls => "Set the site's binding type to https and choose the certificate.".into(),
        Say::NotTlsHeadline { port, seen } => format!("{} without encryption answers on port {port}", f.cat.plaintext(*seen)),
        Say::NotTlsMeaning => "A service without TLS answered. The port number is likely wrong.".into(),
        Say::AdminTlsOrTellPort { port } => format!("Use TLS on port {port}, or tell users the right port."),

        // handshake_failed
        Say::AlertHeadline(Alert::ProtocolVersion) => "The server does not support today's TLS versions".into(),
        Say::AlertHeadline(Alert::HandshakeFailure) => "No encryption method in common with the server".into(),
        Say::AlertHeadline(Alert::InsufficientSecurity) => "The server asks for stronger encryption".into(),
        Say::AlertHeadline(Alert::BadRecordMac) => "Encrypted data failed its integrity check".into(),
        Say::AlertHeadline(Alert::UnrecognizedName) => "This server has no site with this name".into(),
        Say::AlertHeadline(Alert::InternalError) => "An error inside the server".into(),
        Say::AlertHeadline(Alert::AccessDenied) => "The server does not allow this connection".into(),
        Say::AlertHeadline(Alert::ClientCertificate) => "This server asks for a certificate from the user".into(),
        Say::AlertHeadline(Alert::Malformed) => "The encryption exchange did not match in form".into(),
        Say::AlertHeadline(Alert::Other) => "The server refused to start encryption".into(),
        Say::AlertMeaning(Alert::ProtocolVersion) => hs("refused: no TLS version in common. It likely allows only TLS 1.0 or 1.1."),
        Say::AlertMeaning(Alert::HandshakeFailure) => hs("refused. Most often, we have no encryption method in common."),
        Say::AlertMeaning(Alert::InsufficientSecurity) => hs("refused: the encryption is not strong enough."),
        Say::AlertMeaning(Alert::BadRecordMac) => "The server reported data failing its integrity check: not a TLS version or cipher issue, but a faulty device or network card offload, a TLS bug, or damage in transit.".into(),
        Say::AlertMeaning(Alert::UnrecognizedName) => hs("said it has no site with that name."),
        Say::AlertMeaning(Alert::InternalError) => hs("reported an internal error, such as an unreadable certificate or key."),
        Say::AlertMeaning(Alert::AccessDenied) => hs("said access is denied. It may limit where you connect from."),
        Say::AlertMeaning(Alert::ClientCertificate) => "The server asked for a device certificate and refused, as we had none: it lets only approved devices in.".into(),
        Say::AlertMeaning(Alert::Malformed) => hs("said the exchange was malformed: maybe a TLS bug in the server or a device on the way."),
        Say::AlertMeaning(Alert::Other) => hs("refused with an alert, named in the evidence."),
        Say::BrokenExchangeHeadline => "The encryption exchange with the server broke down".into(),
        Say::BrokenExchangeMeaning => String::from("During the ‹Handshake›, data broke the rules of TLS: another service, or a device on the way altering the traffic."),
        Say::DontSwitchToPlain => "Do not switch to an unencrypted connection.".into(),
        Say::UpdateApp => "If your browser or app is old, update it.".into(),
        Say::AskWhetherAllowed => "Ask the administrator whether you may connect from here or this device.".into(),
        Say::OldDeviceFirmware => "For old devices (routers, NAS), a firmware update often brings newer TLS.".into(),
        Say::AdminOffloadAndMiddlebox => "Check the settings and firmware of any load balancer or firewall in front.".into(),
        Say::AdminNicOffload => "Turn the network card's offloads off with `ethtool -K` and see whether the error stops.".into(),
        Say::AdminUpdateTlsLibrary => "Update the TLS library (OpenSSL or the like) and the server software.".into(),
        Say::NginxServerName => format!("Check that a `server` block has {} in `server_name`.", f.host),
        Say::ApacheServerName => {
            format!("Check that a `<VirtualHost *:443>` has {} in `ServerName` or `ServerAlias`.", f.host)
        }
        Say::IisHostBinding => {
            format!("Check for an https binding with host name {} and \"Require Server Name Indication\".", f.host)
        }
        Say::AdminNameOnServer => "Add a site for this name to the server.".into(),
        Say::AdminErrorLog => "Check the server's error log.".into(),
        Say::AdminAccessRules => "Check the access rules on the server and devices in front.".into(),
        Say::AdminTlsServiceOnPort => "Check the TLS setup of the service on this port.".into(),

        // client_cert_required
        Say::ClientCertIssuers { issuers } => format!("It accepts certificates issued by: {}.", issuers.join(", ")),
        Say::ClientCertOptionalHeadline => "This server asks for a user certificate, but it is optional".into(),
        Say::ClientCertOptionalMeaning => "Without one, the server answered normally: it can be used without a certificate.".into(),
        Say::ClientCertOptionalAdmin => "Nothing to change if intended. To require certificates, make the client-certificate check mandatory.".into(),
        Say::ClientCertDanger => "This is as configured: nothing dangerous.".into(),
        Say::InstallClientCert => {
            String::from("For a company or school system, install the ‹ClientCertificate› as instructed.")
        }
        Say::ClientCertExpiry => "If installed but failing, check its expiry and contact the administrator.".into(),
        Say::PublicSiteNoClientCert => "For a public service, stop requiring client certificates.".into(),
        Say::NginxNoClientCert => "`ssl_verify_client off;` (or `optional`)".into(),
        Say::ApacheNoClientCert => "`SSLVerifyClient none` (or `optional`)".into(),
        Say::IisNoClientCert => "In \"SSL Settings\", set client certificates to \"Ignore\".".into(),
        Say::PostfixNoClientCert => "In main.cf, set `smtpd_tls_req_ccert = no`, then run `postfix reload`.".into(),
        Say::DovecotNoClientCert => "Set `ssl_verify_client_cert = no` (Dovecot 2.3), then run `doveadm reload`.".into(),

        // refused_by_policy
        Say::RefusedProbesOff => "Your organisation's settings turn server checks off".into(),
        Say::RefusedPort { port } => format!("Your organisation's settings do not allow checks on port {port}"),
        Say::RefusedProtocol { starttls } => format!(
            "Your organisation's settings do not allow checks over {}",
            starttls.map_or("SSL/TLS", |p| f.cat.starttls_protocol(p))
        ),
        Say::RefusedHost { host } => format!("Your organisation's settings forbid checking {host}"),
        Say::RefusedHostNotListed { host } => format!("{host} is not among the servers that may be checked"),
        Say::RefusedPrivate { address } => format!(
            "Checks of a company or home network address ({}) are not allowed",
            address.map(ToString::to_string).unwrap_or_default()
        ),
        Say::RefusedRate => "Checks have reached your organisation's limit".into(),
        Say::RefusedPolicyUnreadable => "The settings file cannot be read, so checks are stopped".into(),
        Say::LimitSetHere { source } => format!(
            "The server was not contacted. {} administrator set this limit.",
            match source {
                LimitSource::HostPolicy => "This device's",
                LimitSource::ManagedSettings => "The browser's",
            }
        ),
        Say::StateUnknownDanger => "The server's state is unknown.".into(),
        Say::AskHelpDesk => "If needed, ask your organisation's help desk.".into(),
        Say::WaitSeconds { seconds } => {
            format!("Wait about {} and try again.", f.cat.seconds(seconds.saturating_mul(1000)))
        }
        Say::PolicyFileFix => "Make policy.json valid JSON of at most 64 KiB; check with `tls-doctor policy`.".into(),
        Say::PolicyKey { key } => format!("Set by `{key}` in policy.json. `tls-doctor policy` shows it."),
        Say::ManagedSettingKey { key } => format!("Set by `{key}` in the extension's policy."),
    }
}
