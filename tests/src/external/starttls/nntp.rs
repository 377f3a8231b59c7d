//! INN's news reader server, `nnrpd` (Debian 12's `inn2`, INN 2.7): one `nnrpd -D -f` (its
//! own listener, in the foreground, no `innd`) per case, on 127.0.0.1 and a free port: NNTP
//! with `STARTTLS` (RFC 4642), or NNTPS, TLS from the first byte as on port 563 (`-S`, which
//! holds for the whole process: hence one process per case). Everything it reads is in a
//! scratch directory named by `INNCONF` (no /etc/news): `inn.conf` with every path in the
//! scratch directory and the TLS certificate, `readers.conf` (127.0.0.1 may read, nobody
//! posts), `storage.conf`, and an empty overview database that INN's `tdx-util -F` makes
//! (`nnrpd` refuses every reader without one). `-n`: no reverse DNS.
//!
//! Not the installed package: Debian's `inn2` fails to configure where the machine's host
//! name does not resolve (its post-installation script checks), so `cargo xtask setup`
//! extracts `inn2` and `inn2-inews` (`apt-get download`, `dpkg -x`, no maintainer script) into
//! `target/tools/inn2`, and installs only their libraries; the lab runs `nnrpd` from there,
//! with `LD_LIBRARY_PATH` for INN's own libraries. An installed `inn2` (`/usr/lib/news`) is
//! used when there is no extracted one.
//!
//! Started as root, `nnrpd` and `tdx-util` become the `news` user (Debian's base-passwd has
//! it), so the scratch directory is given to that user. `nnrpd` logs only to syslog: when it
//! does not start, the error says where to look.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Config, IMPLICIT, Setup};
use crate::LabError;
use crate::external::mail::{self, Probe};
use crate::external::process::{self, StartFailure};
use crate::external::{self, ExternalServer};
use crate::pki::Pki;
use crate::scratch::ScratchDir;

/// `STARTTLS` on the plaintext port.
const NNTP: &[&str] = &["--starttls", "nntp"];

/// Every INN case; in each configuration, the STARTTLS port first.
pub(crate) const SETUPS: [Setup; 4] = [
    Setup {
        name: "inn-nntp-good",
        host: "news-good.lab.test",
        args: NNTP,
        config: Config::Good,
        description: "INN's nnrpd: after STARTTLS, a valid leaf and its intermediate",
    },
    Setup {
        name: "inn-nntps-good",
        host: "news-good.lab.test",
        args: IMPLICIT,
        config: Config::Good,
        description: "INN's nnrpd -S (NNTPS, as on port 563) serves a valid leaf and its intermediate",
    },
    Setup {
        name: "inn-nntp-expired",
        host: "news-expired.lab.test",
        args: NNTP,
        config: Config::Expired,
        description: "INN's nnrpd: after STARTTLS, a leaf that expired 10 days ago",
    },
    Setup {
        name: "inn-nntps-expired",
        host: "news-expired.lab.test",
        args: IMPLICIT,
        config: Config::Expired,
        description: "INN's nnrpd -S (NNTPS, as on port 563) serves a leaf that expired 10 days ago",
    },
];

/// Where `cargo xtask setup` extracts `inn2`, below the target directory.
pub const EXTRACTED: &str = "tools/inn2";

/// The user `nnrpd` becomes.
const USER: &str = "news";

/// Any early exit is retried with a fresh port (`nnrpd` cannot bind a taken one).
const ATTEMPTS: usize = 5;

/// INN's `pathnews` (`bin/nnrpd`, `bin/tdx-util` and INN's libraries): the extracted one in
/// `target/tools/inn2`, else an installed `inn2`.
pub fn news_dir() -> Result<PathBuf, LabError> {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        // This crate lives one level below the workspace root.
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"),
    };
    let extracted = target.join(EXTRACTED).join("usr/lib/news");
    [extracted.clone(), PathBuf::from("/usr/lib/news")]
        .into_iter()
        .find(|dir| dir.join("bin/nnrpd").is_file() && dir.join("bin/tdx-util").is_file())
        .ok_or_else(|| {
            LabError::new(format!(
                "INN's nnrpd is neither in {} nor in /usr/lib/news: `cargo xtask setup` extracts Debian's inn2",
                extracted.display()
            ))
        })
}

/// Starts one `nnrpd` per case, all at once; returns when every port serves.
pub fn start(pki: &Pki, ca_file: &Path) -> Result<Vec<ExternalServer>, LabError> {
    let news = news_dir()?;
    let news = news.as_path();
    super::start_each(&SETUPS, "nnrpd", |setup| start_one(news, pki, ca_file, setup))
}

/// Runs a command to its end; its output is the error when it fails.
fn run(command: &mut Command, what: &str) -> Result<(), LabError> {
    let out = command.stdin(Stdio::null()).output().map_err(|e| LabError::new(format!("{what}: {e}")))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    Err(LabError::new(format!("{what} failed ({}): {} {}", out.status, stdout.trim(), stderr.trim())))
}

/// `inn.conf`: every path in `dir` (`pathfilter` too, so no Perl or Python filter is
/// loaded), INN's programs in `news`, the certificate; `pathhost`, `domain` and `fromhost`
/// given, so nothing asks for the machine's own name.
fn inn_conf(dir: &Path, news: &Path, cert: &Path, key: &Path, host: &str) -> String {
    let (dir, news) = (dir.display(), news.display());
    format!(
        "pathhost: {host}\ndomain: lab.test\nfromhost: lab.test\nserver: 127.0.0.1\n\
         organization: \"tls-doctor lab\"\nmta: \"/bin/false %s\"\n\
         ovmethod: tradindexed\nhismethod: hisv6\n\
         pathnews: {news}\npathbin: {news}/bin\npathcontrol: {news}/bin/control\n\
         pathetc: {dir}\npathfilter: {dir}\npathdb: {dir}/db\npathrun: {dir}/run\npathlog: {dir}/log\n\
         pathhttp: {dir}/log\npathspool: {dir}/spool\npatharticles: {dir}/spool/articles\n\
         pathoverview: {dir}/spool/overview\npathincoming: {dir}/spool/incoming\n\
         pathoutgoing: {dir}/spool/outgoing\npatharchive: {dir}/spool/archive\npathtmp: {dir}/tmp\n\
         tlscertfile: {cert}\ntlskeyfile: {key}\n",
        cert = cert.display(),
        key = key.display(),
    )
}

/// 127.0.0.1 reads every group (there are none); nobody posts.
const READERS_CONF: &str = "auth \"lab\" {\n    hosts: \"127.0.0.1\"\n    default: \"<lab>\"\n}\n\
                            access \"lab\" {\n    users: \"<lab>\"\n    read: \"*\"\n}\n";

/// Articles, were there any, in the traditional spool.
const STORAGE_CONF: &str = "method tradspool {\n    newsgroups: *\n    class: 0\n}\n";

fn start_one(news: &Path, pki: &Pki, ca_file: &Path, setup: &Setup) -> Result<ExternalServer, LabError> {
    let scratch = ScratchDir::new("tls-doctor-lab-nnrpd")?;
    let dir = scratch.path();
    let (cert, key) = setup.config.write_files(&scratch, "server", pki, setup.host)?;
    for sub in ["db", "run", "log", "tmp", "spool/articles", "spool/overview", "spool/incoming", "spool/outgoing"] {
        std::fs::create_dir_all(dir.join(sub))?;
    }
    let conf = scratch.write("inn.conf", inn_conf(dir, news, &cert, &key, setup.host))?;
    scratch.write("readers.conf", READERS_CONF)?;
    scratch.write("storage.conf", STORAGE_CONF)?;
    run(Command::new(process::find_program("chown")?).args(["-R", &format!("{USER}:{USER}")]).arg(dir), "chown")?;
    // The empty overview database (group.index), made as nnrpd will read it.
    run(
        Command::new(news.join("bin/tdx-util")).arg("-F").env("INNCONF", &conf).env("LD_LIBRARY_PATH", news),
        "tdx-util -F",
    )?;
    let log = dir.join("output.log");
    let implicit = setup.starttls().is_none();

    let mut failure = StartFailure::TimedOut;
    for _ in 0..ATTEMPTS {
        let port = process::free_ports(1)?.first().copied().unwrap_or(0);
        let mut command = process::watched(&news.join("bin/nnrpd"))?;
        command.args(["-D", "-f", "-n", "-4", "127.0.0.1", "-p"]).arg(port.to_string());
        if implicit {
            command.arg("-S");
        }
        let mut child = command
            .env("INNCONF", &conf)
            .env("LD_LIBRARY_PATH", news)
            .stdout(std::fs::File::create(&log)?)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| external::spawn_error(e, "nnrpd"))?;
        // 201: reading allowed, posting not (RFC 3977 §5.1.1); an nnrpd that cannot read its
        // configuration greets with 400 and closes.
        let probe =
            Probe { address: SocketAddr::from((Ipv4Addr::LOCALHOST, port)), greeting: (!implicit).then_some("201") };
        match mail::wait_until_serving(&mut child, &[probe], &[&log]) {
            Ok(()) => {
                let cases = vec![setup.case(Ipv4Addr::LOCALHOST, port, ca_file)];
                return Ok(ExternalServer { program: "nnrpd", child, cases, _scratch: scratch });
            }
            Err(e) => {
                process::stop(&mut child);
                failure = e;
            }
        }
    }
    Err(LabError::new(format!("{} (nnrpd logs to syslog only)", failure.into_error("nnrpd"))))
}
