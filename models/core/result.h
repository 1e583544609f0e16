#pragma once

#include "dberror.h"

#include <optional>
#include <utility>

namespace Concord {

/// An expected value or the error that prevented it (after Qt Creator's Result<T>).
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(DbError error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    /// The value, or @p fallback after an error.
    T value_or(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    T &value() { return *m_value; }
    const T &operator*() const { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const DbError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    DbError m_error;
};

/// Success or an error, for operations that produce no value.
template<>
class Result<void>
{
public:
    Result() = default;
    Result(DbError error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    const DbError &error() const { return m_error; }

private:
    DbError m_error;
};

} // namespace Concord
