//! What the fuzz targets share: cutting an input into pieces, and the certificates and keys the
//! revocation targets judge answers against (see [`revocation`]). The seed writer
//! (`src/bin/seeds.rs`) uses the same code, so seeds and targets read inputs alike.

pub mod revocation;

/// 2026-01-01T00:00:00Z: the fixed "now" of every target, so that a crash reproduces.
pub const NOW: u64 = 1_767_225_600;

/// Up to `n` pieces, each a big-endian u16 length and that many bytes (fewer at the end of the
/// input), then whatever is left.
pub fn pieces(mut data: &[u8], n: usize) -> (Vec<&[u8]>, &[u8]) {
    let mut out = Vec::new();
    while out.len() < n && data.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
        let end = (2 + len).min(data.len());
        out.push(&data[2..end]);
        data = &data[end..];
    }
    (out, data)
}

/// The inverse of [`pieces`], for seeds: each piece with its u16 length, then `rest`.
pub fn join(pieces: &[&[u8]], rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in pieces {
        let len = u16::try_from(piece.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&piece[..usize::from(len)]);
    }
    out.extend_from_slice(rest);
    out
}

/// One DER element: `tag`, its definite length, `content`.
pub use tls_doctor_core::test_support::tlv;

/// The first DER element of `der` (header included) and what follows it; `None` if it does not
/// fit. Short and long definite lengths only.
pub fn element(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let first = *der.get(1)?;
    let (header, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        let bytes = der.get(2..2 + n).filter(|_| (1..=4).contains(&n))?;
        (2 + n, bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b)))
    };
    let end = header.checked_add(len)?;
    Some((der.get(..end)?, der.get(end..)?))
}

/// The content of the DER element at the start of `der`.
pub fn content(der: &[u8]) -> Option<&[u8]> {
    let (whole, _) = element(der)?;
    let header = if whole[1] < 0x80 { 2 } else { 2 + usize::from(whole[1] & 0x7f) };
    whole.get(header..)
}
