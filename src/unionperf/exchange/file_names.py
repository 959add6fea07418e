"""The Chinese names of package files (package-format.md §2): what the user sees in a folder.

A name says whose package it is, for which year and stage, and which submission it is:
``81310115MC2K7Q8P1A_2024年绩效自评_第1次.upkg``. It is for people only; a checker takes unit,
year, stage and sequence from the signed content, never from the name.
"""

from __future__ import annotations

from unionperf.domain.year import Stage

__all__ = ["SUFFIX", "feedback_file_name", "package_file_name", "params_file_name"]

SUFFIX = ".upkg"


def package_file_name(credit_code: str, year: int, stage: Stage, sequence: int) -> str:
    """A unit's submission: ``81310115MC2K7Q8P1A_2024年绩效自评_第1次.upkg``."""
    return f"{credit_code}_{year}年{stage.title}_第{sequence}次{SUFFIX}"


def feedback_file_name(credit_code: str, year: int, stage: Stage, sequence: int) -> str:
    """The upper level's feedback: ``81310115MC2K7Q8P1A_2024年绩效自评_反馈_第1次.upkg``."""
    return f"{credit_code}_{year}年{stage.title}_反馈_第{sequence}次{SUFFIX}"


def params_file_name(credit_code: str, sequence: int) -> str:
    """The upper level's parameter package: ``91350100M000100Y43_参数包_第3次.upkg``."""
    return f"{credit_code}_参数包_第{sequence}次{SUFFIX}"
