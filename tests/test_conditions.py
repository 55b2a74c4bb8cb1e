import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exposure.model.conditions import And, ConditionError, Element, Name, Not, Or, compile_condition, parse

NAMES = ("a", "b", "c", "d")


def compiled(text: str):
    def resolve(name, offset):
        if name not in NAMES:
            raise ConditionError(f"unknown name '{name}'", offset)
        return None

    return compile_condition(text, resolve)


def kleene_and(x, y):
    if x is False or y is False:
        return False
    if x is None or y is None:
        return None
    return True


def kleene_not(x):
    return None if x is None else not x


VALUES = (True, False, None)


def test_truth_tables_are_kleene():
    for x, y in itertools.product(VALUES, VALUES):
        env = {"a": x, "b": y}
        assert compiled("a and b").value(env) is kleene_and(x, y)
        assert compiled("a or b").value(env) is kleene_not(kleene_and(kleene_not(x), kleene_not(y)))
        assert compiled("not a").value(env) is kleene_not(x)


def test_missing_name_is_unknown_not_false():
    assert compiled("not a").value({}) is None


def test_adverse_unknowns_name_only_what_could_make_it_true():
    cond = compiled("a and not b and (c or d)")
    assert cond.adverse_unknowns({"a": True, "c": True}) == {"b": False}
    assert cond.adverse_unknowns({"a": True, "b": False, "c": False}) == {"d": True}
    assert cond.adverse_unknowns({"a": False}) == {}


@pytest.mark.parametrize(
    "text, message, offset",
    [
        ("a and b or c", "'and' and 'or' are mixed without parentheses", 8),
        ("a && b", "unexpected character '&' in condition (use the words and, or, not)", 2),
        ("a AND b", "write 'and' in lower case", 2),
        ("(a and b", "expected ')' to close the '(' opened at column 1", 8),
        ("a b", "unexpected 'b' after a complete condition", 2),
        ("a and", "condition ends too early", 5),
        ("a.__class__", "unexpected character '.'", 1),
        ("__import__('os')", "unexpected character '''", 11),
        ("a and e", "unknown name 'e'", 6),
    ],
)
def test_errors_are_located(text, message, offset):
    with pytest.raises(ConditionError) as info:
        compiled(text)
    assert message in str(info.value)
    assert info.value.offset == offset


def test_parenthesised_mix_is_allowed():
    assert compiled("(a and b) or c").value({"a": True, "b": False, "c": True}) is True


def test_depth_and_length_limits():
    with pytest.raises(ConditionError, match="nested more than"):
        parse("not " * 400 + "a")
    with pytest.raises(ConditionError, match="nested more than"):
        parse("(" * 300 + "a" + ")" * 300)
    with pytest.raises(ConditionError, match="longer than"):
        parse(" or ".join(["a"] * 1000))


def reference(tree, env):
    kind = type(tree).__name__
    if kind == "Name":
        return env.get(tree.name)
    if kind == "Not":
        return kleene_not(reference(tree.operand, env))
    values = [reference(op, env) for op in tree.operands]
    if kind == "And":
        out = True
        for v in values:
            out = kleene_and(out, v)
        return out
    out = False
    for v in values:
        out = kleene_not(kleene_and(kleene_not(out), kleene_not(v)))
    return out


def expressions(leaves=NAMES, most_operands=2, max_leaves=12):
    """Condition texts over ``leaves``: negations, and parenthesised ``and``/``or`` of 2 to ``most_operands``."""
    return st.recursive(
        st.sampled_from(leaves),
        lambda inner: st.one_of(
            inner.map(lambda e: f"not {e}"),
            st.tuples(st.lists(inner, min_size=2, max_size=most_operands), st.sampled_from([" and ", " or "])).map(
                lambda t: f"({t[1].join(t[0])})"
            ),
        ),
        max_leaves=max_leaves,
    )


@settings(max_examples=300, deadline=None)
@given(expressions(), st.fixed_dictionaries({n: st.sampled_from(VALUES) for n in NAMES}))
def test_compiled_closures_match_a_reference_evaluator(text, env):
    cond = compiled(text)
    assert cond.value(env) is reference(cond.tree, env)


def polarities(tree, positive=True, out=None):
    out = {} if out is None else out
    kind = type(tree).__name__
    if kind == "Name":
        out.setdefault(tree.name, set()).add(positive)
    elif kind == "Not":
        polarities(tree.operand, not positive, out)
    else:
        for op in tree.operands:
            polarities(op, positive, out)
    return out


@settings(max_examples=300, deadline=None)
@given(expressions(), st.fixed_dictionaries({n: st.sampled_from(VALUES) for n in NAMES}))
def test_adverse_values_of_the_named_unknowns_make_an_unknown_condition_true(text, env):
    """The 'possible' contract: setting each named unknown to its adverse value makes the offence apply
    (for conditions where no name occurs both plain and negated, i.e. every condition a statute reads as)."""
    cond = compiled(text)
    assume(cond.value(env) is None)
    assume(all(len(p) == 1 for p in polarities(cond.tree).values()))
    adverse = dict(env)
    adverse.update(cond.adverse_unknowns(env))
    assert cond.value(adverse) is True


# -------------------------------------------------------------------- n-ary operands and elements, against the tree
# Closures read the names and negated names of an ``and``/``or`` in one pass and give them no closure of their own;
# these tests compare values, unknowns and element values with plain walks of the syntax tree.
ELEMENT_TEXTS = {"e1": "a", "e2": "not b", "e3": "c and not d", "e4": "a or e1"}


def with_elements(text: str):
    def resolve(name, offset):
        if name in ELEMENT_TEXTS:
            return Element(name, with_elements(ELEMENT_TEXTS[name]).tree)
        if name not in NAMES:
            raise ConditionError(f"unknown name '{name}'", offset)
        return None

    return compile_condition(text, resolve)


def tree_value(tree, env):
    if isinstance(tree, Element):
        return tree_value(tree.body, env)
    if isinstance(tree, Name):
        return env.get(tree.name)
    if isinstance(tree, Not):
        return kleene_not(tree_value(tree.operand, env))
    values = [tree_value(op, env) for op in tree.operands]
    decisive, other = (False, True) if isinstance(tree, And) else (True, False)
    if decisive in values:
        return decisive
    return None if None in values else other


def tree_unknowns(tree, env, polarity=True, found=None):
    found = {} if found is None else found
    if tree_value(tree, env) is not None:
        return found
    if isinstance(tree, Name):
        found.setdefault(tree.name, polarity)
    elif isinstance(tree, Element):
        tree_unknowns(tree.body, env, polarity, found)
    elif isinstance(tree, Not):
        tree_unknowns(tree.operand, env, not polarity, found)
    else:
        for op in tree.operands:
            tree_unknowns(op, env, polarity, found)
    return found


def tree_elements(tree, env, out=None):
    out = [] if out is None else out
    if isinstance(tree, Element):
        out.append((tree.name, tree_value(tree.body, env)))
        tree_elements(tree.body, env, out)
    elif isinstance(tree, Not):
        tree_elements(tree.operand, env, out)
    elif isinstance(tree, (And, Or)):
        for op in tree.operands:
            tree_elements(op, env, out)
    return out


@settings(max_examples=500, deadline=None)
@given(expressions(NAMES + tuple(ELEMENT_TEXTS), 5, 16), st.fixed_dictionaries({n: st.sampled_from(VALUES) for n in NAMES}))
def test_n_ary_conditions_with_elements_match_the_tree(text, env):
    cond = with_elements(text)
    assert cond.value(env) is tree_value(cond.tree, env)
    assert cond.adverse_unknowns(env) == tree_unknowns(cond.tree, env)
    assert cond.element_values(env) == tree_elements(cond.tree, env)


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("a and b and c", {"a": True, "b": True, "c": True}, True),
        ("a and b and c", {"a": True, "b": None, "c": False}, False),  # false decides, whatever is unknown
        ("a and b and c", {"a": True, "b": None, "c": True}, None),
        ("a and not b and not c", {"a": True, "b": False, "c": True}, False),  # a negated true name decides
        ("a and not b and not c", {"a": True, "b": False, "c": None}, None),
        ("a or b or c", {"a": None, "b": False, "c": True}, True),
        ("a or not b or c", {"a": False, "b": False, "c": None}, True),  # a negated false name decides
        ("a or not b or c", {"a": False, "b": True, "c": False}, False),
        ("e1 and e2 and (c or d)", {"a": True, "b": False, "c": None, "d": True}, True),
        ("e1 and e2 and (c or d)", {"a": True, "b": None, "c": None, "d": True}, None),
    ],
)
def test_n_ary_truth_examples(text, env, expected):
    assert with_elements(text).value(env) is expected
