//! The lab's CA web server: hands out the intermediate at the `caIssuers` URL the leaves name
//! (RFC 5280 §4.2.2.1), in DER as `application/pkix-cert` (RFC 2585 §4.1), and the
//! intermediate's CRL at the CRL distribution point they name (RFC 5280 §4.2.1.13), in DER as
//! `application/pkix-crl` (RFC 2585 §4.2).

use std::sync::Arc;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::runtime::Handle;

use super::http;

pub const INTERMEDIATE_PATH: &str = "/intermediate.der";
pub const CRL_PATH: &str = "/intermediate.crl";

/// Serves `intermediate` (DER) at [`INTERMEDIATE_PATH`] and `crl` (DER) at [`CRL_PATH`] on
/// `listener`; anything else is 404. The listener is bound first because the leaves must carry
/// its URLs before they are signed.
pub(crate) fn serve(handle: &Handle, listener: TcpListener, intermediate: &[u8], crl: &[u8]) {
    let intermediate: Arc<[u8]> = intermediate.into();
    let crl: Arc<[u8]> = crl.into();
    super::serve(handle, listener, move |mut stream| {
        let intermediate = Arc::clone(&intermediate);
        let crl = Arc::clone(&crl);
        async move {
            let Some(head) = http::read_request_head(&mut stream).await else { return };
            let answer = match http::request_target(&head) {
                Some(INTERMEDIATE_PATH) => http::response("200 OK", "application/pkix-cert", &intermediate),
                Some(CRL_PATH) => http::response("200 OK", "application/pkix-crl", &crl),
                _ => http::response("404 Not Found", "text/plain", b"not here\n"),
            };
            let _ = stream.write_all(&answer).await;
            let _ = stream.shutdown().await;
        }
    });
}

/// The URL the leaves carry for a server on `port`.
pub fn url(port: u16) -> String {
    format!("http://127.0.0.1:{port}{INTERMEDIATE_PATH}")
}

/// The CRL distribution point the leaves carry for a server on `port`.
pub fn crl_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}{CRL_PATH}")
}
