//! Reaching the server (English, mirroring `ja.rs`).

use super::Say;
use crate::explain::Fmt;
use crate::explain::glossary::Term;

pub(crate) fn say(s: &Say<'_>, _f: &Fmt<'_>) -> String {
    match s {
        Say::PortClosedHeadline { port } => format!("Port {port} does not accept connections"),
        Say::PortClosedMeaning { address, port } => format!(
            "The server ({address}) was reached, but no service listens on {} {port}, so the connection was refused.",
            Term::Port
        ),
        Say::CheckAddressAndPort => "Check that the address and port number are right.".into(),
        Say::MailAppPortAsDocumented => "Check that the port in your mail app matches the service's instructions.".into(),
        Say::ServerRestarting => "The server may be restarting. Try again in a little while.".into(),
        Say::AdminListening { port } => format!("Check that something listens on port {port}: run `ss -ltnp` on the server."),
        Say::NginxListen { port } => {
            format!("Check for a `listen {port} ssl;` line, then run `nginx -t` and `systemctl reload nginx`.")
        }
        Say::ApacheListen { port } => format!("Check the `Listen {port}` and `<VirtualHost *:{port}>` settings."),
        Say::IisBinding { port } => format!("Check that the site has an https binding on port {port}."),
        Say::PostfixListen { port } => format!(
            "Check that master.cf has a service on port {port} (smtp for 25, smtps for 465, submission for 587), then run `postfix reload`."
        ),
        Say::DovecotListen { port } => {
            format!("Check for `port = {port}` in an `inet_listener` in dovecot.conf, then run `doveadm reload`.")
        }
        Say::FirewallAllows => "Also check that no firewall refuses this port.".into(),
    }
}
