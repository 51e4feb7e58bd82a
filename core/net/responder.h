#pragma once

#include "common/result.h"

#include <QCborMap>
#include <QString>

#include <functional>
#include <memory>

namespace stratus::net {

class ServerConnection;
struct ResponderState;

// Answers one request, exactly once, now or later, from any thread. Copies
// share the answer: the first ok()/error() wins, later calls return false.
// A request whose last Responder copy is dropped unanswered gets an
// "internal" error reply. Answers to a peer that has gone are dropped.
class Responder {
public:
    Responder() = default;

    bool ok(const QCborMap &body = {}) const;
    // Answers with the body {key: `length` bytes}, which `fill` writes
    // straight into the reply (a file read, say), not through a QCborMap.
    // If fill fails, nothing is sent and its error is returned: answer with
    // error() then.
    Status okWithBytes(const QString &key, qsizetype length, const std::function<Status(char *into)> &fill) const;
    bool error(const QString &code, const QString &message) const;
    bool isAnswered() const;
    quint64 requestId() const;

private:
    friend class ServerConnection;
    explicit Responder(std::shared_ptr<ResponderState> state) : m_state(std::move(state)) {}

    std::shared_ptr<ResponderState> m_state;
};

} // namespace stratus::net
