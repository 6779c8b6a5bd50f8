// Format names and the sanity check every exporter runs before painting.
#include "export/diagram.h"

#include "export/exportcodes.h"

#include <QFileInfo>
#include <QTimeZone>

namespace chainscope::exporter {

QString formatName(Format format)
{
    switch (format) {
    case Format::Svg:
        return QStringLiteral("svg");
    case Format::Png:
        return QStringLiteral("png");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Dot:
        return QStringLiteral("dot");
    case Format::Json:
        return QStringLiteral("json");
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<Format> formatFromName(QStringView name)
{
    const QString n = name.toString().toLower();
    for (Format f : {Format::Svg, Format::Png, Format::Pdf, Format::Dot, Format::Json}) {
        if (n == formatName(f))
            return f;
    }
    if (n == u"gv")
        return Format::Dot;
    return std::nullopt;
}

std::optional<Format> formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.isEmpty())
        return std::nullopt;
    return formatFromName(suffix);
}

bool isPicture(Format format)
{
    return format != Format::Json;
}

QDateTime exportTimestamp()
{
    bool ok = false;
    const qint64 epoch = qEnvironmentVariable("SOURCE_DATE_EPOCH").trimmed().toLongLong(&ok);
    if (ok)
        return QDateTime::fromSecsSinceEpoch(epoch, QTimeZone::utc());
    return QDateTime::currentDateTimeUtc();
}

Diagnostics checkDiagram(const Diagram &diagram)
{
    Diagnostics out;
    const auto problem = [&](const QString &code, const QString &message) {
        Diagnostic d;
        d.code = code;
        d.message = message;
        out.append(d);
    };
    if (diagram.scene.nodes.isEmpty() || diagram.geometry.isEmpty())
        problem(codes::EmptyDiagram, QStringLiteral("discovery chain %1 has nothing to draw").arg(diagram.scene.service));
    if (diagram.geometry.nodes.size() != diagram.scene.nodes.size() || diagram.geometry.edges.size() != diagram.scene.edges.size())
        problem(codes::SceneMismatch, QStringLiteral("geometry has %1 nodes and %2 edges but the scene has %3 nodes and %4 edges")
                                          .arg(diagram.geometry.nodes.size())
                                          .arg(diagram.geometry.edges.size())
                                          .arg(diagram.scene.nodes.size())
                                          .arg(diagram.scene.edges.size()));
    if (!diagram.overlay.isEmpty()
        && (diagram.overlay.nodes.size() != diagram.scene.nodes.size() || diagram.overlay.edges.size() != diagram.scene.edges.size()))
        problem(codes::SceneMismatch, QStringLiteral("simulation overlay is not aligned with the scene"));
    return out;
}

} // namespace chainscope::exporter
