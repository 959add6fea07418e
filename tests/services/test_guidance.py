"""Every step has guidance that names the regulation and cites only articles it really has."""

from __future__ import annotations

import pytest

from unionperf.domain.cycle import Step
from unionperf.services.views import guidance
from unionperf.services.views.guidance import Article


def test_every_step_has_guidance():
    assert set(guidance.STEPS) == {step.value for step in Step}


@pytest.mark.parametrize("step", [step.value for step in Step])
def test_the_guidance_says_what_the_step_is_for_and_what_the_upper_level_checks(step):
    text = guidance.guidance_for(step)
    assert text.title.startswith("第")
    assert text.summary
    assert "## 这一步做什么" in text.markdown
    assert "## 上级工会看什么" in text.markdown
    assert "## 依据" in text.markdown


@pytest.mark.parametrize("step", [step.value for step in Step])
def test_the_guidance_names_the_regulation_and_cites_real_articles(step):
    text = guidance.guidance_for(step).markdown
    assert guidance.REGULATION in text
    cited = guidance.cited_articles(text)
    assert cited, "no article of the regulation is cited"
    known = guidance.articles_of(guidance.regulation_text())
    assert [article for article in cited if article not in known] == []


def test_the_regulation_is_read_article_by_article():
    known = guidance.articles_of(guidance.regulation_text())
    assert Article("一", "", "", "主要目标") in known
    assert Article("二", "二", "5", "加强绩效目标管理") in known
    assert Article("二", "四", "13", "建立预算绩效技术支撑体系") in known
    assert Article("三", "", "5", "抓好绩效管理宣传培训") in known
    assert len([article for article in known if article.item]) == 18  # 13 tasks, 5 requirements


def test_a_misquoted_article_is_not_known():
    known = guidance.articles_of(guidance.regulation_text())
    (wrong,) = guidance.cited_articles("二、（一）5“加强绩效目标管理”")
    assert wrong not in known


def test_an_unknown_step_is_a_clear_error():
    with pytest.raises(guidance.GuidanceError, match="没有说明"):
        guidance.guidance_for("archive")
