// The QuickTest runner for tests/qml/tst_*.qml: static QML modules need the qrc import path on Qt 6.4.
#include <QDir>
#include <QFile>
#include <QQmlContext>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtQuickTest>

/** What QML cannot do by itself: a scratch directory for files the UI writes, and a look at them. */
class TestFiles : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /** A fresh, empty directory as a file: URL (removed when the run ends). */
    Q_INVOKABLE QUrl newDir()
    {
        auto *dir = new QTemporaryDir(m_root.filePath(QStringLiteral("dir-XXXXXX")));
        m_dirs.emplace_back(dir);
        return dir->isValid() ? QUrl::fromLocalFile(dir->path()) : QUrl();
    }
    /** The first bytes of a file (local path or file: URL) as Latin-1 text, "" when it cannot be read. */
    Q_INVOKABLE QString head(const QString &pathOrUrl, int size) const
    {
        QFile f(pathOrUrl.startsWith(QLatin1String("file:")) ? QUrl(pathOrUrl).toLocalFile() : pathOrUrl);
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.read(size)) : QString();
    }
    /** The names in a directory (file: URL), sorted. */
    Q_INVOKABLE QStringList list(const QUrl &dir) const
    {
        return QDir(dir.toLocalFile()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

private:
    QTemporaryDir m_root;
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        // Settings the UI writes (recent files, the export folder) go to a test location, not the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        // Test data location and file helpers only; the application itself never uses context properties.
        engine->rootContext()->setContextProperty(QStringLiteral("demoDir"), QStringLiteral(CHAINSCOPE_DEMO_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("testFiles"), new TestFiles(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(chainscope, Setup)

#include "tst_qml.moc"
