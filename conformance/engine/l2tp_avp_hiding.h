#pragma once
// L2tpAvpHiding: the AVPs a script sends hidden (RFC 2661 §4.3), written `hide=KEY[,KEY]` on
// a send (`> ICRQ assigned_session=$session hide=assigned_session`).
//
// take(keys, deliberate): records the keys (the value of `hide=`, split at the commas). A key whose AVP the RFC does not allow to be
// hidden (avp_table's may_hide: Message Type, Random Vector, ...) is an error unless written
// on purpose (`!hide=`), since a correct sender never hides it.
// apply(msg, secret, index, options, vector): sets H on the named AVPs of an assembled message and gives
// `options` a view of `secret` (which must outlive it) and a fresh Random Vector, which the
// encoder puts before the first hidden AVP (§4.3: "MUST precede"). Error: no secret (hiding
// needs the shared secret, so a script that hides says `requires tunnel-auth`) or a key the
// message does not carry.
// The vector is 16 octets from a generator seeded with `index` (the caller's count of hidden
// messages): unique per message of a run, reproducible in simulation (the RFC asks for a random vector to make the hiding unpredictable to an
// eavesdropper, not to the device).
#include <cstdint>
#include <string>
#include <vector>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/message.h"
#include "src/core/bytes.h"
#include "src/core/result.h"

namespace ts::conformance {

class L2tpAvpHiding {
 public:
  Result<bool> take(const std::vector<std::string>& keys, bool deliberate);
  bool any() const { return !hidden_.empty(); }
  // `vector` holds the Random Vector that `options` points to: keep it alive until encoded.
  Result<bool> apply(l2tp::Message& msg, const std::string& secret, std::uint64_t index, l2tp::EncodeOptions& options,
                     Bytes& vector);

 private:
  std::vector<const l2tp::AvpInfo*> hidden_;  // avp_table entries
};

}  // namespace ts::conformance
