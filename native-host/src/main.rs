//! `tls-doctor`: see `tls_doctor_host::cli`.

fn main() -> std::process::ExitCode {
    tls_doctor_host::cli::main()
}
