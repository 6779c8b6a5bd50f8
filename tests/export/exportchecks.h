// Checks on exported files shared by the export, model and app tests: run an external tool (dot, pdfinfo),
// read an SVG's text, and list the labels a diagram must show.
#pragma once

#include "export/diagram.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

namespace chainscope::exporter::testing {

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/** Runs a program with input on stdin; exitCode -1 when it did not start, crashed or took over a minute. */
inline ProcessResult runTool(const QString &program, const QStringList &args, const QByteArray &input)
{
    ProcessResult r;
    QProcess process;
    process.start(program, args);
    if (!process.waitForStarted(10'000))
        return r;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

/** All character data of an XML document, one string per text node; *error is set on malformed XML. */
inline QStringList xmlTexts(const QByteArray &xml, QString *error)
{
    QStringList texts;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters() && !reader.isWhitespace())
            texts << reader.text().toString().trimmed();
    }
    if (reader.hasError())
        *error = QStringLiteral("%1 at line %2").arg(reader.errorString()).arg(reader.lineNumber());
    return texts;
}

/** Every text the diagram must show: node titles, subtitles, row texts and details, edge labels. */
inline QStringList expectedLabels(const Diagram &d)
{
    QStringList labels;
    for (const layout::SceneNode &n : d.scene.nodes) {
        labels << n.title << n.subtitle;
        for (const layout::SceneRow &row : n.rows)
            labels << row.text << row.detail;
    }
    for (const layout::SceneEdge &e : d.scene.edges)
        labels << e.label;
    labels.removeAll(QString());
    labels.removeDuplicates();
    return labels;
}

} // namespace chainscope::exporter::testing
