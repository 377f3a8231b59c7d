//! The mail providers whose published settings are known, as data: one row per provider, each
//! with the page its settings were read from and the date they were checked. [`recognise`]
//! finds a report's provider (by the address's domain for mailbox providers; by the server
//! names their certificates and hosts use for shared hosts), and [`compare`] says where what
//! discovery found differs from what the provider publishes.
//!
//! Facts and their sources: `shared/reference/facts-2026.md` ("Mail in Japan"). A row's
//! `source` is the page its settings were read from on `checked`; a `secondary` row's were
//! read from a third party's copy (the provider's own page was not at hand) and are to be
//! checked against the provider's page when next touched.

use super::usable;
use crate::wire::{FindingKind, MailReport, MailRole, MailSecurity, MailServer, MailSource};

/// What the provider is to its customers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderKind {
    /// Addresses at the provider's own domain (`@ocn.ne.jp`, `@gmail.com`).
    Mailbox,
    /// A rental server: customers' own domains, the host's certificate. The name mismatch on
    /// the customer's domain is by design: the fix is to type the host's server name.
    SharedHost,
}

/// How a mail app signs in, where the provider restricts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// The mailbox password (nothing the provider announced otherwise).
    Password,
    /// Outlook.com: basic (password) sign-in ended on 2024-09-16; only apps that sign in
    /// with Microsoft's own sign-in (OAuth2, "Modern Auth") connect.
    MicrosoftOAuth,
    /// Gmail: Google's sign-in (OAuth2) or an app password; and Gmail stopped fetching other
    /// accounts over POP ("Check mail from other accounts") in 2026.
    GoogleOAuth,
}

/// One server a provider publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    pub role: MailRole,
    /// `None`: the name the host gave the customer ([`Provider::name_form`]).
    pub host: Option<&'static str>,
    pub port: u16,
    pub security: MailSecurity,
}

/// One provider's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Provider {
    pub id: &'static str,
    /// As the provider writes it in Japanese.
    pub name: &'static str,
    /// As the provider writes it in English.
    pub name_en: &'static str,
    pub kind: ProviderKind,
    /// Address domains (a subdomain matches too: `@xxx.ocn.ne.jp`).
    pub domains: &'static [&'static str],
    /// Suffixes of the server names the provider's servers and certificates use
    /// (`.xserver.jp` for `sv1234.xserver.jp` and `*.xserver.jp`).
    pub server_suffixes: &'static [&'static str],
    /// The form of server name a shared host's customers type (`sv○○○○.xserver.jp`).
    pub name_form: Option<&'static str>,
    /// The settings the provider publishes, SSL/TLS and STARTTLS alike (none known: empty).
    pub published: &'static [Published],
    pub sign_in: SignIn,
    pub source: &'static str,
    /// The date `source` was read (YYYY-MM-DD).
    pub checked: &'static str,
    /// The settings were read from a third party's copy (a customer's notes, a mirror), not
    /// from the provider's own page: to be checked against the provider's page when next
    /// touched.
    pub secondary: bool,
}

const fn at(role: MailRole, host: &'static str, port: u16, security: MailSecurity) -> Published {
    Published { role, host: Some(host), port, security }
}

const fn own(role: MailRole, port: u16, security: MailSecurity) -> Published {
    Published { role, host: None, port, security }
}

use MailRole::{IncomingImap as Imap, IncomingPop3 as Pop3, Outgoing as Smtp};
use MailSecurity::{Starttls, Tls};

/// The table.
pub const PROVIDERS: &[Provider] = &[
    // OCN requires SSL on 995/465 since October 2019: the page cited relays OCN's notice of the
    // change; the host names and ports are the facts file's.
    Provider {
        id: "ocn",
        name: "OCN",
        name_en: "OCN",
        kind: ProviderKind::Mailbox,
        domains: &["ocn.ne.jp"],
        server_suffixes: &[".ocn.ne.jp"],
        name_form: None,
        published: &[at(Pop3, "pop.ocn.ne.jp", 995, Tls), at(Smtp, "smtp.ocn.ne.jp", 465, Tls)],
        sign_in: SignIn::Password,
        source: "https://pc-sheep.com/?p=54",
        checked: "2026-12-07",
        secondary: true,
    },
    // BIGLOBE: TLS 1.1 off since 2023-04-13 (old mail apps fail there, not on the settings).
    Provider {
        id: "biglobe",
        name: "BIGLOBE",
        name_en: "BIGLOBE",
        kind: ProviderKind::Mailbox,
        domains: &["biglobe.ne.jp"],
        server_suffixes: &[".biglobe.ne.jp"],
        name_form: None,
        published: &[at(Pop3, "mail.biglobe.ne.jp", 995, Tls), at(Smtp, "mail.biglobe.ne.jp", 465, Tls)],
        sign_in: SignIn::Password,
        source: "https://faq.support.biglobe.ne.jp/faq_detail.html?faq_category=1357&faq_id=20845",
        checked: "2026-12-07",
        secondary: false,
    },
    // The host names as a mail-setup course quotes them, the ports of the facts file.
    Provider {
        id: "yahoo_jp",
        name: "Yahoo!メール",
        name_en: "Yahoo! JAPAN Mail",
        kind: ProviderKind::Mailbox,
        domains: &["yahoo.co.jp", "ymail.ne.jp"],
        server_suffixes: &[".mail.yahoo.co.jp"],
        name_form: None,
        published: &[at(Pop3, "pop.mail.yahoo.co.jp", 995, Tls), at(Smtp, "smtp.mail.yahoo.co.jp", 465, Tls)],
        sign_in: SignIn::Password,
        source: "http://www.gunpaso.com/documents/pc-school-text16.html",
        checked: "2026-12-07",
        secondary: true,
    },
    // Google's help page, read through a copy of its text.
    Provider {
        id: "gmail",
        name: "Gmail",
        name_en: "Gmail",
        kind: ProviderKind::Mailbox,
        domains: &["gmail.com", "googlemail.com"],
        server_suffixes: &[".gmail.com"],
        name_form: None,
        published: &[
            at(Imap, "imap.gmail.com", 993, Tls),
            at(Pop3, "pop.gmail.com", 995, Tls),
            at(Smtp, "smtp.gmail.com", 465, Tls),
            at(Smtp, "smtp.gmail.com", 587, Starttls),
        ],
        sign_in: SignIn::GoogleOAuth,
        source: "https://support.google.com/mail/answer/7126229",
        checked: "2026-12-07",
        secondary: true,
    },
    Provider {
        id: "outlook_com",
        name: "Outlook.com",
        name_en: "Outlook.com",
        kind: ProviderKind::Mailbox,
        domains: &["outlook.com", "outlook.jp", "hotmail.com", "hotmail.co.jp", "live.com", "live.jp", "msn.com"],
        server_suffixes: &[".outlook.com", ".office365.com"],
        name_form: None,
        published: &[
            at(Imap, "outlook.office365.com", 993, Tls),
            at(Pop3, "outlook.office365.com", 995, Tls),
            at(Smtp, "smtp-mail.outlook.com", 587, Starttls),
        ],
        sign_in: SignIn::MicrosoftOAuth,
        source: "https://support.microsoft.com/en-us/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353",
        checked: "2026-12-07",
        secondary: false,
    },
    // Xserver: the server name is the host's (sv○○○○.xserver.jp, in the server panel's
    // "server information"), read in a customer's copy of Xserver's manual.
    Provider {
        id: "xserver",
        name: "エックスサーバー",
        name_en: "Xserver",
        kind: ProviderKind::SharedHost,
        domains: &[],
        server_suffixes: &[".xserver.jp"],
        name_form: Some("sv○○○○.xserver.jp"),
        published: &[own(Imap, 993, Tls), own(Pop3, 995, Tls), own(Smtp, 465, Tls)],
        sign_in: SignIn::Password,
        source: "https://threedplus.co.jp/2025/05/26/xserver-%e3%83%a1%e3%83%bc%e3%83%ab%e3%82%bd%e3%83%95%e3%83%88%e8%a8%ad%e5%ae%9a%e6%89%8b%e9%a0%86%e3%82%92%e3%81%be%e3%81%a8%e3%82%81%e3%81%a6%e3%81%bf%e3%81%9f%ef%bc%81",
        checked: "2026-12-07",
        secondary: true,
    },
    // さくら recommends its initial domain (○○○.sakura.ne.jp) as the server name (a
    // customer's account of さくら's notice); its ports were not read.
    Provider {
        id: "sakura",
        name: "さくらのレンタルサーバ",
        name_en: "Sakura rental server",
        kind: ProviderKind::SharedHost,
        domains: &[],
        server_suffixes: &[".sakura.ne.jp"],
        name_form: Some("○○○.sakura.ne.jp"),
        published: &[],
        sign_in: SignIn::Password,
        source: "https://www.fukutoh.co.jp/%e3%83%a1%e3%83%bc%e3%83%ab%e3%81%ae%e9%80%81%e4%bf%a1%e3%81%8c%e3%81%a7%e3%81%8d%e3%81%aa%e3%81%84%ef%bc%81",
        checked: "2026-12-07",
        secondary: true,
    },
    // お名前.com documents the warning on smtp.[domain] as its certificate's, by design.
    Provider {
        id: "onamae",
        name: "お名前.com",
        name_en: "Onamae.com",
        kind: ProviderKind::SharedHost,
        domains: &[],
        server_suffixes: &[".onamae.ne.jp", ".onamae.com"],
        name_form: None,
        published: &[own(Pop3, 995, Tls), own(Smtp, 465, Tls)],
        sign_in: SignIn::Password,
        source: "https://help.onamae.com/answer/9537",
        checked: "2026-12-07",
        secondary: false,
    },
    // ロリポップ: no settings page read this session; recognised by its servers' names only.
    Provider {
        id: "lolipop",
        name: "ロリポップ！",
        name_en: "Lolipop!",
        kind: ProviderKind::SharedHost,
        domains: &[],
        server_suffixes: &[".lolipop.jp"],
        name_form: None,
        published: &[],
        sign_in: SignIn::Password,
        source: "http://lolipop.jp/manual/user/mailsetting/",
        checked: "2026-12-07",
        secondary: false,
    },
];

fn under(name: &str, suffix: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.ends_with(suffix) || Some(name.as_str()) == suffix.strip_prefix('.')
}

/// The provider whose addresses end in `domain`.
pub fn by_domain(domain: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().find(|p| p.domains.iter().any(|d| under(domain, &format!(".{d}"))))
}

/// The provider whose servers or certificates use `name` (`sv1.xserver.jp`, `*.xserver.jp`).
pub fn by_server_name(name: &str) -> Option<&'static Provider> {
    let name = name.strip_prefix("*.").unwrap_or(name);
    PROVIDERS.iter().find(|p| p.server_suffixes.iter().any(|s| under(name, s)))
}

/// The names a server's certificate gives, when they are not the server's own name (the
/// `name_mismatch` finding's).
pub fn certificate_names(server: &MailServer) -> &[String] {
    server
        .diagnosis
        .findings
        .iter()
        .find_map(|f| match &f.kind {
            FindingKind::NameMismatch { dns_names, .. } => Some(dns_names.as_slice()),
            _ => None,
        })
        .unwrap_or(&[])
}

/// The report's provider: by the address's domain, else by the name of a checked server or
/// of a name its certificate gives instead.
pub fn recognise(report: &MailReport) -> Option<&'static Provider> {
    by_domain(&report.domain).or_else(|| {
        report.servers.iter().find_map(|s| {
            by_server_name(&s.host).or_else(|| certificate_names(s).iter().find_map(|n| by_server_name(n)))
        })
    })
}

/// Where discovery and a provider's published settings differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The published server was found with another port or encryption: `found` indexes
    /// [`MailReport::servers`] (e.g. STARTTLS 587 found, SSL/TLS 465 published).
    OtherSetting { published: Published, found: usize },
    /// Nothing was found for the published server (no server of that role at that host).
    NotFound { published: Published },
    /// Found as published, and its check failed (a critical finding).
    Failed { published: Published, server: usize },
}

/// Each published setting of `provider` that discovery did not find working as published.
/// A shared host's settings (no host) are compared with every server of the role.
pub fn compare(report: &MailReport, provider: &Provider) -> Vec<Difference> {
    provider
        .published
        .iter()
        .filter_map(|p| {
            let same_host = |s: &MailServer| p.host.is_none_or(|h| s.host == h);
            let candidates: Vec<usize> = (report.servers.iter().enumerate())
                .filter(|(_, s)| s.role == p.role && s.source != MailSource::Mx && same_host(s))
                .map(|(i, _)| i)
                .collect();
            let exact: Vec<usize> = (candidates.iter().copied())
                .filter(|&i| report.servers.get(i).is_some_and(|s| s.port == p.port && s.security == p.security))
                .collect();
            if exact.iter().any(|&i| report.servers.get(i).is_some_and(usable)) {
                None
            } else if let Some(&server) = exact.first() {
                Some(Difference::Failed { published: *p, server })
            } else if let Some(&found) = candidates.first() {
                Some(Difference::OtherSetting { published: *p, found })
            } else {
                Some(Difference::NotFound { published: *p })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{diagnosis, ok, target};
    use crate::wire::{MailSource, Recommendation};

    fn server(role: MailRole, host: &str, port: u16, security: MailSecurity, finding: FindingKind) -> MailServer {
        MailServer {
            role,
            host: host.into(),
            port,
            security,
            source: MailSource::Srv,
            diagnosis: diagnosis(target(host, port), vec![finding]),
        }
    }

    fn report(domain: &str, servers: Vec<MailServer>) -> MailReport {
        MailReport {
            kind: Default::default(),
            v: 1,
            address: None,
            domain: domain.into(),
            measured_at: crate::time::Timestamp(0),
            timeout_ms: 1,
            elapsed_ms: 1,
            lookups: Vec::new(),
            recommended: Recommendation { outgoing: None, incoming: None, verdict: crate::wire::MailVerdict::Safe },
            servers,
            not_checked: Vec::new(),
            unencrypted: Vec::new(),
        }
    }

    fn mismatch(names: &[&str]) -> FindingKind {
        crate::test_support::name_mismatch("mail.example.jp", names)
    }

    fn expired() -> FindingKind {
        FindingKind::CertExpired { subject: "h".into(), not_after: crate::time::Timestamp(0), days_ago: 3 }
    }

    #[test]
    fn every_row_has_a_source_and_a_date_and_a_way_to_be_recognised() {
        for p in PROVIDERS {
            assert!(p.source.starts_with("http"), "{}", p.id);
            let date = p.checked.as_bytes();
            assert!(date.len() == 10 && date[4] == b'-' && date[7] == b'-', "{}", p.id);
            assert!(!p.domains.is_empty() || !p.server_suffixes.is_empty(), "{}", p.id);
            assert_eq!(p.kind == ProviderKind::SharedHost, p.domains.is_empty(), "{}", p.id);
            // A published host is one of the provider's own names.
            for s in p.published.iter().filter_map(|s| s.host) {
                assert_eq!(by_server_name(s).map(|q| q.id), Some(p.id), "{s}");
            }
        }
    }

    #[test]
    fn providers_are_recognised_by_address_domain_and_by_server_names() {
        assert_eq!(by_domain("ocn.ne.jp").map(|p| p.id), Some("ocn"));
        assert_eq!(by_domain("aqua.ocn.ne.jp").map(|p| p.id), Some("ocn"));
        assert_eq!(by_domain("hotmail.co.jp").map(|p| p.id), Some("outlook_com"));
        assert_eq!(by_domain("notocn.ne.jp"), None);
        assert_eq!(by_server_name("sv1234.xserver.jp").map(|p| p.id), Some("xserver"));
        assert_eq!(by_server_name("*.sakura.ne.jp").map(|p| p.id), Some("sakura"));
        assert_eq!(by_server_name("xserver.jp.example"), None);
        // A customer's domain on a shared host: recognised by the name its certificate gives.
        let r = report("example.jp", vec![server(Smtp, "mail.example.jp", 465, Tls, mismatch(&["*.xserver.jp"]))]);
        assert_eq!(recognise(&r).map(|p| p.id), Some("xserver"));
        let r = report("example.jp", vec![server(Smtp, "mail.example.jp", 465, Tls, ok())]);
        assert_eq!(recognise(&r), None);
    }

    fn gmail() -> &'static Provider {
        PROVIDERS.iter().find(|p| p.id == "gmail").unwrap_or(&PROVIDERS[0])
    }

    #[test]
    fn starttls_found_where_ssl_is_published_is_another_setting() {
        // Gmail's SRV records name 587 STARTTLS and 993; Google publishes 465 SSL too, and POP.
        let r = report(
            "gmail.com",
            vec![server(Smtp, "smtp.gmail.com", 587, Starttls, ok()), server(Imap, "imap.gmail.com", 993, Tls, ok())],
        );
        let p = gmail();
        let d = compare(&r, p);
        assert_eq!(
            d,
            vec![
                Difference::NotFound { published: at(Pop3, "pop.gmail.com", 995, Tls) },
                Difference::OtherSetting { published: at(Smtp, "smtp.gmail.com", 465, Tls), found: 0 },
            ]
        );
    }

    #[test]
    fn a_published_server_that_fails_its_check_is_reported_and_a_match_is_not() {
        let r = report(
            "gmail.com",
            vec![
                server(Smtp, "smtp.gmail.com", 465, Tls, expired()),
                server(Smtp, "smtp.gmail.com", 587, Starttls, ok()),
                server(Imap, "imap.gmail.com", 993, Tls, ok()),
                server(Pop3, "pop.gmail.com", 995, Tls, ok()),
            ],
        );
        assert_eq!(
            compare(&r, gmail()),
            vec![Difference::Failed { published: at(Smtp, "smtp.gmail.com", 465, Tls), server: 0 }]
        );
    }

    #[test]
    fn a_shared_hosts_settings_are_compared_with_any_server_of_the_role() {
        let xserver = by_server_name("sv1.xserver.jp").unwrap_or(&PROVIDERS[0]);
        let r = report(
            "example.jp",
            vec![server(Smtp, "mail.example.jp", 587, Starttls, ok()), server(Imap, "sv1.xserver.jp", 993, Tls, ok())],
        );
        assert_eq!(
            compare(&r, xserver),
            vec![
                Difference::NotFound { published: own(Pop3, 995, Tls) },
                Difference::OtherSetting { published: own(Smtp, 465, Tls), found: 0 },
            ]
        );
    }
}
