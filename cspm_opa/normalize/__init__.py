"""Normalizers: pure functions from cloud API payloads to resource documents.

Each provider package turns what its collector read (raw SDK responses, kept as they
came) into documents that validate against ``schemas/resources/<type>.json``. Nothing
here does IO or imports a cloud SDK, so the mapping from an API shape to a document can
be tested with recorded payloads alone, and a snapshot can be rebuilt from saved facts.
"""

from __future__ import annotations

__all__: list[str] = []
