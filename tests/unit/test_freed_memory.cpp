// common/freed_memory: large blocks come from the heap (kept for reuse, no
// fresh mapping per transfer buffer) once keepFreedMemory() ran, and
// returnFreedMemory() hands a freed block back.

#include "common/freed_memory.h"

#include <QTest>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kOwnAllocator = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kOwnAllocator = true;
#else
constexpr bool kOwnAllocator = false;
#endif
#else
constexpr bool kOwnAllocator = false;
#endif

constexpr std::size_t kBlock = 16u << 20; // a shard of a full segment

// Keeps the compiler from pairing malloc with free and dropping both.
void *volatile g_sink = nullptr;

} // namespace

class TestFreedMemory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void largeBlocksComeFromTheHeapAndGoBack()
    {
#if !defined(__GLIBC__)
        QSKIP("only the GNU C library has these controls");
#else
        if (kOwnAllocator)
            QSKIP("a sanitizer's allocator replaces malloc");
        stratus::keepFreedMemory();
        const std::size_t mappedBefore = mallinfo2().hblkhd;
        void *block = std::malloc(kBlock);
        QVERIFY(block);
        std::memset(block, 1, kBlock);
        g_sink = block;
        // Not a mapping of its own (glibc's default maps blocks this size).
        QVERIFY2(mallinfo2().hblkhd < mappedBefore + kBlock, "a 16 MiB block was mapped afresh");
        std::free(g_sink);
        g_sink = nullptr;
        // Kept after free()...
        QVERIFY2(mallinfo2().fordblks >= kBlock, "the freed block went back to the kernel at once");
        // ...until handed back.
        stratus::returnFreedMemory();
        QVERIFY2(mallinfo2().fordblks < kBlock, "malloc_trim kept the freed block");
#endif
    }
};

QTEST_APPLESS_MAIN(TestFreedMemory)
#include "test_freed_memory.moc"
