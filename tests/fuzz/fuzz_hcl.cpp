// libFuzzer entry point for the HCL reader (see fuzzcheck.h for the checked invariants). It also checks
// the fast reader against the faithful parser: whenever the fast reader accepts the input, the faithful
// parser must accept it too and give exactly the same value, spans and quoted flags included (else abort).
#include "../config/valuediff.h"
#include "config/hclparser_p.h"
#include "fuzzcheck.h"

namespace {

void checkFastReader(const uint8_t *data, size_t size)
{
    using namespace chainscope::config;
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString file = QStringLiteral("fuzz.hcl");
    ReadLimits limits;
    limits.maxNodes = 200'000;
    const auto fast = detail::parseHclWith(text, file, limits, detail::HclPath::FastOnly);
    if (!fast)
        return;
    const auto slow = detail::parseHclWith(text, file, limits, detail::HclPath::FaithfulOnly);
    chainscope::fuzz::check(slow && fast->diagnostics.isEmpty() && slow->diagnostics.isEmpty());
    chainscope::fuzz::check(fast->value && slow->value);
    chainscope::fuzz::check(test::valueDifference(*fast->value, *slow->value, QString()).isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    checkFastReader(data, size);
    return chainscope::fuzz::run(data, size, chainscope::config::DocumentFormat::Hcl, QStringLiteral("fuzz.hcl"));
}
