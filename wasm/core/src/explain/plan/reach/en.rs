//! Reaching the server (English, mirroring `ja.rs`).

use super::{Alert, App, Say, Upgrade};
use crate::explain::Fmt;
use crate::wire::{CutKind, DnsError, PolicySource, Stage};

pub(crate) fn say(s: &Say<'_>, f: &Fmt<'_>) -> String {
    match s {
        // ok
        Say::OkHeadline => "No problem found with the encrypted connection".into(),
        Say::OkMeaning { version } => {
            format!("The server showed a valid ‹Certificate› and the connection was set up securely with {version}.")
        }
        Say::OkDaysLeft { days } => format!("The certificate expires in {days} days."),
        Say::OkExpiresToday => "The certificate expires today.".into(),
        Say::OkBrowserSameCertificate => "The browser received the same certificate.".into(),
        Say::OkDanger => "At this moment the connection is safe to use.".into(),
        Say::NothingToDo => "Nothing to do.".into(),
        Say::OkStillAnError => {
            "If your browser or mail app still shows an error, check that the device's date and time are right.".into()
        }
        Say::CertbotTimer => "Check from time to time that automatic renewal runs: `systemctl list-timers certbot.timer` should list the timer.".into(),

        // dns_failure
        Say::DnsHeadline { host } => format!("No address found for \"{host}\""),
        Say::DnsMeaning { error, host } => match error {
            DnsError::NoSuchHost => format!("We asked ‹Dns›, and no name \"{host}\" is registered."),
            DnsError::NoAddress => {
                format!("The name \"{host}\" exists in ‹Dns›, but no address to connect to is registered for it.")
            }
            DnsError::TemporaryFailure => {
                String::from("‹Dns› gave no answer. The network or the DNS server may have a temporary problem.")
            }
            DnsError::TimedOut => String::from("We asked ‹Dns›, but no answer came back in time."),
            DnsError::Other => format!("\"{host}\" could not be looked up in ‹Dns›."),
        },
        Say::CheckSpelling => "Check the spelling of the address.".into(),
        Say::BewareLookalikes => "Beware of fake sites with similar spellings.".into(),
        Say::CheckOtherSites => {
            "Try another site. If none opens, the network connection is the likely cause.".into()
        }
        Say::CompanyServerNeedsVpn => {
            String::from("Some company servers can only be found from the company network or over ‹Vpn›.")
        }
        Say::DnsRecords { host } => {
            format!("Check that A and AAAA records exist: `dig {host} A` and `dig {host} AAAA`.")
        }
        Say::DnsDomainExpiry => "Also check the domain's expiry date and its name servers (NS records).".into(),

        // host_unreachable
        Say::UnreachableHeadline { address } => format!("The server ({address}) cannot be reached"),
        Say::UnreachableMeaning { address } => format!(
            "No route from this device to {address} was found. Either the device is not connected, or a device on the way answers that the address is unreachable."
        ),
        Say::CheckConnected => "Check that you are connected to a network.".into(),
        Say::ConnectVpnFirst => String::from("For a company server, connect to the ‹Vpn› first."),
        Say::ServerRunningAndRoutes => "Check that the server is running, and check routing and firewall settings.".into(),
        Say::Ipv6Reachable => {
            "If you publish an AAAA record (an IPv6 address), check that the server is really reachable over IPv6.".into()
        }

        // port_closed
        Say::PortClosedHeadline { port } => format!("Port {port} does not accept connections"),
        Say::PortClosedMeaning { address, port } => format!("The server ({address}) was reached, but no service listens on ‹Port› {port}, so the connection was refused."),
        Say::CheckAddressAndPort => "Check that the address and port number are right.".into(),
        Say::MailAppPortAsDocumented => "Check that the port in your mail app matches the service's instructions.".into(),
        Say::ServerRestarting => "The server may be restarting. Try again in a little while.".into(),
        Say::AdminListening { port } => format!("Check that something listens on port {port}: run `ss -ltnp` on the server."),
        Say::NginxListen { port } => {
            format!("Check for a `listen {port} ssl;` line, then run `nginx -t` and `systemctl reload nginx`.")
        }
        Say::ApacheListen { port } => format!("Check the `Listen {port}` and `<VirtualHost *:{port}>` settings."),
        Say::IisBinding { port } => format!("Check that the site has an https binding on port {port}."),
        Say::PostfixListen { port } => format!(
            "Check that master.cf has a service on port {port} (smtp for 25, smtps for 465, submission for 587) without a leading #, then run `postfix reload`."
        ),
        Say::DovecotListen { port } => format!(
            "Check that `protocols` lists imap or pop3 and that an `inet_listener` in dovecot.conf has `port = {port}`, then run `doveadm reload`."
        ),
        Say::FirewallAllows => "Also check that no firewall refuses this port.".into(),

        // timeout_filtered
        Say::TimeoutHeadline { stage: Stage::Connect, port } => format!("No answer from the server on port {port}"),
        Say::TimeoutHeadline { stage: Stage::Greeting, port } => {
            format!("The server on port {port} sends no greeting")
        }
        Say::TimeoutHeadline { stage: Stage::TlsHandshake, port } => {
            format!("The server on port {port} does not start encryption")
        }
        Say::TimeoutMeaning { stage: Stage::Connect, port } => format!("We tried to connect to port {port}, but nothing answered. A ‹Firewall› on the way may be stopping the traffic, or the server may be down."),
        Say::TimeoutMeaning { stage: Stage::Greeting, .. } => {
            "The connection was made, but the server sent no greeting. Encryption from the start got no answer either. The server may be overloaded or about to stop.".into()
        }
        Say::TimeoutMeaning { stage: Stage::TlsHandshake, .. } => String::from("The connection was made, but the ‹Handshake› got no reply. A service without encryption may be running on this port, or the server cannot answer."),
        Say::Port25ForServers => "Port 25 is for mail servers handing mail to each other.".into(),
        Say::Port25Blocked => {
            "Many providers block connections from homes and offices to port 25 outside, against spam.".into()
        }
        Say::SendOn587Or465 => "To send from a mail app, use port 587 or 465.".into(),
        Say::NetworkMayBlockPorts => "Company, school and hotel networks sometimes block some ports.".into(),
        Say::AdminFirewallPort { port } => {
            format!("Check that the server and any firewall in front of it allow traffic to port {port}.")
        }
        Say::CloudSecurityGroups => "In a cloud, also check security groups and network ACLs.".into(),
        Say::AdminServerProcess => "Check that the server's processes run, and look for errors in its log.".into(),
        Say::PostfixGreetWait => "With postscreen, also check waiting times such as `postscreen_greet_wait`.".into(),
        Say::AdminTlsOnPort { port } => format!("Check that the service on port {port} is set up to use TLS."),
        Say::NginxSslListen { port } => format!("Check that the listen line carries `ssl`, as in `listen {port} ssl;`."),
        Say::ApacheSslEngine => "Check that this port's `<VirtualHost>` has `SSLEngine on`.".into(),
        Say::IisHttpsBinding => "Check that the site's binding is of type https.".into(),
        Say::PostfixWrapperMode => "For encryption from the start on 465, give the submissions (smtps) service in master.cf `-o smtpd_tls_wrappermode=yes`, then run `postfix reload`.".into(),
        Say::DovecotImplicitListener => "Put `ssl = yes` on `inet_listener imaps` (993) and `inet_listener pop3s` (995), set `ssl_cert` and `ssl_key`, then run `doveadm reload`.".into(),
        Say::AdminLoadAndLogs => "Check the logs for overload or a stopped process.".into(),

        // connection_reset
        Say::ResetHeadline => "The connection to the server was cut".into(),
        Say::ResetMeaning { how: CutKind::Reset } => String::from("While starting encryption, the connection was forcibly reset. The server may not accept our way of encrypting, or a device on the way (such as a ‹Firewall›) may be stopping the traffic."),
        Say::ResetMeaning { how: CutKind::Closed } => String::from("While starting encryption, the connection was closed without an answer. The server may not accept our way of encrypting, or a device on the way (such as a ‹Firewall›) may be stopping the traffic."),
        Say::NoConnectionDanger => {
            "No connection was made, so nothing has leaked. Do not switch to an unencrypted connection.".into()
        }
        Say::TryAnotherNetworkNow => "Try another network, such as your phone's tethering.".into(),
        Say::TryAgainNow => "Try again.".into(),
        Say::AdminHandshakeLog => "Check the server's error log for why the handshake failed.".into(),
        Say::NginxProtocols => "Allow TLS 1.2 and TLS 1.3, which today's browsers use: `ssl_protocols TLSv1.2 TLSv1.3;`.".into(),
        Say::ApacheProtocols => "Allow TLS 1.2 and TLS 1.3: `SSLProtocol -all +TLSv1.2 +TLSv1.3`.".into(),
        Say::IisTls12 => "Check that TLS 1.2 is enabled on the Windows Server (the SCHANNEL registry settings).".into(),
        Say::PostfixProtocols => "In main.cf, set `smtpd_tls_protocols = >=TLSv1.2` and `smtpd_tls_mandatory_protocols = >=TLSv1.2`, then run `postfix reload` (Postfix 3.6 or later).".into(),
        Say::DovecotMinProtocol => "Set `ssl_min_protocol = TLSv1.2`, then run `doveadm reload`.".into(),
        Say::MiddleboxCuts => "Check that no load balancer or firewall in front of the server cuts the connection.".into(),

        // wrong_protocol_on_port
        Say::TlsFromStartHeadline { port } => format!("Port {port} expects encryption from the start"),
        Say::TlsFromStartMeaning { upgrade: Upgrade::Starttls } => String::from("We spoke ‹Starttls›, but this port expected ‹ImplicitTls›. Encryption itself works. The app's encryption setting does not match the port."),
        Say::TlsFromStartMeaning { upgrade: Upgrade::AuthTls } => String::from("We meant to switch to encryption with FTP's command (AUTH TLS), but this port expected ‹ImplicitTls›. Encryption itself works. The FTP program's encryption setting does not match the port."),
        Say::EncryptionWorksDanger => "Encryption works. There is no need to switch to \"no encryption\".".into(),
        Say::SwitchToImplicit { app: App::Mail, port } => {
            format!("In your mail app, change the encryption for port {port} to \"SSL/TLS\".")
        }
        Say::SwitchToImplicit { app: App::Ftp, .. } => {
            "In your FTP program, change the encryption to \"implicit FTP over TLS\".".into()
        }
        Say::SwitchToImplicit { app: App::Other, .. } => {
            "Change the app's encryption setting to encryption from the start.".into()
        }
        Say::MatchProviderPairs => "Or use the pair of port and encryption your provider gives.".into(),
        Say::PostfixNoWrapperOn587 => "Port 587 (submission) is for STARTTLS. If its submission service in master.cf has `-o smtpd_tls_wrappermode=yes`, remove it; only port 465 encrypts from the start.".into(),
        Say::DovecotSslOnlyOnImplicit => "Do not put `ssl = yes` on the `inet_listener` of ports 143 (imap) and 110 (pop3); put it only on 993 (imaps) and 995 (pop3s).".into(),
        Say::AdminDocumentPairs => "In your instructions to users, always give the port together with its encryption.".into(),
        Say::OtherServiceHeadline { port, seen } => {
            format!("Another service ({}) answers on port {port}", f.cat.plaintext(*seen))
        }
        Say::OtherServiceMeaning { expected, seen } => format!(
            "We connected expecting {}, but {} answered. The port number in the settings is likely wrong.",
            f.cat.starttls_protocol(*expected),
            f.cat.plaintext(*seen)
        ),
        Say::WrongServiceDanger => "Do not enter your password until the settings are fixed.".into(),
        Say::CompareWithInstructions { app: App::Mail } => {
            "Compare the server name and port in your mail app with your provider's instructions.".into()
        }
        Say::CompareWithInstructions { app: App::Ftp } => {
            "Compare the server name and port in your FTP program with your provider's instructions.".into()
        }
        Say::CompareWithInstructions { app: App::Other } => {
            "Compare the server name and port in your app with your provider's instructions.".into()
        }
        Say::AskForSettings => "If unsure, ask the service's administrator for the right settings.".into(),
        Say::AdminWhatListens { port } => {
            format!("Check that the service listening on port {port} is the one you tell users about: `ss -ltnp` shows it.")
        }
        Say::ServerLacksTlsHeadline { port } => format!("The server on port {port} answers without encryption"),
        Say::ServerLacksTlsMeaning { port, seen } => format!(
            "Port {port} is meant for encryption from the start. Yet the server answered unencrypted, as {}. The server's settings are wrong.",
            f.cat.plaintext(*seen)
        ),
        Say::PlainDanger => "Nothing is encrypted: do not send your password on this port.".into(),
        Say::TellAdminNoTls { port } => format!("Tell the service's administrator that port {port} has no encryption."),
        Say::OtherPairMeanwhile => {
            "If your provider gives another pair, such as a port that switches to encryption midway, you can use it until this is fixed.".into()
        }
        Say::VsftpdImplicit => "Port 990 is for FTP encrypted from the start (implicit FTPS). With vsftpd, give the listener on 990 `implicit_ssl=YES`.".into(),
        Say::UpgradePortHeadline { port, upgrade: Upgrade::Starttls } => {
            format!("Port {port} switches to encryption midway")
        }
        Say::UpgradePortHeadline { port, upgrade: Upgrade::AuthTls } => {
            format!("Port {port} switches to encryption with an FTP command")
        }
        Say::UpgradePortMeaning { port, upgrade: Upgrade::Starttls } => format!("Port {port} encrypts with ‹Starttls›. We connected with encryption from the start, so the two sides did not match."),
        Say::UpgradePortMeaning { port, upgrade: Upgrade::AuthTls } => format!(
            "Port {port} starts unencrypted and switches to encryption with FTP's command (AUTH TLS). We connected with encryption from the start, so the two sides did not match."
        ),
        Say::DontChooseNoEncryption => {
            "Do not choose \"no encryption\": your password would be sent in readable form.".into()
        }
        Say::SwitchToUpgrade { app: App::Mail, port } => {
            format!("In your mail app, change the encryption for port {port} to \"STARTTLS\".")
        }
        Say::SwitchToUpgrade { app: App::Ftp, .. } => {
            "In your FTP program, change the encryption to \"explicit FTP over TLS\".".into()
        }
        Say::SwitchToUpgrade { app: App::Other, .. } => {
            "Change the app's encryption setting to switching to encryption midway.".into()
        }
        Say::HttpHeadline { port } => format!("Unencrypted web answers on port {port}"),
        Say::HttpMeaning => "We tried to connect with encryption, but the server answered as unencrypted web (HTTP). Encrypted web (HTTPS) is not enabled on this port.".into(),
        Say::HttpDanger => "Nothing is encrypted: do not enter passwords or card numbers.".into(),
        Say::TellSiteNoHttps => "Tell the site's administrator that HTTPS does not work on this port.".into(),
        Say::CheckPortInAddress { port } => format!("Check the \":{port}\" part of the address (the port number)."),
        Say::NginxEnableTls { port } => {
            format!("Add `ssl` as in `listen {port} ssl;`, and set `ssl_certificate` and `ssl_certificate_key`.")
        }
        Say::ApacheEnableTls => "In this port's `<VirtualHost>`, set `SSLEngine on` with `SSLCertificateFile` and `SSLCertificateKeyFile`.".into(),
        Say::IisEnableTls => "In the site's bindings, set the type to https and choose the certificate.".into(),
        Say::NotTlsHeadline { port, seen } => format!("{} without encryption answers on port {port}", f.cat.plaintext(*seen)),
        Say::NotTlsMeaning => "We tried to connect with encryption, but another service without encryption answered on this port. The port number is likely wrong.".into(),
        Say::CheckPortNumber => "Check the port number you connect to.".into(),
        Say::AskForPort => "If unsure, ask the service's administrator for the right port.".into(),
        Say::AdminTlsOrTellPort { port } => format!("Set up the service on port {port} to use TLS, or tell users the right port."),

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
        Say::AlertMeaning(Alert::ProtocolVersion) => String::from("During the ‹Handshake›, the server refused, saying the TLS versions do not match. The server most likely only allows old TLS (1.0 or 1.1)."),
        Say::AlertMeaning(Alert::HandshakeFailure) => String::from("During the ‹Handshake›, the server refused the connection. Most often, the server and we have no encryption method in common."),
        Say::AlertMeaning(Alert::InsufficientSecurity) => String::from("During the ‹Handshake›, the server refused, saying the encryption is not strong enough. It asks only for methods we cannot use."),
        Say::AlertMeaning(Alert::BadRecordMac) => "The server reported that data it received failed its integrity check. This is not a question of TLS versions or encryption methods. Common causes are a faulty device on the way or a network card's offload, a bug in the server's TLS, or data damaged in transit.".into(),
        Say::AlertMeaning(Alert::UnrecognizedName) => String::from("During the ‹Handshake›, the server said it has no site with that name. No site with this name is set up on the server."),
        Say::AlertMeaning(Alert::InternalError) => String::from("During the ‹Handshake›, the server reported an internal error and refused. The problem is on the server, such as a certificate or key it cannot read."),
        Say::AlertMeaning(Alert::AccessDenied) => String::from("During the ‹Handshake›, the server said access is denied. It may only allow some places or devices."),
        Say::AlertMeaning(Alert::ClientCertificate) => "The server asked for a certificate of the user or device. We had none, so the server refused the connection.".into(),
        Say::AlertMeaning(Alert::Malformed) => String::from("During the ‹Handshake›, the server said the exchange was malformed. The TLS of the server or of a device on the way may have a bug."),
        Say::AlertMeaning(Alert::Other) => String::from("During the ‹Handshake›, the server sent an alert and refused. The alert's name is in the evidence."),
        Say::BrokenExchangeHeadline => "The encryption exchange with the server broke down".into(),
        Say::BrokenExchangeMeaning => String::from("During the ‹Handshake›, the server sent data that does not follow the rules of TLS. Another service may run on this port, or a device on the way may be changing the traffic."),
        Say::DontSwitchToPlain => "No connection was made. Do not switch to an unencrypted connection.".into(),
        Say::UpdateApp => "If your browser or app is old, update it to the latest version and try again.".into(),
        Say::AskWhetherAllowed => "Ask the service's administrator whether you may use it from this place or device.".into(),
        Say::NginxCiphers => "Include ECDHE with AES-GCM (or ChaCha20) in `ssl_ciphers`.".into(),
        Say::ApacheCiphers => "Include ECDHE with AES-GCM in `SSLCipherSuite`.".into(),
        Say::IisCiphers => "Check that the group policy \"SSL Cipher Suite Order\" includes ECDHE with AES-GCM.".into(),
        Say::PostfixCiphers => "In main.cf, set `smtpd_tls_mandatory_ciphers = high` and `smtpd_tls_ciphers = high`, then run `postfix reload`.".into(),
        Say::DovecotCiphers => "Reset `ssl_cipher_list` to its default, or include ECDHE with AES-GCM, then run `doveadm reload`.".into(),
        Say::OldDeviceFirmware => "For old devices (routers, NAS, printers), a firmware update often brings newer TLS.".into(),
        Say::AdminOffloadAndMiddlebox => "If a load balancer or a device that handles TLS for the server stands in front of it, check its firmware and settings.".into(),
        Say::AdminNicOffload => "Turn the network card's offloads (TSO, GSO, checksum offload) off for a while with `ethtool -K` and see whether the error stops.".into(),
        Say::AdminUpdateTlsLibrary => "Update the server's TLS library (OpenSSL or the like) and the server software.".into(),
        Say::NginxServerName => format!("Check that a `server` block has {} in `server_name`.", f.host),
        Say::ApacheServerName => {
            format!("Check that a `<VirtualHost *:443>` has {} in `ServerName` or `ServerAlias`.", f.host)
        }
        Say::IisHostBinding => {
            format!("Check for an https binding with host name {} and \"Require Server Name Indication\".", f.host)
        }
        Say::AdminNameOnServer => "Add a site (or its certificate) for the name asked for to the server's settings.".into(),
        Say::AdminErrorLog => "Check the server's error log for why it refused the connection.".into(),
        Say::AdminAccessRules => "Check the access rules (allowed IP addresses and the like) on the server and the devices in front of it.".into(),
        Say::AdminTlsServiceOnPort => "Check that a service using TLS listens on this port.".into(),

        // client_cert_required
        Say::ClientCertHeadline => "This server asks for a certificate from the user".into(),
        Say::ClientCertMeaning => "The server asked for a certificate of the user or device. We had none, so the server refused the connection. Company systems use this to let only approved devices in.".into(),
        Say::ClientCertDanger => "The server is behaving as configured. This is not a dangerous state.".into(),
        Say::InstallClientCert => {
            String::from("For a company or school system, install the ‹ClientCertificate› as instructed.")
        }
        Say::ClientCertExpiry => {
            "If you installed one and still cannot connect, check its expiry date and contact the system's administrator.".into()
        }
        Say::PublicSiteNoClientCert => "For a public service, stop requiring client certificates.".into(),
        Say::NginxNoClientCert => "`ssl_verify_client off;` (or `optional`)".into(),
        Say::ApacheNoClientCert => "`SSLVerifyClient none` (or `optional`)".into(),
        Say::IisNoClientCert => "In the site's \"SSL Settings\", set client certificates to \"Ignore\".".into(),
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
            "Checks of an address inside a company or home network ({}) are not allowed",
            address.map(ToString::to_string).unwrap_or_default()
        ),
        Say::RefusedRate => "The number of checks has reached your organisation's limit".into(),
        Say::RefusedPolicyUnreadable => "The settings file cannot be read, so checks are stopped".into(),
        Say::LimitSetHere { source: PolicySource::HostPolicy } => {
            "The diagnostic tool did not connect to the server. This limit was set by this device's administrator.".into()
        }
        Say::LimitSetHere { source: PolicySource::ExtensionPolicy } => {
            "The diagnostic tool did not connect to the server. This limit was set by the browser's administrator.".into()
        }
        Say::StateUnknownDanger => "The server's state is unknown. This does not mean there is no problem.".into(),
        Say::AskHelpDesk => "If needed, ask your organisation's help desk.".into(),
        Say::WaitSeconds { seconds } => {
            format!("Wait about {} and try again.", f.cat.seconds(seconds.saturating_mul(1000)))
        }
        Say::PolicyFileFix => "Make the settings file (policy.json) valid JSON of at most 64 KiB. `tls-doctor policy` shows what is wrong.".into(),
        Say::PolicyKey { key } => {
            format!("Set by `{key}` in the diagnostic tool's settings file (policy.json). `tls-doctor policy` shows it.")
        }
        Say::ExtensionPolicyKey { key } => {
            format!("Set by the browser's managed settings (the extension's policy) that match `{key}`.")
        }
    }
}
