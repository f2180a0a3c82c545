#pragma once
// PptpPns: the PPTP Network Server (RFC 2637 §1.2): asks for outgoing calls
// (Outgoing-Call-Request), accepts or refuses incoming ones (Incoming-Call-Reply), clears
// calls with Call-Clear-Request (on "hangup" or when the call's SessionLink finishes) and
// sends Set-Link-Info with the link's ACCMs. A Microsoft-style VPN client is a PNS.
// Behaviour and commands: pptp_role.h.
#include "src/endpoints/pptp/pptp_role.h"

namespace ts::endpoints::pptp {

class PptpPns : public PptpRole {
 public:
  explicit PptpPns(PptpRoleConfig config) : PptpRole(Role::pns, std::move(config)) {}
};

}  // namespace ts::endpoints::pptp
