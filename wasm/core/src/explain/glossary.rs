//! Terms a reader may not know, glossed once per explanation.
//!
//! Words write a term as `{}` with a [`Term`] (its `Display` is a marker made of two
//! private-use characters around an index). When the explanation is complete, [`Glosser`]
//! walks it in reading order (summary; each finding's headline, danger, first step, meaning,
//! other steps) and writes the term with its gloss the first time and bare afterwards; admin
//! steps and evidence get the bare term. So a term is glossed once per popup, not once per
//! card. The rules for terms and glosses are in `docs/GLOSSARY.md`.

use std::fmt;

use super::Lang;

macro_rules! terms {
    ($($term:ident => ($ja:literal, $ja_gloss:literal), ($en:literal, $en_gloss:literal),)*) => {
        /// A term that gets a one-line gloss the first time it is read.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum Term { $($term,)* }

        impl Term {
            pub(crate) const ALL: &'static [Term] = &[$(Term::$term,)*];

            /// The name written in a marker: `‹Certificate›`.
            pub(crate) const fn name(self) -> &'static str {
                match self { $(Term::$term => stringify!($term),)* }
            }

            /// The term and its gloss: (bare, gloss). Written `bare（gloss）` in Japanese,
            /// `bare (gloss)` in English.
            pub(crate) const fn words(self, lang: Lang) -> (&'static str, &'static str) {
                match (self, lang) {
                    $((Term::$term, Lang::Ja) => ($ja, $ja_gloss),)*
                    $((Term::$term, Lang::En) => ($en, $en_gloss),)*
                }
            }
        }
    };
}

terms! {
    Certificate => ("証明書", "サイトが本物であることを示す電子的な身分証明書"),
        ("certificate", "the electronic ID that shows a site is genuine"),
    Intermediate => ("中間証明書", "サーバーの証明書と信頼された発行元とをつなぐ証明書"),
        ("intermediate certificate", "the certificate that links the server's certificate to a trusted issuer"),
    RootCertificate => ("ルート証明書", "信頼の出発点になる証明書"),
        ("root certificate", "the certificate that trust starts from"),
    Ca => ("認証局", "証明書を発行する機関"),
        ("certificate authority", "an organisation that issues certificates"),
    Tls => ("TLS", "SSLとも呼ばれる、通信を暗号化する仕組み"),
        ("TLS", "the way connections are encrypted, also called SSL"),
    Handshake => ("TLSハンドシェイク", "暗号化を始める前のあいさつ"),
        ("TLS handshake", "the greeting before encryption starts"),
    Starttls => ("STARTTLS", "暗号化せずに話し始め、途中で暗号化に切り替える方式"),
        ("STARTTLS", "start unencrypted, then switch to encryption"),
    ImplicitTls => ("SSL/TLS", "最初から暗号化する方式"),
        ("SSL/TLS", "encrypted from the first byte"),
    Dns => ("DNS", "サーバーの名前をIPアドレスに変換する仕組み"),
        ("DNS", "the system that turns a server's name into an IP address"),
    Port => ("ポート", "サーバーの中でサービスを区別する番号"),
        ("port", "the number that tells services on a server apart"),
    Firewall => ("ファイアウォール", "通信を通すか止めるかを決める仕組み"),
        ("firewall", "what decides which traffic may pass"),
    Vpn => ("VPN", "社外から社内のネットワークにつなぐ仕組み"),
        ("VPN", "a way into the office network from outside"),
    Proxy => ("プロキシ", "通信を中継するサーバー"),
        ("proxy", "a server that relays connections"),
    ClientCertificate => ("クライアント証明書", "利用者や端末が本物であることを示す証明書"),
        ("client certificate", "a certificate that proves who the user or device is"),
    Sni => ("SNI", "接続の最初に、どのサイトにつなぎたいかを伝える仕組み"),
        ("SNI", "how a client names the site it wants when it connects"),
    Hsts => ("HSTS", "このサイトには必ず暗号化して接続する、とブラウザに覚えさせる仕組み"),
        ("HSTS", "a site's instruction to the browser to always connect encrypted"),
    Ocsp => ("OCSP", "証明書が取り消されていないかを問い合わせる仕組み"),
        ("OCSP", "a way to ask whether a certificate has been revoked"),
    OcspStapling => ("OCSPステープリング", "サーバーが失効情報を証明書に添えて送る設定"),
        ("OCSP stapling", "the server sends the revocation status along with its certificate"),
    Revocation => ("失効", "発行元が証明書を期限前に取り消すこと"),
        ("revocation", "the issuer withdrawing a certificate before it expires"),
    Cache => ("キャッシュ", "一度読み込んだページの控え"),
        ("cache", "copies of pages the browser keeps"),
    Cookie => ("Cookie", "サイトがブラウザに預けるデータ"),
        ("cookies", "data a site stores in the browser"),
    TimeZone => ("タイムゾーン", "地域ごとの時間帯"),
        ("time zone", "the region's local time setting"),
    TlsInspection => ("TLSインスペクション", "暗号化を途中で開いて中身を確かめる仕組み"),
        ("TLS inspection", "opening encrypted traffic on the way to check it"),
    CaptivePortal => ("ログインページ", "公衆Wi-Fiなどで、使う前に同意やログインを求めるページ"),
        ("sign-in page", "the page a public Wi-Fi shows before it lets you online"),
    CipherSuite => ("暗号スイート", "通信の暗号化に使う方式の組み合わせ"),
        ("cipher suite", "the set of methods used to encrypt a connection"),
    Ech => ("ECH", "接続先のサイト名まで暗号化する仕組み"),
        ("ECH", "encrypting even the name of the site you connect to"),
    Wildcard => ("ワイルドカード", "どんな名前にも当てはまる記号"),
        ("wildcard", "a symbol that stands for any name"),
    AuthTls => ("AUTH TLS", "FTPで、途中から暗号化に切り替える命令"),
        ("AUTH TLS", "the FTP command that switches to encryption"),
}

/// The marker for a term: `‹Certificate›`. Words write markers straight into their literals
/// (`"‹Certificate›の期限が切れています。"`), or with `{}` and a [`Term`] in a `format!`.
impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{OPEN}{}{CLOSE}", self.name())
    }
}

const OPEN: char = '‹';
const CLOSE: char = '›';

/// Writes terms glossed the first time they are read, bare afterwards.
pub(crate) struct Glosser {
    lang: Lang,
    /// One bit per [`Term`] already glossed.
    seen: u64,
}

impl Glosser {
    pub(crate) fn new(lang: Lang) -> Self {
        Glosser { lang, seen: 0 }
    }

    /// `text` with its terms written out: glossed where read first (`reader`), else bare. A
    /// marker that names no term is left as it is (a test keeps them out of every text).
    pub(crate) fn write(&mut self, text: &str, reader: bool) -> String {
        let mut parts = text.split(OPEN);
        let mut out = String::from(parts.next().unwrap_or_default());
        for part in parts {
            let found = part
                .split_once(CLOSE)
                .and_then(|(name, rest)| Term::ALL.iter().position(|t| t.name() == name).map(|index| (index, rest)));
            let Some((index, rest)) = found else {
                out.push(OPEN);
                out.push_str(part);
                continue;
            };
            let term = Term::ALL.get(index).copied().unwrap_or(Term::Certificate);
            let (bare, gloss) = term.words(self.lang);
            out.push_str(bare);
            let bit = 1u64 << index;
            if reader && self.seen & bit == 0 {
                self.seen |= bit;
                let (open, close) = match self.lang {
                    Lang::Ja => ("（", "）"),
                    Lang::En => (" (", ")"),
                };
                out.push_str(open);
                out.push_str(gloss);
                out.push_str(close);
            }
            out.push_str(rest);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_glossed_once_then_bare() {
        let mut g = Glosser::new(Lang::Ja);
        let text = format!("{}の期限が切れています。", Term::Certificate);
        assert_eq!(
            g.write(&text, true),
            "証明書（サイトが本物であることを示す電子的な身分証明書）の期限が切れています。"
        );
        assert_eq!(g.write(&text, true), "証明書の期限が切れています。");
        let mut g = Glosser::new(Lang::En);
        assert_eq!(g.write(&format!("the {}", Term::Port), false), "the port");
        assert_eq!(
            g.write(&format!("the {}", Term::Port), true),
            "the port (the number that tells services on a server apart)"
        );
    }

    #[test]
    fn every_term_fits_the_bitmask_and_markers_read_back() {
        assert!(Term::ALL.len() <= 64);
        let mut g = Glosser::new(Lang::Ja);
        assert_eq!(g.write("‹Port›と‹Nothing›", false), "ポートと‹Nothing›");
    }

    #[test]
    fn glosses_follow_the_format() {
        for term in Term::ALL {
            let (bare, gloss) = term.words(Lang::Ja);
            assert!(!bare.is_empty() && !gloss.is_empty());
            for bad in ['（', '）', '(', ')', '＝', '=', '：', ':'] {
                assert!(!gloss.contains(bad), "{term:?}: {gloss}");
            }
            assert!(!gloss.ends_with('。'), "{term:?}");
        }
    }
}
