//! The native-messaging host manifest: what it says, and how to tell ours from a file we did
//! not write. Fields as Chrome's and Firefox's docs define them (see `paths.rs` for the URLs):
//! `name`, `description`, `path` (absolute on Linux and macOS), `type` (`"stdio"`), then
//! `allowed_origins` (Chromium: `chrome-extension://ID/`, no wildcards) or
//! `allowed_extensions` (Firefox: add-on ids).

use serde::{Deserialize, Serialize};

use super::paths::Flavour;

/// The name extensions pass to `runtime.connectNative`; also the file name, without `.json`.
pub const HOST_NAME: &str = "jp.tlsdoctor.host";
pub const DESCRIPTION: &str = "TLS Doctor native host";
/// Every extension that may start the host: `manifest/extension-ids.json`, the one list that
/// `install`, the templates and the packages share (store ids are added there).
pub const EXTENSION_IDS_JSON: &str = include_str!("../../../manifest/extension-ids.json");

/// A manifest is a few hundred bytes; anything at our file name larger than this is not one of
/// ours, and is not read whole.
pub const READ_LIMIT: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostManifest {
    pub name: String,
    pub description: String,
    pub path: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_origins: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_extensions: Option<Vec<String>>,
}

/// Which extensions may start the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowed {
    /// Chromium extension ids (32 letters a–p).
    pub chrome: Vec<String>,
    /// Firefox add-on ids.
    pub firefox: Vec<String>,
}

/// `manifest/extension-ids.json`: `{"chrome": [{"id": …, "what": …}], "firefox": [...]}`.
#[derive(Deserialize)]
struct IdList {
    chrome: Vec<IdEntry>,
    firefox: Vec<IdEntry>,
}

#[derive(Deserialize)]
struct IdEntry {
    id: String,
}

impl Default for Allowed {
    /// The ids of `manifest/extension-ids.json`. The file is compiled in; a test parses it, so
    /// the empty lists of a file that does not parse never reach a release.
    fn default() -> Self {
        let ids = |entries: Vec<IdEntry>| entries.into_iter().map(|e| e.id).collect();
        match serde_json::from_str::<IdList>(EXTENSION_IDS_JSON) {
            Ok(list) => Allowed { chrome: ids(list.chrome), firefox: ids(list.firefox) },
            Err(_) => Allowed { chrome: Vec::new(), firefox: Vec::new() },
        }
    }
}

impl Allowed {
    /// The defaults, each flavour's list replaced by the ids given for it.
    pub fn with(ids: &[ExtensionId]) -> Allowed {
        let mut allowed = Allowed::default();
        let chrome: Vec<String> = ids.iter().filter_map(ExtensionId::chrome).map(str::to_owned).collect();
        let firefox: Vec<String> = ids.iter().filter_map(ExtensionId::firefox).map(str::to_owned).collect();
        if !chrome.is_empty() {
            allowed.chrome = dedup(chrome);
        }
        if !firefox.is_empty() {
            allowed.firefox = dedup(firefox);
        }
        allowed
    }
}

fn dedup(mut ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
}

pub fn build(flavour: Flavour, path: &str, allowed: &Allowed) -> HostManifest {
    let (allowed_origins, allowed_extensions) = match flavour {
        Flavour::Chrome => (Some(allowed.chrome.iter().map(|id| format!("chrome-extension://{id}/")).collect()), None),
        Flavour::Firefox => (None, Some(allowed.firefox.clone())),
    };
    HostManifest {
        name: HOST_NAME.into(),
        description: DESCRIPTION.into(),
        path: path.into(),
        kind: "stdio".into(),
        allowed_origins,
        allowed_extensions,
    }
}

/// The file's text: pretty JSON with a final newline, so that an admin can read and diff it.
pub fn render(manifest: &HostManifest) -> String {
    serde_json::to_string_pretty(manifest).map_or_else(|_| String::new(), |json| json + "\n")
}

/// An extension id given with `--extension-id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionId {
    Chrome(String),
    Firefox(String),
}

impl ExtensionId {
    /// A Chromium id (32 letters a–p, also accepted as `chrome-extension://ID/`), or a Firefox
    /// id: `name@domain` or a `{GUID}` (MDN, `browser_specific_settings`).
    pub fn parse(text: &str) -> Option<ExtensionId> {
        let bare = text.strip_prefix("chrome-extension://").map_or(text, |rest| rest.strip_suffix('/').unwrap_or(rest));
        if bare.len() == 32 && bare.bytes().all(|b| (b'a'..=b'p').contains(&b)) {
            return Some(ExtensionId::Chrome(bare.to_owned()));
        }
        if text.starts_with("chrome-extension://") {
            return None;
        }
        // MDN: `^[a-zA-Z0-9-._]*@[a-zA-Z0-9-._]+$`.
        let id_char = |c: char| c.is_ascii_alphanumeric() || "-._".contains(c);
        let email_like = text.split_once('@').is_some_and(|(local, domain)| {
            local.chars().all(id_char) && !domain.is_empty() && domain.chars().all(id_char) && !domain.contains('@')
        });
        let guid = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')).is_some_and(|g| {
            let groups: Vec<&str> = g.split('-').collect();
            groups.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
                && groups.iter().all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
        });
        (email_like || guid).then(|| ExtensionId::Firefox(text.to_owned()))
    }

    fn chrome(&self) -> Option<&str> {
        match self {
            ExtensionId::Chrome(id) => Some(id),
            ExtensionId::Firefox(_) => None,
        }
    }

    fn firefox(&self) -> Option<&str> {
        match self {
            ExtensionId::Firefox(id) => Some(id),
            ExtensionId::Chrome(_) => None,
        }
    }
}

/// What a file already at our file name holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Existing {
    /// A manifest for `jp.tlsdoctor.host`: ours to replace or remove.
    Ours,
    /// A manifest (a JSON object) for another host, or with no name.
    Foreign { name: String },
    /// Not a JSON object at all.
    Malformed { detail: String },
}

pub fn classify(bytes: &[u8]) -> Existing {
    if bytes.len() > READ_LIMIT {
        return Existing::Malformed { detail: format!("larger than {READ_LIMIT} bytes") };
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(object)) => match object.get("name").and_then(serde_json::Value::as_str) {
            Some(HOST_NAME) => Existing::Ours,
            Some(name) => Existing::Foreign { name: name.to_owned() },
            None => Existing::Foreign { name: String::new() },
        },
        Ok(_) => Existing::Malformed { detail: "not a JSON object".into() },
        Err(e) => Existing::Malformed { detail: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_two_flavours_differ_only_in_who_is_allowed() {
        let chrome = render(&build(Flavour::Chrome, "/usr/bin/tls-doctor", &Allowed::default()));
        assert_eq!(
            chrome,
            r#"{
  "name": "jp.tlsdoctor.host",
  "description": "TLS Doctor native host",
  "path": "/usr/bin/tls-doctor",
  "type": "stdio",
  "allowed_origins": [
    "chrome-extension://meadljheakdpnddalampfeoggjanlhca/"
  ]
}
"#
        );
        let firefox = build(Flavour::Firefox, "/usr/bin/tls-doctor", &Allowed::default());
        assert_eq!(firefox.allowed_extensions, Some(vec!["tls-doctor@tlsdoctor.jp".to_owned()]));
        assert_eq!(firefox.allowed_origins, None);
        assert!(!render(&firefox).contains("allowed_origins"));
    }

    #[test]
    fn extension_ids_are_sorted_by_browser_and_replace_the_defaults() {
        let a = "abcdefghijklmnopabcdefghijklmnop";
        assert_eq!(ExtensionId::parse(a), Some(ExtensionId::Chrome(a.into())));
        assert_eq!(ExtensionId::parse(&format!("chrome-extension://{a}/")), Some(ExtensionId::Chrome(a.into())));
        assert_eq!(ExtensionId::parse("x@example.jp"), Some(ExtensionId::Firefox("x@example.jp".into())));
        let guid = "{9a3c2f10-1b2c-4d5e-8f90-a1b2c3d4e5f6}";
        assert_eq!(ExtensionId::parse(guid), Some(ExtensionId::Firefox(guid.into())));
        for bad in [
            "",
            "short",
            "abcdefghijklmnopabcdefghijklmnoq",
            "chrome-extension://x@y/",
            "a@b@c",
            "a b@c",
            "{1234}",
            "@",
        ] {
            assert_eq!(ExtensionId::parse(bad), None, "{bad:?}");
        }
        let ids = [ExtensionId::Chrome(a.into()), ExtensionId::Chrome(a.into())];
        assert_eq!(Allowed::with(&ids), Allowed { chrome: vec![a.into()], firefox: Allowed::default().firefox });
        let ids = [ExtensionId::Firefox("x@example.jp".into())];
        assert_eq!(
            Allowed::with(&ids),
            Allowed { chrome: Allowed::default().chrome, firefox: vec!["x@example.jp".into()] }
        );
    }

    #[test]
    fn the_id_list_parses_and_every_id_is_well_formed() {
        let list: IdList = serde_json::from_str(EXTENSION_IDS_JSON).unwrap();
        let allowed = Allowed::default();
        assert_eq!(allowed.chrome.len(), list.chrome.len());
        assert!(allowed.chrome.contains(&"meadljheakdpnddalampfeoggjanlhca".to_owned()));
        assert_eq!(allowed.firefox, ["tls-doctor@tlsdoctor.jp"]);
        for id in &allowed.chrome {
            assert_eq!(ExtensionId::parse(id), Some(ExtensionId::Chrome(id.clone())), "{id}");
        }
        for id in &allowed.firefox {
            assert_eq!(ExtensionId::parse(id), Some(ExtensionId::Firefox(id.clone())), "{id}");
        }
        assert_eq!(Allowed::with(&[]), allowed);
    }

    #[test]
    fn only_a_manifest_named_ours_is_ours() {
        let ours = render(&build(Flavour::Firefox, "/x", &Allowed::default()));
        assert_eq!(classify(ours.as_bytes()), Existing::Ours);
        assert_eq!(classify(br#"{"name":"com.other.host"}"#), Existing::Foreign { name: "com.other.host".into() });
        assert_eq!(classify(br#"{"path":"/x"}"#), Existing::Foreign { name: String::new() });
        assert!(matches!(classify(b"[\"jp.tlsdoctor.host\"]"), Existing::Malformed { .. }));
        assert!(matches!(classify(b"{\"name\": \"jp.tlsdoctor.host\""), Existing::Malformed { .. }));
        assert!(matches!(classify(&[0xff, 0x00]), Existing::Malformed { .. }));
        let padded = format!("{}{}", ours, " ".repeat(READ_LIMIT));
        assert!(matches!(classify(padded.as_bytes()), Existing::Malformed { .. }));
    }
}
