//! Windows: browsers find a host's manifest through a registry key whose default value is the
//! manifest's path (HKCU for the user, HKLM for every user). Keys as listed in `paths.rs`.

use std::io;
use std::path::Path;

use winreg::RegKey;
use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE};

use super::paths::Scope;

fn hive(scope: Scope) -> RegKey {
    RegKey::predef(match scope {
        Scope::User => HKEY_CURRENT_USER,
        Scope::System => HKEY_LOCAL_MACHINE,
    })
}

/// Points `key` at `manifest`.
pub fn register(scope: Scope, key: &str, manifest: &Path) -> io::Result<()> {
    let (created, _) = hive(scope).create_subkey(key)?;
    created.set_value("", &manifest.as_os_str())
}

/// Deletes `key` when it points at `manifest` (a key pointing elsewhere is not ours to delete);
/// true when it was deleted.
pub fn unregister(scope: Scope, key: &str, manifest: &Path) -> io::Result<bool> {
    let points_here = match hive(scope).open_subkey(key) {
        Ok(existing) => {
            existing.get_value::<std::ffi::OsString, _>("").is_ok_and(|value| Path::new(&value) == manifest)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if points_here {
        hive(scope).delete_subkey(key)?;
    }
    Ok(points_here)
}
