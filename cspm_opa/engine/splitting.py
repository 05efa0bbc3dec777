"""Which checks give the same verdicts when their own type is sent in id ranges.

A snapshot too large for one request is split. Splitting between resource types is
always safe once the types a check reads travel together. Splitting *one* type into id
ranges is safe only for a check whose verdict on a resource reads no other resource of
that type: a check comparing a bucket with its sibling buckets, counting them, or
looking one up by a computed id would see only part of them.

The rule, decided on the check's parsed Rego (``rego.parse_module``), is conservative:
a check of type ``T`` may be split by id when

* its imported helper packages (``data.cspm.lib...``) read no ``input.resources.T``, it
  imports nothing else under ``data`` and refers to no other ``data`` document, and it
  never reads ``input`` or ``input.resources`` as a whole (or with a computed type);
* the only rules that read ``input.resources.T`` -- directly or through another rule of
  the module that does -- are partial set rules (``deny contains ... if``, ``applies``,
  or a helper set such as ``names contains b.name if ...``), so their value is the
  union of their bodies' solutions;
* in each such body, every such read is outside any comprehension, ``every`` and
  ``with``, and is either the iteration ``some k, v in input.resources.T`` (``some k
  in applies``, or the test ``k in names``) or the lookup ``input.resources.T[k]``
  (``applies[k]``) by a variable, and all of them in one body use the same variable
  ``k``. A lookup may be negated
  (``not input.resources.T[k].config.x``) only when ``k`` is bound in the same body by
  such an iteration, so the resource it names is always in the range being judged;
* each ``deny`` entry's ``resource`` (each ``applies`` or helper set element) is that
  variable, so a range names only its own resources, and its verdicts can be written
  as it answers.

Then each solution of ``deny``/``applies`` involves at most one resource of ``T``, so
their value over the whole type is the union of their values over its id ranges (every
other type travels whole with each range). Anything else keeps the type whole.

A check of another type that reads ``T`` under the same rule, less the naming
(:func:`splits_over`: a trail check that looks its bucket up in the set of unlogged
bucket names), lets ``T`` be cut too: its answer is the union of its answers over the
ranges, judged once all have answered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["id_splittable", "splits_over"]

_NESTED = frozenset({"arraycomprehension", "setcomprehension", "objectcomprehension", "every"})
_MEMBER = ("member_2", "member_3")

Node = Any


def id_splittable(
    rules: Sequence[Mapping[str, Any]],
    own_type: str,
    imports: Sequence[str],
    libs_read_own: bool,
) -> bool:
    """Whether a check of ``own_type`` (its module's parsed ``rules``) may be split by id."""
    return _union_over(rules, own_type, imports, libs_read_own, named=True)


def splits_over(
    rules: Sequence[Mapping[str, Any]],
    own_type: str,
    types: Iterable[str],
    imports: Sequence[str],
    lib_types: Iterable[str],
) -> frozenset[str]:
    """The other types a check reads one resource at a time (the rule above, less the
    naming): its answer over all of such a type is the union of its answers over the
    type's id ranges, each sent with the rest of what it reads whole. A trail check that
    looks for the trail's bucket among the buckets (``some b in input.resources.
    aws_s3_bucket; b.name == ...``) is one; a check that asks whether *no* IAM policy
    is attached (``not exists``, through a helper rule) is not."""
    libs = set(lib_types)
    return frozenset(
        t
        for t in types
        if t not in (own_type, "*") and _union_over(rules, t, imports, t in libs, named=False)
    )


def _union_over(
    rules: Sequence[Mapping[str, Any]],
    rtype: str,
    imports: Sequence[str],
    libs_read: bool,
    *,
    named: bool,
) -> bool:
    if libs_read or any(not i.startswith("cspm.lib") for i in imports):
        return False
    if any(_reads_whole_input(node) or _foreign_data(node) for node in _nodes(rules)):
        return False
    own_type = rtype
    derived = _derived_rules(rules, own_type)
    for rule in rules:
        name = _rule_name(rule)
        if name not in derived:
            continue
        head = rule.get("head", {})
        # deny, applies, or a helper set, each a partial set rule: a union of solutions.
        if "key" not in head or "value" in head or head.get("args") or "else" in rule:
            return False
        exprs = [*(rule.get("body") or []), {"terms": head.get("key")}]
        keys = _body_keys(exprs, own_type, derived)
        if keys is None or (named and (not keys or _named(name, head.get("key")) not in keys)):
            return False
    return True


def _named(rule: str, key: Any) -> str | None:
    """The variable a deny entry's ``resource`` (or an ``applies`` element) is, if any."""
    if rule == "deny" and isinstance(key, dict) and key.get("type") == "object":
        for k, v in key.get("value", []):
            if k == {"type": "string", "value": "resource"}:
                key = v
                break
        else:
            return None
    if isinstance(key, dict) and key.get("type") == "var":
        return str(key["value"])
    return None


def _rule_name(rule: Mapping[str, Any]) -> str:
    head = rule.get("head", {})
    name = head.get("name")
    if not name:
        ref = head.get("ref") or [{}]
        name = ref[0].get("value", "")
    return str(name)


def _nodes(node: Node) -> Iterator[Node]:
    for item, _ in _nodes_nested(node):
        yield item


def _ref_terms(node: Node) -> list[Mapping[str, Any]] | None:
    if isinstance(node, dict) and node.get("type") == "ref" and isinstance(node.get("value"), list):
        return node["value"]  # type: ignore[no-any-return]
    return None


def _reads_whole_input(node: Node) -> bool:
    """``input`` as a value, ``input.resources`` whole, or with a computed type."""
    if node.get("type") == "var" and node.get("value") == "input":
        return True  # a bare term; refs are matched below, so their head never gets here
    terms = _ref_terms(node)
    if not terms or terms[0] != {"type": "var", "value": "input"}:
        return False
    if len(terms) < 2 or terms[1].get("value") != "resources":
        return False
    return len(terms) < 3 or terms[2].get("type") != "string"


def _foreign_data(node: Node) -> bool:
    terms = _ref_terms(node)
    if not terms or terms[0] != {"type": "var", "value": "data"}:
        return False
    return [t.get("value") for t in terms[1:3]] != ["cspm", "lib"]


def _is_own(terms: Sequence[Mapping[str, Any]], own_type: str) -> bool:
    return (
        len(terms) >= 3
        and terms[0] == {"type": "var", "value": "input"}
        and terms[1].get("value") == "resources"
        and terms[2] == {"type": "string", "value": own_type}
    )


def _is_rule_ref(terms: Sequence[Mapping[str, Any]], names: set[str]) -> bool:
    return terms[0].get("type") == "var" and terms[0].get("value") in names


def _derived_rules(rules: Sequence[Mapping[str, Any]], own_type: str) -> set[str]:
    """Rules of the module that read ``input.resources.<own_type>``, directly or through
    another rule of the module that does."""
    derived: set[str] = set()
    changed = True
    while changed:
        changed = False
        for rule in rules:
            name = _rule_name(rule)
            if name in derived:
                continue
            for node in _nodes([rule.get("body"), rule.get("head"), rule.get("else")]):
                terms = _ref_terms(node)
                hit = terms and (_is_own(terms, own_type) or _is_rule_ref(terms, derived))
                if hit or (node.get("type") == "var" and node.get("value") in derived):
                    derived.add(name)
                    changed = True
                    break
    return derived


def _body_keys(
    body: Sequence[Mapping[str, Any]], own_type: str, derived: set[str]
) -> set[str] | None:
    """The variable every read of the own type (or of a rule derived from it) in ``body``
    iterates or looks up by -- one at most -- or None if a read is of another kind."""
    keys: set[str] = set()
    bound: set[str] = set()  # keys bound by an iteration (`some k in ...`)
    negated = False
    for expr in body:
        terms = expr.get("terms")
        member = _member_call(terms)
        for node, nested in _nodes_nested(terms):
            ref = _ref_terms(node)
            if ref is None and node.get("type") == "var" and node.get("value") in derived:
                ref = [node]  # `applies` as a term, e.g. the collection of `some id in applies`
            if ref is None:
                continue
            own, local = _is_own(ref, own_type), _is_rule_ref(ref, derived)
            if not (own or local):
                continue
            if nested or expr.get("with"):
                return None
            prefix = 3 if own else 1
            if member is not None and member[-1] is node and not expr.get("negated"):
                if len(ref) != prefix:
                    return None
                key = member[1] if member[0] == "member_3" or local else None
                if key is None:  # `some v in input.resources.T`: no id to bind
                    keys.add(f"value:{member[1].get('value')}")
                elif key.get("type") == "var":
                    keys.add(str(key["value"]))
                    bound.add(str(key["value"]))
                elif isinstance(terms, list):  # `trail.config.bucket in names`: one element
                    keys.add("term:" + json.dumps(key, sort_keys=True))
                else:
                    return None
            elif len(ref) > prefix and ref[prefix].get("type") == "var":
                keys.add(str(ref[prefix]["value"]))
                negated = negated or bool(expr.get("negated"))
            else:
                return None
    # `not input.resources.T[k]...` judges the same in every range only when k is bound
    # by an iteration of this range in the same body.
    if len(keys) > 1 or (negated and keys != bound):
        return None
    return keys


def _member_call(terms: Any) -> list[Any] | None:
    """``[name, args...]`` of the ``some ... in X`` call an expression is, if it is one."""
    if isinstance(terms, list) and terms:  # `x in X` as a test
        args = terms
    elif isinstance(terms, dict) and isinstance(terms.get("symbols"), list):
        symbols = terms["symbols"]
        if len(symbols) != 1 or not isinstance(symbols[0], dict):
            return None
        if symbols[0].get("type") != "call":
            return None
        args = symbols[0]["value"]
    else:
        return None
    fn = _ref_terms(args[0]) or []
    names = [t.get("value") for t in fn]
    if len(names) == 2 and names[0] == "internal" and names[1] in _MEMBER:
        return [names[1], *args[1:]]
    return None


def _nodes_nested(node: Node) -> Iterator[tuple[Node, bool]]:
    """Every object below ``node``, with whether it sits inside a comprehension or every.
    A ref is one node: its head term is not visited again, its other terms are."""
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        item, nested = stack.pop()
        if isinstance(item, dict):
            yield item, nested
            inner = nested or item.get("type") in _NESTED
            terms = _ref_terms(item)
            children = terms[1:] if terms else list(item.values())
            stack.extend((v, inner) for v in children)
        elif isinstance(item, list):
            stack.extend((v, nested) for v in item)
