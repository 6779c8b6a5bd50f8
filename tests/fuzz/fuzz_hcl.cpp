// libFuzzer entry point for the HCL reader (see fuzzcheck.h for the checked invariants).
#include "fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return chainscope::fuzz::run(data, size, chainscope::config::DocumentFormat::Hcl, QStringLiteral("fuzz.hcl"));
}
