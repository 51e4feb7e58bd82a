// libFuzzer target for the earnings readers of untrusted bytes: statement
// files (the whole verification runs on whatever decodes), receipts,
// signed statements, credit grants, balance notes, a paper node's credit
// book and economics files. Whatever a strict decoder accepts must be its
// one canonical form; nothing may crash or hang.

#include "ledger/credits.h"
#include "ledger/economics.h"
#include "ledger/receipt.h"
#include "ledger/statement.h"
#include "ledger/statement_bundle.h"

#include <cstdint>
#include <cstdlib>

using namespace stratus;
using namespace stratus::ledger;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    if (auto bundle = StatementBundle::fromCbor(input); bundle.ok())
        (void)verifyBundle(bundle.value());
    if (auto receipt = decodeReceipt(input); receipt.ok()) {
        if (encodeReceipt(receipt.value()) != input)
            std::abort();
        (void)checkReceipt(receipt.value(), crypto::NodeId(), 0, qint64(1) << 50, Economics::defaults());
    }
    if (auto statement = decodeStatement(input); statement.ok() && encodeStatement(statement.value()) != input)
        std::abort();
    (void)SignedStatement::fromCbor(input);
    (void)SignedGrant::fromCbor(input, QByteArray(32, 'k'), QStringLiteral("fuzz"));
    (void)BalanceNote::verify(input);
    CreditBook book(QByteArray(32, 'k'), QStringLiteral("fuzz"), Economics::defaults());
    (void)book.load(input);
    (void)book.addGrant(input);
    (void)book.addContract(input);
    (void)book.addOrder(input);
    (void)Economics::parse(input);
    return 0;
}
