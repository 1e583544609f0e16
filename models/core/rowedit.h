#pragma once

#include <QString>
#include <QVariant>
#include <QVariantMap>

namespace Concord {

/// One pending write: an update, insert or delete of one row, with the version it
/// was made against. The unit of batch submit, whether it comes from a grid or a JSON file.
struct RowEdit
{
    enum class Op { Update, Insert, Delete };

    Op op = Op::Update;
    QString table;
    QVariant pk;          ///< null for an insert whose key the database assigns
    QVariant version;     ///< the version loaded (null: the row had none)
    QVariantMap changes;  ///< column -> new value (update, insert)
    QVariantMap base;     ///< column -> value when loaded; columns missing here are read in the transaction
    bool noCheck = false;      ///< save regardless of the version, still bumping it
    bool noIncrement = false;  ///< check, but leave the version as it is
    int tag = -1;              ///< caller's own reference (e.g. a model row id); carried into the outcome

    static QString opName(Op op);
};

} // namespace Concord
