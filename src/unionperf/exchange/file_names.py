"""The Chinese names of package files (package-format.md §2): what the user sees in a folder.

A name says whose package it is, for which year and stage, and which submission it is:
``81310115MC2K7Q8P1A_2024年绩效自评_第1次.upkg``. It is for people only; a checker takes unit,
year, stage and sequence from the signed content, never from the name.
"""

from __future__ import annotations

from unionperf.domain.year import STAGE_LABELS, Stage

__all__ = ["SUFFIX", "feedback_file_name", "package_file_name", "stage_title"]

SUFFIX = ".upkg"


def stage_title(stage: Stage) -> str:
    """绩效目标, 运行监控（截至2024-06-30） or 绩效自评."""
    label = STAGE_LABELS[stage.kind]
    return f"{label}（截至{stage.cutoff.isoformat()}）" if stage.cutoff else label


def package_file_name(credit_code: str, year: int, stage: Stage, sequence: int) -> str:
    """A unit's submission: ``81310115MC2K7Q8P1A_2024年绩效自评_第1次.upkg``."""
    return f"{credit_code}_{year}年{stage_title(stage)}_第{sequence}次{SUFFIX}"


def feedback_file_name(credit_code: str, year: int, stage: Stage, sequence: int) -> str:
    """The upper level's feedback: ``81310115MC2K7Q8P1A_2024年绩效自评_反馈_第1次.upkg``."""
    return f"{credit_code}_{year}年{stage_title(stage)}_反馈_第{sequence}次{SUFFIX}"
