#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace Concord {

/// An optional value kept on the heap: what std::optional<T> says, in the size of a
/// pointer. For a large T that is usually absent, in a type kept by the hundred thousand
/// (a batch's RowOutcome and its rarely present Conflict): the list of rows stays small
/// and cheap to create. Copies are deep, as an optional's are.
template<typename T>
class Boxed
{
public:
    Boxed() = default;
    Boxed(std::nullopt_t) { }
    Boxed(const T &value) : m_value(std::make_unique<T>(value)) { }
    Boxed(T &&value) : m_value(std::make_unique<T>(std::move(value))) { }
    Boxed(const Boxed &other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) { }
    Boxed(Boxed &&other) noexcept = default;
    Boxed &operator=(const Boxed &other)
    {
        if (this != &other)
            m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
        return *this;
    }
    Boxed &operator=(Boxed &&other) noexcept = default;
    Boxed &operator=(std::nullopt_t)
    {
        m_value.reset();
        return *this;
    }
    Boxed &operator=(const T &value) { return *this = Boxed(value); }
    Boxed &operator=(T &&value) { return *this = Boxed(std::move(value)); }

    bool has_value() const { return m_value != nullptr; }
    explicit operator bool() const { return has_value(); }
    void reset() { m_value.reset(); }

    /// Like std::optional, only when has_value().
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return m_value.get(); }
    const T *operator->() const { return m_value.get(); }
    const T &value() const { return *m_value; }

private:
    std::unique_ptr<T> m_value;
};

} // namespace Concord
