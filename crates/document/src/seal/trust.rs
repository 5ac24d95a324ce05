//! Which certificates a seal must be made with: the centre's own (current
//! and retired, from its database) or the one a court or a party was
//! handed as a PEM file. Certificates are named by the SHA-256 of their
//! DER (the fingerprint the settings show, the CLI prints and the page
//! carries in short).

use der::{Decode, Encode, EncodePem};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::SealError;
use super::keys::common_name;

/// At most this many certificates are read from one PEM file.
const MAX_PEM_CERTIFICATES: usize = 256;

/// The certificates a seal is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedCertificates {
    certs: Vec<Trusted>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Trusted {
    fingerprint: [u8; 32],
    common_name: Option<String>,
}

impl TrustedCertificates {
    /// DER certificates (as the database stores them).
    pub fn from_der<I, B>(certificates: I) -> Result<Self, SealError>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let certs = certificates
            .into_iter()
            .map(|der| {
                let cert = Certificate::from_der(der.as_ref()).map_err(SealError::certificate)?;
                Ok(Trusted {
                    fingerprint: fingerprint_of(&cert)?,
                    common_name: common_name(&cert.tbs_certificate.subject),
                })
            })
            .collect::<Result<_, SealError>>()?;
        Ok(Self { certs })
    }

    /// Every certificate in a PEM file (`-----BEGIN CERTIFICATE-----`
    /// blocks), or the one certificate of a DER file.
    pub fn from_pem(file: &[u8]) -> Result<Self, SealError> {
        Self::from_der(certificates_from_pem(file)?)
    }

    pub fn len(&self) -> usize {
        self.certs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    /// Whether the certificate is one of these.
    pub(super) fn contains(&self, cert: &Certificate) -> Result<bool, SealError> {
        let fingerprint = fingerprint_of(cert)?;
        Ok(self.certs.iter().any(|c| c.fingerprint == fingerprint))
    }

    /// Whether one of these certificates carries this common name (a
    /// certificate that is not one of them but has their name is made to
    /// look like them).
    pub(super) fn has_name(&self, name: &str) -> bool {
        self.certs
            .iter()
            .any(|c| c.common_name.as_deref() == Some(name))
    }
}

fn fingerprint_of(cert: &Certificate) -> Result<[u8; 32], SealError> {
    let der = cert.to_der().map_err(SealError::certificate)?;
    Ok(Sha256::digest(der).into())
}

/// The certificate's SHA-256 fingerprint, 64 lower-case hex digits.
pub fn certificate_fingerprint(cert_der: &[u8]) -> String {
    hex_lower(&Sha256::digest(cert_der))
}

/// A fingerprint in groups of eight upper-case hex digits, as the
/// settings show it: `3F2A91C0 7D44E01B …`.
pub fn fingerprint_groups(fingerprint_hex: &str) -> String {
    fingerprint_hex
        .to_ascii_uppercase()
        .as_bytes()
        .chunks(8)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first 16 hex digits of the certificate's fingerprint in two groups
/// (`3F2A91C0 7D44E01B`): what the printed page carries beside the QR
/// code, for a clerk to compare with the published certificate.
pub fn short_fingerprint(cert_der: &[u8]) -> String {
    let full = certificate_fingerprint(cert_der);
    fingerprint_groups(full.get(..16).unwrap_or(&full))
}

/// The certificate as PEM text (`-----BEGIN CERTIFICATE-----`).
pub fn certificate_pem(cert_der: &[u8]) -> Result<String, SealError> {
    Certificate::from_der(cert_der)
        .and_then(|cert| cert.to_pem(der::pem::LineEnding::LF))
        .map_err(SealError::certificate)
}

/// The DER of every certificate in a PEM file, or of a DER file's one
/// certificate; a file with none is an error.
pub fn certificates_from_pem(file: &[u8]) -> Result<Vec<Vec<u8>>, SealError> {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    if super::scan::find(file, BEGIN).is_none() {
        // Not PEM: a DER certificate, or nothing usable.
        let cert = Certificate::from_der(file).map_err(|_| SealError::NoTrustedCertificate)?;
        return Ok(vec![cert.to_der().map_err(SealError::certificate)?]);
    }
    let mut out = Vec::new();
    let mut rest = file;
    while let Some(begin) = super::scan::find(rest, BEGIN) {
        let block = rest.get(begin..).unwrap_or_default();
        let end = super::scan::find(block, END)
            .map(|e| e + END.len())
            .ok_or_else(|| SealError::certificate("PEM block without its END line"))?;
        let pem = block.get(..end).unwrap_or_default();
        let cert =
            <Certificate as der::DecodePem>::from_pem(pem).map_err(SealError::certificate)?;
        out.push(cert.to_der().map_err(SealError::certificate)?);
        if out.len() > MAX_PEM_CERTIFICATES {
            return Err(SealError::certificate("too many certificates in one file"));
        }
        rest = block.get(end..).unwrap_or_default();
    }
    Ok(out)
}

pub(super) fn hex_lower(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(H[usize::from(b >> 4)]));
        s.push(char::from(H[usize::from(b & 15)]));
    }
    s
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::self_signed;
    use super::*;

    #[test]
    fn pem_round_trips_and_names_the_certificate() {
        let (_, a) = self_signed("青山区人民调解委员会", "Accord");
        let (_, b) = self_signed("Other", "Accord");
        let pem = format!(
            "{}\n{}",
            certificate_pem(&a).unwrap(),
            certificate_pem(&b).unwrap()
        );
        assert_eq!(
            certificates_from_pem(pem.as_bytes()).unwrap(),
            vec![a.clone(), b.clone()]
        );
        assert_eq!(certificates_from_pem(&a).unwrap(), vec![a.clone()]);
        assert_eq!(
            certificates_from_pem(b""),
            Err(SealError::NoTrustedCertificate)
        );
        assert_eq!(
            certificates_from_pem(b"hello"),
            Err(SealError::NoTrustedCertificate)
        );
        let trusted = TrustedCertificates::from_pem(pem.as_bytes()).unwrap();
        assert_eq!(trusted.len(), 2);
        assert!(trusted.has_name("青山区人民调解委员会"));
        assert!(
            trusted
                .contains(&Certificate::from_der(&a).unwrap())
                .unwrap()
        );

        let full = certificate_fingerprint(&a);
        assert_eq!(full.len(), 64);
        let short = short_fingerprint(&a);
        assert_eq!(short.len(), 17);
        assert_eq!(short.replace(' ', ""), full[..16].to_ascii_uppercase());
        assert_eq!(fingerprint_groups("0123456789abcdef"), "01234567 89ABCDEF");
    }
}
