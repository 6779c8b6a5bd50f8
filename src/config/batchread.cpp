#include "config/batchread_p.h"

#include <atomic>
#include <cerrno>

#include <fcntl.h>
#include <liburing.h>

namespace chainscope::config::detail {

namespace {

std::atomic<bool> g_enabled{true};

class RingReader final : public BatchReader
{
public:
    ~RingReader() override
    {
        if (m_initialised)
            io_uring_queue_exit(&m_ring); // also closes the files still in the slots
    }

    static std::unique_ptr<RingReader> make(int slots)
    {
        std::unique_ptr<RingReader> r(new RingReader(slots));
        // Direct descriptors (kernel 5.15+): a file goes into a slot of the ring, never into the process's
        // descriptor table, and the read names the slot.
        if (io_uring_queue_init(unsigned(slots), &r->m_ring, 0) < 0)
            return nullptr;
        r->m_initialised = true;
        if (io_uring_register_files_sparse(&r->m_ring, unsigned(slots)) < 0)
            return nullptr;
        return r;
    }

    // Two submissions: every open, then every read of an opened file. Each operation then runs to its end
    // inside the submitting system call. (A read linked to its open is instead handed to the task-work
    // queue once the open completes, a detour that cost about 7% of the raw reading time.) There is no
    // close: opening into a slot that holds a file closes that file, so each batch's opens close the
    // files of the batch before, and the ring's teardown closes the last ones.
    bool read(std::span<const Request> requests, std::span<Outcome> outcomes) override
    {
        Q_ASSERT(requests.size() <= size_t(m_slots) && outcomes.size() == requests.size());
        for (size_t i = 0; i < requests.size(); ++i) {
            const Request &rq = requests[i];
            io_uring_sqe *open = io_uring_get_sqe(&m_ring);
            if (!open)
                return false;
            // No O_CLOEXEC: a direct descriptor is never in the process's table, and the kernel refuses the flag.
            io_uring_prep_openat_direct(open, rq.dirFd, rq.name, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0, unsigned(i));
            open->user_data = __u64(i);
            outcomes[i] = Outcome{};
        }
        if (!run(requests.size(), [&](size_t i, int res) {
                if (res < 0)
                    outcomes[i].error = -res;
            }))
            return false;

        size_t reads = 0;
        for (size_t i = 0; i < requests.size(); ++i) {
            if (outcomes[i].error != 0)
                continue; // the slot may still hold the file of an earlier batch: not read
            const Request &rq = requests[i];
            io_uring_sqe *read = io_uring_get_sqe(&m_ring);
            if (!read)
                return false;
            io_uring_prep_read(read, int(i), rq.buffer, unsigned(rq.capacity), 0);
            read->flags |= IOSQE_FIXED_FILE;
            read->user_data = __u64(i);
            ++reads;
        }
        return run(reads, [&](size_t i, int res) {
            if (res < 0)
                outcomes[i].error = -res;
            else
                outcomes[i].size = res;
        });
    }

private:
    /** Submits the `count` queued operations and waits for every one of them, even when the batch is
     *  given up, so none may write into a buffer after read() returns; `done(index, result)` sees each
     *  completion. false: the ring itself failed. */
    template<class Done>
    bool run(size_t count, Done &&done)
    {
        if (count == 0)
            return true;
        int submitted = 0;
        do {
            submitted = io_uring_submit_and_wait(&m_ring, unsigned(count));
        } while (submitted == -EINTR);
        if (submitted < 0)
            return false;
        bool ok = size_t(submitted) == count;
        for (int seen = 0; seen < submitted; ++seen) {
            io_uring_cqe *cqe = nullptr;
            int r = 0;
            do {
                r = io_uring_wait_cqe(&m_ring, &cqe);
            } while (r == -EINTR);
            if (r < 0)
                return false;
            const __u64 i = cqe->user_data;
            const int res = cqe->res;
            io_uring_cqe_seen(&m_ring, cqe);
            if (i >= __u64(m_slots)) {
                ok = false;
                continue;
            }
            done(size_t(i), res);
        }
        return ok;
    }

    explicit RingReader(int slots)
        : m_slots(slots)
    {
    }

    io_uring m_ring{};
    int m_slots = 0;
    bool m_initialised = false;
};

} // namespace

std::unique_ptr<BatchReader> BatchReader::create(int slots)
{
    if (!g_enabled.load(std::memory_order_relaxed) || slots <= 0)
        return nullptr;
    return RingReader::make(slots);
}

void BatchReader::setEnabled(bool enabled)
{
    g_enabled.store(enabled, std::memory_order_relaxed);
}

} // namespace chainscope::config::detail
