// Markdown and HTML renderings of a mesh report.
#include "export/report.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace chainscope::exporter {

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

QString producer()
{
    const QString version = QCoreApplication::applicationVersion();
    return QStringLiteral("chainscope") + (version.isEmpty() ? QString() : u' ' + version);
}

/** Text inside a Markdown table cell or line: pipes, backslashes, markup characters and line breaks neutralised. */
QString md(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'|':
        case u'\\':
        case u'*':
        case u'_':
        case u'`':
        case u'[':
        case u']':
        case u'<':
        case u'>':
        case u'#':
            out += u'\\';
            out += c;
            break;
        case u'\n':
        case u'\r':
            out += u' ';
            break;
        default:
            out += c;
        }
    }
    return out;
}

/** A file name safe to put in a Markdown link target (spaces and parentheses percent-encoded). */
QString linkTarget(const QString &file)
{
    QString out;
    for (const QChar c : file) {
        if (c == u' ' || c == u'(' || c == u')' || c == u'<' || c == u'>')
            out += QStringLiteral("%%1").arg(c.unicode(), 2, 16, QChar(u'0')).toUpper();
        else
            out += c;
    }
    return out;
}

QString anchor(const QString &service)
{
    QString out;
    for (const QChar c : service.toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_')
            out += c;
        else if (c == u' ')
            out += u'-';
    }
    return out;
}

/** Inline SVG for HTML: QSvgGenerator's XML declaration removed, sized to the column. */
QString inlineSvg(const QByteArray &svg)
{
    const qsizetype start = svg.indexOf("<svg");
    if (start < 0)
        return QString();
    return QString::fromUtf8(svg.mid(start));
}

} // namespace

QString accessText(const ReportAccess &a)
{
    if (!a.known)
        return QStringLiteral("decided by the peer");
    if (a.dependsOnRequest)
        return QStringLiteral("per request (L7)");
    return a.allowed ? QStringLiteral("allowed") : QStringLiteral("denied");
}

namespace {
QString accessClass(const ReportAccess &a)
{
    if (!a.known || a.dependsOnRequest)
        return QStringLiteral("unknown");
    return a.allowed ? QStringLiteral("allowed") : QStringLiteral("denied");
}
} // namespace

QString failoverOrdinal(int level)
{
    if (level <= 0)
        return QStringLiteral("primary");
    const int mod100 = level % 100;
    const int mod10 = level % 10;
    QString suffix = QStringLiteral("th");
    if (mod100 < 11 || mod100 > 13) {
        if (mod10 == 1)
            suffix = QStringLiteral("st");
        else if (mod10 == 2)
            suffix = QStringLiteral("nd");
        else if (mod10 == 3)
            suffix = QStringLiteral("rd");
    }
    return QString::number(level) + suffix + QStringLiteral(" failover");
}

QString renderMarkdown(const Report &report)
{
    QString out;
    out += QStringLiteral("# ") + md(report.title) + QStringLiteral("\n\n");
    if (!report.sources.isEmpty())
        out += QStringLiteral("- Configuration: ") + md(report.sources.join(QStringLiteral(", "))) + u'\n';
    if (!report.catalog.isEmpty())
        out += QStringLiteral("- Catalog: ") + md(report.catalog) + u'\n';
    if (!report.datacenter.isEmpty())
        out += QStringLiteral("- Compiled for datacenter: ") + md(report.datacenter) + u'\n';
    if (report.timestamp.isValid())
        out += QStringLiteral("- Generated: ") + when(report.timestamp) + QStringLiteral(" by ") + producer() + u'\n';
    out += u'\n';

    if (!report.configProblems.isEmpty()) {
        out += QStringLiteral("## Configuration problems\n\n");
        for (const Diagnostic &d : report.configProblems)
            out += QStringLiteral("- `") + QString(d.format()).replace(u'`', u'\'') + QStringLiteral("`\n");
        out += u'\n';
    }

    out += QStringLiteral("## Services\n\n");
    for (const ReportChain &chain : report.chains)
        out += QStringLiteral("- [") + md(chain.service) + QStringLiteral("](#") + anchor(chain.service) + QStringLiteral(")\n");
    out += u'\n';

    for (const ReportChain &chain : report.chains) {
        out += QStringLiteral("## ") + md(chain.service) + QStringLiteral("\n\n");
        QStringList facts;
        if (!chain.namespace_.isEmpty() && chain.namespace_ != u"default")
            facts << QStringLiteral("namespace ") + md(chain.namespace_);
        if (!chain.protocol.isEmpty())
            facts << QStringLiteral("protocol ") + md(chain.protocol);
        if (!facts.isEmpty())
            out += facts.join(QStringLiteral(" · ")) + QStringLiteral("\n\n");
        for (const Diagnostic &d : chain.problems)
            out += QStringLiteral("> **Problem:** ") + md(d.format()) + QStringLiteral("\n\n");
        if (!chain.pictureFile.isEmpty())
            out += QStringLiteral("![") + md(chain.service) + QStringLiteral("](") + linkTarget(chain.pictureFile) + QStringLiteral(")\n\n");
        if (chain.targets.isEmpty())
            continue;
        out += QStringLiteral("| Resolver | Order | Target | Where |");
        for (const QString &source : report.sourceServices)
            out += u' ' + md(source) + QStringLiteral(" |");
        out += QStringLiteral("\n|---|---|---|---|");
        for (qsizetype i = 0; i < report.sourceServices.size(); ++i)
            out += QStringLiteral("---|");
        out += u'\n';
        for (const ReportTarget &t : chain.targets) {
            out += QStringLiteral("| ") + md(t.resolver) + QStringLiteral(" | ") + failoverOrdinal(t.level) + QStringLiteral(" | `")
                + QString(t.id).replace(u'`', u'\'') + QStringLiteral("` | ") + md(t.location) + QStringLiteral(" |");
            for (const QString &source : report.sourceServices) {
                QString cell = QStringLiteral("?");
                for (const ReportAccess &a : t.access) {
                    if (a.source == source)
                        cell = accessText(a);
                }
                out += u' ' + cell + QStringLiteral(" |");
            }
            out += u'\n';
        }
        out += u'\n';
        // The deciding intentions, once per distinct decision, so the table stays narrow.
        QStringList reasons;
        for (const ReportTarget &t : chain.targets) {
            for (const ReportAccess &a : t.access) {
                if (a.deciding.isEmpty())
                    continue;
                const QString line = QStringLiteral("- ") + md(a.source) + QStringLiteral(" → ") + md(t.service) + QStringLiteral(": ")
                    + accessText(a) + QStringLiteral(" (") + md(a.deciding) + u')';
                if (!reasons.contains(line))
                    reasons << line;
            }
        }
        if (!reasons.isEmpty())
            out += reasons.join(u'\n') + QStringLiteral("\n\n");
    }
    return out;
}

QByteArray renderHtml(const Report &report)
{
    const auto h = [](const QString &text) { return text.toHtmlEscaped(); };
    QString out;
    out += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>") + h(report.title)
        + QStringLiteral("</title>\n<meta name=\"generator\" content=\"") + h(producer()) + QStringLiteral("\"/>\n");
    out += QStringLiteral(
        "<style>\n"
        "body { font-family: system-ui, 'DejaVu Sans', sans-serif; color: #1c2128; background: #ffffff; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; }\n"
        "h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #e7eaee; padding-bottom: .3rem; }\n"
        ".meta { color: #5c6773; font-size: .9rem; } .meta li { margin: .1rem 0; }\n"
        "figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; border: 1px solid #e7eaee; border-radius: 6px; }\n"
        "table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; }\n"
        "th, td { border: 1px solid #c6ccd5; padding: .3rem .6rem; text-align: left; vertical-align: top; }\n"
        "th { background: #f0f2f5; } code { font-size: .85rem; }\n"
        ".allowed { color: #1a7f37; } .denied { color: #cf222e; font-weight: 600; } .unknown { color: #9a6700; }\n"
        ".problem { color: #cf222e; } .reasons { color: #5c6773; font-size: .85rem; }\n"
        "@media print { h2 { break-before: page; } figure svg { border: none; } }\n"
        "</style>\n</head>\n<body>\n");
    out += QStringLiteral("<h1>") + h(report.title) + QStringLiteral("</h1>\n<ul class=\"meta\">\n");
    if (!report.sources.isEmpty())
        out += QStringLiteral("<li>Configuration: ") + h(report.sources.join(QStringLiteral(", "))) + QStringLiteral("</li>\n");
    if (!report.catalog.isEmpty())
        out += QStringLiteral("<li>Catalog: ") + h(report.catalog) + QStringLiteral("</li>\n");
    if (!report.datacenter.isEmpty())
        out += QStringLiteral("<li>Compiled for datacenter: ") + h(report.datacenter) + QStringLiteral("</li>\n");
    if (report.timestamp.isValid())
        out += QStringLiteral("<li>Generated: ") + h(when(report.timestamp)) + QStringLiteral(" by ") + h(producer()) + QStringLiteral("</li>\n");
    out += QStringLiteral("</ul>\n");

    if (!report.configProblems.isEmpty()) {
        out += QStringLiteral("<h2>Configuration problems</h2>\n<ul>\n");
        for (const Diagnostic &d : report.configProblems)
            out += QStringLiteral("<li class=\"problem\"><code>") + h(d.format()) + QStringLiteral("</code></li>\n");
        out += QStringLiteral("</ul>\n");
    }

    out += QStringLiteral("<nav><p>Services: ");
    QStringList links;
    for (const ReportChain &chain : report.chains)
        links << QStringLiteral("<a href=\"#") + h(anchor(chain.service)) + QStringLiteral("\">") + h(chain.service) + QStringLiteral("</a>");
    out += links.join(QStringLiteral(", ")) + QStringLiteral("</p></nav>\n");

    for (const ReportChain &chain : report.chains) {
        out += QStringLiteral("<section id=\"") + h(anchor(chain.service)) + QStringLiteral("\">\n<h2>") + h(chain.service) + QStringLiteral("</h2>\n");
        QStringList facts;
        if (!chain.namespace_.isEmpty() && chain.namespace_ != u"default")
            facts << QStringLiteral("namespace ") + h(chain.namespace_);
        if (!chain.protocol.isEmpty())
            facts << QStringLiteral("protocol ") + h(chain.protocol);
        if (!facts.isEmpty())
            out += QStringLiteral("<p class=\"meta\">") + facts.join(QStringLiteral(" · ")) + QStringLiteral("</p>\n");
        for (const Diagnostic &d : chain.problems)
            out += QStringLiteral("<p class=\"problem\">") + h(d.format()) + QStringLiteral("</p>\n");
        if (!chain.svg.isEmpty())
            out += QStringLiteral("<figure>\n") + inlineSvg(chain.svg) + QStringLiteral("\n</figure>\n");
        if (!chain.targets.isEmpty()) {
            out += QStringLiteral("<table>\n<thead><tr><th>Resolver</th><th>Order</th><th>Target</th><th>Where</th>");
            for (const QString &source : report.sourceServices)
                out += QStringLiteral("<th>from ") + h(source) + QStringLiteral("</th>");
            out += QStringLiteral("</tr></thead>\n<tbody>\n");
            for (const ReportTarget &t : chain.targets) {
                out += QStringLiteral("<tr><td>") + h(t.resolver) + QStringLiteral("</td><td>") + h(failoverOrdinal(t.level))
                    + QStringLiteral("</td><td><code>") + h(t.id) + QStringLiteral("</code></td><td>") + h(t.location) + QStringLiteral("</td>");
                for (const QString &source : report.sourceServices) {
                    const ReportAccess *found = nullptr;
                    for (const ReportAccess &a : t.access) {
                        if (a.source == source)
                            found = &a;
                    }
                    if (!found) {
                        out += QStringLiteral("<td>?</td>");
                        continue;
                    }
                    out += QStringLiteral("<td class=\"") + accessClass(*found) + QStringLiteral("\" title=\"") + h(found->deciding) + QStringLiteral("\">")
                        + accessText(*found) + QStringLiteral("</td>");
                }
                out += QStringLiteral("</tr>\n");
            }
            out += QStringLiteral("</tbody>\n</table>\n");
        }
        out += QStringLiteral("</section>\n");
    }
    out += QStringLiteral("</body>\n</html>\n");
    return out.toUtf8();
}

} // namespace chainscope::exporter
