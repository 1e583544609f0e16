#pragma once

#include <functional>

class QObject;
class QWidget;

/// Answers dialogs the way a person would: from inside their exec().
namespace ModalProbe {

/// Calls @p act with the next modal dialog once it is shown, polling every 10 ms while
/// @p owner lives. The key press or click that opens a dialog runs the dialog's own event
/// loop before returning, so the answer must be set up before it.
void whenShown(QObject *owner, const std::function<void(QWidget *)> &act);

} // namespace ModalProbe
