// Reading many small files with a few system calls: io_uring, when the kernel allows it.
#pragma once

#include <QtGlobal>

#include <memory>
#include <span>

namespace chainscope::config::detail {

/**
 * Opens and reads a batch of files with two submissions to the kernel (io_uring: every open, then every
 * read; the descriptor never enters the process's table, and a file stays in its slot of the ring until
 * a later batch's open or the reader's end closes it). A directory walk of one-entry files spends most of
 * its time in open, read and close; this takes the system calls, and the descriptor bookkeeping between
 * them, off every file.
 *
 * Only the first `capacity` bytes of a file are read: a result that fills its buffer may be longer, and
 * the caller reads it again the ordinary way. Any failure (a missing file, a kernel without these
 * operations) is the caller's to redo the ordinary way, which also words the error.
 */
class BatchReader
{
public:
    struct Request {
        int dirFd = -1;           ///< the name is relative to this directory (or AT_FDCWD)
        const char *name = nullptr;
        char *buffer = nullptr;
        qsizetype capacity = 0;
    };
    struct Outcome {
        int error = 0;     ///< errno of the open or the read; 0: read
        qsizetype size = 0; ///< bytes read when error is 0
    };

    /** Up to `slots` files per batch; nullptr when io_uring cannot be used here (kernel, seccomp,
     *  sysctl kernel.io_uring_disabled, or reading switched off by setEnabled(false)). */
    [[nodiscard]] static std::unique_ptr<BatchReader> create(int slots);
    virtual ~BatchReader() = default;

    /** Reads requests.size() <= slots files. false: the ring itself failed; no outcome is meaningful and
     *  the reader should not be used again. */
    virtual bool read(std::span<const Request> requests, std::span<Outcome> outcomes) = 0;

    /** Off: create() returns nullptr, so walks read file by file (tests compare the two ways). */
    static void setEnabled(bool enabled);
};

} // namespace chainscope::config::detail
