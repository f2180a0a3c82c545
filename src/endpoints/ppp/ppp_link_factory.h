#pragma once
// make_ppp_link_factory: the SessionLinkFactory the tunnel roles (PPTP PAC/PNS, L2TP
// LAC/LNS) use to create one reference PPP peer per call or session (session_link.h).
// Each link gets a copy of `config` with its seed taken from the SessionLinkContext (so
// every call has its own reproducible random stream); a config.ipcp_settings.pool is
// shared by all links of the factory, so concurrent calls get distinct addresses.
#include "src/endpoints/ppp/ppp_config.h"
#include "src/engine/session_link.h"

namespace ts::endpoints::ppp {

engine::SessionLinkFactory make_ppp_link_factory(PppConfig config);

}  // namespace ts::endpoints::ppp
