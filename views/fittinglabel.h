#pragma once

#include <QLabel>
#include <QStringList>

namespace Concord {

/// A one-line label given the same words at several lengths, longest first: it shows the
/// longest that fits its width, so a label short of room says less rather than being cut
/// mid-word, and the longest is always its tooltip. It insists only on the room the
/// shortest needs, so a long text does not push its neighbours aside.
class FittingLabel : public QLabel
{
public:
    explicit FittingLabel(QWidget *parent = nullptr);

    /// @p texts: the same thing said at shorter and shorter lengths; the first is the whole.
    void setTexts(const QStringList &texts);
    QStringList texts() const { return m_texts; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();
    QSize sizeFor(const QString &text) const;

    QStringList m_texts;
};

} // namespace Concord
