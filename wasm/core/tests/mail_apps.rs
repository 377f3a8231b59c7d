//! The mail apps' words (`explain::mail_app`), reviewed as prose: every app's pickers, the
//! causes of each message it shows, and its steps for an SSL/TLS and a STARTTLS recommendation,
//! rendered into `tests/snapshots/mail_apps.{ja,en}.txt` and compared here. To accept a change
//! in wording, run with `UPDATE_SNAPSHOTS=1` and review the diff. The Japanese sentences are
//! polite (です・ます).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(clippy::disallowed_methods)] // tests may read the environment

use tls_doctor_core::explain::Lang;
use tls_doctor_core::explain::mail_app::{advice, pickers, render_causes, render_steps};
use tls_doctor_core::mail_apps::MailApp;
use tls_doctor_core::wire::{Choice, MailRole, MailSecurity, MailVerdict, Recommendation};

fn rec(security: MailSecurity) -> Recommendation {
    let (out, inc) = if security == MailSecurity::Tls { (465, 993) } else { (587, 143) };
    let c =
        |role, port| Choice { server: 0, role, host: "mail.example.jp".into(), port, security, with_warnings: false };
    Recommendation {
        outgoing: Some(c(MailRole::Outgoing, out)),
        incoming: Some(c(MailRole::IncomingImap, inc)),
        verdict: MailVerdict::Safe,
    }
}

fn render(lang: Lang) -> String {
    let mut out = String::new();
    for app in MailApp::ALL {
        let p = pickers(Some(app), lang);
        out.push_str(&format!("== {} [{}]\n", app.id(), p.apps.iter().find(|a| a.id == app.id()).unwrap().text));
        for m in &p.messages {
            out.push_str(&format!("-- {}: {}\n", m.id, m.text));
            let message = tls_doctor_core::mail_apps::AppMessage::from_id(m.id).unwrap();
            out.push_str(&render_causes(&advice(app, message, None, lang).causes, 100));
        }
        for s in [MailSecurity::Tls, MailSecurity::Starttls] {
            let a = advice(app, tls_doctor_core::mail_apps::AppMessage::Other, Some(&rec(s)), lang);
            out.push_str(&format!("-- steps ({s:?})\n"));
            out.push_str(&render_steps(&a.steps.unwrap(), 100));
        }
        out.push('\n');
    }
    let p = pickers(Some(MailApp::IosMail), lang);
    out.push_str(&format!("labels: {} / {} / {} / {}\n", p.app_label, p.choose, p.message_label, p.paste_label));
    out
}

fn snapshot_path(lang: Lang) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/mail_apps.{}.txt", lang.code()))
}

#[test]
fn the_mail_apps_words_match_their_snapshots() {
    for lang in Lang::ALL {
        let rendered = render(lang);
        let path = snapshot_path(lang);
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &rendered).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1", path.display()));
        if committed != rendered {
            let first = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{} differs at line {}:\n  committed: {:?}\n  now:       {:?}",
                path.display(),
                first + 1,
                committed.lines().nth(first),
                rendered.lines().nth(first)
            );
        }
    }
}

#[test]
fn the_japanese_sentences_are_polite() {
    let mut sentences = Vec::new();
    for app in MailApp::ALL {
        for m in app.messages() {
            let a = advice(app, *m, Some(&rec(MailSecurity::Tls)), Lang::Ja);
            sentences.push(a.causes.lead.clone());
            sentences.extend(a.causes.warning.clone());
            sentences.extend(a.causes.causes.iter().map(|c| c.text.clone()));
            let steps = a.steps.unwrap();
            sentences.push(steps.written_for.clone());
            sentences.extend(steps.notes.iter().cloned());
            sentences.extend(steps.choices.iter().map(|c| c.value.clone()));
        }
    }
    for text in sentences {
        for sentence in text.split_inclusive('。') {
            let s = sentence.trim_end_matches('。').trim_end_matches(['）', ')']);
            let s = s.rsplit_once('（').map_or(s, |(head, _)| head);
            let polite = ["ます", "です", "ません", "ください"].iter().any(|e| s.ends_with(e));
            assert!(polite, "not polite: {sentence} (in {text})");
        }
    }
}
