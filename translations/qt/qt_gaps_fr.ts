<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings its shipped catalogue (qtbase_fr) misses: Qt 6 added an accelerator
     ("&Look in:") where the catalogue still translates Qt 5's "Look in:", so the file dialog
     spoke English beside fr. Compiled by `make translations` into src/focalpoint/locale. -->
<TS version="2.1" language="fr">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
</TS>
