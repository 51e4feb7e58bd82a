// The paper node's transparency log at scale: append a million
// attestation-sized entries in batches, then time proofs, their
// verification, reopening and a full offline check of the log.
//
//   bench_translog [--entries N] [--batch B] [--entry-size S] [--proofs P]
//
// Prints human-readable lines, then one line of compact JSON.

#include "crypto/signing_key.h"
#include "translog/log_store.h"
#include "translog/log_verify.h"
#include "translog/proof_verify.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::translog;

namespace {

long statusKiB(const char *field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

double seconds(const QElapsedTimer &t) { return static_cast<double>(t.nsecsElapsed()) / 1e9; }

qint64 argument(const QStringList &args, const QString &name, qint64 fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args[at + 1].toLongLong() : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"stratus.translog.info=false"_s);
    const QStringList args = app.arguments();
    const qint64 total = argument(args, u"--entries"_s, 1'000'000);
    const qint64 batchSize = argument(args, u"--batch"_s, 1000);
    const qint64 entrySize = argument(args, u"--entry-size"_s, 250);
    const qint64 proofs = argument(args, u"--proofs"_s, 10'000);

    QTemporaryDir tmp;
    const QString dir = tmp.filePath(u"log"_s);
    const crypto::SigningKey key = crypto::SigningKey::generate();
    QRandomGenerator rng(2024);
    QJsonObject result;
    result[u"entries"_s] = total;
    result[u"batch"_s] = batchSize;
    result[u"entry_bytes"_s] = entrySize;

    // Append.
    auto opened = LogStore::open(dir, key);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.message()));
        return 1;
    }
    std::unique_ptr<LogStore> store = std::move(opened).value();
    std::vector<QByteArray> batch;
    double appendSeconds = 0;
    for (qint64 done = 0; done < total; done += batchSize) {
        batch.clear();
        for (qint64 i = 0; i < std::min(batchSize, total - done); ++i) {
            QByteArray e(entrySize, Qt::Uninitialized);
            rng.fillRange(reinterpret_cast<quint32 *>(e.data()), e.size() / 4);
            batch.push_back(std::move(e));
        }
        QElapsedTimer t;
        t.start();
        auto head = store->append(batch);
        appendSeconds += seconds(t);
        if (!head) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(head.message()));
            return 1;
        }
    }
    const quint64 n = store->size();
    const double perSecond = static_cast<double>(n) / appendSeconds;
    const double fileMiB = static_cast<double>(QFileInfo(dir + u"/entries.dat"_s).size()) / (1024.0 * 1024.0);
    std::printf("appended %llu entries of %lld bytes in batches of %lld: %.2f s, %.0f entries/s (%.0f MiB on disk)\n",
                static_cast<unsigned long long>(n), static_cast<long long>(entrySize),
                static_cast<long long>(batchSize), appendSeconds, perSecond, fileMiB);
    result[u"append_seconds"_s] = appendSeconds;
    result[u"append_entries_per_second"_s] = perSecond;
    result[u"entries_file_mib"_s] = fileMiB;

    // Inclusion proofs at the full size.
    const SignedTreeHead head = store->head();
    std::vector<quint64> indices(static_cast<std::size_t>(proofs));
    for (auto &i : indices)
        i = rng.bounded(static_cast<quint64>(n));
    std::vector<std::vector<Hash>> made;
    made.reserve(indices.size());
    QElapsedTimer t;
    t.start();
    for (quint64 i : indices)
        made.push_back(store->inclusionProof(i, n).value());
    const double inclusionMakeUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    std::size_t shortest = SIZE_MAX, longest = 0, sum = 0;
    for (const auto &p : made) {
        shortest = std::min(shortest, p.size());
        longest = std::max(longest, p.size());
        sum += p.size();
    }
    t.restart();
    qint64 failures = 0;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (!verifyInclusion(store->tree().leaf(indices[k]), indices[k], n, made[k], head.head.rootHash))
            ++failures;
    }
    const double inclusionVerifyUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    std::printf("inclusion proofs at size %llu: %.2f us to make, %.2f us to verify, %zu..%zu hashes (mean %.1f), "
                "%lld failed\n",
                static_cast<unsigned long long>(n), inclusionMakeUs, inclusionVerifyUs, shortest, longest,
                static_cast<double>(sum) / static_cast<double>(proofs), static_cast<long long>(failures));
    result[u"inclusion_make_us"_s] = inclusionMakeUs;
    result[u"inclusion_verify_us"_s] = inclusionVerifyUs;
    result[u"inclusion_hashes_max"_s] = static_cast<qint64>(longest);
    result[u"inclusion_failures"_s] = failures;

    // Consistency proofs from random earlier sizes to the full size.
    std::vector<quint64> olds(static_cast<std::size_t>(proofs));
    for (auto &m : olds)
        m = 1 + rng.bounded(static_cast<quint64>(n - 1));
    std::vector<Hash> oldRoots;
    t.restart();
    for (quint64 m : olds)
        oldRoots.push_back(store->root(m).value());
    const double rootUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    made.clear();
    t.restart();
    for (quint64 m : olds)
        made.push_back(store->consistencyProof(m, n).value());
    const double consistencyMakeUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    shortest = SIZE_MAX, longest = 0, sum = 0;
    for (const auto &p : made) {
        shortest = std::min(shortest, p.size());
        longest = std::max(longest, p.size());
        sum += p.size();
    }
    t.restart();
    for (std::size_t k = 0; k < olds.size(); ++k) {
        if (!verifyConsistency(olds[k], n, oldRoots[k], head.head.rootHash, made[k]))
            ++failures;
    }
    const double consistencyVerifyUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    std::printf("consistency proofs to size %llu: %.2f us to make, %.2f us to verify, %zu..%zu hashes (mean %.1f), "
                "%lld failed; root of an earlier size: %.2f us\n",
                static_cast<unsigned long long>(n), consistencyMakeUs, consistencyVerifyUs, shortest, longest,
                static_cast<double>(sum) / static_cast<double>(proofs), static_cast<long long>(failures), rootUs);
    result[u"consistency_make_us"_s] = consistencyMakeUs;
    result[u"consistency_verify_us"_s] = consistencyVerifyUs;
    result[u"consistency_hashes_max"_s] = static_cast<qint64>(longest);
    result[u"root_us"_s] = rootUs;
    result[u"proof_failures"_s] = failures;

    // Random reads.
    t.restart();
    for (quint64 i : indices) {
        if (!store->entry(i))
            ++failures;
    }
    const double readUs = seconds(t) * 1e6 / static_cast<double>(proofs);
    std::printf("random entry reads: %.2f us each\n", readUs);
    result[u"entry_read_us"_s] = readUs;

    const long peakAppendMiB = statusKiB("VmHWM:") / 1024;
    const long rssMiB = statusKiB("VmRSS:") / 1024;
    std::printf("memory with the log open: RSS %ld MiB, peak %ld MiB\n", rssMiB, peakAppendMiB);
    result[u"rss_mib"_s] = static_cast<qint64>(rssMiB);

    // Reopen (reads and hashes every entry, rebuilds the tree).
    made.clear();
    made.shrink_to_fit();
    store.reset();
    t.restart();
    opened = LogStore::open(dir, key);
    const double reopenSeconds = seconds(t);
    if (!opened || opened.value()->size() != n || !(opened.value()->head() == head)) {
        std::fprintf(stderr, "reopen failed: %s\n", opened ? "wrong contents" : qPrintable(opened.message()));
        return 1;
    }
    opened.value().reset();
    std::printf("reopen of %llu entries: %.2f s\n", static_cast<unsigned long long>(n), reopenSeconds);
    result[u"reopen_seconds"_s] = reopenSeconds;

    // A full offline check, as `stratus log verify` would run it.
    t.restart();
    auto check = verifyLogDirectory(dir, {});
    const double verifySeconds = seconds(t);
    if (!check || !check->ok || check->entries != n) {
        std::fprintf(stderr, "verify failed\n");
        return 1;
    }
    std::printf("verifyLogDirectory of %llu entries: %.2f s\n", static_cast<unsigned long long>(n), verifySeconds);
    result[u"verify_seconds"_s] = verifySeconds;

    const long peakMiB = statusKiB("VmHWM:") / 1024;
    std::printf("peak RSS: %ld MiB\n", peakMiB);
    result[u"peak_rss_mib"_s] = static_cast<qint64>(peakMiB);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return failures == 0 ? 0 : 1;
}
