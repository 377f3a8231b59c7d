//! The mail apps' words (`explain::mail_app`), reviewed as prose: every app's pickers, the
//! causes of each message it shows, and its steps for an SSL/TLS and a STARTTLS recommendation,
//! rendered into `tests/snapshots/mail_apps.{ja,en}.txt` and compared here. To accept a change
//! in wording, run with `UPDATE_SNAPSHOTS=1` and review the diff. The Japanese sentences are
//! polite (です・ます).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(clippy::disallowed_methods)] // tests may read the environment

mod common;

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

#[test]
fn the_mail_apps_words_match_their_snapshots() {
    for lang in Lang::ALL {
        common::check_snapshot("mail_apps", lang, &render(lang));
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
