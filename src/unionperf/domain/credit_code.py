"""统一社会信用代码 (unified social credit code) validation per GB 32100-2015."""

from __future__ import annotations

# GB 32100-2015 §4: the code alphabet (digits and upper-case letters without I, O, Z, S, V).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: index for index, char in enumerate(ALPHABET)}
LENGTH = 18


def check_character(first17: str) -> str:
    """The 18th (check) character for the first 17 characters of a credit code.

    Raises:
        ValueError: ``first17`` is not 17 characters of the code alphabet.
    """
    if len(first17) != LENGTH - 1 or any(char not in _VALUES for char in first17):
        raise ValueError(f"not 17 code characters: {first17!r}")
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (a Chinese sentence), or ``None`` if it is valid."""
    if len(code) != LENGTH:
        return f"统一社会信用代码应为18位，现为{len(code)}位"
    for position, char in enumerate(code, start=1):
        if char not in _VALUES:
            return (
                f"统一社会信用代码第{position}位“{char}”不是有效字符"
                "（数字或除I、O、Z、S、V外的大写字母）"
            )
    if not code[2:8].isdigit():
        return "统一社会信用代码第3–8位应为登记管理机关行政区划码（数字）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第18位应为“{expected}”，现为“{code[17]}”"
    return None


def is_valid_credit_code(code: str) -> bool:
    """Whether ``code`` is a well-formed credit code with a correct check character."""
    return credit_code_error(code) is None
