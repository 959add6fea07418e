"""The key registration sheet: what it prints, and a refusal instead of a silent gap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.forms.pdfread import flat, needs_poppler, raw_flat
from unionperf.domain.unit import UnitProfile
from unionperf.forms.fonts import form_texts
from unionperf.services.common import signing
from unionperf.services.common.errors import ServiceError
from unionperf.services.common.signing import KeyInfo
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.key_sheet import (
    key_line,
    key_sheet_family,
    print_key_sheet,
    write_key_sheet,
)

PASSPHRASE = "口令足够长的测试口令"


def _grouped(key_id: str) -> str:
    return " ".join(key_id[index : index + 4] for index in range(0, len(key_id), 4))


INFO = KeyInfo(
    key_id="1A2B3C4D5E6F7A8B",
    unit_name="某某公司工会委员会",
    unit_code="91350100M000100Y43",
    public_key="untrusted comment: minisign public key 1A2B3C4D5E6F7A8B\nRWSLIpHC5ko2dBase64\n",
    rotations=0,
)
UNIT = UnitProfile(
    "某某公司工会委员会", "91350100M000100Y43", upper_union="鼓楼区总工会", accountant="张会计"
)


def test_the_sheet_names_unit_key_and_signatures():
    (form,) = key_sheet_family(INFO, UNIT, date(2025, 3, 1)).forms
    texts = "\n".join(text for _, text in form_texts(form))
    for expected in (
        "工会数据包签名公钥登记表",
        "某某公司工会委员会",
        "91350100M000100Y43",
        "鼓楼区总工会",
        "1A2B 3C4D 5E6F 7A8B",
        "RWSLIpHC5ko2dBase64",
        "张会计",
        "2025年3月1日",
    ):
        assert expected in texts
    assert "untrusted comment" not in texts
    assert "minisign" not in texts
    assert "替换的原密钥编号" not in texts
    assert form.signoff == ("经办人", "工会主席")
    assert "密钥=1A2B3C4D5E6F7A8B" in form.qr
    assert "公钥=RWSLIpHC5ko2dBase64" in form.qr


@needs_poppler
def test_after_a_key_rotation_the_reprinted_sheet_shows_the_new_key_and_the_one_it_replaces(
    tmp_path,
):
    workspace = Workspace.create(tmp_path / "ws", UNIT, passphrase=PASSPHRASE)
    try:
        old = signing.key_info(workspace)
        signing.rotate(workspace, PASSPHRASE)
        new = signing.key_info(workspace)
        path = print_key_sheet(workspace, tmp_path / "打印", date(2025, 3, 1))
    finally:
        workspace.close()
    assert path.name == f"公钥登记表_{new.key_id}.pdf"
    whole = raw_flat(path)
    assert flat(_grouped(new.key_id)) in whole
    assert f"替换的原密钥编号{flat(_grouped(old.key_id))}" in whole
    assert key_line(new.public_key) in whole
    assert "untrusted" not in whole


def test_the_sheet_is_a_pdf_in_the_folder(tmp_path):
    path = write_key_sheet(INFO, None, tmp_path / "ws", date(2025, 3, 1))
    assert path == tmp_path / "ws" / "公钥登记表_1A2B3C4D5E6F7A8B.pdf"
    assert path.read_bytes().startswith(b"%PDF")


def test_a_character_the_font_lacks_is_refused(tmp_path):
    unit = UnitProfile("𠀀公司工会", "91350100M000100Y43")
    with pytest.raises(ServiceError, match="无法生成公钥登记表"):
        write_key_sheet(INFO, unit, tmp_path)
    assert not list(tmp_path.iterdir())


def test_an_upper_level_sheet_carries_its_encryption_recipient_and_a_unit_sheet_none():
    recipient = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
    upper = replace(INFO, recipient=recipient)
    (form,) = key_sheet_family(upper, UNIT, date(2025, 3, 1)).forms
    texts = "\n".join(text for _, text in form_texts(form))
    assert "加密收件人（age，用于加密后发送）" in texts
    assert recipient in texts
    (plain,) = key_sheet_family(INFO, UNIT, date(2025, 3, 1)).forms
    assert "加密收件人" not in "\n".join(text for _, text in form_texts(plain))
