use std::fmt;

/// Why the lab could not start (or run) something. Carries a sentence for the person running
/// the tests; the lab never needs to match on the cause.
#[derive(Debug)]
pub struct LabError(String);

impl LabError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }

    /// The same error with what was being done in front of it.
    pub fn context(self, doing: impl fmt::Display) -> Self {
        Self(format!("{doing}: {}", self.0))
    }
}

impl fmt::Display for LabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LabError {}

impl From<std::io::Error> for LabError {
    fn from(e: std::io::Error) -> Self {
        Self(e.to_string())
    }
}

impl From<rcgen::Error> for LabError {
    fn from(e: rcgen::Error) -> Self {
        Self(format!("certificate generation failed: {e}"))
    }
}

impl From<rustls::Error> for LabError {
    fn from(e: rustls::Error) -> Self {
        Self(format!("TLS configuration failed: {e}"))
    }
}

impl From<serde_json::Error> for LabError {
    fn from(e: serde_json::Error) -> Self {
        Self(format!("JSON: {e}"))
    }
}
