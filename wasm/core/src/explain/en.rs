//! The English catalog: a mirror of `ja.rs`, which is the source. Keep the two in step.
//!
//! Style: plain words, short sentences, a one-line gloss the first time a technical word
//! appears in an explanation.

use super::ja::seconds_text;
use super::{Catalog, Field, FindingText, Fmt, Notice, RefusalWords, for_software, step};
use crate::time::Civil;
use crate::wire::{
    CertSummary, ClockSource, CutKind, DnsError, Finding, FindingKind, HandshakeFailure, InterceptorKind, Labels,
    NameHint, Plaintext, PolicySource, RefusalRule, RejectReason, RevocationMethod, Severity, Side, Stage,
    StarttlsFailure, StarttlsProtocol, StarttlsStage, TrustStore, Weakness,
};

pub(crate) struct En;

const CERT_GLOSS: &str = "certificate (an electronic ID card that proves the site is genuine)";
const INTERMEDIATE_GLOSS: &str =
    "intermediate certificate (the certificate that links the server's certificate to a trusted issuer)";
const CA_GLOSS: &str = "certificate authority (an organisation that issues certificates)";
const HANDSHAKE_GLOSS: &str = "TLS handshake (the greeting before encryption starts)";
const TLS_GLOSS: &str = "TLS (the technology that encrypts the connection, also called SSL)";
const DONT_ENTER: &str = "Do not enter passwords, card numbers or other personal data.";
/// The one step when the organisation's policy forbids advice to go past a warning.
const NO_PROCEED_STEP: &str =
    "Your organisation's rules do not allow going past this warning. Contact your organisation's help desk.";
const NOT_STARTED: &str = "Nothing has been sent yet, so no information can have leaked.";
const CONTACT_ADMIN: &str = "Contact the administrator of the site or service. There is nothing to fix on your device.";
const STARTTLS_GLOSS: &str = "STARTTLS (start without encryption, then switch to it)";
const NO_PLAIN: &str = "If an app asks whether to connect without encryption, answer no. Without encryption, your password and your data travel in a form anyone on the way can read.";
const NO_SSL: &str = "If your mail app asks whether to set up the account without SSL, answer no. Without SSL, your password and your mail travel in a form anyone on the way can read.";
const MAIL_PORTS: &str = "The usual pairs are, for sending, \"587 with STARTTLS\" or \"465 with SSL/TLS\", and for receiving, \"993 with SSL/TLS\" (IMAP) or \"995 with SSL/TLS\" (POP3).";
const PORT_25: &str = "Port 25 is the port mail servers use to hand mail to each other. Many providers block connections from homes and offices to port 25 outside, against spam. To send from a mail app, use port 587 (STARTTLS) or 465 (SSL/TLS).";

impl Catalog for En {
    fn finding(&self, kind: &FindingKind, f: &Fmt<'_>) -> FindingText {
        use FindingKind as K;
        match kind {
            K::Ok { version, not_after, days_left, .. } => FindingText {
                headline: "No problem found with the encrypted connection".into(),
                meaning: format!(
                    "The server showed a valid {CERT_GLOSS} and the connection was set up securely with {version}. The certificate is valid until {} ({}).",
                    f.date(*not_after),
                    self.days_left(*days_left)
                ),
                danger: "At this moment the connection is safe to use.".into(),
                user_steps: vec![
                    "Nothing to do.".into(),
                    "If your browser or mail app still shows an error, the cause may be on your device. Check its date and time, and restart the browser.".into(),
                ],
                admin_steps: vec![for_software(
                    "certbot",
                    "Check from time to time that automatic renewal runs: `systemctl list-timers certbot.timer` should list the timer.",
                )],
            },

            K::DnsFailure { host, error, .. } => {
                let dns = "DNS (the system that turns server names into IP addresses)";
                let meaning = match error {
                    DnsError::NoSuchHost => format!("We asked {dns}, and the answer was that no name \"{host}\" is registered."),
                    DnsError::NoAddress => format!("The name \"{host}\" exists in {dns}, but no address to connect to is registered for it."),
                    DnsError::TemporaryFailure => format!("{dns} gave no answer. The network or the DNS server may have a temporary problem."),
                    DnsError::TimedOut => format!("We asked {dns}, but no answer came back in time."),
                    DnsError::Other => format!("\"{host}\" could not be looked up in {dns}."),
                };
                FindingText {
                    headline: format!("No address found for \"{host}\""),
                    meaning,
                    danger: format!("{NOT_STARTED} Beware of fake sites with similar spellings, though."),
                    user_steps: vec![
                        "Check the spelling of the address.".into(),
                        "Try another site. If none opens, check that you are connected to Wi-Fi or a cable network.".into(),
                        "Some company servers can only be found from the company network or over VPN (a way to join the company network from outside).".into(),
                    ],
                    admin_steps: vec![
                        step(format!("Check that A and AAAA records exist: `dig {host} A` and `dig {host} AAAA`.")),
                        step("Also check the domain's expiry date and its name servers (NS records)."),
                    ],
                }
            }

            K::HostUnreachable { address, .. } => FindingText {
                headline: format!("The server ({address}) cannot be reached"),
                meaning: format!(
                    "No route from this computer to {address} was found. Either this computer is not connected, or a device on the way answers that the address is unreachable."
                ),
                danger: NOT_STARTED.into(),
                user_steps: vec![
                    "Check that you are connected to a network.".into(),
                    "For a company server, connect to the VPN (a way to join the company network from outside) first.".into(),
                    "Try again a little later. If it persists, contact the administrator.".into(),
                ],
                admin_steps: vec![
                    step("Check that the server is running, and check routing and firewall settings."),
                    step("If you publish an AAAA record (an IPv6 address), check that the server is really reachable over IPv6."),
                ],
            },

            K::PortClosed { .. } => FindingText::planned_elsewhere(),

            K::TimeoutFiltered { address, port, stage, waited_ms } => {
                let seconds = self.seconds(*waited_ms);
                let at = address.map(|a| format!(" of {a}")).unwrap_or_default();
                let (headline, meaning, admin) = match stage {
                    Stage::Connect => (
                        format!("No answer from the server (port {port})"),
                        format!(
                            "We tried to connect to port {port}{at}, but nothing answered within {seconds}. A firewall (which decides what traffic may pass) on the way may be dropping the traffic, or the server may be down."
                        ),
                        vec![
                            step(format!("Check that the server and any firewall in front of it allow traffic to port {port}.")),
                            step("In a cloud, also check security groups and network ACLs."),
                        ],
                    ),
                    Stage::Greeting => (
                        format!("Connected, but the server on port {port} sends no greeting"),
                        format!(
                            "The connection to port {port}{at} was made. With {STARTTLS_GLOSS}, the server greets first, but no greeting came within {seconds}. We also tried encryption from the start, with no answer either. The server may be overloaded or about to stop."
                        ),
                        vec![
                            step("Check that the mail server's processes run, and look for errors in its log."),
                            for_software("Postfix", "With postscreen, also check waiting times such as `postscreen_greet_wait`."),
                        ],
                    ),
                    Stage::TlsHandshake => (
                        format!("Connected, but the server on port {port} does not start encryption"),
                        format!(
                            "The connection to port {port}{at} was made, but the {HANDSHAKE_GLOSS} got no reply within {seconds}. A service that does not use encryption may be running on this port, or the server cannot answer."
                        ),
                        vec![
                            step(format!("Check that the service on port {port} is set up to use TLS.")),
                            for_software("nginx", format!("Check that the listen line carries `ssl`, as in `listen {port} ssl;`.")),
                            step("Check the logs for overload or a stopped process."),
                        ],
                    ),
                };
                FindingText {
                    headline,
                    meaning,
                    danger: NOT_STARTED.into(),
                    user_steps: port_25_first(*port, vec![
                        "Try again a little later.".into(),
                        "Company, school and hotel networks sometimes block ports. Trying another network, such as your phone's tethering, tells whether the network is the cause.".into(),
                        "If it persists, contact the administrator of the site or service.".into(),
                    ]),
                    admin_steps: admin,
                }
            }

            K::ConnectionReset { how, .. } => FindingText {
                headline: "The server cut the connection".into(),
                meaning: match how {
                    CutKind::Reset => format!("During the {HANDSHAKE_GLOSS}, the server forcibly reset the connection."),
                    CutKind::Closed => format!("During the {HANDSHAKE_GLOSS}, the server closed the connection without answering."),
                } + " The server may not accept our way of encrypting, or a device on the way (such as a firewall, which decides what traffic may pass) may be stopping the traffic.",
                danger: "No encrypted connection was made. Nothing can have leaked, but do not switch to an unencrypted connection.".into(),
                user_steps: vec![
                    "Try again.".into(),
                    "Trying another network tells whether a device on the way is the cause.".into(),
                    "If it persists, contact the administrator of the site or service.".into(),
                ],
                admin_steps: vec![
                    step("Check the server's error log for why the handshake failed."),
                    for_software("nginx", "Allow TLS 1.2 and TLS 1.3, which today's browsers use: `ssl_protocols TLSv1.2 TLSv1.3;`."),
                    for_software("Apache", "Allow TLS 1.2 and TLS 1.3: `SSLProtocol -all +TLSv1.2 +TLSv1.3`."),
                    step("Check that no load balancer or WAF (a device that protects web applications) in front of the server cuts the connection."),
                ],
            },

            K::WrongProtocolOnPort { port, seen: Plaintext::Tls, starttls, .. } => {
                let proto = starttls.map_or("STARTTLS", |p| self.starttls_protocol(p));
                FindingText {
                    headline: format!("Port {port} answers with encryption from the start (SSL/TLS)"),
                    meaning: format!(
                        "We spoke {proto} with {STARTTLS_GLOSS}, but this port expected encryption from the first byte (SSL/TLS). Encryption itself works. The mail app's encryption setting does not match the port. {MAIL_PORTS}"
                    ),
                    danger: "Encryption works, so once the setting matches it is safe to use. There is no need to switch to \"no SSL\".".into(),
                    user_steps: vec![
                        format!("In your mail app, change the encryption for port {port} from \"STARTTLS\" to \"SSL/TLS\"."),
                        "Or use the pair of port and encryption your provider gives.".into(),
                    ],
                    admin_steps: vec![
                        for_software("Postfix", "Port 587 (submission) is for STARTTLS. If its submission service in master.cf has `-o smtpd_tls_wrappermode=yes`, remove it; only port 465 (smtps) encrypts from the start."),
                        for_software("Dovecot", "Do not put `ssl = yes` on the `inet_listener` of ports 143 (imap) and 110 (pop3); put it only on 993 (imaps) and 995 (pop3s)."),
                        step("In your instructions to users, always give the port together with its encryption."),
                    ],
                }
            }

            K::WrongProtocolOnPort { port, seen, first_line, starttls: Some(expected) } => {
                let proto = self.plaintext(*seen);
                let expected = self.starttls_protocol(*expected);
                FindingText {
                    headline: format!("Another service ({proto}) answers on port {port}"),
                    meaning: format!(
                        "We connected expecting {expected}, but {proto} answered on port {port} (first line: {first_line}). The port number in the settings is likely wrong. {MAIL_PORTS}"
                    ),
                    danger: "Your password would go to another service: do not use these settings until they are fixed.".into(),
                    user_steps: vec![
                        "Compare the server name and port in your mail app with your provider's instructions.".into(),
                        "If unsure, ask the service's administrator for the right settings.".into(),
                    ],
                    admin_steps: vec![step(format!("Check that the service listening on port {port} is the one you tell users about: `ss -ltnp` shows it."))],
                }
            }

            K::WrongProtocolOnPort { port, seen, .. } => {
                let proto = self.plaintext(*seen);
                let mail = matches!(seen, Plaintext::Smtp | Plaintext::Imap | Plaintext::Pop3 | Plaintext::SmtpOrFtp);
                let mut meaning = format!(
                    "We spoke {TLS_GLOSS}, but the server answered as unencrypted \"{proto}\". The port number, or the encryption setting, most likely does not match."
                );
                let (user_steps, admin_steps) = if *seen == Plaintext::Http {
                    meaning.push_str(" For a web site, HTTPS (encrypted web) is not enabled on this port.");
                    (
                        vec![
                            format!("Check the \":{port}\" part of the address (the port number)."),
                            "Tell the site's administrator that HTTPS does not work on this port.".into(),
                        ],
                        vec![
                            for_software("nginx", format!("Add `ssl` as in `listen {port} ssl;`, and set `ssl_certificate` and `ssl_certificate_key`.")),
                            for_software("Apache", "In this port's `<VirtualHost>`, set `SSLEngine on` with `SSLCertificateFile` and `SSLCertificateKeyFile`."),
                            for_software("IIS", "In the site's bindings, set the type to https and choose the certificate."),
                        ],
                    )
                } else if mail {
                    meaning.push_str(" Mail has a method that starts unencrypted and switches to encryption midway (STARTTLS). Connecting with encryption from the start (SSL/TLS) to a STARTTLS port (587, 143, 110) gives exactly this.");
                    (
                        vec![
                            "In your mail app, check the pair of port number and encryption method. Common pairs: sending on 587 with STARTTLS or 465 with SSL/TLS; receiving on 993 with SSL/TLS (IMAP) or 995 with SSL/TLS (POP3).".into(),
                            "Do not choose \"no SSL\" or \"no encryption\": your password would be sent in readable form.".into(),
                        ],
                        vec![
                            for_software("Postfix", "For encryption from the start on 465, give the smtps service in master.cf `-o smtpd_tls_wrappermode=yes`. Port 587 (submission) is for STARTTLS."),
                            for_software("Dovecot", "Ports 993 (imaps) and 995 (pop3s) encrypt from the start with `ssl = yes` and `ssl_cert` / `ssl_key` set."),
                            step("In your instructions for users, always give the port number together with the encryption method."),
                        ],
                    )
                } else {
                    (
                        vec!["Check the port number you connect to.".into(), "If unsure, ask the service's administrator for the right port.".into()],
                        vec![step(format!("Set up the service on port {port} to use TLS, or tell users the right port."))],
                    )
                };
                FindingText {
                    headline: format!("Unencrypted \"{proto}\" answers on port {port}"),
                    meaning,
                    danger: "Connecting without encryption would send passwords and content in readable form. Do not enter your password until the settings are fixed.".into(),
                    user_steps,
                    admin_steps,
                }
            }

            K::HandshakeFailed { failure } => {
                let (headline, meaning) = match failure {
                    HandshakeFailure::Alert { alert } => {
                        let reason = self.alert(alert).map_or_else(|| format!("\"{alert}\""), |r| format!("\"{r}\""));
                        (
                            "The server refused to start encryption".to_owned(),
                            format!(
                                "During the {HANDSHAKE_GLOSS}, the server refused the connection, giving the reason {reason}. Most often the server only supports old TLS versions (1.0 or 1.1) or old ciphers, or has no method in common with us."
                            ),
                        )
                    }
                    HandshakeFailure::Protocol { .. } => (
                        "The encryption exchange with the server broke down".to_owned(),
                        format!("During the {HANDSHAKE_GLOSS}, the server sent data that does not follow the rules of {TLS_GLOSS}."),
                    ),
                };
                FindingText {
                    headline,
                    meaning,
                    danger: "No encrypted connection was made. Do not switch to an unencrypted connection.".into(),
                    user_steps: vec![
                        "Update your browser or mail app to the latest version and try again.".into(),
                        "If it persists, contact the administrator of the site or service.".into(),
                    ],
                    admin_steps: vec![
                        for_software("nginx", "Set `ssl_protocols TLSv1.2 TLSv1.3;` and include ECDHE with AES-GCM (or ChaCha20) in `ssl_ciphers`."),
                        for_software("Apache", "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3` and include ECDHE with AES-GCM in `SSLCipherSuite`."),
                        for_software("IIS", "Check that TLS 1.2 is enabled on the Windows Server (the SCHANNEL registry settings)."),
                        step("For old devices (routers, NAS, printers), a firmware update often brings newer TLS."),
                    ],
                }
            }

            K::ClientCertRequired { .. } => FindingText {
                headline: "This server asks for a certificate from the user".into(),
                meaning: "The server asked for a client certificate (a certificate that proves the user or device is genuine). We had none, so the server refused the connection. Company systems use this to let only approved devices in.".into(),
                danger: "The server is behaving as configured. This is not a dangerous state.".into(),
                user_steps: vec![
                    "For a company or school system, install the client certificate as instructed.".into(),
                    "If you installed one and still cannot connect, check its expiry date and contact the system's administrator.".into(),
                ],
                admin_steps: vec![
                    step("For a public site, stop requiring client certificates."),
                    for_software("nginx", "`ssl_verify_client off;` (or `optional`)"),
                    for_software("Apache", "`SSLVerifyClient none` (or `optional`)"),
                    for_software("IIS", "In the site's \"SSL Settings\", set client certificates to \"Ignore\"."),
                ],
            },

            K::ChainTooLong { certificates, .. } => FindingText {
                headline: "The server sent too many certificates".into(),
                meaning: format!(
                    "The server sent {certificates} certificates. Usually there are 2 to 4. Browsers cannot check that many, and the connection fails."
                ),
                danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![step(
                    "Put only the server's certificate and its intermediate certificates in the certificate file. Check that no root, old or other sites' certificates are mixed in.",
                )],
            },

            K::CertificateTooLarge { bytes, .. } => FindingText {
                headline: "The server's certificates are too large".into(),
                meaning: format!(
                    "The server sent about {} KB of certificates (usually a few KB). Some software cannot take this much: rustls, for example, stops at 64 KB, and OpenSSL by default at 100 KB.",
                    super::kb(*bytes)
                ),
                danger: "Browsers and apps that cannot take that much cannot connect.".into(),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("Use a certificate of normal size (a few KB)."),
                    step("Put only the names (subjectAltName) and extensions it needs in the certificate."),
                ],
            },

            K::CertUnparseable { position, .. } => FindingText {
                headline: "The server's certificate could not be read".into(),
                meaning: format!(
                    "Certificate number {} sent by the server (a {CERT_GLOSS}) is malformed, so its content could not be checked.",
                    position + 1
                ),
                danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("Check that the certificate can be read: `openssl x509 -in certificate-file -noout -text`."),
                    step("Use a PEM file (one that starts with -----BEGIN CERTIFICATE-----) and keep its line breaks intact."),
                ],
            },

            K::CertExpired { not_after, days_ago, .. } => FindingText {
                headline: "The server's certificate has expired".into(),
                meaning: format!(
                    "A {CERT_GLOSS} is valid for a limited time. This server's certificate expired on {} ({}). With an expired certificate, there is no way to check that the server is genuine.",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: format!(
                    "If you go on, you cannot tell this site from a fake one. {DONT_ENTER} Note that a device whose date is far off shows the same warning."
                ),
                user_steps: vec![
                    "First check that your device's date and time are correct.".into(),
                    "If they are, the problem is on the server. Contact the administrator of the site or service and wait for the fix.".into(),
                    "Do not ignore the warning and continue.".into(),
                ],
                admin_steps: renew_steps(),
            },

            K::CertNotYetValid { not_before, days_until, .. } => FindingText {
                headline: "The server's certificate is not valid yet".into(),
                meaning: format!(
                    "This server's {CERT_GLOSS} is set to become valid on {} ({}). Until then it is not accepted as a valid certificate.",
                    f.date(*not_before),
                    self.days_left(*days_until)
                ),
                danger: format!(
                    "Whether the server is genuine cannot be checked. {DONT_ENTER} Note that a device whose clock is behind shows the same warning."
                ),
                user_steps: vec![
                    "First check that your device's date and time are correct.".into(),
                    "If they are, contact the administrator of the site or service.".into(),
                ],
                admin_steps: vec![
                    step("Check the clock of the machine that made the certificate (`timedatectl`). For a certificate you made yourself, check that its start date is not in the future."),
                    step("Switch to a new certificate only after its start date. Keep using the current one until then."),
                ],
            },

            K::IntermediateExpired { subject, not_after, days_ago, .. } => FindingText {
                headline: "An intermediate certificate has expired".into(),
                meaning: format!(
                    "The {INTERMEDIATE_GLOSS} \"{subject}\" expired on {} ({}). Even when the server's own certificate is valid, an expired link in between makes the whole chain untrusted.",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step(format!("Replace it with the intermediate certificate your {CA_GLOSS} issues today. Old intermediates are often left in the certificate file.")),
                    for_software("nginx", "Point `ssl_certificate` at a file with the server certificate and the current intermediate (with certbot, fullchain.pem)."),
                    for_software("Apache", "From 2.4.8, point `SSLCertificateFile` at the combined file (fullchain.pem). Older versions: update `SSLCertificateChainFile` to the new intermediate."),
                    for_software("IIS", "Import the new intermediate into the \"Intermediate Certification Authorities\" store and delete the expired one."),
                ],
            },

            K::ExpiringSoon { not_after, days_left, .. } => FindingText {
                headline: format!("The certificate expires soon ({})", self.days_left(*days_left)),
                meaning: format!(
                    "This server's {CERT_GLOSS} expires on {}. It works for now, but connections will fail unless it is renewed before then.",
                    f.date(*not_after)
                ),
                danger: "At this moment the connection is safe to use.".into(),
                user_steps: vec!["Nothing to do for now.".into()],
                admin_steps: vec![
                    step("Renew the certificate before it expires."),
                    for_software("certbot", "Renewal normally happens automatically with 30 days left. If you see this, automatic renewal may have stopped. Try `certbot renew --dry-run`, and check that the timer runs with `systemctl list-timers certbot.timer`."),
                    for_software("certbot", "Without a reload after renewal the web server keeps using the old certificate. Set one up, e.g. `--deploy-hook \"systemctl reload nginx\"`."),
                ],
            },

            K::NameMismatch { requested, dns_names, ip_addresses, cn_only, hint, .. } => {
                let mut names = dns_names.clone();
                names.extend(f.ips(ip_addresses));
                let mut meaning = if *cn_only {
                    format!(
                        "A {CERT_GLOSS} lists the names of the sites it may be used for. This certificate has no field for names (SAN, the subject alternative name) and carries a name only in the old-style field (CN). Today's browsers ignore the CN, so they do not accept it for \"{requested}\"."
                    )
                } else {
                    format!(
                        "A {CERT_GLOSS} lists the names of the sites it may be used for. This server's certificate lists \"{}\", which does not include \"{requested}\".",
                        f.list(&names)
                    )
                };
                match hint {
                    Some(NameHint::WildcardNotBare { wildcard }) => meaning.push_str(&format!(
                        " The \"*\" in \"{wildcard}\" (a wildcard: a symbol that stands for any name) stands for one label in front. It does not cover \"{requested}\" itself."
                    )),
                    Some(NameHint::WildcardOneLevel { wildcard }) => meaning.push_str(&format!(
                        " The \"*\" in \"{wildcard}\" (a wildcard: a symbol that stands for any name) covers one level only, not names two or more levels deep like \"{requested}\"."
                    )),
                    Some(NameHint::WwwVariant { covered }) => meaning.push_str(&format!(
                        " \"{covered}\" is covered, but names with and without \"www.\" are different names."
                    )),
                    None => {}
                }
                let mut admin_steps = vec![
                    for_software("certbot", format!("Get a certificate that includes \"{requested}\", e.g. `certbot --nginx -d {requested}` (add more -d for more names).")),
                    for_software("nginx", format!("Check that the server block with `server_name {requested};` has `listen 443 ssl;` and the right `ssl_certificate`. Without it, the default server block's certificate is served.")),
                    for_software("Apache", format!("Check for a `<VirtualHost *:443>` with \"{requested}\" in `ServerName` or `ServerAlias`.")),
                    for_software("IIS", "Check the site's https binding: host name, \"Require Server Name Indication\", and the chosen certificate."),
                ];
                if *cn_only {
                    admin_steps.push(step(format!(
                        "When you make the certificate again, put the name in the SAN. With `openssl req`, add `-addext \"subjectAltName=DNS:{requested}\"`."
                    )));
                }
                FindingText {
                    headline: format!("The certificate is not for \"{requested}\""),
                    meaning,
                    danger: format!("A certificate for another name may belong to another site, or to a fake one. {DONT_ENTER}"),
                    user_steps: vec![
                        "Check the spelling of the address.".into(),
                        "If you came from a link in a mail or message, check the right address in official information.".into(),
                        "If the right address shows this too, contact the administrator of the site or service.".into(),
                    ],
                    admin_steps,
                }
            }

            K::SelfSigned { subject } => FindingText {
                headline: "The server's certificate was issued by the server itself (self-signed)".into(),
                meaning: format!(
                    "Certificates are normally issued by a {CA_GLOSS}. This certificate, \"{subject}\", was issued by the server for itself (a self-signed certificate). No third party has checked it, so browsers and mail apps cannot tell whether it is genuine."
                ),
                danger: if f.no_proceed {
                    format!("A fake server can make a self-signed certificate that looks just the same. Do not go on. {DONT_ENTER}")
                } else {
                    format!(
                        "A fake server can make a self-signed certificate that looks just the same. Do not go on unless you can confirm it is your own router, NAS or similar device. {DONT_ENTER}"
                    )
                },
                user_steps: if f.no_proceed {
                    vec![NO_PROCEED_STEP.into()]
                } else {
                    vec![
                        "If a public web site or mail service shows this, do not go on; contact its administrator.".into(),
                        "For a device at work or at home, ask the administrator for the certificate's fingerprint (SHA-256) and compare it with the value in the certificate section below.".into(),
                    ]
                },
                admin_steps: vec![
                    step(format!("On a public server, use a certificate issued by a {CA_GLOSS}. Let's Encrypt is free and renews automatically (`certbot --nginx -d name`).")),
                    step("For internal use only, issue it from your internal CA and distribute that root certificate to every device (on Windows, by Group Policy)."),
                    for_software("nginx", "Check that `ssl_certificate` does not still point at the placeholder certificate from installation (snakeoil or similar)."),
                ],
            },

            K::UnknownIssuer { issuer, root_served } => {
                let mut meaning = format!(
                    "A {CERT_GLOSS} must lead to a trusted issuer registered in the browser or operating system (a root certificate). This certificate leads to \"{issuer}\", which is neither in Mozilla's trust list nor in this computer's. It may be a company-internal {CA_GLOSS}, or a product that replaces certificates on the way (security software or a company proxy)."
                );
                if *root_served {
                    meaning.push_str(" The server sends that root certificate along, but a root sent by the server is no basis for trust.");
                }
                FindingText {
                    headline: format!("The certificate's issuer \"{issuer}\" is not trusted"),
                    meaning,
                    danger: if f.no_proceed {
                        format!("Whether the server is genuine cannot be checked. Do not go on. {DONT_ENTER}")
                    } else {
                        format!("Whether the server is genuine cannot be checked. Unless you are sure it is an internal company system: {DONT_ENTER}")
                    },
                    user_steps: vec![
                        "For a company or school system, you may need to install the root certificate your administrator provides. Ask your administrator.".into(),
                        "If a well-known site shows this, security software or a company proxy may be inspecting your traffic. Check whether another network shows the same.".into(),
                        "If neither applies, do not go on; contact the administrator of the site or service.".into(),
                    ],
                    admin_steps: vec![
                        step("On a public server, use a certificate from a CA that the major browsers trust."),
                        step("With an internal CA, distribute its root certificate to every device: Group Policy on Windows, a configuration profile on macOS, and on Linux a file in /usr/local/share/ca-certificates followed by `update-ca-certificates`."),
                    ],
                }
            }

            K::IncompleteChain { missing_issuer, aia_url, confirmed, .. } => {
                let mut meaning = format!(
                    "A server must send an {INTERMEDIATE_GLOSS} along with its own certificate. This server does not send the intermediate \"{missing_issuer}\"."
                );
                match (aia_url, confirmed) {
                    (Some(url), true) => meaning.push_str(&format!(
                        " We fetched it from the address given in the certificate ({url}), and with it the chain is trusted. The certificate itself is fine; only the server's configuration is incomplete."
                    )),
                    (Some(url), false) => meaning.push_str(&format!(
                        " It could not be fetched from the address given in the certificate ({url}), so the completed chain could not be checked."
                    )),
                    (None, _) => {}
                }
                meaning.push_str(" Many browsers fill in a missing intermediate on their own and show the site anyway, but mail apps, smartphone apps and tools such as curl fail to connect.");
                let mut admin_steps = vec![
                    step("Configure a file with the server's certificate followed by the intermediate certificates (a full chain)."),
                    for_software("nginx", "Point `ssl_certificate` at fullchain.pem (with certbot, /etc/letsencrypt/live/name/fullchain.pem). With cert.pem alone, no intermediate is sent."),
                    for_software("Apache", "From 2.4.8, point `SSLCertificateFile` at fullchain.pem. Older versions: put the intermediate in `SSLCertificateChainFile`."),
                    for_software("IIS", "Import the intermediate into the \"Intermediate Certification Authorities\" store, then choose the certificate again in the site's binding."),
                    for_software("Postfix", "Give the key and the full chain in `smtpd_tls_chain_files` (or `smtpd_tls_cert_file`)."),
                    for_software("Dovecot", "Give the full chain, e.g. `ssl_cert = </etc/letsencrypt/live/name/fullchain.pem`."),
                ];
                if let (Some(url), true) = (aia_url, confirmed) {
                    admin_steps.push(step(format!(
                        "The missing intermediate can be downloaded from {url}. If it is DER, convert it to PEM with `openssl x509 -inform der -in downloaded-file -out chain.pem`, then append it after the server's certificate."
                    )));
                }
                FindingText {
                    headline: "The intermediate certificate is not sent".into(),
                    meaning,
                    danger: "The certificate itself is fine, so this is not an immediate danger. But some users cannot connect.".into(),
                    user_steps: vec![
                        "This is a server configuration problem. Contact the administrator of the site or service.".into(),
                        "If your mail app asks whether to set up the account without SSL, do not accept.".into(),
                    ],
                    admin_steps,
                }
            }

            K::ChainInvalid { reason, .. } => FindingText {
                headline: format!("Certificate check failed ({})", self.reject(*reason)),
                meaning: format!(
                    "The {CERT_GLOSS} could be traced to its issuer, but a problem was found on the way. The reason: {}.",
                    self.reject(*reason)
                ),
                danger: format!("Browsers do not accept this certificate. Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("See \"Detail\" in the evidence below."),
                    step("Check whether you get the same failure locally: `openssl verify -untrusted intermediate.pem server.pem`."),
                    step(format!("If the certificate's purpose or signature method is wrong, have your {CA_GLOSS} issue it again.")),
                ],
            },

            K::SniDefaultCert { requested, default_subject, .. } => FindingText {
                headline: "Without SNI, the server returns a different certificate".into(),
                meaning: format!(
                    "With SNI (telling the server at the start which site you want), the right certificate comes back. Without it, the certificate of \"{default_subject}\" comes back, which does not match \"{requested}\". Today's browsers always use SNI, but old mail apps and devices, and connections by IP address, get a name-mismatch error."
                ),
                danger: "Safe to use from today's browsers. Only old devices and apps that do not send SNI are affected.".into(),
                user_steps: vec![
                    "If an old app or device cannot connect, update the app.".into(),
                    format!("Connect by name (\"{requested}\"), not by IP address."),
                ],
                admin_steps: vec![
                    step(format!("Make this site the default one (served when there is no SNI), or include \"{requested}\" in the default site's certificate.")),
                    for_software("nginx", "Add `default_server` to this server block's `listen` line."),
                    for_software("Apache", "Make this site's `<VirtualHost>` the first one loaded for its IP address and port."),
                    for_software("IIS", "Check the certificate of the https binding without \"Require Server Name Indication\"."),
                ],
            },

            K::ClockAhead { skew } | K::ClockBehind { skew } => {
                let ahead = matches!(kind, K::ClockAhead { .. });
                let by = self.duration(skew.offset_seconds.unsigned_abs());
                let consequence = if ahead {
                    "That makes a valid certificate look expired."
                } else {
                    "That makes a valid certificate look not valid yet."
                };
                let reference = match (skew.source, skew.reference_server.as_deref()) {
                    (ClockSource::Sntp, Some(server)) => format!("the exact time from the time server {server} ({})", f.date(skew.reference)),
                    _ => format!("the server's clock ({})", f.date(skew.reference)),
                };
                let mut meaning = format!(
                    "The browser checks whether a {CERT_GLOSS} is within its validity period against the device's clock. Compared with {reference}, this device's clock ({}) is {by} {}. {consequence} The certificate is valid from {} to {}.",
                    f.date(skew.local),
                    if ahead { "ahead" } else { "behind" },
                    f.date(skew.not_before),
                    f.date(skew.not_after),
                );
                if let Some(os) = skew.os {
                    meaning.push_str(&format!(" The computer's own clock shows {}: only the browser's clock differs from the computer's.", f.date(os)));
                }
                let zone = super::zone_hint(skew, f);
                let headline = match (&zone, ahead) {
                    (Some(_), _) => "Your device's time zone setting may be wrong".to_owned(),
                    (None, true) => format!("Your device's clock is {by} ahead"),
                    (None, false) => format!("Your device's clock is {by} behind"),
                };
                let mut user_steps: Vec<String> = Vec::new();
                if let Some((device, likely)) = &zone {
                    meaning.push_str(&format!(
                        " The difference is exactly {by}, so the time zone setting, not the clock, is most likely wrong. It is set to {device}. If the clock shows the right time, the right setting is {likely} (Japan is UTC+9:00)."
                    ));
                    user_steps.push("Set the time zone to where you are (for Japan, \"Osaka, Sapporo, Tokyo\"). If there is an option to set the time zone automatically, turn it on.".into());
                }
                user_steps.extend([
                    "Set the device's date and time to be set automatically.".to_owned(),
                    "Windows: Settings → Time & language → Date & time, turn on \"Set time automatically\" and \"Set time zone automatically\".".into(),
                    "macOS: System Settings → General → Date & Time, turn on \"Set time and date automatically\" and check the time zone.".into(),
                    "iPhone and iPad: Settings → General → Date & Time, turn on \"Set Automatically\".".into(),
                    "Android: Settings → System → Date & time, turn on \"Set time automatically\" and \"Set time zone automatically\".".into(),
                    "After fixing the clock, restart the browser and open the page again.".into(),
                ]);
                FindingText {
                    headline,
                    meaning,
                    danger: "The server's certificate itself is fine. Once the device's clock is right, the connection is safe.".into(),
                    user_steps,
                    admin_steps: vec![
                        step("Nothing to fix on the server."),
                        step("On company devices, check the time synchronisation (NTP) settings and that UDP port 123 gets through."),
                    ],
                }
            }

            K::StaleBrowserState { code, origin, version, .. } => FindingText {
                headline: "The server is fine. Old data kept by the browser may be the cause".into(),
                meaning: format!(
                    "The browser reported the error \"{code}\". But when TLS Doctor connected to the server from this computer just now, it connected without problems over {version}. Old data the browser keeps (the cache, copies of pages it loaded before, and cookies, data sites leave in the browser) or a connection left open from before may cause the error. The server's problem may also have been fixed since."
                ),
                danger: "No problem was found with the server's certificate or encryption. Clearing this site's old data fixes this in most cases.".into(),
                user_steps: vec![
                    format!("Use TLS Doctor's button to clear the cache and cookies of this site ({origin}) only, and open the page again. Other sites' data stays. You may need to sign in to this site again."),
                    "If that does not help, close every browser window and start the browser again. Old open connections are closed.".into(),
                    "If the error page has no button to go on anyway, the site uses HSTS (which makes the browser remember to always connect to it encrypted). It is there for your safety: do not delete the HSTS record.".into(),
                    "If the same error still appears, software that handles only the browser's traffic, such as security software or a VPN, may be the cause. Copy the diagnosis and show it to your support desk.".into(),
                ],
                admin_steps: vec![
                    step("Nothing to fix on the server. It accepts connections correctly as it is."),
                    step("If reports continue, check whether some servers behind a load balancer still use an old certificate, or whether the certificate was replaced recently."),
                ],
            },

            K::InterceptionKnownProduct { product, kind: which, issuer, expected, trusted_by, .. } => {
                let what = interceptor_en(*which);
                let meaning = format!(
                    "The {CERT_GLOSS} this computer received was not the server's: it was issued by \"{issuer}\". That is the name {product} ({what}) uses when it replaces sites' certificates with its own to inspect the traffic. {}",
                    if *expected {
                        "Your administrator registered this inspection as the company's own."
                    } else if trusted_by.contains(&TrustStore::Browser) {
                        "This browser trusts that issuer, so the page loads without an error."
                    } else {
                        "The browser does not trust that issuer, hence the error."
                    }
                );
                let danger = if *expected {
                    "This is not an attack from outside. Your traffic passes through the company's inspection.".to_owned()
                } else {
                    format!("It is most likely {product} at work, not an attack. But this software or device can read the traffic. If you do not recognise it: {DONT_ENTER}")
                };
                let user_steps = if *expected {
                    vec![
                        "Follow your company's rules.".into(),
                        "If the error continues, contact your help desk and show them the TLS Doctor diagnosis.".into(),
                    ]
                } else {
                    interceptor_steps_en(*which, product)
                };
                FindingText {
                    headline: format!("{product} is inspecting your encrypted connections on the way"),
                    meaning,
                    danger,
                    user_steps,
                    admin_steps: vec![
                        step(format!("Distribute {product}'s inspection root certificate ({issuer}) to the devices' and browsers' trust lists, or exclude this site from inspection.")),
                        step("Firefox has its own trust list. The policy Certificates → ImportEnterpriseRoots makes it use the OS trust list as well."),
                        step("If the inspection is official, add the root certificate's SHA-256 to TLS Doctor's managed setting expectedInspectionCAs. Users are then told it is not an attack."),
                    ],
                }
            }

            K::InterceptionCorporate { issuer, sha256, expected, .. } => {
                let mut meaning = format!(
                    "The {CERT_GLOSS} this computer received was issued by \"{issuer}\". This computer's trust list includes that issuer, but it is not a publicly trusted {CA_GLOSS}. This happens when a company network uses TLS inspection (opening the encryption on the way to check the contents). It may also be a CA used only inside a company."
                );
                if *expected {
                    meaning.push_str(" Your administrator registered this issuer as the company's official inspection.");
                }
                FindingText {
                    headline: if *expected {
                        "This is your company's approved inspection".into()
                    } else {
                        "An issuer only this computer trusts is replacing certificates".into()
                    },
                    meaning,
                    danger: if *expected {
                        "This is not an attack from outside. Your traffic passes through the company's inspection. Handle private passwords as your company's rules say.".into()
                    } else {
                        format!("On a company device, this is most likely the company's inspection. On your own device, if you do not recognise it, someone may be able to read your traffic. {DONT_ENTER}")
                    },
                    user_steps: if *expected {
                        vec![
                            "Follow your company's rules.".into(),
                            "If the error continues, the browser needs the company's certificate. Contact your help desk.".into(),
                        ]
                    } else {
                        vec![
                            "On a company or school device, show the TLS Doctor diagnosis to your help desk and tell them about this error.".into(),
                            "On your own device, if you do not recognise it, look for unknown certificates or configuration profiles (files that install settings in one go; on iPhone, under Settings → General) and remove them.".into(),
                            "If unsure, stop entering anything on this network and try another connection, such as your phone's mobile data.".into(),
                        ]
                    },
                    admin_steps: vec![
                        step(format!("Distribute this root certificate (SHA-256: {sha256}) so that browsers trust it.")),
                        step("In Firefox, the policy Certificates → ImportEnterpriseRoots makes it use the OS trust list."),
                        step("If the inspection is official, add this SHA-256 to TLS Doctor's managed setting expectedInspectionCAs. Users are then told it is not an attack."),
                    ],
                }
            }

            K::InterceptionUnknown { issuer, canary } => {
                let canary = canary.as_deref().unwrap_or("another site");
                FindingText {
                    headline: "An unknown issuer is replacing the certificates of several sites".into(),
                    meaning: format!(
                        "This site's {CERT_GLOSS} was issued by \"{issuer}\". An unrelated site ({canary}) also answered with a certificate from the same \"{issuer}\". Real sites do not all use the same unknown issuer. Something between this computer and the internet opens the encryption on the way and replaces the certificates."
                    ),
                    danger: format!("Your traffic may be being read. {DONT_ENTER} Do not go past the error page."),
                    user_steps: vec![
                        "Stop using this network. On public Wi-Fi, disconnect and try another connection, such as your phone's mobile data.".into(),
                        "If the other connection works, the original network is the cause. Tell the network's administrator.".into(),
                        "If the other connection shows the same, check the software on this device (security software, VPNs, anything you do not recognise).".into(),
                        "On a company device, contact your help desk and show them the TLS Doctor diagnosis.".into(),
                    ],
                    admin_steps: vec![
                        step("Nothing to fix on the server."),
                        step("Look for a device or software relaying TLS on the user's network or computer. If it is the company's inspection, distribute its root certificate and add it to TLS Doctor's managed setting expectedInspectionCAs."),
                    ],
                }
            }

            K::InternalCaUntrusted { issuer, domain, os_trusts, .. } => {
                let mut meaning = String::new();
                if let Some(domain) = domain {
                    meaning.push_str(&format!("This is a site used inside your organisation ({domain}). "));
                }
                meaning.push_str(&format!(
                    "Internal sites usually get their certificates from a {CA_GLOSS} that the organisation runs itself. "
                ));
                if let Some(issuer) = issuer {
                    meaning.push_str(&format!("This site's certificate was issued by \"{issuer}\". "));
                }
                let measured = issuer.is_some();
                if *os_trusts {
                    meaning.push_str("This computer has the organisation's root certificate (the certificate that trust starts from), but this browser does not use it. Out of the box, Firefox uses its own list of trusted roots, separate from the computer's. ");
                } else if measured {
                    meaning.push_str("This device does not have that authority's root certificate (the certificate that trust starts from), so the browser cannot tell whether the site is genuine. ");
                } else {
                    meaning.push_str("The browser reports that it cannot trust the issuer. This device may be missing the root certificate (the certificate that trust starts from) of your organisation's certificate authority. ");
                }
                if measured || *os_trusts {
                    meaning.push_str("The server is not broken.");
                }
                let mut user_steps = vec![
                    "Contact your organisation's help desk and tell them: \"The organisation's root certificate seems to be missing on this device.\"".to_string(),
                ];
                if *os_trusts {
                    user_steps.push("In Firefox, ask the administrator to make Firefox use the computer's certificates.".into());
                } else {
                    user_steps.push("On a device your organisation manages, connecting to the office network and restarting may bring the settings it distributes.".into());
                }
                FindingText {
                    headline: if *os_trusts {
                        "This browser does not trust your organisation's certificate authority".into()
                    } else if measured {
                        "Your organisation's certificate authority is not installed on this device".into()
                    } else {
                        "Your organisation's certificate authority may be missing on this device".into()
                    },
                    meaning,
                    danger: format!(
                        "Most likely this internal site is fine and only the installation is missing. But this page cannot prove that the site is genuine. Do not go past the warning; wait for the administrator to check. {DONT_ENTER}"
                    ),
                    user_steps,
                    admin_steps: vec![
                        step("Distribute the organisation's root certificate to this device: Group Policy on Windows, a configuration profile on macOS, and on Linux place it in /usr/local/share/ca-certificates and run `update-ca-certificates`."),
                        step("For Firefox, enable the policy Certificates → ImportEnterpriseRoots so that it uses the OS's roots, or distribute the root with Certificates → Install."),
                        step("Declare the root's SHA-256 in TLS Doctor's managed setting internalRootCAs, so users are told this with certainty."),
                    ],
                }
            }

            K::CaptivePortal { url, location, title, private_answers, .. } => {
                let instead = match (location, title) {
                    (Some(location), _) => format!("a redirect to \"{location}\""),
                    (None, Some(title)) => format!("a page titled \"{title}\""),
                    (None, None) => "another page".to_owned(),
                };
                let mut meaning = format!(
                    "Some Wi-Fi networks in hotels, stations and cafés send all traffic to their own page until you sign in or agree to their terms (a captive portal). A fixed address for checking connections ({url}) answered not with its usual reply but with {instead}. Until you sign in, the Wi-Fi's certificate comes back instead of the site's {CERT_GLOSS}, hence the error."
                );
                if !private_answers.is_empty() {
                    meaning.push_str(&format!(
                        " Also, the site's name was translated to addresses used only inside the premises ({}). That too shows you are being sent to a sign-in page.",
                        f.list(&f.ips(private_answers))
                    ));
                }
                FindingText {
                    headline: "This Wi-Fi does not connect to the internet until you sign in".into(),
                    meaning,
                    danger: "Nothing is wrong with the site or its server. Do not enter site passwords on the page before you have signed in.".into(),
                    user_steps: vec![
                        "First open the Wi-Fi's sign-in page. Opening a page that starts with \"http://\" in the browser (for example http://example.com ) often brings it up.".into(),
                        "On the sign-in page, sign in as the venue explains (room number, an agree button and so on). Do not enter other sites' passwords there.".into(),
                        "After signing in, open the original page again.".into(),
                        "If no sign-in page appears, disconnect from the Wi-Fi and connect again, or ask the staff.".into(),
                    ],
                    admin_steps: vec![
                        step("Nothing to fix on the server."),
                        step("The user is on a Wi-Fi that needs a sign-in. Ask them to sign in and then open the page again."),
                    ],
                }
            }

            K::OutdatedClient { browser, version, needs, since } => {
                let needs = self.version(*needs);
                FindingText {
                    headline: "Your browser is too old to connect to this site".into(),
                    meaning: format!(
                        "This site's server accepts {TLS_GLOSS} connections only with {needs} or newer. Your {browser} is version {version}. {browser} speaks {needs} from version {since}."
                    ),
                    danger: "The server's settings are right by today's standards. An old browser also misses its security updates.".into(),
                    user_steps: vec![
                        "Update your browser to the latest version.".into(),
                        "Chrome: \"⋮\" at the top right → Help → About Google Chrome starts the update.".into(),
                        "Edge: \"…\" at the top right → Help and feedback → About Microsoft Edge starts the update.".into(),
                        "Firefox: \"≡\" at the top right → Help → About Firefox starts the update.".into(),
                        "If the operating system is too old to update the browser, consider updating it or replacing the device. On a company device, ask your administrator.".into(),
                    ],
                    admin_steps: vec![
                        step("Only if users with old browsers must be served, enable TLS 1.2 as well (with safe suites only, such as ECDHE with AES-GCM)."),
                        for_software("nginx", "`ssl_protocols TLSv1.2 TLSv1.3;` then `nginx -s reload`."),
                    ],
                }
            }

            K::BrowserError { code, category, causes, server_healthy_now, .. } => {
                let text = super::en_browser::category(*category);
                let mut meaning = format!("The browser reported the error \"{code}\". {}", text.meaning);
                if *server_healthy_now {
                    meaning.push_str(" However, TLS Doctor's diagnostic tool connected to the server from this computer just now and found no problem. Old information left in the browser, or security software, may be the cause on this device.");
                } else if !causes.is_empty() {
                    meaning.push_str(" The usual causes, and how to tell them apart, are listed below.");
                }
                let mut user_steps: Vec<String> = causes
                    .iter()
                    .take(super::CAUSES_SHOWN)
                    .map(|c| {
                        let t = super::en_browser::cause(*c);
                        format!("{}: {}", t.label, t.how_to_tell)
                    })
                    .collect();
                user_steps.push("Do not ignore the warning and go on until the cause is known.".into());
                FindingText {
                    headline: text.headline.to_owned(),
                    meaning,
                    danger: text.danger.to_owned(),
                    user_steps,
                    admin_steps: vec![step(text.admin)],
                }
            }
            K::LegacyProtocolOnly { accepted, .. } => {
                let vs = self.list(&accepted.iter().map(|v| self.version(*v).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: format!("The server only speaks old TLS ({vs})"),
                    meaning: format!(
                        "{TLS_GLOSS} comes in versions. This server only speaks {vs}. Weaknesses were found in {vs}, so the major browsers stopped using them around 2020, and mail apps no longer use them either. Today's browsers and mail apps therefore cannot connect. This is common on old routers, NAS devices, printers and internal appliances."
                    ),
                    danger: "Old TLS versions have known weaknesses that let traffic be read or changed. Do not change browser settings to allow old TLS.".into(),
                    user_steps: vec![
                        "Ask the administrator of the device or server to support TLS 1.2 or later.".into(),
                        "For a device you manage, update its firmware. If it still cannot do TLS 1.2, consider replacing it.".into(),
                    ],
                    admin_steps: modern_protocol_steps(),
                }
            }

            K::LegacyProtocolEnabled { versions } => {
                let vs = self.list(&versions.iter().map(|v| self.version(*v).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: format!("Old TLS ({vs}) is still enabled"),
                    meaning: format!(
                        "This server connects with current {TLS_GLOSS}, but it also accepts old versions with known weaknesses ({vs}). Today's browsers do not use them, so nothing shows, but a door for attacks on old versions stays open."
                    ),
                    danger: "Connections from today's browsers are safe.".into(),
                    user_steps: vec!["Nothing to do for now.".into()],
                    admin_steps: modern_protocol_steps(),
                }
            }

            K::WeakCipherOnly { cipher, weakness, .. } => {
                let (name, why) = self.weakness(*weakness);
                FindingText {
                    headline: format!("The server only offers weak encryption ({name})"),
                    meaning: format!(
                        "Encryption uses one chosen combination of ciphers (a cipher suite). This server accepted only weak ones such as {cipher}. {why} Today's browsers do not use such ciphers, so they cannot connect."
                    ),
                    danger: "Traffic encrypted this weakly may be read by others. Do not change browser settings to connect anyway.".into(),
                    user_steps: vec![
                        "Ask the administrator of the server or device to support current ciphers (ECDHE with AES-GCM and similar).".into(),
                        "For a device you manage, update its firmware.".into(),
                    ],
                    admin_steps: modern_cipher_steps(),
                }
            }

            K::WeakCipherEnabled { cipher, weakness, .. } => {
                let (name, why) = self.weakness(*weakness);
                FindingText {
                    headline: format!("Weak encryption ({name}) is still enabled"),
                    meaning: format!(
                        "This server connects with current cipher suites, but it also accepts weak ones such as {cipher}. {why} Today's browsers do not use them, so nothing shows, but old devices may connect with weak encryption."
                    ),
                    danger: "Connections from today's browsers are safe.".into(),
                    user_steps: vec!["Nothing to do for now.".into()],
                    admin_steps: modern_cipher_steps(),
                }
            }

            K::NoCipherOverlap { .. } => FindingText {
                headline: "The server shares no cipher with us".into(),
                meaning: format!(
                    "This server answers in {TLS_GLOSS}, but accepted none of the cipher combinations (cipher suites) offered: neither those of today's browsers nor old ones. Its cipher settings may be narrowed down too far, or to unusual ciphers only."
                ),
                danger: "No encrypted connection was made. Do not switch to an unencrypted connection.".into(),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("Include ECDHE with AES-GCM in the cipher settings (nginx `ssl_ciphers`, Apache `SSLCipherSuite`)."),
                    step("Check that the certificate's key type matches the ciphers: an ECDSA certificate with only RSA ciphers (ECDHE-RSA-…) leaves nothing in common."),
                ],
            },

            K::Revoked { revoked_at, reason, method } => {
                let why = reason.as_deref().map(|r| format!(" (reason: {})", self.revocation_reason(r))).unwrap_or_default();
                FindingText {
                    headline: "The issuer has withdrawn this certificate (revoked)".into(),
                    meaning: format!(
                        "A {CA_GLOSS} may withdraw a certificate before it expires, for instance when its key has leaked (revocation). This certificate was revoked on {}{why}. Checked through {}.",
                        f.date(*revoked_at),
                        self.revocation_method(*method)
                    ),
                    danger: format!("A revoked certificate cannot be trusted; this may be a fake server. {DONT_ENTER}"),
                    user_steps: vec!["Contact the administrator of the site or service. Do not use it until it is fixed.".into()],
                    admin_steps: vec![
                        step("Get a new certificate with a new key and install it. If the key may have leaked, always make a new key."),
                        for_software("certbot", "Get a new one with `certbot certonly --force-renewal -d name`, then reload the web server."),
                        step("If you did not revoke it, ask the certificate authority why."),
                    ],
                }
            }

            K::OcspStapleMissing {} => FindingText {
                headline: "The certificate demands a stapled revocation status, and none is sent (must-staple)".into(),
                meaning: "This certificate says the server must always attach its revocation status (an OCSP response: proof that the certificate has not been withdrawn), known as must-staple. The server does not attach it. Firefox and others honour the demand and refuse the connection.".into(),
                danger: "The certificate itself may be fine, but some browsers cannot connect.".into(),
                user_steps: vec!["Contact the administrator of the site or service.".into()],
                admin_steps: vec![
                    for_software("nginx", "Set `ssl_stapling on;`, `ssl_stapling_verify on;` and a `resolver`, and point `ssl_trusted_certificate` at the intermediate certificate."),
                    for_software("Apache", "Set `SSLUseStapling on` and `SSLStaplingCache shmcb:/var/run/ocsp(128000)`."),
                    step("Where stapling is not possible, get a certificate without must-staple (with certbot, without `--must-staple`)."),
                ],
            },

            K::OcspStapleStale { next_update } => FindingText {
                headline: "The revocation status the server attaches is out of date".into(),
                meaning: format!(
                    "The server attaches a revocation status (an OCSP response: proof that the certificate has not been withdrawn), but it expired on {}. The server may be failing to fetch a fresh one.",
                    f.date(*next_update)
                ),
                danger: "Most browsers still connect for now, but strict clients fail.".into(),
                user_steps: vec!["Nothing to do for now.".into()],
                admin_steps: vec![
                    step("Check that the server can reach the OCSP URL in the certificate (firewall, and nginx's `resolver`)."),
                    for_software("nginx", "If you use a fixed response with `ssl_stapling_file`, renew it regularly."),
                ],
            },

            K::RevocationUnavailable { methods, .. } => {
                let how = self.list(&methods.iter().map(|m| self.revocation_method(*m).to_owned()).collect::<Vec<_>>());
                FindingText {
                    headline: "Whether the certificate has been revoked could not be checked".into(),
                    meaning: format!(
                        "We tried to check that the certificate has not been withdrawn by its issuer, through {how}, but got no answer. Most browsers connect anyway in this case, but it is not confirmed that the certificate is not revoked."
                    ),
                    danger: "Not an immediate danger. Devices set to always check revocation (some company devices) cannot connect, though.".into(),
                    user_steps: vec!["Nothing to do for now. If it persists, tell the administrator.".into()],
                    admin_steps: vec![
                        step("Check that the OCSP and CRL URLs in the certificate are reachable from outside. The certificate authority may have an outage."),
                        step("With OCSP stapling (the server attaching the revocation status), clients can check even when they cannot reach the responder."),
                    ],
                }
            }

            K::WeakSignature { subject, algorithm, .. } => FindingText {
                headline: format!("The certificate's signature method ({algorithm}) is outdated; browsers refuse it"),
                meaning: format!(
                    "A {CERT_GLOSS} carries its issuer's seal of approval (a signature). \"{subject}\" is signed with {algorithm}. Old methods based on SHA-1 or MD5 can be forged, so today's browsers refuse them."
                ),
                danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("Have the certificate re-issued with a SHA-256 (or stronger) signature."),
                    step("If the old one is an intermediate, replace it with the one the certificate authority issues today."),
                ],
            },

            K::WeakKey { subject, key, .. } => FindingText {
                headline: format!("The certificate's key is too short ({key})"),
                meaning: format!(
                    "A {CERT_GLOSS} holds a cryptographic key. The key of \"{subject}\" is {key}, shorter than today's minimum (2048 bits for RSA, 256 bits for elliptic curves), and may be broken, so browsers refuse it."
                ),
                danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                user_steps: vec![CONTACT_ADMIN.into()],
                admin_steps: vec![
                    step("Make a new RSA key of at least 2048 bits, or an ECDSA key (P-256 or stronger), and get a new certificate. For example: `openssl req -new -newkey rsa:2048 …`"),
                    for_software("certbot", "`--key-type ecdsa` gets a certificate with an ECDSA key."),
                ],
            },

            K::ValidityTooLong { days, .. } => FindingText {
                headline: format!("The certificate is valid for too long ({days} days)"),
                meaning: format!(
                    "A {CERT_GLOSS} from a public certificate authority issued since September 2020 may be valid for at most 398 days. This one is valid for {days} days, so Chrome and Safari refuse it if a public authority issued it. From a company's own certificate authority, most browsers accept it."
                ),
                danger: "Some browsers cannot connect.".into(),
                user_steps: vec!["Contact the administrator of the site or service.".into()],
                admin_steps: vec![step(
                    "Get a certificate valid for 398 days or less. With automatic renewal (certbot and the like), short lifetimes cost no effort.",
                )],
            },

            K::WrongUsage { purposes } => {
                let list = match purposes {
                    Some(p) if !p.is_empty() => format!(
                        "This certificate's purposes are \"{}\"",
                        self.list(&p.iter().map(|x| self.purpose(x)).collect::<Vec<_>>())
                    ),
                    _ => "This certificate's key usage".to_owned(),
                };
                FindingText {
                    headline: "This certificate is not for servers".into(),
                    meaning: format!(
                        "A {CERT_GLOSS} states what it may be used for. {list}, which does not include the \"server authentication (serverAuth)\" a web server needs, so browsers refuse it."
                    ),
                    danger: format!("Whether the server is genuine cannot be checked. {DONT_ENTER}"),
                    user_steps: vec![CONTACT_ADMIN.into()],
                    admin_steps: vec![
                        step("Re-issue the certificate with \"server authentication (serverAuth)\". With a company CA, use its web server template."),
                        step("Check the purposes with `openssl x509 -noout -ext extendedKeyUsage,keyUsage -in certificate-file`."),
                    ],
                }
            }

            K::ChainWrongOrder {} => FindingText {
                headline: "The server sends its certificates in the wrong order".into(),
                meaning: format!(
                    "A server must send its own certificate followed by the {INTERMEDIATE_GLOSS} that issued it, in order. This server mixes up the order. Today's browsers re-order and check, but older mail apps and devices may fail."
                ),
                danger: "Safe to use from today's browsers.".into(),
                user_steps: vec!["Nothing to do for now.".into()],
                admin_steps: vec![step(
                    "Order the certificate file as: the server's certificate, the intermediate that issued it, then the one above that. certbot's fullchain.pem is in the right order.",
                )],
            },

            K::RootInChain { subject } => FindingText {
                headline: "The server also sends the root certificate".into(),
                meaning: format!(
                    "The server also sends the root certificate (the certificate trust starts from) \"{subject}\". Browsers and operating systems already hold their roots, so it is never used. It does no harm, but adds a little traffic."
                ),
                danger: "No problem.".into(),
                user_steps: vec!["Nothing to do.".into()],
                admin_steps: vec![step("Removing the root from the certificate file makes connections a little faster.")],
            },

            K::StarttlsNotOffered { protocol, port, plaintext_auth, .. } => {
                let proto = self.starttls_protocol(*protocol);
                let mut meaning = format!(
                    "We connected to port {port} with {proto}, but the server does not offer {STARTTLS_GLOSS}. This server can only be talked to without encryption."
                );
                if !plaintext_auth.is_empty() {
                    meaning.push_str(&format!(" Even so, it accepts logging in with a password ({}).", self.list(plaintext_auth)));
                }
                FindingText {
                    headline: format!("The server on port {port} does not support encryption (STARTTLS)"),
                    meaning,
                    danger: "Used like this, your password and your mail travel unencrypted. On public Wi-Fi and similar networks, anyone on the way could read them.".into(),
                    user_steps: if protocol.is_mail() {
                        vec![
                        NO_SSL.into(),
                        format!("The port number may be wrong. {MAIL_PORTS}"),
                        "Check your provider's instructions, and if unsure, contact the administrator.".into(),
                        ]
                    } else {
                        vec![NO_PLAIN.into(), "Check your provider's instructions, and if unsure, contact the administrator.".into()]
                    },
                    admin_steps: vec![step("Give the server a certificate and private key, and turn STARTTLS on.")],
                }
            }

            K::StarttlsFailed { protocol, port, failure } => {
                let proto = self.starttls_protocol(*protocol);
                let what = match failure {
                    StarttlsFailure::Refused { reply } => format!(
                        "The server said it supports {STARTTLS_GLOSS}, but when asked to switch, it refused with \"{reply}\". Most often the server cannot read its certificate or private key file."
                    ),
                    StarttlsFailure::ProtocolError { detail } => format!(
                        "During the {STARTTLS_GLOSS} exchange, the server answered against the rules of {proto} ({detail})."
                    ),
                    StarttlsFailure::Cut { during: StarttlsStage::Dialogue, .. } => format!(
                        "During the {STARTTLS_GLOSS} exchange, the server cut the connection."
                    ),
                    StarttlsFailure::Cut { during: StarttlsStage::Handshake, .. } => format!(
                        "The server agreed to {STARTTLS_GLOSS}, then cut the connection during the {HANDSHAKE_GLOSS} that followed. The server may speak only old TLS versions, or its certificate settings may be broken."
                    ),
                    StarttlsFailure::TimedOut { during: StarttlsStage::Dialogue } => format!(
                        "During the {STARTTLS_GLOSS} exchange, the server stopped answering."
                    ),
                    StarttlsFailure::TimedOut { during: StarttlsStage::Handshake } => format!(
                        "The server agreed to {STARTTLS_GLOSS}, but did not answer the {HANDSHAKE_GLOSS} that followed."
                    ),
                    StarttlsFailure::Handshake { failure: HandshakeFailure::Alert { alert } } => {
                        let reason = self.alert(alert).unwrap_or(alert.as_str());
                        format!(
                            "The server agreed to {STARTTLS_GLOSS}, then refused the {HANDSHAKE_GLOSS} that followed, giving the reason \"{reason}\". Most often the server speaks only old TLS versions (1.0 or 1.1), or shares no cipher with us."
                        )
                    }
                    StarttlsFailure::Handshake { failure: HandshakeFailure::Protocol { .. } } => format!(
                        "The server agreed to {STARTTLS_GLOSS}, then sent data against the rules of {TLS_GLOSS} during the {HANDSHAKE_GLOSS}."
                    ),
                };
                FindingText {
                    headline: format!("The switch to encryption (STARTTLS) failed on port {port}"),
                    meaning: format!("We connected with {proto}. {what}"),
                    danger: "No encrypted connection has started. No password was sent, but do not switch to \"no SSL\" to make it work.".into(),
                    user_steps: vec![if protocol.is_mail() { NO_SSL } else { NO_PLAIN }.into(), CONTACT_ADMIN.into()],
                    admin_steps: vec![step("Find in the server's log why STARTTLS failed. The location and read permissions of the certificate and key files are common causes.")],
                }
            }

            K::PlaintextAuthOffered { protocol, port, mechanisms } => {
                let proto = self.starttls_protocol(*protocol);
                FindingText {
                    headline: "Password logins are accepted before encryption".into(),
                    meaning: format!(
                        "The {proto} server on port {port} supports {STARTTLS_GLOSS}, but it accepts logging in with a password ({}) before the switch too. A mail app set up \"without SSL\" would send the password in a readable form, and the login would still work.",
                        self.list(mechanisms)
                    ),
                    danger: "Safe with encryption (STARTTLS or SSL/TLS) set. Dangerous with \"no SSL\".".into(),
                    user_steps: vec![
                        "Check that your mail app's encryption is set to \"STARTTLS\" or \"SSL/TLS\". If it says \"none\", change it.".into(),
                        "If you used \"none\", change your password to be safe.".into(),
                    ],
                    admin_steps: vec![step("Refuse logins before encryption.")],
                }
            }

            K::ExpiredCrossSign { subject, issuer, not_after, days_ago, .. } => FindingText {
                headline: "The server sends an expired cross-signed certificate. Older devices cannot connect".into(),
                meaning: format!(
                    "A cross-signed certificate is one in which an older root certificate (a certificate trust starts from) vouches for a newer one. It is a bridge for older devices that lack the new root. This server sends a cross-sign in which \"{issuer}\" vouches for \"{subject}\", but it expired on {} ({}). Today's browsers already hold \"{subject}\", so they connect without trouble. Older devices that follow the chain as sent (old Android, mail apps and devices using old OpenSSL) reach the expired certificate and fail.",
                    f.date(*not_after),
                    self.days_ago(*days_ago)
                ),
                danger: "Safe to use from today's browsers. Older devices and apps may fail to connect.".into(),
                user_steps: vec!["Nothing to do in today's browsers. If an older device cannot connect, tell the administrator.".into()],
                admin_steps: vec![
                    step(format!("Remove the cross-signed certificate issued by \"{issuer}\" from the certificate file.")),
                    for_software("certbot", format!("Request the certificate again with `--preferred-chain \"{subject}\"` to get a chain without the cross-sign.")),
                    step("`openssl crl2pkcs7 -nocrl -certfile fullchain.pem | openssl pkcs7 -print_certs -noout` lists the certificates in the file."),
                ],
            },

            K::RefusedByPolicy(r) => super::refused_text(self, r),
        }
    }

    fn field(&self, field: Field) -> &'static str {
        match field {
            Field::Host => "Host name",
            Field::Address => "IP address",
            Field::Port => "Port",
            Field::DnsAnswer => "DNS answer",
            Field::Waited => "Waited",
            Field::Stage => "Stopped at",
            Field::Cut => "How it was cut",
            Field::FirstLine => "First line from the server",
            Field::Alert => "Server's alert",
            Field::Reason => "Reason",
            Field::Detail => "Detail",
            Field::Certificates => "Certificates",
            Field::Position => "Certificate number",
            Field::Subject => "Certificate name",
            Field::Issuer => "Issuer",
            Field::NotBefore => "Valid from",
            Field::NotAfter => "Expires",
            Field::Validity => "Validity",
            Field::Requested => "Name connected to",
            Field::NamesInCert => "Names in the certificate",
            Field::CommonName => "CN (old-style name field)",
            Field::MissingIssuer => "Missing intermediate",
            Field::AiaUrl => "Where to get the intermediate",
            Field::Verified => "Completed and checked",
            Field::DefaultCert => "Certificate without SNI",
            Field::Protocol => "Protocol",
            Field::Cipher => "Cipher suite",
            Field::TrustedBy => "Trusted by",
            Field::Key => "Key",
            Field::Signature => "Signature",
            Field::Fingerprint => "Fingerprint (SHA-256)",
            Field::ServerClock => "Server clock",
            Field::LocalClock => "This device's clock",
            Field::Skew => "Difference",
            Field::BrowserError => "Browser error",
            Field::ErrorName => "Error name",
            Field::Browser => "Browser",
            Field::CheckedBy => "How this was found",
            Field::Versions => "TLS versions spoken",
            Field::Weakness => "Weakness",
            Field::RevokedAt => "Revoked on",
            Field::Method => "Checked through",
            Field::NextUpdate => "Status valid until",
            Field::Days => "Validity (days)",
            Field::Purposes => "Certificate purposes",
            Field::MustStaple => "Stapling required",
            Field::Greeting => "Server greeting",
            Field::Reply => "Server reply",
            Field::Mechanisms => "Logins offered before encryption",
            Field::During => "Failed at",
            Field::Origin => "To clear",
            Field::Product => "Product",
            Field::Canary => "Compared with",
            Field::InternalDomain => "Internal domain",
            Field::DeclaredRoot => "Root declared by your organisation",
            Field::Organization => "Organisation",
            Field::HelpdeskEmail => "Help desk (e-mail)",
            Field::HelpdeskPhone => "Help desk (phone)",
            Field::HelpdeskUrl => "Help desk (web)",
            Field::BrowserCertificate => "Certificate the browser received",
            Field::CheckUrl => "Check address",
            Field::PrivateAddresses => "Local addresses",
            Field::TimeServer => "Time server",
            Field::OsClock => "Computer's clock",
            Field::NeededBrowser => "Needs version",
            Field::Rule => "Rule that stopped it",
        }
    }

    fn side(&self, side: Side) -> &'static str {
        match side {
            Side::Client => "your device",
            Side::Server => "server side",
            Side::Network => "network",
            Side::Unknown => "side not yet known",
            Side::None => "no problem",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    fn labels(&self) -> Labels {
        Labels {
            meaning: "What is happening".into(),
            danger: "How dangerous".into(),
            user_steps: "What you should do".into(),
            admin_steps: "For the server's administrator".into(),
            evidence: "Evidence".into(),
            also_found: "Also found".into(),
            certificates: "Certificates the server sent".into(),
            more: "Details".into(),
        }
    }

    fn summary(&self, primary: &Finding, problems: usize) -> String {
        match (primary.severity, primary.side) {
            _ if primary.id() == crate::wire::FindingId::RefusedByPolicy => {
                "Your organisation's settings stopped the server check.".into()
            }
            (Severity::Info, _) => "No problem found. This connection is safe to use.".into(),
            (Severity::Warning, Side::Client) => "The server is fine. The cause is most likely on your device.".into(),
            (Severity::Warning, _) if problems == 1 => {
                "It works now, but there is 1 point that needs attention.".into()
            }
            (Severity::Warning, _) => format!("It works now, but there are {problems} points that need attention."),
            (Severity::Critical, Side::Server) => {
                "The cause is on the server side. A secure connection is not possible.".into()
            }
            (Severity::Critical, Side::Network) => "No connection to the server could be made.".into(),
            (Severity::Critical, Side::Client) => "The cause is most likely on your device.".into(),
            (Severity::Critical, _) => "A secure connection is not possible.".into(),
        }
    }

    fn date(&self, c: &Civil) -> String {
        format!("{:04}-{:02}-{:02} {:02}:{:02} ({})", c.year, c.month, c.day, c.hour, c.minute, c.offset_label())
    }

    fn days_ago(&self, days: i64) -> String {
        match days {
            d if d <= 0 => "today".into(),
            1 => "1 day ago".into(),
            d => format!("{d} days ago"),
        }
    }

    fn days_left(&self, days: i64) -> String {
        match days {
            d if d <= 0 => "ends today".into(),
            1 => "1 day left".into(),
            d => format!("{d} days left"),
        }
    }

    fn seconds(&self, ms: u64) -> String {
        let text = seconds_text(ms);
        if text == "1" { "1 second".into() } else { format!("{text} seconds") }
    }

    fn list(&self, items: &[String]) -> String {
        items.join(", ")
    }

    fn dated(&self, date: String, relative: String) -> String {
        format!("{date}, {relative}")
    }

    fn none(&self) -> &'static str {
        "(none)"
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        if yes { "yes" } else { "no" }
    }

    fn store(&self, store: TrustStore) -> &'static str {
        match store {
            TrustStore::Mozilla => "Mozilla's trust list",
            TrustStore::System => "this computer's trust list",
            TrustStore::Custom => "the CA file given",
            TrustStore::Browser => "this browser",
        }
    }

    fn dns_error(&self, error: DnsError) -> &'static str {
        match error {
            DnsError::NoSuchHost => "no such name",
            DnsError::NoAddress => "the name exists but has no address",
            DnsError::TemporaryFailure => "temporarily unable to answer",
            DnsError::TimedOut => "timed out",
            DnsError::Other => "other error",
        }
    }

    fn plaintext(&self, seen: Plaintext) -> &'static str {
        match seen {
            Plaintext::Http => "HTTP (web traffic)",
            Plaintext::Smtp => "SMTP (sending mail)",
            Plaintext::Imap => "IMAP (receiving mail)",
            Plaintext::Pop3 => "POP3 (receiving mail)",
            Plaintext::Ftp => "FTP (file transfer)",
            Plaintext::SmtpOrFtp => "SMTP or FTP",
            Plaintext::Ssh => "SSH (remote login)",
            Plaintext::OtherText => "a service other than TLS",
            Plaintext::Binary => "a service other than TLS",
            Plaintext::Tls => "SSL/TLS (encryption from the start)",
        }
    }

    fn reject(&self, reason: RejectReason) -> &'static str {
        match reason {
            RejectReason::UnknownIssuer => "the issuer's name is trusted, but the signature does not match",
            RejectReason::Expired => "expired",
            RejectReason::NotYetValid => "not valid yet",
            RejectReason::BadSignature => "the signature is invalid",
            RejectReason::UnsupportedSignatureAlgorithm => "an old signature method that is no longer accepted",
            RejectReason::InvalidPurpose => "not issued for use by a web server",
            RejectReason::CaUsedAsEndEntity => "a CA certificate is used as the server's certificate",
            RejectReason::EndEntityUsedAsCa => "a server certificate is used as an issuer",
            RejectReason::NameConstraintViolation => "the issuer is not allowed to issue for this name",
            RejectReason::PathLengthExceeded => "more intermediate levels than the issuer allows",
            RejectReason::BadEncoding => "the certificate is malformed",
            RejectReason::Revoked => "the certificate has been revoked",
            RejectReason::Other => "another reason",
        }
    }

    fn alert(&self, alert: &str) -> Option<&'static str> {
        Some(match alert {
            "handshake_failure" => "no encryption method in common",
            "protocol_version" => "TLS versions do not match",
            "insufficient_security" => "encryption not strong enough",
            "unrecognized_name" => "no site with that name",
            "internal_error" => "internal server error",
            "access_denied" => "access denied",
            "certificate_required" => "a client certificate is required",
            "bad_certificate" => "bad certificate",
            "decode_error" | "illegal_parameter" | "unexpected_message" => "the exchange was malformed",
            _ => return None,
        })
    }

    fn stage(&self, stage: Stage) -> &'static str {
        match stage {
            Stage::Connect => "connecting (TCP)",
            Stage::Greeting => "the server's first greeting",
            Stage::TlsHandshake => "starting encryption (TLS handshake)",
        }
    }

    fn refusal(&self, rule: RefusalRule, source: PolicySource) -> RefusalWords {
        use RefusalRule as R;
        let host = source == PolicySource::HostPolicy;
        RefusalWords {
            headline: match rule {
                R::ProbesOff => "Your organisation's settings turn server checks off",
                R::PortNotAllowed => "Your organisation's settings do not allow checks on port {v}",
                R::ProtocolNotAllowed => "Your organisation's settings do not allow checks over {v}",
                R::HostBlocked => "Your organisation's settings forbid checking {v}",
                R::HostNotAllowed => "{v} is not among the servers that may be checked",
                R::PrivateAddress => {
                    "Your organisation's settings do not allow checks of an address inside a company or home network ({v})"
                }
                R::RateLimited => "The number of checks has reached the limit your organisation set",
                R::PolicyUnreadable => {
                    "The diagnostic tool's settings file cannot be read, so checks are stopped for safety"
                }
            },
            meaning: if host {
                "The diagnostic tool did not connect to the server. This limit was set by this computer's administrator."
            } else {
                "The diagnostic tool did not connect to the server. This limit was set by the browser's administrator."
            },
            danger: "The server's state is unknown. This does not mean there is no problem.",
            user: match rule {
                R::RateLimited => "Wait about {v} and try again.",
                _ => "If needed, ask your organisation's administrator (your help desk, for example).",
            },
            admin: match (rule, host) {
                (R::PolicyUnreadable, _) => {
                    "Make the settings file (policy.json) valid JSON of at most 64 KiB. `tls-doctor policy` shows what is wrong."
                }
                (_, true) => {
                    "Set by `{k}` in the diagnostic tool's settings file (policy.json). `tls-doctor policy` shows it."
                }
                (_, false) => "Set by the browser's managed settings (the extension's policy) that match `{k}`.",
            },
        }
    }

    fn starttls_protocol(&self, protocol: StarttlsProtocol) -> &'static str {
        use StarttlsProtocol as P;
        match protocol {
            P::Smtp => "SMTP (sending mail)",
            P::Imap => "IMAP (receiving mail)",
            P::Pop3 => "POP3 (receiving mail)",
            P::Ftp => "FTP (file transfer)",
            P::XmppClient => "XMPP (chat)",
            P::XmppServer => "XMPP (chat between servers)",
            P::Ldap => "LDAP (user directory)",
            P::Postgres => "PostgreSQL (database)",
            P::Mysql => "MySQL (database)",
            P::Nntp => "NNTP (news)",
            P::Sieve => "ManageSieve (mail filter settings)",
        }
    }

    fn starttls_stage(&self, stage: StarttlsStage) -> &'static str {
        match stage {
            StarttlsStage::Dialogue => "the exchange before switching to encryption",
            StarttlsStage::Handshake => "starting encryption after the switch (TLS handshake)",
        }
    }

    fn cut(&self, cut: CutKind) -> &'static str {
        match cut {
            CutKind::Reset => "forcibly reset",
            CutKind::Closed => "closed without an answer",
        }
    }

    fn cert_title(&self, cert: &CertSummary) -> String {
        let role = if cert.position == 0 {
            "Server certificate"
        } else if cert.self_issued {
            "Root certificate"
        } else {
            "Intermediate certificate"
        };
        format!("{}. {role}", cert.position + 1)
    }

    fn clock_line(&self, offset_seconds: i64) -> String {
        match offset_seconds {
            -60..=60 => "about the same as this computer's clock".into(),
            s if s > 0 => format!("{} ahead of this computer", duration_text_en(s)),
            s => format!("{} behind this computer", duration_text_en(-s)),
        }
    }

    fn duration(&self, seconds: u64) -> String {
        duration_text_en(i64::try_from(seconds).unwrap_or(i64::MAX))
    }

    fn browser(&self, family: crate::wire::BrowserFamily) -> &'static str {
        match family {
            crate::wire::BrowserFamily::Chromium => "Chromium family (Chrome, Edge, …)",
            crate::wire::BrowserFamily::Firefox => "Firefox",
        }
    }

    fn same_as_host(&self, sha256: &str) -> String {
        format!("the same as the diagnostic tool received (SHA-256 {sha256})")
    }

    fn checked_by(&self, host: bool) -> &'static str {
        if host {
            "TLS Doctor's diagnostic tool connected to the server from this computer and checked"
        } else {
            "Explained from the browser's error alone (the server has not been contacted yet)"
        }
    }

    fn weakness(&self, weakness: Weakness) -> (String, String) {
        let (name, why) = match weakness {
            Weakness::Rc4 => ("RC4", "RC4 is a cipher with known ways to break it.".to_owned()),
            Weakness::TripleDes => {
                ("3DES", "3DES is an old cipher that can be broken from large amounts of traffic.".to_owned())
            }
            Weakness::Null => ("NULL", "NULL means no encryption at all.".to_owned()),
            Weakness::Export => {
                ("export-grade", "Export-grade ciphers were deliberately weakened in the 1990s.".to_owned())
            }
            Weakness::Anonymous => {
                ("anonymous key exchange", "Anonymous key exchange never checks that the server is genuine.".to_owned())
            }
            Weakness::StaticRsa => (
                "RSA key exchange",
                "With RSA key exchange, a server key that leaks later exposes past traffic too.".to_owned(),
            ),
            Weakness::Dhe { bits: Some(bits) } => (
                "short DH key",
                format!("The key-sharing method (DH) uses a {bits}-bit group, short enough to be broken."),
            ),
            Weakness::Dhe { bits: None } => {
                ("DH key exchange", "DH key sharing is a method browsers no longer use.".to_owned())
            }
        };
        (name.to_owned(), why)
    }

    fn revocation_method(&self, method: RevocationMethod) -> &'static str {
        match method {
            RevocationMethod::Staple => "the revocation status the server attached (an OCSP response)",
            RevocationMethod::Ocsp => "the issuer's status service (OCSP, for asking whether a certificate is valid)",
            RevocationMethod::Crl => "the issuer's revocation list (CRL)",
        }
    }

    fn revocation_reason(&self, reason: &str) -> String {
        match reason {
            "key_compromise" => "key compromise",
            "ca_compromise" => "CA key compromise",
            "affiliation_changed" => "affiliation changed",
            "superseded" => "superseded",
            "cessation_of_operation" => "cessation of operation",
            "certificate_hold" => "on hold",
            "privilege_withdrawn" => "privilege withdrawn",
            "unspecified" => "unspecified",
            other => other,
        }
        .to_owned()
    }

    fn purpose(&self, purpose: &str) -> String {
        match purpose {
            "serverAuth" => "server authentication",
            "clientAuth" => "client authentication",
            "emailProtection" => "email protection",
            "codeSigning" => "code signing",
            "timeStamping" => "time stamping",
            "OCSPSigning" => "OCSP signing",
            "anyExtendedKeyUsage" => "any purpose",
            other => other,
        }
        .to_owned()
    }
}

fn modern_protocol_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software("nginx", "Set `ssl_protocols TLSv1.2 TLSv1.3;`, then reload after `nginx -t`."),
        for_software("Apache", "Set `SSLProtocol -all +TLSv1.2 +TLSv1.3`, then reload with `apachectl graceful`."),
        for_software(
            "IIS",
            "Enable TLS 1.2 and disable TLS 1.0 and 1.1 (SCHANNEL registry settings, or a tool such as IIS Crypto). Windows Server 2008 and older lack proper TLS 1.2 support and need replacing.",
        ),
        step(
            "Routers, NAS devices and printers sometimes gain TLS 1.2 with a firmware update. For those that do not, put a relay that handles encryption in front (a reverse proxy), or consider replacing them.",
        ),
    ]
}

fn modern_cipher_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software(
            "nginx",
            "Set `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`.",
        ),
        for_software("Apache", "Give `SSLCipherSuite` the same list."),
        for_software(
            "IIS",
            "In the \"SSL Cipher Suite Order\" group policy, enable ECDHE with AES-GCM and disable RC4, 3DES and NULL.",
        ),
        step("Old devices sometimes gain current ciphers with a firmware update."),
    ]
}

fn renew_steps() -> Vec<crate::wire::AdminStep> {
    vec![
        for_software(
            "certbot",
            "Renew with `certbot renew`, then reload the web server (`systemctl reload nginx` or similar).",
        ),
        for_software(
            "certbot",
            "Check that automatic renewal has not stopped: `systemctl list-timers certbot.timer` and /var/log/letsencrypt/letsencrypt.log.",
        ),
        for_software("nginx", "Check that `ssl_certificate` points at the new certificate (fullchain.pem)."),
        for_software(
            "Apache",
            "Check that `SSLCertificateFile` points at the new certificate, then reload with `apachectl graceful`.",
        ),
        for_software("IIS", "Import the new certificate and choose it again in the site's https binding."),
    ]
}

fn duration_text_en(seconds: i64) -> String {
    let (n, unit) = match seconds {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s => (s / 86_400, "day"),
    };
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}

/// On port 25, the likeliest reason comes first: the provider blocks it.
fn port_25_first(port: u16, mut steps: Vec<String>) -> Vec<String> {
    if port == 25 {
        steps.insert(0, PORT_25.into());
    }
    steps
}

/// The kinds of products that inspect traffic.
fn interceptor_en(kind: InterceptorKind) -> &'static str {
    match kind {
        InterceptorKind::Antivirus => "antivirus software",
        InterceptorKind::CorporateProxy => "a company proxy, a device that relays traffic",
        InterceptorKind::Firewall => "a firewall, a device that blocks harmful traffic",
        InterceptorKind::SchoolOrWebFilter => "a school or company web filter, which limits the sites you can see",
        InterceptorKind::ParentalControl => "parental controls",
        InterceptorKind::DebugProxy => "a developer tool for examining traffic",
        InterceptorKind::Adware => "software that shows advertising",
        InterceptorKind::DeviceVendor => "software installed by the computer's maker",
        InterceptorKind::Government => "a certificate a government requires",
        InterceptorKind::Test => "a test product",
    }
}

/// How to turn the inspection off or make an exception, by kind of product.
fn interceptor_steps_en(kind: InterceptorKind, product: &str) -> Vec<String> {
    match kind {
        InterceptorKind::Antivirus | InterceptorKind::Test => vec![
            format!("Open {product}'s settings and look for an item such as \"HTTPS scanning\", \"SSL/TLS filtering\" or \"scan encrypted connections\". The name differs between products."),
            "Turn that item off, or add this site to its exceptions (the list of excluded sites).".into(),
            format!("Updating {product} to its latest version sometimes fixes this."),
            "After changing the setting, restart the browser and open the page again.".into(),
        ],
        InterceptorKind::CorporateProxy
        | InterceptorKind::Firewall
        | InterceptorKind::SchoolOrWebFilter
        | InterceptorKind::ParentalControl => vec![
            "This runs on your company's or school's network, or under a parent's settings. Do not try to change it yourself.".into(),
            "Show the TLS Doctor diagnosis to your administrator or help desk and tell them this site does not open.".into(),
        ],
        InterceptorKind::DebugProxy => vec![
            format!("{product} is a developer tool for examining traffic. When you are done, quit it and set the browser's or system's proxy (where traffic is relayed) back."),
            "If you do not recognise it, uninstall it.".into(),
        ],
        InterceptorKind::Adware | InterceptorKind::DeviceVendor | InterceptorKind::Government => vec![
            format!("{product} is known to replace traffic in an unsafe way. Consider uninstalling it."),
            "If unsure, ask the computer's maker or the shop you bought it from.".into(),
        ],
    }
}

pub(crate) fn notice(notice: &Notice) -> String {
    if let Some(text) = browser_notice(notice) {
        return text;
    }
    match notice {
        Notice::BadTarget { input, .. } => {
            format!("\"{input}\" is not a target we can read. Give it as example.jp, example.jp:8443 or 192.0.2.1:443.")
        }
        Notice::BadPort { input } => format!("The port \"{input}\" is not valid. Give a number from 1 to 65535."),
        Notice::PlainHttpUrl { input } => {
            format!("\"{input}\" is an unencrypted http:// address. To check encryption, give it as https://.")
        }
        Notice::BadAddress { input } => format!("The --address \"{input}\" is not an IP address."),
        Notice::BadSni { input } => format!("The --sni \"{input}\" is not a server name."),
        Notice::BadTimeout { input } => {
            format!("The --timeout \"{input}\" is not valid. Give a number of seconds from 1 to 120.")
        }
        Notice::BadStarttls { input } => format!(
            "The --starttls \"{input}\" is not known. Give one of smtp, imap, pop3, ftp, xmpp, xmpp-server, ldap, postgres, mysql, nntp, sieve."
        ),
        Notice::CaFileUnreadable { path, error } => format!("The CA file \"{path}\" cannot be read ({error})."),
        Notice::CaFileEmpty { path } => format!("The CA file \"{path}\" holds no PEM certificate."),
        Notice::Internal { detail } => format!("The diagnosis could not be completed ({detail})."),
        Notice::Installed { path } => {
            format!("Wrote the manifest (the file that tells the browser where tls-doctor is): {path}")
        }
        Notice::AlreadyInstalled { path } => {
            format!("The manifest is already installed (unchanged): {}", path)
        }
        Notice::Removed { path } => format!("Removed the manifest: {}", path),
        Notice::NothingToRemove => "No TLS Doctor manifest was found: nothing to remove.".into(),
        Notice::Registered { key } => format!("Registered in the registry: {key}"),
        Notice::Unregistered { key } => format!("Removed from the registry: {key}"),
        Notice::LeftForeign { path, name } => {
            format!("Left {} alone: it is the manifest of another host ({name}).", path)
        }
        Notice::LeftMalformed { path, detail } => {
            format!("Left {} alone: it is not a readable manifest ({detail}).", path)
        }
        Notice::CannotWrite { path, error } => format!("Cannot write {} ({error}).", path),
        Notice::CannotRemove { path, error } => format!("Cannot remove {} ({error}).", path),
        Notice::CannotRegister { key, error } => format!("Cannot change the registry key {key} ({error})."),
        Notice::NeedsAdmin => {
            "--system needs administrator rights: run it with sudo (on Windows, as Administrator).".into()
        }
        Notice::NothingWritten => "No manifest could be written.".into(),
        Notice::NoUserDir { variable } => {
            format!("The user's folder is unknown ({variable} is not set). Give the folder with --manifest-dir.")
        }
        Notice::NoExePath { error } => format!("Cannot tell where this tls-doctor program is ({error})."),
        Notice::BadExtensionId { id } => format!(
            "\"{id}\" is not an extension id. Give 32 letters a-p for Chrome and its kin, name@example.jp or {{GUID}} for Firefox."
        ),
        Notice::ManifestDirNeedsOneBrowser => "With --manifest-dir, name one browser with --browser (not all).".into(),
        // Said by `browser_notice` above.
        Notice::HostMissing
        | Notice::ProbingDisabled
        | Notice::HostOutdated { .. }
        | Notice::HostFailed { .. }
        | Notice::BadMailAddress { .. } => String::new(),
    }
}

/// The notices the popup shows (kept apart so that the extension's module carries only these).
pub(crate) fn browser_notice(notice: &Notice) -> Option<String> {
    Some(match notice {
        Notice::ProbingDisabled => "Your organisation has turned off server checks by the diagnostic tool, so mail settings cannot be diagnosed here either. If you need them, ask your organisation's help desk.".into(),
        Notice::HostMissing => "TLS Doctor's diagnostic tool (the program that connects to the server to check) is not installed on this computer. For now, this explanation comes from the browser's error alone. With the tool installed, the cause can be confirmed from the server's side. On a company device, ask your administrator; otherwise see \"Installing the diagnostic tool\" in TLS Doctor's README.".into(),
        Notice::HostOutdated { found, needed } => format!(
            "TLS Doctor's diagnostic tool is too old ({found}; {needed} or later is needed) and could not be used. Please update it. For now, this explanation comes from the browser's error alone."
        ),
        Notice::HostFailed { detail } => format!(
            "No answer came from TLS Doctor's diagnostic tool ({detail}). For now, this explanation comes from the browser's error alone."
        ),
        Notice::BadMailAddress { input } => format!(
            "\"{input}\" is not a mail address. Give an address such as user@example.jp, or a domain such as example.jp."
        ),
        _ => return None,
    })
}
