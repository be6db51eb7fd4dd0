"""RSA key pairs with self-signed certificates, kept as PEM files in a folder."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from sccshell.sandbox.identity.jws import b64url_encode


@dataclass(frozen=True)
class KeyPair:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    cert_path: Path | None = None  # None for a pair that lives in memory only
    key_path: Path | None = None

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        return self.key.public_key()

    @property
    def sha1_thumbprint(self) -> str:
        """Upper-case hex, as Windows and the Entra portal show it."""
        return self.certificate.fingerprint(hashes.SHA1()).hex().upper()

    @property
    def sha256_thumbprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex().upper()

    @property
    def x5t(self) -> str:
        """The JWS x5t header value: base64url of the SHA-1 thumbprint (RFC 7515 §4.1.7)."""
        return b64url_encode(self.certificate.fingerprint(hashes.SHA1()))

    @property
    def x5t_s256(self) -> str:
        return b64url_encode(self.certificate.fingerprint(hashes.SHA256()))

    def cert_der_b64(self) -> str:
        """The certificate as the standard base64 of its DER (a JWK x5c entry)."""
        der = self.certificate.public_bytes(serialization.Encoding.DER)
        return base64.b64encode(der).decode("ascii")

    def write_pfx(self, path: Path, password: str, friendly_name: str) -> Path:
        data = pkcs12.serialize_key_and_certificates(
            friendly_name.encode("utf-8"),
            self.key,
            self.certificate,
            None,
            serialization.BestAvailableEncryption(password.encode("utf-8")),
        )
        path.write_bytes(data)
        return path


def create(common_name: str, now: datetime) -> KeyPair:
    """A new 2048-bit key pair held in memory only."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return KeyPair(key, _self_signed(key, common_name, now))


def load_or_create(folder: Path, stem: str, common_name: str, now: datetime) -> KeyPair:
    """The key pair stored as STEM.key.pem / STEM.cert.pem in FOLDER, made on first use."""
    cert_path = folder / f"{stem}.cert.pem"
    key_path = folder / f"{stem}.key.pem"
    if cert_path.exists() and key_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError(f"{key_path} does not hold an RSA key")
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        return KeyPair(key, certificate, cert_path, key_path)
    pair = create(common_name, now)
    key, certificate = pair.key, pair.certificate
    folder.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return KeyPair(key, certificate, cert_path, key_path)


def _self_signed(key: rsa.RSAPrivateKey, common_name: str, now: datetime) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        # Back-dated a day so a client whose clock is a little behind still accepts it.
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
