// Picture exports of a Diagram: SVG (QSvgGenerator), PNG (QImage at 2×), PDF (QPdfWriter), DOT (text).
// All need a QGuiApplication (fonts); the headless CLI runs them on the offscreen platform.
#pragma once

#include "export/diagram.h"

#include <QByteArray>
#include <QImage>

namespace chainscope::exporter {

/** Renders an SVG 1.2 Tiny document (text stays text, so labels are searchable). */
[[nodiscard]] Result<QByteArray> renderSvg(const Diagram &diagram);

/** Renders the page into an image `scale` times the page size (device pixel ratio = scale). */
[[nodiscard]] Result<QImage> renderImage(const Diagram &diagram, qreal scale = 2.0);

/** PNG bytes of renderImage(diagram, scale), with Title/Software/Creation Time text chunks. */
[[nodiscard]] Result<QByteArray> renderPng(const Diagram &diagram, qreal scale = 2.0);

/** A one-page PDF exactly the size of the page (1 px = 0.75 pt), vector text and shapes. */
[[nodiscard]] Result<QByteArray> renderPdf(const Diagram &diagram);

/** Graphviz DOT of the diagram (see dotwriter.h). */
[[nodiscard]] Result<QByteArray> renderDot(const Diagram &diagram);

/** Renders a picture format (not Json: the chain JSON comes from chain/). */
[[nodiscard]] Result<QByteArray> renderPicture(const Diagram &diagram, Format format);

/** Writes bytes to a file atomically (QSaveFile); a CS5103 diagnostic naming the file on failure. */
[[nodiscard]] Diagnostics writeFile(const QString &path, const QByteArray &bytes);

} // namespace chainscope::exporter
