// App-wide objects for QML: the document main() prepared (paths from the command line), exposed as a
// singleton with C++ ownership (style.md §3.2). Without a prepared instance (QML tests) a fresh one is made.
#pragma once

#include "chaindocument.h"

#include <QObject>
#include <QQmlEngine>

namespace chainscope::model {

class AppContext : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(ChainDocument *document READ document CONSTANT)
    /** Set by --screenshot / --self-test: the UI skips animations and opens no dialogs. */
    Q_PROPERTY(bool automated READ automated CONSTANT)

public:
    explicit AppContext(ChainDocument *document, bool automated = false, QObject *parent = nullptr);

    [[nodiscard]] ChainDocument *document() const { return m_document; }
    [[nodiscard]] bool automated() const { return m_automated; }

    /** Makes `context` the instance QML gets (must outlive the engine). */
    static void setInstance(AppContext *context);
    static AppContext *create(QQmlEngine *engine, QJSEngine *scriptEngine);

private:
    ChainDocument *m_document;
    bool m_automated;
};

} // namespace chainscope::model
