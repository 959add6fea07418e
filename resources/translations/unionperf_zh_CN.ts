<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/about_dialog.py" line="+49"/>
        <source>About UnionPerf</source>
        <translation>关于工会预算绩效管理</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show licence…</source>
        <translation>查看许可证…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+81"/>
        <source>Font licence:</source>
        <translation>字体许可证：</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>UnionPerf works offline and sends nothing anywhere: your data stays in the workspace folder on this computer until you export a package yourself.</source>
        <translation>本软件完全离线运行，不会向任何地方发送数据：您的资料保存在本机的工作区文件夹中，只有您自己导出数据包时才会带出本机。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy these facts, e.g. for a support request</source>
        <translation>复制以上信息，例如发给技术支持人员</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Trade-union budget performance management · grassroots edition</source>
        <translation>工会预算绩效管理 · 基层单机版</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>UnionPerf {version}</source>
        <translation>工会预算绩效管理 {version}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database schema:</source>
        <translation>数据库结构版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package format:</source>
        <translation>数据包格式版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data format:</source>
        <translation>数据格式版本：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt / PySide6:</source>
        <translation>Qt / PySide6：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python:</source>
        <translation>Python：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operating system:</source>
        <translation>操作系统：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Font:</source>
        <translation>字体：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workspace folder:</source>
        <translation>工作区文件夹：</translation>
    </message>
</context>
<context>
    <name>AggregatePage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/models.py" line="+36"/>
        <source>Code</source>
        <translation>科目编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category</source>
        <translation>科目名称</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/assessment_model.py" line="+20"/>
        <source>Conclusion</source>
        <translation>评估结论</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Projects assessed</source>
        <translation>评估项目数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/unionperf/ui/upper/aggregate/models.py" line="+6"/>
        <location line="+55"/>
        <location line="+58"/>
        <location filename="../../src/unionperf/ui/upper/aggregate/page.py" line="+364"/>
        <location line="+3"/>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/models.py" line="-106"/>
        <source>Last year&apos;s actual</source>
        <translation>上年决算数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approved budget</source>
        <translation>批复预算数</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+62"/>
        <source>Executed</source>
        <translation>执行数</translation>
    </message>
    <message>
        <location line="-55"/>
        <location line="+62"/>
        <location line="+93"/>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/page.py" line="-250"/>
        <source>Projects</source>
        <translation>项目汇总</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/models.py" line="+13"/>
        <source>Project count</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Initial budget</source>
        <translation>年初预算数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Full-year budget</source>
        <translation>全年预算数</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Band</source>
        <translation>区间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/unionperf/ui/upper/aggregate/multi_year_model.py" line="+29"/>
        <source>Union name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Own score</source>
        <translation>自评得分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Own grade</source>
        <translation>自评等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Upper score</source>
        <translation>上级评分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Final grade</source>
        <translation>最终等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>报送状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/dialogs.py" line="+35"/>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Folder for the assessment notice</source>
        <translation>考核结果通报保存位置</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/page.py" line="+28"/>
        <source>Only units whose stage was approved</source>
        <translation>只计已通过的单位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose units…</source>
        <translation>选择单位…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export every table…</source>
        <translation>导出全部表格…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Group:</source>
        <translation>单位范围：</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Revenue and expenditure</source>
        <translation>收支汇总</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Execution and grades</source>
        <translation>执行率与等级分布</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+357"/>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <location line="-355"/>
        <source>Multi-year projects</source>
        <translation>多年期项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ex-ante assessments</source>
        <translation>事前绩效评估</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The stage chosen above, summed across the units&apos; current packages (amounts in yuan). The ranking uses this union&apos;s re-score where there is one. Each table exports to Excel on its own.</source>
        <translation>上方所选阶段，按各单位当前有效的数据包汇总（金额单位：元）。排名中经本会复评的单位用复评得分。每张表都可单独导出Excel。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Assessment notice…</source>
        <translation>考核结果通报…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The ranking and grades as a notice to print and send: PDF and Excel</source>
        <translation>把排名和等级写成通报，用于打印下发：PDF 和 Excel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export this table…</source>
        <translation>导出本表…</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>every unit</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} units chosen</source>
        <translation>已选 {count} 个单位</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{year} {stage}: {included} of {expected} units counted{only}.</source>
        <translation>{year}年度 {stage}：纳入 {included} 个单位（应报 {expected} 个）{only}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (approved only)</source>
        <translation>，仅计已通过的</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> Scores of {count} units: mean {mean}, median {median}, lowest {low}, highest {high}.</source>
        <translation>{count} 个单位得分：平均 {mean}，中位数 {median}，最低 {low}，最高 {high}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> Nothing to sum yet: no unit&apos;s package of this stage is counted. Receive the packages under “2. Receive”, or choose another year or stage above.</source>
        <translation>尚无可汇总的数据：本阶段还没有计入任何单位的数据包。请先在“2. 接收”中导入数据包，或在上方换选年度、阶段。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Units by execution rate</source>
        <translation>各单位预算执行率分布</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Units by grade</source>
        <translation>各单位评价等级分布</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read the register</source>
        <translation>无法读取下级单位登记表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No unit chosen</source>
        <translation>未选择单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick at least one unit to aggregate.</source>
        <translation>请至少勾选一个单位进行汇总。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{what} {year} {stage}.xlsx</source>
        <translation>{what}_{year}年{stage}.xlsx</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>aggregation</source>
        <translation>汇总表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The aggregation was not exported</source>
        <translation>汇总表未导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregation written to {path}</source>
        <translation>汇总表已写入 {path}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Assessment notice written to {path}</source>
        <translation>考核结果通报已写入 {path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The assessment notice was not written</source>
        <translation>考核结果通报未生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the assessment notice…</source>
        <translation>正在生成考核结果通报…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The table was not exported</source>
        <translation>表格未导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Table written to {path}</source>
        <translation>表格已写入 {path}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revenue by category</source>
        <translation>收入（按科目）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expenditure by category</source>
        <translation>支出（按科目）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects by category</source>
        <translation>项目（按支出类别）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects by attribute</source>
        <translation>项目（按项目属性）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Execution-rate bands</source>
        <translation>执行率分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade bands</source>
        <translation>等级分布</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Multi-year projects (clear-outs proposed first)</source>
        <translation>多年期项目（提出清理退出的在前）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/multi_year_model.py" line="+7"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Period</source>
        <translation>实施期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mid-term funds</source>
        <translation>中期资金总额</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cumulative budget</source>
        <translation>累计预算数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cumulative executed</source>
        <translation>累计执行数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cumulative rate</source>
        <translation>累计执行率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear-out</source>
        <translation>清理退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Proposed</source>
        <translation>已提出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reason</source>
        <translation>清理退出原因</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../src/unionperf/ui/app.py" line="+306"/>
        <location filename="../../src/unionperf/ui/start_shell.py" line="+40"/>
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
    <name>ArrivalChart</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/arrival_chart.py" line="+52"/>
        <source>No monitoring point</source>
        <translation>没有监控时点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revenue arrival by category to {date} (time progress {progress}%)</source>
        <translation>截至{date}各项收入到位率（时间进度{progress}%）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Red: behind time progress by more than {points} pts</source>
        <translation>红色：落后时间进度超过{points}个百分点</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time progress</source>
        <translation>时间进度</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Arrival rate</source>
        <translation>到位率</translation>
    </message>
</context>
<context>
    <name>AssessmentBar</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/assessment.py" line="+62"/>
        <source>Ex-ante assessment: the project&apos;s budget of {budget} yuan reaches the threshold of {threshold} yuan; none is recorded yet (needed before the sign-off)</source>
        <translation>事前绩效评估：项目预算{budget}元，达到门槛{threshold}元，尚未填写（签字确认前须完成）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ex-ante assessment: still to fill in: {names}</source>
        <translation>事前绩效评估：尚未填写{names}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ex-ante assessment: concluded “{word}”: the project&apos;s targets cannot be signed off</source>
        <translation>事前绩效评估：结论为“{word}”，该项目的绩效目标不能签字确认</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ex-ante assessment: {word} ({assessor}, {date})</source>
        <translation>事前绩效评估：{word}（{assessor}，{date}）</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Ex-ante assessment of {name}</source>
        <translation>事前绩效评估：{name}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ex-ante assessment…</source>
        <translation>事前绩效评估…</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <location line="-99"/>
        <source>Ex-ante assessment — {name}</source>
        <translation>事前绩效评估 — {name}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(no conclusion yet)</source>
        <translation>（尚未作出结论）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/board/models.py" line="+39"/>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Union name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sequence</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Execution</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Contact</source>
        <translation>联系人及电话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{contact} (no key yet)</source>
        <translation>{contact}（尚未登记公钥）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/board/page.py" line="+55"/>
        <source>Export the reporting status</source>
        <translation>导出报送情况</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a monitoring point</source>
        <translation>添加监控时点</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cut-off date of the monitoring point:</source>
        <translation>监控时点（截至日期）：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Find: name or credit code</source>
        <translation>查找：单位名称或统一社会信用代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Who has reported the stage chosen above, who is late or missing, who was returned and has sent again. Double-click a unit that reported to review it.</source>
        <translation>上方所选阶段谁已报、谁逾期或未报、谁被退回后已重报。双击已报送的单位即可审核。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Set deadline</source>
        <translation>设置截止日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove deadline</source>
        <translation>取消截止日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a monitoring point…</source>
        <translation>添加监控时点…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadline of this stage (last day allowed)</source>
        <translation>本阶段报送截止日期（含当日）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cannot read the reporting status</source>
        <translation>无法读取报送情况</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{year}: {stage}</source>
        <translation>{year}年度 {stage}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected {expected} · reported {reported} · rate {rate}</source>
        <translation>应报 {expected} · 已报 {reported} · 报送率 {rate}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> · on time {count} · on-time rate {rate}</source>
        <translation> · 按时 {count} · 及时率 {rate}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{shown} of {total} units shown</source>
        <translation>显示 {shown} 个单位（共 {total} 个）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No unit registered yet: register the units under “1. Units” first, then receive their packages under “2. Receive”.</source>
        <translation>尚未登记下级单位：请先在“1. 下级单位”中登记，再在“2. 接收”中导入其数据包。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No deadline set: no unit is late.</source>
        <translation>未设置截止日期：不判定逾期。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deadline {due}: passed {days} days ago.</source>
        <translation>截止日期 {due}：已过 {days} 天。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadline {due}: today.</source>
        <translation>截止日期 {due}：就是今天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline {due}: {days} days left.</source>
        <translation>截止日期 {due}：还有 {days} 天。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The deadline was not saved</source>
        <translation>截止日期未保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deadline of {stage} set to {due}.</source>
        <translation>{stage}的截止日期已设为 {due}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline of {stage} removed.</source>
        <translation>已取消{stage}的截止日期。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>reporting status {year} {stage}.xlsx</source>
        <translation>报送情况_{year}年{stage}.xlsx</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The reporting status was not exported</source>
        <translation>报送情况未导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reporting status written to {path}</source>
        <translation>报送情况已写入 {path}</translation>
    </message>
</context>
<context>
    <name>BudgetStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/project_tab.py" line="+62"/>
        <location line="+37"/>
        <source>Delete project</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Delete the project “{name}” with its targets, monitoring and self-evaluation? Ctrl+Z brings it back.</source>
        <translation>删除项目“{name}”及其绩效目标、运行监控和自评记录？删除后可按 Ctrl+Z 恢复。</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+203"/>
        <source>Add project</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>Add source</source>
        <translation>增加资金来源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove source</source>
        <translation>删除资金来源</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type a project&apos;s initial budget on its row, or per funding source in the table below; the full-year budget follows it until you type an adjustment.</source>
        <translation>在项目行或下方资金来源表中填写年初预算数，全年预算数随之填入；年中追加或调减时再修改全年预算数。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/page.py" line="+61"/>
        <source>Opening balance</source>
        <translation>“上年结余”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Budget by category</source>
        <translation>收支预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects and funding</source>
        <translation>项目及资金来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type the amounts in yuan; the approved budget is the budget plus the adjustment. Revenue plus the opening balance must cover the expenditure.</source>
        <translation>金额单位为元；批复预算数＝本年预算数＋调整数。收入合计加上年结余应不少于支出合计。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening balance (carried from last year):</source>
        <translation>上年结余：</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Revenue total {revenue} + opening balance {opening} − expenditure total {expenditure} = balance {balance}</source>
        <translation>收入合计 {revenue} ＋ 上年结余 {opening} － 支出合计 {expenditure} ＝ 年末结余 {balance}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(a deficit: the union budget may not run one)</source>
        <translation>（出现赤字：工会预算不得列赤字）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/project_tab.py" line="+84"/>
        <source>No project selected</source>
        <translation>未选中项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Funding of “{name}” (full-year budget {total})</source>
        <translation>“{name}”的资金来源（全年预算数 {total}）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/tables.py" line="+87"/>
        <source>The change was not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” is not an amount in yuan (at most two decimals).</source>
        <translation>“{text}”不是有效金额（单位为元，最多两位小数）。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/page.py" line="+42"/>
        <source>Edit the budget of “{category}”</source>
        <translation>修改“{category}”预算</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Edit the opening balance</source>
        <translation>修改上年结余</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/project_tab.py" line="+52"/>
        <source>Edit the project “{name}”</source>
        <translation>修改项目“{name}”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The project no longer exists.</source>
        <translation>该项目已不存在。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <source>New project {number}</source>
        <translation>新项目{number}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Delete the project “{name}”</source>
        <translation>删除项目“{name}”</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Edit the funding of “{name}”</source>
        <translation>修改项目“{name}”的资金来源</translation>
    </message>
</context>
<context>
    <name>BudgetTable</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/project_models.py" line="+70"/>
        <source>Own union funds</source>
        <translation>本级工会经费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upper-level union subsidy</source>
        <translation>上级工会补助</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Employer subsidy</source>
        <translation>行政补助</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carried over from last year</source>
        <translation>上年结转资金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other funds</source>
        <translation>其他资金</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New project</source>
        <translation>新增项目</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Continuing project</source>
        <translation>延续项目</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/budget_models.py" line="+95"/>
        <source>Revenue total</source>
        <translation>收入合计</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expenditure total</source>
        <translation>支出合计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last year&apos;s actual</source>
        <translation>上年决算数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Budget this year</source>
        <translation>本年预算数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjustment</source>
        <translation>调整数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved budget</source>
        <translation>批复预算数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Executed (full year)</source>
        <translation>全年执行数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Code</source>
        <translation>科目编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category</source>
        <translation>科目名称</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Budget this year + adjustment</source>
        <translation>本年预算数＋调整数</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/project_models.py" line="+29"/>
        <source>Project code</source>
        <translation>项目编码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Expenditure category</source>
        <translation>支出科目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Attribute</source>
        <translation>项目属性</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>End</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Responsible</source>
        <translation>项目负责人</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+108"/>
        <source>Full-year budget</source>
        <translation>全年预算数</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Mid-term funds</source>
        <translation>中期资金总额</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The funds of the project&apos;s whole period (中期资金总额 of the target declaration form); for a one-year project its year&apos;s. Blank: none declared</source>
        <translation>项目整个实施期的资金（绩效目标申报表的中期资金总额）；一年期项目即当年的资金。留空：未申报</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Type the amount here or in the funding table below; the full-year budget follows the initial budget until an adjustment is typed</source>
        <translation>可在此处或下方资金来源表中填写金额；未填写调整后金额时，全年预算数随年初预算数自动填入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sum of {count} funding sources: type each one in the funding table below</source>
        <translation>{count}个资金来源的合计：请在下方资金来源表中逐项填写</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The budget approved at the start of the year</source>
        <translation>年初批准的预算金额</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The budget after mid-year additions or cuts; it follows the initial budget until you type another amount here</source>
        <translation>年中追加或调减后的预算；在此填写其他金额之前，随年初预算数自动填入</translation>
    </message>
    <message>
        <location line="-107"/>
        <location line="+109"/>
        <source>Executed</source>
        <translation>全年执行数</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Funding source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+107"/>
        <source>Initial budget</source>
        <translation>年初预算数</translation>
    </message>
</context>
<context>
    <name>CategoryChart</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/charts.py" line="+387"/>
        <source>Expenditure by category, {year}</source>
        <translation>{year}年分类支出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expenditure by category: {year} against {last}</source>
        <translation>分类支出：{year}年与{last}年对比</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{title}: no expenditure budget yet</source>
        <translation>{title}：尚无支出预算</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>{year} approved budget</source>
        <translation>{year}年批复预算数</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>{year} final accounts</source>
        <translation>{year}年决算数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{year} executed</source>
        <translation>{year}年执行数</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>10,000 yuan</source>
        <translation>万元</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/crash_dialog.py" line="+34"/>
        <source>UnionPerf – unexpected error</source>
        <translation>工会预算绩效管理 · 程序错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report: {path}</source>
        <translation>错误报告：{path}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/crash.py" line="+295"/>
        <source>An unexpected error happened. Your data is safe: every change made before it was saved. The details were written to a report; please send it to whoever supports you, with what you were doing.</source>
        <translation>程序发生了意外错误。您的数据是安全的：出错之前的每一处修改都已保存。详细信息已写入错误报告，请将报告连同当时的操作一并发给技术支持人员。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The last session ended with an error. Your saved data is safe. The report below helps whoever supports you to find the cause.</source>
        <translation>上次运行时程序因错误而结束。已保存的数据是安全的。下面的错误报告可帮助技术支持人员查找原因。</translation>
    </message>
</context>
<context>
    <name>CycleStrip</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/multi_year.py" line="+294"/>
        <source>Whole period…</source>
        <translation>全周期跟踪…</translation>
    </message>
</context>
<context>
    <name>DeadlineDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/deadline_dialog.py" line="+57"/>
        <source>New deadline</source>
        <translation>新增截止日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the deadline</source>
        <translation>修改截止日期</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monitoring cut-off day:</source>
        <translation>监控时点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day to report:</source>
        <translation>报送截止日期：</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <location filename="../../src/unionperf/ui/deadlines.py" line="+44"/>
        <source>{stage}: sent (due {date})</source>
        <translation>{stage}已报送（截止 {date}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{stage} due {date}, {days} days left</source>
        <translation>{stage}报送截止 {date}，还有 {days} 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{stage} due today ({date})</source>
        <translation>{stage}今天报送截止（{date}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{stage} was due {date}: {days} days overdue</source>
        <translation>{stage}报送截止 {date}，已逾期 {days} 天</translation>
    </message>
</context>
<context>
    <name>DeadlinesTab</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/deadlines_tab.py" line="+68"/>
        <source>New deadline…</source>
        <translation>新增截止日期…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a deadlines file…</source>
        <translation>导入截止日期文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send no deadlines</source>
        <translation>不下发截止日期</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>To send: {count} deadlines.</source>
        <translation>将下发：{count}个截止日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No deadlines set to send: add one, or take those set on the status board.</source>
        <translation>尚未设置要下发的截止日期：可逐条新增，或采用报送情况中设置的截止日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use the deadlines of {year} from the status board</source>
        <translation>采用报送情况中{year}年度的截止日期</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Deadline added.</source>
        <translation>已新增截止日期。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Deadline changed.</source>
        <translation>已修改截止日期。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The deadline was not removed</source>
        <translation>截止日期未删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline of {what} removed.</source>
        <translation>已删除{what}的截止日期。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No deadline</source>
        <translation>没有截止日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No deadline is set for {year} on the status board: set them there first, stage by stage, or add them here one by one.</source>
        <translation>报送情况中尚未设置{year}年度的截止日期：请先在报送情况中逐个阶段设置，或在此逐条新增。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <location line="+9"/>
        <source>The deadlines were not set</source>
        <translation>截止日期未设置</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+12"/>
        <source>{count} deadlines set to send.</source>
        <translation>已设置下发{count}个截止日期。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No deadlines will be sent.</source>
        <translation>将不下发截止日期。</translation>
    </message>
</context>
<context>
    <name>Disclosure</name>
    <message>
        <location filename="../../src/unionperf/ui/disclosure.py" line="+39"/>
        <source>No disclosure sheet</source>
        <translation>无法生成绩效信息公开表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open or start a year first.</source>
        <translation>请先打开或新建一个年度。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder for the disclosure sheet</source>
        <translation>选择保存绩效信息公开表的文件夹</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Disclosure sheet written</source>
        <translation>绩效信息公开表已生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Written to {folder}:
{names}

It holds no personal data: print it for the members&apos; assembly and the notice board.</source>
        <translation>已保存到 {folder}：
{names}

表中不含个人信息，可打印后提交会员（代表）大会并在公开栏公布。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The disclosure sheet was not written</source>
        <translation>未能生成绩效信息公开表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing the disclosure sheet…</source>
        <translation>正在生成绩效信息公开表…</translation>
    </message>
</context>
<context>
    <name>DropArea</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/receive/page.py" line="+106"/>
        <source>Drop package files (.upkg) or whole folders here — subfolders are searched too</source>
        <translation>把数据包文件（.upkg）或整个文件夹拖到这里——子文件夹也会查找</translation>
    </message>
</context>
<context>
    <name>EncryptOption</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/encryption.py" line="+25"/>
        <source>Encrypt before sending</source>
        <translation>加密后发送</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Encrypt the package for the upper level (age): only the upper level can open it. Send the .upkg.age file by email; the forms are not encrypted, they are for printing.</source>
        <translation>用上级工会的加密收件人加密数据包（age 格式），只有上级工会能打开。通过电子邮件发送 .upkg.age 文件；表格不加密，用于打印。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The package is encrypted for the upper level: send only the .upkg.age file by email. The forms are not encrypted; print them.</source>
        <translation>数据包已为上级工会加密：通过电子邮件只发送 .upkg.age 文件。表格未加密，请打印后报送，不要随邮件发送。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/entry_dialog.py" line="+69"/>
        <source>New indicator</source>
        <translation>新增指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the indicator</source>
        <translation>修改指标</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. 场, 人次, %, 元</source>
        <translation>如 场、人次、%、元</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Expenditure codes it suits, e.g. 501；502</source>
        <translation>适用的支出科目代码，如 501；502</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Category:</source>
        <translation>所属指标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indicator name:</source>
        <translation>指标名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator:</source>
        <translation>计算符号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target:</source>
        <translation>指标值：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit of measure:</source>
        <translation>计量单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explanation:</source>
        <translation>指标解释：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard:</source>
        <translation>标准依据：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For:</source>
        <translation>适用于：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expenditure categories:</source>
        <translation>支出科目：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The wording, e.g. 达到预期</source>
        <translation>定性表述，如 达到预期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A number, e.g. 12</source>
        <translation>数字，如 12</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The target “{text}” is not a number.</source>
        <translation>指标值“{text}”不是数字。</translation>
    </message>
</context>
<context>
    <name>EvaluationModels</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/owner_models.py" line="+31"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/indicator_models.py" line="+147"/>
        <location filename="../../src/unionperf/ui/steps/evaluation/owner_models.py" line="+6"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/owner_models.py" line="+6"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full-year budget (yuan)</source>
        <translation>全年预算数（元）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Executed (yuan)</source>
        <translation>全年执行数（元）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not yet</source>
        <translation>未评</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Self-evaluation not filled in yet: no score or grade</source>
        <translation>尚未填写自评：暂无得分和等级</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Below the exemption threshold: no self-evaluation is due</source>
        <translation>低于免报金额：可不进行绩效自评</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/indicator_models.py" line="-2"/>
        <source>Actual</source>
        <translation>实际完成值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tier</source>
        <translation>评价档次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason not applicable</source>
        <translation>不适用理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deduction</source>
        <translation>调减分值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for deduction</source>
        <translation>调减理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deviation analysis</source>
        <translation>偏差原因分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Improvement measures</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level 1</source>
        <translation>一级指标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Level 2</source>
        <translation>二级指标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Indicator</source>
        <translation>三级指标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Target</source>
        <translation>指标值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(not judged)</source>
        <translation>（未评定）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Qualitative indicators: pick the tier the result reached</source>
        <translation>定性指标：请选择实际达到的评价档次</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Tick when the indicator does not apply this year</source>
        <translation>本年度该指标不适用时勾选，并填写理由</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The actual far exceeds the target: you may reduce the score, with a reason</source>
        <translation>实际完成值大幅超过指标值：可按偏离程度调减分值，并说明理由</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Required: explain the deviation and its cause</source>
        <translation>必填：请说明偏差情况及原因</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>What was achieved, in words (the tier and score follow)</source>
        <translation>用文字描述实际完成情况（再选择档次并打分）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In {unit}</source>
        <translation>单位：{unit}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick the tier first, then type a score inside its band</source>
        <translation>请先选择评价档次，再在该档次的分数范围内打分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Allowed for this tier: {low} to {high} points</source>
        <translation>该档次得分范围：{low}～{high}分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allowed for this tier: {low} to under {high} points</source>
        <translation>该档次得分范围：{low}分（含）至{high}分（不含）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/funds_models.py" line="+48"/>
        <source>Expenditure category</source>
        <translation>支出科目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funding source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Budget at the start of the year</source>
        <translation>本年预算数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initial budget</source>
        <translation>年初预算数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approved budget (A)</source>
        <translation>批复预算数（A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full-year budget (A)</source>
        <translation>全年预算数（A）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set in step 2, Annual budget</source>
        <translation>在第2步“年度预算”中填写</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Executed in the year (B)</source>
        <translation>全年执行数（B）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type what was actually spent in the year (yuan)</source>
        <translation>填写全年实际支出金额（元）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Execution rate (B/A)</source>
        <translation>执行率（B/A）</translation>
    </message>
</context>
<context>
    <name>EvaluationStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/page.py" line="+107"/>
        <source>Indicators</source>
        <translation>绩效指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Budget execution</source>
        <translation>预算执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overall results</source>
        <translation>总体完成情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts of the year</source>
        <translation>本年度图表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Whole period</source>
        <translation>全周期跟踪</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-off</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disclosure sheet…</source>
        <translation>生成绩效信息公开表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The year on one page for the members&apos; assembly and the notice board</source>
        <translation>本年度预算绩效信息一页汇总，供会员（代表）大会和公开栏使用（不含个人信息）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/header.py" line="+105"/>
        <source>Enter each indicator&apos;s actual value (a tier and a score for qualitative ones): scores follow the rules. Red cells still need an entry.</source>
        <translation>逐项填写实际完成值（定性指标选择评价档次并打分），得分按规则自动计算。红色单元格为尚需填写的内容。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/texts.py" line="+60"/>
        <source>What was achieved against the annual overall goal</source>
        <translation>年度总体目标实际完成情况</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/funds_tab.py" line="+51"/>
        <source>Funds execution analysis (required when the execution score is below its points)</source>
        <translation>资金执行偏差原因分析（预算执行得分低于分值时必填）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Type what each expenditure category actually spent in the year (the same column as under Annual budget). The execution rate and the score follow.</source>
        <translation>逐行填写各支出科目的全年实际支出（与“年度预算 › 收支预算”中的全年执行数为同一数据），执行率和得分随之更新。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type what each funding source of the project actually spent in the year (全年执行数). The execution rate and the score follow at once.</source>
        <translation>逐行填写本项目各资金来源的全年实际支出（全年执行数），执行率和得分随即更新。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The project no longer exists.</source>
        <translation>该项目已不存在。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Executed amount of “{name}” ({source})</source>
        <translation>“{name}”（{source}）的全年执行数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Executed amount of “{category}”</source>
        <translation>“{category}”的全年执行数</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/texts.py" line="+3"/>
        <source>Result application and suggestions for next year</source>
        <translation>结果应用及下年度建议</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Annual overall goal (from the targets)</source>
        <translation>年度总体目标（取自绩效目标）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/page.py" line="+95"/>
        <source>Supporting evidence (scans, photos, sign-in sheets): drop files on the list or click “Attach files…”. Double-click a file to open it.</source>
        <translation>佐证材料（扫描件、照片、签到表等）：把文件拖到下方列表，或点击“添加文件…”。双击文件可打开查看。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attach files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>No year is open</source>
        <translation>尚未打开年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to evaluate yet</source>
        <translation>暂无可自评的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set up the projects and their targets first (steps 2 and 3).</source>
        <translation>请先在第2、3步编制项目和绩效目标。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} (below the exemption threshold: optional)</source>
        <translation>{name}（低于免报金额，可不自评）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/header.py" line="-53"/>
        <source>Self-evaluation not filled in yet</source>
        <translation>尚未填写自评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total {total} · {grade}</source>
        <translation>总分 {total} 分 · {grade}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Budget execution: full-year budget {budget} yuan, executed {executed} yuan, rate {rate}, score {score} of {points}</source>
        <translation>预算执行：全年预算数 {budget} 元，全年执行数 {executed} 元，执行率 {rate}，得分 {score}/{points}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the year&apos;s spending is missing: type it under Budget execution</source>
        <translation>尚未填写全年执行数：点此到“预算执行”页填写</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>change the spending</source>
        <translation>修改全年执行数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This has no indicators yet: set them in step 3, Performance targets.</source>
        <translation>尚未设置绩效指标：请在第3步“绩效目标”中设置。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not filled in yet: first type each indicator&apos;s actual value below (a tier and a score for qualitative ones), then the year&apos;s spending under Budget execution. The score and the grade appear once values are typed.</source>
        <translation>尚未填写自评：请先在下表逐项填写实际完成值（定性指标选择评价档次并打分），再到“预算执行”页填写全年执行数。填写后才显示得分和等级。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/page.py" line="+63"/>
        <source>{field} of “{indicator}”</source>
        <translation>指标“{indicator}”的{field}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What was achieved</source>
        <translation>总体完成情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funds execution analysis</source>
        <translation>资金执行偏差原因分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result application</source>
        <translation>结果应用</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/charts_tab.py" line="+44"/>
        <source>Score per project</source>
        <translation>各项目得分</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grade distribution</source>
        <translation>评价等级分布</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/evidence_list.py" line="+39"/>
        <source>Attach evidence files</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scans, photos and documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.ofd);;All files (*)</source>
        <translation>扫描件、照片和文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.ofd);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Cannot read the evidence files</source>
        <translation>无法读取佐证材料</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SHA-256: {hash}</source>
        <translation>SHA-256 校验值：{hash}</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Attaching {count} file(s)…</source>
        <translation>正在添加 {count} 个文件…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Some files were not attached</source>
        <translation>部分文件未能添加</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The files were not attached</source>
        <translation>文件未能添加</translation>
    </message>
</context>
<context>
    <name>ExecutionChart</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/charts.py" line="-345"/>
        <source>{unit} (unit as a whole)</source>
        <translation>{unit}（单位整体）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>本单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: cumulative execution rate against time progress</source>
        <translation>{name}：累计执行率与时间进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}: no monitoring points yet</source>
        <translation>{name}：尚未设置监控时点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time progress</source>
        <translation>时间进度</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Monitoring cut-off (month-day)</source>
        <translation>监控截止日期（月-日）</translation>
    </message>
</context>
<context>
    <name>FilesTab</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/extra_tabs.py" line="+174"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save to a folder…</source>
        <translation>另存到文件夹…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This package holds no forms or evidence files.</source>
        <translation>该数据包未附报表或佐证材料。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} files; double-click one to open it.</source>
        <translation>共 {count} 个文件，双击打开。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The file was not written</source>
        <translation>文件未写出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save the file to</source>
        <translation>文件另存到</translation>
    </message>
</context>
<context>
    <name>FillinActions</name>
    <message>
        <location filename="../../src/unionperf/ui/fillin_actions.py" line="+47"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export the Excel fill-in workbook</source>
        <translation>导出Excel填报表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import the Excel fill-in workbook</source>
        <translation>导入Excel填报表</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Export the Excel fill-in workbook…</source>
        <translation>导出Excel填报表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The year&apos;s budget, projects, targets and results as a workbook to fill in</source>
        <translation>把本年度的预算、项目、绩效目标和自评结果导出为可填写的Excel工作簿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import the Excel fill-in workbook…</source>
        <translation>导入Excel填报表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read a filled-in workbook back: all of it, or nothing when a cell is wrong</source>
        <translation>读回填好的工作簿：全部检查通过才保存，有一处错误就不保存</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Writing the fill-in workbook…</source>
        <translation>正在生成填报表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The fill-in workbook was not written</source>
        <translation>填报表未生成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fill-in workbook written</source>
        <translation>填报表已导出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The workbook is in {path}. Fill it in with Excel or WPS, save it, then import it here with File › Import the Excel fill-in workbook.</source>
        <translation>填报表已保存到 {path}。请用Excel或WPS填写并保存，再通过“文件 › 导入Excel填报表…”导入本软件。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Checking and importing the fill-in workbook…</source>
        <translation>正在检查并导入填报表…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The data before the import was backed up: to take the import back, restore the backup “before importing a whole year” with File › Restore from backup….</source>
        <translation>导入之前的数据已自动备份：如需撤回这次导入，请通过“文件 › 从备份恢复…”恢复“导入整年数据之前”的备份。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fill-in workbook imported</source>
        <translation>填报表已导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The fill-in workbook was not imported</source>
        <translation>填报表未导入</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../src/unionperf/ui/first_run.py" line="+83"/>
        <source>UnionPerf – getting started</source>
        <translation>工会预算绩效管理 · 首次使用</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>The workspace was not created</source>
        <translation>未能创建工作区</translation>
    </message>
</context>
<context>
    <name>GradeChart</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/charts.py" line="+190"/>
        <source>Grades of {count} projects (no unit-wide evaluation)</source>
        <translation>{count}个项目的评价等级（未开展单位整体评价）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Grades of {count} projects — unit as a whole: {score} points, {grade}</source>
        <translation>{count}个项目的评价等级 — 单位整体：{score}分，{grade}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Projects</source>
        <translation>项目数（个）</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/aggregate/dialogs.py" line="-57"/>
        <source>Units to aggregate</source>
        <translation>参加汇总的单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find a unit</source>
        <translation>查找单位</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untick all</source>
        <translation>全不选</translation>
    </message>
</context>
<context>
    <name>GuidanceCard</name>
    <message>
        <location filename="../../src/unionperf/ui/guidance.py" line="+101"/>
        <source>Guidance and rules…</source>
        <translation>说明与依据…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What this step is for, what the upper level checks, and the rule (F1)</source>
        <translation>这一步做什么、上级工会看什么，以及依据的文件条款（F1）</translation>
    </message>
</context>
<context>
    <name>GuidanceDialog</name>
    <message>
        <location line="-60"/>
        <location line="+39"/>
        <source>Original text of {regulation}</source>
        <translation>查看文件原文（{regulation}）</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Guidance: {title}</source>
        <translation>说明：{title}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The guidance cannot be shown</source>
        <translation>无法显示说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the guidance</source>
        <translation>返回本步说明</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/register/dialogs.py" line="+279"/>
        <source>Key history of {name}</source>
        <translation>{name}的公钥更换记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current key: {id}</source>
        <translation>当前公钥：{id}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No key is registered now.</source>
        <translation>目前没有登记公钥。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replaced keys ({count}); packages they signed stay recognised:</source>
        <translation>已更换的公钥（{count} 个），用它们签名的旧数据包仍可识别：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key was never replaced.</source>
        <translation>公钥从未更换。</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/fillin_actions.py" line="-150"/>
        <source>The fill-in workbook was not imported</source>
        <translation>填报表未导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} problems were found in {file}; nothing was saved. Correct them in the workbook, save it and import it again.</source>
        <translation>在 {file} 中发现 {count} 个问题，未保存任何修改。请在工作簿中逐一改正、保存后再导入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../src/unionperf/ui/jobs.py" line="+124"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../../src/unionperf/ui/first_run.py" line="+183"/>
        <source>Your signing key is ready</source>
        <translation>签名密钥已生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+51"/>
        <source>Register it with the upper union before you send your first package.</source>
        <translation>首次报送数据包之前，请先到上级工会登记本单位的签名公钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The upper union checks every package you send against this key id. Print the key registration sheet, have it signed by the chair, seal it and hand it to the upper union&apos;s finance department.</source>
        <translation>上级工会将用此密钥编号核对本单位报送的每一个数据包。请打印公钥登记表，由工会主席签字并加盖公章后，交上级工会财务部门。</translation>
    </message>
    <message>
        <location line="-44"/>
        <location line="+45"/>
        <source>Print the key registration sheet…</source>
        <translation>打印公钥登记表…</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Key id (fingerprint):</source>
        <translation>密钥编号（指纹）：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Your units check this union&apos;s feedback and parameters against it.</source>
        <translation>下级单位用它核对本会下发的审核意见和参数包。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print the key sheet, have it signed and sealed, and give it to your units with the public key file: a unit trusts this union&apos;s key only when the key id matches the paper.</source>
        <translation>请打印公钥告知表，签字盖章后连同公钥文件发给下级单位：单位核对密钥编号与纸质告知表一致后，才会信任本会的公钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this union&apos;s key sheet…</source>
        <translation>打印本会公钥告知表…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The workspace was created in {path}.</source>
        <translation>工作区已创建：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its data are kept in the PostgreSQL database {url}.</source>
        <translation>数据保存在 PostgreSQL 数据库：{url}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The sheet was not written</source>
        <translation>未能生成公钥登记表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written to {path}; print it from the PDF viewer.</source>
        <translation>已保存到 {path}，请在PDF阅读器中打印。</translation>
    </message>
</context>
<context>
    <name>KeysBox</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/unit/keys_box.py" line="+48"/>
        <source>Folder for the key registration sheet</source>
        <translation>公钥登记表的保存位置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Public key file of the upper-level union</source>
        <translation>上级工会的公钥文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>公钥文件 (*.pub);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Signing keys</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the key registration sheet…</source>
        <translation>打印公钥登记表…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sheet with this unit&apos;s key id for the upper-level union; print it again after the key was replaced.</source>
        <translation>载有本单位签名密钥编号的登记表，签字盖章后交上级工会；更换密钥后须重新打印。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the upper-level union&apos;s public key…</source>
        <translation>导入上级工会公钥…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This unit&apos;s key:</source>
        <translation>本单位密钥：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upper-level union&apos;s key:</source>
        <translation>上级工会公钥：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not imported yet: import it before the first feedback package of the upper-level union arrives.</source>
        <translation>尚未导入：收到上级工会的第一个反馈数据包之前，请导入上级工会提供的公钥文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported: key id {key} ({name})</source>
        <translation>已导入：密钥编号 {key}（{name}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>upper-level union</source>
        <translation>上级工会</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Writing the key registration sheet…</source>
        <translation>正在生成公钥登记表…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Key registration sheet written</source>
        <translation>公钥登记表已生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sheet is in {path}: open it and print it.</source>
        <translation>公钥登记表已保存到 {path}，请打开后打印。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key registration sheet was not written</source>
        <translation>公钥登记表未生成</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+17"/>
        <source>The public key was not imported</source>
        <translation>公钥未导入</translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/library_dialog.py" line="+62"/>
        <source>Indicator library: {category}</source>
        <translation>指标库：{category}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Pick one or more indicators (Ctrl+click) and adjust the target values after adding them. Grey rows are already in the targets.</source>
        <translation>选择一个或多个指标（按住Ctrl键单击可多选），添加后请按本单位实际调整指标值。灰色行表示该指标已在绩效目标中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Indicator</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Typical target</source>
        <translation>参考指标值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suits</source>
        <translation>适用于</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explanation</source>
        <translation>指标解释</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Either</source>
        <translation>均可</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/library_tab.py" line="+117"/>
        <source>New indicator…</source>
        <translation>新增指标…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the bundled library</source>
        <translation>使用软件自带指标库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a library file…</source>
        <translation>导入指标库文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import Excel…</source>
        <translation>导入Excel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No library set: the units keep the library bundled with the program. Add an indicator (the bundled ones are kept) or import one to send.</source>
        <translation>尚未设置指标库：各单位沿用软件自带的指标库。可新增指标（在自带指标库的基础上修改）或导入指标库后下发。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To send: {title} {version}, {count} indicators.</source>
        <translation>将下发：{title} {version}，共{count}个指标。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot read the library</source>
        <translation>无法读取指标库</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Indicator “{name}” added.</source>
        <translation>已新增指标“{name}”。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Indicator “{name}” changed.</source>
        <translation>已修改指标“{name}”。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The indicator was not removed</source>
        <translation>指标未删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indicator “{name}” removed.</source>
        <translation>已删除指标“{name}”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+12"/>
        <source>The library was not set</source>
        <translation>指标库未设置</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+12"/>
        <location line="+12"/>
        <source>{count} indicators set to send.</source>
        <translation>已设置下发{count}个指标。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The library was not imported</source>
        <translation>指标库未导入</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The library was not exported</source>
        <translation>指标库未导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Library written to {path}</source>
        <translation>指标库已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>LicenceDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/about_dialog.py" line="+40"/>
        <source>Licence: {name}</source>
        <translation>许可证：{name}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/unionperf/ui/main_window.py" line="+85"/>
        <source>UnionPerf · budget performance for grassroots trade unions</source>
        <translation>工会预算绩效管理 · 基层单机版</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Problems</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New year…</source>
        <translation>新建年度…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disclosure sheet…</source>
        <translation>生成绩效信息公开表…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the workspace folder</source>
        <translation>打开工作区所在文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a parameter package of the upper level…</source>
        <translation>导入上级工会参数包…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/help_menu.py" line="+28"/>
        <source>About UnionPerf…</source>
        <translation>关于工会预算绩效管理…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guidance for this step</source>
        <translation>本步说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export anonymised support data…</source>
        <translation>导出匿名支持数据…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/main_window.py" line="+28"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Workspace: {path}</source>
        <translation>工作区：{path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workspace folder: {path}</source>
        <translation>工作区文件夹：{path}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot read the workspace</source>
        <translation>无法读取工作区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(union profile not entered yet)</source>
        <translation>（尚未填写工会信息）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No year yet</source>
        <translation>尚无年度</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/new_year_dialog.py" line="+339"/>
        <source>Cannot start the year</source>
        <translation>无法新建年度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting the year {year}…</source>
        <translation>正在新建{year}年度…</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/main_window.py" line="+112"/>
        <source>The change was not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backed up at {when}</source>
        <translation>已备份（{when}）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Restored from a backup; the data before it is in the backup of {when}</source>
        <translation>已从备份恢复；恢复之前的数据在 {when} 的备份中</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Last backup: {when}</source>
        <translation>最近备份：{when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No backup yet</source>
        <translation>尚无备份</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read the year {year}</source>
        <translation>无法读取{year}年度的数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Year: {year}</source>
        <translation>年度：{year}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../src/unionperf/ui/messages.py" line="+50"/>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{stage}” was signed off by the chair and is locked.
A change now is an adjustment: give the reason (it is kept in the history).</source>
        <translation>“{stage}”已经工会主席签字确认并锁定。
现在修改属于调整，请填写调整原因（原因将记入修改历史）。</translation>
    </message>
</context>
<context>
    <name>MonitoringModels</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/labels.py" line="+50"/>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Green</source>
        <translation>绿</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Blue</source>
        <translation>蓝</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Certain</source>
        <translation>确定能</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Possible</source>
        <translation>有可能</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Impossible</source>
        <translation>完全不可能</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Funding</source>
        <translation>经费保障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules and procedures</source>
        <translation>制度保障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Staffing</source>
        <translation>人员保障</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facilities</source>
        <translation>硬件条件保障</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Suspend</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On track</source>
        <translation>达到预期目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partly on track</source>
        <translation>部分达到预期目标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not on track</source>
        <translation>未达到预期目标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/edits.py" line="+87"/>
        <source>Add monitoring point {date}</source>
        <translation>添加监控时点 {date}</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+73"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/arrival_models.py" line="+73"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+7"/>
        <source>Behind by {points} pts</source>
        <translation>滞后{points}个百分点</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+6"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the executed amount to compare it with time progress.</source>
        <translation>填写累计执行数后与时间进度比较。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Execution rate {rate} against time progress {progress}: flagged when more than the set number of points behind.</source>
        <translation>执行率{rate}，时间进度{progress}：落后超过设定的百分点即提示偏差。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Change suspend/stop flag</source>
        <translation>修改暂缓/停止标记</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Full-year budget</source>
        <translation>全年预算数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Executed to date</source>
        <translation>累计执行数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit executed amount</source>
        <translation>修改累计执行数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cumulative amount spent from 1 January to the cut-off.</source>
        <translation>自1月1日至截止日累计执行的金额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Execution rate</source>
        <translation>执行率</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/arrival_models.py" line="-20"/>
        <source>{name} (watched)</source>
        <translation>{name}（重点关注）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Allocated funds and upper-level subsidies are watched: arriving more than the set number of points behind time progress is a warning to explain.</source>
        <translation>拨缴经费和上级补助为重点关注收入：到位率落后时间进度超过设定的百分点时提示，需说明原因。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{points} pts behind</source>
        <translation>落后{points}个百分点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Revenue category</source>
        <translation>收入科目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved budget</source>
        <translation>批复预算数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Arrived to date</source>
        <translation>累计到位数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit arrived amount</source>
        <translation>修改累计到位数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cumulative amount received from 1 January to the cut-off (yuan).</source>
        <translation>1月1日至截止日累计到账金额（元）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrival rate</source>
        <translation>到位率</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+6"/>
        <source>Time progress</source>
        <translation>时间进度</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+6"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="+214"/>
        <source>Deviation</source>
        <translation>偏差</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Arrival rate {rate} against time progress {progress}.</source>
        <translation>到位率{rate}，时间进度{progress}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Share of budget</source>
        <translation>占收入预算</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The category&apos;s share of the revenue budget.</source>
        <translation>该科目批复预算数占收入预算合计的比重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share arrived</source>
        <translation>占已到位</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The category&apos;s share of all revenue arrived by the point.</source>
        <translation>该科目累计到位数占截至本时点全部已到位收入的比重。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latest arrival</source>
        <translation>最近到账日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit date of arrival</source>
        <translation>修改到账日期</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The day the latest amount counted here arrived.</source>
        <translation>计入累计到位数的最近一笔款项的到账日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for late arrival</source>
        <translation>到位滞后原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit reason for late arrival</source>
        <translation>修改到位滞后原因</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/funds_models.py" line="+7"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="+5"/>
        <source>Warning</source>
        <translation>警示灯</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The most serious indicator warning; at least yellow while execution lags.</source>
        <translation>各指标中最严重的预警；资金执行滞后时至少为黄。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Full-year forecast</source>
        <translation>全年预计执行数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit full-year forecast</source>
        <translation>修改全年预计执行数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="+34"/>
        <source>Likelihood</source>
        <translation>完成可能性</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The least confident likelihood among the indicators (set it per indicator on the Indicators tab).</source>
        <translation>各指标中最低的完成可能性（在“指标完成情况”页逐项填写）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suspend/stop</source>
        <translation>暂缓/停止</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Suspend or stop a project with serious problems.</source>
        <translation>问题严重的项目可标记暂缓或停止。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason for lag</source>
        <translation>执行偏差原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit reason for lag</source>
        <translation>修改执行偏差原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="+16"/>
        <source>Corrective measure</source>
        <translation>纠偏措施</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="+4"/>
        <source>Edit corrective measure</source>
        <translation>修改纠偏措施</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Overall progress</source>
        <translation>总体目标执行情况</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit overall progress</source>
        <translation>修改总体目标执行情况</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/progress_models.py" line="-181"/>
        <source>Qualitative: judged on track, partly or not on track.</source>
        <translation>定性指标：按达到、部分达到、未达到预期目标判断。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Target pro-rated to the cut-off (target × months ÷ 12); rates are not pro-rated. Below 60% red, below 80% yellow, from 120% blue.</source>
        <translation>按序时折算的指标值（年度指标值 × 月份 ÷ 12），比率类指标不折算。低于60%为红，低于80%为黄，达到120%为蓝。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compared with the target itself: within it green, outside red.</source>
        <translation>与年度指标值直接比较：达标为绿，未达标为红。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{ratio} of expected</source>
        <translation>达序时{ratio}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Within target</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outside target</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Indicator</source>
        <translation>三级指标</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Target</source>
        <translation>指标值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actual to date</source>
        <translation>累计完成值</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>Edit indicator progress</source>
        <translation>修改指标完成情况</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Qualitative progress</source>
        <translation>定性完成情况</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Expected by now</source>
        <translation>序时目标值</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason category</source>
        <translation>偏差原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+13"/>
        <source>Edit deviation reason</source>
        <translation>修改偏差原因</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Reason</source>
        <translation>原因说明</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit likelihood</source>
        <translation>修改完成目标可能性</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Likelihood of reaching the annual target.</source>
        <translation>完成年度指标的可能性。</translation>
    </message>
</context>
<context>
    <name>MonitoringStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/page.py" line="+94"/>
        <source>Monitoring point:</source>
        <translation>监控时点：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New point on:</source>
        <translation>新时点截止日：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The monitoring point whose figures are shown</source>
        <translation>当前显示的监控时点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cut-off date of a new monitoring point</source>
        <translation>新监控时点的截止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add point</source>
        <translation>添加时点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a monitoring point with the cut-off date on the left</source>
        <translation>按左侧截止日期添加监控时点</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Funds and warnings</source>
        <translation>资金执行及预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indicators</source>
        <translation>指标完成情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Execution chart</source>
        <translation>执行进度图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue arrival</source>
        <translation>收入到位</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+140"/>
        <source>Sign-off</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Months 1–{month}</source>
        <translation>1–{month}月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{months} (to {date})</source>
        <translation>{months}（截至{date}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Time progress {progress}</source>
        <translation>时间进度 {progress}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Enter each project&apos;s cumulative executed amount to the cut-off (double-click a cell); explain a lag, then on the Indicators tab enter each indicator&apos;s progress and explain red and yellow warnings. Every edit is saved at once (Ctrl+Z undoes).</source>
        <translation>双击单元格填写各项目截至截止日的累计执行数，执行滞后的说明原因；再到“指标完成情况”页填写各指标完成值，并说明红、黄预警的原因。每次修改即时保存（Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Sign-off (signed)</source>
        <translation>签字确认（已签字）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-off (not signed)</source>
        <translation>签字确认（未签字）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open or start a year first.</source>
        <translation>请先打开或新建年度。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This year has no monitoring point yet: pick a cut-off date at the top right and click “Add point”.</source>
        <translation>本年度还没有监控时点：请在右上角选择截止日期，再点“添加时点”。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot add the monitoring point</source>
        <translation>无法添加监控时点</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/monitoring/arrival_tab.py" line="+68"/>
        <source>Enter for each revenue category the amount received from 1 January to the cut-off and the date of the latest arrival (double-click a cell). Allocated funds and upper-level subsidies more than the set points behind time progress are flagged red: write the reason. Every edit is saved at once (Ctrl+Z undoes).</source>
        <translation>逐个收入科目填写1月1日至截止日的累计到位数和最近到账日期（双击单元格）。拨缴经费、上级补助到位率落后时间进度超过设定百分点的标红，请写明原因。每次修改立即保存（Ctrl+Z 撤销）。</translation>
    </message>
</context>
<context>
    <name>MultiYearPanel</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/multi_year.py" line="-239"/>
        <source>Multi-year project {period} ({stage})</source>
        <translation>多年期 {period}（{stage}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mid-term funds {amount} yuan</source>
        <translation>中期资金 {amount}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cumulative budget {budget}, executed {executed}</source>
        <translation>累计预算 {budget}，累计执行 {executed}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>proposed for clear-out</source>
        <translation>已提出清理退出</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full-year budget</source>
        <translation>全年预算数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Executed</source>
        <translation>全年执行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative budget</source>
        <translation>累计预算数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative executed</source>
        <translation>累计执行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cumulative rate</source>
        <translation>累计执行率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>自评得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Propose to clear this project out (清理退出)</source>
        <translation>提出清理退出（本项目不再继续实施，以后年度不再安排预算）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why: what the evaluation showed, and what happens to the project&apos;s funds</source>
        <translation>清理退出原因：评价发现的问题，以及项目剩余资金如何处理</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A project running over more than one year is tracked over its whole period; one that performs poorly is to be cleared out in time (ACFTU opinions §2.3). The upper level sees the flag and the reason when it reviews this year; a new year copied from this one leaves the project out.</source>
        <translation>实施期超过一年的项目实行全周期跟踪问效，绩效低下的项目要及时清理退出（总工办发〔2019〕25号 二.3）。上级工会审核本年度时可以看到清理退出标记和原因；从本年度复制新建下一年度时，不再复制该项目。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not a multi-year project.</source>
        <translation>不是多年期项目。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{year} (this year)</source>
        <translation>{year}（本年度）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> · clear-out</source>
        <translation> · 清理退出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not in this workspace: {years}. Their figures are not counted in the totals.</source>
        <translation>本工作区没有以下年度的数据：{years}，累计数未包含这些年度。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name}: {period}, {stage}</source>
        <translation>{name}：{period}，{stage}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mid-term funds {midterm} yuan; cumulative budget {budget} yuan</source>
        <translation>中期资金总额 {midterm} 元；累计预算数 {budget} 元</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> ({share} of the mid-term funds, {remaining} yuan left)</source>
        <translation>（占中期资金 {share}，尚余 {remaining} 元）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mid-term goal: {goal}</source>
        <translation>中期目标：{goal}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mid-term indicators: {indicators}</source>
        <translation>中期绩效指标：{indicators}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Clear-out of “{name}”</source>
        <translation>“{name}”的清理退出</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Whole period of {name}</source>
        <translation>全周期跟踪：{name}</translation>
    </message>
</context>
<context>
    <name>NewYearDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/new_year_dialog.py" line="-278"/>
        <source>New year</source>
        <translation>新建年度</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (year)</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy from an earlier year</source>
        <translation>从上一年度复制</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Projects whose period has ended: tick those that run again this year; they are copied as new projects with their funding sources, goals and indicators.</source>
        <translation>以下项目的项目期已结束：勾选本年度再次开展的项目，将作为新增项目复制（含资金来源、绩效目标和指标）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With last year&apos;s budgeted amounts (年初预算数)</source>
        <translation>同时带上年的年初预算数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Untick to leave the amounts of the projects run again blank, to type them</source>
        <translation>不勾选时，再次开展的项目年初预算数留空，由您填写</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start the year</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Fiscal year to start:</source>
        <translation>新建的预算年度：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The year {year} exists already.</source>
        <translation>{year}年度已存在。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The new year starts empty; it keeps the rule settings of the last year before it.</source>
        <translation>新年度的预算和项目为空，只沿用上一年度的规则设置。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copied as proposals to revise: the budget lines with their original budget, the projects still running (as continuing projects, the same project), their goals and indicators, the unit-wide targets and the rule settings. Not copied: amounts executed, monitoring, self-evaluation, sign-offs and explanations.</source>
        <translation>复制后作为新年度的初稿，可再修改：各预算科目及其本年预算数（年初），仍在项目期内的项目（作为延续项目，仍是同一个项目）及其绩效目标和指标，单位整体绩效目标，规则设置。不复制：执行数、运行监控、绩效自评、签字和问题说明。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>From {source}: {lines} budget lines, {projects} continuing projects and {indicators} indicators.</source>
        <translation>从{source}年度复制：{lines}个预算科目、{projects}个延续项目和{indicators}个绩效指标。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>with last year&apos;s budgeted amounts</source>
        <translation>带上年年初预算数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>budgeted amounts left blank</source>
        <translation>年初预算数留空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also copied as new projects, {count} ended project(s): {names} ({amounts}).</source>
        <translation>另作为新增项目复制{count}个已结束的项目：{names}（{amounts}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not copied, their period has ended: {names}. To run one again, tick it above.</source>
        <translation>项目期已结束、不复制：{names}。如仍需开展，请在上方勾选。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not copied, {source} proposed to clear them out (清理退出): {names}.</source>
        <translation>未复制：{source}年度已提出清理退出的项目：{names}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{names} and {more} more</source>
        <translation>{names}等（另有{more}个）</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Last year&apos;s actuals and the opening balance come from {source}&apos;s amounts executed.</source>
        <translation>上年决算数和上年结余按{source}年度的全年执行数填入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last year&apos;s actuals come from {source}&apos;s amounts executed. The opening balance is not carried: {source} has no amounts executed for its revenue or its expenditure; type it under Annual budget.</source>
        <translation>上年决算数按{source}年度已填写的全年执行数填入。上年结余未结转：{source}年度的收入或支出没有填写全年执行数，请在“年度预算 › 收支预算”中填写上年结余。</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/open_package.py" line="+87"/>
        <source>Cannot open the package</source>
        <translation>无法打开数据包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the package…</source>
        <translation>正在核验数据包…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{reason}

Nothing was imported.</source>
        <translation>{reason}

未导入任何数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File: {path}

{reason}

Nothing was imported.</source>
        <translation>文件：{path}

{reason}

未导入任何数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The package cannot be used</source>
        <translation>数据包无法使用</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Package {name}</source>
        <translation>数据包 {name}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Feedback of the upper level for this unit</source>
        <translation>上级工会发给本单位的审核反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A package this unit submitted</source>
        <translation>本单位报送的数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A subordinate unit&apos;s submission</source>
        <translation>下级单位报送的数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Feedback for another unit</source>
        <translation>发给其他单位的审核反馈</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another unit&apos;s submission</source>
        <translation>其他单位报送的数据包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation>次序</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No. {number}</source>
        <translation>第{number}次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>审核决定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opinions</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} opinions</source>
        <translation>{count}条</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From</source>
        <translation>发出单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>总体意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key id</source>
        <translation>签名密钥编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Valid, checked with the upper level&apos;s public key this unit trusts</source>
        <translation>有效（已用本单位导入的上级工会公钥核验）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid, checked with this unit&apos;s own key</source>
        <translation>有效（已用本单位的签名密钥核验）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid, checked with the unit&apos;s registered public key</source>
        <translation>有效（已用登记的该单位公钥核验）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Valid, but checked only with the key the package carries: compare the key id with the paper cover sheet</source>
        <translation>有效，但只用包内附带的公钥核验过：请与纸质报送回执上的密钥编号核对</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing to import: this is a package this unit wrote. It is in the submission log.</source>
        <translation>无需导入：这是本单位生成的数据包，已记入报送记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to import: this is a package this unit signed. It is not in this workspace&apos;s submission log (the workspace may have been restored from an older backup).</source>
        <translation>无需导入：这是本单位签名的数据包，但本工作区的报送记录中没有它（工作区可能是从较早的备份恢复的）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This package is not for this workspace: it is the upper level&apos;s feedback to {unit}. Nothing was imported.</source>
        <translation>这个数据包不属于本工作区：它是上级工会发给“{unit}”的审核反馈。未导入任何数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This package is not for this workspace: it is the submission of {unit} to its upper level. Nothing was imported.</source>
        <translation>这个数据包不属于本工作区：它是“{unit}”报送给其上级工会的数据。未导入任何数据。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This feedback was imported already.</source>
        <translation>这个反馈已经导入过。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newer feedback for this stage (No. {held}) was imported already: this older one cannot be imported.</source>
        <translation>本阶段已导入更新的反馈（第{held}次），这个较早的反馈不能再导入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The upper level returned this stage. Importing shows its opinions on the items they concern and opens the stage again for correction: its sign-offs are withdrawn.</source>
        <translation>上级工会退回了本阶段。导入后，意见将显示在所涉及的事项上，本阶段重新打开以便修改，已有的签字确认将撤销。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The upper level approved this stage. Importing shows its opinions on the items they concern.</source>
        <translation>上级工会已审核通过本阶段。导入后，意见将显示在所涉及的事项上。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unit {code} is not registered in this workspace: register its public key first (command: unionperf register). Until then the package cannot be received.</source>
        <translation>单位 {code} 尚未在本工作区登记：请先核对其公钥登记表并登记其签名公钥（目前须由技术人员在命令行中登记），登记前无法接收这个数据包。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This package was received already.</source>
        <translation>这个数据包已经接收过。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A newer package of this stage (No. {held}) was received already: this one would be refused.</source>
        <translation>本阶段已接收更新的数据包（第{held}次），这个数据包将被拒收。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receive it to add it to this workspace&apos;s register of packages.</source>
        <translation>接收后，数据包将记入本工作区的接收登记。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import feedback</source>
        <translation>导入反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the feedback</source>
        <translation>查看反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the submission log</source>
        <translation>打开报送记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Receiving the package…</source>
        <translation>正在接收数据包…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The package was not received</source>
        <translation>数据包未能接收</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The package was refused</source>
        <translation>数据包被拒收</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Already received</source>
        <translation>已接收过</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Package received</source>
        <translation>已接收数据包</translation>
    </message>
</context>
<context>
    <name>ParamsDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/params_dialog.py" line="+75"/>
        <source>Parameter package of the upper level</source>
        <translation>上级工会参数包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packages (*.upkg);;All files (*)</source>
        <translation>数据包 (*.upkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+322"/>
        <source>The parameter package cannot be applied</source>
        <translation>参数包不能应用</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>Checking the parameter package…</source>
        <translation>正在核验参数包…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Import the upper level&apos;s key first</source>
        <translation>请先导入上级工会公钥</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This workspace does not trust the upper-level union&apos;s public key yet, so the parameter package cannot be checked. Choose the public key file the upper-level union gave you and type the key id from its sealed key sheet; the package is shown once the key is imported.</source>
        <translation>本工作区尚未导入上级工会的公钥，无法核验这个参数包是否确由上级工会签发。请选择上级工会提供的公钥文件，并按盖章的公钥告知表输入密钥编号；公钥导入后即显示参数包的内容。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No longer offered</source>
        <translation>不再提供</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no change)</source>
        <translation>（无变化）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(new)</source>
        <translation>（新增）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(unchanged)</source>
        <translation>（未变）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Parameter package No. {number}</source>
        <translation>第{number}次参数包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameters of {sender}, No. {number}</source>
        <translation>{sender}下发的参数包（第{number}次）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Valid, checked with the upper level&apos;s public key this unit trusts (key id {key})</source>
        <translation>有效：已用本单位导入的上级工会公钥核验（密钥编号 {key}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Indicator library (+{added} ~{changed} −{removed})</source>
        <translation>指标库（新增{added}、修改{changed}、不再提供{removed}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The library the targets step offers becomes “{title} {version}” ({count} indicators). Indicators already in the targets are kept.</source>
        <translation>应用后，“绩效目标”步骤“从指标库选取”提供的指标库改为“{title} {version}”（{count}个指标）。已填入绩效目标的指标不变。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>现值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After applying</source>
        <translation>应用后</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deadlines</source>
        <translation>报送截止日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The upper level expects each stage by these dates; the window and the problems panel show how many days are left.</source>
        <translation>上级工会要求各阶段在以下日期前报送；应用后，窗口底部状态栏和问题面板显示还有几天。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year and stage</source>
        <translation>年度与阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>原截止日期</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Applies to the years not signed yet: {years}.</source>
        <translation>用于尚未签字确认的年度：{years}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No year here is open: the settings apply to years started later.</source>
        <translation>本工作区没有尚未签字确认的年度：规则设置用于以后新建的年度。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{years}: signed off or sent, their settings stay as they were signed.</source>
        <translation>{years}年度已签字确认或已报送，规则设置保持签字时的设置不变。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The package changes nothing here.</source>
        <translation>这个参数包对本工作区没有任何变化。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply changes this workspace as listed; a later parameter package of the upper level replaces it, an older one is refused.</source>
        <translation>点“应用”即按上表修改本工作区；上级工会以后下发的参数包会替换它，较早的参数包将被拒收。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Applying the parameter package…</source>
        <translation>正在应用参数包…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Parameter package applied</source>
        <translation>参数包已应用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The parameter package was not applied</source>
        <translation>参数包未应用</translation>
    </message>
</context>
<context>
    <name>ParamsPage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/models.py" line="+23"/>
        <source>projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>either</source>
        <translation>均可</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Indicator</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Category</source>
        <translation>一级 › 二级指标</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Typical target</source>
        <translation>参考指标值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For</source>
        <translation>适用于</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Explanation</source>
        <translation>指标解释</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deadline</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sequence</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/deadlines_tab.py" line="-181"/>
        <location filename="../../src/unionperf/ui/upper/params/library_tab.py" line="-244"/>
        <location filename="../../src/unionperf/ui/upper/params/page.py" line="+61"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>参数文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/page.py" line="+23"/>
        <source>Indicator library</source>
        <translation>指标库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deadlines</source>
        <translation>报送截止日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Packages written</source>
        <translation>下发记录</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A note for the units (optional)</source>
        <translation>给下级单位的附言（可不填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the parameter package…</source>
        <translation>生成参数包…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print this union&apos;s key sheet…</source>
        <translation>打印本会公钥告知表…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Note:</source>
        <translation>附言：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What the units should use: the indicator library, the rule settings and the deadlines. The parameter package is signed with this union&apos;s key; a unit applies it once it trusts that key (from the key sheet on paper).</source>
        <translation>下级单位应使用的指标库、规则设置和报送截止日期。参数包用本会的密钥签名；下级单位核对纸质公钥告知表、信任本会公钥后即可导入应用。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Nothing is set to send yet: add indicators, change a rule setting or add deadlines in the tabs above, then write the parameter package.</source>
        <translation>尚未设置任何要下发的参数：请在上方各页新增指标、修改规则设置或新增截止日期，然后点击“生成参数包…”。</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Import a settings file…</source>
        <translation>导入规则设置文件…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot read the parameters</source>
        <translation>无法读取下发参数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>To send: the settings below.</source>
        <translation>将下发：下列规则设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No settings set: the units keep their own. Change one below (or import a file) to send them; the defaults are shown.</source>
        <translation>尚未设置：各单位继续使用自己的设置。修改下面任一项（或导入文件）即开始下发；现在显示的是默认值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>library</source>
        <translation>指标库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} deadlines</source>
        <translation>{count} 个截止日期</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The next parameter package (number {sequence}) sends: {what}.</source>
        <translation>下一个参数包（第{sequence}次）将下发：{what}。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/library_tab.py" line="-1"/>
        <source>Indicator library file</source>
        <translation>指标库文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import the library</source>
        <translation>导入指标库</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export the library</source>
        <translation>导出指标库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indicator library.xlsx</source>
        <translation>指标库.xlsx</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove the indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove “{name}” from the library to send?</source>
        <translation>从要下发的指标库中删除“{name}”？</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/page.py" line="+20"/>
        <source>Rule settings file</source>
        <translation>规则设置文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings were not set</source>
        <translation>规则设置未设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule settings set to send.</source>
        <translation>已设置下发规则设置。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/deadlines_tab.py" line="-1"/>
        <source>Deadlines file</source>
        <translation>截止日期文件</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/page.py" line="+16"/>
        <source>Credit code missing</source>
        <translation>缺少统一社会信用代码</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The parameter package names this union by its credit code: enter it first (File › This union&apos;s profile…).</source>
        <translation>参数包以本会的统一社会信用代码标识：请先填写（文件 › 本会信息…）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder for the parameter package</source>
        <translation>参数包保存位置</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Parameter package {sequence} written to {path}</source>
        <translation>第{sequence}次参数包已写入 {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The parameter package was not written</source>
        <translation>参数包未生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the parameter package…</source>
        <translation>正在生成参数包…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder for the key sheet</source>
        <translation>公钥告知表保存位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key sheet was not written</source>
        <translation>公钥告知表未生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key sheet written to {path}</source>
        <translation>公钥告知表已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/params/settings_editor.py" line="+40"/>
        <source>The rules the units will use for the years they have not signed off yet. Each change is saved at once and sent with the next parameter package.</source>
        <translation>下级单位尚未签字确认的年度将采用这些规则。每项修改立即保存，随下一个参数包下发。</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../../src/unionperf/ui/first_run_pages.py" line="+273"/>
        <source>Signing passphrase</source>
        <translation>签名口令</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Packages for the upper union are signed with your union&apos;s own key, so that it can tell they come from you unchanged. The key is locked with this passphrase.</source>
        <translation>报送上级工会的数据包用本单位的签名密钥签名，上级工会据此确认数据包来自本单位且未被改动。签名密钥由本口令加密保护。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose a passphrase you will remember and keep it safe: it is asked whenever a package is exported. If it is lost, a new key has to be made and registered with the upper union again.</source>
        <translation>请设置一个自己记得住的口令并妥善保管：每次导出数据包时都要输入。口令一旦遗失，只能重新生成密钥，并到上级工会重新登记。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the passphrase</source>
        <translation>显示口令</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create the workspace</source>
        <translation>创建工作区</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Weak: a longer sentence, or letters mixed with digits and symbols, is harder to guess.</source>
        <translation>强度：弱。更长的一句话，或字母与数字、符号混用，更难被猜中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fair: 12 or more characters of three kinds make it strong.</source>
        <translation>强度：中。使用12个以上字符，并包含大写字母、小写字母、数字、符号中的三类，即为强。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strong.</source>
        <translation>强度：强。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>({length} characters of {kinds} kinds)</source>
        <translation>（{length}个字符，{kinds}类字符）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type the passphrase again.</source>
        <translation>请再次输入口令。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two entries differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ The two entries match.</source>
        <translation>✓ 两次输入的口令一致。</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../src/unionperf/ui/problems_panel.py" line="+59"/>
        <source>Must fix</source>
        <translation>必须修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explain</source>
        <translation>需说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location line="+92"/>
        <source>{count} problems must be fixed</source>
        <translation>{count}个问题必须修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} problems need an explanation</source>
        <translation>{count}个问题需要填写说明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No problems in what is filled in; not started yet: {steps}.</source>
        <translation>已填写的内容没有问题；尚未开始：{steps}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No problems: every check passes. A stage signed off is sent from the step “Submit”.</source>
        <translation>没有问题：全部检查通过。已签字确认的阶段可在“报送”中生成数据包报送。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{items}; {more} more</source>
        <translation>{items}；另有{more}项</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadlines of the upper level: {items}</source>
        <translation>上级工会报送截止：{items}</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/profile_dialog.py" line="+36"/>
        <source>This union&apos;s profile</source>
        <translation>本会信息</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The credit code names the parameter packages this union signs; the units see the name on its feedback.</source>
        <translation>统一社会信用代码用于标识本会签发的参数包；下级单位在审核意见上看到本会名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Union name *</source>
        <translation>单位名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its own upper-level union</source>
        <translation>本会的上级工会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finance officer</source>
        <translation>财务经办人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/receive/models.py" line="+55"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+42"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sequence</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Refused at</source>
        <translation>拒收时间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/receive/page.py" line="-42"/>
        <source>Choose packages</source>
        <translation>选择数据包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packages (*.upkg *.upkg.age);;All files (*)</source>
        <translation>数据包 (*.upkg *.upkg.age);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a folder of packages</source>
        <translation>选择存放数据包的文件夹</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Choose package files…</source>
        <translation>选择数据包文件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Each package is checked (its signature against the unit&apos;s registered key, every file, the rules) before anything is kept. A package that fails is never half-imported: it is refused, and kept in quarantine when it is damaged or not genuine.</source>
        <translation>每个数据包先经校验（用该单位登记的公钥核对签名、逐个文件核对、重新检查规则）才会接收。未通过的数据包绝不会只导入一半：一律拒收；损坏或不可信的还会放入隔离区。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing received in this session yet.</source>
        <translation>本次打开后尚未接收数据包。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open the quarantine folder</source>
        <translation>打开隔离文件夹</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Result of the last batch</source>
        <translation>最近一批的接收结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quarantine: packages refused as damaged or not genuine, with the reason</source>
        <translation>隔离区：因损坏或不可信而拒收的数据包及原因</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{count} packages in quarantine</source>
        <translation>隔离区中有 {count} 个数据包</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The quarantine is empty.</source>
        <translation>隔离区是空的。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A batch is being received; wait until it is done.</source>
        <translation>正在接收一批数据包，请等它完成。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Receiving packages…</source>
        <translation>正在接收数据包…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No package (.upkg) was found in {names}.</source>
        <translation>在 {names} 中没有找到数据包（.upkg）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Last batch ({when}): {count} packages — {parts}.</source>
        <translation>最近一批（{when}）：共 {count} 个数据包——{parts}。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source> The packages are of {year}: the toolbar now shows {year} {stage}.</source>
        <translation>收到的是{year}年度的数据包：上方已切换到{year}年度 {stage}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled: nothing of this batch was received. Receive it again later.</source>
        <translation>已取消：这一批数据包都没有接收，稍后请重新接收。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The packages were not received</source>
        <translation>数据包未接收</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/refusal.py" line="+34"/>
        <source>“{column}”</source>
        <translation>“{column}”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{column}” of “{row}”</source>
        <translation>“{row}”的“{column}”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{field} takes an amount in yuan: digits with at most two decimals. “{text}” was not accepted.</source>
        <translation>{field}只能填写金额（元）：数字，最多两位小数；输入的“{text}”未被接受。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{field} takes a number: digits and a decimal point only. “{text}” was not accepted.</source>
        <translation>{field}只能填写数字（可带小数点）；输入的“{text}”未被接受。</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/register/dialogs.py" line="-243"/>
        <source>The unit&apos;s public key file</source>
        <translation>下级单位的公钥文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>公钥文件 (*.pub);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Replace the unit&apos;s key</source>
        <translation>更换单位公钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a unit</source>
        <translation>登记下级单位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use the public key file (.pub) the unit sent and the key id on its sealed key registration sheet. Type the id, or paste the text of the sheet&apos;s QR code. A key whose id differs from the paper is not registered.</source>
        <translation>使用单位交来的公钥文件（.pub）和盖章的公钥登记表上的密钥编号：手工输入编号，或粘贴扫描登记表二维码得到的文字。密钥编号与纸质登记表不一致的，不予登记。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Credit code *</source>
        <translation>统一社会信用代码 *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Union name *</source>
        <translation>单位名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人及电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key file *</source>
        <translation>公钥文件 *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key id on the sheet *</source>
        <translation>登记表上的密钥编号 *</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason for the new key *</source>
        <translation>更换原因 *</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replace the key</source>
        <translation>更换公钥</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>18 characters, e.g. 81350100MC0000000X</source>
        <translation>18位，如 81350100MC0000000X</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>name and phone number</source>
        <translation>姓名和电话</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>16 digits, e.g. 1A2B 3C4D 5E6F 7A8B, or the QR code&apos;s text</source>
        <translation>16位，如 1A2B 3C4D 5E6F 7A8B；或二维码文字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. the old key was lost; new sheet of 3 March</source>
        <translation>如：原密钥遗失，3月3日重新盖章登记</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Key id of the file: {id}</source>
        <translation>公钥文件的密钥编号：{id}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Type the key id printed on the sheet.</source>
        <translation>请输入登记表上印的密钥编号。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Typed: {id}</source>
        <translation>输入的是：{id}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{typed} — differs from the key file: check with the unit.</source>
        <translation>{typed}——与公钥文件不一致：请向单位核实。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ {typed} — the same as the key file.</source>
        <translation>✓ {typed}——与公钥文件一致。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter the 18-character credit code.</source>
        <translation>请输入18位统一社会信用代码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ The credit code is valid.</source>
        <translation>✓ 统一社会信用代码有效。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{name} ({code}) already has the key {id}. To give it a new key, select it in the list and choose “Replace key…” (a reason is asked).</source>
        <translation>{name}（{code}）已登记公钥 {id}。如要更换，请在列表中选中该单位，点“更换公钥…”（须说明原因）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not registered: {reason}</source>
        <translation>未登记：{reason}</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/register/models.py" line="+32"/>
        <source>no key registered yet</source>
        <translation>尚未登记公钥</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Union name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Contact</source>
        <translation>联系人及电话</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+28"/>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+27"/>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Keys replaced</source>
        <translation>已换公钥</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Replaced</source>
        <translation>停用时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/register/page.py" line="+43"/>
        <source>Import the register</source>
        <translation>导入下级单位登记表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export the register</source>
        <translation>导出下级单位登记表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>register of units.xlsx</source>
        <translation>下级单位登记表.xlsx</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Register a unit…</source>
        <translation>登记单位…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace key…</source>
        <translation>更换公钥…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key history…</source>
        <translation>公钥更换记录…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import from Excel…</source>
        <translation>从Excel导入…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find: name, credit code, contact or key id</source>
        <translation>查找：单位名称、统一社会信用代码、联系人或密钥编号</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The units that report to this union. A unit&apos;s packages are received only once its key is registered here, checked against the key id on the registration sheet it sealed and sent on paper.</source>
        <translation>向本会报送的下级单位。单位的公钥须在这里登记（与其盖章的纸质公钥登记表核对密钥编号）后，才能接收它的数据包。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot read the register</source>
        <translation>无法读取下级单位登记表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} units</source>
        <translation>共 {count} 个单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {count} of them without a registered key</source>
        <translation>，其中 {count} 个尚未登记公钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; {count} shown</source>
        <translation>；显示 {count} 个</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No unit registered yet. Click “Register a unit…” with the unit&apos;s public key file (.pub) and its sealed key registration sheet, or import a roster from Excel.</source>
        <translation>尚未登记下级单位。请点击“登记单位…”，用单位交来的公钥文件（.pub）和盖章的公钥登记表登记；或点击“从Excel导入…”导入单位名册。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Key of {name} replaced; the old key is kept in its history.</source>
        <translation>已更换{name}的公钥；原公钥保留在更换记录中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} registered.</source>
        <translation>已登记{name}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key of {name} registered.</source>
        <translation>已登记{name}的公钥。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the key history</source>
        <translation>无法读取公钥更换记录</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The register was not imported</source>
        <translation>登记表未导入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Register imported</source>
        <translation>登记表已导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{added} units added, {updated} updated, {keys} keys registered, {unchanged} unchanged.</source>
        <translation>新增 {added} 个单位，更新 {updated} 个，登记公钥 {keys} 个，{unchanged} 个未变。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The register was not exported</source>
        <translation>登记表未导出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Register written to {path}</source>
        <translation>登记表已写入 {path}</translation>
    </message>
</context>
<context>
    <name>RescoreDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/dialogs.py" line="+72"/>
        <source>Re-score an indicator</source>
        <translation>复评指标得分</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{path}
The unit&apos;s score: {score}{points}</source>
        <translation>{path}
单位自评得分：{score}{points}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> of {points} points</source>
        <translation>（分值 {points}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>why the score differs (kept with both scores)</source>
        <translation>为什么评分不同（与两个得分一并保存）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upper level&apos;s score *</source>
        <translation>上级评分 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason *</source>
        <translation>复评理由 *</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Re-score</source>
        <translation>复评</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not saved: give the reason for the re-score.</source>
        <translation>未保存：请写明复评理由。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/restore_dialog.py" line="+63"/>
        <location line="+44"/>
        <location line="+188"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a backup file</source>
        <translation>选择备份文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workspace backups (*.sqlite);;All files (*)</source>
        <translation>工作区备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Choose a backup to bring the workspace back to its state at that time. Before restoring, the current data is backed up, so a restore can be undone by restoring that backup.</source>
        <translation>选择一个备份，把工作区恢复到当时的状态。恢复之前会先自动备份当前的数据，如果恢复错了，可以再从那个备份恢复回来。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Taken at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restore this backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore from another file…</source>
        <translation>从其他文件恢复…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot list the backups</source>
        <translation>无法列出备份</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+79"/>
        <source>Cannot be restored: {why}</source>
        <translation>不能恢复：{why}</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Restore the workspace to the backup of {time} ({reason})?

It holds: {unit}; years {years}; projects {projects}.

The current data is backed up first, so it can be restored again later. The window then shows the restored data.</source>
        <translation>把工作区恢复到 {time} 的备份（{reason}）吗？

该备份包含：{unit}；年度 {years}；项目 {projects}。

恢复之前会先自动备份当前的数据，以后可以再恢复回来。恢复后窗口将显示恢复的数据。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the backup of {time} ({reason})</source>
        <translation>{time} 的备份（{reason}）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restore the workspace from the file {name}?

The file is checked first: it must be a backup of this unit&apos;s workspace. The current data is backed up first, so it can be restored again later. The window then shows the restored data.</source>
        <translation>用文件 {name} 恢复工作区吗？

恢复前会先检查该文件：它必须是本单位工作区的备份。恢复之前会先自动备份当前的数据，以后可以再恢复回来。恢复后窗口将显示恢复的数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file {name}</source>
        <translation>文件“{name}”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The backup was not restored</source>
        <translation>未恢复备份</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The workspace was restored from {what}.
The data before the restore was backed up as the backup of {when} (before a restore): File › Restore from backup… brings it back.</source>
        <translation>工作区已恢复为{what}。
恢复之前的数据已备份为 {when} 的备份（恢复之前），需要时可通过“文件 › 从备份恢复…”找回。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No backup yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The workspace cannot be opened:
{error}

Restore it from a backup?</source>
        <translation>无法打开工作区：
{error}

要从备份恢复吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a backup…</source>
        <translation>选择备份…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/dialogs.py" line="-90"/>
        <source>Folder for the feedback package</source>
        <translation>反馈数据包保存位置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Passphrase of this union&apos;s signing key:</source>
        <translation>本会签名密钥的口令：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type it again.</source>
        <translation>请重新输入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing passphrase</source>
        <translation>签名口令</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/extra_tabs.py" line="-91"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Size (KB)</source>
        <translation>大小（千字节）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/models.py" line="+103"/>
        <source>Budget lines</source>
        <translation>预算科目</translation>
    </message>
    <message>
        <location line="+100"/>
        <location line="+83"/>
        <source>Item</source>
        <translation>审核项</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Light</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit&apos;s score</source>
        <translation>自评得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-score</source>
        <translation>复评得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+167"/>
        <source>Opinions</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Answered</source>
        <translation>针对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>package {number}</source>
        <translation>第{number}次报送</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason or summary</source>
        <translation>退回原因或总体意见</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/page.py" line="+88"/>
        <source>Choose a unit, then an item of its data: write an opinion on it, or re-score an indicator. Approve the stage, or return it with the reason; the signed feedback package goes back to the unit.</source>
        <translation>先选单位，再选其数据中的某一项：可对它提出意见，或复评指标得分。最后给出结论——通过，或写明原因退回；签名的反馈数据包交回该单位。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/views.py" line="+49"/>
        <source>Units that sent the stage</source>
        <translation>已报送本阶段的单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find a unit</source>
        <translation>查找单位</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/page.py" line="+23"/>
        <source>Item by item</source>
        <translation>逐项审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets as the unit sees them</source>
        <translation>绩效目标（与单位所见相同）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forms and evidence</source>
        <translation>报表与佐证材料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decisions sent</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/views.py" line="+34"/>
        <source>Opinion on the selected item</source>
        <translation>对所选项的意见</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add opinion</source>
        <translation>添加意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-score…</source>
        <translation>复评…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Decision and feedback package</source>
        <translation>审核结论与反馈数据包</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove opinion</source>
        <translation>删除意见</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve (通过)</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Return for correction (退回)</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Write the feedback package…</source>
        <translation>生成反馈数据包…</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/page.py" line="+56"/>
        <source>Cannot read the units</source>
        <translation>无法读取单位</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Units that sent {stage} ({count})</source>
        <translation>已报送{stage}的单位（{count}）</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Cannot show the unit&apos;s data</source>
        <translation>无法显示该单位的数据</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a unit on the left.</source>
        <translation>请在左侧选择单位。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No unit has sent this stage yet: receive the packages under “2. Receive”, or choose another year or stage above.</source>
        <translation>尚无单位报送本阶段：请先在“2. 接收”中导入数据包，或在上方换选年度、阶段。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} ({code}) · {year} {stage} · package {sequence}, received {when}</source>
        <translation>{name}（{code}）· {year}年度 {stage} · 第{sequence}次报送，{when} 接收</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{count} decisions sent to this unit.</source>
        <translation>已向该单位发出 {count} 次审核结论。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No decision was sent to this unit yet.</source>
        <translation>尚未向该单位发出审核结论。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose an item in the tree.</source>
        <translation>请在左侧选择一项。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Write the opinion first.</source>
        <translation>请先写好意见。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Opinions to send: {count}</source>
        <translation>待发送的意见：{count} 条</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No opinion written yet: select an item and write one.</source>
        <translation>尚无意见：选中某一项后填写。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/views.py" line="+28"/>
        <source>The reason for returning (required; the unit sees it)</source>
        <translation>退回原因（必填，单位可见）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An overall opinion (optional)</source>
        <translation>总体意见（可不填）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/page.py" line="+17"/>
        <location filename="../../src/unionperf/ui/upper/review/views.py" line="+4"/>
        <source>A return needs its reason.</source>
        <translation>退回须写明原因。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{decision}: feedback package written to {path}</source>
        <translation>{decision}：反馈数据包已写入 {path}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The feedback package was not written</source>
        <translation>反馈数据包未生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writing the feedback package…</source>
        <translation>正在生成反馈数据包…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Re-scored {path}: {unit} → {upper}; the owner&apos;s total {own} → {total}.</source>
        <translation>已复评 {path}：{unit} → {upper}；所属项目合计 {own} → {total}。</translation>
    </message>
</context>
<context>
    <name>ScoreChart</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/charts.py" line="-109"/>
        <source>No project scores yet</source>
        <translation>暂无项目得分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scores: the lowest {low} and the highest {high} of {count} projects</source>
        <translation>项目得分：{count}个项目中得分最低的{low}个和最高的{high}个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scores of {count} projects</source>
        <translation>{count}个项目的得分</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>… {count} projects in between …</source>
        <translation>……中间另有{count}个项目……</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Score (grade lines at {fair}, {good} and {excellent})</source>
        <translation>得分（等级分界线：{fair}、{good}、{excellent}分）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name}: {score} points, {grade}</source>
        <translation>{name}：{score}分，{grade}</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/settings_form.py" line="+76"/>
        <location line="+224"/>
        <source>Switch the indicator framework</source>
        <translation>切换指标体系</translation>
    </message>
    <message>
        <location line="-218"/>
        <source>Switch the indicator framework to “{title}”? The self-evaluation points return to its defaults, and indicators whose level-1 or level-2 category it does not have are listed as problems to fix. Ctrl+Z switches back.</source>
        <translation>将指标体系切换为“{title}”？自评分值将恢复为该体系的默认值，一级、二级指标不在该体系中的三级指标将列为问题，需逐一修改。按 Ctrl+Z 可切换回来。</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Total {total} points</source>
        <translation>合计 {total} 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total {total} points: must be 100, not saved yet</source>
        <translation>合计 {total} 分：应为100分，尚未保存</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The change was not saved</source>
        <translation>修改未保存</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“{text}” is not a number of points.</source>
        <translation>“{text}”不是有效的分值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Points cannot be negative.</source>
        <translation>分值不能为负数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+16"/>
        <source>Edit the self-evaluation points</source>
        <translation>修改自评分值</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+13"/>
        <location line="+14"/>
        <location line="+20"/>
        <source>Edit the rule settings</source>
        <translation>修改规则设置</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The exemption threshold cannot be negative.</source>
        <translation>项目免报门槛不能为负数。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The ex-ante assessment threshold cannot be negative.</source>
        <translation>事前绩效评估门槛不能为负数。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>“{text}” is not a month and day such as 06-30.</source>
        <translation>“{text}”不是有效的月-日（如 06-30）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Give at least one monitoring date.</source>
        <translation>请至少填写一个监控时点。</translation>
    </message>
</context>
<context>
    <name>SettingsFormView</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/settings_view.py" line="+65"/>
        <source>These rules apply to this year and travel with the submitted package. Each change is saved at once; Ctrl+Z undoes it.</source>
        <translation>以下规则适用于本年度，并随报送数据包一并报送。每项修改即时保存，按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Default points</source>
        <translation>恢复默认分值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target ÷ actual × points (variant 1)</source>
        <translation>指标值÷实际完成值×分值（方法一）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(1 − excess ÷ target) × points, 0 at twice the target (variant 2)</source>
        <translation>(1−超出部分÷指标值)×分值，达到指标值2倍得0分（方法二）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>An actual value at or above this share of the target is flagged; its score may be reduced with a reason.</source>
        <translation>实际完成值达到指标值的该比例及以上时予以提示，可说明理由后调减得分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source> percentage points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Warn when the execution rate is this far behind the time progress.</source>
        <translation>预算执行率落后时间进度达到该百分点时预警。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Warn when allocated funds or the upper-level subsidy arrive this far behind the time progress.</source>
        <translation>拨缴经费或上级补助到位率落后时间进度超过该百分点时提示。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ex-ante assessment threshold</source>
        <translation>事前绩效评估门槛</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A new project budgeted at or above this amount needs an ex-ante assessment before its targets are signed off; 0: none is asked for.</source>
        <translation>预算达到此金额的新增项目，须先完成事前绩效评估，其绩效目标方可签字确认；0 表示不要求。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exemption threshold</source>
        <translation>“项目免报门槛”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A project whose full-year budget is below this amount files no targets or self-evaluation; 0 means every project files them.</source>
        <translation>全年预算数低于此金额的项目可不申报绩效目标、不开展自评；填0表示所有项目都要申报。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The dates offered for monitoring points, e.g. 03-31, 06-30, 07-31, 09-30</source>
        <translation>新增监控时点时可选的日期，如 03-31, 06-30, 07-31, 09-30</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The union as a whole files targets and a self-evaluation</source>
        <translation>开展单位整体绩效目标申报和自评</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preparer</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Union chair</source>
        <translation>工会主席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit committee chair</source>
        <translation>经审会主任</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Indicator framework and self-evaluation points</source>
        <translation>指标体系与自评分值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Framework</source>
        <translation>指标体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Other rules</source>
        <translation>其他规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reverse indicator missed</source>
        <translation>反向指标未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag over-delivery at</source>
        <translation>超额完成提示比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Execution lag warning</source>
        <translation>执行进度预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late revenue warning</source>
        <translation>收入到位滞后预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exempt projects below (yuan)</source>
        <translation>项目免报门槛（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ex-ante assessment from (yuan)</source>
        <translation>事前绩效评估门槛（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monitoring dates (month-day)</source>
        <translation>监控时点（月-日）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-offs required</source>
        <translation>必须签字</translation>
    </message>
</context>
<context>
    <name>SettingsTable</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/budget/weight_models.py" line="+74"/>
        <source>Budget execution rate</source>
        <translation>预算执行率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scored part</source>
        <translation>评分内容</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not saved yet: the points must add up to 100</source>
        <translation>尚未保存：各部分分值合计须为100分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Default</source>
        <translation>默认分值</translation>
    </message>
</context>
<context>
    <name>SignoffPanel</name>
    <message>
        <location filename="../../src/unionperf/ui/widgets/signoff_panel.py" line="+63"/>
        <source>Preparer</source>
        <translation>填报人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Union chair</source>
        <translation>工会主席</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit committee chair</source>
        <translation>经审会主任</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+131"/>
        <source>Sign off</source>
        <translation>签字</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Sign-off</source>
        <translation>签字确认</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Sign again</source>
        <translation>重新签字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not signed yet</source>
        <translation>尚未签字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not required</source>
        <translation>无需签字</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+3"/>
        <source>Not signed</source>
        <translation>未能签字</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sign-off by {role}</source>
        <translation>{role}签字</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{count} problems must be fixed before anyone can sign “{stage}” off (click one to open it):</source>
        <translation>“{stage}”还有{count}个须修改的问题，解决后才能签字（点击可定位到该处）：</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Locked: the union chair signed “{stage}” off. A change now is an adjustment and asks for its reason.</source>
        <translation>已锁定：工会主席已签字确认“{stage}”。现在修改属于调整，需填写调整原因。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adjusting “{stage}”: {reason}. The chair&apos;s and the audit chair&apos;s sign-offs were withdrawn: they sign it again, and the chair&apos;s new sign-off locks it.</source>
        <translation>正在调整“{stage}”：{reason}。工会主席和经审会主任的签字已撤回，须重新签字；工会主席重新签字后再次锁定。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Returned by the upper level: {reason}. Correct it, then sign it off again.</source>
        <translation>已被上级退回：{reason}。请修改后重新签字确认。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open: the union chair&apos;s sign-off locks “{stage}”.</source>
        <translation>未锁定：工会主席签字后“{stage}”即锁定。</translation>
    </message>
</context>
<context>
    <name>StartShell</name>
    <message>
        <location filename="../../src/unionperf/ui/start_shell.py" line="+15"/>
        <source>Opening the workspace…</source>
        <translation>正在打开工作区……</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Workspace: {path}</source>
        <translation>工作区：{path}</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/base.py" line="+20"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submitted</source>
        <translation>已报送</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit profile</source>
        <translation>单位信息</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annual budget</source>
        <translation>年度预算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Performance targets</source>
        <translation>绩效目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Execution monitoring</source>
        <translation>运行监控</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self-evaluation</source>
        <translation>绩效自评</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submit</source>
        <translation>报送</translation>
    </message>
</context>
<context>
    <name>SubmitModels</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/models.py" line="+155"/>
        <source>Must fix</source>
        <translation>必须修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explain</source>
        <translation>需要说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-off missing</source>
        <translation>待签字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Explained</source>
        <translation>已说明</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Written</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+101"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Project “{name}”</source>
        <translation>项目“{name}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ex-ante assessment</source>
        <translation>事前绩效评估</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indicator “{name}”</source>
        <translation>指标“{name}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The whole stage</source>
        <translation>整个阶段</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approved</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>来自</translation>
    </message>
</context>
<context>
    <name>SubmitStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/dialogs.py" line="+37"/>
        <source>Packages (*.upkg);;All files (*)</source>
        <translation>数据包 (*.upkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signing passphrase</source>
        <translation>签名口令</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Passphrase of the unit&apos;s signing key:</source>
        <translation>本单位签名密钥的口令：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type it again.</source>
        <translation>请重新输入。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Explain a problem</source>
        <translation>填写出错说明</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}
{problem}

Why is this so? (travels with the package)</source>
        <translation>{where}
{problem}

请说明原因（说明将随数据包一并报送）：</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/page.py" line="+103"/>
        <source>Stage:</source>
        <translation>报送阶段：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pre-flight checklist</source>
        <translation>报送前检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission log</source>
        <translation>报送记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper level&apos;s feedback</source>
        <translation>上级反馈</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Explain…</source>
        <translation>填写说明…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write why a soft problem is so; the explanation travels with the package.</source>
        <translation>为提示性问题填写出错说明，说明将随数据包一并报送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write forms and package…</source>
        <translation>生成表格和数据包…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print cover sheet</source>
        <translation>打印报送回执</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cover sheet with the package&apos;s SHA-256 and key id, for the official seal.</source>
        <translation>报送回执：载有数据包 SHA-256 和密钥编号，供盖章报送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import feedback package…</source>
        <translation>导入上级反馈…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Opinions of the upper level from the feedback packages it sent back. A returned stage is open again: correct it and sign it off anew.</source>
        <translation>上级工会通过反馈数据包下发的审核意见。被退回的阶段已重新打开：请修改后重新签字确认。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/models.py" line="-240"/>
        <source>Ready to submit “{stage}”: every check passes and every sign-off is recorded.</source>
        <translation>“{stage}”可以报送：全部检查通过，签字齐全。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} problems to fix (click one in the problems list below)</source>
        <translation>{count}个问题须修改（在下方问题清单中点击可定位）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} problems to explain (select one, then “Explain…”)</source>
        <translation>{count}个问题须说明（选中后点“填写说明…”）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} sign-offs missing (sign on the right)</source>
        <translation>缺{count}个签字（在右侧签字确认）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not ready to submit “{stage}”: {left}.</source>
        <translation>“{stage}”暂不能报送：{left}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/page.py" line="+150"/>
        <source>Explanation of {code}</source>
        <translation>{code}出错说明</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+50"/>
        <source>The package was not written</source>
        <translation>未生成数据包</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Folder for the package and the forms</source>
        <translation>选择保存数据包和表格的文件夹</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Writing the package and the forms…</source>
        <translation>正在生成数据包和表格…</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/writing.py" line="+69"/>
        <source>Written to {folder}:
Package {file} (No. {sequence})
SHA-256 {sha256}
Key id {key}
Forms: {forms}</source>
        <translation>已保存到 {folder}：
数据包 {file}（第{sequence}次报送）
SHA-256 {sha256}
密钥编号 {key}
表格：{forms}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the cover sheet</source>
        <translation>报送回执</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next: print {cover}, have it signed and sealed, and hand it to the upper-level union with the package file (on a USB stick or as the upper level asks).</source>
        <translation>下一步：打印《{cover}》，由填报人、工会主席、经审会主任签字并加盖单位公章后，连同数据包文件（用U盘或按上级工会要求的方式）一并交上级工会。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/submit/page.py" line="+29"/>
        <source>Folder for the cover sheet</source>
        <translation>选择保存报送回执的文件夹</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing the cover sheet…</source>
        <translation>正在生成报送回执…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cover sheet written</source>
        <translation>报送回执已生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cover sheet is in {path}: open it and print it.</source>
        <translation>报送回执已保存在 {path}，请打开后打印。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cover sheet was not written</source>
        <translation>未生成报送回执</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feedback package of the upper level</source>
        <translation>选择上级反馈数据包</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking the feedback package…</source>
        <translation>正在校验反馈数据包…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The feedback package was refused</source>
        <translation>反馈数据包被拒收</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Feedback imported</source>
        <translation>已导入上级反馈</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The feedback package was not imported</source>
        <translation>未导入反馈数据包</translation>
    </message>
</context>
<context>
    <name>SupportExport</name>
    <message>
        <location filename="../../src/unionperf/ui/support_export.py" line="+31"/>
        <source>Export anonymised support data</source>
        <translation>导出匿名支持数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zip archives (*.zip)</source>
        <translation>压缩包 (*.zip)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Writing the anonymised support data…</source>
        <translation>正在生成匿名支持数据…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The support data was not written</source>
        <translation>匿名支持数据未能生成</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Written to {path}.

Names, people, phone numbers, addresses, texts and the credit code are replaced by placeholders, amounts are scaled by a random factor, evidence files are placeholders. Years: {years}.</source>
        <translation>已保存到 {path}。

单位、项目和人员的名称，电话、地址、文字说明和统一社会信用代码已换成占位文字，金额已按随机系数缩放，佐证材料换成了占位文件。年度：{years}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The problems or scores of these years differ from yours: {years}.</source>
        <translation>以下年度的审核问题或得分与原数据不完全一致：{years}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It shows the same problems and scores as your data.</source>
        <translation>其中的审核问题和得分与您的数据一致，可直接发给技术支持。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anonymised support data written</source>
        <translation>已导出匿名支持数据</translation>
    </message>
</context>
<context>
    <name>TargetTreeModel</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/tree_model.py" line="+285"/>
        <source>Level-1 and level-2 rows show the sum of their indicators&apos; points</source>
        <translation>一级、二级指标行显示其下三级指标的分值合计</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>符号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target value</source>
        <translation>指标值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit</source>
        <translation>计量单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Period</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Explanation</source>
        <translation>指标解释</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This level-1 category is not in the indicator framework of the year</source>
        <translation>该一级指标不在本年度的指标体系中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Points add up to {expected}, as required</source>
        <translation>分值合计为{expected}分，符合要求</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This level-2 category is not in the indicator framework of the year</source>
        <translation>该二级指标不在本年度的指标体系中</translation>
    </message>
    <message>
        <location line="+80"/>
        <location line="+5"/>
        <source>Qualitative</source>
        <translation>定性</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Quantitative</source>
        <translation>定量</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mid-term</source>
        <translation>中期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annual</source>
        <translation>年度</translation>
    </message>
</context>
<context>
    <name>TargetsStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/copy_dialog.py" line="+34"/>
        <source>Copy from last year</source>
        <translation>复制上年指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the indicators of which of last year&apos;s targets?</source>
        <translation>复制上年哪一项的绩效指标？</translation>
    </message>
    <message>
        <location line="+37"/>
        <location filename="../../src/unionperf/ui/steps/targets/owner_list.py" line="+66"/>
        <source>Unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/owner_list.py" line="+23"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Indicators</source>
        <translation>指标数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Filter projects…</source>
        <translation>筛选项目…</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/page.py" line="+80"/>
        <source>Add indicator</source>
        <translation>新增指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick from library…</source>
        <translation>从指标库选取…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+65"/>
        <source>Delete indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Copy from last year…</source>
        <translation>复制上年指标…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>What the project (or the unit) is to achieve this year: goal 1, goal 2 …</source>
        <translation>本年度要达到的目标，如：目标1……；目标2……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>For a multi-year project or plan: the goal over its whole period</source>
        <translation>跨年度项目或中期规划填写：整个实施期的总体目标</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Annual goal</source>
        <translation>年度总体目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mid-term goal</source>
        <translation>中期目标</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Open or create a year first (File › New year…)</source>
        <translation>请先选择或新建年度（文件 › 新建年度…）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit as a whole: annual goal and indicators</source>
        <translation>单位整体：总体目标和绩效指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Project “{name}”: goals and indicators</source>
        <translation>项目“{name}”：总体目标和绩效指标</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No indicators yet: select a level-2 category and add one, pick some from the library, or copy last year&apos;s.</source>
        <translation>还没有绩效指标：请选中一个二级指标后新增指标，或从指标库选取，或复制上年指标。</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/tree_view.py" line="+74"/>
        <source>points must add up to the weights</source>
        <translation>各一级指标分值合计应等于规定分值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>points match the weights</source>
        <translation>分值合计符合要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points by level 1: {sums} ({note})</source>
        <translation>一级指标分值：{sums}（{note}）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/page.py" line="+55"/>
        <source>Change the annual goal</source>
        <translation>修改年度总体目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the mid-term goal</source>
        <translation>修改中期目标</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change indicator “{name}”</source>
        <translation>修改指标“{name}”</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Select a level-2 category (e.g. 数量指标) to add an indicator under it</source>
        <translation>请先选中一个二级指标（如数量指标），再在其下新增指标</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New indicator</source>
        <translation>新指标</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/copy_dialog.py" line="+80"/>
        <location filename="../../src/unionperf/ui/steps/targets/page.py" line="+3"/>
        <location line="+18"/>
        <source>Add indicator “{name}”</source>
        <translation>新增指标“{name}”</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/page.py" line="-14"/>
        <source>Indicator added: type its name, target value, unit and points</source>
        <translation>已新增指标：请填写指标名称、指标值、计量单位和分值</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/library_dialog.py" line="+48"/>
        <source>The indicator library cannot be read</source>
        <translation>无法读取指标库</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Those indicators are already in the targets</source>
        <translation>所选指标已在绩效目标中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add {count} indicator(s) from the library</source>
        <translation>从指标库添加{count}个指标</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Added {count} indicator(s): check the target values and set the points</source>
        <translation>已添加{count}个指标：请核对指标值并设置分值</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/page.py" line="+55"/>
        <source>Delete indicator “{name}”</source>
        <translation>删除指标“{name}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Indicator deleted (Ctrl+Z puts it back)</source>
        <translation>已删除指标（按Ctrl+Z可恢复）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/copy_dialog.py" line="-43"/>
        <source>Last year cannot be read</source>
        <translation>无法读取上年数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no {year} data in this workspace to copy from</source>
        <translation>本工作区没有{year}年度的数据，无法复制</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Nothing to copy: “{source}” has no indicators that are not here yet</source>
        <translation>没有可复制的指标：“{source}”的指标均已存在</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy {count} indicator(s) from “{source}”</source>
        <translation>从“{source}”复制{count}个指标</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy the goal from last year</source>
        <translation>复制上年总体目标</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Copied {count} indicator(s) from “{source}”; {skipped} skipped (already here or not in this year&apos;s framework)</source>
        <translation>已从“{source}”复制{count}个指标；跳过{skipped}个（已存在或不在本年度指标体系中）</translation>
    </message>
    <message>
        <location filename="../../src/unionperf/ui/steps/targets/indicator_edits.py" line="+148"/>
        <source>The target of “{name}” is an interval: write it as 60～80 (two numbers not below 0, the lower bound first, not above the upper one). “{text}” was not accepted.</source>
        <translation>“{name}”的指标值是区间，请写作“60～80”（两个不小于0的数，下限在前且不大于上限）；输入的“{text}”未被接受。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{name}” takes a number here: digits and a decimal point only. “{text}” was not accepted.</source>
        <translation>“{name}”此处只能填写数字（数字和小数点）；输入的“{text}”未被接受。</translation>
    </message>
</context>
<context>
    <name>TargetsTab</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/review/extra_tabs.py" line="-57"/>
        <source>Targets of:</source>
        <translation>查看：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot read the unit&apos;s data</source>
        <translation>无法读取该单位的数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The unit as a whole</source>
        <translation>单位整体</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Annual goal: {goal}</source>
        <translation>年度总体目标：{goal}</translation>
    </message>
</context>
<context>
    <name>UnitForm</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/unit/profile_form.py" line="+192"/>
        <source>No signing key yet.</source>
        <translation>尚未创建签名密钥。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give this key id to the upper-level union with the cover sheet.</source>
        <translation>请将此密钥编号随报送回执一并交给上级工会。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>✓ Valid credit code</source>
        <translation>✓ 统一社会信用代码有效</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit the union profile</source>
        <translation>修改单位信息</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The profile was not saved</source>
        <translation>单位信息未保存</translation>
    </message>
</context>
<context>
    <name>UnitFormView</name>
    <message>
        <location line="-196"/>
        <source>18 characters, e.g. 81310115MC2K7Q8P1A</source>
        <translation>18位，如 81310115MC2K7Q8P1A</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grassroots union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+35"/>
        <source>Upper-level union</source>
        <translation>上级工会</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Union name</source>
        <translation>工会名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>工会层级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address</source>
        <translation>通讯地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing key id</source>
        <translation>签名密钥编号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members</source>
        <translation>会员人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>职工人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparer (accountant)</source>
        <translation>填报人（会计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Union chair</source>
        <translation>工会主席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit committee chair</source>
        <translation>经审会主任</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../src/unionperf/ui/first_run_pages.py" line="-260"/>
        <location line="+109"/>
        <source>Your union</source>
        <translation>本单位信息</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>As on the union&apos;s registration certificate. Everything but the name and the credit code can be completed later.</source>
        <translation>请按工会法人资格证书填写。除工会名称和统一社会信用代码外，其他项目可以以后补充。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>18 characters, e.g. 81350100MC0000000X</source>
        <translation>18位，例如 81350100MC0000000X</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grassroots union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upper-level union (receives the packages of its units)</source>
        <translation>上级工会（接收所属单位报送的数据包）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The three names are filled in whenever a stage is signed off; they can be changed later under Unit profile.</source>
        <translation>以上三个姓名在各阶段签字确认时自动填入，以后可在“单位信息”中修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>postgresql+psycopg://user@server/database</source>
        <translation>postgresql+psycopg://用户名@服务器/数据库名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Union name *</source>
        <translation>工会名称 *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unified social credit code *</source>
        <translation>统一社会信用代码 *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level</source>
        <translation>单位级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper-level union</source>
        <translation>上级工会</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparer (accountant)</source>
        <translation>填报人（会计）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Union chair</source>
        <translation>工会主席</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit committee chair</source>
        <translation>经审会主任</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database (optional)</source>
        <translation>数据库（可选）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>✓ The database can be used.</source>
        <translation>✓ 可以使用该数据库。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Leave it empty to keep the data in a local database file in the workspace folder; a large union may enter the address of its PostgreSQL database (no password in it: see the IT section of the upper-level guide).</source>
        <translation>留空则使用工作区文件夹中的本机数据库文件；大型工会可填本单位 PostgreSQL 数据库的连接地址（地址中不写密码，见《上级工会使用说明》“大型工会的数据库”一节）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your union (upper level)</source>
        <translation>本会信息（上级工会）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>An upper-level union may leave it empty.</source>
        <translation>上级工会可以不填。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the 18-character credit code.</source>
        <translation>请填写18位统一社会信用代码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓ The credit code is valid.</source>
        <translation>✓ 统一社会信用代码校验通过。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the union&apos;s name.</source>
        <translation>请填写工会名称。</translation>
    </message>
</context>
<context>
    <name>UnitStep</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/unit/page.py" line="+33"/>
        <source>Enter the union&apos;s profile as registered. Each field is saved when you leave it; Ctrl+Z undoes a change.</source>
        <translation>请按登记信息填写本工会基本情况。每项在离开输入框时自动保存，按 Ctrl+Z 可撤销修改。</translation>
    </message>
</context>
<context>
    <name>UpperKeyDialog</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/unit/keys_box.py" line="-200"/>
        <source>Import the upper-level union&apos;s public key</source>
        <translation>导入上级工会公钥</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type the key id printed on the paper the upper-level union gave you (its key registration sheet, signed and sealed). The key is imported only when the id typed is the same as the file&apos;s: feedback and parameter packages are then accepted only when this key signed them.</source>
        <translation>请输入上级工会交给你的纸质公钥告知表（已签字盖章）上印的密钥编号。只有输入的编号与公钥文件的编号一致时才导入；导入后，只接受用这个公钥签名的反馈数据包和参数包。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>16 characters, as on the sheet</source>
        <translation>16位，按告知表输入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key id on the sheet:</source>
        <translation>告知表上的密钥编号：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key id of the file:</source>
        <translation>公钥文件的密钥编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper-level union:</source>
        <translation>上级工会：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same as on the paper: import</source>
        <translation>核对一致，导入</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The same as the file&apos;s key id.</source>
        <translation>与公钥文件的密钥编号一致。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not the same as the file&apos;s key id: do not import it; ask the upper-level union.</source>
        <translation>与公钥文件的密钥编号不一致：请不要导入，向上级工会核实。</translation>
    </message>
</context>
<context>
    <name>UpperSteps</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/steps.py" line="+47"/>
        <source>Units</source>
        <translation>下级单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reporting status</source>
        <translation>报送情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregation</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Parameters</source>
        <translation>参数下发</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>register keys</source>
        <translation>登记单位和公钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import packages</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>who is missing</source>
        <translation>谁已报、谁未报</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>opinions, approve or return</source>
        <translation>意见、通过或退回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>totals and ranking</source>
        <translation>合计与排名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>send settings down</source>
        <translation>下发指标与规则</translation>
    </message>
</context>
<context>
    <name>UpperWindow</name>
    <message>
        <location filename="../../src/unionperf/ui/upper/window.py" line="+83"/>
        <source>UnionPerf · the upper-level union&apos;s workbench</source>
        <translation>工会预算绩效管理 · 上级工会工作台</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This union&apos;s profile…</source>
        <translation>本会信息…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About UnionPerf…</source>
        <translation>关于本软件…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Year and stage</source>
        <translation>年度和阶段</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Workspace: {path}</source>
        <translation>工作区：{path}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the workspace</source>
        <translation>无法读取工作区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(union profile not entered yet)</source>
        <translation>（尚未填写本会信息）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+16"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup written: {name}</source>
        <translation>备份已写入：{name}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Restored from {name}</source>
        <translation>已从 {name} 恢复</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Data in PostgreSQL (backed up with the database&apos;s own tools)</source>
        <translation>数据在 PostgreSQL 数据库中（用数据库自带的工具备份）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last backup: {when}</source>
        <translation>最近备份：{when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No backup yet</source>
        <translation>尚无备份</translation>
    </message>
</context>
<context>
    <name>WorkingPane</name>
    <message>
        <location filename="../../src/unionperf/ui/steps/evaluation/working_pane.py" line="+56"/>
        <source>How “{indicator}” was scored: {working}</source>
        <translation>“{indicator}”计分说明：{working}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Budget execution: {working}</source>
        <translation>预算执行率：{working}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select an indicator to see how its score came about.</source>
        <translation>选中某个指标，可在此查看其得分的计算过程。</translation>
    </message>
</context>
<context>
    <name>WorkspaceFolder</name>
    <message>
        <location filename="../../src/unionperf/ui/workspace_folder.py" line="+29"/>
        <source>The folder was not opened</source>
        <translation>文件夹未打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot open the folder: {folder}</source>
        <translation>无法打开文件夹：{folder}</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message>
        <location filename="../../src/unionperf/ui/first_run.py" line="-241"/>
        <source>Welcome to UnionPerf</source>
        <translation>欢迎使用工会预算绩效管理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Everything of your union is kept in one workspace folder on this computer: the yearly data, backups, evidence files and the signing key.</source>
        <translation>本单位的全部资料都保存在本机的一个工作区文件夹中：各年度数据、备份、佐证材料和签名密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new workspace for my union</source>
        <translation>为本单位新建工作区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open an existing workspace</source>
        <translation>打开已有的工作区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try the demo union first (sample data to learn with; your own comes later)</source>
        <translation>先试用演示单位（示例数据，用于熟悉操作；以后再建本单位的工作区）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A grassroots union: budget, targets, monitoring, self-evaluation, reporting</source>
        <translation>基层工会：编制预算、绩效目标、运行监控、绩效自评，向上级报送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An upper-level union: receives, reviews and aggregates its units&apos; packages</source>
        <translation>上级工会：登记下级单位，接收、审核、汇总它们报送的数据包</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The workspace is for:</source>
        <translation>本工作区用于：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Workspace folder:</source>
        <translation>工作区文件夹：</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Choose a folder.</source>
        <translation>请选择文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No workspace in this folder (unionperf.sqlite is missing).</source>
        <translation>该文件夹中没有工作区（找不到工作区的数据库文件）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is a file, not a folder.</source>
        <translation>这是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This folder already holds a workspace: choose “Open an existing workspace”, or another folder.</source>
        <translation>该文件夹中已有工作区：请选择“打开已有的工作区”，或换一个文件夹。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>✓ A workspace was found in this folder.</source>
        <translation>✓ 已在该文件夹中找到工作区。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workspace files will be added to this folder.</source>
        <translation>工作区文件将保存到该文件夹中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The folder will be created: {folder}
You find it later with File › Open the workspace folder.</source>
        <translation>将新建文件夹：{folder}
以后可通过“文件 › 打开工作区所在文件夹”找到它。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Workspace folder</source>
        <translation>工作区文件夹</translation>
    </message>
</context>
</TS>
