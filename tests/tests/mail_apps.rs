//! `tls-doctor mail --app`: the real binary, the lab's DNS and rustls servers, and a mail app's
//! own words. The plan is checked by its ids (`--json`'s `app` section), then the text's order
//! (causes, report, the app's steps) and its labels.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::net::Ipv4Addr;
use std::path::PathBuf;

use serde_json::Value;
use tls_doctor_core::wire::MailReport;
use tls_doctor_lab::pki::{Pki, Validity};
use tls_doctor_lab::servers::dns::{DnsServer, Rec};
use tls_doctor_lab::servers::tls;

/// A domain with a healthy implicit-TLS submission and IMAP server, found through SRV.
struct Lab {
    _runtime: tokio::runtime::Runtime,
    dns: DnsServer,
    ca_file: PathBuf,
    ports: (u16, u16),
}

impl Lab {
    fn new(name: &str) -> Self {
        let pki = Pki::generate("http://127.0.0.1:9/intermediate.der").unwrap();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let ca_file = std::env::temp_dir().join(format!("tls-doctor-mail-apps-{name}-{}.pem", std::process::id()));
        std::fs::write(&ca_file, pki.root_pem()).unwrap();
        let good = |host: &str| {
            let leaf = pki.leaf(host, Validity::CURRENT).unwrap();
            tls::spawn(runtime.handle(), tls::single(&leaf).unwrap()).unwrap()
        };
        let (smtps, imaps) = (good("smtp.apps.lab.test"), good("imap.apps.lab.test"));
        let srv = |name: &str, port, target: &str| Rec::Srv {
            name: name.into(),
            priority: 0,
            weight: 1,
            port,
            target: target.into(),
        };
        let a = |name: &str| Rec::A { name: name.into(), address: Ipv4Addr::LOCALHOST };
        let dns = DnsServer::start(
            "apps.lab.test",
            &[
                srv("_submissions._tcp.apps.lab.test", smtps, "smtp.apps.lab.test"),
                srv("_imaps._tcp.apps.lab.test", imaps, "imap.apps.lab.test"),
                a("smtp.apps.lab.test"),
                a("imap.apps.lab.test"),
            ],
        )
        .unwrap();
        Self { _runtime: runtime, dns, ca_file, ports: (smtps, imaps) }
    }

    fn run(&self, extra: &[&str]) -> (Option<i32>, String, String) {
        let r = common::mail::run("user@apps.lab.test", self.dns.address(), &self.ca_file, 4, extra);
        (r.code, r.stdout, r.stderr)
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.ca_file);
    }
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect()
}

#[test]
fn an_outlook_user_gets_the_causes_of_the_code_and_outlooks_own_choice_for_the_recommended_server() {
    let lab = Lab::new("outlook");
    let (code, stdout, stderr) =
        lab.run(&["--json", "--app", "outlook_classic", "--message", "エラー番号: 0x800CCC1A"]);
    assert_eq!(code, Some(0), "{stderr}");
    // Still the mail_report contract, with the app section beside it.
    serde_json::from_str::<MailReport>(&stdout).unwrap();
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let app = &json["app"];
    assert_eq!((app["app"].as_str(), app["message"].as_str()), (Some("outlook_classic"), Some("outlook_0x800ccc1a")));
    assert_eq!(strs(&app["causes"])[..2], ["port_security_mismatch", "old_tls"]);
    let settings = app["plan"]["settings"].as_array().unwrap();
    let got: Vec<(&str, u64, &str, &str)> = settings
        .iter()
        .map(|s| {
            (
                s["role"].as_str().unwrap(),
                s["port"].as_u64().unwrap(),
                s["security"].as_str().unwrap(),
                s["choice"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("outgoing", u64::from(lab.ports.0), "tls", "ssl_tls"),
            ("incoming_imap", u64::from(lab.ports.1), "tls", "ssl_tls")
        ]
    );
    assert_eq!(app["plan"]["menu"]["version"], "Outlook for Microsoft 365");
    assert!(strs(&app["plan"]["menu"]["choices"]).contains(&"none"), "the menu lists every choice");
}

#[test]
fn the_text_puts_the_causes_first_then_the_report_then_the_apps_steps() {
    let lab = Lab::new("iphone");
    let (code, text, stderr) = lab.run(&[
        "--lang",
        "ja",
        "--app",
        "ios_mail",
        "--message",
        "SSLで接続できません。アカウントをSSLなしで設定しますか?",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle} missing:\n{text}"));
    let causes = at("考えられる原因");
    let report = at("おすすめの設定");
    let steps = at("設定する場所（iPhone / iPad のメール）");
    assert!(text[..report].contains("「いいえ」と答えてください"), "{text}");
    assert!(causes < report && report < steps, "{text}");
    let steps_text = &text[steps..];
    assert!(steps_text.contains("「設定」＞「アプリ」＞「メール」"), "{steps_text}");
    assert!(steps_text.contains(&format!("ポート: {}", lab.ports.1)), "{steps_text}");
    assert!(steps_text.contains("SSLを使用: オン"), "{steps_text}");
    assert!(!steps_text.contains("SSLを使用: オフ"), "{steps_text}");
}

#[test]
fn an_unknown_app_is_refused_with_the_names_it_takes() {
    let lab = Lab::new("bad");
    let (code, stdout, stderr) = lab.run(&["--lang", "en", "--app", "eudora"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    for name in ["eudora", "ios_mail", "outlook_classic", "thunderbird", "windows_mail"] {
        assert!(stderr.contains(name), "{stderr}");
    }
}
