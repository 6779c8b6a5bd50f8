// The QuickTest runner for tests/qml/tst_*.qml: static QML modules need the qrc import path on Qt 6.4.
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        // Test data location only; the application itself never uses context properties.
        engine->rootContext()->setContextProperty(QStringLiteral("demoDir"), QStringLiteral(CHAINSCOPE_DEMO_DIR));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(chainscope, Setup)

#include "tst_qml.moc"
