<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AsOfField</name>
    <message>
        <source>As-of date</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <source>The date statuses are shown for. Type it as {forms}.</source>
        <translation>显示状态所依据的日期。可输入 {forms}。</translation>
    </message>
    <message>
        <source>Pick the date in a calendar</source>
        <translation>在日历中选择日期</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Choose a date between {a} and {b}.</source>
        <translation>请选择{a}至{b}之间的日期。</translation>
    </message>
</context>
<context>
    <name>Bookmarks</name>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmarks list</source>
        <translation>书签列表</translation>
    </message>
    <message>
        <source>{id} (no longer in the data)</source>
        <translation>{id}（已不在数据中）</translation>
    </message>
    <message>
        <source>Bookmark not saved</source>
        <translation>书签未保存</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加书签</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>已删除书签</translation>
    </message>
    <message>
        <source>Bookmark not removed</source>
        <translation>书签未删除</translation>
    </message>
    <message>
        <source>Bookmarked {when}</source>
        <translation>加书签于 {when}</translation>
    </message>
    <message>
        <source>(no bookmarks yet — Ctrl+D adds the page you are reading)</source>
        <translation>（尚无书签——按 Ctrl+D 可为当前页面加书签）</translation>
    </message>
</context>
<context>
    <name>CatalogueTree</name>
    <message>
        <source>(no. not verified)</source>
        <translation>（编号未核实）</translation>
    </message>
    <message>
        <source>On {day}: {status}</source>
        <translation>{day}：{status}</translation>
    </message>
    <message>
        <source> (unofficial translation)</source>
        <translation>（非官方译文）</translation>
    </message>
    <message>
        <source>{word} — {phrase}</source>
        <translation>{word} — {phrase}</translation>
    </message>
    <message>
        <source> · {n} of unknown status</source>
        <translation> · {n}项状态不明</translation>
    </message>
    <message>
        <source> — not verified after {day}</source>
        <translation> — {day}之后未核实</translation>
    </message>
    <message>
        <source>Technology catalogue</source>
        <translation>技术目录</translation>
    </message>
    <message>
        <source>Prohibited</source>
        <translation>禁止出口</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>限制出口</translation>
    </message>
    <message>
        <source>The data holds {phrase} of the {text} listed as {word} on {day}; the official list may have more. Not listed does not mean free to export.</source>
        <translation>{day}，{text}中列为{word}的条目，本数据收录{phrase}；官方目录可能更多。未列入并不意味着可以自由出口。</translation>
    </message>
    <message>
        <source>{n} older items are shown whose listing on {day} the sources do not establish.</source>
        <translation>另显示{n}项较早的条目，资料无法确定其在{day}是否列入。</translation>
    </message>
    <message>
        <source> · {n} historical shown</source>
        <translation> · 显示{n}项历史条目</translation>
    </message>
    <message>
        <source>{n} historical items are hidden (View → Show historical entries).</source>
        <translation>已隐藏{n}项历史条目（视图 → 显示历史条目）。</translation>
    </message>
    <message>
        <source>Sector not identified</source>
        <translation>行业未确定</translation>
    </message>
    <message>
        <source>The sources do not say which industry sector these items belong to.</source>
        <translation>资料未说明这些条目所属的行业。</translation>
    </message>
    <message>
        <source>Controlled items ({n})</source>
        <translation>管制物项（{n}）</translation>
    </message>
    <message>
        <source>Related controls — {n} measures</source>
        <translation>相关管制措施 — {n}项措施</translation>
    </message>
    <message>
        <source>Measures read beside the catalogue: export controls on specific goods, with clauses and items.</source>
        <translation>与目录对照阅读的措施：针对特定物项的出口管制，含条款及物项。</translation>
    </message>
    <message>
        <source>Legal framework</source>
        <translation>法律框架</translation>
    </message>
    <message>
        <source>The laws the controls rest on.</source>
        <translation>各项管制所依据的法律法规。</translation>
    </message>
    <message>
        <source>No topic assigned ({n})</source>
        <translation>未分配主题（{n}）</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>historical: not listed or not in force on the as-of date</source>
        <translation>历史条目：在截至日期未列入或未生效</translation>
    </message>
</context>
<context>
    <name>ChangesView</name>
    <message>
        <source>Entries added</source>
        <translation>新增条目</translation>
    </message>
    <message>
        <source>Entries removed</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <source>Entries modified</source>
        <translation>修改条目</translation>
    </message>
    <message>
        <source>Listed on one day, not known on the other (not counted as changes)</source>
        <translation>一日列入、另一日不明（不计为变化）</translation>
    </message>
    <message>
        <source>Status changes of measures and clauses</source>
        <translation>措施及条款的状态变化</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>edition</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Date…</source>
        <translation>日期…</translation>
    </message>
    <message>
        <source>{label} date</source>
        <translation>{label}日期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>互换</translation>
    </message>
    <message>
        <source>Exchange the two days</source>
        <translation>互换两个日期</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print preview of the whole comparison as a sheet</source>
        <translation>以摘要表形式预览整个比较结果</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Selected change</source>
        <translation>所选变化</translation>
    </message>
    <message>
        <source>Changes {start} to {end}</source>
        <translation>{start}至{end}的变化</translation>
    </message>
    <message>
        <source>Export changes as PDF</source>
        <translation>将变化导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Could not write the PDF: {error}</source>
        <translation>无法写入 PDF：{error}</translation>
    </message>
</context>
<context>
    <name>ContentsTree</name>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
</context>
<context>
    <name>DataSetsDialog</name>
    <message>
        <source>Now showing {label}.</source>
        <translation>现在显示：{label}。</translation>
    </message>
    <message>
        <source>Notes kept</source>
        <translation>笔记已保留</translation>
    </message>
    <message>
        <source>Data sets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The data ExportRef shows. A data pack is newer or firm-made data in one file; every file in it is checked against its manifest, and the data against the same rules as the shipped data, before it is installed. Notes and bookmarks stay with their ids whichever data is used.</source>
        <translation>ExportRef 所显示的数据。数据包是以单个文件提供的较新数据或机构自制数据；安装前，其中每个文件都会与清单核对，数据也按与随附数据相同的规则检查。无论使用哪套数据，笔记和书签都按编号保留。</translation>
    </message>
    <message>
        <source>Install pack…</source>
        <translation>安装数据包…</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Use shipped data</source>
        <translation>使用随附数据</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Verified to</source>
        <translation>核实至</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>数据指纹</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装时间</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>UNUSABLE: {why}</source>
        <translation>无法使用：{why}</translation>
    </message>
    <message>
        <source>installed after you confirmed it, and its pages say so</source>
        <translation>经您确认后安装，其页面会注明这一点</translation>
    </message>
    <message>
        <source>EXPORTREF_DATA_DIR is set: the window shows {path} whatever is chosen here.</source>
        <translation>已设置 EXPORTREF_DATA_DIR：无论此处如何选择，窗口都显示 {path}。</translation>
    </message>
    <message>
        <source>Notes and bookmarks: {summary}.</source>
        <translation>笔记和书签：{summary}。</translation>
    </message>
    <message>
        <source>Orphaned (kept): {ids}</source>
        <translation>孤立（已保留）：{ids}</translation>
    </message>
    <message>
        <source>Install data pack</source>
        <translation>安装数据包</translation>
    </message>
    <message>
        <source>Data packs (*.zip)</source>
        <translation>数据包（*.zip）</translation>
    </message>
    <message>
        <source>Data pack refused</source>
        <translation>数据包被拒绝</translation>
    </message>
    <message>
        <source>{file} was not installed. The data in use is unchanged.</source>
        <translation>{file} 未安装。正在使用的数据没有改变。</translation>
    </message>
</context>
<context>
    <name>DataStatus</name>
    <message>
        <source>shipped data</source>
        <translation>随附数据</translation>
    </message>
    <message>
        <source>folder {name}</source>
        <translation>文件夹 {name}</translation>
    </message>
    <message>
        <source>Data: {name} · verified to {day} · {fingerprint}</source>
        <translation>数据：{name} · 核实至{day} · {fingerprint}</translation>
    </message>
    <message>
        <source>{label}
verified to {day}; fingerprint {fingerprint}
{folder}</source>
        <translation>{label}
核实至{day}；数据指纹 {fingerprint}
{folder}</translation>
    </message>
    <message>
        <source>DATA INCOMPLETE · </source>
        <translation>数据不完整 · </translation>
    </message>
    <message>
        <source>Catalogue: {headline}</source>
        <translation>目录：{headline}</translation>
    </message>
    <message>
        <source>Items held per edition, on the day each took effect:</source>
        <translation>各版本施行之日本数据收录的条目：</translation>
    </message>
    <message>
        <source>after verified-to date</source>
        <translation>晚于数据核实截止日</translation>
    </message>
    <message>
        <source>The data was verified up to {verified}. For {day}, statuses are shown as last known and marked not verified: check the official sources for later changes.</source>
        <translation>数据核实至{verified}。对于{day}，所示状态为最后已知状态，并标为未核实：此后的变化请查阅官方来源。</translation>
    </message>
</context>
<context>
    <name>DockedViews</name>
    <message>
        <source>Changes between dates</source>
        <translation>两个日期之间的变化</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Entry details</source>
        <translation>条目详情</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>ExportRef — unexpected error</source>
        <translation>ExportRef — 意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. ExportRef is still running.</source>
        <translation>出现错误。ExportRef 仍在运行。</translation>
    </message>
</context>
<context>
    <name>ExternalLinkDialog</name>
    <message>
        <source>Open source in your web browser?</source>
        <translation>在网页浏览器中打开资料来源？</translation>
    </message>
    <message>
        <source>This source is on the web. ExportRef never goes online itself; if you continue, your web browser will open this address:</source>
        <translation>此资料来源位于网上。ExportRef 本身从不联网；如继续，您的网页浏览器将打开以下地址：</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>在浏览器中打开</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in page, while the page has the focus</source>
        <translation>页内查找（页面获得焦点时）</translation>
    </message>
    <message>
        <source>Next or previous match, in the find field</source>
        <translation>下一处或上一处匹配（在查找框中）</translation>
    </message>
    <message>
        <source>Enter or Shift+Enter</source>
        <translation>Enter 或 Shift+Enter</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Find in page:</source>
        <translation>页内查找：</translation>
    </message>
    <message>
        <source>Find in page</source>
        <translation>页内查找</translation>
    </message>
    <message>
        <source>word or phrase, English or Chinese</source>
        <translation>词语或短语，中文或英文</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一处</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一处</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{total} found</source>
        <translation>找到 {total} 处</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>第 {n} 处，共 {total} 处</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>ExportRef Help</source>
        <translation>ExportRef 帮助</translation>
    </message>
</context>
<context>
    <name>IncompleteDataBanner</name>
    <message>
        <source>Data incomplete warning</source>
        <translation>数据不完整警告</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <source>(see details)</source>
        <translation>（见详情）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Data incomplete.&lt;/b&gt; %n data file(s) could not be loaded: {files}. What is shown is only part of the data — an item missing here may still be controlled.</source>
        <translation>
            <numerusform>&lt;b&gt;数据不完整。&lt;/b&gt;有%n个数据文件无法加载：{files}。所显示的只是部分数据——此处缺少的物项仍可能受管制。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexBuilder</name>
    <message>
        <source>Search index: waiting</source>
        <translation>搜索索引：等待中</translation>
    </message>
    <message>
        <source>Search index: opening…</source>
        <translation>搜索索引：正在打开…</translation>
    </message>
    <message>
        <source>Search index: building {done}/{total}</source>
        <translation>搜索索引：正在建立 {done}/{total}</translation>
    </message>
    <message>
        <source>Search index: ready</source>
        <translation>搜索索引：就绪</translation>
    </message>
    <message>
        <source>Search index: unavailable</source>
        <translation>搜索索引：不可用</translation>
    </message>
    <message>
        <source>Search is unavailable: {msg}</source>
        <translation>搜索不可用：{msg}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L) / Language</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ExportRef — China technology export controls</source>
        <translation>ExportRef — 中国技术出口管制</translation>
    </message>
    <message>
        <source>Link not followed: {url}</source>
        <translation>未打开链接：{url}</translation>
    </message>
    <message>
        <source>Not in the data: {id}</source>
        <translation>不在数据中：{id}</translation>
    </message>
    <message>
        <source>{title} — ExportRef</source>
        <translation>{title} — ExportRef</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>MatterDialog</name>
    <message>
        <source>Summary sheet</source>
        <translation>摘要表</translation>
    </message>
    <message>
        <source>These fields are printed in the sheet&apos;s title block. Leave them empty to omit them.</source>
        <translation>以下栏目会打印在摘要表的标题栏中。留空则不打印。</translation>
    </message>
    <message>
        <source>Matter or client reference</source>
        <translation>案件或客户编号</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>制作人</translation>
    </message>
    <message>
        <source>Note for the sheet</source>
        <translation>摘要表备注</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>纸张大小</translation>
    </message>
    <message>
        <source>Include my &amp;private notes on the entries</source>
        <translation>在条目上附上我的私人笔记(&amp;P)</translation>
    </message>
    <message>
        <source>Every page&apos;s footer then says “Includes private notes”. Off each time you print.</source>
        <translation>勾选后每页页脚注明“含私人笔记”。每次打印时默认不勾选。</translation>
    </message>
    <message>
        <source>A list sheet carries no notes.</source>
        <translation>列表摘要表不含笔记。</translation>
    </message>
    <message>
        <source>List every source in &amp;full</source>
        <translation>完整列出全部来源(&amp;F)</translation>
    </message>
    <message>
        <source>Otherwise press reports beyond the first six are summarised.</source>
        <translation>否则前六条之后的新闻报道将合并概述。</translation>
    </message>
    <message>
        <source>&amp;Matter / client reference:</source>
        <translation>案件／客户编号(&amp;M)：</translation>
    </message>
    <message>
        <source>Prepared &amp;by:</source>
        <translation>制作人(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Note on the sheet:</source>
        <translation>摘要表备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Page &amp;size:</source>
        <translation>纸张大小(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>MyNotesDialog</name>
    <message>
        <source>My notes and bookmarks — ExportRef</source>
        <translation>我的笔记和书签 — ExportRef</translation>
    </message>
    <message>
        <source>Filter: words in the note, the title or the number — English or 中文</source>
        <translation>筛选：笔记、标题或编号中的词语——中文或 English</translation>
    </message>
    <message>
        <source>Filter my notes and bookmarks</source>
        <translation>筛选我的笔记和书签</translation>
    </message>
    <message>
        <source>Notes and bookmarks</source>
        <translation>笔记和书签</translation>
    </message>
    <message>
        <source>Notes only</source>
        <translation>仅笔记</translation>
    </message>
    <message>
        <source>Bookmarks only</source>
        <translation>仅书签</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>My notes and bookmarks</source>
        <translation>我的笔记和书签</translation>
    </message>
    <message>
        <source>Open in New Window</source>
        <translation>在新窗口中打开</translation>
    </message>
    <message>
        <source>not in this data set (kept)</source>
        <translation>不在本数据集中（已保留）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Status on {day}</source>
        <translation>{day}的状态</translation>
    </message>
    <message>
        <source>My note</source>
        <translation>我的笔记</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加书签</translation>
    </message>
    <message>
        <source>The active data set has no record {id}. The note and bookmark are kept, and return to their page when data holding that id is used again.</source>
        <translation>当前数据集中没有记录{id}。笔记和书签仍予保留，再次使用含有该编号的数据时即回到其页面。</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n条笔记</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n个书签</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} not in this data set</source>
        <translation>{n}项不在本数据集中</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>显示{total}项中的{shown}项</translation>
    </message>
    <message>
        <source>private, stored only on this computer</source>
        <translation>私人内容，仅保存在本机</translation>
    </message>
    <message>
        <source>No notes or bookmarks yet. Write a note below any page, or bookmark it with Ctrl+D; both are private, stored only on this computer.</source>
        <translation>尚无笔记或书签。可在任一页面下方写笔记，或按 Ctrl+D 加书签；两者均为私人内容，仅保存在本机。</translation>
    </message>
</context>
<context>
    <name>NavigationBar</name>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>after verified-to date</source>
        <translation>晚于数据核实截止日</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>——— also typed in this window ({when}), while another window changed the note ———</source>
        <translation>——— 另一窗口修改此笔记期间，本窗口也输入了以下内容（{when}）———</translation>
    </message>
    <message>
        <source>A note holds at most {limit} characters; the pasted text ({n} characters) was not inserted.</source>
        <translation>一条笔记最多{limit}个字符；粘贴的文本（{n}个字符）未插入。</translation>
    </message>
    <message>
        <source>A note holds at most {limit} characters.</source>
        <translation>一条笔记最多{limit}个字符。</translation>
    </message>
</context>
<context>
    <name>NoteFinder</name>
    <message>
        <source>MY NOTE</source>
        <translation>我的笔记</translation>
    </message>
    <message>
        <source>private note, on this computer only — not from the data</source>
        <translation>私人笔记，仅保存在本机——并非数据内容</translation>
    </message>
    <message>
        <source>private note on a record this data set does not hold — kept, not from the data</source>
        <translation>针对本数据集中没有的记录的私人笔记——已保留，并非数据内容</translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <source>My note on this page</source>
        <translation>我对本页的笔记</translation>
    </message>
    <message>
        <source>Write a note for your own files; it is saved as you type.</source>
        <translation>为自己的档案写笔记；输入时即自动保存。</translation>
    </message>
    <message>
        <source>My note — notes cannot be saved: the folder for them cannot be written (read-only)</source>
        <translation>我的笔记 — 无法保存笔记：笔记文件夹不可写入（只读）</translation>
    </message>
    <message>
        <source>My note — private, stored only on this computer (Ctrl+Shift+N)</source>
        <translation>我的笔记 — 私人笔记，仅保存在本机（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>This note is {n:,} characters, more than the {limit:,} the editor takes; the first {limit:,} are shown and the note is kept unchanged.</source>
        <translation>此笔记有{n:,}个字符，超过编辑器可容纳的{limit:,}个；仅显示前{limit:,}个字符，笔记本身保持不变。</translation>
    </message>
    <message>
        <source>This note was also changed in another window; both versions are kept.</source>
        <translation>此笔记也在另一窗口中被修改；两个版本均已保留。</translation>
    </message>
    <message>
        <source>Note not saved</source>
        <translation>笔记未保存</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>笔记已保存</translation>
    </message>
</context>
<context>
    <name>OtherWindows</name>
    <message>
        <source>Not in the data: {id}</source>
        <translation>不在数据中：{id}</translation>
    </message>
</context>
<context>
    <name>PackPreviewDialog</name>
    <message>
        <source>Install data pack</source>
        <translation>安装数据包</translation>
    </message>
    <message>
        <source>The pack passed every check. Read what it says before installing it.</source>
        <translation>数据包通过了全部检查。安装前请阅读其说明。</translation>
    </message>
    <message>
        <source>Signature: {words}.</source>
        <translation>签名：{words}。</translation>
    </message>
    <message>
        <source>This pack is not signed: nothing shows who made it.</source>
        <translation>此数据包未签名：无法证明其制作者。</translation>
    </message>
    <message>
        <source>This pack is {words}.</source>
        <translation>此数据包{words}。</translation>
    </message>
    <message>
        <source>Install it only if you know where it came from; its pages will say so.</source>
        <translation>仅在您清楚其来源时才安装；其页面会注明这一点。</translation>
    </message>
    <message>
        <source>Pack: {name}</source>
        <translation>数据包：{name}</translation>
    </message>
    <message>
        <source>Publisher: {publisher}</source>
        <translation>发布者：{publisher}</translation>
    </message>
    <message>
        <source>Made: {created} with {tool}</source>
        <translation>制作：{created}，使用 {tool}</translation>
    </message>
    <message>
        <source>Data verified to: {pack} (the data shown now: {current})</source>
        <translation>数据核实至：{pack}（当前显示的数据：{current}）</translation>
    </message>
    <message>
        <source>Fingerprint: {fingerprint}</source>
        <translation>数据指纹：{fingerprint}</translation>
    </message>
    <message>
        <source>Files: {files}, {size} bytes; every SHA-256 matches the manifest</source>
        <translation>文件：{files}个，{size}字节；每个 SHA-256 均与清单一致</translation>
    </message>
    <message>
        <source>Compared with the data shown now ({label}): {summary}</source>
        <translation>与当前显示的数据（{label}）相比：{summary}</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>有改动</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Changelog since {since}:</source>
        <translation>自{since}以来的更新记录：</translation>
    </message>
    <message>
        <source>Changelog:</source>
        <translation>更新记录：</translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation>（未提供）</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Install anyway</source>
        <translation>仍然安装</translation>
    </message>
</context>
<context>
    <name>PageOutput</name>
    <message>
        <source>Open an entry or measure to cite it.</source>
        <translation>请先打开一个条目或措施再引用。</translation>
    </message>
    <message>
        <source>Citation copied: {text}</source>
        <translation>已复制引用：{text}</translation>
    </message>
    <message>
        <source>Search results for “{q}”</source>
        <translation>“{q}”的搜索结果</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Open an entry or a branch first.</source>
        <translation>请先打开一个条目或分支。</translation>
    </message>
    <message>
        <source>There are no search results to print.</source>
        <translation>没有可打印的搜索结果。</translation>
    </message>
    <message>
        <source>There are no bookmarks yet (Ctrl+D bookmarks the page you are reading).</source>
        <translation>尚无书签（按 Ctrl+D 可为当前页面加书签）。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件（*.pdf）</translation>
    </message>
    <message>
        <source>PDF not written</source>
        <translation>PDF 未写入</translation>
    </message>
    <message numerus="yes">
        <source>Wrote {path} (%n page(s))</source>
        <translation>
            <numerusform>已写入 {path}（%n页）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>No results for “{q}”</source>
        <translation>没有“{q}”的结果</translation>
    </message>
    <message>
        <source>Nothing in this data matches. Not being listed here does not mean an item may be exported freely: the catch-all rules still apply, and the data is incomplete.</source>
        <translation>本数据中没有匹配的内容。未列于此并不意味着物项可以自由出口：兜底管制规定仍然适用，且本数据并不完整。</translation>
    </message>
</context>
<context>
    <name>ReadingWindow</name>
    <message>
        <source>Link not followed: {url}</source>
        <translation>未打开链接：{url}</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Copy citation</source>
        <translation>复制引用</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Find in page…</source>
        <translation>页内查找…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一处</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一处</translation>
    </message>
    <message>
        <source>Close window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>As of {day} (as in the main window)</source>
        <translation>截至{day}（与主窗口相同）</translation>
    </message>
    <message>
        <source>Not in the data: {id}</source>
        <translation>不在数据中：{id}</translation>
    </message>
    <message>
        <source>{title} — ExportRef (second window)</source>
        <translation>{title} — ExportRef（第二窗口）</translation>
    </message>
    <message>
        <source>Not in this data</source>
        <translation>不在本数据中</translation>
    </message>
    <message>
        <source>The page links to {id}, which this data does not hold.</source>
        <translation>该页面链接到{id}，本数据中没有此项。</translation>
    </message>
    <message>
        <source>Bookmark not saved</source>
        <translation>书签未保存</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加书签</translation>
    </message>
    <message>
        <source>Bookmark removed</source>
        <translation>已删除书签</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open in New Window</source>
        <translation>在新窗口中打开</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search (Ctrl+F) — English or 中文</source>
        <translation>搜索（Ctrl+F）— 中文或 English</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search as you type&lt;/b&gt; — English or Chinese; traditional characters are folded to simplified, and curated synonyms are searched too (NdFeB ↔ 钕铁硼).&lt;br&gt;&lt;code&gt;gallium&lt;/code&gt; or &lt;code&gt;镓&lt;/code&gt; — a word anywhere&lt;br&gt;&lt;code&gt;稀土 magnet*&lt;/code&gt; — all the words; &lt;code&gt;magnet*&lt;/code&gt; for words starting “magnet”&lt;br&gt;&lt;code&gt;&quot;rare earth&quot;&lt;/code&gt; — an exact phrase&lt;br&gt;&lt;code&gt;gallium OR germanium&lt;/code&gt; · &lt;code&gt;graphite NOT battery&lt;/code&gt;&lt;br&gt;&lt;code&gt;083201X&lt;/code&gt;, &lt;code&gt;1C902&lt;/code&gt; — an item number or control code&lt;br&gt;&lt;code&gt;2023 No. 23&lt;/code&gt;, &lt;code&gt;2023年第23号&lt;/code&gt; — an announcement&lt;br&gt;&lt;code&gt;status:prohibited&lt;/code&gt; · &lt;code&gt;kind:measure&lt;/code&gt; · &lt;code&gt;topic:rare-earths&lt;/code&gt;&lt;br&gt;↑/↓ move through results · Enter opens · Esc returns to the tree</source>
        <translation>&lt;b&gt;边输入边搜索&lt;/b&gt;——中文或英文均可；繁体字按简体处理，并同时搜索整理好的同义词（NdFeB ↔ 钕铁硼）。&lt;br&gt;&lt;code&gt;镓&lt;/code&gt; 或 &lt;code&gt;gallium&lt;/code&gt; — 任意位置出现的词&lt;br&gt;&lt;code&gt;稀土 magnet*&lt;/code&gt; — 包含所有词；&lt;code&gt;magnet*&lt;/code&gt; 表示以 &lt;code&gt;magnet&lt;/code&gt; 开头的词&lt;br&gt;&lt;code&gt;&quot;rare earth&quot;&lt;/code&gt; — 完整短语&lt;br&gt;&lt;code&gt;gallium OR germanium&lt;/code&gt; · &lt;code&gt;graphite NOT battery&lt;/code&gt;&lt;br&gt;&lt;code&gt;083201X&lt;/code&gt;、&lt;code&gt;1C902&lt;/code&gt; — 条目编号或管制编码&lt;br&gt;&lt;code&gt;2023年第23号&lt;/code&gt;、&lt;code&gt;2023 No. 23&lt;/code&gt; — 公告&lt;br&gt;&lt;code&gt;status:prohibited&lt;/code&gt; · &lt;code&gt;kind:measure&lt;/code&gt; · &lt;code&gt;topic:rare-earths&lt;/code&gt;&lt;br&gt;↑/↓ 在结果间移动 · 回车打开 · Esc 返回目录树</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>catalogue item</source>
        <translation>目录条目</translation>
    </message>
    <message>
        <source>measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>law</source>
        <translation>法律法规</translation>
    </message>
    <message>
        <source>catalogue</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>controlled item</source>
        <translation>管制物项</translation>
    </message>
    <message>
        <source>number not verified</source>
        <translation>编号未核实</translation>
    </message>
    <message>
        <source>matched via {via}</source>
        <translation>经由 {via} 匹配</translation>
    </message>
    <message>
        <source>Search summary</source>
        <translation>搜索摘要</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Search is unavailable: {why}</source>
        <translation>搜索不可用：{why}</translation>
    </message>
    <message>
        <source>The search index is being built; your search will run as soon as it is ready…</source>
        <translation>正在建立搜索索引；就绪后将立即执行您的搜索…</translation>
    </message>
    <message>
        <source>1 of my notes matches — private, on this computer; not from the data.</source>
        <translation>我的笔记中有1条匹配——私人内容，仅保存在本机；并非数据内容。</translation>
    </message>
    <message>
        <source>{n} of my notes match — private, on this computer; not from the data.</source>
        <translation>我的笔记中有{n}条匹配——私人内容，仅保存在本机；并非数据内容。</translation>
    </message>
    <message>
        <source>Show all {n}</source>
        <translation>显示全部{n}条</translation>
    </message>
    <message>
        <source>No results for “{q}”.</source>
        <translation>没有“{q}”的结果。</translation>
    </message>
    <message>
        <source>{total} results; the best {shown} are shown.</source>
        <translation>共{total}条结果；显示最相关的{shown}条。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Did you mean</source>
        <translation>您是不是要找</translation>
    </message>
    <message>
        <source>The query syntax was not understood; the words were searched as plain terms.</source>
        <translation>无法识别查询语法；已按普通词语搜索。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>{event} (not verified)</source>
        <translation>{event}（未核实）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>What it changed</source>
        <translation>涉及对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>All topics</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <source>Filter events (e.g. No. 62, 稀土, suspended)</source>
        <translation>筛选事件（如 第62号、稀土、暂停）</translation>
    </message>
    <message>
        <source>Filter events</source>
        <translation>筛选事件</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Selected event</source>
        <translation>所选事件</translation>
    </message>
    <message>
        <source>Data verified to {day}. Later events are those the sources announced (such as the stated end of a suspension); they are shown in italics and are not verified.</source>
        <translation>数据核实至{day}。此后的事件为资料所公布者（如公布的暂停实施截止日）；以斜体显示，未经核实。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an event to read it in full; double-click or press Enter to open what it changed.</source>
        <translation>选择一个事件以阅读全文；双击或按回车键可打开其涉及的对象。</translation>
    </message>
    <message>
        <source>Recorded note: {note}</source>
        <translation>所录注释：{note}</translation>
    </message>
    <message>
        <source>After the data&apos;s verified-to date ({day}): as announced, not verified.</source>
        <translation>晚于数据核实截止日（{day}）：按公布内容显示，未经核实。</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>资料来源</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Find in page…</source>
        <translation>页内查找…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一处</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一处</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Copy citation</source>
        <translation>复制引用</translation>
    </message>
    <message>
        <source>Copy citation in Chinese</source>
        <translation>复制中文引用</translation>
    </message>
    <message>
        <source>Copy citation in English</source>
        <translation>复制英文引用</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Data sets…</source>
        <translation>数据集…</translation>
    </message>
    <message>
        <source>Group by topic</source>
        <translation>按主题分组</translation>
    </message>
    <message>
        <source>Show historical entries</source>
        <translation>显示历史条目</translation>
    </message>
    <message>
        <source>Show our English translations</source>
        <translation>显示本应用的英文译文</translation>
    </message>
    <message>
        <source>Beside the official Chinese, show ExportRef&apos;s own (unofficial) English translations.</source>
        <translation>在官方中文旁显示 ExportRef 自行翻译的（非官方）英文译文。</translation>
    </message>
    <message>
        <source>As of today</source>
        <translation>截至今天</translation>
    </message>
    <message>
        <source>ExportRef Help</source>
        <translation>ExportRef 帮助</translation>
    </message>
    <message>
        <source>About ExportRef</source>
        <translation>关于 ExportRef</translation>
    </message>
    <message>
        <source>Coverage and disclaimer</source>
        <translation>收录范围与免责声明</translation>
    </message>
    <message>
        <source>Status words…</source>
        <translation>状态用语…</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Go to contents</source>
        <translation>转到目录</translation>
    </message>
    <message>
        <source>Changes between dates…</source>
        <translation>两个日期之间的变化…</translation>
    </message>
    <message>
        <source>Timeline…</source>
        <translation>时间线…</translation>
    </message>
    <message>
        <source>Open in New Window</source>
        <translation>在新窗口中打开</translation>
    </message>
    <message>
        <source>My notes and bookmarks…</source>
        <translation>我的笔记和书签…</translation>
    </message>
    <message>
        <source>{action} ({shortcut})</source>
        <translation>{action}（{shortcut}）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Bookmarks</source>
        <translation>书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Before you rely on ExportRef</source>
        <translation>使用 ExportRef 之前</translation>
    </message>
    <message>
        <source>&lt;b&gt;A reference aid, not legal advice.&lt;/b&gt; The official Chinese text prevails.</source>
        <translation>&lt;b&gt;本应用仅供参考，不构成法律意见。&lt;/b&gt;以官方中文文本为准。</translation>
    </message>
    <message>
        <source>The official 2023 catalogue text could not be obtained, so the data holds only the items public sources tie to it: {coverage}. An item missing here may still be controlled.

English translations and the “why it is controlled” summaries are our own and unofficial. The data was verified up to {verified}; for later dates statuses are marked not verified.</source>
        <translation>未能取得2023年版目录的官方文本，因此本数据仅收录公开资料可对应至该版本的条目：{coverage}。此处缺少的条目仍可能受管制。

英文译文及“管制理由”概述均为本应用自行撰写，非官方。数据核实至{verified}；对更晚的日期，状态均标为未核实。</translation>
    </message>
    <message>
        <source>Data problems</source>
        <translation>数据问题</translation>
    </message>
    <message>
        <source>These files could not be loaded. Run “exportref check” for the same list.</source>
        <translation>以下文件无法加载。运行“exportref check”可得到同样的清单。</translation>
    </message>
    <message>
        <source>Not in the data</source>
        <translation>不在数据中</translation>
    </message>
    <message>
        <source>The link points to “{id}”, which this data does not contain.</source>
        <translation>该链接指向“{id}”，本数据中没有此项。</translation>
    </message>
    <message>
        <source>Status words</source>
        <translation>状态用语</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Data fingerprint</source>
        <translation>数据指纹</translation>
    </message>
    <message>
        <source>Data verified to</source>
        <translation>数据核实至</translation>
    </message>
    <message>
        <source>Data files loaded</source>
        <translation>数据文件加载</translation>
    </message>
    <message>
        <source>yes, every data file loaded without problems (this says nothing of coverage)</source>
        <translation>是，所有数据文件均已正常加载（这并不说明收录范围）</translation>
    </message>
    <message>
        <source>NOT ALL — see the banner</source>
        <translation>未全部加载——见顶部横幅</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>On {day}: {headline}.</source>
        <translation>{day}：{headline}。</translation>
    </message>
    <message>
        <source>Offline reference for China’s technology export controls.</source>
        <translation>中国技术出口管制离线参考工具。</translation>
    </message>
    <message>
        <source>How much of the catalogue the data holds</source>
        <translation>本数据收录目录的程度</translation>
    </message>
    <message>
        <source>Per edition, on the day each took effect:</source>
        <translation>按版本，以各版本施行之日计：</translation>
    </message>
    <message>
        <source>Source register</source>
        <translation>来源登记表</translation>
    </message>
    <message>
        <source>About ExportRef</source>
        <translation>关于 ExportRef</translation>
    </message>
    <message>
        <source>Your notes or bookmarks</source>
        <translation>您的笔记或书签</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Print summary sheet</source>
        <translation>打印摘要表</translation>
    </message>
    <message>
        <source>Print preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
</context>
</TS>
