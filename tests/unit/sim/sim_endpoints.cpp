#include "tests/unit/sim/sim_endpoints.h"

namespace ts::sim::test {

void append(engine::Actions& out, engine::Action action) { out.push_back(std::move(action)); }

}  // namespace ts::sim::test
