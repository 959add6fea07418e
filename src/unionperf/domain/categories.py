"""Union revenue and expenditure categories (domain.md §6.1–§6.3) as configurable data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Flow(StrEnum):
    """Revenue or expenditure."""

    REVENUE = "revenue"
    EXPENDITURE = "expenditure"


@dataclass(frozen=True, slots=True)
class Category:
    """One budget category, tied to a 《工会会计制度》 subject code where there is one."""

    code: str
    name: str
    flow: Flow
    subitems: tuple[str, ...] = ()
    grassroots: bool = True
    """Whether a 基层工会 normally uses it (404, 504, 506 are 县级以上 items, §6.3)."""


@dataclass(frozen=True, slots=True)
class CategoryCatalogue:
    """A versioned list of categories (provinces differ, domain.md §6.2)."""

    code: str
    title: str
    categories: tuple[Category, ...]

    def by_code(self, code: str) -> Category | None:
        """The category with that subject code, if any."""
        return next((item for item in self.categories if item.code == code), None)

    def of_flow(self, flow: Flow) -> tuple[Category, ...]:
        """The revenue or the expenditure categories, in order."""
        return tuple(item for item in self.categories if item.flow is flow)


_R, _E = Flow.REVENUE, Flow.EXPENDITURE

NATIONAL_2021 = CategoryCatalogue(
    code="acftu-2021",
    title="《基层工会经费收支管理办法》与《工会会计制度》（2022年起）",
    categories=(
        Category("401", "会费收入", _R),
        Category("402", "拨缴经费收入", _R),
        Category("403", "上级补助收入", _R, ("回拨补助", "专项补助", "超收补助")),
        Category("404", "政府补助收入", _R, grassroots=False),
        Category("405", "行政补助收入", _R),
        Category("406", "事业收入", _R),
        Category("407", "投资收益", _R),
        Category("408", "其他收入", _R),
        Category(
            "501",
            "职工活动支出",
            _E,
            ("职工教育支出", "文体活动支出", "宣传活动支出", "职工集体福利支出", "其他活动支出"),
        ),
        Category(
            "502",
            "维权支出",
            _E,
            (
                "劳动关系协调费",
                "劳动保护费",
                "法律援助费",
                "困难职工帮扶费",
                "送温暖费",
                "其他维权支出",
            ),
        ),
        Category("503", "业务支出", _E, ("培训费", "会议费", "专项业务费", "其他业务支出")),
        Category("504", "行政支出", _E, grassroots=False),
        Category("505", "资本性支出", _E, ("建设工程", "设备工具购置", "大型修缮", "信息网络")),
        Category("506", "补助下级支出", _E, grassroots=False),
        Category("507", "事业支出", _E),
        Category("508", "其他支出", _E),
    ),
)

DEFAULT_CATALOGUE = NATIONAL_2021
