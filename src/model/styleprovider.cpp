#include "styleprovider.h"

#include "layout/palette.h"

namespace chainscope::model {

using namespace chainscope::layout;

namespace {

QVariantMap toMap(const Palette &p)
{
    return {
        {QStringLiteral("background"), p.background}, {QStringLiteral("surface"), p.surface},
        {QStringLiteral("headerFill"), p.headerFill}, {QStringLiteral("border"), p.border},
        {QStringLiteral("text"), p.text},             {QStringLiteral("textMuted"), p.textMuted},
        {QStringLiteral("grid"), p.grid},             {QStringLiteral("router"), p.router},
        {QStringLiteral("splitter"), p.splitter},     {QStringLiteral("resolver"), p.resolver},
        {QStringLiteral("target"), p.target},         {QStringLiteral("edge"), p.edge},
        {QStringLiteral("redirect"), p.redirect},     {QStringLiteral("failover"), p.failover},
        {QStringLiteral("engaged"), p.engaged},       {QStringLiteral("denied"), p.denied},
        {QStringLiteral("active"), p.active},         {QStringLiteral("standby"), p.standby},
        {QStringLiteral("dead"), p.dead},             {QStringLiteral("selection"), p.selection},
        {QStringLiteral("labelFill"), p.labelFill},
    };
}

} // namespace

StyleProvider::StyleProvider(QObject *parent)
    : QObject(parent)
{
}

QVariantMap StyleProvider::light() const
{
    return toMap(palette(ColorScheme::Light));
}

QVariantMap StyleProvider::dark() const
{
    return toMap(palette(ColorScheme::Dark));
}

QVariantMap StyleProvider::metrics() const
{
    using namespace layout::metrics;
    return {
        {QStringLiteral("titlePixelSize"), titlePixelSize}, {QStringLiteral("subtitlePixelSize"), subtitlePixelSize},
        {QStringLiteral("rowPixelSize"), rowPixelSize},     {QStringLiteral("labelPixelSize"), labelPixelSize},
        {QStringLiteral("headerHeight"), headerHeight},     {QStringLiteral("rowHeight"), rowHeight},
        {QStringLiteral("paddingX"), paddingX},             {QStringLiteral("cornerRadius"), cornerRadius},
        {QStringLiteral("labelHeight"), labelHeight},       {QStringLiteral("labelPaddingX"), labelPaddingX},
    };
}

} // namespace chainscope::model
