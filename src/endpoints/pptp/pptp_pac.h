#pragma once
// PptpPac: the PPTP Access Concentrator (RFC 2637 §1.2): answers Outgoing-Call-Requests
// (places the call, replies Outgoing-Call-Reply), reports incoming calls
// (Incoming-Call-Request, then Incoming-Call-Connected), disconnects calls
// (Call-Disconnect-Notify) on a Call-Clear-Request, a "hangup" or when the call's
// SessionLink finishes, and reports WAN errors. Behaviour and commands: pptp_role.h.
#include "src/endpoints/pptp/pptp_role.h"

namespace ts::endpoints::pptp {

class PptpPac : public PptpRole {
 public:
  explicit PptpPac(PptpRoleConfig config) : PptpRole(Role::pac, std::move(config)) {}
};

}  // namespace ts::endpoints::pptp
