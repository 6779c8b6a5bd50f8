#include "appcontext.h"

namespace chainscope::model {

namespace {
AppContext *s_instance = nullptr;
} // namespace

AppContext::AppContext(ChainDocument *document, bool automated, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_automated(automated)
{
}

void AppContext::setInstance(AppContext *context)
{
    s_instance = context;
}

AppContext *AppContext::create(QQmlEngine *engine, QJSEngine *scriptEngine)
{
    Q_UNUSED(scriptEngine)
    if (s_instance) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    // No prepared context: the engine owns a fresh document (QML tests, previews).
    auto *document = new ChainDocument();
    auto *context = new AppContext(document, false, engine);
    document->setParent(context);
    return context;
}

} // namespace chainscope::model
