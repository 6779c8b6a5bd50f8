#include "config/batchread_p.h"

#include <atomic>
#include <cerrno>

#include <fcntl.h>
#include <liburing.h>

namespace chainscope::config::detail {

namespace {

std::atomic<bool> g_enabled{true};

constexpr __u64 kOpen = 0, kRead = 1, kClose = 2;

class RingReader final : public BatchReader
{
public:
    ~RingReader() override
    {
        if (m_initialised)
            io_uring_queue_exit(&m_ring);
    }

    static std::unique_ptr<RingReader> make(int slots)
    {
        std::unique_ptr<RingReader> r(new RingReader(slots));
        // Three operations per file; direct descriptors (kernel 5.15+) so the read can follow the open
        // inside one linked chain.
        if (io_uring_queue_init(unsigned(3 * slots), &r->m_ring, 0) < 0)
            return nullptr;
        r->m_initialised = true;
        if (io_uring_register_files_sparse(&r->m_ring, unsigned(slots)) < 0)
            return nullptr;
        return r;
    }

    bool read(std::span<const Request> requests, std::span<Outcome> outcomes) override
    {
        Q_ASSERT(requests.size() <= size_t(m_slots) && outcomes.size() == requests.size());
        for (size_t i = 0; i < requests.size(); ++i) {
            const Request &rq = requests[i];
            const unsigned slot = unsigned(i);
            io_uring_sqe *open = io_uring_get_sqe(&m_ring);
            io_uring_sqe *read = io_uring_get_sqe(&m_ring);
            io_uring_sqe *close = io_uring_get_sqe(&m_ring);
            if (!open || !read || !close)
                return false;
            // No O_CLOEXEC: a direct descriptor is never in the process's table, and the kernel refuses the flag.
            io_uring_prep_openat_direct(open, rq.dirFd, rq.name, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0, slot);
            open->flags |= IOSQE_IO_LINK;
            open->user_data = (__u64(i) << 2) | kOpen;
            io_uring_prep_read(read, int(slot), rq.buffer, unsigned(rq.capacity), 0);
            // A hard link: the close follows the read even when the read fails or is short (a short read
            // ends an ordinary link), and frees the slot. When the open fails, both are cancelled.
            read->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
            read->user_data = (__u64(i) << 2) | kRead;
            io_uring_prep_close_direct(close, slot);
            close->user_data = (__u64(i) << 2) | kClose;
            outcomes[i] = Outcome{};
        }
        const int expected = int(3 * requests.size());
        int submitted = 0;
        do {
            submitted = io_uring_submit_and_wait(&m_ring, unsigned(expected));
        } while (submitted == -EINTR);
        if (submitted < 0)
            return false;
        // Every submitted operation is waited for, even when the batch is given up: none may write into
        // a buffer after this returns.
        bool ok = submitted == expected;
        for (int seen = 0; seen < submitted; ++seen) {
            io_uring_cqe *cqe = nullptr;
            int r = 0;
            do {
                r = io_uring_wait_cqe(&m_ring, &cqe);
            } while (r == -EINTR);
            if (r < 0)
                return false; // the ring itself is broken; the caller stops using it
            const size_t i = size_t(cqe->user_data >> 2);
            const __u64 op = cqe->user_data & 3;
            const int res = cqe->res;
            io_uring_cqe_seen(&m_ring, cqe);
            if (i >= outcomes.size()) {
                ok = false;
                continue;
            }
            Outcome &o = outcomes[i];
            if (op == kOpen && res < 0)
                o.error = -res;
            else if (op == kRead && res < 0 && o.error == 0)
                o.error = -res; // ECANCELED when the open failed first: that error stays
            else if (op == kRead && res >= 0)
                o.size = res;
            else if (op == kClose && res < 0 && o.error == 0)
                o.error = -res; // the file is read again the ordinary way
        }
        return ok;
    }

private:
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
