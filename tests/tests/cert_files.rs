//! `tls-doctor cert` (issue 15) on files made by `openssl` the way admins make them: certbot's
//! layouts (fullchain.pem + privkey.pem, cert.pem + chain.pem), RSA, EC and Ed25519 keys in
//! PKCS#8, PKCS#1 and SEC1, DER files, a key that is not the leaf's, an expired certificate, a
//! wrong name, a missing intermediate (offline, and fetched from a loopback AIA server), and
//! every kind of bad input, which must end with a clear message and exit 2.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers too: a failure stops the test and says why")]

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use tls_doctor_lab::tls_doctor_bin;

/// A directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tls-doctor-cert-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// A root, an intermediate and leaves, made once for every test: what certbot's live/
/// directory holds (cert.pem, chain.pem, fullchain.pem, privkey.pem) and more.
struct Pki {
    dir: PathBuf,
}

/// The URL the leaf `aia-cert.pem` names for its issuer; the port is filled in by the test
/// that serves it (the leaf is made for a fixed port: see `aia_server`).
const AIA_PORT_FILE: &str = "aia-port";

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = scratch("pki");
        let d = dir.as_path();
        write(d, "ca.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
        openssl(d, &[
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key",
            "-out", "root.pem", "-subj", "/CN=Cert Test Root", "-days", "3650", "-extensions", "v3_ca",
        ]);
        write(
            d,
            "int.ext",
            "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        );
        openssl(d, &["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=Cert Test Intermediate"]);
        openssl(d, &["x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "chain.pem", "-days", "1000", "-extfile", "int.ext"]);
        openssl(d, &["x509", "-in", "chain.pem", "-outform", "DER", "-out", "chain.der"]);
        // An AIA server on a loopback port of its own, chosen now so the leaf can name it.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        std::fs::write(d.join(AIA_PORT_FILE), port.to_string()).unwrap();
        let leaf_ext = |aia: Option<&str>| {
            let mut ext = "subjectAltName=DNS:www.example.test,DNS:example.test\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\nauthorityKeyIdentifier=keyid\n".to_owned();
            if let Some(url) = aia {
                ext.push_str(&format!("authorityInfoAccess=caIssuers;URI:{url}\n"));
            }
            ext
        };
        write(d, "leaf.ext", &leaf_ext(None));
        write(d, "aia.ext", &leaf_ext(Some(&format!("http://127.0.0.1:{port}/int.der"))));
        let leaf = |key_args: &[&str], key: &str, cert: &str, ext: &str| {
            let mut args = vec!["req", "-nodes", "-keyout", key, "-out", "leaf.csr", "-subj", "/CN=www.example.test"];
            args.extend_from_slice(key_args);
            openssl(d, &args);
            openssl(d, &["x509", "-req", "-in", "leaf.csr", "-CA", "chain.pem", "-CAkey", "int.key", "-CAcreateserial", "-out", cert, "-days", "90", "-extfile", ext]);
        };
        leaf(&["-newkey", "rsa:2048"], "privkey.pem", "cert.pem", "leaf.ext");
        leaf(&["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"], "p384.key", "p384.pem", "leaf.ext");
        leaf(&["-newkey", "ed25519"], "ed25519.key", "ed25519.pem", "leaf.ext");
        leaf(&["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "aia.key", "aia-cert.pem", "aia.ext");
        // The same keys in the older encodings: PKCS#1 (RSA) and SEC1 (EC), and DER.
        openssl(d, &["rsa", "-in", "privkey.pem", "-traditional", "-out", "privkey-pkcs1.pem"]);
        openssl(d, &["ec", "-in", "p384.key", "-out", "p384-sec1.pem"]);
        openssl(d, &["pkey", "-in", "privkey.pem", "-outform", "DER", "-out", "privkey.der"]);
        openssl(d, &["x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"]);
        openssl(d, &["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.key"]);
        openssl(d, &["pkey", "-in", "privkey.pem", "-aes256", "-passout", "pass:secret", "-out", "encrypted.key"]);
        openssl(d, &["rsa", "-in", "privkey.pem", "-aes256", "-passout", "pass:secret", "-traditional", "-out", "encrypted-legacy.key"]);
        let fullchain = read(d, "cert.pem") + &read(d, "chain.pem");
        write(d, "fullchain.pem", &fullchain);
        write(d, "with-root.pem", &(fullchain.clone() + &read(d, "root.pem")));
        write(d, "wrong-order.pem", &(read(d, "cert.pem") + &read(d, "root.pem") + &read(d, "chain.pem")));
        // HAProxy's `crt` file: the certificates and the key in one.
        write(d, "combined.pem", &(fullchain.clone() + &read(d, "privkey.pem")));
        write(d, "combined-wrong.pem", &(fullchain.clone() + &read(d, "other.key")));
        write(d, "intermediate-first.pem", &(read(d, "chain.pem") + &read(d, "cert.pem")));
        Pki { dir }
    })
}

impl Pki {
    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

/// `tls-doctor cert` with these arguments (file names relative to the PKI's directory), trusting
/// only the test root, offline unless `online`.
fn cert(args: &[&str]) -> Output {
    let p = pki();
    let mut full: Vec<String> = vec!["cert".into()];
    for a in args {
        full.push(if a.starts_with('-') || !p.dir.join(a).exists() { (*a).to_owned() } else { p.path(a) });
    }
    Command::new(tls_doctor_bin()).args(&full).env("LANG", "C").output().unwrap()
}

fn trusted(args: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    v.extend(["--ca-file".into(), pki().path("root.pem"), "--no-system-roots".into(), "--json".into()]);
    v
}

/// The ids of the findings, primary first, and the exit code.
fn diagnose(args: &[&str]) -> (Vec<String>, i32, Value) {
    let args = trusted(args);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = cert(&refs);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    let ids = json["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect();
    (ids, out.status.code().unwrap_or(-1), json)
}

#[test]
fn certbot_layouts_are_healthy() {
    for files in [&["fullchain.pem"][..], &["cert.pem", "chain.pem"], &["cert.der", "chain.der"]] {
        let mut args = files.to_vec();
        args.extend(["--key", "privkey.pem", "--name", "www.example.test"]);
        let (ids, code, json) = diagnose(&args);
        assert_eq!((ids.as_slice(), code), (&["ok".to_owned()][..], 0), "{files:?}: {json}");
        assert_eq!(json["findings"][0]["evidence"]["trusted_by"], serde_json::json!(["custom"]));
        assert_eq!(json["certificates"].as_array().map(Vec::len), Some(2));
    }
}

#[test]
fn every_key_type_and_encoding_is_matched() {
    for (cert, key) in [
        ("fullchain.pem", "privkey.pem"),
        ("fullchain.pem", "privkey-pkcs1.pem"),
        ("fullchain.pem", "privkey.der"),
        ("p384.pem", "p384.key"),
        ("p384.pem", "p384-sec1.pem"),
        ("ed25519.pem", "ed25519.key"),
    ] {
        let (ids, code, json) = diagnose(&[cert, "chain.pem", "--key", key]);
        assert!(!ids.contains(&"key_mismatch".to_owned()), "{cert} {key}: {json}");
        assert_eq!(code, 0, "{cert} {key}: {json}");
    }
}

#[test]
fn a_key_that_is_not_the_leafs_is_the_primary_cause() {
    for key in ["other.key", "p384.key", "ed25519.key"] {
        let (ids, code, json) = diagnose(&["fullchain.pem", "--key", key, "--name", "www.example.test"]);
        assert_eq!((ids.first().map(String::as_str), code), (Some("key_mismatch"), 1), "{key}: {json}");
        let f = &json["findings"][0];
        assert_eq!((f["side"].as_str(), f["severity"].as_str()), (Some("server"), Some("critical")));
        assert_eq!(f["evidence"]["leaf_key"], "RSA 2048");
    }
    // In words: the nginx pair, in Japanese.
    let p = pki();
    let out = Command::new(tls_doctor_bin())
        .args(["cert", &p.path("fullchain.pem"), "--key", &p.path("other.key"), "--lang", "ja"])
        .args(["--ca-file", &p.path("root.pem"), "--no-system-roots"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("秘密鍵が証明書") && text.contains("ssl_certificate_key"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_key_in_a_certificate_file_is_checked_too() {
    let (ids, code, json) = diagnose(&["combined.pem"]);
    assert_eq!((ids.as_slice(), code), (&["ok".to_owned()][..], 0), "{json}");
    assert_eq!(json["evidence"]["files"]["key"]["matches"], true, "{json}");
    let (ids, code, json) = diagnose(&["combined-wrong.pem"]);
    assert_eq!((ids.first().map(String::as_str), code), (Some("key_mismatch"), 1), "{json}");
    // --key wins over the key in the file.
    let (ids, _, _) = diagnose(&["combined-wrong.pem", "--key", "privkey.pem"]);
    assert_eq!(ids, ["ok"]);
}

#[test]
fn dates_names_and_chain_are_judged_from_the_files() {
    let (ids, code, _) = diagnose(&["fullchain.pem", "--at", "2099-01-01T00:00:00Z"]);
    assert_eq!((ids.first().map(String::as_str), code), (Some("cert_expired"), 1), "{ids:?}");
    let (ids, _, _) = diagnose(&["fullchain.pem", "--at", "2000-01-01T00:00:00+09:00"]);
    assert_eq!(ids.first().map(String::as_str), Some("cert_not_yet_valid"), "{ids:?}");
    let (ids, code, json) = diagnose(&["fullchain.pem", "--name", "mail.example.test"]);
    assert_eq!((ids.first().map(String::as_str), code), (Some("name_mismatch"), 1), "{ids:?}");
    assert_eq!(json["findings"][0]["evidence"]["requested"], "mail.example.test");
    // No --name, no name check.
    let (ids, _, _) = diagnose(&["fullchain.pem"]);
    assert_eq!(ids, ["ok"]);
    // A root sent along is information; the wrong order a warning.
    let (ids, code, _) = diagnose(&["with-root.pem"]);
    assert_eq!((ids.as_slice(), code), (&["ok".to_owned(), "root_in_chain".to_owned()][..], 0));
    let (ids, code, _) = diagnose(&["wrong-order.pem"]);
    assert_eq!(code, 1, "{ids:?}");
    assert!(ids.contains(&"chain_wrong_order".to_owned()), "{ids:?}");
    // The first certificate is the leaf: an intermediate there is a CA used as a server's.
    let (ids, code, _) = diagnose(&["intermediate-first.pem"]);
    assert_eq!((ids.first().map(String::as_str), code), (Some("wrong_usage"), 1), "{ids:?}");
    // Without the test root, nobody trusts it: the file check says so as the server check does.
    let out = cert(&["fullchain.pem", "--json", "--offline"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"][0]["id"], "unknown_issuer", "{json}");
    // Nothing only a live server shows.
    let live_only = ["handshake_failed", "ocsp_staple_missing", "sni_default_cert", "clock_ahead", "dns_failure"];
    assert!(json["findings"].as_array().unwrap().iter().all(|f| !live_only.contains(&f["id"].as_str().unwrap())));
    assert_eq!(json["evidence"]["files"]["paths"][0], pki().path("fullchain.pem"));
}

/// The words speak to the admin about to install the files, not to a visitor of the site.
#[test]
fn the_words_are_for_the_admin_of_the_files() {
    let p = pki();
    let text = |args: &[&str], lang: &str| {
        let out = Command::new(tls_doctor_bin())
            .arg("cert")
            .arg(p.path("fullchain.pem"))
            .args(args)
            .args(["--ca-file", &p.path("root.pem"), "--no-system-roots", "--lang", lang])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let expired = text(&["--at", "2099-01-01T00:00:00Z"], "ja");
    assert!(expired.contains("証明書のファイルに問題があります"), "{expired}");
    assert!(expired.contains("サーバーに読み込ませる前に"), "{expired}");
    assert!(expired.contains("証明書のファイルを確かめました"), "{expired}");
    // No visitor's steps: the device's clock is not what is wrong with a file.
    assert!(!expired.contains("端末の日付"), "{expired}");
    let ok = text(&[], "en");
    assert!(ok.contains("No problem found in the certificate files"), "{ok}");
    assert!(!ok.contains("connection"), "{ok}");
    // The fixes are for the software on the port the files will be served on (--port).
    let web = text(&["--at", "2099-01-01T00:00:00Z"], "en");
    assert!(web.contains("nginx:") && !web.contains("Postfix:"), "{web}");
    let submission = text(&["--at", "2099-01-01T00:00:00Z", "--port", "587"], "en");
    assert!(submission.contains("Postfix:") && !submission.contains("nginx:"), "{submission}");
    let imaps = text(&["--at", "2099-01-01T00:00:00Z", "--port", "993"], "en");
    assert!(imaps.contains("Dovecot:") && !imaps.contains("nginx:"), "{imaps}");
    // The certificates are the files', not a server's.
    assert!(ok.contains("Certificates in the files") && !ok.contains("the server sent"), "{ok}");
    assert!(expired.contains("ファイルの中の証明書") && !expired.contains("サーバーが送ってきた"), "{expired}");
}

#[test]
fn a_missing_intermediate_is_named_offline_and_fetched_online() {
    let (ids, code, json) = diagnose(&["aia-cert.pem", "--offline", "--key", "aia.key"]);
    assert_eq!((ids.first().map(String::as_str), code), (Some("incomplete_chain"), 1), "{json}");
    assert_eq!(json["findings"][0]["evidence"]["confirmed"], false);
    assert_eq!(json["evidence"]["aia"].as_array().map(Vec::len), Some(0));

    // Online: a loopback server answers for the URL in the leaf, once.
    let p = pki();
    let port: u16 = read(&p.dir, AIA_PORT_FILE).parse().unwrap();
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let der = std::fs::read(p.dir.join("chain.der")).unwrap();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 2048];
        let _ = stream.read(&mut request).unwrap();
        let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", der.len());
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&der).unwrap();
        String::from_utf8_lossy(&request).lines().next().unwrap_or_default().to_owned()
    });
    let (ids, code, json) = diagnose(&["aia-cert.pem"]);
    let request_line = server.join().unwrap();
    assert_eq!(request_line, "GET /int.der HTTP/1.1");
    assert_eq!((ids.first().map(String::as_str), code), (Some("incomplete_chain"), 1), "{json}");
    assert_eq!(json["findings"][0]["evidence"]["confirmed"], true, "{json}");
}

/// Bad input: a message naming the file and what is wrong, on stderr, and exit 2; never a panic.
#[test]
fn bad_input_is_a_clear_error() {
    let p = pki();
    let dir = scratch("bad");
    write(&dir, "empty.pem", "");
    write(&dir, "text.txt", "hello, this is not a certificate\n");
    std::fs::write(dir.join("big.pem"), vec![b'A'; 2 * 1024 * 1024]).unwrap();
    let cert = read(&p.dir, "cert.pem");
    write(&dir, "cut.pem", &(cert.clone() + &read(&p.dir, "chain.pem")[..300]));
    std::fs::write(dir.join("random.der"), (0..=255u8).cycle().take(3000).collect::<Vec<u8>>()).unwrap();
    let d = |name: &str| dir.join(name).display().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec![p.path("privkey.pem")], "is a private key, not a certificate"),
        (vec![p.path("fullchain.pem"), "--key".into(), p.path("cert.pem")], "is a certificate, not a private key"),
        (vec![p.path("fullchain.pem"), "--key".into(), p.path("encrypted.key")], "is encrypted"),
        (vec![p.path("fullchain.pem"), "--key".into(), p.path("encrypted-legacy.key")], "is encrypted"),
        (vec![p.path("fullchain.pem"), "--key".into(), d("text.txt")], "holds no private key"),
        (vec![d("empty.pem")], "is empty"),
        (vec![d("text.txt")], "holds no certificate"),
        (vec![d("random.der")], "holds no certificate"),
        (vec![d("big.pem")], "is over 1024 KB"),
        (vec![d("cut.pem")], "cut short or damaged"),
        (vec![d("missing.pem")], "cannot be read"),
        (vec![dir.display().to_string()], "cannot be read"),
        (vec![p.path("fullchain.pem"), "--at".into(), "tomorrow".into()], "is not a time"),
        (vec![p.path("fullchain.pem"), "--name".into(), "not a name".into()], "is not a server name"),
    ];
    for (args, expected) in cases {
        let out = Command::new(tls_doctor_bin()).arg("cert").args(&args).args(["--lang", "en"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // In Japanese too.
    let out = Command::new(tls_doctor_bin()).args(["cert", &d("empty.pem"), "--lang", "ja"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("空のファイルです"));
    // --no-system-roots needs a CA file to trust.
    let out =
        Command::new(tls_doctor_bin()).args(["cert", &p.path("fullchain.pem"), "--no-system-roots"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
