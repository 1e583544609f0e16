#include "modelprobe.h"

#include <QAbstractItemModel>

namespace ModelProbe {

int column(const QAbstractItemModel *model, const char *header)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString().compare(QLatin1String(header), Qt::CaseInsensitive) == 0)
            return c;
    }
    return -1;
}

} // namespace ModelProbe
