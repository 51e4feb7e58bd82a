#include "translog/proof_verify.h"

#include <bit>

using namespace Qt::StringLiterals;

namespace stratus::translog {

namespace {

// Both verification algorithms of RFC 9162 walk two positions, fn and sn,
// up the tree, one proof hash per step; a step where fn is a right child (or
// the last node of its level) shifts until fn is a right child again.
void climbPastLeftEdge(quint64 &fn, quint64 &sn)
{
    while (fn != 0 && (fn & 1) == 0) {
        fn >>= 1;
        sn >>= 1;
    }
}

// The number of steps until sn reaches 0, which is the number of proof
// hashes the walk consumes.
std::size_t stepsToRoot(quint64 fn, quint64 sn)
{
    std::size_t steps = 0;
    while (sn != 0) {
        ++steps;
        if ((fn & 1) != 0 || fn == sn) {
            if ((fn & 1) == 0)
                climbPastLeftEdge(fn, sn);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return steps;
}

QString hashCount(std::size_t n) { return n == 1 ? u"1 hash"_s : u"%1 hashes"_s.arg(n); }

} // namespace

std::size_t inclusionProofLength(quint64 index, quint64 treeSize)
{
    if (index >= treeSize)
        return 0;
    return stepsToRoot(index, treeSize - 1);
}

std::size_t consistencyProofLength(quint64 oldSize, quint64 newSize)
{
    if (oldSize == 0 || oldSize >= newSize)
        return 0;
    quint64 fn = oldSize - 1;
    quint64 sn = newSize - 1;
    while ((fn & 1) != 0) {
        fn >>= 1;
        sn >>= 1;
    }
    // The walk starts from the proof's first hash, which is left out when
    // the old tree is a complete subtree (the verifier uses the old root).
    const std::size_t walk = stepsToRoot(fn, sn);
    return std::has_single_bit(oldSize) ? walk : walk + 1;
}

Status verifyInclusion(const Hash &leaf, quint64 index, quint64 treeSize, const std::vector<Hash> &proof,
                       const Hash &root)
{
    if (treeSize == 0)
        return makeError(u"an empty log holds no entries, so it cannot include entry %1"_s.arg(index));
    if (index >= treeSize)
        return makeError(u"entry %1 is outside a log of %2 entries"_s.arg(index).arg(treeSize));
    const std::size_t expected = inclusionProofLength(index, treeSize);
    if (proof.size() != expected)
        return makeError(
            u"the inclusion proof of entry %1 in a log of %2 entries must hold %3, this one holds %4"_s.arg(index)
                .arg(treeSize)
                .arg(hashCount(expected), hashCount(proof.size())));
    quint64 fn = index;
    quint64 sn = treeSize - 1;
    Hash r = leaf;
    for (const Hash &p : proof) {
        if ((fn & 1) != 0 || fn == sn) {
            r = nodeHash(p, r);
            if ((fn & 1) == 0)
                climbPastLeftEdge(fn, sn);
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0 || r != root)
        return makeError(u"the inclusion proof does not lead to the root of the log of %1 entries: this entry is not "
                         u"entry %2 of that log, or the proof or the root is wrong"_s.arg(treeSize)
                             .arg(index));
    return {};
}

Status verifyConsistency(quint64 oldSize, quint64 newSize, const Hash &oldRoot, const Hash &newRoot,
                         const std::vector<Hash> &proof)
{
    if (oldSize > newSize)
        return makeError(
            u"a log of %1 entries cannot be a later state of a log of %2 entries: logs only grow"_s.arg(newSize).arg(
                oldSize));
    if (oldSize == 0 || oldSize == newSize) {
        if (!proof.empty())
            return makeError(
                u"the consistency proof from size %1 to size %2 must be empty, this one holds %3"_s.arg(oldSize)
                    .arg(newSize)
                    .arg(hashCount(proof.size())));
        if (oldSize == 0 && oldRoot != emptyTreeHash())
            return makeError(u"the root given for the empty log is not the hash of an empty tree"_s);
        if (oldSize == newSize && oldRoot != newRoot)
            return makeError(
                u"two different roots for the same log size %1: the log shows two different histories"_s.arg(oldSize));
        return {};
    }
    const std::size_t expected = consistencyProofLength(oldSize, newSize);
    if (proof.size() != expected)
        return makeError(u"the consistency proof from size %1 to size %2 must hold %3, this one holds %4"_s.arg(oldSize)
                             .arg(newSize)
                             .arg(hashCount(expected), hashCount(proof.size())));

    // When the old tree is a complete subtree, the proof leaves out its root
    // and the walk starts from oldRoot itself.
    std::size_t next = 0;
    const Hash start = std::has_single_bit(oldSize) ? oldRoot : proof[next++];
    quint64 fn = oldSize - 1;
    quint64 sn = newSize - 1;
    while ((fn & 1) != 0) {
        fn >>= 1;
        sn >>= 1;
    }
    Hash fr = start;
    Hash sr = start;
    for (; next < proof.size(); ++next) {
        const Hash &c = proof[next];
        if (sn == 0)
            break; // cannot happen after the length check; kept for safety
        if ((fn & 1) != 0 || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if ((fn & 1) == 0)
                climbPastLeftEdge(fn, sn);
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (next != proof.size() || sn != 0)
        return makeError(
            u"the consistency proof from size %1 to size %2 has the wrong shape"_s.arg(oldSize).arg(newSize));
    if (fr != oldRoot)
        return makeError(u"the consistency proof does not rebuild the root of the log at size %1: the log of %2 "
                         u"entries does not start with that log (entries were changed or removed), or the proof or "
                         u"the old root is wrong"_s.arg(oldSize)
                             .arg(newSize));
    if (sr != newRoot)
        return makeError(u"the consistency proof does not rebuild the root of the log at size %1: the log of %2 "
                         u"entries is not an extension of the log of %1 entries, or the proof or the new root is "
                         u"wrong"_s.arg(newSize)
                             .arg(oldSize));
    return {};
}

} // namespace stratus::translog
