//! Reads a diagnosis (`tls-doctor check --json`) on stdin and prints its explanation as JSON:
//! `cargo run -p tls-doctor-core --example explain -- ja < diagnosis.json`. Used to produce
//! the examples in docs/WIRE.md.

use std::io::Read;

use tls_doctor_core::wire::Diagnosis;
use tls_doctor_core::{FixedOffset, Lang, explain};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lang = match std::env::args().nth(1).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    };
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let diagnosis: Diagnosis = serde_json::from_str(&input)?;
    let explanation = explain(&diagnosis, lang, &FixedOffset(9 * 60));
    println!("{}", serde_json::to_string_pretty(&explanation)?);
    Ok(())
}
