#include "diagramexporter.h"

#include "chain/chainjson.h"
#include "export/chaindiagram.h"
#include "export/diagramexport.h"
#include "export/exportcodes.h"
#include "sim/scenariotext.h"

#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>

namespace chainscope::model {

namespace {

const QString s_folderKey = QStringLiteral("exportFolder");

} // namespace

DiagramExporter::DiagramExporter(QObject *parent)
    : QObject(parent)
{
}

void DiagramExporter::setDocument(ChainDocument *document)
{
    if (document == m_document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    const auto update = [this] {
        if (available() == m_available)
            return;
        m_available = available();
        Q_EMIT availableChanged();
    };
    if (m_document) {
        connect(m_document, &ChainDocument::geometryChanged, this, update);
        connect(m_document, &QObject::destroyed, this, update);
    }
    Q_EMIT documentChanged();
    update();
}

bool DiagramExporter::available() const
{
    return m_document && !m_document->scene().nodes.isEmpty() && !m_document->geometry().isEmpty() && m_document->compiledChain();
}

QUrl DiagramExporter::folder() const
{
    const QString last = QSettings().value(s_folderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return QUrl::fromLocalFile(last);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QUrl::fromLocalFile(documents.isEmpty() ? QDir::homePath() : documents);
}

QString DiagramExporter::nothingToDraw() const
{
    if (!m_document)
        return QStringLiteral("no document is open");
    if (m_document->service().isEmpty())
        return QStringLiteral("no service is selected");
    const QString why = m_document->chainError();
    return QStringLiteral("%1 has no graph%2").arg(m_document->service(), why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why));
}

Result<exporter::Diagram> DiagramExporter::diagram() const
{
    Result<exporter::Diagram> result;
    if (!available()) {
        Diagnostic d;
        d.code = exporter::codes::EmptyDiagram;
        d.message = nothingToDraw();
        result.diagnostics.append(d);
        return result;
    }
    const chain::CompiledChain &chain = *m_document->compiledChain();
    exporter::Diagram diagram;
    diagram.scene = m_document->scene();
    diagram.geometry = m_document->geometry();
    diagram.overlay = m_document->overlay();
    diagram.scheme = m_document->dark() ? layout::ColorScheme::Dark : layout::ColorScheme::Light;
    diagram.info.service = chain.serviceName;
    diagram.info.datacenter = chain.datacenter;
    diagram.info.namespace_ = chain.namespace_;
    diagram.info.sources = m_document->paths();
    diagram.info.timestamp = exporter::exportTimestamp();
    if (m_document->simulation()->available())
        diagram.info.scenario = sim::describeScenario(m_document->simulation()->scenario(), m_document->catalogFile());
    result.diagnostics = exporter::checkDiagram(diagram);
    if (result.diagnostics.isEmpty())
        result.value = std::move(diagram);
    return result;
}

QString DiagramExporter::suggestedExportName(const QString &format) const
{
    const exporter::Format f = exporter::formatFromName(format).value_or(exporter::Format::Svg);
    exporter::ServiceRef service{m_document ? m_document->service() : QString(), {}, {}};
    if (const chain::CompiledChain *chain = m_document ? m_document->compiledChain() : nullptr)
        service = {chain->serviceName, chain->namespace_, chain->partition}; // pictureFileName leaves "default" out
    if (service.name.isEmpty())
        service.name = QStringLiteral("chain");
    return exporter::pictureFileName(service, f);
}

QUrl DiagramExporter::suggestedExportUrl(const QString &format) const
{
    return QUrl::fromLocalFile(QDir(folder().toLocalFile()).filePath(suggestedExportName(format)));
}

bool DiagramExporter::exportView(const QVariant &urlOrPath, const QString &format)
{
    const QString path = ChainDocument::localPath(urlOrPath);
    if (path.isEmpty())
        return fail(QStringLiteral("cannot export to %1: not a local file").arg(urlOrPath.toString()));
    std::optional<exporter::Format> f = exporter::formatForPath(path);
    if (!f)
        f = exporter::formatFromName(format);
    if (!f)
        return fail(QStringLiteral("cannot export %1: unknown format \"%2\" (svg, png, pdf, dot, json)").arg(path, format));

    QByteArray bytes;
    if (*f == exporter::Format::Json) {
        // Exactly what `chainscope compile --service NAME` prints for the same configuration.
        if (!available())
            return fail(QStringLiteral("nothing to export to %1: %2").arg(path, nothingToDraw()));
        bytes = chain::chainResponseJson(*m_document->compiledChain());
    } else {
        const Result<exporter::Diagram> d = diagram();
        if (!d)
            return fail(QStringLiteral("nothing to export to %1: %2").arg(path, d.diagnostics.value(0).message));
        const Result<QByteArray> rendered = exporter::renderPicture(*d, *f);
        if (!rendered)
            return fail(QStringLiteral("cannot export %1: %2").arg(path, rendered.diagnostics.value(0).message));
        bytes = *rendered;
    }
    const Diagnostics written = exporter::writeFile(path, bytes);
    if (!written.isEmpty())
        return fail(written.first().message);

    const QString dir = QFileInfo(path).absolutePath();
    if (QSettings().value(s_folderKey).toString() != dir) {
        QSettings().setValue(s_folderKey, dir);
        Q_EMIT folderChanged();
    }
    succeed();
    Q_EMIT exported(QFileInfo(path).absoluteFilePath(), exporter::formatName(*f));
    return true;
}

bool DiagramExporter::copyImage()
{
    auto *app = qobject_cast<QGuiApplication *>(QCoreApplication::instance());
    if (!app)
        return fail(QStringLiteral("cannot copy the image: there is no clipboard without a QGuiApplication"));
    const Result<exporter::Diagram> d = diagram();
    if (!d)
        return fail(QStringLiteral("nothing to copy: %1").arg(d.diagnostics.value(0).message));
    const Result<QImage> image = exporter::renderImage(*d, 2.0);
    if (!image)
        return fail(QStringLiteral("cannot copy the image: %1").arg(image.diagnostics.value(0).message));
    const Result<QByteArray> svg = exporter::renderSvg(*d);
    if (!svg)
        return fail(QStringLiteral("cannot copy the image: %1").arg(svg.diagnostics.value(0).message));
    auto *mime = new QMimeData;
    mime->setImageData(*image);
    mime->setData(QStringLiteral("image/svg+xml"), *svg);
    QGuiApplication::clipboard()->setMimeData(mime); // the clipboard owns it
    succeed();
    Q_EMIT copied();
    return true;
}

bool DiagramExporter::fail(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    Q_EMIT failed(message);
    return false;
}

void DiagramExporter::succeed()
{
    if (m_errorString.isEmpty())
        return;
    m_errorString.clear();
    Q_EMIT errorStringChanged();
}

} // namespace chainscope::model
