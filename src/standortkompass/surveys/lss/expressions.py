"""LimeSurvey ExpressionScript in simple form to XLSForm expressions: comparisons of question codes with
values, ``and``/``or``/``!``, brackets, arithmetic, ``if()``, ``is_empty()`` and ``Q_SQ == "Y"`` for a multiple
choice.
Anything else is not converted (``None``); the caller lists it.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"""\s*(?:(?P<number>-?(?:\d+(?:\.\d+)?|\.\d+))|(?P<string>"[^"']*"|'[^"']*')"""
    r"|(?P<op>==|!=|<=|>=|&&|\|\||[<>()+*/!,-])"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:\.NAOK)?))"
)
OPERATORS = {"==": "=", "!=": "!=", "<=": "<=", ">=": ">=", "<": "<", ">": ">", "(": "(", ")": ")"}
OPERATORS |= {"+": "+", "-": "-", "*": "*", "/": "div", ",": ","}
FUNCTIONS = {"if": "if"}  # LimeSurvey's function → the XLSForm function of the same meaning
WORDS = {
    "and": "and",
    "or": "or",
    "&&": "and",
    "||": "or",
    "eq": "=",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
}


def convert_expression(equation: str, *, single: set[str], multiple: dict[str, set[str]]) -> str | None:
    """An XLSForm expression for a simple ExpressionScript equation, or None if it is not simple."""
    tokens: list[tuple[str, str]] = []
    position = 0
    equation = equation.strip()
    while position < len(equation):
        match = TOKEN.match(equation, position)
        if match is None or match.end() == position:
            return None
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    parts: list[str] = []
    index = 0
    while index < len(tokens):
        kind, value = tokens[index]
        negated = kind == "op" and value == "!"
        call = tokens[index + negated : index + negated + 4]
        if [token[1] for token in call[:2]] == ["is_empty", "("] and len(call) == 4 and call[3][1] == ")":
            code = call[2][1].removesuffix(".NAOK")  # is_empty(x) and !is_empty(x) of a single-value question
            if code not in single:
                return None
            parts.append(f"{'not' if negated else ''}(${{{code}}} = '')")
            index += negated + 4
            continue
        if negated:
            return None
        if kind == "word" and value in FUNCTIONS and tokens[index + 1 : index + 2] == [("op", "(")]:
            parts.append(FUNCTIONS[value] + "(")
            index += 2
            continue
        if kind == "word" and value.lower() in WORDS:
            parts.append(WORDS[value.lower()])
        elif kind == "op" and value in {"&&", "||"}:
            parts.append(WORDS[value])
        elif kind == "op":
            parts.append(OPERATORS[value])
        elif kind == "number":
            parts.append(value.replace(".", "0.", 1) if value.lstrip("-").startswith(".") else value)
        elif kind == "string":
            parts.append(f"'{value[1:-1]}'")
        else:
            code = value.removesuffix(".NAOK")
            if code in single:
                parts.append(f"${{{code}}}")
            else:
                owner = next((m for m, subs in multiple.items() if any(code == f"{m}_{s}" for s in subs)), None)
                following = tokens[index + 1 : index + 3]
                if owner is None or len(following) != 2 or following[0][1] not in {"==", "!="}:
                    return None
                if following[1][1].strip("\"'") != "Y":
                    return None
                selected = f"selected(${{{owner}}}, '{code[len(owner) + 1 :]}')"
                parts.append(selected if following[0][1] == "==" else f"not({selected})")
                index += 3
                continue
        index += 1
    return " ".join(parts).replace("( ", "(").replace(" )", ")").replace(" ,", ",")
