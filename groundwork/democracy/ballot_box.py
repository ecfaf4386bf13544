"""The sealed ballot box: the cryptography of secret ballots, as pure functions (no ORM).

- Each secret ballot has its own key pair. Its private key is derived from a 16-byte box secret
  that exists only in memory: when the ballot opens (to split it) and at the count (rebuilt).
- The box secret is split among the tellers with Shamir's scheme, k of n (pycryptodome's
  `Shamir`, which shares exactly 16-byte secrets). Each share is sealed to that teller's own
  public key before it is stored; the teller's private key is a code shown to them once.
- A vote is encoded at a fixed length for its ballot (so a ciphertext's size says nothing about
  the vote) and sealed to the ballot's public key with libsodium's sealed box (X25519 with a
  fresh key per message, XSalsa20-Poly1305). Nobody keeps the per-message secret, so a voter
  cannot prove what a ciphertext holds, and the database cannot read it.
- A tracker is a hash of the ciphertext: it proves a ballot was included, not how it voted.
- A share given at the count waits for the others sealed with a key derived from the server's
  secret key, so the database alone never holds enough to open the box.

Home-made parts, and why: only the encodings (vote layout, teller codes, trackers). The
cryptography itself is libsodium's (PyNaCl) and pycryptodome's.
"""

import base64
import hashlib
import hmac
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

SECRET_BYTES = 16
CODE_CHECK_BYTES = 4
FORMAT = 1
UNUSED = 0xFFFF
MAJORITY_CHOICES = ("yes", "no", "abstain")


class BoxError(Exception):
    """A key, code or share that does not fit. `code` names the case (the actions turn it into a
    message in the reader's language); the message says it in English."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class NewBox:
    """A ballot box as it is made: its public key and one sealed share per teller, in order."""

    public_key: bytes
    sealed_shares: list[tuple[int, bytes]]


def _key_from_secret(secret: bytes, purpose: bytes) -> PrivateKey:
    return PrivateKey(hashlib.blake2b(secret, digest_size=32, person=purpose).digest())


def _box_key(secret: bytes) -> PrivateKey:
    return _key_from_secret(secret, b"gw-ballot-box")


def _teller_key(secret: bytes) -> PrivateKey:
    return _key_from_secret(secret, b"gw-teller-key")


# Teller codes -----------------------------------------------------------------------------


def new_teller_code() -> tuple[str, bytes]:
    """A new teller key: the code to show the teller once, and the public key to store."""
    secret = random_bytes(SECRET_BYTES)
    check = hashlib.blake2b(secret, digest_size=CODE_CHECK_BYTES, person=b"gw-code-check")
    text = base64.b32encode(secret + check.digest()).decode()
    code = "-".join(text[i : i + 4] for i in range(0, len(text), 4))
    return code, _teller_key(secret).public_key.encode()


def _secret_of_code(code: str) -> bytes:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    # People misread these; base32 has neither 0 nor 1.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    expected = hashlib.blake2b(secret, digest_size=CODE_CHECK_BYTES, person=b"gw-code-check")
    if len(raw) != SECRET_BYTES + CODE_CHECK_BYTES or not hmac.compare_digest(
        check, expected.digest()
    ):
        raise BoxError(
            "That is not a teller key: check it for a mistyped character.", code="mistyped"
        )
    return secret


def teller_public_key(code: str) -> bytes:
    """The public key of a teller code (to check a code against the one stored)."""
    return _teller_key(_secret_of_code(code)).public_key.encode()


# The box and its shares -------------------------------------------------------------------


def new_box(teller_public_keys: Sequence[bytes], needed: int) -> NewBox:
    """Make a ballot box whose key any `needed` of the tellers can rebuild, and forget the key."""
    if not 1 <= needed <= len(teller_public_keys) <= 255:
        raise BoxError(
            "A ballot box needs between 1 and 255 tellers, and no more needed than named.",
            code="tellers",
        )
    secret = random_bytes(SECRET_BYTES)
    shares = Shamir.split(needed, len(teller_public_keys), secret)
    sealed = [
        (number, SealedBox(PublicKey(public)).encrypt(bytes([number]) + share))
        for (number, share), public in zip(shares, teller_public_keys, strict=True)
    ]
    return NewBox(public_key=_box_key(secret).public_key.encode(), sealed_shares=sealed)


def open_share(sealed_share: bytes, code: str) -> bytes:
    """The teller's share (its number byte first), unsealed with their code."""
    try:
        return SealedBox(_teller_key(_secret_of_code(code))).decrypt(sealed_share)
    except CryptoError as error:
        raise BoxError("That teller key does not open this share.", code="wrong_key") from error


def _waiting_box(server_secret: bytes) -> SecretBox:
    return SecretBox(
        hashlib.blake2b(server_secret, digest_size=32, person=b"gw-given-share").digest()
    )


def hold_given_share(share: bytes, server_secret: bytes) -> bytes:
    """A given share as it waits for the others: sealed with the server's key, not the database's."""
    return bytes(_waiting_box(server_secret).encrypt(share))


def release_given_share(held: bytes, server_secret: bytes) -> bytes:
    """The share held by `hold_given_share`."""
    try:
        return _waiting_box(server_secret).decrypt(held)
    except CryptoError as error:
        raise BoxError(
            "A share was held with another server key; ask the teller again.", code="server_key"
        ) from error


def rebuild_box_key(shares: Iterable[bytes], public_key: bytes) -> PrivateKey:
    """The ballot's private key from enough shares, checked against its public key."""
    numbered = [(share[0], share[1:]) for share in shares]
    if len({number for number, _ in numbered}) != len(numbered):
        raise BoxError("The same teller's share was given twice.", code="duplicate")
    key = _box_key(Shamir.combine(numbered))
    if key.public_key.encode() != public_key:
        raise BoxError("These shares do not open this ballot box.", code="wrong_shares")
    return key


# Votes ------------------------------------------------------------------------------------


def vote_length(options: int) -> int:
    """Every plaintext vote of a ballot with this many options has this many bytes."""
    return 1 + 4 + 2 * max(options, 1)


def encode_vote(content: dict, *, weight: int, options: int) -> bytes:
    """A validated vote as fixed-length bytes: format, weight, then positions padded to the end."""
    if "choice" in content:
        body = [MAJORITY_CHOICES.index(content["choice"])]
    else:
        body = list(content.get("ranking", content.get("approved", [])))
    if len(body) > max(options, 1):
        raise BoxError("A vote lists more choices than the ballot has options.", code="too_long")
    padded = body + [UNUSED] * (max(options, 1) - len(body))
    return struct.pack(f">BI{len(padded)}H", FORMAT, weight, *padded)


def decode_vote(plain: bytes, *, method_is_majority: bool, key: str) -> tuple[dict, int]:
    """The vote's content (as validated when cast) and its weight."""
    count = (len(plain) - 5) // 2
    version, weight, *positions = struct.unpack(f">BI{count}H", plain)
    if version != FORMAT:
        raise BoxError("A vote was sealed in a format this version cannot read.", code="format")
    chosen = [p for p in positions if p != UNUSED]
    if method_is_majority:
        return {"choice": MAJORITY_CHOICES[chosen[0]]}, weight
    return {key: chosen}, weight


def seal_vote(plain: bytes, public_key: bytes) -> bytes:
    """The vote encrypted to the ballot's public key; only the rebuilt box key opens it."""
    return bytes(SealedBox(PublicKey(public_key)).encrypt(plain))


def open_votes(ciphertexts: Iterable[bytes], key: PrivateKey) -> list[bytes]:
    """Every vote opened with the box key (raises BoxError if any was not sealed to it)."""
    box = SealedBox(key)
    try:
        return [box.decrypt(ciphertext) for ciphertext in ciphertexts]
    except CryptoError as error:
        raise BoxError(
            "A sealed vote does not open with this ballot's key.", code="wrong_box"
        ) from error


def tracker(ciphertext: bytes) -> str:
    """The ballot tracker: 160 bits of SHA-256 of the ciphertext, in groups of four."""
    text = base64.b32encode(hashlib.sha256(ciphertext).digest()[:20]).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))
