<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>IncompleteDataBanner</name>
    <message numerus="yes">
        <source>&lt;b&gt;Data incomplete.&lt;/b&gt; %n data file(s) could not be loaded: {files}. What is shown is only part of the data — an item missing here may still be controlled.</source>
        <translation>
            <numerusform>&lt;b&gt;Data incomplete.&lt;/b&gt; %n data file could not be loaded: {files}. What is shown is only part of the data — an item missing here may still be controlled.</numerusform>
            <numerusform>&lt;b&gt;Data incomplete.&lt;/b&gt; %n data files could not be loaded: {files}. What is shown is only part of the data — an item missing here may still be controlled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyNotesDialog</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bookmark</numerusform>
            <numerusform>%n bookmarks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PageOutput</name>
    <message numerus="yes">
        <source>Wrote {path} (%n page(s))</source>
        <translation>
            <numerusform>Wrote {path} (%n page)</numerusform>
            <numerusform>Wrote {path} (%n pages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
</TS>
