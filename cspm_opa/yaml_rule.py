"""The rule language of YAML checks: Rego expressions over ``resource``, plus the operators
people write in playbooks, compiled to Rego.

A rule is a list of statements that must all hold; a statement ends at the end of a line
unless the line ends inside brackets or on an operator, or the next line starts with one
(so ``x`` / ``in ["a", "b"]`` on two lines is one statement). On top of Rego:

==========================  ===========================================================
``a AND b``, ``a OR b``     both hold / either holds (parentheses group)
``NOT a``                   ``a`` does not hold (``not`` is the same)
``resource.x == null``      ``x`` is absent or null (plain Rego: only null)
``resource.xs.length``      ``count(resource.xs)``
``x in ["a", "b"]``         Rego's own ``in``;  ``tags["Env"]``: Rego's own refs
==========================  ===========================================================

OR and a NOT over several statements become helper rules in the same package, so each
line of Rego still maps back to the YAML line it came from.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from cspm_opa.errors import PolicyError

__all__ = ["CompiledRule", "FieldRef", "compile_rule"]

_TOKEN = re.compile(
    r"""(?P<ws>[ \t\r]+)|(?P<nl>\n)|(?P<comment>\#[^\n]*)
    |(?P<str>"(?:[^"\\\n]|\\.)*"|`[^`]*`)|(?P<sq>'(?:[^'\\\n]|\\.)*')
    |(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<op>==|!=|<=|>=|:=|[<>=.,:;\[\](){}+\-*/%|&!])""",
    re.VERBOSE,
)
_BINARY = {"==", "!=", "<", ">", "<=", ">=", "in", "AND", "OR", ".", "+", "-", "*", "/", "%",
           "|", "&", ",", ":", ":=", "="}  # fmt: skip
_OPEN, _CLOSE = "([{", ")]}"
_WORDS = {"AND", "OR", "NOT", "not"}


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    line: int  # 0-based line within the rule text


@dataclass(frozen=True)
class FieldRef:
    text: str
    """The ref as written, e.g. ``resource.tags["Environment"]``."""
    path: tuple[str | int, ...]
    """Its segments after ``resource``; ``"*"`` for a variable index."""
    line: int


@dataclass
class CompiledRule:
    body: list[tuple[str, int]] = field(default_factory=list)
    """Rego statements (one per line) and the rule-text line each came from."""
    helpers: list[tuple[str, list[list[tuple[str, int]]]]] = field(default_factory=list)
    """Helper set rules: name -> bodies (any of them makes an id a member)."""
    refs: list[FieldRef] = field(default_factory=list)


def compile_rule(text: str, helper_prefix: str) -> CompiledRule:
    """Compile rule ``text``; helper rules are named ``<helper_prefix>_<n>``.

    Raises PolicyError("line N: ...") (N 0-based within ``text``) on unbalanced brackets
    or a dangling AND/OR/NOT.
    """
    out = CompiledRule()
    for statement in _statements(_tokenize(text)):
        node = _Parser(statement).parse()
        out.body += _lines(node, out, helper_prefix)
    return out


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    line, pos = 0, 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise PolicyError(f"line {line}: unexpected character {text[pos]!r}")
        kind, value = match.lastgroup or "", match.group()
        pos = match.end()
        if kind == "nl":
            toks.append(_Tok("nl", value, line))
            line += 1
        elif kind == "sq":  # 'x' is not Rego; people write it, so it is a string
            toks.append(_Tok("str", json.dumps(value[1:-1].replace("\\'", "'")), line))
        elif kind not in ("ws", "comment"):
            toks.append(_Tok(kind, value, line))
    return toks


def _statements(toks: list[_Tok]) -> list[list[_Tok]]:
    statements: list[list[_Tok]] = []
    current: list[_Tok] = []
    depth = 0
    for i, tok in enumerate(toks):
        if tok.kind == "nl":
            nxt = next((t for t in toks[i + 1 :] if t.kind != "nl"), None)
            ends = depth == 0 and current and current[-1].text not in _BINARY | {"NOT", "not"}
            if ends and (nxt is None or nxt.text not in _BINARY):
                statements.append(current)
                current = []
            continue
        if tok.text in _OPEN:
            depth += 1
        elif tok.text in _CLOSE:
            depth -= 1
            if depth < 0:
                raise PolicyError(f"line {tok.line}: {tok.text!r} closes nothing")
        current.append(tok)
    if depth:
        raise PolicyError(f"line {current[-1].line}: a bracket is not closed")
    if current:
        statements.append(current)
    return statements


# A node is ("atom", tokens) | ("not", node) | ("and", [nodes]) | ("or", [nodes]).
_Node = tuple[str, object]


class _Parser:
    def __init__(self, toks: list[_Tok]):
        self.toks, self.i = toks, 0

    def parse(self) -> _Node:
        node = self._or()
        if self.i < len(self.toks):
            tok = self.toks[self.i]
            raise PolicyError(f"line {tok.line}: unexpected {tok.text!r}")
        return node

    def _peek(self) -> str | None:
        return self.toks[self.i].text if self.i < len(self.toks) else None

    def _or(self) -> _Node:
        parts = [self._and()]
        while self._peek() == "OR":
            self.i += 1
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def _and(self) -> _Node:
        parts = [self._not()]
        while self._peek() == "AND":
            self.i += 1
            parts.append(self._not())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def _not(self) -> _Node:
        if self._peek() in ("NOT", "not"):
            self.i += 1
            return ("not", self._not())
        if self._peek() == "(" and self._is_group():
            self.i += 1
            node = self._or()
            if self._peek() != ")":
                raise PolicyError(f"line {self.toks[self.i - 1].line}: ')' expected")
            self.i += 1
            return node
        start = self.i
        depth = 0
        while self.i < len(self.toks):
            text = self.toks[self.i].text
            if depth == 0 and (text in ("AND", "OR") or text == ")"):
                break
            depth += text in _OPEN
            depth -= text in _CLOSE
            self.i += 1
        if self.i == start:
            where = self.toks[min(start, len(self.toks) - 1)]
            raise PolicyError(f"line {where.line}: an expression is missing near {where.text!r}")
        return ("atom", self.toks[start : self.i])

    def _is_group(self) -> bool:
        """Whether the "(" here groups AND/OR/NOT rather than a Rego expression."""
        depth = 0
        for j in range(self.i, len(self.toks)):
            text = self.toks[j].text
            if depth == 1 and text in _WORDS:
                return True
            depth += text in _OPEN
            depth -= text in _CLOSE
            if depth == 0:
                return False
        return False


def _lines(node: _Node, out: CompiledRule, prefix: str) -> list[tuple[str, int]]:
    kind, value = node
    if kind == "atom":
        assert isinstance(value, list)
        return [_atom(value, out)]
    if kind == "and":
        assert isinstance(value, list)
        return [line for child in value for line in _lines(child, out, prefix)]
    if kind == "not":
        assert isinstance(value, tuple)
        inner = _lines(value, out, prefix)
        if len(inner) == 1:
            text, line = inner[0]
            return [(text[4:] if text.startswith("not ") else f"not {text}", line)]
        name, line = _helper(out, prefix, [inner])
        return [(f"not {name}[id]", line)]
    assert kind == "or" and isinstance(value, list)
    name, line = _helper(out, prefix, [_lines(child, out, prefix) for child in value])
    return [(f"{name}[id]", line)]


def _helper(out: CompiledRule, prefix: str, bodies: list[list[tuple[str, int]]]) -> tuple[str, int]:
    name = f"{prefix}_{len(out.helpers) + 1}"
    out.helpers.append((name, bodies))
    return name, bodies[0][0][1]


def _atom(toks: list[_Tok], out: CompiledRule) -> tuple[str, int]:
    words = [t for t in toks if t.text in _WORDS]
    if words:
        raise PolicyError(f"line {words[0].line}: {words[0].text} needs an expression on each side")
    toks = _lengths(toks)
    out.refs += _refs(toks)
    texts = [t.text for t in toks]
    line = toks[0].line
    if len(texts) >= 3 and texts[-2:] == ["==", "null"] and _is_ref(toks[:-2]):
        return f"not {_join(toks[:-2])} != null", line  # absent or null
    if len(texts) >= 3 and texts[:2] == ["null", "=="] and _is_ref(toks[2:]):
        return f"not {_join(toks[2:])} != null", line
    return _join(toks), line


def _ref_start(toks: list[_Tok], end: int) -> int:
    """Where the ref that ends just before ``end`` starts (walking back over .x and [..])."""
    i = end
    while i > 0:
        prev = toks[i - 1]
        if prev.text == "]":
            depth = 0
            for j in range(i - 1, -1, -1):
                depth += toks[j].text == "]"
                depth -= toks[j].text == "["
                if depth == 0:
                    i = j
                    break
            continue
        if prev.kind == "ident" and (i - 1 == 0 or toks[i - 2].text != "."):
            return i - 1
        if prev.kind == "ident" or prev.text == ".":
            i -= 1
            continue
        break
    return i


def _lengths(toks: list[_Tok]) -> list[_Tok]:
    """``ref.length`` -> ``count(ref)``."""
    i = 0
    while i + 1 < len(toks):
        if toks[i].text == "." and toks[i + 1].text == "length" and i > 0:
            start = _ref_start(toks, i)
            line = toks[start].line
            toks = [*toks[:start], _Tok("ident", "count", line), _Tok("op", "(", line),
                    *toks[start:i], _Tok("op", ")", line), *toks[i + 2 :]]  # fmt: skip
            i += 2
        i += 1
    return toks


def _is_ref(toks: list[_Tok]) -> bool:
    return bool(toks) and toks[0].kind == "ident" and _ref_start(toks, len(toks)) == 0


def _refs(toks: list[_Tok]) -> list[FieldRef]:
    found = []
    for i, tok in enumerate(toks):
        if tok.text != "resource" or (i and toks[i - 1].text == "."):
            continue
        path: list[str | int] = []
        j = i + 1
        while j < len(toks):
            if toks[j].text == "." and j + 1 < len(toks) and toks[j + 1].kind == "ident":
                path.append(toks[j + 1].text)
                j += 2
            elif toks[j].text == "[" and j + 2 < len(toks) and toks[j + 2].text == "]":
                key = toks[j + 1]
                path.append(json.loads(key.text) if key.kind in ("str", "num") else "*")
                j += 3
            else:
                break
        found.append(FieldRef(_join(toks[i:j]), tuple(path), tok.line))
    return found


_KEYWORDS = {"in", "not", "some", "every", "with", "as", "if", "contains", "else", "default"}


def _join(toks: list[_Tok]) -> str:
    """Tokens as ``opa fmt`` writes them: no space around ``.``, inside brackets or before
    ``,`` and ``:``; a bracket right after a name or another bracket indexes it."""
    out = ""
    for i, tok in enumerate(toks):
        prev = toks[i - 1] if i else None
        tight = (
            prev is None
            or prev.text in ("(", "[", "{", ".")
            or tok.text in (")", "]", "}", ",", ":", ".")
            or (tok.text in ("(", "[") and prev.text not in _KEYWORDS
                and (prev.kind in ("ident", "str") or prev.text in (")", "]", "}")))
            or (prev.text == "-" and (i < 2 or (toks[i - 2].kind == "op"
                                      and toks[i - 2].text not in (")", "]", "}"))))
        )  # fmt: skip
        out += tok.text if tight else f" {tok.text}"
    return out
