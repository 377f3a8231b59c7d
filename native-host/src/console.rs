//! What every command of the command line shares (`cli.rs`, `install`, `mail::cli`, and the
//! native host's exit): the exit codes, the environment's language, the policy files with
//! their warnings, the CA file, the terminal's width. A module of its own so that the commands
//! depend on it and not on each other.

use tls_doctor_core::explain::{self, Lang, Notice};

use crate::trust::Store;

/// Exit status: 0 healthy, 1 problems found, 2 could not diagnose (bad input, internal error).
pub const EXIT_HEALTHY: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_CANNOT_DIAGNOSE: u8 = 2;

/// The policy files in force, with a warning on stderr for each key ignored.
pub fn load_policy(path: Option<&std::path::Path>, lang: Lang) -> crate::policy::Loaded {
    let loaded = crate::policy::Loaded::load(path);
    for file in &loaded.files {
        for key in &file.ignored {
            eprintln!("tls-doctor: {}", explain::policy::ignored_warning(file, key, lang));
        }
    }
    loaded
}

/// The language of the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (POSIX order).
pub fn env_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .map_or(Lang::En, |v| Lang::from_locale(&v))
}

/// The trust anchors of a `--ca-file` (PEM); a notice when the file cannot be read or holds none.
pub fn read_ca_file(path: &std::path::Path) -> Result<Store, Notice> {
    let shown = path.display().to_string();
    let pem =
        std::fs::read(path).map_err(|e| Notice::CaFileUnreadable { path: shown.clone(), error: e.to_string() })?;
    let store = Store::custom_from_pem(&pem).map_err(|e| Notice::CaFileUnreadable { path: shown.clone(), error: e })?;
    if store.anchors.is_empty() {
        return Err(Notice::CaFileEmpty { path: shown });
    }
    Ok(store)
}

/// `COLUMNS` when it is set and sane, else 80; never wider than 100, which reads poorly.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|c| (40..=400).contains(c))
        .unwrap_or(80)
        .min(100)
}
