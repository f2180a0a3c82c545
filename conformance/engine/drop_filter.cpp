#include "conformance/engine/drop_filter.h"

namespace ts::conformance {

void DropFilter::drop_next(std::size_t count, const std::string& kind) {
  if (count > 0) rules_.push_back(Rule{count, kind});
}

engine::Actions DropFilter::handle(Instant now, const engine::Input& input) {
  if (const auto* rx = std::get_if<engine::Received>(&input); rx && !rules_.empty()) {
    // Rules apply in the order given, like the simulator's: the first one still counting.
    Rule& r = rules_.front();
    if (inner_.droppable(rx->channel) && inner_.packet_is(rx->data, r.kind)) {
      ++dropped_;
      inner_.record_lost(now, rx->data);
      if (--r.count == 0) rules_.pop_front();
      return {};
    }
  }
  return inner_.handle(now, input);
}

}  // namespace ts::conformance
