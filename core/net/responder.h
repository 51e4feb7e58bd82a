#pragma once

#include <QCborMap>
#include <QString>

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
    bool error(const QString &code, const QString &message) const;
    bool isAnswered() const;
    quint64 requestId() const;

private:
    friend class ServerConnection;
    explicit Responder(std::shared_ptr<ResponderState> state) : m_state(std::move(state)) {}

    std::shared_ptr<ResponderState> m_state;
};

} // namespace stratus::net
