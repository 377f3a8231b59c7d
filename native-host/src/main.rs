//! `tls-doctor`: the browser's native-messaging host when a browser starts it (see
//! `tls_doctor_host::native`), else the command line (`tls_doctor_host::cli`).

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if tls_doctor_host::native::invocation(&args).is_some() {
        return tls_doctor_host::native::run();
    }
    tls_doctor_host::cli::main()
}
