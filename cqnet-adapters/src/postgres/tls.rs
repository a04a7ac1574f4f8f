//! TLS to the server: the `sslmode` levels as libpq reads them, and the rustls connector that
//! enforces each (on the `ring` provider).

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use cqnet_core::InputError;
use cqnet_store::StoreError;
use cqnet_store::UnavailableKind;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How much TLS a connection demands, as libpq's `sslmode` says it.
///
/// | mode | encrypted | certificate chain checked | host name checked |
/// | --- | --- | --- | --- |
/// | `disable` | never | — | — |
/// | `prefer` | when the server offers TLS, else plain text | only when root certificates are given | no |
/// | `require` | always | only when root certificates are given | no |
/// | `verify-ca` | always | always | no |
/// | `verify-full` | always | always | always |
///
/// # Example
/// ```
/// use cqnet_adapters::postgres::PgSslMode;
/// let mode: PgSslMode = "verify-full".parse()?;
/// assert_eq!(mode, PgSslMode::VerifyFull);
/// assert_eq!(mode.to_string(), "verify-full");
/// assert!("allow-anything".parse::<PgSslMode>().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PgSslMode {
    /// Plain text only.
    Disable,
    /// TLS when the server offers it, plain text when it does not.
    Prefer,
    /// TLS always; the certificate is checked only against root certificates that were given.
    Require,
    /// TLS always, with a certificate chain to a trusted root; any host name.
    VerifyCa,
    /// TLS always, with a certificate chain to a trusted root, issued for the host connected to.
    VerifyFull,
}

impl PgSslMode {
    /// Every mode, weakest first.
    ///
    /// # Example
    /// ```
    /// use cqnet_adapters::postgres::PgSslMode;
    /// assert_eq!(PgSslMode::ALL.first(), Some(&PgSslMode::Disable));
    /// assert_eq!(PgSslMode::ALL.last(), Some(&PgSslMode::VerifyFull));
    /// ```
    pub const ALL: [PgSslMode; 5] = [
        PgSslMode::Disable,
        PgSslMode::Prefer,
        PgSslMode::Require,
        PgSslMode::VerifyCa,
        PgSslMode::VerifyFull,
    ];

    /// The name libpq gives the mode (`verify-full`, …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(cqnet_adapters::postgres::PgSslMode::VerifyCa.as_str(), "verify-ca");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            PgSslMode::Disable => "disable",
            PgSslMode::Prefer => "prefer",
            PgSslMode::Require => "require",
            PgSslMode::VerifyCa => "verify-ca",
            PgSslMode::VerifyFull => "verify-full",
        }
    }

    /// The driver's mode: it knows whether to ask for TLS, not how to check it.
    pub(crate) fn driver_mode(self) -> tokio_postgres::config::SslMode {
        use tokio_postgres::config::SslMode;
        match self {
            PgSslMode::Disable => SslMode::Disable,
            PgSslMode::Prefer => SslMode::Prefer,
            PgSslMode::Require | PgSslMode::VerifyCa | PgSslMode::VerifyFull => SslMode::Require,
        }
    }
}

impl fmt::Display for PgSslMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PgSslMode {
    type Err = InputError;

    /// Reads libpq's names. `allow` is refused: it would take plain text first even from a
    /// server that offers TLS.
    fn from_str(s: &str) -> Result<Self, InputError> {
        PgSslMode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| InputError::Malformed {
                what: "PostgreSQL sslmode",
                value: s.chars().take(32).collect(),
                expected: "disable, prefer, require, verify-ca or verify-full",
            })
    }
}

/// Where trusted root certificates come from.
#[derive(Clone)]
pub(crate) enum Roots {
    /// The operating system's store, read when a store first needs it.
    System,
    /// Certificates the host gave (a PEM file or bytes), already parsed.
    Given(Arc<[CertificateDer<'static>]>),
}

/// Reads every certificate of a PEM text.
///
/// # Errors
/// [`InputError::Malformed`] for text that is not PEM, [`InputError::Empty`] for PEM without
/// a certificate.
pub(crate) fn parse_pem_certificates(
    pem: &[u8],
) -> Result<Vec<CertificateDer<'static>>, InputError> {
    use rustls::pki_types::pem::PemObject;
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| InputError::Malformed {
            what: "PEM root certificates",
            value: "(PEM text)".into(),
            expected: "one or more -----BEGIN CERTIFICATE----- blocks",
        })?;
    if certs.is_empty() {
        return Err(InputError::Empty {
            what: "PEM root certificates",
        });
    }
    Ok(certs)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_unavailable(why: impl fmt::Display) -> StoreError {
    StoreError::unavailable(UnavailableKind::Tls, format!("postgres TLS: {why}"))
}

/// The operating system's roots, read once per process.
fn system_roots() -> Result<Arc<RootCertStore>, StoreError> {
    static ROOTS: OnceLock<Result<Arc<RootCertStore>, String>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let found = rustls_native_certs::load_native_certs();
            let mut store = RootCertStore::empty();
            let (_, _) = store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                Err(
                    "no trusted root certificates found on this system; give a CA (sslrootcert)"
                        .into(),
                )
            } else {
                Ok(Arc::new(store))
            }
        })
        .clone()
        .map_err(tls_unavailable)
}

fn root_store(roots: &Roots) -> Result<Arc<RootCertStore>, StoreError> {
    match roots {
        Roots::System => system_roots(),
        Roots::Given(certs) => {
            let mut store = RootCertStore::empty();
            for cert in certs.iter() {
                store
                    .add(cert.clone())
                    .map_err(|e| tls_unavailable(format!("a given root certificate: {e}")))?;
            }
            Ok(Arc::new(store))
        }
    }
}

/// The connector for `mode` with `roots`: what it checks follows the table of [`PgSslMode`].
///
/// # Errors
/// [`StoreError::Unavailable`] naming TLS when the roots cannot be had.
pub(crate) fn connector(mode: PgSslMode, roots: &Roots) -> Result<MakeRustlsConnect, StoreError> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(tls_unavailable)?;
    let given = matches!(roots, Roots::Given(_));
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        // `disable` never starts a handshake; the verifier is never asked.
        PgSslMode::Disable | PgSslMode::Prefer | PgSslMode::Require if !given => {
            Arc::new(EncryptionOnly { provider })
        }
        PgSslMode::VerifyFull => webpki(roots, &provider)?,
        _ => Arc::new(ChainOnly {
            chain: webpki(roots, &provider)?,
        }),
    };
    let config = builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

fn webpki(
    roots: &Roots,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, StoreError> {
    WebPkiServerVerifier::builder_with_provider(root_store(roots)?, Arc::clone(provider))
        .build()
        .map_err(tls_unavailable)
}

/// `prefer` and `require` without roots, as libpq: the link is encrypted and the handshake's
/// signatures are checked, the certificate is not.
#[derive(Debug)]
struct EncryptionOnly {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for EncryptionOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// `verify-ca` (and `prefer`/`require` with given roots): the chain must lead to a trusted
/// root, the name on the certificate may be any. The chain is checked before the name, so a
/// name mismatch means the chain held.
#[derive(Debug)]
struct ChainOnly {
    chain: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.chain.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chain.supported_verify_schemes()
    }
}

/// Whether a driver error is a failed TLS negotiation (the driver's own wording), which no
/// retry within the pool's timeout would mend.
pub(crate) fn is_tls_failure(e: &tokio_postgres::Error) -> bool {
    e.to_string().starts_with("error performing TLS handshake")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_reads_back_from_its_name() {
        for mode in PgSslMode::ALL {
            assert_eq!(mode.as_str().parse::<PgSslMode>(), Ok(mode));
        }
        for bad in ["", "allow", "VERIFY-FULL", "verify_full", "true"] {
            assert!(
                matches!(bad.parse::<PgSslMode>(), Err(InputError::Malformed { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn only_verifying_modes_ask_the_driver_for_tls_always() {
        use tokio_postgres::config::SslMode;
        assert_eq!(PgSslMode::Disable.driver_mode(), SslMode::Disable);
        assert_eq!(PgSslMode::Prefer.driver_mode(), SslMode::Prefer);
        for m in [
            PgSslMode::Require,
            PgSslMode::VerifyCa,
            PgSslMode::VerifyFull,
        ] {
            assert_eq!(m.driver_mode(), SslMode::Require);
        }
    }

    #[test]
    fn pem_without_a_certificate_is_refused() {
        assert!(matches!(
            parse_pem_certificates(b"just text"),
            Err(InputError::Empty { .. })
        ));
        let broken = b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        assert!(parse_pem_certificates(broken).is_err());
    }
}
