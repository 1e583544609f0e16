#pragma once

#include "actionrunner.h"
#include "result.h"
#include "rowedit.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace Concord {
class BatchSubmitter;
class VersionedWriter;
}

/// Turns concord-cli's text input (a key, a version, --set COL=VALUE, --rows PK:V, a JSON
/// file of edits) into typed edits, checking every table, column and value against the
/// database's schema first. Everything it returns is safe to submit; anything wrong is a
/// BadInput error naming the edit, so a bad tenth edit stops the batch before any write.
class EditParser
{
    Q_DECLARE_TR_FUNCTIONS(EditParser)

public:
    explicit EditParser(Concord::BatchSubmitter &submitter);

    /// The writer (schema and version policy) of @p table; an unknown table is BadInput.
    Concord::Result<Concord::VersionedWriter *> table(const QString &name);

    /// @p text as a value of @p writer's primary key.
    static Concord::Result<QVariant> key(const Concord::VersionedWriter &writer, const QString &text);
    /// A version given on the command line: a whole number, nothing else.
    static Concord::Result<QVariant> version(const QString &text);
    /// COL=VALUE assignments, each column known and each value of its column's type.
    static Concord::Result<QVariantMap> assignments(const Concord::VersionedWriter &writer,
                                                    const QStringList &sets);
    /// A PK:V[,PK:V…] selection for an action.
    static Concord::Result<QList<Concord::RowRef>> rowRefs(const Concord::VersionedWriter &writer,
                                                           const QString &text);

    /// A JSON array of edits for apply, every entry checked before any is returned.
    Concord::Result<QList<Concord::RowEdit>> batch(const QByteArray &json);

private:
    Concord::Result<Concord::RowEdit> edit(const QJsonObject &object);
    static Concord::Result<void> insertEdit(const Concord::VersionedWriter &writer, const QJsonObject &object,
                                            Concord::RowEdit &edit);
    static Concord::Result<void> rowEdit(const Concord::VersionedWriter &writer, const QJsonObject &object,
                                         const QString &op, Concord::RowEdit &edit);
    static Concord::Result<QVariantMap> values(const Concord::VersionedWriter &writer, const QJsonValue &json,
                                               const QString &key);

    Concord::BatchSubmitter &m_submitter;
};
