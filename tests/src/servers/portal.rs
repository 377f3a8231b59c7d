//! The lab's captive portal: plain HTTP on 127.0.0.1, like a hotel Wi-Fi before sign-in. The
//! check URL `/generate_204` is redirected (`302`) to the portal's own `/login`, a page titled
//! `Free Wi-Fi ログイン` with a form. In [`PortalMode::Open`] the check URL answers `204`, as on
//! the open internet.

use std::io;

use tokio::io::AsyncWriteExt;
use tokio::runtime::Handle;

use super::http;

/// The path a captive-portal check asks for.
pub const CHECK_PATH: &str = "/generate_204";
pub const LOGIN_PATH: &str = "/login";
/// The login page's title.
pub const LOGIN_TITLE: &str = "Free Wi-Fi ログイン";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortalMode {
    /// Before sign-in: every check is redirected to the login page.
    Captive,
    /// Nothing in the way: the check URL answers `204 No Content`.
    Open,
}

/// Starts a portal; its port.
pub fn spawn(handle: &Handle, mode: PortalMode) -> io::Result<u16> {
    let (listener, port) = super::bind(handle)?;
    super::serve(handle, listener, move |mut stream| async move {
        let Some(head) = http::read_request_head(&mut stream).await else { return };
        let answer = match (mode, http::request_target(&head)) {
            (PortalMode::Open, Some(CHECK_PATH)) => http::response("204 No Content", "text/plain", b""),
            (PortalMode::Captive, Some(LOGIN_PATH)) => {
                http::response("200 OK", "text/html; charset=utf-8", login_page().as_bytes())
            }
            (PortalMode::Captive, Some(_)) => redirect(&format!("http://127.0.0.1:{port}{LOGIN_PATH}")),
            _ => http::response("404 Not Found", "text/plain", b"not here\n"),
        };
        let _ = stream.write_all(&answer).await;
        let _ = stream.shutdown().await;
    });
    Ok(port)
}

/// The check URL of a portal on `port`.
pub fn check_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}{CHECK_PATH}")
}

fn redirect(location: &str) -> Vec<u8> {
    let response = http::response("302 Found", "text/html; charset=utf-8", b"");
    let text = String::from_utf8_lossy(&response);
    text.replacen("\r\n\r\n", &format!("\r\nLocation: {location}\r\n\r\n"), 1).into_bytes()
}

fn login_page() -> String {
    format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{LOGIN_TITLE}</title></head>\n\
         <body><h1>{LOGIN_TITLE}</h1><form method=\"post\" action=\"{LOGIN_PATH}\">\
         <label>メールアドレス <input name=\"email\" type=\"email\"></label>\
         <label><input name=\"agree\" type=\"checkbox\"> 利用規約に同意する</label>\
         <button type=\"submit\">インターネットに接続</button></form></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_names_its_location_before_the_blank_line() {
        let text = String::from_utf8(redirect("http://127.0.0.1:1/login")).unwrap();
        assert!(text.starts_with("HTTP/1.1 302 Found\r\n"), "{text}");
        assert!(text.ends_with("\r\nLocation: http://127.0.0.1:1/login\r\n\r\n"), "{text}");
    }

    #[test]
    fn the_login_page_has_its_title_and_a_form() {
        let page = login_page();
        assert!(page.contains("<title>Free Wi-Fi ログイン</title>") && page.contains("<form"));
    }
}
