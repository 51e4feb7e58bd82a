#pragma once

#include "common/result.h"
#include "db/statement.h"

// Small helpers for the node database's statements.
namespace stratus::node::sql {

// Runs a statement that returns no row.
inline Status run(db::Statement &stmt)
{
    Result<bool> row = stmt.step();
    if (!row)
        return row.error();
    return {};
}

// Binds each argument in order, from parameter 1.
template <typename... Args>
Status bindAll(db::Statement &stmt, const Args &...args)
{
    int index = 0;
    Status result;
    auto one = [&](const auto &value) {
        if (result.ok())
            result = stmt.bind(++index, value);
    };
    (one(args), ...);
    return result;
}

} // namespace stratus::node::sql
