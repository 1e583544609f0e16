#include "rowedit.h"

namespace Concord {

QString RowEdit::opName(Op op)
{
    switch (op) {
    case Op::Update: return QStringLiteral("update");
    case Op::Insert: return QStringLiteral("insert");
    case Op::Delete: return QStringLiteral("delete");
    }
    return QString();
}

} // namespace Concord
