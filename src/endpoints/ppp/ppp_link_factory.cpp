#include "src/endpoints/ppp/ppp_link_factory.h"

#include <memory>

#include "src/endpoints/ppp/ppp_peer.h"

namespace ts::endpoints::ppp {

engine::SessionLinkFactory make_ppp_link_factory(PppConfig config) {
  return
      [config](const engine::SessionLinkContext& context) -> std::unique_ptr<engine::SessionLink> {
        PppConfig mine = config;
        // Seed 0 from a tunnel means "none derived": keep the configured seed.
        if (context.seed != 0) mine.seed = context.seed;
        return std::make_unique<PppPeer>(std::move(mine));
      };
}

}  // namespace ts::endpoints::ppp
