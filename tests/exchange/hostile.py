"""Packages built to hurt: well signed by the unit's registered key, hostile in their content.

:class:`Forger` takes one of the demo unit's packages apart, changes ``package.json``,
``data.json`` or any member, and signs the result again with the unit's own key, so that only
the content checks stand between the package and its receipt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.exchange.packages import SIGNATURE, DemoUnit, members, repackage
from unionperf.exchange import minisign
from unionperf.exchange.package import trusted_comment

PACKAGE_JSON = "data/package.json"
DATA_JSON = "data/data.json"
ANNOUNCEMENTS_JSON = "data/keys/announcements.json"
EVIDENCE_NAME = "data/evidence/unit/0123456789abcdef0123456789abcdef_签到表 第1页.pdf"
EVIDENCE_BYTES = b"%PDF-1.4 a scanned sign-in sheet"

Document = dict[str, Any]
Content = Document | bytes | Callable[[Document], Any] | None


def nested(depth: int) -> str:
    """JSON text of ``depth`` arrays inside each other."""
    return "[" * depth + "]" * depth


def with_raw(document: Mapping[str, Any], key: str, raw: str) -> bytes:
    """``document`` as JSON with one more member ``key`` whose value is the JSON text ``raw``."""
    text = json.dumps(document, ensure_ascii=False)
    return f"{text[:-1]}, {json.dumps(key)}: {raw}}}".encode()


def evidence_entry(path: str, content: bytes) -> dict[str, Any]:
    """One ``evidence`` entry of package.json for a member ``path`` holding ``content``."""
    return {"path": path, "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


class Forger:
    """Re-signs edited copies of the demo unit's packages with the unit's key."""

    def __init__(self, unit: DemoUnit) -> None:
        self.unit = unit
        self._key: Ed25519PrivateKey | None = None

    def __repr__(self) -> str:  # short, for hypothesis' reports
        return f"Forger({self.unit.unit_code})"

    @property
    def key(self) -> Ed25519PrivateKey:
        """The unit's private key (unlocked once)."""
        if self._key is None:
            self._key = self.unit.private_key()
        return self._key

    def files(self, name: str) -> dict[str, bytes]:
        """The members of one of the demo unit's packages."""
        return members(self.unit.blob(name))

    def meta(self, name: str = "targets-1") -> Document:
        """A fresh copy of a package's package.json."""
        loaded: Document = json.loads(self.files(name)[PACKAGE_JSON])
        return loaded

    def data(self, name: str = "targets-1") -> Document:
        """A fresh copy of a package's data.json."""
        loaded: Document = json.loads(self.files(name)[DATA_JSON])
        return loaded

    def comment(self, name: str = "targets-1") -> str:
        """The trusted comment the package was signed with."""
        signature = minisign.parse_signature(self.files(name)[SIGNATURE].decode("ascii"))
        return signature.trusted_comment

    def package(
        self,
        name: str = "targets-1",
        *,
        meta: Content = None,
        data: Content = None,
        edits: Mapping[str, bytes | None] | None = None,
        comment: str | None = None,
        signer: Ed25519PrivateKey | None = None,
    ) -> bytes:
        """A copy of package ``name`` with its content changed, signed again.

        ``meta`` and ``data`` are a whole new document, raw bytes, or a function that changes
        a copy of the package's own document in place. The trusted comment is built from the new
        package.json when it is a document, else it is the original one, unless ``comment``.
        """
        changed = dict(edits or {})
        new_meta = self._content(self.meta(name), meta)
        if new_meta is not None:
            changed[PACKAGE_JSON] = new_meta
        new_data = self._content(self.data(name), data)
        if new_data is not None:
            changed[DATA_JSON] = new_data
        if comment is None:
            comment = self.comment(name)
            if isinstance(meta, dict) or callable(meta):
                comment = trusted_comment(json.loads(changed[PACKAGE_JSON]))
        return repackage(
            self.unit.blob(name), edit=changed, sign_with=signer or self.key, comment=comment
        )

    @staticmethod
    def _content(original: Document, content: Content) -> bytes | None:
        if content is None:
            return None
        if isinstance(content, bytes):
            return content
        if callable(content):
            content(original)
            return json.dumps(original, ensure_ascii=False).encode()
        return json.dumps(content, ensure_ascii=False).encode()

    def with_evidence(
        self,
        listed: list[dict[str, Any]],
        present: Mapping[str, bytes],
        name: str = "targets-1",
        **changes: Any,
    ) -> bytes:
        """A package whose package.json lists ``listed`` and whose bag holds ``present``."""

        def listing(meta: Document) -> None:
            meta["evidence"] = listed

        return self.package(name, meta=listing, edits={**present, **changes.pop("edits", {})})
