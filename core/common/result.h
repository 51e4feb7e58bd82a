#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace stratus {

// An error a person can act on: what went wrong, in words, and where.
struct Error {
    QString message;
};

// A value or an Error. Used at every boundary instead of exceptions, so that
// nothing thrown ever crosses an event loop or a thread.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }
    const QString &message() const { return error().message; }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    const QString &message() const { return m_error->message; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(QString message) { return Error{std::move(message)}; }

} // namespace stratus
