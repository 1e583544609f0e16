#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QWidget>

/// Counts the paint events a widget receives; a paint is complete once processEvents()
/// has returned after the count moved.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget *widget) { widget->installEventFilter(this); }
    int count() const { return m_count; }

    /// Handles events until a paint beyond @p seen has been done; false after @p timeoutMs.
    bool waitBeyond(int seen, int timeoutMs = 10000) const
    {
        QElapsedTimer timer;
        timer.start();
        while (m_count <= seen && timer.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return m_count > seen;
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_count;
        return false;
    }

private:
    int m_count = 0;
};
