//! `tls-doctor cert`'s messages about its input: a file or value it cannot use. Only the host
//! calls [`BadInput::message`], so none of these words reach the wasm module (they are not
//! [`super::Notice`]s, which the module words for the extension).

use crate::wire::Lang;

/// A file or value given to `tls-doctor cert` that it cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadInput {
    /// The path or value as given.
    pub input: String,
    pub problem: Problem,
}

/// What is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Unreadable {
        error: String,
    },
    Empty,
    TooLarge {
        limit_kb: usize,
    },
    /// No certificate, PEM or DER.
    NoCertificate,
    /// A PEM block cut short or not base64 (a server refuses to load it too).
    BrokenPem,
    /// A certificate file that holds a private key.
    IsKey,
    /// A key file that holds a certificate.
    IsCertificate,
    NoKey,
    Encrypted,
    /// A key ring cannot load (DSA, P-521, …).
    UnsupportedKey,
    BadTime,
    BadName,
}

impl BadInput {
    pub fn new(input: impl Into<String>, problem: Problem) -> Self {
        Self { input: input.into(), problem }
    }

    /// The message, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => ja(&self.input, &self.problem),
            Lang::En => en(&self.input, &self.problem),
        }
    }
}

fn ja(input: &str, problem: &Problem) -> String {
    use Problem as P;
    match problem {
        P::Unreadable { error } => format!("「{input}」を読めません（{error}）。"),
        P::Empty => format!("「{input}」は空のファイルです。"),
        P::TooLarge { limit_kb } => {
            format!("「{input}」は{limit_kb}KBを超えています。証明書や鍵のファイルではありません。")
        }
        P::NoCertificate => format!("「{input}」に証明書（PEMまたはDER）がありません。"),
        P::BrokenPem => format!("「{input}」のPEMが途中で切れているか、壊れています。"),
        P::IsKey => format!("「{input}」は秘密鍵です。証明書ではありません。--key で指定してください。"),
        P::IsCertificate => format!("「{input}」は証明書です。秘密鍵（privkey.pem）を指定してください。"),
        P::NoKey => format!("「{input}」に秘密鍵（PEMまたはDER）がありません。"),
        P::Encrypted => format!(
            "「{input}」は暗号化されています。--key <(openssl pkey -in {input}) のように、復号して渡してください。"
        ),
        P::UnsupportedKey => format!("「{input}」の鍵は確かめられません（RSA、EC P-256/P-384、Ed25519のみ）。"),
        P::BadTime => {
            format!("--at の「{input}」を時刻として読み取れません。2026-12-07T09:00:00Z の形で指定してください。")
        }
        P::BadName => format!("--name の「{input}」をサーバーの名前として読み取れません。"),
    }
}

fn en(input: &str, problem: &Problem) -> String {
    use Problem as P;
    match problem {
        P::Unreadable { error } => format!("\"{input}\" cannot be read ({error})."),
        P::Empty => format!("\"{input}\" is empty."),
        P::TooLarge { limit_kb } => format!("\"{input}\" is over {limit_kb} KB: not a certificate or key file."),
        P::NoCertificate => format!("\"{input}\" holds no certificate (PEM or DER)."),
        P::BrokenPem => format!("\"{input}\" has a PEM block that is cut short or damaged."),
        P::IsKey => format!("\"{input}\" is a private key, not a certificate: give it with --key."),
        P::IsCertificate => format!("\"{input}\" is a certificate, not a private key (privkey.pem)."),
        P::NoKey => format!("\"{input}\" holds no private key (PEM or DER)."),
        P::Encrypted => {
            format!("\"{input}\" is encrypted. Give the key decrypted, e.g. --key <(openssl pkey -in {input}).")
        }
        P::UnsupportedKey => format!("\"{input}\": only RSA, EC P-256/P-384 and Ed25519 keys can be checked."),
        P::BadTime => format!("The --at \"{input}\" is not a time. Give it as 2026-12-07T09:00:00Z."),
        P::BadName => format!("The --name \"{input}\" is not a server name."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every problem has words in both languages, and they name the input.
    #[test]
    fn every_problem_is_said_in_both_languages() {
        let problems = [
            Problem::Unreadable { error: "No such file or directory".into() },
            Problem::Empty,
            Problem::TooLarge { limit_kb: 1024 },
            Problem::NoCertificate,
            Problem::BrokenPem,
            Problem::IsKey,
            Problem::IsCertificate,
            Problem::NoKey,
            Problem::Encrypted,
            Problem::UnsupportedKey,
            Problem::BadTime,
            Problem::BadName,
        ];
        for problem in problems {
            let bad = BadInput::new("privkey.pem", problem);
            for lang in [Lang::Ja, Lang::En] {
                let text = bad.message(lang);
                assert!(text.contains("privkey.pem"), "{lang:?}: {text}");
            }
            let ja = bad.message(Lang::Ja);
            assert!(ja.ends_with("。"), "{ja}");
            assert!(!ja.contains("だ。") && !ja.contains("である"), "{ja}");
        }
    }
}
