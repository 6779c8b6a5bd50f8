// libFuzzer entry point for the YAML reader (see fuzzcheck.h for the checked invariants). It also checks
// the fast reader against yaml-cpp: whenever the fast reader accepts the input, its documents must equal
// yaml-cpp's exactly, spans and quoted flags included (else abort).
#include "../config/valuediff.h"
#include "config/yamlparser_p.h"
#include "fuzzcheck.h"

namespace {

void checkFastReader(const uint8_t *data, size_t size)
{
    using namespace chainscope::config;
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString file = QStringLiteral("fuzz.yaml");
    ReadLimits limits;
    limits.maxNodes = 200'000;
    const auto fast = detail::parseYamlWith(text, file, limits, detail::YamlPath::FastOnly);
    if (!fast)
        return;
    const auto slow = detail::parseYamlWith(text, file, limits, detail::YamlPath::YamlCppOnly);
    chainscope::fuzz::check(slow && fast->diagnostics.isEmpty() && slow->diagnostics.isEmpty());
    chainscope::fuzz::check(fast->value && slow->value && fast->value->size() == slow->value->size());
    for (qsizetype i = 0; i < fast->value->size(); ++i)
        chainscope::fuzz::check(test::valueDifference((*fast->value)[i], (*slow->value)[i], QString()).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    checkFastReader(data, size);
    return chainscope::fuzz::run(data, size, chainscope::config::DocumentFormat::Yaml, QStringLiteral("fuzz.yaml"));
}
