// In-app export of the routing view: the document's current layout, simulation overlay and colour scheme
// as SVG, PNG (2×), PDF or DOT, the compiled chain as JSON, and the picture on the clipboard. Never lays the
// chain out again: what is exported is what is on screen.
#pragma once

#include "chaindocument.h"

#include "export/diagram.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QUrl>

namespace chainscope::model {

class DiagramExporter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(ChainDocument *document READ document WRITE setDocument NOTIFY documentChanged)
    /** Whether there is a graph to export or copy (the selected service compiled and was laid out). */
    Q_PROPERTY(bool available READ available NOTIFY availableChanged)
    /** Where save dialogs open (file: URL): the folder of the last export, else the Documents folder. */
    Q_PROPERTY(QUrl folder READ folder NOTIFY folderChanged)
    /** The last failure, for people ("" after a success). */
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    explicit DiagramExporter(QObject *parent = nullptr);

    [[nodiscard]] ChainDocument *document() const { return m_document; }
    void setDocument(ChainDocument *document);
    [[nodiscard]] bool available() const;
    [[nodiscard]] QUrl folder() const;
    [[nodiscard]] QString errorString() const { return m_errorString; }

    /** The current view as a diagram: the document's scene, geometry and overlay, its colour scheme, and a
     *  title block with the service, datacenter, namespace, loaded paths, exporter::exportTimestamp() and
     *  the live scenario. An error (naming the service) when there is no graph. */
    [[nodiscard]] Result<exporter::Diagram> diagram() const;

    /** A file name for the format ("svg", "png", "pdf", "dot", "json"): "web.svg" (exporter::pictureFileName). */
    Q_INVOKABLE QString suggestedExportName(const QString &format) const;
    /** folder + suggestedExportName(format), for a save dialog's initial selection. */
    Q_INVOKABLE QUrl suggestedExportUrl(const QString &format) const;

    /**
     * Writes the view (or, for json, the compiled chain exactly as `chainscope compile` prints it) to a
     * local path or file: URL, atomically. The file's extension picks the format when it names one, else
     * `format` does. Emits exported() or failed() (with a message naming the file) and returns success.
     */
    Q_INVOKABLE bool exportView(const QVariant &urlOrPath, const QString &format);

    /** Puts the view on the clipboard: the image at 2× (setImageData) and the SVG as "image/svg+xml".
     *  Emits copied() or failed(); returns success. */
    Q_INVOKABLE bool copyImage();

Q_SIGNALS:
    void documentChanged();
    void availableChanged();
    void folderChanged();
    void errorStringChanged();
    /** An export was written to path (local file). */
    void exported(const QString &path, const QString &format);
    /** The image was put on the clipboard. */
    void copied();
    /** An export or copy failed; message names the file and says what went wrong. */
    void failed(const QString &message);

private:
    bool fail(const QString &message);
    void succeed();
    [[nodiscard]] QString nothingToDraw() const;

    QPointer<ChainDocument> m_document;
    QString m_errorString;
    bool m_available = false;
};

} // namespace chainscope::model
