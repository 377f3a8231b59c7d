//! 接続まで(日本語)。

use super::Say;
use crate::explain::Fmt;
use crate::explain::glossary::Term;

pub(crate) fn say(s: &Say<'_>, _f: &Fmt<'_>) -> String {
    match s {
        Say::PortClosedHeadline { port } => format!("ポート{port}で接続を受け付けていません"),
        Say::PortClosedMeaning { address, port } => format!(
            "サーバー（{address}）には届きましたが、{port}番の{}で待ち受けているサービスがなく、接続を断られました。",
            Term::Port
        ),
        Say::CheckAddressAndPort => "アドレスとポート番号が正しいか確かめてください。".into(),
        Say::MailAppPortAsDocumented => "メールアプリのポート番号が、サービスの案内と同じか確かめてください。".into(),
        Say::ServerRestarting => "サーバーが再起動中かもしれません。しばらくしてから、もう一度試してください。".into(),
        Say::AdminListening { port } => {
            format!("ポート{port}で待ち受けているか、サーバー上で `ss -ltnp` を実行して確かめてください。")
        }
        Say::NginxListen { port } => {
            format!("`listen {port} ssl;` の行があるか確かめ、`nginx -t` のあとで `systemctl reload nginx` を実行してください。")
        }
        Say::ApacheListen { port } => format!("`Listen {port}` と `<VirtualHost *:{port}>` の設定を確かめてください。"),
        Say::IisBinding { port } => format!("サイトのバインドに、種類 https・ポート{port}の行があるか確かめてください。"),
        Say::PostfixListen { port } => format!(
            "master.cf に{port}番のサービス（25番は smtp、465番は smtps、587番は submission）があるか確かめ、`postfix reload` を実行してください。"
        ),
        Say::DovecotListen { port } => format!(
            "dovecot.conf の `inet_listener` に `port = {port}` があるか確かめ、`doveadm reload` を実行してください。"
        ),
        Say::FirewallAllows => "ファイアウォールがこのポートを拒否していないかも確かめてください。".into(),
    }
}
