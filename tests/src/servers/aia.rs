//! The lab's CA web server: hands out the intermediate at the `caIssuers` URL the leaves name
//! (RFC 5280 §4.2.2.1), in DER as `application/pkix-cert` (RFC 2585 §4.1).

use std::sync::Arc;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio::runtime::Handle;

use super::http;

pub const INTERMEDIATE_PATH: &str = "/intermediate.der";

/// Serves `intermediate` (DER) at [`INTERMEDIATE_PATH`] on `listener`; anything else is 404.
/// The listener is bound first because the leaves must carry its URL before they are signed.
pub(crate) fn serve(handle: &Handle, listener: TcpListener, intermediate: &[u8]) {
    let intermediate: Arc<[u8]> = intermediate.into();
    super::serve(handle, listener, move |mut stream| {
        let intermediate = Arc::clone(&intermediate);
        async move {
            let Some(head) = http::read_request_head(&mut stream).await else { return };
            let answer = match http::request_target(&head) {
                Some(INTERMEDIATE_PATH) => http::response("200 OK", "application/pkix-cert", &intermediate),
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
