#include "swarm/memory_disk_io.h"

#include <libtorrent/disk_buffer_holder.hpp>
#include <libtorrent/error_code.hpp>
#include <libtorrent/file_storage.hpp>
#include <libtorrent/hasher.hpp>
#include <libtorrent/peer_request.hpp>
#include <libtorrent/session_params.hpp>
#include <libtorrent/storage_defs.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>

namespace stratus::swarm {

namespace {

constexpr char kMemoryPrefix[] = "stratus-memory:";
constexpr int kBlockSize = lt::default_block_size;

lt::storage_error outOfRange(lt::operation_t op)
{
    return lt::storage_error(boost::asio::error::make_error_code(boost::asio::error::eof), lt::file_index_t(0), op);
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The info-hash in a save path made by memoryPathFor().
std::optional<lt::sha256_hash> keyOfPath(const std::string &path)
{
    // libtorrent makes a relative save path absolute: look at the last part.
    const std::size_t slash = path.rfind('/');
    const std::size_t start = slash == std::string::npos ? 0 : slash + 1;
    if (path.compare(start, sizeof kMemoryPrefix - 1, kMemoryPrefix, sizeof kMemoryPrefix - 1) != 0)
        return std::nullopt;
    const std::size_t prefix = start + sizeof kMemoryPrefix - 1;
    if (path.size() != prefix + 64)
        return std::nullopt;
    lt::sha256_hash key;
    for (int i = 0; i < 32; ++i) {
        const int hi = hexDigit(path[prefix + static_cast<std::size_t>(i) * 2]);
        const int lo = hexDigit(path[prefix + static_cast<std::size_t>(i) * 2 + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        key[i] = static_cast<char>(hi * 16 + lo);
    }
    return key;
}

// One torrent's storage: a MemoryShard, or a handle on the inner disk I/O.
struct Storage {
    std::shared_ptr<MemoryShard> memory; // null: the torrent lives in files
    std::int64_t size = 0;               // the shard (the torrent's one file)
    std::int64_t total = 0;              // with the padding libtorrent adds after it (zeros)
    int pieceLength = 0;
    std::optional<lt::storage_holder> inner;

    // Whether [offset, offset + length) lies within the torrent, and its
    // shard is there.
    bool range(std::int64_t offset, std::int64_t length) const
    {
        return memory && memory->holds(size) && offset >= 0 && length >= 0 && offset <= total &&
               length <= total - offset;
    }
    // How much of [offset, offset + length) is shard (the rest is padding).
    std::int64_t inShard(std::int64_t offset, std::int64_t length) const
    {
        return std::clamp<std::int64_t>(size - offset, 0, length);
    }
};

class MemoryDiskIo final : public lt::disk_interface, public lt::buffer_allocator_interface {
public:
    MemoryDiskIo(lt::io_context &ioc, std::shared_ptr<MemoryShards> shards, std::shared_ptr<PayloadCounters> counters,
                 std::unique_ptr<lt::disk_interface> inner)
        : m_ioc(ioc), m_shards(std::move(shards)), m_counters(std::move(counters)), m_inner(std::move(inner))
    {
    }

    ~MemoryDiskIo() override { m_hashers.join(); }

    lt::storage_holder new_torrent(lt::storage_params const &p, std::shared_ptr<void> const &torrent) override
    {
        Storage s;
        if (const std::optional<lt::sha256_hash> key = keyOfPath(p.path)) {
            // A memory torrent whose shard is gone (removed before libtorrent
            // got to it) gets an empty storage: every read and write fails.
            s.memory = m_shards->find(*key);
            if (!s.memory)
                s.memory = std::make_shared<MemoryShard>();
            s.size = p.files.num_files() > 0 ? p.files.file_size(lt::file_index_t(0)) : 0;
            s.total = p.files.total_size();
            s.pieceLength = p.files.piece_length();
        } else {
            s.inner.emplace(m_inner->new_torrent(p, torrent));
        }
        const lt::storage_index_t index = nextIndex();
        m_storages.emplace(static_cast<std::uint32_t>(index), std::move(s));
        return lt::storage_holder(index, *this);
    }

    void remove_torrent(lt::storage_index_t index) override
    {
        const auto key = static_cast<std::uint32_t>(index);
        m_storages.erase(key); // an inner holder removes the inner storage
        m_free.push_back(key);
    }

    void async_read(lt::storage_index_t storage, lt::peer_request const &r,
                    std::function<void(lt::disk_buffer_holder, lt::storage_error const &)> handler,
                    lt::disk_job_flags_t flags) override
    {
        Storage &s = at(storage);
        m_counters->sent.fetch_add(r.length, std::memory_order_relaxed);
        if (s.inner)
            return m_inner->async_read(*s.inner, r, std::move(handler), flags);
        const std::int64_t offset = static_cast<std::int64_t>(static_cast<int>(r.piece)) * s.pieceLength + r.start;
        if (!s.range(offset, r.length) || r.length <= 0) {
            return post([h = std::move(handler)]() mutable {
                h(lt::disk_buffer_holder(), outOfRange(lt::operation_t::file_read));
            });
        }
        auto *buf = static_cast<char *>(std::malloc(static_cast<std::size_t>(r.length)));
        if (!buf) {
            return post([h = std::move(handler)]() mutable {
                h(lt::disk_buffer_holder(),
                  lt::storage_error(boost::asio::error::make_error_code(boost::asio::error::no_memory),
                                    lt::operation_t::alloc_cache_piece));
            });
        }
        const std::int64_t n = s.inShard(offset, r.length);
        if (n > 0)
            std::memcpy(buf, s.memory->data() + offset, static_cast<std::size_t>(n));
        std::memset(buf + n, 0, static_cast<std::size_t>(r.length - n));
        post([this, h = std::move(handler), buf, len = r.length]() mutable {
            h(lt::disk_buffer_holder(*this, buf, len), lt::storage_error());
        });
    }

    bool async_write(lt::storage_index_t storage, lt::peer_request const &r, char const *buf,
                     std::shared_ptr<lt::disk_observer> o, std::function<void(lt::storage_error const &)> handler,
                     lt::disk_job_flags_t flags) override
    {
        Storage &s = at(storage);
        m_counters->received.fetch_add(r.length, std::memory_order_relaxed);
        if (s.inner)
            return m_inner->async_write(*s.inner, r, buf, std::move(o), std::move(handler), flags);
        const std::int64_t offset = static_cast<std::int64_t>(static_cast<int>(r.piece)) * s.pieceLength + r.start;
        lt::storage_error error;
        if (!s.range(offset, r.length) || !s.memory->writable)
            error = outOfRange(lt::operation_t::file_write);
        else if (const std::int64_t n = s.inShard(offset, r.length); n > 0)
            std::memcpy(s.memory->writable + offset, buf, static_cast<std::size_t>(n));
        post([h = std::move(handler), error]() mutable { h(error); });
        return false; // never over the write queue's limit
    }

    void async_hash(
        lt::storage_index_t storage, lt::piece_index_t piece, lt::span<lt::sha256_hash> v2, lt::disk_job_flags_t flags,
        std::function<void(lt::piece_index_t, lt::sha1_hash const &, lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_hash(*s.inner, piece, v2, flags, std::move(handler));
        const std::int64_t offset = static_cast<std::int64_t>(static_cast<int>(piece)) * s.pieceLength;
        const std::int64_t length = std::min<std::int64_t>(s.pieceLength, s.size - offset);
        if (!s.range(offset, length) || length <= 0) {
            return post([h = std::move(handler), piece]() mutable {
                h(piece, lt::sha1_hash(), outOfRange(lt::operation_t::file_read));
            });
        }
        // Hashing 16 KiB blocks is the costly part of a download: off the
        // network thread, as libtorrent's own disk I/O does.
        boost::asio::post(
            m_hashers, [this, memory = s.memory, offset, length, v2, flags, piece, h = std::move(handler)]() mutable {
                const char *data = memory->data() + offset;
                lt::sha1_hash v1;
                if (flags & lt::disk_interface::v1_hash)
                    v1 = lt::hasher(data, static_cast<int>(length)).final();
                for (std::int64_t i = 0; i < static_cast<std::int64_t>(v2.size()); ++i) {
                    const std::int64_t at = i * kBlockSize;
                    const std::int64_t n = std::min<std::int64_t>(kBlockSize, length - at);
                    v2[static_cast<std::ptrdiff_t>(i)] =
                        n > 0 ? lt::hasher256(data + at, static_cast<int>(n)).final() : lt::sha256_hash();
                }
                post([h = std::move(h), piece, v1]() mutable { h(piece, v1, lt::storage_error()); });
            });
    }

    void async_hash2(
        lt::storage_index_t storage, lt::piece_index_t piece, int offset, lt::disk_job_flags_t flags,
        std::function<void(lt::piece_index_t, lt::sha256_hash const &, lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_hash2(*s.inner, piece, offset, flags, std::move(handler));
        const std::int64_t at = static_cast<std::int64_t>(static_cast<int>(piece)) * s.pieceLength + offset;
        const std::int64_t length = std::min<std::int64_t>(kBlockSize, s.size - at);
        if (!s.range(at, length) || length <= 0) {
            return post([h = std::move(handler), piece]() mutable {
                h(piece, lt::sha256_hash(), outOfRange(lt::operation_t::file_read));
            });
        }
        const lt::sha256_hash hash = lt::hasher256(s.memory->data() + at, static_cast<int>(length)).final();
        post([h = std::move(handler), piece, hash]() mutable { h(piece, hash, lt::storage_error()); });
    }

    void async_move_storage(
        lt::storage_index_t storage, std::string p, lt::move_flags_t flags,
        std::function<void(lt::status_t, std::string const &, lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_move_storage(*s.inner, std::move(p), flags, std::move(handler));
        post([h = std::move(handler), p = std::move(p)]() mutable {
            h(lt::status_t::no_error, p, lt::storage_error());
        });
    }

    void async_release_files(lt::storage_index_t storage, std::function<void()> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_release_files(*s.inner, std::move(handler));
        post(std::move(handler));
    }

    void async_check_files(lt::storage_index_t storage, lt::add_torrent_params const *resume_data,
                           lt::aux::vector<std::string, lt::file_index_t> links,
                           std::function<void(lt::status_t, lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_check_files(*s.inner, resume_data, std::move(links), std::move(handler));
        post([h = std::move(handler)]() mutable { h(lt::status_t::no_error, lt::storage_error()); });
    }

    void async_stop_torrent(lt::storage_index_t storage, std::function<void()> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_stop_torrent(*s.inner, std::move(handler));
        post(std::move(handler));
    }

    void async_rename_file(
        lt::storage_index_t storage, lt::file_index_t index, std::string name,
        std::function<void(std::string const &, lt::file_index_t, lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_rename_file(*s.inner, index, std::move(name), std::move(handler));
        post(
            [h = std::move(handler), name = std::move(name), index]() mutable { h(name, index, lt::storage_error()); });
    }

    void async_delete_files(lt::storage_index_t storage, lt::remove_flags_t options,
                            std::function<void(lt::storage_error const &)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_delete_files(*s.inner, options, std::move(handler));
        post([h = std::move(handler)]() mutable { h(lt::storage_error()); });
    }

    void async_set_file_priority(
        lt::storage_index_t storage, lt::aux::vector<lt::download_priority_t, lt::file_index_t> prio,
        std::function<void(lt::storage_error const &, lt::aux::vector<lt::download_priority_t, lt::file_index_t>)>
            handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_set_file_priority(*s.inner, std::move(prio), std::move(handler));
        post([h = std::move(handler), prio = std::move(prio)]() mutable { h(lt::storage_error(), std::move(prio)); });
    }

    void async_clear_piece(lt::storage_index_t storage, lt::piece_index_t index,
                           std::function<void(lt::piece_index_t)> handler) override
    {
        Storage &s = at(storage);
        if (s.inner)
            return m_inner->async_clear_piece(*s.inner, index, std::move(handler));
        post([h = std::move(handler), index]() mutable { h(index); });
    }

    void update_stats_counters(lt::counters &c) const override { m_inner->update_stats_counters(c); }

    std::vector<lt::open_file_state> get_status(lt::storage_index_t storage) const override
    {
        const auto it = m_storages.find(static_cast<std::uint32_t>(storage));
        if (it == m_storages.end() || !it->second.inner)
            return {};
        return m_inner->get_status(*it->second.inner);
    }

    void abort(bool wait) override
    {
        m_hashers.join();
        m_inner->abort(wait);
    }

    void submit_jobs() override { m_inner->submit_jobs(); }
    void settings_updated() override { m_inner->settings_updated(); }

    void free_disk_buffer(char *buf) override { std::free(buf); }

private:
    template <typename F>
    void post(F &&f)
    {
        boost::asio::post(m_ioc, std::forward<F>(f));
    }

    Storage &at(lt::storage_index_t index) { return m_storages.at(static_cast<std::uint32_t>(index)); }

    lt::storage_index_t nextIndex()
    {
        if (!m_free.empty()) {
            const std::uint32_t i = m_free.back();
            m_free.pop_back();
            return lt::storage_index_t(i);
        }
        return lt::storage_index_t(m_next++);
    }

    lt::io_context &m_ioc;
    std::shared_ptr<MemoryShards> m_shards;
    std::shared_ptr<PayloadCounters> m_counters;
    std::unique_ptr<lt::disk_interface> m_inner;
    // Touched on libtorrent's network thread only.
    std::unordered_map<std::uint32_t, Storage> m_storages;
    std::vector<std::uint32_t> m_free;
    std::uint32_t m_next = 0;
    boost::asio::thread_pool m_hashers{2};
};

} // namespace

void MemoryShards::add(const lt::sha256_hash &key, std::shared_ptr<MemoryShard> shard)
{
    std::lock_guard lock(m_mutex);
    m_shards[key] = std::move(shard);
}

void MemoryShards::remove(const lt::sha256_hash &key)
{
    std::lock_guard lock(m_mutex);
    m_shards.erase(key);
}

std::shared_ptr<MemoryShard> MemoryShards::find(const lt::sha256_hash &key) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_shards.find(key);
    return it == m_shards.end() ? nullptr : it->second;
}

std::string memoryPathFor(const lt::sha256_hash &key)
{
    static const char digits[] = "0123456789abcdef";
    std::string path = std::string("/") + kMemoryPrefix; // absolute: libtorrent leaves it as it is
    for (int i = 0; i < 32; ++i) {
        const auto byte = static_cast<unsigned char>(key[i]);
        path += digits[byte >> 4];
        path += digits[byte & 15];
    }
    return path;
}

lt::disk_io_constructor_type memoryDiskIoConstructor(std::shared_ptr<MemoryShards> shards,
                                                     std::shared_ptr<PayloadCounters> counters,
                                                     lt::disk_io_constructor_type inner)
{
    return [shards = std::move(shards), counters = std::move(counters),
            inner = std::move(inner)](lt::io_context &ioc, lt::settings_interface const &settings,
                                      lt::counters &ltCounters) -> std::unique_ptr<lt::disk_interface> {
        return std::make_unique<MemoryDiskIo>(ioc, shards, counters, inner(ioc, settings, ltCounters));
    };
}

} // namespace stratus::swarm
