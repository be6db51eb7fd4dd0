"""The connection key: its public half goes into the generated module, its private half
decrypts SecureString and PSCredential parameter values (protocol §2.5, §4)."""

from __future__ import annotations

import base64
import binascii
import json
import threading

from cryptography.hazmat.primitives.asymmetric import padding, rsa


class DecryptError(ValueError):
    """A value that is not base64 of a PKCS#1 v1.5 ciphertext under this key."""


def _b64_big_endian(number: int) -> str:
    # .NET's RSA.ToXmlString writes unsigned big-endian bytes with no leading zero byte.
    data = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.b64encode(data).decode("ascii")


class ConnectionKey:
    """One RSA key per sandbox, made on first use (generation takes a noticeable moment)."""

    def __init__(self, bits: int = 2048) -> None:
        self._bits = bits
        self._key: rsa.RSAPrivateKey | None = None
        self._lock = threading.Lock()

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        with self._lock:
            if self._key is None:
                self._key = rsa.generate_private_key(public_exponent=65537, key_size=self._bits)
            return self._key

    def public_xml(self) -> str:
        """The public key as `<RSAKeyValue>` XML, as RSACryptoServiceProvider.FromXmlString reads it."""
        numbers = self.private_key.public_key().public_numbers()
        return (
            f"<RSAKeyValue><Modulus>{_b64_big_endian(numbers.n)}</Modulus>"
            f"<Exponent>{_b64_big_endian(numbers.e)}</Exponent></RSAKeyValue>"
        )

    def decrypt(self, value: str) -> str:
        """The UTF-8 plaintext of a base64 PKCS#1 v1.5 ciphertext; raises DecryptError."""
        try:
            data = base64.b64decode(value, validate=True)
            plain = self.private_key.decrypt(data, padding.PKCS1v15())
            return plain.decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError) as error:
            raise DecryptError(str(error) or type(error).__name__) from None

    def decrypt_credential(self, value: str) -> dict[str, str]:
        """A PSCredential sent as encrypted `{"UserName":…,"Password":…}` JSON."""
        text = self.decrypt(value)
        try:
            data = json.loads(text)
        except ValueError:
            raise DecryptError("the decrypted value is not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("UserName"), str):
            raise DecryptError("the decrypted value has no UserName")
        password = data.get("Password")
        if not isinstance(password, str):
            raise DecryptError("the decrypted value has no Password")
        return {"UserName": data["UserName"], "Password": password}


def encrypt_with_xml(public_xml: str, plaintext: str) -> str:
    """What the module's Encrypt-Value does with $PublicKey (for tests and tools)."""
    import re

    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

    def number(tag: str) -> int:
        found = re.search(rf"<{tag}>([^<]*)</{tag}>", public_xml)
        if found is None:
            raise ValueError(f"no <{tag}> in the public key")
        return int.from_bytes(base64.b64decode(found.group(1)), "big")

    key = RSAPublicNumbers(number("Exponent"), number("Modulus")).public_key()
    cipher = key.encrypt(plaintext.encode("utf-8"), padding.PKCS1v15())
    return base64.b64encode(cipher).decode("ascii")
