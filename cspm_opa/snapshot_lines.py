"""The line layout of snapshot files: one JSON document, one resource a line.

``write_snapshot`` lays a snapshot out so that it is still one ordinary JSON object
(``opa eval -i``, ``jq`` and older cspm-opa read it as before) and can also be read a
piece at a time::

    {"account":{...},"coverage":[...],"provider":"aws",...,"resources":{
    "aws_ebs_volume":{
    "vol-1":{...},
    "vol-2":{...}
    },
    "aws_instance":{
    ...
    }
    }}

:func:`index_lines` reads such a file once without decoding its resources, keeping only
where each resource's line starts and ends, by type; :meth:`LinesIndex.resources` then
decodes any run of one type's resources. A file in any other layout (an older snapshot,
or one written by hand) is not indexed and is read whole, as before.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from cspm_opa import _json
from cspm_opa.errors import SnapshotError

__all__ = ["LinesIndex", "TypeRun", "dump_lines", "index_lines", "write_lines"]

_OPEN = b'"resources":{'


def dump_lines(document: Mapping[str, Any]) -> Iterator[bytes]:
    """The snapshot ``document`` in the line layout, a piece at a time."""
    resources: Mapping[str, Mapping[str, Any]] = document["resources"]
    header = {k: v for k, v in document.items() if k != "resources"}
    yield from header_lines(header)
    types = sorted(resources)
    for i, rtype in enumerate(types):
        yield from type_lines(rtype, resources[rtype].items(), last=i == len(types) - 1)
    yield b"}}\n"


def header_lines(header: Mapping[str, Any]) -> Iterator[bytes]:
    """The first line: every key but ``resources``, then ``resources`` opened."""
    if not header:
        raise ValueError("a snapshot has keys besides resources")
    yield _json.dumps(dict(header), indent=False, sort_keys=True)[:-1] + b"," + _OPEN + b"\n"


def type_lines(
    rtype: str, items: Iterator[tuple[str, Any]] | Any, *, last: bool
) -> Iterator[bytes]:
    """One type's block: its opening line, a line per resource, its closing line."""
    yield _json.dumps(rtype, indent=False) + b":{\n"
    pending: bytes | None = None
    for rid, resource in items:
        if pending is not None:
            yield pending + b",\n"
        line = (
            _json.dumps(rid, indent=False)
            + b":"
            + _json.dumps(resource, indent=False, sort_keys=True)
        )
        pending = line
    if pending is not None:
        yield pending + b"\n"
    yield b"}\n" if last else b"},\n"


def write_lines(pieces: Iterator[bytes], target: Path) -> Path:
    """Write ``pieces`` to ``target`` through a temporary file (atomic replace)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".tmp")
    with tmp.open("wb") as out:
        for piece in pieces:
            out.write(piece)
    tmp.replace(target)
    return target


@dataclass
class TypeRun:
    """Where one type's resource lines are: their offsets and lengths (commas and
    newlines excluded), and the file line of the first."""

    first_line: int
    offsets: array[int] = field(default_factory=lambda: array("q"))
    lengths: array[int] = field(default_factory=lambda: array("l"))

    def __len__(self) -> int:
        return len(self.offsets)

    def size(self, start: int = 0, stop: int | None = None) -> int:
        return sum(self.lengths[start:stop])


@dataclass
class LinesIndex:
    """A snapshot file in the line layout: its envelope, and its resources by type."""

    path: Path
    header: dict[str, Any]
    types: dict[str, TypeRun]

    def count(self) -> int:
        return sum(len(run) for run in self.types.values())

    def resources(self, rtype: str, start: int = 0, stop: int | None = None) -> dict[str, Any]:
        """Decode resources ``start:stop`` of ``rtype`` (in file order), by id."""
        run = self.types[rtype]
        stop = len(run) if stop is None else stop
        if start >= stop:
            return {}
        begin = run.offsets[start]
        end = run.offsets[stop - 1] + run.lengths[stop - 1]
        with self.path.open("rb") as f:
            f.seek(begin)
            block = f.read(end - begin)
        try:
            found: dict[str, Any] = _json.loads(b"{" + block + b"}")
        except _json.JSONDecodeError:
            self._raise_bad_line(rtype, start, stop)
            raise
        if not isinstance(found, dict) or len(found) != stop - start:
            self._raise_bad_line(rtype, start, stop)
        return found

    def _raise_bad_line(self, rtype: str, start: int, stop: int) -> None:
        run = self.types[rtype]
        with self.path.open("rb") as f:
            for i in range(start, stop):
                f.seek(run.offsets[i])
                line = f.read(run.lengths[i])
                where = f"line {run.first_line + i}"
                try:
                    one = _json.loads(b"{" + line + b"}")
                except _json.JSONDecodeError as exc:
                    raise SnapshotError(
                        str(self.path), f"{where}: not a resource entry: {exc.msg}"
                    ) from exc
                if not isinstance(one, dict) or len(one) != 1:
                    raise SnapshotError(str(self.path), f"{where}: not one resource entry")
        raise SnapshotError(str(self.path), f"resources of {rtype}: an id appears twice")


def index_lines(path: str | os.PathLike[str]) -> LinesIndex | None:
    """Index a snapshot file in the line layout; None if it is in another layout."""
    source = Path(path)
    try:
        with source.open("rb") as f:
            return _index(source, f)
    except OSError as exc:
        raise SnapshotError(str(source), f"cannot read snapshot: {exc}") from exc


def _index(source: Path, f: BinaryIO) -> LinesIndex | None:
    first = f.readline()
    if not (first.startswith(b"{") and first.rstrip(b"\r\n").endswith(_OPEN)):
        return None
    try:
        header = _json.loads(first.rstrip(b"\r\n") + b"}}")
    except _json.JSONDecodeError:
        return None
    if not isinstance(header, dict) or header.get("resources") != {}:
        return None
    del header["resources"]
    types: dict[str, TypeRun] = {}
    run: TypeRun | None = None
    offset = len(first)
    number = 1
    closed = False
    for line in f:
        number += 1
        body = line.rstrip(b"\r\n")
        if closed or not body:
            return None
        if run is None:
            if body == b"}}":
                closed = True
            elif body.endswith(b":{"):
                try:
                    rtype = _json.loads(body[:-2])
                except _json.JSONDecodeError:
                    return None
                if not isinstance(rtype, str) or rtype in types:
                    return None
                run = types[rtype] = TypeRun(number + 1)
            else:
                return None
        elif body in (b"}", b"},"):
            run = None
        else:
            run.offsets.append(offset)
            run.lengths.append(len(body) - (1 if body.endswith(b",") else 0))
        offset += len(line)
    if not closed:
        return None
    return LinesIndex(source, header, types)
