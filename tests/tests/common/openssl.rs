//! The lab checking itself without `tls-doctor`: what `openssl s_client` sees of a case.

use std::process::{Command, Stdio};

use tls_doctor_lab::Case;

/// What `openssl s_client -showcerts` printed: the subject of each certificate it was sent, in
/// order, its verify return code, and all of its output (for failure messages).
#[derive(Debug)]
pub struct SClient {
    pub subjects: Vec<String>,
    pub verify_code: Option<u32>,
    pub output: String,
}

/// `openssl s_client` to `case` (its address and port, its name as SNI and as the name
/// verified, the case's CA file), after the `-starttls` dialogue `starttls` when given.
pub fn s_client(case: &Case, starttls: Option<&str>) -> SClient {
    let address = case.address.unwrap_or_else(|| panic!("{}: the case has no address", case.name));
    let mut command = Command::new("openssl");
    command
        .args(["s_client", "-connect"])
        .arg(format!("{address}:{}", case.port))
        .args(["-servername", case.host, "-verify_hostname", case.host, "-showcerts", "-CAfile"])
        .arg(&case.ca_file)
        .stdin(Stdio::null());
    if let Some(protocol) = starttls {
        command.args(["-starttls", protocol]);
    }
    let out = command.output().unwrap_or_else(|e| panic!("openssl: {e}"));
    let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let subjects = output
        .lines()
        .filter_map(|l| {
            let (index, rest) = l.trim_start().split_once(" s:")?;
            index.parse::<u32>().ok().map(|_| rest.to_owned())
        })
        .collect();
    let verify_code = output
        .lines()
        .find_map(|l| l.trim().strip_prefix("Verify return code: "))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok());
    SClient { subjects, verify_code, output }
}
