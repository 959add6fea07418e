"""The self-test of an installation: every layer, end to end, in a throw-away workspace.

``unionperf selftest`` runs these checks (then the window's, from the UI layer) so that a built
bundle, an installed ``.deb`` or a Windows install proves that its migrations, fonts, schemas,
forms and signing all made it into the package and work on this machine. Nothing outside the
temporary folder is read or written.
"""

from __future__ import annotations

import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from unionperf.services.common.errors import ServiceError
from unionperf.services.common.workspace import Workspace
from unionperf.services.cycle.demo import fill_demo

__all__ = [
    "SELFTEST_PASSPHRASE",
    "SELFTEST_YEAR",
    "Check",
    "SelftestFailedError",
    "SelftestRun",
    "service_checks",
]

SELFTEST_YEAR = 2024
"""The demo year that is scored, printed and exported (complete in the demo)."""
SELFTEST_PASSPHRASE = "selftest"
"""The throw-away key of the temporary workspace is locked with this."""
EXPORTED_STAGE = "self-evaluation"
PDF_FONT = b"WenQuanYi"
"""Every PDF form must embed the bundled font (its name appears in the font dictionary)."""


class SelftestFailedError(ServiceError):
    """A check found the installation broken; the message says which check and why."""


@dataclass(frozen=True, slots=True)
class Check:
    """One passed check: its Chinese name, what it found, how long it took."""

    name: str
    detail: str
    seconds: float


@dataclass(slots=True)
class SelftestRun:
    """The checks passed so far, in order, and the open workspace they share."""

    folder: Path
    checks: list[Check] = field(default_factory=list)
    workspace: Workspace | None = None

    def run(self, name: str, check: Callable[[], str]) -> Check:
        """Run one check; record it, or raise :class:`SelftestFailedError` naming it."""
        start = time.perf_counter()
        try:
            detail = check()
        except Exception as error:
            raise SelftestFailedError(f"自检失败：{name}：{error}") from error
        done = Check(name, detail, time.perf_counter() - start)
        self.checks.append(done)
        return done

    def opened(self) -> Workspace:
        """The workspace of the run (after the first check made it)."""
        if self.workspace is None:
            raise SelftestFailedError("自检失败：工作区尚未创建")
        return self.workspace


@contextmanager
def service_checks(folder: Path, report: Callable[[Check], None]) -> Iterator[SelftestRun]:
    """Run every check below the window in ``folder``; yield the run with its workspace open.

    Each passed check is passed to ``report`` as soon as it is done. The workspace stays open
    (and locked for writing) until the ``with`` block ends, so the window can be shown on it.

    Raises:
        SelftestFailedError: the first check that failed, by name.
    """
    run = SelftestRun(folder)

    def step(name: str, check: Callable[[], str]) -> None:
        report(run.run(name, check))

    step("创建工作区并迁移数据库", lambda: _create_workspace(run))
    try:
        step("写入演示数据", lambda: _fill_demo(run.opened()))
        step("计算绩效自评得分", lambda: _score(run.opened()))
        step("运行审核规则", lambda: _check(run.opened()))
        step("生成全部标准表格（PDF、Excel）", lambda: _forms(run.opened(), folder / "forms"))
        step("生成并校验签名数据包", lambda: _package(run.opened(), folder / "packages"))
        step("加密并解密数据包（age）", lambda: _private_transport(folder / "packages"))
        step("加载 PostgreSQL 驱动（上级单位数据库）", _postgresql_driver)
        yield run
    finally:
        run.opened().close()


def _create_workspace(run: SelftestRun) -> str:
    from unionperf.store.migrate import HEAD_REVISION  # noqa: PLC0415

    path = run.folder / "workspace"
    Workspace.create(path, passphrase=SELFTEST_PASSPHRASE, throwaway=True).close()
    run.workspace = Workspace.open(path)  # the way the app opens it: backup, migration check
    revision = run.workspace.schema_revision()
    if revision != HEAD_REVISION:
        raise SelftestFailedError(f"数据库版本为 {revision}，应为 {HEAD_REVISION}")
    return f"数据库版本 {revision}"


def _fill_demo(workspace: Workspace) -> str:
    fill_demo(workspace)
    years = workspace.years()
    if SELFTEST_YEAR not in years:
        raise SelftestFailedError(f"演示数据缺少 {SELFTEST_YEAR} 年度")
    data = workspace.load_year(SELFTEST_YEAR)
    return f"年度 {'、'.join(map(str, years))}；{SELFTEST_YEAR} 年 {len(data.projects)} 个项目"


def _score(workspace: Workspace) -> str:
    score = workspace.score(SELFTEST_YEAR)
    if not score.projects:
        raise SelftestFailedError("没有任何项目得分")
    unit = score.unit
    whole = f"；单位整体 {unit.total} 分（{unit.grade.value}）" if unit is not None else ""
    return f"{len(score.projects)} 个项目已评分{whole}"


def _check(workspace: Workspace) -> str:
    from unionperf.domain.problems import Severity  # noqa: PLC0415

    problems = workspace.check(SELFTEST_YEAR)
    hard = sum(problem.severity is Severity.HARD for problem in problems)
    return f"{hard} 个强制问题，{len(problems) - hard} 个提示问题"


def _forms(workspace: Workspace, out: Path) -> str:
    from openpyxl import load_workbook  # noqa: PLC0415

    from unionperf.services.cycle.forms import write_forms  # noqa: PLC0415

    written = write_forms(workspace, SELFTEST_YEAR, None, out).paths
    pdfs = [path for path in written if path.suffix == ".pdf"]
    books = [path for path in written if path.suffix == ".xlsx"]
    if not pdfs or not books:
        raise SelftestFailedError(f"表格不全：{[path.name for path in written]}")
    for path in pdfs:
        blob = path.read_bytes()
        if not blob.startswith(b"%PDF") or PDF_FONT not in blob:
            raise SelftestFailedError(f"{path.name} 不是嵌入了中文字体的 PDF")
    for path in books:
        book = load_workbook(path, read_only=True)
        try:
            if not book.sheetnames:
                raise SelftestFailedError(f"{path.name} 没有工作表")
        finally:
            book.close()
    return f"{len(pdfs)} 个 PDF，{len(books)} 个 Excel 工作簿"


def _package(workspace: Workspace, out: Path) -> str:
    from unionperf.services.common.signing import export_public_key  # noqa: PLC0415
    from unionperf.services.common.verify import verify_file  # noqa: PLC0415
    from unionperf.services.cycle.submit import export_package  # noqa: PLC0415

    result = export_package(workspace, SELFTEST_YEAR, EXPORTED_STAGE, out, SELFTEST_PASSPHRASE)
    key = export_public_key(workspace, out / "unit.pub")
    package = verify_file(result.path, key)
    if not package.trusted or package.sha256 != result.submission.sha256:
        raise SelftestFailedError(f"{result.path.name} 校验结果与导出记录不一致")
    with zipfile.ZipFile(result.path) as archive:
        members = len(archive.namelist())
    return f"{result.path.name}：{members} 个文件，签名与内容校验通过"


def _private_transport(out: Path) -> str:
    from unionperf.exchange import age  # noqa: PLC0415 - pyrage: a compiled module of the bundle

    package = next(out.glob("*.upkg"), None)
    if package is None:
        raise SelftestFailedError("没有可加密的数据包")
    blob = package.read_bytes()
    identity, recipient = age.generate()
    sealed = age.encrypt(blob, recipient)
    if age.read_header(sealed).recipient_types != (age.X25519,):
        raise SelftestFailedError("加密文件头不正确")
    if age.decrypt(sealed, identity) != blob:
        raise SelftestFailedError("解密后与签名数据包不一致")
    return f"{len(sealed)} 字节，解密后与签名数据包逐字节一致"


def _postgresql_driver() -> str:
    from unionperf.store.postgresql_driver import load_postgresql_driver  # noqa: PLC0415

    driver = load_postgresql_driver()
    if driver is None:
        if getattr(sys, "frozen", False):  # the bundle and the .deb must carry it
            raise SelftestFailedError("安装包缺少 PostgreSQL 驱动（psycopg）")
        return "未安装（可选：上级单位使用 PostgreSQL 数据库时安装 unionperf[postgresql]）"
    return f"psycopg {driver.psycopg}（{driver.implementation}），libpq {driver.libpq}"
