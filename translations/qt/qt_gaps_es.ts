<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings its shipped catalogue (qtbase_es) misses: Qt 6 added an accelerator
     ("&Look in:") where the catalogue still translates Qt 5's "Look in:", so the file dialog
     spoke English beside es. Compiled by `make translations` into src/focalpoint/locale. -->
<TS version="2.1" language="es">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Ver en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Archivos de &amp;tipo:</translation>
    </message>
</context>
</TS>
