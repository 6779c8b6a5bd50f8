// For tests that must not depend on the process locale: switches LC_NUMERIC to a locale whose decimal
// point is a comma (as a Qt application under de_DE runs: QCoreApplication takes the locale from the
// environment), and back when it goes. An installed comma-decimal locale is used if there is one;
// otherwise de_DE is compiled with localedef into a temporary directory named by LOCPATH, from the locale
// sources of Debian's `locales` package (scripts/install-deps.sh installs it), so the tests run in CI too.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <clocale>
#include <cstring>
#include <memory>
#include <string>

namespace chainscope::test {

class CommaDecimalLocale
{
public:
    CommaDecimalLocale()
    {
        if (const char *current = std::setlocale(LC_NUMERIC, nullptr))
            m_previous = current; // copied: the next call may overwrite the buffer
        m_hadLocPath = qEnvironmentVariableIsSet("LOCPATH");
        m_previousLocPath = qgetenv("LOCPATH");
        for (const char *name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8"}) {
            if (std::setlocale(LC_NUMERIC, name) && isComma())
                return;
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            m_problem = QStringLiteral("cannot make a temporary directory");
            return;
        }
        QProcess localedef;
        // -c: write the locale despite warnings in its sources.
        localedef.start(QStringLiteral("localedef"), {QStringLiteral("-c"), QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"),
                                                      QStringLiteral("UTF-8"), m_dir->filePath(QStringLiteral("de_DE.UTF-8"))});
        if (!localedef.waitForFinished(60'000)) {
            m_problem = QStringLiteral("localedef did not run: %1").arg(localedef.errorString());
            return;
        }
        qputenv("LOCPATH", QFile::encodeName(m_dir->path()));
        if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8") || !isComma())
            m_problem = QStringLiteral("localedef could not build de_DE (is Debian's locales package installed?): ")
                + QString::fromLocal8Bit(localedef.readAllStandardError()).trimmed();
    }

    ~CommaDecimalLocale()
    {
        std::setlocale(LC_NUMERIC, m_previous.empty() ? "C" : m_previous.c_str());
        if (m_hadLocPath)
            qputenv("LOCPATH", m_previousLocPath);
        else
            qunsetenv("LOCPATH");
    }

    CommaDecimalLocale(const CommaDecimalLocale &) = delete;
    CommaDecimalLocale &operator=(const CommaDecimalLocale &) = delete;

    /** LC_NUMERIC now has a comma as its decimal point. */
    [[nodiscard]] bool active() const { return m_problem.isEmpty() && isComma(); }
    /** Why not, when !active(). */
    [[nodiscard]] QString problem() const { return m_problem; }

private:
    static bool isComma() { return std::strcmp(std::localeconv()->decimal_point, ",") == 0; }

    std::string m_previous;
    bool m_hadLocPath = false;
    QByteArray m_previousLocPath;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_problem;
};

} // namespace chainscope::test
