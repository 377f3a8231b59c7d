//! The plans of `mail_apps`: ids, reading pasted text, causes and their order, each app's choice,
//! and that no plan ever picks no encryption.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::wire::{Choice, MailVerdict};
use Cause::*;

#[test]
fn ids_round_trip_and_are_unique() {
    for a in MailApp::ALL {
        assert_eq!(MailApp::from_id(a.id()), Some(a));
        assert!(!a.messages().is_empty() && a.messages().last() == Some(&AppMessage::Other));
    }
    for m in AppMessage::ALL {
        assert_eq!(AppMessage::from_id(m.id()), Some(m));
    }
    assert_eq!(MailApp::from_id("outlook"), None);
    // The wire says the same ids.
    let json = serde_json::to_string(&(MailApp::OutlookClassic, AppMessage::Outlook1A, Cause::OldTls)).unwrap();
    assert_eq!(json, r#"["outlook_classic","outlook_0x800ccc1a","old_tls"]"#);
}

#[test]
fn pasted_text_is_read_whatever_its_case_and_width() {
    use AppMessage::*;
    let cases = [
        (MailApp::IosMail, "SSLで接続できません。アカウントをSSLなしで設定しますか?", IosNoSsl),
        (MailApp::IosMail, "ＳＳＬなしで設定しますか？", IosNoSsl),
        (
            MailApp::IosMail,
            "Cannot Connect Using SSL. Do you want to try setting up the account without SSL?",
            IosNoSsl,
        ),
        (MailApp::IosMail, "サーバの識別情報を検証できません", IosIdentity),
        (MailApp::MacosMail, "サーバの識別情報を検証できません", MacIdentity),
        (MailApp::OutlookClassic, "エラー番号: 0x800CCC0E", Outlook0E),
        (MailApp::OutlookNew, "０ｘ８００ＣＣＣ１Ａ", Outlook1A),
        (MailApp::OutlookClassic, "Error 0x800ccc0f: the server closed", Outlook0F),
        (MailApp::OutlookClassic, "0x80042109", Outlook2109),
        (MailApp::OutlookClassic, "サーバーに接続できません。", Outlook0E),
        (MailApp::Thunderbird, "セキュリティ例外の追加", TbException),
        (MailApp::Thunderbird, "imap.example.jp への接続がタイムアウトしました", TbCannotConnect),
        (MailApp::GmailAndroid, "ユーザー名またはパスワードが間違っています", SignIn),
        (MailApp::Thunderbird, "something odd", Other),
        (MailApp::IosMail, "outlook_0x800ccc1a", Outlook1A),
    ];
    for (app, text, want) in cases {
        assert_eq!(read_message(app, text), want, "{text}");
    }
    // Only the beginning of a long paste is read.
    let long = format!("{}0x800CCC0E", "x".repeat(MAX_PASTE_CHARS));
    assert_eq!(read_message(MailApp::OutlookClassic, &long), Other);
}

#[test]
fn causes_are_ranked_per_message() {
    assert_eq!(
        likely_causes(MailApp::IosMail, AppMessage::IosNoSsl),
        vec![PortSecurityMismatch, NameMismatch, CertExpired, CertUntrusted, DeviceClock, OldTls, Unreachable]
    );
    // A phone has no antivirus re-signing its mail; a PC may.
    assert_eq!(
        likely_causes(MailApp::IosMail, AppMessage::IosIdentity),
        vec![NameMismatch, CertExpired, CertUntrusted, DeviceClock]
    );
    assert_eq!(likely_causes(MailApp::Thunderbird, AppMessage::TbException).last(), Some(&Interception));
    assert_eq!(likely_causes(MailApp::OutlookClassic, AppMessage::Outlook0E)[0], Unreachable);
    assert_eq!(likely_causes(MailApp::OutlookClassic, AppMessage::Outlook1A)[..2], [PortSecurityMismatch, OldTls]);
    assert_eq!(likely_causes(MailApp::OutlookClassic, AppMessage::Outlook2109)[0], Unreachable);
    assert_eq!(likely_causes(MailApp::GmailAndroid, AppMessage::SignIn), vec![SignIn]);
    for app in MailApp::ALL {
        for m in AppMessage::ALL {
            let causes = likely_causes(app, m);
            assert!(!causes.is_empty(), "{app:?} {m:?}");
            assert!(!(app.mobile() && causes.contains(&Interception)));
        }
    }
}

fn rec(security: MailSecurity) -> Recommendation {
    let choice =
        |role, port| Choice { server: 0, role, host: "mail.example.jp".into(), port, security, with_warnings: false };
    let (out, inc) = if security == MailSecurity::Tls { (465, 993) } else { (587, 143) };
    Recommendation {
        outgoing: Some(choice(MailRole::Outgoing, out)),
        incoming: Some(choice(MailRole::IncomingImap, inc)),
        verdict: MailVerdict::Safe,
    }
}

#[test]
fn each_app_gets_its_own_choice_for_the_recommended_security() {
    let pick = |app, s| plan(app, &rec(s)).settings.iter().map(|x| x.choice).collect::<Vec<_>>();
    assert_eq!(pick(MailApp::OutlookClassic, MailSecurity::Tls), [Some(AppChoice::SslTls); 2]);
    assert_eq!(pick(MailApp::Thunderbird, MailSecurity::Starttls), [Some(AppChoice::Starttls); 2]);
    assert_eq!(pick(MailApp::IosMail, MailSecurity::Starttls), [Some(AppChoice::On); 2]);
    assert_eq!(pick(MailApp::MacosMail, MailSecurity::Tls), [Some(AppChoice::On); 2]);
    assert_eq!(pick(MailApp::OutlookMobile, MailSecurity::Tls), [None; 2]);
    let p = plan(MailApp::IosMail, &rec(MailSecurity::Tls));
    assert_eq!(
        p.settings.iter().map(|s| (s.role, s.port)).collect::<Vec<_>>(),
        [(MailRole::Outgoing, 465), (MailRole::IncomingImap, 993)]
    );
    let w = plan(MailApp::WindowsMail, &rec(MailSecurity::Tls));
    assert!(w.retired && w.menu.app == MailApp::OutlookNew);
}

#[test]
fn the_recommendation_the_popup_hands_back_is_read_without_guessing() {
    let back =
        read_recommended("outgoing\tmail.example.jp\t587\tstarttls\nincoming_imap\tmail.example.jp\t143\tstarttls");
    assert_eq!(
        back.outgoing.as_ref().map(|c| (c.role, c.port, c.security)),
        Some((MailRole::Outgoing, 587, MailSecurity::Starttls))
    );
    assert_eq!(
        back.incoming.map(|c| (c.role, c.host, c.port)),
        Some((MailRole::IncomingImap, "mail.example.jp".into(), 143))
    );
    // Unencrypted, unknown or malformed lines are left out, not guessed.
    for odd in
        ["outgoing\th\t25\tnone", "relay_mx\th\t25\tstarttls", "incoming_imap\th\t70000\ttls", "outgoing\th", "", "{}"]
    {
        let back = read_recommended(odd);
        assert!(back.outgoing.is_none() && back.incoming.is_none(), "{odd}");
    }
}

#[test]
fn no_plan_ever_picks_no_encryption_or_accept_all() {
    for app in MailApp::ALL {
        for s in [MailSecurity::Tls, MailSecurity::Starttls, MailSecurity::None] {
            for setting in plan(app, &rec(s)).settings {
                assert_ne!(setting.security, MailSecurity::None, "{app:?}");
                assert!(setting.choice.is_none_or(AppChoice::safe), "{app:?} {s:?} {:?}", setting.choice);
                assert!(!matches!(
                    setting.choice,
                    Some(
                        AppChoice::None
                            | AppChoice::Off
                            | AppChoice::TlsAcceptAll
                            | AppChoice::StarttlsAcceptAll
                            | AppChoice::Auto
                    )
                ));
            }
        }
    }
}
