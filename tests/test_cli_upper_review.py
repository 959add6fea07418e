"""The command line of the upper level's review and parameters, as a finance officer runs it:
review a unit's stage, return it with opinions named by path, re-score, list the decisions, send
the parameters down; the unit trusts the key off the sheet, previews and applies them."""

from __future__ import annotations

import json

import pytest

from tests.exchange.packages import UPPER_PASSPHRASE, YEAR, copy_workspace, demo_unit
from unionperf.cli import main

UPPER_CODE = "91350100M000100Y43"
EXAMPLE = "项目/2024年职工文体活动经费/指标/举办职工文体活动场次"


@pytest.fixture(scope="module")
def unit(tmp_path_factory):
    return demo_unit(tmp_path_factory)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_review_return_rescore_and_parameters(unit, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("UNIONPERF_PASSPHRASE", UPPER_PASSPHRASE)
    up = str(tmp_path / "upper")
    init = ["init", "--workspace", up, "--upper", "某区总工会", "--credit-code", UPPER_CODE]
    assert _run(capsys, *init)[0] == 0
    register = ["register", "--workspace", up, "--key", str(unit.pub_file)]
    assert _run(capsys, *register, "--unit-code", unit.unit_code, "--name", unit.unit_name)[0] == 0
    packages = [str(unit.packages[name]) for name in ("targets-2", "self-evaluation-1")]
    assert _run(capsys, "receive", "--workspace", up, *packages)[0] == 0
    # review: every item with its path
    who = ["--workspace", up, "--unit", unit.unit_code, "--year", str(YEAR)]
    code, out, _ = _run(capsys, "review", *who, "--stage", "targets")
    assert code == 0
    assert f"\n{EXAMPLE}\n" in out
    assert "    指标值：≥12场" in out
    # return with opinions by path; an unknown path is refused with the path
    opinions = tmp_path / "opinions.json"
    document = {
        "summary": "场次目标偏低，请修改后重报",
        "opinions": [{"path": EXAMPLE, "text": "目标值应不低于上年实际"}],
    }
    opinions.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    feedback = ["feedback", *who, "--stage", "targets", "--opinions", str(opinions)]
    assert _run(capsys, *feedback, "--decision", "return", "--out", str(tmp_path / "fb"))[0] == 0
    document["opinions"].append({"path": "项目/没有这个项目", "text": "?"})
    opinions.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = _run(capsys, *feedback, "--decision", "return", "--out", str(tmp_path / "x"))
    assert code == 2
    assert "“项目/没有这个项目”不在该单位报送的数据中" in err
    opinions.write_text('{"opinions": []}', encoding="utf-8")
    code, _, err = _run(capsys, *feedback, "--decision", "return", "--out", str(tmp_path / "x"))
    assert code == 2
    assert "退回原因" in err
    assert not (tmp_path / "x").exists()
    # re-score, then the review shows both scores
    rescore = ["rescore", *who, "--item", EXAMPLE, "--score", "10", "--reason", "场次含重复"]
    code, out, _ = _run(capsys, *rescore)
    assert code == 0
    assert "单位自评得分 12.50 → 上级复评得分 10.00" in out
    code, out, _ = _run(capsys, "review", *who, "--stage", "self-evaluation", "--json")
    item = next(item for item in json.loads(out)["items"] if item["path"] == EXAMPLE)
    assert (item["score"], item["upper_score"]) == ("12.50", "10.00")
    assert item["values"]["upper_reason"] == "场次含重复"
    # the history of decisions
    code, out, _ = _run(capsys, "decisions", "--workspace", up, "--unit", unit.unit_code)
    assert code == 0
    assert "退回" in out
    assert "场次目标偏低，请修改后重报" in out
    assert f"    {EXAMPLE}：目标值应不低于上年实际" in out
    # the parameters go down
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"lag_points": "15"}), encoding="utf-8")
    deadlines = tmp_path / "deadlines.json"
    deadlines.write_text(
        json.dumps([{"year": YEAR + 1, "stage": "targets", "due": f"{YEAR + 1}-01-31"}]),
        encoding="utf-8",
    )
    params_set = ["params", "set", "--workspace", up, "--settings", str(settings)]
    assert _run(capsys, *params_set, "--deadlines", str(deadlines))[0] == 0
    export = ["params", "export", "--workspace", up, "--out", str(tmp_path / "params")]
    code, out, _ = _run(capsys, *export)
    assert code == 0
    package = tmp_path / "params" / f"{UPPER_CODE}_参数包_第1次.upkg"
    assert str(package) in out
    code, out, _ = _run(capsys, "key", "sheet", "--workspace", up, "--out", str(tmp_path / "sheet"))
    assert code == 0
    key_id = out.rsplit("密钥编号 ", 1)[1].strip("）\n")
    assert (
        _run(capsys, "key", "export", "--workspace", up, "--out", str(tmp_path / "up.pub"))[0] == 0
    )
    # the unit: trust the key as the sheet gives it, preview, apply
    own = str(copy_workspace(unit.workspace, tmp_path / "unit"))
    assert _run(capsys, "year", "add", "--workspace", own, "--year", str(YEAR + 1))[0] == 0
    trust = ["trust-upper", "--workspace", own, "--key", str(tmp_path / "up.pub")]
    code, _, err = _run(capsys, *trust, "--key-id", "0" * 16)
    assert code == 2
    assert "不一致" in err
    assert _run(capsys, *trust, "--key-id", key_id, "--name", "某区总工会")[0] == 0
    code, out, _ = _run(capsys, "params", "preview", "--workspace", own, str(package))
    assert code == 0
    assert f"{YEAR + 1}年度规则设置：执行进度偏差阈值（百分点） 10 → 15" in out
    code, out, _ = _run(capsys, "receive", "--workspace", own, str(package))
    assert code == 0
    assert "已应用" in out
    code, out, _ = _run(capsys, "check", "--workspace", own, "--year", str(YEAR + 1))
    assert "截止日期 [" in out
    assert f"{YEAR + 1}年度 绩效目标：{YEAR + 1}-01-31前报送" in out
    code, out, _ = _run(capsys, "params", "show", "--workspace", own)
    assert code == 0
    assert "第1次参数包 某区总工会" in out
