// libFuzzer entry point for the JSON reader (see fuzzcheck.h for the checked invariants).
#include "fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return chainscope::fuzz::run(data, size, chainscope::config::DocumentFormat::Json, QStringLiteral("fuzz.json"));
}
