// libFuzzer entry point for the YAML reader (see fuzzcheck.h for the checked invariants).
#include "fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return chainscope::fuzz::run(data, size, chainscope::config::DocumentFormat::Yaml, QStringLiteral("fuzz.yaml"));
}
