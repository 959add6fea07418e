<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../src/unionperf/ui/app.py" line="+59"/>
        <source>UnionPerf</source>
        <translation>工会预算绩效管理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open the workspace:
{error}</source>
        <translation>无法打开工作区：
{error}</translation>
    </message>
</context>
<context>
    <name>EmptyStateView</name>
    <message>
        <location filename="../../src/unionperf/ui/main_window.py" line="+52"/>
        <source>No data yet. Enter the union&apos;s profile and a year&apos;s budget, or load the demo union to look around.</source>
        <translation>还没有数据。请先填写单位信息和年度预算；也可以载入演示数据，先熟悉一下本软件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location line="+88"/>
        <source>UnionPerf · budget performance for grassroots trade unions</source>
        <translation>工会预算绩效管理 · 基层单机版</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Workspace: {path}</source>
        <translation>工作区：{path}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the workspace</source>
        <translation>无法读取工作区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No year yet</source>
        <translation>尚无年度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unified social credit code: {code}</source>
        <translation>统一社会信用代码：{code}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read the year {year}</source>
        <translation>无法读取{year}年度的数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Self-evaluation scores of {year}</source>
        <translation>{year}年度绩效自评得分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Year: {year}</source>
        <translation>年度：{year}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Load demo data</source>
        <translation>载入演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace this workspace&apos;s union profile with the demo union?</source>
        <translation>要用演示工会替换本工作区的单位信息吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot load the demo data</source>
        <translation>无法载入演示数据</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unit as a whole: score {score}, grade {grade}</source>
        <translation>单位整体：得分 {score}，等级 {grade}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The unit as a whole is not evaluated this year.</source>
        <translation>本年度不开展单位整体自评。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checks: {hard} to fix, {soft} to explain</source>
        <translation>审核：{hard} 个强制问题须改正，{soft} 个提示问题须说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checks: no problems found</source>
        <translation>审核：未发现问题</translation>
    </message>
</context>
<context>
    <name>ScoreTableModel</name>
    <message>
        <location filename="../../src/unionperf/ui/models/score_table_model.py" line="+64"/>
        <source>Project</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full-year budget (yuan)</source>
        <translation>全年预算数（元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Executed (yuan)</source>
        <translation>全年执行数（元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Below the exemption threshold: no targets or evaluation due</source>
        <translation>低于免报门槛：无需填报绩效目标和自评</translation>
    </message>
</context>
<context>
    <name>YearOverviewView</name>
    <message>
        <location filename="../../src/unionperf/ui/main_window.py" line="-176"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
</context>
</TS>
