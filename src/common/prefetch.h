// A memory prefetch that the compiler keeps.
#pragma once

#include <QtGlobal>

namespace chainscope {

/**
 * Starts loading the cache line at `p` for reading: a hint, which never faults, whatever `p` is.
 * GCC 12 drops some __builtin_prefetch calls as dead code (seen in object files: prefetches of addresses
 * read from a std::vector or a union); the empty asm statement that takes the address keeps each one.
 */
Q_ALWAYS_INLINE void prefetchForRead(const void *p) noexcept
{
    __builtin_prefetch(p);
    asm volatile("" ::"r"(p));
}

} // namespace chainscope
