#include "src/engine/endpoint.h"

namespace ts::engine {

void append_action(Actions& out, Action action) { out.push_back(std::move(action)); }

}  // namespace ts::engine
