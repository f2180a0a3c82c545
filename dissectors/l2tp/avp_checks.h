#pragma once
// Per-AVP checks against the RFC 2661 §4.4 table (internal to the L2TP codec, used by
// decode()): M and H rules, value lengths and the value rules each clause states.
#include "dissectors/l2tp/avp.h"
#include "src/core/diagnostic.h"

namespace ts::l2tp {

// Appends diagnostics for one decoded AVP. Value checks run only when the value is
// cleartext (not hidden, or unhidden).
void check_avp(const Avp& avp, Diagnostics& diags);

}  // namespace ts::l2tp
