#pragma once

// PRIVATE to core/swarm: libtorrent disk I/O that keeps some shards in
// memory. Include it only from swarm/*.cpp.
//
// A client uploads shards it has just made and downloads shards it decodes
// at once: through files, every byte would be written to the page cache and
// read back (and, on a busy two-core machine, those copies are a good part
// of a transfer's cost). Torrents whose save path is memoryPathFor(hash)
// are served from, or written into, a MemoryShard registered under that
// hash; every other torrent goes to libtorrent's own disk I/O unchanged.

#include <libtorrent/disk_interface.hpp>
#include <libtorrent/io_context.hpp>
#include <libtorrent/session_params.hpp>
#include <libtorrent/sha1_hash.hpp>

#include <QByteArray>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace lt = libtorrent;

namespace stratus::swarm {

// One shard's bytes. A seed's are read only; a fetch's are written through
// `writable`, taken once when the buffer is made (so it is never detached
// while libtorrent writes into it).
struct MemoryShard {
    QByteArray bytes; // holds the shard at `offset` (a seed may share a larger buffer)
    qsizetype offset = 0;
    qsizetype size = 0;       // the shard's bytes
    char *writable = nullptr; // fetches only

    const char *data() const { return bytes.constData() + offset; }
    bool holds(qint64 shardSize) const
    {
        return size == shardSize && offset >= 0 && offset <= bytes.size() && size <= bytes.size() - offset;
    }
};

// The shards in memory, by v2 info-hash. Shared by the session (which adds
// and removes them) and the disk I/O (which looks them up when libtorrent
// opens a torrent's storage); thread-safe.
class MemoryShards {
public:
    void add(const lt::sha256_hash &key, std::shared_ptr<MemoryShard> shard);
    void remove(const lt::sha256_hash &key);
    std::shared_ptr<MemoryShard> find(const lt::sha256_hash &key) const;

private:
    mutable std::mutex m_mutex;
    std::map<lt::sha256_hash, std::shared_ptr<MemoryShard>> m_shards;
};

// Payload bytes this session's peers read (sent) and wrote (received),
// memory and file torrents alike; thread-safe.
struct PayloadCounters {
    std::atomic<qint64> sent{0};
    std::atomic<qint64> received{0};
};

// The save path that marks a torrent as kept in memory.
std::string memoryPathFor(const lt::sha256_hash &key);

// A disk_io_constructor for lt::session_params: memory for the torrents
// above, `inner` (posix or mmap) for the rest; every block read for a peer
// or written from one is counted in `counters`.
lt::disk_io_constructor_type memoryDiskIoConstructor(std::shared_ptr<MemoryShards> shards,
                                                     std::shared_ptr<PayloadCounters> counters,
                                                     lt::disk_io_constructor_type inner);

} // namespace stratus::swarm
