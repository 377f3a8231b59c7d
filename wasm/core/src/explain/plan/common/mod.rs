//! Phrases any finding's plan may use: risk lines, steps every user may need, the device
//! menus for the date and time. One phrasing each, so the same advice reads the same in every
//! card (see `docs/GLOSSARY.md`).

pub(crate) mod en;
pub(crate) mod ja;

/// A device whose menus the user may need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Device {
    Windows11,
    Macos,
    /// iPhone and iPad.
    Ios,
    Android,
}

impl Device {
    pub(crate) const ALL: [Device; 4] = [Device::Windows11, Device::Macos, Device::Ios, Device::Android];
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Say {
    /// Risk: nothing was sent yet.
    NothingSentYet,
    /// Do not type passwords or card numbers on this page.
    DontEnterSecrets,
    /// The browser offers a way past this warning: do not take it. Only where it does.
    DontGoPast,
    /// The organisation forbids going past the warning: ask its help desk.
    NoGoingPastByRule,
    /// Tell the site's (or service's) administrator.
    ContactSiteAdmin,
    /// Nothing on this device can fix it.
    NothingToFixOnDevice,
    TryAgainLater,
    /// Try another network (a phone's tethering) to tell the network from the server.
    TryAnotherNetwork,
    /// Set the device's date, time and time zone automatically (the first step).
    SetDeviceClock,
    /// Where that setting is on one device.
    DeviceClockMenu(Device),
    /// Restart the browser.
    RestartBrowser,
    /// Mail: if the app offers to go on without encryption, say no.
    NoPlainMail,
    /// Mail: the usual port and encryption pairs.
    MailPorts,
    /// Mail: port 25 is for servers; use 587 or 465 to send.
    Port25,
    /// Postfix: the certificate with its intermediates (`smtpd_tls_chain_files`), for the host.
    PostfixChainFiles,
    PostfixReload,
    /// Dovecot: the certificate with its intermediates (`ssl_cert = <…`), for the host.
    DovecotCertFiles,
    DovecotReload,
    /// Firefox 120 and later trust the OS's roots on Windows, macOS and Android; Linux needs
    /// the policy.
    FirefoxOsRoots,
}
