<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>述职评议会议助手</source>
        <translation>Report-back and Evaluation Meeting Assistant</translation>
    </message>
    <message>
        <source>无法打开数据库:
{error}</source>
        <translation>Could not open the database:
{error}</translation>
    </message>
    <message>
        <source>无法连接:{error}</source>
        <translation>Could not connect: {error}</translation>
    </message>
</context>
<context>
    <name>AutoSaveText</name>
    <message>
        <source>未保存:数据库暂时无法写入,文字保留在此,稍后自动重试</source>
        <translation>Not saved: the database cannot be written just now; the text stays here and is retried shortly</translation>
    </message>
</context>
<context>
    <name>BallotDesk</name>
    <message>
        <source>没有票号 “{serial}”</source>
        <translation>No ballot with serial &quot;{serial}&quot;</translation>
    </message>
    <message>
        <source>保存 {serial}</source>
        <translation>Save {serial}</translation>
    </message>
    <message>
        <source>修改 {serial}</source>
        <translation>Edit {serial}</translation>
    </message>
    <message>
        <source>删除 {serial}</source>
        <translation>Delete {serial}</translation>
    </message>
</context>
<context>
    <name>BallotListPanel</name>
    <message>
        <source>按票号查找(Ctrl+F)</source>
        <translation>Find by serial (Ctrl+F)</translation>
    </message>
    <message>
        <source>评议对象</source>
        <translation>Evaluated unit</translation>
    </message>
    <message>
        <source>第一次</source>
        <translation>First entry</translation>
    </message>
    <message>
        <source>第二次</source>
        <translation>Second entry</translation>
    </message>
    <message>
        <source>以第一次为准</source>
        <translation>Keep the first entry</translation>
    </message>
    <message>
        <source>以第二次为准</source>
        <translation>Keep the second entry</translation>
    </message>
    <message>
        <source>打开修改(Enter)</source>
        <translation>Open to edit (Enter)</translation>
    </message>
    <message>
        <source>删除…(Del)</source>
        <translation>Delete… (Del)</translation>
    </message>
    <message>
        <source>抽样核对…</source>
        <translation>Spot check…</translation>
    </message>
    <message>
        <source>发出/收回张数…</source>
        <translation>Ballots issued/collected…</translation>
    </message>
    <message>
        <source>定稿…</source>
        <translation>Finalise…</translation>
    </message>
    <message>
        <source>解除定稿…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>票种</source>
        <translation>Ballot type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>(同一录入点录入两次)</source>
        <translation>(same station entered it twice)</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Void reason</translation>
    </message>
    <message>
        <source>不一致:</source>
        <translation>Mismatch: </translation>
    </message>
    <message>
        <source>{n}/{total} 张</source>
        <translation>{n}/{total} ballots</translation>
    </message>
    <message>
        <source>改为单人录入</source>
        <translation>Switch to single entry</translation>
    </message>
    <message>
        <source>改为双人录入</source>
        <translation>Switch to double entry</translation>
    </message>
    <message>
        <source>评议票尚未定稿:结果为初步结果。</source>
        <translation>Ballots not finalised yet: the results are provisional.</translation>
    </message>
    <message>
        <source>已定稿:{at}(录入点 {station})。评议票数据摘要 SHA-256:{digest}</source>
        <translation>Finalised: {at} (station {station}). Ballot data digest SHA-256: {digest}</translation>
    </message>
    <message>
        <source>选择一张双人录入的票,在此对照两次录入。</source>
        <translation>Select a double-entered ballot to compare its two entries here.</translation>
    </message>
    <message>
        <source>{serial}:{state}。第一次:{s1};第二次:{s2}</source>
        <translation>{serial}: {state}. First: {s1}; second: {s2}</translation>
    </message>
    <message>
        <source>尚未录入</source>
        <translation>not entered yet</translation>
    </message>
    <message>
        <source>无法处理</source>
        <translation>Could not resolve</translation>
    </message>
    <message>
        <source>票号 {serial}({status})</source>
        <translation>ballot {serial} ({status})</translation>
    </message>
    <message>
        <source>,连同它的全部 {n} 次录入</source>
        <translation>, with all {n} of its entries</translation>
    </message>
    <message>
        <source>删除评议票</source>
        <translation>Delete ballot</translation>
    </message>
    <message>
        <source>确定删除 {what}?可以撤销(Ctrl+Z)。</source>
        <translation>Delete {what}? This can be undone (Ctrl+Z).</translation>
    </message>
    <message>
        <source>无法删除</source>
        <translation>Could not delete</translation>
    </message>
    <message>
        <source>改为双人录入:每张纸质票由两人各录一次,两次一致才计入。确定?</source>
        <translation>Switch to double entry: every paper ballot is entered twice by two people and counts only when both entries agree. Continue?</translation>
    </message>
    <message>
        <source>改为单人录入?</source>
        <translation>Switch to single entry?</translation>
    </message>
    <message>
        <source>录入方式</source>
        <translation>Entry mode</translation>
    </message>
    <message>
        <source>无法切换</source>
        <translation>Could not switch</translation>
    </message>
    <message>
        <source>不能定稿</source>
        <translation>Cannot finalise</translation>
    </message>
    <message>
        <source>{code}票 {count} 张</source>
        <translation>{count} {code} ballots</translation>
    </message>
    <message>
        <source>定稿后评议票将锁定,不能再录入或修改(可解除定稿,会记入审计日志)。

已计入:{s}。</source>
        <translation>After finalising, the ballots are locked: no more entry or changes (they can be reopened; that is recorded in the audit log).

Counted: {s}.</translation>
    </message>
    <message>
        <source>注意:</source>
        <translation>Note: </translation>
    </message>
    <message>
        <source>定稿</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>确定定稿?</source>
        <translation>Finalise the ballots?</translation>
    </message>
    <message>
        <source>解除定稿</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>解除定稿的原因(记入审计日志):</source>
        <translation>Reason for reopening (recorded in the audit log):</translation>
    </message>
    <message>
        <source>无法解除定稿</source>
        <translation>Could not reopen</translation>
    </message>
</context>
<context>
    <name>BallotPanel</name>
    <message>
        <source>开始录入评议票 (Ctrl+回车) →</source>
        <translation>Start entering ballots (Ctrl+Enter) →</translation>
    </message>
    <message>
        <source>评议票发出与收回</source>
        <translation>Ballots issued and collected</translation>
    </message>
    <message>
        <source>未填</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <source>票种</source>
        <translation>Ballot type</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>{code} 票 发出 {issued}、收回 {collected}</source>
        <translation>type {code} ballots issued {issued}, collected {collected}</translation>
    </message>
    <message>
        <source>票数未保存({typed}),显示的是已保存的票数</source>
        <translation>The counts were not saved ({typed}); the stored counts are shown</translation>
    </message>
    <message>
        <source>未保存({typed}):{error}</source>
        <translation>Not saved ({typed}): {error}</translation>
    </message>
    <message>
        <source>【注意】{codes} 票收回多于发出,请核对。</source>
        <translation>[Note] More {codes} ballots collected than issued; please check.</translation>
    </message>
</context>
<context>
    <name>BallotsScreen</name>
    <message>
        <source>逐张录入</source>
        <translation>Ballot by ballot</translation>
    </message>
    <message>
        <source>扫描核对</source>
        <translation>Scan review</translation>
    </message>
    <message>
        <source>票据列表与定稿</source>
        <translation>Ballot list and finalising</translation>
    </message>
    <message>
        <source>删除选中的票</source>
        <translation>Delete the selected ballot</translation>
    </message>
    <message>
        <source>撤销 / 重做</source>
        <translation>Undo / redo</translation>
    </message>
    <message>
        <source>按票号查找</source>
        <translation>Find by serial</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>票号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>票种</source>
        <translation>Ballot type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>录入点</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>已录入票数</source>
        <translation>Ballots entered</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>时限/说明</source>
        <translation>Time limit / notes</translation>
    </message>
    <message>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>废票</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>空白</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>评议对象</source>
        <translation>Evaluated unit</translation>
    </message>
    <message>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>综合得分</source>
        <translation>Combined score</translation>
    </message>
    <message>
        <source>{rank} 并列</source>
        <translation>{rank} (tied)</translation>
    </message>
    <message>
        <source>{code}·弃权</source>
        <translation>{code}·abstain</translation>
    </message>
    <message>
        <source>{code}·n</source>
        <translation>{code}·n</translation>
    </message>
    <message>
        <source>{code}·好评率</source>
        <translation>{code}·good rate</translation>
    </message>
    <message>
        <source>{code}·满意率</source>
        <translation>{code}·approval rate</translation>
    </message>
    <message>
        <source>{code}·得分</source>
        <translation>{code}·score</translation>
    </message>
    <message>
        <source>好评率</source>
        <translation>Good rate</translation>
    </message>
    <message>
        <source>满意率(好+较好)</source>
        <translation>Approval rate (good + fairly good)</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>Time used</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>时限(秒)</source>
        <translation>Limit (s)</translation>
    </message>
    <message>
        <source>讲话人</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>述职人</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>述职单位</source>
        <translation>Unit reported on</translation>
    </message>
    <message>
        <source>书面述职</source>
        <translation>Written report</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>发出票数</source>
        <translation>Ballots issued</translation>
    </message>
    <message>
        <source>类别名称</source>
        <translation>Category name</translation>
    </message>
    <message>
        <source>单位数</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>半数</source>
        <translation>Half</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>“好”上限</source>
        <translation>&quot;好&quot; cap</translation>
    </message>
</context>
<context>
    <name>CommentaryPanel</name>
    <message>
        <source>在此输入对该单位的点评,自动保存</source>
        <translation>Type the comment on this unit here; saved automatically</translation>
    </message>
    <message>
        <source>Alt+↓ 或 Ctrl+回车:下一个单位;Alt+↑:上一个;Esc:离开输入框</source>
        <translation>Alt+↓ or Ctrl+Enter: next unit; Alt+↑: previous; Esc: leave the text box</translation>
    </message>
    <message>
        <source>{unit}(未保存)</source>
        <translation>{unit} (not saved)</translation>
    </message>
    <message>
        <source>下一个单位(在点评框中)</source>
        <translation>Next unit (in the comment box)</translation>
    </message>
    <message>
        <source>Alt+↓ / Ctrl+回车</source>
        <translation>Alt+↓ / Ctrl+Enter</translation>
    </message>
    <message>
        <source>上一个单位(在点评框中)</source>
        <translation>Previous unit (in the comment box)</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>数据库与录入点</source>
        <translation>Database and station</translation>
    </message>
    <message>
        <source>本机数据文件(单机使用)</source>
        <translation>Data file on this computer (single station)</translation>
    </message>
    <message>
        <source>共享数据库 PostgreSQL(多台电脑同时录入)</source>
        <translation>Shared PostgreSQL database (several computers entering at once)</translation>
    </message>
    <message>
        <source>在本机记住密码</source>
        <translation>Remember the password on this computer</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>数据保存在本机用户数据目录中的文件里。</source>
        <translation>The data is kept in a file in this computer&apos;s user data folder.</translation>
    </message>
    <message>
        <source>数据位置</source>
        <translation>Data location</translation>
    </message>
    <message>
        <source>本录入点名称</source>
        <translation>This station&apos;s name</translation>
    </message>
    <message>
        <source>连接失败:{e}</source>
        <translation>Connection failed: {e}</translation>
    </message>
    <message>
        <source>连接成功,数据库已是最新版本。</source>
        <translation>Connected; the database is up to date.</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>人工作废({reason})</source>
        <translation>voided by hand ({reason})</translation>
    </message>
    <message>
        <source>多选:{targets}</source>
        <translation>several boxes ticked: {targets}</translation>
    </message>
    <message>
        <source>{category}“{level}”{count}个,超过上限{cap}个</source>
        <translation>{category}: {count} × &quot;{level}&quot;, over the cap of {cap}</translation>
    </message>
    <message>
        <source>超限:{breaches}</source>
        <translation>over the cap: {breaches}</translation>
    </message>
    <message>
        <source>多选按弃权计:{targets}</source>
        <translation>several boxes counted as abstentions: {targets}</translation>
    </message>
    <message>
        <source>超限类别不计:{categories}</source>
        <translation>categories over the cap not counted: {categories}</translation>
    </message>
    <message>
        <source>有效票({notes})</source>
        <translation>Valid ({notes})</translation>
    </message>
    <message>
        <source>有效票</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>空白票</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>废票:{detail}</source>
        <translation>Void: {detail}</translation>
    </message>
    <message>
        <source>不是有效的 CSV:{error} / not valid CSV</source>
        <translation>Not a valid CSV file: {error}</translation>
    </message>
    <message>
        <source>文件是空的,缺少表头 / the file is empty</source>
        <translation>The file is empty: there is no header row</translation>
    </message>
    <message>
        <source>第 {column} 列表头为空 / empty column name</source>
        <translation>The header of column {column} is empty</translation>
    </message>
    <message>
        <source>列名重复 / duplicate column</source>
        <translation>This column name appears twice in the header</translation>
    </message>
    <message>
        <source>缺少 “{column}” 列 / missing column</source>
        <translation>The &quot;{column}&quot; column is missing</translation>
    </message>
    <message>
        <source>表头中的评议对象不属于本会议 / unknown target column</source>
        <translation>This header names a unit that is not evaluated in this meeting</translation>
    </message>
    <message>
        <source>缺少评议对象列 / missing target column</source>
        <translation>The column for this evaluated unit is missing</translation>
    </message>
    <message>
        <source>有 {fields} 个字段,表头有 {columns} 个 / wrong number of fields</source>
        <translation>The row has {fields} fields, but the header has {columns}</translation>
    </message>
    <message>
        <source>票号为空 / empty serial</source>
        <translation>The ballot serial is empty</translation>
    </message>
    <message>
        <source>票号 “{serial}” 与第 {row} 行重复 / duplicate serial</source>
        <translation>Serial &quot;{serial}&quot; already appears in row {row}</translation>
    </message>
    <message>
        <source>未知票种 “{code}”(本会议:{known}) / unknown type</source>
        <translation>Unknown ballot type &quot;{code}&quot; (this meeting has {known})</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>;</source>
        <translation>; </translation>
    </message>
    <message>
        <source>未知等次 “{label}”(本会议:{known}) / unknown level</source>
        <translation>Unknown level &quot;{label}&quot; (this meeting has {known})</translation>
    </message>
    <message>
        <source>同一等次重复:“{value}” / a level is repeated</source>
        <translation>The same level is given twice: &quot;{value}&quot;</translation>
    </message>
    <message>
        <source>票号 “{serial}” 没有第 {pass_no} 次录入 / no such typing</source>
        <translation>Ballot &quot;{serial}&quot; has no entry number {pass_no}</translation>
    </message>
    <message>
        <source>{code}票已录入 {entered} 张,多于收回的 {collected} 张</source>
        <translation>{entered} {code} ballots entered, more than the {collected} collected</translation>
    </message>
    <message>
        <source>{code}票已录入 {entered} 张,多于发出的 {issued} 张</source>
        <translation>{entered} {code} ballots entered, more than the {issued} issued</translation>
    </message>
    <message>
        <source>{code}票收回 {collected} 张,多于发出的 {issued} 张</source>
        <translation>{collected} {code} ballots collected, more than the {issued} issued</translation>
    </message>
    <message>
        <source>应为 JSON 对象 {…} / expected an object</source>
        <translation>Expected a JSON object {…}</translation>
    </message>
    <message>
        <source>缺少必填项 / required field is missing</source>
        <translation>This required field is missing</translation>
    </message>
    <message>
        <source>应为文字,实为 {value!r} / expected text</source>
        <translation>Expected text, found {value!r}</translation>
    </message>
    <message>
        <source>不能为空 / must not be empty</source>
        <translation>This field must not be empty</translation>
    </message>
    <message>
        <source>应为数字,实为 {value!r} / expected a number</source>
        <translation>Expected a number, found {value!r}</translation>
    </message>
    <message>
        <source>数值超出范围(-{limit:g} 至 {limit:g}) / number out of range</source>
        <translation>The number is out of range (-{limit:g} to {limit:g})</translation>
    </message>
    <message>
        <source>应大于 0,实为 {value!r} / must be positive</source>
        <translation>Must be greater than 0, found {value!r}</translation>
    </message>
    <message>
        <source>应为不小于 {minimum} 的整数,实为 {value!r} / expected a whole number ≥ {minimum}</source>
        <translation>Expected a whole number of at least {minimum}, found {value!r}</translation>
    </message>
    <message>
        <source>不能大于 {maximum} / must be at most {maximum}</source>
        <translation>Must be at most {maximum}</translation>
    </message>
    <message>
        <source>应为 true 或 false,实为 {value!r} / expected true or false</source>
        <translation>Expected true or false, found {value!r}</translation>
    </message>
    <message>
        <source>应为列表 […] / expected a list</source>
        <translation>Expected a list […]</translation>
    </message>
    <message>
        <source>最多 {most} 项,实有 {count} 项 / too many items</source>
        <translation>At most {most} items are allowed, there are {count}</translation>
    </message>
    <message>
        <source>未知字段 “{key}”(可用:{allowed}) / unknown field</source>
        <translation>Unknown field &quot;{key}&quot; (allowed: {allowed})</translation>
    </message>
    <message>
        <source>含有无效字符(孤立的代理项) / contains a lone surrogate</source>
        <translation>Contains an invalid character (a lone surrogate)</translation>
    </message>
    <message>
        <source>含有控制字符(如 NUL) / contains a control character</source>
        <translation>Contains a control character (such as NUL)</translation>
    </message>
    <message>
        <source>最长 {most} 个字符,实有 {count} 个 / text too long</source>
        <translation>At most {most} characters are allowed, there are {count}</translation>
    </message>
    <message>
        <source>日期应为 YYYY-MM-DD,实为 “{date}” / expected a date YYYY-MM-DD</source>
        <translation>Expected a date as YYYY-MM-DD, found &quot;{date}&quot;</translation>
    </message>
    <message>
        <source>未知议程类型 “{kind}”(可用:{allowed}) / unknown kind</source>
        <translation>Unknown agenda item kind &quot;{kind}&quot; (allowed: {allowed})</translation>
    </message>
    <message>
        <source>等次名称不能包含 “|” / a level label cannot contain &apos;|&apos;</source>
        <translation>A level label cannot contain &quot;|&quot;</translation>
    </message>
    <message>
        <source>等次 “{label}” 重复 / duplicate level label</source>
        <translation>Level &quot;{label}&quot; appears twice</translation>
    </message>
    <message>
        <source>至少需要一个等次 / at least one level is needed</source>
        <translation>At least one level is needed</translation>
    </message>
    <message>
        <source>类别 “{name}” 重复 / duplicate category name</source>
        <translation>Category &quot;{name}&quot; appears twice</translation>
    </message>
    <message>
        <source>评议对象名称应为非空文字 / target name must be text</source>
        <translation>A unit&apos;s name must be non-empty text</translation>
    </message>
    <message>
        <source>评议对象最多 {most} 个 / too many targets</source>
        <translation>At most {most} units can be evaluated</translation>
    </message>
    <message>
        <source>评议对象 “{target}” 重复(已在 {where}) / duplicate target</source>
        <translation>Unit &quot;{target}&quot; appears twice (already at {where})</translation>
    </message>
    <message>
        <source>评议对象不能叫 “{target}” / reserved name</source>
        <translation>A unit cannot be called &quot;{target}&quot; (a reserved name)</translation>
    </message>
    <message>
        <source>应为 {等次: 上限} / expected an object of level: cap</source>
        <translation>Expected an object mapping each level to its cap</translation>
    </message>
    <message>
        <source>上限所指等次 “{label}” 不存在(等次:{levels}) / unknown level</source>
        <translation>The cap names level &quot;{label}&quot;, which does not exist (levels: {levels})</translation>
    </message>
    <message>
        <source>上限应为 0 至 {most} 的整数,实为 {cap} / cap must be a whole number</source>
        <translation>A cap must be a whole number from 0 to {most}, not {cap}</translation>
    </message>
    <message>
        <source>至少需要一个类别 / at least one category is needed</source>
        <translation>At least one category is needed</translation>
    </message>
    <message>
        <source>票种代码 “{code}” 重复 / duplicate ballot type code</source>
        <translation>Ballot type code &quot;{code}&quot; appears twice</translation>
    </message>
    <message>
        <source>至少需要一种评议票 / at least one ballot type is needed</source>
        <translation>At least one ballot type is needed</translation>
    </message>
    <message>
        <source>述职单位 “{target}” 不是本会议的评议对象 / not a target</source>
        <translation>Unit &quot;{target}&quot; is not evaluated in this meeting</translation>
    </message>
    <message>
        <source>应为 void_ballot 或 void_target</source>
        <translation>Expected void_ballot or void_target</translation>
    </message>
    <message>
        <source>应为 void_ballot 或 void_category</source>
        <translation>Expected void_ballot or void_category</translation>
    </message>
    <message>
        <source>第 {row} 行,“{column}”列:{message}</source>
        <translation>Row {row}, column &quot;{column}&quot;: {message}</translation>
    </message>
    <message>
        <source>第 {row} 行:{message}</source>
        <translation>Row {row}: {message}</translation>
    </message>
    <message>
        <source>“{column}”列:{message}</source>
        <translation>Column &quot;{column}&quot;: {message}</translation>
    </message>
    <message>
        <source>第{n}列</source>
        <translation>column {n}</translation>
    </message>
    <message>
        <source>文件是空的,没有名单</source>
        <translation>The file is empty: there is no roster in it</translation>
    </message>
    <message>
        <source>找不到“{column}”列(表头:{headers}):这张表不像述职人/评议对象名单,请在预览中指定列</source>
        <translation>No &quot;{column}&quot; column (the headers are: {headers}): this table does not look like a roster of speakers or evaluated units; choose the columns in the preview</translation>
    </message>
    <message>
        <source>单位为空</source>
        <translation>The unit is empty</translation>
    </message>
    <message>
        <source>单位“{target}”重复(第 {row} 行已有)</source>
        <translation>Unit &quot;{target}&quot; appears twice (already in row {row})</translation>
    </message>
    <message>
        <source>单位不能叫“{target}”</source>
        <translation>A unit cannot be called &quot;{target}&quot;</translation>
    </message>
    <message>
        <source>姓名为空(有职务却没有姓名)</source>
        <translation>The name is empty (there is a post but no name)</translation>
    </message>
    <message>
        <source>述职人“{name}”重复(第 {row} 行已有)</source>
        <translation>Speaker &quot;{name}&quot; appears twice (already in row {row})</translation>
    </message>
    <message>
        <source>时限应为 1 至 {most} 的整数(秒),实为“{text}”</source>
        <translation>The time limit must be a whole number of seconds from 1 to {most}, not &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>书面述职应为“是”或“否”,实为“{text}”</source>
        <translation>Written report must be &quot;yes&quot; or &quot;no&quot; (是 or 否), not &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>类别“{category}”的上限 {cap} 与第 {row} 行的 {first} 不一致</source>
        <translation>The cap {cap} for category &quot;{category}&quot; differs from {first} in row {row}</translation>
    </message>
    <message>
        <source>表头下面没有任何名单行</source>
        <translation>There are no roster rows below the header</translation>
    </message>
    <message>
        <source>名单还有问题,不能导入 / the roster has problems</source>
        <translation>The roster still has problems and cannot be imported</translation>
    </message>
    <message>
        <source>上限应为整数或“一半”,实为“{text}”</source>
        <translation>A cap must be a whole number or &quot;half&quot;, not &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>会议名称为空</source>
        <translation>The meeting has no title</translation>
    </message>
    <message>
        <source>填写会议名称</source>
        <translation>Enter the meeting&apos;s title</translation>
    </message>
    <message>
        <source>议程名称为空</source>
        <translation>The agenda item has no title</translation>
    </message>
    <message>
        <source>填写议程名称</source>
        <translation>Enter a title for the agenda item</translation>
    </message>
    <message>
        <source>时限应大于 0</source>
        <translation>The time limit must be greater than 0</translation>
    </message>
    <message>
        <source>填写正的秒数或留空</source>
        <translation>Enter a positive number of seconds, or leave it empty</translation>
    </message>
    <message>
        <source>等次名称为空</source>
        <translation>The level has no label</translation>
    </message>
    <message>
        <source>填写等次名称</source>
        <translation>Enter a label for the level</translation>
    </message>
    <message>
        <source>等次“{label}”重复</source>
        <translation>Level &quot;{label}&quot; appears twice</translation>
    </message>
    <message>
        <source>改名或删除重复的等次</source>
        <translation>Rename or delete the repeated level</translation>
    </message>
    <message>
        <source>等次名称不能包含“|”</source>
        <translation>A level label cannot contain &quot;|&quot;</translation>
    </message>
    <message>
        <source>去掉“|”</source>
        <translation>Remove the &quot;|&quot;</translation>
    </message>
    <message>
        <source>没有等次</source>
        <translation>There are no levels</translation>
    </message>
    <message>
        <source>至少添加一个等次,如“好”</source>
        <translation>Add at least one level, such as &quot;好&quot; (good)</translation>
    </message>
    <message>
        <source>没有评议对象类别</source>
        <translation>There are no categories of evaluated units</translation>
    </message>
    <message>
        <source>至少添加一个类别</source>
        <translation>Add at least one category</translation>
    </message>
    <message>
        <source>类别名称为空</source>
        <translation>The category has no name</translation>
    </message>
    <message>
        <source>填写类别名称</source>
        <translation>Enter a name for the category</translation>
    </message>
    <message>
        <source>类别“{name}”重复</source>
        <translation>Category &quot;{name}&quot; appears twice</translation>
    </message>
    <message>
        <source>改名或合并类别</source>
        <translation>Rename or merge the categories</translation>
    </message>
    <message>
        <source>该类别没有评议对象</source>
        <translation>This category has no evaluated units</translation>
    </message>
    <message>
        <source>添加或导入评议对象</source>
        <translation>Add or import the evaluated units</translation>
    </message>
    <message>
        <source>评议对象名称为空</source>
        <translation>The evaluated unit has no name</translation>
    </message>
    <message>
        <source>填写单位名称</source>
        <translation>Enter the unit&apos;s name</translation>
    </message>
    <message>
        <source>评议对象“{target}”重复(已在 {where})</source>
        <translation>Unit &quot;{target}&quot; appears twice (already at {where})</translation>
    </message>
    <message>
        <source>改名或删除其中一个</source>
        <translation>Rename or delete one of them</translation>
    </message>
    <message>
        <source>评议对象不能叫“{target}”</source>
        <translation>A unit cannot be called &quot;{target}&quot;</translation>
    </message>
    <message>
        <source>换一个名称</source>
        <translation>Choose another name</translation>
    </message>
    <message>
        <source>等次“{label}”不存在</source>
        <translation>Level &quot;{label}&quot; does not exist</translation>
    </message>
    <message>
        <source>删除该上限或添加等次</source>
        <translation>Delete this cap or add the level</translation>
    </message>
    <message>
        <source>上限不能为负数</source>
        <translation>A cap cannot be negative</translation>
    </message>
    <message>
        <source>填写 0 或更大的整数</source>
        <translation>Enter a whole number, 0 or more</translation>
    </message>
    <message>
        <source>上限 {cap} 大于该类别的单位数 {units}</source>
        <translation>The cap {cap} is more than the {units} units in this category</translation>
    </message>
    <message>
        <source>改为不超过 {units} 的数,或留空表示不限</source>
        <translation>Enter a number no greater than {units}, or leave it empty for no cap</translation>
    </message>
    <message>
        <source>没有票种</source>
        <translation>There are no ballot types</translation>
    </message>
    <message>
        <source>至少添加一种评议票,如 A 票</source>
        <translation>Add at least one ballot type, such as A</translation>
    </message>
    <message>
        <source>票种代码为空</source>
        <translation>The ballot type has no code</translation>
    </message>
    <message>
        <source>填写代码,如 A</source>
        <translation>Enter a code, such as A</translation>
    </message>
    <message>
        <source>票种代码“{code}”重复</source>
        <translation>Ballot type code &quot;{code}&quot; appears twice</translation>
    </message>
    <message>
        <source>每种票用不同的代码</source>
        <translation>Give each ballot type its own code</translation>
    </message>
    <message>
        <source>权重应大于 0,实为 {weight:g}</source>
        <translation>The weight must be greater than 0, not {weight:g}</translation>
    </message>
    <message>
        <source>填写正数,如 0.4</source>
        <translation>Enter a positive number, such as 0.4</translation>
    </message>
    <message>
        <source>发出票数不能为负数</source>
        <translation>The number of ballots issued cannot be negative</translation>
    </message>
    <message>
        <source>述职人姓名为空</source>
        <translation>The speaker has no name</translation>
    </message>
    <message>
        <source>填写姓名</source>
        <translation>Enter the speaker&apos;s name</translation>
    </message>
    <message>
        <source>述职人“{name}”重复</source>
        <translation>Speaker &quot;{name}&quot; appears twice</translation>
    </message>
    <message>
        <source>删除重复的一行,或在姓名后注明单位</source>
        <translation>Delete the repeated row, or add the unit after the name</translation>
    </message>
    <message>
        <source>单位“{target}”不是评议对象</source>
        <translation>Unit &quot;{target}&quot; is not an evaluated unit</translation>
    </message>
    <message>
        <source>把该单位加入评议对象,或改为已有的评议对象</source>
        <translation>Add this unit to the evaluated units, or choose one that is already there</translation>
    </message>
    <message>
        <source>含有文档字体无法打印的字符 {chars}</source>
        <translation>contains characters the document font cannot print: {chars}</translation>
    </message>
    <message>
        <source>换一种写法(印出来会是空白)</source>
        <translation>write it another way (they would print as blanks)</translation>
    </message>
    <message>
        <source>日期应为 YYYY-MM-DD,如 2021-01-20</source>
        <translation>The date should be YYYY-MM-DD, e.g. 2021-01-20</translation>
    </message>
    <message>
        <source>没有编号为 {meeting_id} 的会议 / no meeting with id {meeting_id}</source>
        <translation>There is no meeting with ID {meeting_id}</translation>
    </message>
    <message>
        <source>第 {n} 次录入</source>
        <translation> (typing {n})</translation>
    </message>
    <message>
        <source>会议 {meeting_id}“{title}”{where}的票号 {serials} 是同一张票(写法不同),请核对纸质票后删除多余的一张 / serials that name one paper ballot</source>
        <translation>Meeting {meeting_id} “{title}”{where}: serials {serials} name the same paper ballot (written differently); check the paper and delete the extra one</translation>
    </message>
    <message>
        <source>票号 “{serial}” 已经录入过(即 “{stored}”) / serial already entered</source>
        <translation>Serial “{serial}” has already been entered (as “{stored}”)</translation>
    </message>
    <message>
        <source>评议票已定稿,不能再修改;确需修改时请先“解除定稿”(会记入审计日志) / ballots are finalised (locked)</source>
        <translation>The ballots are finalised and can no longer be changed; if a change is really needed, first &quot;Reopen&quot; them (this is recorded in the audit log)</translation>
    </message>
    <message>
        <source>本会议还没有评议对象,不能录入评议票 / the meeting has no units</source>
        <translation>The meeting has no units yet, so no ballot can be entered</translation>
    </message>
    <message>
        <source>未知评议对象 / unknown target</source>
        <translation>Unknown evaluated unit</translation>
    </message>
    <message>
        <source>票号 “{serial}” 与 “{other}” 是同一张票,重复 / duplicate serial</source>
        <translation>Serial “{serial}” is the same ballot as “{other}”: duplicate serial</translation>
    </message>
    <message>
        <source>票号 “{serial}” 已经录入过 / serial already entered</source>
        <translation>Serial &quot;{serial}&quot; has already been entered</translation>
    </message>
    <message>
        <source>票号已被其他录入点占用,本次未保存任何票 / a serial was taken concurrently</source>
        <translation>A serial was just taken by another station; none of these ballots were saved</translation>
    </message>
    <message>
        <source>数据库里已有表,但没有迁移版本记录,无法安全升级 / the database has tables but no migration version</source>
        <translation>The database already has tables but no record of its migration version, so it cannot be upgraded safely</translation>
    </message>
    <message>
        <source>数据库无法写入(磁盘已满、只读或读写出错),本次操作未保存,此前保存的数据不受影响:{error} / the database could not be written; nothing was saved</source>
        <translation>The database could not be written (disk full, read-only or an I/O error); nothing of this change was saved, and what was saved before is intact: {error}</translation>
    </message>
    <message>
        <source>数据库连接中断,本次操作未保存,请稍后重试:{error} / the database connection failed; nothing was saved</source>
        <translation>The connection to the database was lost and nothing was saved; please try again shortly: {error}</translation>
    </message>
    <message>
        <source>地址中缺少数据库名 / the URL names no database</source>
        <translation>The address does not name a database</translation>
    </message>
    <message>
        <source>无法建立数据库:{error} / cannot create the database</source>
        <translation>Cannot create the database: {error}</translation>
    </message>
    <message>
        <source>无法识别的数据库地址:{error} / not a database URL this app can use</source>
        <translation>Not a database address this app can use: {error}</translation>
    </message>
    <message>
        <source>无法打开数据库:{error} / cannot open the database</source>
        <translation>Cannot open the database: {error}</translation>
    </message>
    <message>
        <source>数据库只读且版本较旧,无法升级;请复制到可写的位置再打开 / read-only database of an older version: copy it somewhere writable</source>
        <translation>The database is read-only and of an older version, so it cannot be upgraded; copy it somewhere writable and open it there</translation>
    </message>
    <message>
        <source>录入点角色只用于 PostgreSQL / station roles are for PostgreSQL</source>
        <translation>Station roles are for PostgreSQL only</translation>
    </message>
    <message>
        <source>需要角色名和密码 / a role name and a password are needed</source>
        <translation>A role name and a password are needed</translation>
    </message>
    <message>
        <source>无法设置录入点角色:{error} / cannot set up the station role</source>
        <translation>Cannot set up the station role: {error}</translation>
    </message>
    <message>
        <source>已有录入的评议票,不能再切换单人/双人录入 / double entry can only be changed before the first ballot</source>
        <translation>Ballots have already been entered; single or double entry can only be changed before the first ballot</translation>
    </message>
    <message>
        <source>票号 “{serial}” 已经录入过(即 “{stored}”),未覆盖原票;如需修改请在票据列表中打开它 / serial already entered</source>
        <translation>Serial “{serial}” has already been entered (as “{stored}”); the stored ballot was not overwritten. To change it, open it in the ballot list</translation>
    </message>
    <message>
        <source>票号 “{serial}” 已经录入过,未覆盖原票;如需修改请在票据列表中打开它 / serial already entered</source>
        <translation>Serial &quot;{serial}&quot; has already been entered, and the ballot was not overwritten; to change it, open it in the ballot list</translation>
    </message>
    <message>
        <source>票号 “{serial}” 已录入两次;如需修改请在票据列表中打开它 / serial already typed twice</source>
        <translation>Serial &quot;{serial}&quot; has already been entered twice; to change it, open it in the ballot list</translation>
    </message>
    <message>
        <source>票号 “{serial}” 的第 {pass_no} 次录入刚被其他录入点保存,请核对后重新保存 / typing taken concurrently</source>
        <translation>Entry {pass_no} of serial &quot;{serial}&quot; was just saved by another station; check it and save again</translation>
    </message>
    <message>
        <source>票号 “{serial}” 没有两次录入可比对 / not typed twice</source>
        <translation>Serial &quot;{serial}&quot; has not been entered twice, so there is nothing to compare</translation>
    </message>
    <message>
        <source>没有第 {pass_no} 次录入的票号 “{serial}” / no such ballot</source>
        <translation>There is no entry {pass_no} of serial &quot;{serial}&quot;</translation>
    </message>
    <message>
        <source>没有票号 “{serial}” / no such ballot</source>
        <translation>There is no ballot with serial &quot;{serial}&quot;</translation>
    </message>
    <message>
        <source>{count} 张票只录入了一次:{serials}</source>
        <translation>{count} ballots entered only once: {serials}</translation>
    </message>
    <message>
        <source>{count} 张票两次录入不一致:{serials}</source>
        <translation>{count} ballots whose two entries differ: {serials}</translation>
    </message>
    <message>
        <source>{serials} 等 {count} 张</source>
        <translation>{serials} and others, {count} in all</translation>
    </message>
    <message>
        <source>不能定稿:{problems} / cannot finalise</source>
        <translation>Cannot finalise: {problems}</translation>
    </message>
    <message>
        <source>还没有录入任何评议票,不能定稿 / no ballots to finalise</source>
        <translation>No ballots have been entered yet, so there is nothing to finalise</translation>
    </message>
    <message>
        <source>解除定稿须写明原因 / a reason is required</source>
        <translation>Reopening the ballots needs a reason</translation>
    </message>
    <message>
        <source>评议票尚未定稿 / ballots are not finalised</source>
        <translation>The ballots are not finalised</translation>
    </message>
    <message>
        <source>票数不能为负数:{number} / must not be negative</source>
        <translation>A number of ballots cannot be negative: {number}</translation>
    </message>
    <message>
        <source>没有票种 “{code}” / no ballot type {code!r}</source>
        <translation>There is no ballot type &quot;{code}&quot;</translation>
    </message>
    <message>
        <source>没有第 {number} 项议程(共 {count} 项) / no agenda item {index}</source>
        <translation>There is no agenda item {number} (index {index}); the agenda has {count} items</translation>
    </message>
    <message>
        <source>“{name}” 不是本会议的评议对象 / not a target</source>
        <translation>&quot;{name}&quot; is not an evaluated unit of this meeting</translation>
    </message>
    <message>
        <source>“{name}” 不是本会议的述职人 / not a speaker</source>
        <translation>&quot;{name}&quot; is not a speaker of this meeting</translation>
    </message>
    <message>
        <source>没有编号为 {comment_id} 的点评 / no comment with id {comment_id}</source>
        <translation>There is no comment with ID {comment_id}</translation>
    </message>
    <message>
        <source>评议票已定稿,不能做会改变结果的修改:{changes}。可以修改会议名称、日期、地点、议程和述职人;确需修改请先“解除定稿”(会记入审计日志) / ballots are finalised: changes to the result are refused</source>
        <translation>The ballots are finalised, so changes to the result are refused: {changes}. The meeting&apos;s name, date, venue, agenda and speakers can still be changed; for anything else unlock the ballots first (recorded in the audit log)</translation>
    </message>
    <message>
        <source>已录入评议票,不能做会改变计票结果的修改:{changes}。可以修改会议名称、地点、议程、述职人和各种名称;要改评议对象、等次、上限、票种或规则,请先删除已录入的票 / ballots exist: changes that alter the count are refused</source>
        <translation>Ballots have been entered, so changes that would alter the count are refused: {changes}. The title, venue, agenda, speakers and all names can still be changed; to change the evaluated units, levels, caps, ballot types or rules, first delete the entered ballots</translation>
    </message>
    <message>
        <source>被删除的议程已有点评或计时记录,不能删除;可以改名或调整顺序 / a removed agenda item has recorded comments or timings</source>
        <translation>A removed agenda item already has recorded comments or timings, so it cannot be deleted; you can rename it or change the order</translation>
    </message>
    <message>
        <source>被删除的述职人({names})已有计时记录,不能删除;可以改职务或顺序 / a removed speaker has recorded timings</source>
        <translation>The removed speakers ({names}) already have recorded timings, so they cannot be deleted; you can change their posts or their order</translation>
    </message>
    <message>
        <source>被删除的评议对象({names})已有点评,不能删除 / a removed target has comments</source>
        <translation>The removed evaluated units ({names}) already have comments, so they cannot be deleted</translation>
    </message>
    <message>
        <source>文件过大(超过 {most} MB),不是本程序的文件? / file too large</source>
        <translation>The file is too large (over {most} MB); is it really a file for this program?</translation>
    </message>
    <message>
        <source>文件不存在 / file not found</source>
        <translation>The file does not exist</translation>
    </message>
    <message>
        <source>无法读取文件:{error} / cannot read</source>
        <translation>Cannot read the file: {error}</translation>
    </message>
    <message>
        <source>不是 UTF-8 编码(从 Excel 另存时请选“CSV UTF-8”) / not UTF-8 text</source>
        <translation>The file is not UTF-8 text (when saving from Excel, choose &quot;CSV UTF-8&quot;)</translation>
    </message>
    <message>
        <source>不是有效的 JSON:第 {line} 行第 {column} 列,{error} / invalid JSON</source>
        <translation>Not valid JSON: line {line}, column {column}: {error}</translation>
    </message>
    <message>
        <source>JSON 嵌套过深 / JSON nested too deeply</source>
        <translation>The JSON is nested too deeply</translation>
    </message>
    <message>
        <source>不是有效的 JSON:{error} / invalid JSON</source>
        <translation>Not valid JSON: {error}</translation>
    </message>
    <message>
        <source>行数过多(超过 {most} 行),这不像名单 / too many rows</source>
        <translation>Too many rows (over {most}); this does not look like a roster</translation>
    </message>
    <message>
        <source>不支持的文件类型 “{suffix}”,请用 Excel(.xlsx)或 CSV / unsupported file</source>
        <translation>Unsupported file type &quot;{suffix}&quot;; use an Excel file (.xlsx) or a CSV file</translation>
    </message>
    <message>
        <source>Excel 文件里没有工作表 / the workbook has no sheet</source>
        <translation>The Excel workbook has no sheet</translation>
    </message>
    <message>
        <source>无法读取 Excel 文件:{error} / not a readable .xlsx file</source>
        <translation>Cannot read the Excel file: {error}</translation>
    </message>
    <message>
        <source>未知的文档类型 “{kind}”(可用:{allowed}) / unknown kind</source>
        <translation>Unknown document kind &quot;{kind}&quot; (available: {allowed})</translation>
    </message>
    <message>
        <source>{code}票录入 {entered} 张,多于发出的 {issued} 张,本轮结果存疑</source>
        <translation>{entered} {code} ballots entered, more than the {issued} issued: these results are in doubt</translation>
    </message>
    <message>
        <source>{code}票录入 {entered} 张,多于收回的 {collected} 张,本轮结果存疑</source>
        <translation>{entered} {code} ballots entered, more than the {collected} collected: these results are in doubt</translation>
    </message>
    <message>
        <source>时长应写作 4:00、4分钟、4分30秒 或秒数,实为“{text}”</source>
        <translation>A length is written 4:00, 4分钟 (4 minutes), 4分30秒 or in seconds, not “{text}”</translation>
    </message>
    <message>
        <source>窗口无法启动:缺少 Qt 的 X11 库 {libraries},请先安装(Debian/Ubuntu:sudo apt install {packages};其他系统见 README 的安装一节) / the window cannot start: Qt&apos;s X11 libraries {libraries} are missing; install them first (Debian/Ubuntu: sudo apt install {packages}; elsewhere see the README&apos;s set-up)</source>
        <translation>The window cannot start: Qt&apos;s X11 libraries {libraries} are missing; install them first (Debian/Ubuntu: sudo apt install {packages}; elsewhere see the README&apos;s set-up)</translation>
    </message>
    <message>
        <source>窗口无法启动:找不到 Qt 的库 {libraries},安装不完整,请重新安装本软件 / the window cannot start: Qt&apos;s libraries {libraries} are not found; the installation is incomplete, install it again</source>
        <translation>The window cannot start: Qt&apos;s libraries {libraries} are not found; the installation is incomplete, install it again</translation>
    </message>
    <message>
        <source>{levels} 个等次放不下一张 A4 评议票(最多 {most} 个) / too many levels</source>
        <translation>{levels} levels do not fit on an A4 ballot (at most {most}) / too many levels</translation>
    </message>
    <message>
        <source>含有文档字体无法打印的字符 {chars},印出来会是空白;请换一种写法 / characters the document font cannot print</source>
        <translation>contains characters the document font cannot print: {chars}; they would print as blanks, write it another way</translation>
    </message>
    <message>
        <source>应为不小于 0 的整数,或留空;实为“{text}”</source>
        <translation>should be a whole number, 0 or more, or empty; it is &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>应为数字,实为“{text}”</source>
        <translation>should be a number; it is &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>类别里还有评议对象,请先删除或移到其他类别</source>
        <translation>The category still has units; delete them or move them to another category first</translation>
    </message>
    <message>
        <source>“{text}”即 {units} 个单位的一半(向下取整):“{level}”上限为 {cap}</source>
        <translation>&quot;{text}&quot; means half of {units} units (rounded down): the cap for &quot;{level}&quot; is {cap}</translation>
    </message>
    <message>
        <source>没有名为“{name}”的类别(类别:{names})</source>
        <translation>There is no category named &quot;{name}&quot; (categories: {names})</translation>
    </message>
    <message>
        <source>请先添加一个类别</source>
        <translation>Add a category first</translation>
    </message>
</context>
<context>
    <name>CountsDialog</name>
    <message>
        <source>发出/收回张数</source>
        <translation>Ballots issued/collected</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>发出</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>收回</source>
        <translation>Collected</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <source>在左侧选择要生成的文档。</source>
        <translation>Choose a document on the left to generate it.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>用系统查看器打开</source>
        <translation>Open in the system viewer</translation>
    </message>
    <message>
        <source>正在生成 {title}…</source>
        <translation>Generating {title}…</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>{title}:共 {pages} 页</source>
        <translation>{title}: {pages} pages</translation>
    </message>
    <message>
        <source>。生成后会议数据已有变化,打印、签字前请重新生成。</source>
        <translation>. The meeting&apos;s data has changed since it was made: make it again before printing and signing.</translation>
    </message>
    <message>
        <source>{title}:正在生成全部页面,先显示第 1 页…</source>
        <translation>{title}: making every page; the first is shown meanwhile…</translation>
    </message>
    <message>
        <source>生成失败</source>
        <translation>Generation failed</translation>
    </message>
    <message>
        <source>已保存到 {path}</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Could not open</translation>
    </message>
    <message>
        <source>已打印 {pages} 页</source>
        <translation>Printed {pages} pages</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>无法开始打印</source>
        <translation>The printer could not start</translation>
    </message>
    <message>
        <source>第 {page} 页无法生成打印图像</source>
        <translation>Page {page} could not be rendered for printing</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>票号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>保存(Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>清空重录</source>
        <translation>Clear and re-enter</translation>
    </message>
    <message>
        <source>人工作废…(Ctrl+D)</source>
        <translation>Void by hand… (Ctrl+D)</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>⚠ 与数据库的连接中断:正在自动重连。此时保存的票不会丢失,会留在屏幕上。</source>
        <translation>⚠ The connection to the database is lost: reconnecting automatically. A ballot saved now is not lost; it stays on the screen.</translation>
    </message>
    <message>
        <source>票种</source>
        <translation>Ballot type</translation>
    </message>
    <message>
        <source>票号(F2)</source>
        <translation>Serial (F2)</translation>
    </message>
    <message>
        <source>{keys} · 0/空格 不选 · M 多选(再按 M 结束) · ↑↓ 移动 · Backspace 退回 · Enter 保存 · Esc 取消 · Ctrl+Z 撤销</source>
        <translation>{keys} · 0/Space none · M several (M again to end) · ↑↓ move · Backspace back · Enter save · Esc cancel · Ctrl+Z undo</translation>
    </message>
    <message>
        <source>请录入第一张评议票</source>
        <translation>Enter the first ballot</translation>
    </message>
    <message>
        <source>评议对象</source>
        <translation>units</translation>
    </message>
    <message>
        <source>本会议还没有{what},不能录入评议票;请先在“会议设置”中添加。</source>
        <translation>This meeting has no {what} yet, so no ballots can be entered; add them under Meeting setup first.</translation>
    </message>
    <message>
        <source>和</source>
        <translation> and </translation>
    </message>
    <message>
        <source>已到末尾,按 Enter 保存</source>
        <translation>At the end: press Enter to save</translation>
    </message>
    <message>
        <source>第 {n}/{total} 个</source>
        <translation>{n} of {total}</translation>
    </message>
    <message>
        <source> · 多选中:按等次键勾选,M 结束</source>
        <translation> · Several: press level keys to tick, M to end</translation>
    </message>
    <message>
        <source>按键 “{key}” 无效,未录入。</source>
        <translation>Key &quot;{key}&quot; is not valid; nothing entered.</translation>
    </message>
    <message>
        <source>还有 {n} 个对象未录入(按不选计)</source>
        <translation>{n} units not entered yet (counted as none chosen)</translation>
    </message>
    <message>
        <source>请先填写票号(F2)</source>
        <translation>Fill in the serial first (F2)</translation>
    </message>
    <message>
        <source>{serial}:{warning}。再按 Enter 确认保存,或继续修改。</source>
        <translation>{serial}: {warning}. Press Enter again to save anyway, or keep editing.</translation>
    </message>
    <message>
        <source>已修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source> · 第 {n} 次录入,等待第二次录入</source>
        <translation> · entry {n}, waiting for the second entry</translation>
    </message>
    <message>
        <source> · 两次录入一致,已计入</source>
        <translation> · both entries agree; counted</translation>
    </message>
    <message>
        <source> · 与另一次录入不一致!请在“双录比对”中对照纸质票处理</source>
        <translation> · does not match the other entry! Resolve it against the paper ballot in &quot;Double-entry comparison&quot;</translation>
    </message>
    <message>
        <source>人工作废</source>
        <translation>Void by hand</translation>
    </message>
    <message>
        <source>作废原因(可选或直接输入):</source>
        <translation>Reason for voiding (choose or type):</translation>
    </message>
    <message>
        <source>人工作废须写明原因</source>
        <translation>Voiding by hand needs a reason</translation>
    </message>
    <message>
        <source>(第 {n} 次录入)</source>
        <translation> (entry {n})</translation>
    </message>
    <message>
        <source>(原为人工作废:{r})</source>
        <translation> (was voided by hand: {r})</translation>
    </message>
    <message>
        <source>正在修改 {serial}{which}{note}:改好后按 Enter 保存,Esc 放弃修改</source>
        <translation>Editing {serial}{which}{note}: press Enter to save, Esc to discard the changes</translation>
    </message>
    <message>
        <source>已取消保存,请继续修改</source>
        <translation>Not saved; keep editing</translation>
    </message>
    <message>
        <source>已放弃修改,原票不变</source>
        <translation>Changes discarded; the ballot is unchanged</translation>
    </message>
    <message>
        <source>继续录入:已录 {n} 张</source>
        <translation>Carry on: {n} ballots entered</translation>
    </message>
    <message>
        <source>勾选:{level}</source>
        <translation>Tick: {level}</translation>
    </message>
    <message>
        <source>不选(该单位弃权)</source>
        <translation>No tick (abstain on this unit)</translation>
    </message>
    <message>
        <source>0 / 空格</source>
        <translation>0 / Space</translation>
    </message>
    <message>
        <source>多选(再按 M 结束)</source>
        <translation>Several boxes (M again to finish)</translation>
    </message>
    <message>
        <source>上一个 / 下一个单位</source>
        <translation>Previous / next unit</translation>
    </message>
    <message>
        <source>回到第一个单位</source>
        <translation>Back to the first unit</translation>
    </message>
    <message>
        <source>退回并清除上一个</source>
        <translation>Step back and clear the previous one</translation>
    </message>
    <message>
        <source>保存这张票</source>
        <translation>Save this ballot</translation>
    </message>
    <message>
        <source>回车</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>取消:放弃修改,或收回保存前的提醒</source>
        <translation>Cancel: drop the changes, or take back the warning before saving</translation>
    </message>
    <message>
        <source>撤销 / 重做</source>
        <translation>Undo / redo</translation>
    </message>
    <message>
        <source>人工作废…</source>
        <translation>Void by hand…</translation>
    </message>
    <message>
        <source>填写票号</source>
        <translation>Type the serial</translation>
    </message>
    <message>
        <source>换下一种票</source>
        <translation>Switch to the next ballot type</translation>
    </message>
    <message>
        <source>未保存的评议票</source>
        <translation>Unsaved ballot</translation>
    </message>
    <message>
        <source>票号 {serial} 还没有保存。保存、放弃,还是回去继续录入?</source>
        <translation>Ballot {serial} is not saved yet. Save, discard, or go back to entering it?</translation>
    </message>
    <message>
        <source>已撤销:{what}</source>
        <translation>Undone: {what}</translation>
    </message>
    <message>
        <source>已撤销保存 {serial}:这张票已放回录入表,改好后按 Enter 重新保存</source>
        <translation>Save of {serial} undone: the ballot is back on the sheet; put it right and press Enter to save it again</translation>
    </message>
    <message>
        <source>已重做:{what}</source>
        <translation>Redone: {what}</translation>
    </message>
    <message>
        <source>无法撤销/重做:{e}</source>
        <translation>Could not undo/redo: {e}</translation>
    </message>
    <message>
        <source>{code}票 已录入 {entered} / 收回 {collected} / 发出 {issued}</source>
        <translation>{code} ballots entered {entered} / collected {collected} / issued {issued}</translation>
    </message>
    <message>
        <source>(还差 {n} 张)</source>
        <translation> ({n} to go)</translation>
    </message>
    <message>
        <source>双人录入</source>
        <translation>Double entry</translation>
    </message>
    <message>
        <source> · 双人录入:待第二次录入 {w} 张,不一致 {m} 张</source>
        <translation> · double entry: {w} waiting for a second entry, {m} mismatched</translation>
    </message>
    <message>
        <source>单人录入</source>
        <translation>Single entry</translation>
    </message>
    <message>
        <source>【已定稿,不能录入或修改】</source>
        <translation>[Finalised: no entry or changes]</translation>
    </message>
    <message>
        <source>评议票已定稿,不能录入或修改;确需修改请先在“票据列表与定稿”中解除定稿</source>
        <translation>The ballots are finalised and cannot be entered or changed; to change them, reopen them first in &quot;Ballot list and finalising&quot;</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>第 {row} 行</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>“{column}”列</source>
        <translation>column “{column}”</translation>
    </message>
    <message>
        <source>位置 {field}</source>
        <translation>at {field}</translation>
    </message>
    <message>
        <source>程序出现意外错误,操作未完成。</source>
        <translation>Something unexpected went wrong; the operation did not complete.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>The operation did not complete</translation>
    </message>
</context>
<context>
    <name>FloorPanel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份,如:某村党支部书记</source>
        <translation>Role, e.g. village Party branch secretary</translation>
    </message>
    <message>
        <source>添加代表</source>
        <translation>Add representative</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>代表点评内容,自动保存</source>
        <translation>Representative&apos;s comment; saved automatically</translation>
    </message>
    <message>
        <source>请先填写代表姓名。</source>
        <translation>Fill in the representative&apos;s name first.</translation>
    </message>
    <message>
        <source>添加代表(在姓名、身份框中)</source>
        <translation>Add the representative (in the name and identity boxes)</translation>
    </message>
    <message>
        <source>回车</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>回车</source>
        <translation>Enter</translation>
    </message>
</context>
<context>
    <name>Lectern</name>
    <message>
        <source>手机计时页(&amp;W)</source>
        <translation>&amp;Web Clock for Phones</translation>
    </message>
    <message>
        <source>在同一网络的手机、平板上显示发言计时(只读);打开后显示地址和二维码</source>
        <translation>Shows the speech timer on phones and tablets on the same network (read-only); when switched on, shows the address and a QR code</translation>
    </message>
    <message>
        <source>手机计时页无法启动:本机网络端口不可用。</source>
        <translation>The phone clock could not start: no network port is free on this computer.</translation>
    </message>
</context>
<context>
    <name>LecternBar</name>
    <message>
        <source>二维码…</source>
        <translation>QR codes…</translation>
    </message>
    <message>
        <source>(打开会议后显示地址)</source>
        <translation>(the address appears once a meeting is open)</translation>
    </message>
    <message>
        <source> · {count} 台在看</source>
        <translation> · {count} watching</translation>
    </message>
</context>
<context>
    <name>LecternDialog</name>
    <message>
        <source>手机计时页</source>
        <translation>Phone clock</translation>
    </message>
    <message>
        <source>与本机连在同一网络(Wi-Fi)的手机或平板扫码即可查看计时,只能看,不能操作。每个会议的地址不同;关闭后地址失效。</source>
        <translation>Phones and tablets on the same network (Wi-Fi) as this computer scan a code to see the timer; they can only look, not change anything. Each meeting has its own address; it stops working when switched off.</translation>
    </message>
    <message>
        <source>发言人</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>主持人(含议程)</source>
        <translation>Chair (with the agenda)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>数据库:{url}</source>
        <translation>Database: {url}</translation>
    </message>
    <message>
        <source>新建会议…(&amp;N)</source>
        <translation>&amp;New meeting…</translation>
    </message>
    <message>
        <source>载入演示会议(&amp;D)</source>
        <translation>Load &amp;demo meeting</translation>
    </message>
    <message>
        <source>导入会议定义(JSON)…(&amp;I)</source>
        <translation>&amp;Import meeting definition (JSON)…</translation>
    </message>
    <message>
        <source>数据库与录入点…(&amp;C)</source>
        <translation>Data&amp;base and station…</translation>
    </message>
    <message>
        <source>设置…(&amp;S)</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>会议列表(&amp;L)</source>
        <translation>Meeting &amp;list</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>快捷键一览(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>程序已在运行:已切换到这个窗口(同一数据库只开一个操作窗口)。</source>
        <translation>The program is already running: switched to this window (one operator window per database).</translation>
    </message>
    <message>
        <source>无法打开会议</source>
        <translation>Could not open the meeting</translation>
    </message>
    <message>
        <source>正在载入演示会议…</source>
        <translation>Loading the demo meeting…</translation>
    </message>
    <message>
        <source>导入会议定义</source>
        <translation>Import meeting definition</translation>
    </message>
    <message>
        <source>会议定义 (*.json)</source>
        <translation>Meeting definitions (*.json)</translation>
    </message>
    <message>
        <source>正在导入 {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>数据库设置已保存,重新启动程序后生效(当前仍使用:{url})</source>
        <translation>Database settings saved; they apply at the next start (still using: {url})</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&lt;h3&gt;述职评议会议助手&lt;/h3&gt;&lt;p&gt;述职计时、点评记录、评议票录入与计票、结果汇总表打印。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Report-back and Evaluation Meeting Assistant&lt;/h3&gt;&lt;p&gt;Speech timers, comment notes, ballot entry and tally, printed result sheets.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;版本 {version}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Version {version}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;本程序以 Apache License 2.0 发布,使用了以下软件:&lt;/p&gt;</source>
        <translation>&lt;p&gt;This program is released under the Apache License 2.0 and uses the following software:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;中文字体:文泉驿微米黑(Apache License 2.0,许可证全文随程序附带,见 resources/fonts/LICENSE-Apache-2.0.txt)。&lt;/p&gt;&lt;p&gt;Qt 与 PySide6 以 LGPLv3 授权,动态链接,可自行替换。&lt;/p&gt;</source>
        <translation>&lt;p&gt;Chinese font: WenQuanYi Micro Hei (Apache License 2.0; the full licence text ships with the program in resources/fonts/LICENSE-Apache-2.0.txt).&lt;/p&gt;&lt;p&gt;Qt and PySide6 are licensed under the LGPLv3 and linked dynamically; they can be replaced.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;文档正文字体:文鼎 PL 简报宋(Arphic Public License,许可证全文随程序附带,见 resources/fonts/LICENSE-Arphic-Public-License.txt)。&lt;/p&gt;</source>
        <translation>&lt;p&gt;Body text font of the documents: AR PL SungtiL GB (Arphic Public License; the licence text ships with the program, see resources/fonts/LICENSE-Arphic-Public-License.txt).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>已载入会议 {id}</source>
        <translation>Loaded meeting {id}</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>The operation did not complete</translation>
    </message>
</context>
<context>
    <name>MeetingListPage</name>
    <message>
        <source>还没有会议。可从“文件 → 载入演示会议”开始,或导入会议定义文件(JSON)。</source>
        <translation>No meetings yet. Start with &quot;File → Load demo meeting&quot;, or import a meeting definition file (JSON).</translation>
    </message>
    <message>
        <source>打开会议</source>
        <translation>Open meeting</translation>
    </message>
    <message>
        <source>会议列表</source>
        <translation>Meetings</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>← 返回会议列表</source>
        <translation>← Back to the meetings</translation>
    </message>
    <message>
        <source>会议设置</source>
        <translation>Meeting setup</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>述职人</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>会议进行</source>
        <translation>Run meeting</translation>
    </message>
    <message>
        <source>评议票录入</source>
        <translation>Ballot entry</translation>
    </message>
    <message>
        <source>计票结果</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>文档与打印</source>
        <translation>Documents and printing</translation>
    </message>
    <message>
        <source>日期未定</source>
        <translation>date to be set</translation>
    </message>
    <message>
        <source>{date} · {venue} · 评议对象 {targets} 个(分 {cats} 类) · 口头述职 {spoken} 人,书面述职 {written} 人</source>
        <translation>{date} · {venue} · {targets} units evaluated ({cats} categories) · {spoken} oral reports, {written} written reports</translation>
    </message>
    <message>
        <source>地点未定</source>
        <translation>venue to be set</translation>
    </message>
    <message>
        <source>{limit}/人</source>
        <translation>{limit} each</translation>
    </message>
    <message>
        <source>书面述职</source>
        <translation>Written report</translation>
    </message>
    <message>
        <source>口头 {limit}</source>
        <translation>Oral, {limit}</translation>
    </message>
</context>
<context>
    <name>NewMeetingDialog</name>
    <message>
        <source>新建会议</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <source>默认模板(六项议程、好/较好/一般/差、A/B 两种票)</source>
        <translation>Default template (six agenda items, 好/较好/一般/差, ballot types A and B)</translation>
    </message>
    <message>
        <source>复制以往会议的结构(议程、名单、等次、上限、票种;不含评议票和点评)</source>
        <translation>Copy a previous meeting&apos;s structure (agenda, roster, levels, caps, ballot types; no ballots or comments)</translation>
    </message>
    <message>
        <source>从会议定义文件(JSON)</source>
        <translation>From a meeting definition file (JSON)</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>{year}年度基层党建工作述职评议会议</source>
        <translation>{year} report-back and evaluation meeting</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Meeting title</translation>
    </message>
    <message>
        <source>{title}(副本)</source>
        <translation>{title} (copy)</translation>
    </message>
    <message>
        <source>选择会议定义文件</source>
        <translation>Choose a meeting definition file</translation>
    </message>
    <message>
        <source>会议定义 (*.json)</source>
        <translation>Meeting definitions (*.json)</translation>
    </message>
    <message>
        <source>请先选择会议定义文件</source>
        <translation>Choose a meeting definition file first</translation>
    </message>
    <message>
        <source>未新建:{error}</source>
        <translation>Not created: {error}</translation>
    </message>
</context>
<context>
    <name>PausedBadge</name>
    <message>
        <source>暂停中 · 按空格继续</source>
        <translation>Paused · Space to resume</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <source>投影 — 述职计时</source>
        <translation>Projector — speech timer</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>黑屏中</source>
        <translation>Blacked out</translation>
    </message>
</context>
<context>
    <name>QtSoundPlayer</name>
    <message>
        <source>提示音不可用({reason}),计时不受影响。</source>
        <translation>Chimes unavailable ({reason}); timing is not affected.</translation>
    </message>
    <message>
        <source>缺少 QtMultimedia</source>
        <translation>QtMultimedia missing</translation>
    </message>
    <message>
        <source>没有音频输出设备</source>
        <translation>no audio output device</translation>
    </message>
    <message>
        <source>声音文件无法播放</source>
        <translation>the sound files cannot be played</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <source>票数(发出、收回、录入、有效、废票、空白)</source>
        <translation>Ballots (issued, collected, entered, valid, void, blank)</translation>
    </message>
    <message>
        <source>【警告】{warnings}</source>
        <translation>[Warning] {warnings}</translation>
    </message>
    <message>
        <source>初步结果:评议票尚未定稿,仅供核对。按评议票顺序列出,点击列标题可排序。</source>
        <translation>Provisional results: the ballots are not finalised; for checking only. Listed in ballot order; click a column header to sort.</translation>
    </message>
    <message>
        <source>已定稿({at})。评议票数据摘要 SHA-256:{digest}</source>
        <translation>Finalised ({at}). Ballot data digest SHA-256: {digest}</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>导入名单</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>未写类别的单位归入</source>
        <translation>Units without a category go to</translation>
    </message>
    <message>
        <source>导入后,评议对象(及有“姓名”列时的述职人)将替换为名单中的内容,可撤销。列的对应关系按表头猜测,可在左侧更改。</source>
        <translation>Importing replaces the units (and the speakers, when there is a name column) with the roster&apos;s; it can be undone. Columns are matched by their headers; change the mapping on the left.</translation>
    </message>
    <message>
        <source>问题(逐行列出;全部改正后才能导入):</source>
        <translation>Problems (row by row; fix them all to import):</translation>
    </message>
    <message>
        <source>选择名单文件</source>
        <translation>Choose a roster file</translation>
    </message>
    <message>
        <source>名单 (*.xlsx *.xlsm *.csv)</source>
        <translation>Rosters (*.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
    <message>
        <source>无法读取该文件,未导入任何内容。</source>
        <translation>The file cannot be read; nothing was imported.</translation>
    </message>
    <message>
        <source>无法读取该文件</source>
        <translation>The file cannot be read</translation>
    </message>
    <message>
        <source>(无)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>第 {n} 列</source>
        <translation>column {n}</translation>
    </message>
    <message>
        <source>名单无误:{t} 个评议对象,{s} 名述职人。按“导入”确认。</source>
        <translation>Roster is clean: {t} units, {s} speakers. Press &quot;Import&quot; to confirm.</translation>
    </message>
    <message>
        <source>发现 {n} 个问题,未导入任何内容。请改正文件后重新选择,或更改列的对应关系。</source>
        <translation>Found {n} problem(s); nothing was imported. Fix the file and choose it again, or change the column mapping.</translation>
    </message>
</context>
<context>
    <name>RunScreen</name>
    <message>
        <source>← 上一项 (Ctrl+←)</source>
        <translation>← Previous item (Ctrl+←)</translation>
    </message>
    <message>
        <source>下一项 (Ctrl+→) →</source>
        <translation>Next item (Ctrl+→) →</translation>
    </message>
    <message>
        <source>给发言人的提示,回车显示在投影上</source>
        <translation>Message for the speaker; Enter shows it on the projector</translation>
    </message>
    <message>
        <source>投影显示提示</source>
        <translation>Show message on the projector</translation>
    </message>
    <message>
        <source>开始 / 暂停 / 继续</source>
        <translation>Start / pause / resume</translation>
    </message>
    <message>
        <source>结束本次发言</source>
        <translation>End this speech</translation>
    </message>
    <message>
        <source>下一位</source>
        <translation>Next speaker</translation>
    </message>
    <message>
        <source>上一位</source>
        <translation>Previous speaker</translation>
    </message>
    <message>
        <source>加 30 秒</source>
        <translation>Add 30 seconds</translation>
    </message>
    <message>
        <source>减 30 秒</source>
        <translation>Take off 30 seconds</translation>
    </message>
    <message>
        <source>跳过当前述职人</source>
        <translation>Skip the current speaker</translation>
    </message>
    <message>
        <source>标记缺席</source>
        <translation>Mark absent</translation>
    </message>
    <message>
        <source>述职人上移</source>
        <translation>Move speaker up</translation>
    </message>
    <message>
        <source>述职人下移</source>
        <translation>Move speaker down</translation>
    </message>
    <message>
        <source>补记开始时间…</source>
        <translation>Correct the start time…</translation>
    </message>
    <message>
        <source>输入时长…</source>
        <translation>Type the length…</translation>
    </message>
    <message>
        <source>投影黑屏</source>
        <translation>Black out the projector</translation>
    </message>
    <message>
        <source>下一项议程</source>
        <translation>Next agenda item</translation>
    </message>
    <message>
        <source>上一项议程</source>
        <translation>Previous agenda item</translation>
    </message>
    <message>
        <source>述职发言就到这里…</source>
        <translation>End the reports here…</translation>
    </message>
    <message>
        <source>开始录入评议票</source>
        <translation>Start entering ballots</translation>
    </message>
    <message>
        <source>投影窗口(&amp;P)</source>
        <translation>&amp;Projector window</translation>
    </message>
    <message>
        <source>快捷键一览(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>投影屏幕(&amp;S)</source>
        <translation>Projector &amp;screen</translation>
    </message>
    <message>
        <source>这次按键未记录,计时器保持原状(按已保存的记录显示);腾出空间后请再按一次,晚了可按 L 补记开始时间</source>
        <translation>This press was not recorded and the timer is unchanged (shown as stored); once there is room press again, and use L to record a late start</translation>
    </message>
    <message>
        <source>点评未保存,文字仍在输入框中(标为未保存),稍后自动重试</source>
        <translation>The comment was not saved; the text stays in its box (marked not saved) and is retried shortly</translation>
    </message>
    <message>
        <source>这个会议没有议程,请先在会议定义中添加议程。</source>
        <translation>This meeting has no agenda; add agenda items to the meeting definition first.</translation>
    </message>
    <message>
        <source>议程未切换,仍在当前议程</source>
        <translation>The agenda item was not changed; the current item goes on</translation>
    </message>
    <message>
        <source>输入时长</source>
        <translation>Type the length</translation>
    </message>
    <message>
        <source>本次发言的时长(如 4:00、4分钟、240):</source>
        <translation>Length of this speech (e.g. 4:00, 4分钟, 240):</translation>
    </message>
    <message>
        <source>补记开始时间</source>
        <translation>Backdate the start</translation>
    </message>
    <message>
        <source>发言实际比按下开始早了多少秒?</source>
        <translation>How many seconds before the press did the speech really start?</translation>
    </message>
    <message>
        <source>现在 {time}</source>
        <translation>Now {time}</translation>
    </message>
    <message>
        <source> · 会议已进行 {length}</source>
        <translation> · meeting running for {length}</translation>
    </message>
    <message>
        <source>数据库已恢复写入,此前未保存的内容正在补存。</source>
        <translation>The database can be written again; what was not saved is being saved now.</translation>
    </message>
    <message>
        <source>【未保存】{what}。{error}</source>
        <translation>[Not saved] {what}. {error}</translation>
    </message>
    <message>
        <source>发言人已更换,给发言人的提示已从投影上撤下。</source>
        <translation>The speaker changed: the message to the speaker was taken off the projector.</translation>
    </message>
    <message>
        <source>投影屏幕已断开,投影窗口已收起;接回投影后自动恢复。</source>
        <translation>The projector&apos;s screen was disconnected; the projector window is put away and comes back when the projector is plugged in again.</translation>
    </message>
    <message>
        <source>投影屏幕已接回,投影窗口已恢复。</source>
        <translation>The projector&apos;s screen is back; the projector window is shown again.</translation>
    </message>
    <message>
        <source>投影:屏幕已断开</source>
        <translation>Projector: screen disconnected</translation>
    </message>
    <message>
        <source>投影:关 (F5)</source>
        <translation>Projector: off (F5)</translation>
    </message>
    <message>
        <source>投影:黑屏 (B)</source>
        <translation>Projector: blacked out (B)</translation>
    </message>
    <message>
        <source>投影:开 · 显示提示</source>
        <translation>Projector: on · showing a message</translation>
    </message>
    <message>
        <source>投影:开</source>
        <translation>Projector: on</translation>
    </message>
    <message>
        <source>离开输入框,按键重作命令</source>
        <translation>Leave the text box: keys are commands again</translation>
    </message>
</context>
<context>
    <name>SampleDialog</name>
    <message>
        <source>抽样核对</source>
        <translation>Spot check</translation>
    </message>
    <message>
        <source>留空则随机生成</source>
        <translation>leave empty for a random one</translation>
    </message>
    <message>
        <source>抽取</source>
        <translation>Draw</translation>
    </message>
    <message>
        <source>抽取张数</source>
        <translation>Ballots to draw</translation>
    </message>
    <message>
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <source>从已计入的评议票中随机抽取票号,由监票人对照纸质票核对。同一种子总是抽出同样的票号,可复核;种子与结果记入审计日志。</source>
        <translation>Draws serials at random from the counted ballots for the scrutineers to check against the paper ballots. The same seed always draws the same serials, so the draw can be checked; the seed and the result are recorded in the audit log.</translation>
    </message>
    <message>
        <source>查看扫描件</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>随机种子须为整数:{t}</source>
        <translation>The random seed must be a whole number: {t}</translation>
    </message>
    <message>
        <source>随机种子 {seed},抽取 {n} 张:
</source>
        <translation>Random seed {seed}, {n} ballots drawn:
</translation>
    </message>
</context>
<context>
    <name>Scan</name>
    <message>
        <source>不确定</source>
        <translation>unsure</translation>
    </message>
    <message>
        <source>涂改</source>
        <translation>corrected</translation>
    </message>
    <message>
        <source>多选</source>
        <translation>several marks</translation>
    </message>
    <message>
        <source>跨行笔画</source>
        <translation>stroke across rows</translation>
    </message>
    <message>
        <source>无法定位</source>
        <translation>not located</translation>
    </message>
    <message>
        <source>票号重复</source>
        <translation>duplicate serial</translation>
    </message>
    <message>
        <source>非本会议或旧版式</source>
        <translation>another meeting or an older layout</translation>
    </message>
    <message>
        <source>黑白扫描</source>
        <translation>black-and-white scan</translation>
    </message>
    <message>
        <source>废票或空白票,请确认</source>
        <translation>void or blank: please confirm</translation>
    </message>
    <message>
        <source>待核对</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>无法识别</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>非本会议/黑白</source>
        <translation>Foreign / black-and-white</translation>
    </message>
</context>
<context>
    <name>ScanEvidence</name>
    <message>
        <source>票号 {serial} 不是扫描录入的</source>
        <translation>Serial {serial} was not scanned</translation>
    </message>
    <message>
        <source>票号 {serial}:扫描件 {page},绿色√为数据库中保存的结果</source>
        <translation>Serial {serial}: scan {page}; the green √ are what the database holds</translation>
    </message>
</context>
<context>
    <name>ScanReviewPanel</name>
    <message>
        <source>1–{n} 选等次,0/空格 无标记,M 多选,↑↓ 换行,Enter 接受,PgDn 跳过,</source>
        <translation>1–{n} level, 0/space no mark, M several, ↑↓ row, Enter accept, PgDn skip, </translation>
    </message>
    <message>
        <source>Ctrl+D 人工作废,F2 改票号,Delete 搁置</source>
        <translation>Ctrl+D void by hand, F2 serial, Delete set aside</translation>
    </message>
    <message>
        <source>导入扫描件…</source>
        <translation>Import scans…</translation>
    </message>
    <message>
        <source>接受(Enter)</source>
        <translation>Accept (Enter)</translation>
    </message>
    <message>
        <source>跳过(PgDn)</source>
        <translation>Skip (PgDn)</translation>
    </message>
    <message>
        <source>搁置(Delete)</source>
        <translation>Set aside (Delete)</translation>
    </message>
    <message>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>需核对的行</source>
        <translation>Rows to check</translation>
    </message>
    <message>
        <source>导入扫描件</source>
        <translation>Import scans</translation>
    </message>
    <message>
        <source>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>正在读取 {n} 个文件…</source>
        <translation>Reading {n} files…</translation>
    </message>
    <message>
        <source>已保存 {saved} 张评议票,{waiting} 页待核对</source>
        <translation>{saved} ballots saved, {waiting} pages to review</translation>
    </message>
    <message>
        <source>导入扫描件失败</source>
        <translation>Importing the scans failed</translation>
    </message>
    <message>
        <source>{code}票:扫描 {scanned} 页,已保存 {saved},待核对 {waiting}</source>
        <translation>Type {code}: {scanned} pages scanned, {saved} saved, {waiting} to review</translation>
    </message>
    <message>
        <source>,收回 {n}</source>
        <translation>, {n} collected</translation>
    </message>
    <message>
        <source>,发出 {n}</source>
        <translation>, {n} issued</translation>
    </message>
    <message>
        <source>票种不明 {n} 页</source>
        <translation>{n} pages of unknown type</translation>
    </message>
    <message>
        <source>队列为空</source>
        <translation>Queue empty</translation>
    </message>
    <message>
        <source>没有需要核对的扫描件</source>
        <translation>No scanned ballot to review</translation>
    </message>
    <message>
        <source>第 {i} / {n} 张</source>
        <translation>{i} of {n}</translation>
    </message>
    <message>
        <source>票号 {serial}({type}票)</source>
        <translation>Serial {serial} (type {type})</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>(无标记)</source>
        <translation>(no mark)</translation>
    </message>
    <message>
        <source>票号未知:请按 F2 填写票号</source>
        <translation>Serial unknown: press F2 to enter it</translation>
    </message>
    <message>
        <source>将保存为:{status}。再按 Enter 确认</source>
        <translation>Will be saved as: {status}. Press Enter again to confirm</translation>
    </message>
    <message>
        <source>已保存 {serial}:{status}</source>
        <translation>Saved {serial}: {status}</translation>
    </message>
    <message>
        <source>人工作废</source>
        <translation>Void by hand</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>人工作废:{reason}。按 Enter 保存</source>
        <translation>Void by hand: {reason}. Press Enter to save</translation>
    </message>
    <message>
        <source>改票号</source>
        <translation>Fix serial</translation>
    </message>
    <message>
        <source>票号</source>
        <translation>Serial</translation>
    </message>
</context>
<context>
    <name>SectionModel</name>
    <message>
        <source>{problem}
如何修改:{fix}</source>
        <translation>{problem}
How to fix: {fix}</translation>
    </message>
    <message>
        <source>已录入评议票,此项会影响计票结果,不能修改</source>
        <translation>Ballots are entered; this would change the count, so it cannot be changed</translation>
    </message>
    <message>
        <source>{section}:修改{column}</source>
        <translation>{section}: change {column}</translation>
    </message>
</context>
<context>
    <name>SectionTable</name>
    <message>
        <source>添加的议程类型</source>
        <translation>Kind of agenda item to add</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Delete selected row</translation>
    </message>
    <message>
        <source>添加一行(Insert)</source>
        <translation>Add a row (Insert)</translation>
    </message>
    <message>
        <source>删除所选行(Ctrl+Delete)</source>
        <translation>Delete selected row (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>上移(Alt+↑)</source>
        <translation>Move up (Alt+↑)</translation>
    </message>
    <message>
        <source>下移(Alt+↓)</source>
        <translation>Move down (Alt+↓)</translation>
    </message>
    <message>
        <source>已录入评议票,不能增删或调整顺序</source>
        <translation>Ballots are entered: rows cannot be added, removed or reordered</translation>
    </message>
    <message>
        <source>{name}:添加</source>
        <translation>{name}: add</translation>
    </message>
    <message>
        <source>{name}:删除</source>
        <translation>{name}: delete</translation>
    </message>
    <message>
        <source>{name}:调整顺序</source>
        <translation>{name}: reorder</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>述职人</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>等次</source>
        <translation>Levels</translation>
    </message>
    <message>
        <source>票种</source>
        <translation>Ballot types</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>评议对象</source>
        <translation>Evaluated units</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>更改数据库与录入点…(&amp;D)</source>
        <translation>Change &amp;database and station…</translation>
    </message>
    <message>
        <source>自动(操作员屏幕以外的屏幕)</source>
        <translation>Automatic (a screen other than the operator&apos;s)</translation>
    </message>
    <message>
        <source>{name}(未连接)</source>
        <translation>{name} (not connected)</translation>
    </message>
    <message>
        <source>剩余时间提示音(&amp;S)</source>
        <translation>&amp;Sounds when time is running out</translation>
    </message>
    <message>
        <source>界面语言在重新启动程序后生效;打印的文档始终为中文。</source>
        <translation>The interface language changes at the next start; printed documents are always in Chinese.</translation>
    </message>
    <message>
        <source>数据库与录入点</source>
        <translation>Database and station</translation>
    </message>
    <message>
        <source>投影屏幕(&amp;P)</source>
        <translation>&amp;Projector screen</translation>
    </message>
    <message>
        <source>黄色提示:剩余(&amp;W)</source>
        <translation>Amber &amp;warning with time left</translation>
    </message>
    <message>
        <source>红色提示:剩余(&amp;R)</source>
        <translation>&amp;Red warning with time left</translation>
    </message>
    <message>
        <source>默认述职时限(&amp;T)</source>
        <translation>Default speaking &amp;time</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>计时与提示音的设置在下次打开会议时生效。</source>
        <translation>Timer and sound settings apply the next time a meeting is opened.</translation>
    </message>
    <message>
        <source>本机数据文件</source>
        <translation>Data file on this computer</translation>
    </message>
    <message>
        <source>{where};录入点:{station}</source>
        <translation>{where}; station: {station}</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>议程类型应为 {kinds} 之一,实为“{text}”</source>
        <translation>the kind of agenda item should be one of {kinds}; it is &quot;{text}&quot;</translation>
    </message>
    <message>
        <source>“{level}”上限</source>
        <translation>&quot;{level}&quot; cap</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>YYYY-MM-DD,可留空</source>
        <translation>YYYY-MM-DD, may be left empty</translation>
    </message>
    <message>
        <source>日历…</source>
        <translation>Calendar…</translation>
    </message>
    <message>
        <source>在日历上选日期</source>
        <translation>Pick the date on a calendar</translation>
    </message>
    <message>
        <source>如:市委常委,各县(市、区)委书记……</source>
        <translation>e.g. members of the standing committee, county secretaries…</translation>
    </message>
    <message>
        <source>修改主持人</source>
        <translation>Change the chair</translation>
    </message>
    <message>
        <source>修改出席人员</source>
        <translation>Change the attendees</translation>
    </message>
    <message>
        <source>修改记录人</source>
        <translation>Change the recorder</translation>
    </message>
    <message>
        <source>会议名称</source>
        <translation>Meeting title</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>计票规则</source>
        <translation>Counting rules</translation>
    </message>
    <message>
        <source>同一单位划了多个等次</source>
        <translation>Several levels ticked for one unit</translation>
    </message>
    <message>
        <source>超过类别的上限</source>
        <translation>Over the category&apos;s cap</translation>
    </message>
    <message>
        <source>从 Excel/CSV 导入名单…</source>
        <translation>Import roster from Excel/CSV…</translation>
    </message>
    <message>
        <source>导出名单到 Excel…</source>
        <translation>Export roster to Excel…</translation>
    </message>
    <message>
        <source>上限可填数字,或填“一半”表示该类别单位数的一半(向下取整);留空表示不限。</source>
        <translation>A cap is a number, or &quot;一半&quot; for half the category&apos;s units (rounded down); empty means no cap.</translation>
    </message>
    <message>
        <source>基本信息与规则</source>
        <translation>Details and rules</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>述职人</source>
        <translation>Speakers</translation>
    </message>
    <message>
        <source>评议对象与上限</source>
        <translation>Units and caps</translation>
    </message>
    <message>
        <source>票种与等次</source>
        <translation>Ballot types and levels</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>导出会议定义(JSON)…</source>
        <translation>Export meeting definition (JSON)…</translation>
    </message>
    <message>
        <source>开会前须解决的问题(点击定位):</source>
        <translation>Problems to solve before the meeting (click to go there):</translation>
    </message>
    <message>
        <source>规则决定废票:“整张票作废”是多数地方的做法;选“仅该单位不计”或“仅该类别不计”时,票的其余部分照常计票。</source>
        <translation>The rules decide void ballots: &quot;the whole ballot is void&quot; is the usual practice; with &quot;only that unit&quot; or &quot;only that category&quot; the rest of the ballot still counts.</translation>
    </message>
    <message>
        <source>已录入评议票,不能再导入名单(会改变评议对象)</source>
        <translation>Ballots are entered: a roster can no longer be imported (it would change the units)</translation>
    </message>
    <message>
        <source>已录入 {n} 张评议票:评议对象、等次的数目和分值、上限、票种代码、权重和计票规则已锁定,以免改变计票结果。会议名称、地点、议程、述职人和各项名称仍可修改,每次修改都记入审计日志。</source>
        <translation>{n} ballots entered: units, the number and scores of levels, caps, ballot type codes, weights and counting rules are locked so the results cannot change. Title, venue, agenda, speakers and names can still be edited; every change is audited.</translation>
    </message>
    <message>
        <source>{where}:{message}。修改方法:{fix}</source>
        <translation>{where}: {message}. To fix: {fix}</translation>
    </message>
    <message>
        <source>没有问题,会议可以开始。</source>
        <translation>No problems: the meeting can start.</translation>
    </message>
    <message>
        <source>{tab} › {field}</source>
        <translation>{tab} › {field}</translation>
    </message>
    <message>
        <source>{tab} › 单位“{name}”</source>
        <translation>{tab} › unit &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>{tab} › 第 {row} 行</source>
        <translation>{tab} › row {row}</translation>
    </message>
    <message>
        <source>有 {n} 个问题须先改正才能保存</source>
        <translation>{n} problem(s) must be fixed before saving</translation>
    </message>
    <message>
        <source>修改会议名称</source>
        <translation>Change meeting title</translation>
    </message>
    <message>
        <source>修改地点</source>
        <translation>Change venue</translation>
    </message>
    <message>
        <source>修改日期</source>
        <translation>Change date</translation>
    </message>
    <message>
        <source>修改计票规则</source>
        <translation>Change counting rules</translation>
    </message>
    <message>
        <source>不能保存:{n} 个问题须先改正(见下方列表,如 {first})。</source>
        <translation>Cannot save: {n} problem(s) must be fixed first (see the list below, e.g. {first}).</translation>
    </message>
    <message>
        <source>未保存:{error}</source>
        <translation>Not saved: {error}</translation>
    </message>
    <message>
        <source>已保存 {time}</source>
        <translation>Saved at {time}</translation>
    </message>
    <message>
        <source>未保存的会议设置</source>
        <translation>Unsaved meeting setup</translation>
    </message>
    <message>
        <source>会议设置有修改尚未保存。保存、放弃,还是回去继续修改?</source>
        <translation>The meeting setup has unsaved changes. Save, discard, or go back and keep editing?</translation>
    </message>
    <message>
        <source>已录入评议票,不能再导入名单(会改变评议对象)。</source>
        <translation>Ballots are entered: a roster can no longer be imported (it would change the units).</translation>
    </message>
    <message>
        <source>导入名单</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>已导入 {s} 名述职人、{t} 个评议对象;检查无误后请保存。</source>
        <translation>Imported {s} speakers and {t} units; check them, then save.</translation>
    </message>
    <message>
        <source>导出名单</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>名单已导出到 {path}</source>
        <translation>Roster exported to {path}</translation>
    </message>
    <message>
        <source>导出会议定义</source>
        <translation>Export meeting definition</translation>
    </message>
    <message>
        <source>会议定义 (*.json)</source>
        <translation>Meeting definitions (*.json)</translation>
    </message>
    <message>
        <source>(导出的是已保存的版本)</source>
        <translation>(the saved version is exported)</translation>
    </message>
    <message>
        <source>会议定义已导出到 {path}</source>
        <translation>Meeting definition exported to {path}</translation>
    </message>
    <message>
        <source>导出失败:{error}</source>
        <translation>Export failed: {error}</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <source>  〔多选〕</source>
        <translation>  [several]</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>评议对象</source>
        <translation>Evaluated unit</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>在输入框里打字时,空格、字母和方向键只作输入;按 Esc 离开输入框后才作命令。</source>
        <translation>While typing in a text box, Space, letters and arrow keys only type; press Esc to leave the box and use them as commands.</translation>
    </message>
</context>
<context>
    <name>SpeechPanel</name>
    <message>
        <source>讲话要点记录,自动保存</source>
        <translation>Notes on the speech; saved automatically</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>讲话人:{name}</source>
        <translation>Speaker: {name}</translation>
    </message>
</context>
<context>
    <name>SpeechesPanel</name>
    <message>
        <source>开始/暂停 (空格)</source>
        <translation>Start/pause (Space)</translation>
    </message>
    <message>
        <source>结束 (S)</source>
        <translation>Stop (S)</translation>
    </message>
    <message>
        <source>← 上一位</source>
        <translation>← Previous</translation>
    </message>
    <message>
        <source>下一位 (N/→)</source>
        <translation>Next (N/→)</translation>
    </message>
    <message>
        <source>+30 秒 (+)</source>
        <translation>+30 s (+)</translation>
    </message>
    <message>
        <source>−30 秒 (−)</source>
        <translation>−30 s (−)</translation>
    </message>
    <message>
        <source>跳过 (K)</source>
        <translation>Skip (K)</translation>
    </message>
    <message>
        <source>缺席 (A)</source>
        <translation>Absent (A)</translation>
    </message>
    <message>
        <source>上移 (Alt+↑)</source>
        <translation>Move up (Alt+↑)</translation>
    </message>
    <message>
        <source>下移 (Alt+↓)</source>
        <translation>Move down (Alt+↓)</translation>
    </message>
    <message>
        <source>述职发言就到这里 (Ctrl+Shift+E)</source>
        <translation>End the reports here (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>发言顺序</source>
        <translation>Speaking order</translation>
    </message>
    <message>
        <source>书面述职(不作口头述职,不计时):</source>
        <translation>Written reports (no oral report, not timed): </translation>
    </message>
    <message>
        <source>没有待发言的述职人。</source>
        <translation>No speakers waiting.</translation>
    </message>
    <message>
        <source>述职人已全部完成</source>
        <translation>All speakers done</translation>
    </message>
    <message>
        <source>下一位:{name} {unit}</source>
        <translation>Next: {name} {unit}</translation>
    </message>
    <message>
        <source>时限 {limit}</source>
        <translation>Limit {limit}</translation>
    </message>
    <message>
        <source>{name} 正在计时,请先结束(S)。</source>
        <translation>{name} is being timed; stop first (S).</translation>
    </message>
    <message>
        <source>述职发言已宣布结束;仍可请 {name} 发言,按空格开始计时。</source>
        <translation>The report speeches were declared over; {name} may still speak: Space starts the timer.</translation>
    </message>
    <message>
        <source>述职人已全部完成。</source>
        <translation>All speakers are done.</translation>
    </message>
    <message>
        <source>{name} 已发言。</source>
        <translation>{name} has spoken.</translation>
    </message>
    <message>
        <source>述职发言就到这里</source>
        <translation>End the reports here</translation>
    </message>
    <message>
        <source>结束述职发言?尚未发言的述职人将记为未发言。</source>
        <translation>End the reports? Speakers who have not spoken will be recorded as not having spoken.</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>有效票</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>废票</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>空白票</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>待第二次录入</source>
        <translation>Waiting for the second entry</translation>
    </message>
    <message>
        <source>两次不一致</source>
        <translation>Entries differ</translation>
    </message>
    <message>
        <source>两次一致</source>
        <translation>Entries agree</translation>
    </message>
    <message>
        <source>签名或做记号</source>
        <translation>Signed or marked</translation>
    </message>
    <message>
        <source>撕毁、残缺</source>
        <translation>Torn or incomplete</translation>
    </message>
    <message>
        <source>字迹无法辨认</source>
        <translation>Illegible</translation>
    </message>
    <message>
        <source>非本次会议选票</source>
        <translation>Not a ballot of this meeting</translation>
    </message>
    <message>
        <source>发言中</source>
        <translation>Speaking</translation>
    </message>
    <message>
        <source>暂停中</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>待发言</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>整张票作废</source>
        <translation>The whole ballot is void</translation>
    </message>
    <message>
        <source>仅该单位不计(视为弃权)</source>
        <translation>Only that unit is not counted (an abstention)</translation>
    </message>
    <message>
        <source>仅该类别不计</source>
        <translation>Only that category is not counted</translation>
    </message>
    <message>
        <source>述职发言</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>集中点评</source>
        <translation>Chair&apos;s comments</translation>
    </message>
    <message>
        <source>代表点评</source>
        <translation>Representatives&apos; comments</translation>
    </message>
    <message>
        <source>讲话</source>
        <translation>Speech</translation>
    </message>
    <message>
        <source>投票评议</source>
        <translation>Ballot</translation>
    </message>
    <message>
        <source>已发言</source>
        <translation>Spoken</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>未发言</source>
        <translation>Not spoken</translation>
    </message>
    <message>
        <source>书面述职</source>
        <translation>Written report</translation>
    </message>
    <message>
        <source>评议结果汇总表</source>
        <translation>Results summary</translation>
    </message>
    <message>
        <source>评议票</source>
        <translation>Ballot papers</translation>
    </message>
    <message>
        <source>反馈表</source>
        <translation>Feedback sheets</translation>
    </message>
    <message>
        <source>会议记录</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>主持词</source>
        <translation>Host&apos;s script</translation>
    </message>
</context>
<context>
    <name>TimedPanel</name>
    <message>
        <source>已结束的发言不能补记开始时间。</source>
        <translation>A finished speech cannot have its start backdated.</translation>
    </message>
</context>
<context>
    <name>_ClockColumn</name>
    <message>
        <source>开始/暂停 (空格)</source>
        <translation>Start/pause (Space)</translation>
    </message>
    <message>
        <source>结束 (S)</source>
        <translation>Stop (S)</translation>
    </message>
    <message>
        <source>−30 秒 (−)</source>
        <translation>−30 s (−)</translation>
    </message>
    <message>
        <source>+30 秒 (+)</source>
        <translation>+30 s (+)</translation>
    </message>
    <message>
        <source>正计时(按 + 或 T 设定计划时长)</source>
        <translation>Counting up (+ or T sets a planned length)</translation>
    </message>
    <message>
        <source>倒计时,计划 {limit}</source>
        <translation>Counting down, planned {limit}</translation>
    </message>
</context>
</TS>
