#include "src/observe/model.h"

namespace ts::observe {

std::string_view to_string(Protocol p) {
  switch (p) {
    case Protocol::pptp: return "pptp";
    case Protocol::l2tp: return "l2tp";
    case Protocol::ppp: return "ppp";
  }
  return "?";
}

std::string_view to_string(EventKind k) {
  switch (k) {
    case EventKind::message: return "message";
    case EventKind::state: return "state";
    case EventKind::info: return "info";
    case EventKind::diagnostic: return "diagnostic";
  }
  return "?";
}

}  // namespace ts::observe
