#include "conformance/engine/l2tp_data_message.h"

#include <optional>

#include "conformance/engine/ppp_wire_message.h"

namespace ts::conformance {

namespace {

// An empty LCP Configure-Request, Identifier 5 (RFC 1661 §5.1): every option at its default,
// so any PPP peer acknowledges it; the answer shows that the data message was delivered.
constexpr const char* kDefaultPayload = "ff03c02101050004";

}  // namespace

Result<Bytes> L2tpDataSender::build(const std::vector<ResolvedField>& fields, std::uint16_t tunnel,
                                    std::uint16_t session) {
  l2tp::Message m;
  m.header.type_control = false;
  m.header.length_present = true;
  m.header.tunnel_id = tunnel;
  m.header.session_id = session;
  Bytes payload = from_hex(kDefaultPayload);
  std::optional<std::uint16_t> ns, nr;
  bool sequenced = false;
  for (const auto& f : fields) {
    if (f.key == "tunnel_id" || f.key == "session_id" || f.key == "ns" || f.key == "nr") {
      const auto v = field_number(f, 0xffff);
      if (!v.ok()) return Error{v.error()};
      const auto n = static_cast<std::uint16_t>(v.value());
      if (f.key == "tunnel_id") m.header.tunnel_id = n;
      else if (f.key == "session_id") m.header.session_id = n;
      else (f.key == "ns" ? ns : nr) = n;
    } else if (f.key == "sequenced") {
      if (f.value != "yes" && f.value != "no") return Error{"sequenced is yes or no, not '" + f.value + "'"};
      sequenced = f.value == "yes";
    } else if (f.key == "payload") {
      payload = from_hex(f.value);
      if (payload.empty() && !f.value.empty()) return Error{"bad hex '" + f.value + "' for payload"};
    } else {
      return Error{"DATA has no field '" + f.key + "'"};
    }
  }
  if (ns || sequenced) {
    m.header.sequence_present = true;
    m.header.ns = ns.value_or(next_ns_);
    m.header.nr = nr.value_or(0);  // §3.1: reserved in data messages
    next_ns_ = static_cast<std::uint16_t>(m.header.ns + 1);
  } else if (nr) {
    return Error{"nr needs S=1: give ns= or sequenced=yes"};
  }
  m.payload = payload;
  return l2tp::encode(m);
}

void add_data_fields(const l2tp::Message& msg, WireMessage& w) {
  w.fields.emplace_back("sequenced", msg.header.sequence_present ? "yes" : "no");
  // Address and Control may be present or compressed away; ppp_wire_message reads either.
  if (auto p = ppp_wire_message(msg.payload, ts::ppp::ChapAlgorithm::unknown)) {
    w.fields.emplace_back("ppp", p->name);
    if (auto id = p->get("id")) w.fields.emplace_back("ppp_id", std::string(*id));
  }
  w.fields.emplace_back("payload", to_hex(msg.payload));  // last: verdicts show the short fields first
}

}  // namespace ts::conformance
