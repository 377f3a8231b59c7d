//! What the catalog's prose tests share: the committed snapshot of a rendering, compared, or
//! rewritten with `UPDATE_SNAPSHOTS=1` (then review the diff).

#![allow(clippy::panic, clippy::disallowed_methods)] // test code; tests may read the environment

use std::path::PathBuf;

use tls_doctor_core::explain::Lang;

/// `tests/snapshots/NAME.LANG.txt`.
pub fn snapshot_path(name: &str, lang: Lang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/snapshots/{name}.{}.txt", lang.code()))
}

/// Compares `rendered` with the committed snapshot `name` in `lang` and names the first line
/// that differs; with `UPDATE_SNAPSHOTS` set, writes it instead.
pub fn check_snapshot(name: &str, lang: Lang, rendered: &str) {
    let path = snapshot_path(name, lang);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(&path, rendered).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1", path.display()));
    if committed != rendered {
        let first = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs at line {}:\n  committed: {:?}\n  now:       {:?}\nRun with UPDATE_SNAPSHOTS=1 and review the diff.",
            path.display(),
            first + 1,
            committed.lines().nth(first),
            rendered.lines().nth(first)
        );
    }
}
