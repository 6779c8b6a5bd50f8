// layout/palette.h for QML: the same colours and metrics the layout sized the boxes with and the exporters
// paint with, so the screen and an export look alike.
#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QVariantMap>

namespace chainscope::model {

class StyleProvider : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Style)
    QML_SINGLETON
    Q_PROPERTY(QVariantMap light READ light CONSTANT)
    Q_PROPERTY(QVariantMap dark READ dark CONSTANT)
    /** Pixel sizes from layout::metrics (titlePixelSize, rowHeight, headerHeight, paddingX, …). */
    Q_PROPERTY(QVariantMap metrics READ metrics CONSTANT)

public:
    explicit StyleProvider(QObject *parent = nullptr);
    [[nodiscard]] QVariantMap light() const;
    [[nodiscard]] QVariantMap dark() const;
    [[nodiscard]] QVariantMap metrics() const;
};

} // namespace chainscope::model
