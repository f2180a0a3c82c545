#include "src/endpoints/ppp/auth_output.h"

#include <utility>

#include "src/engine/random_source.h"

namespace ts::endpoints::ppp {

void add_packet(AuthOutput& out, std::uint16_t protocol, Bytes info) {
  out.packets.push_back(AuthPacket{protocol, std::move(info)});
}

void add_state_change(AuthOutput& out, std::string_view from, std::string_view to) {
  out.notes.push_back(engine::StateChange{"auth", std::string(from), std::string(to)});
}

void add_violation(AuthOutput& out, const DiagnosticDef& def, std::string detail) {
  out.notes.push_back(engine::Violation{&def, std::move(detail), false});
}

void append_output(AuthOutput& out, AuthOutput more) {
  for (auto& p : more.packets) out.packets.push_back(std::move(p));
  for (auto& n : more.notes) out.notes.push_back(std::move(n));
}

Bytes challenge_octets(engine::RandomSource& random, const Bytes& fixed, std::size_t size) {
  return fixed.empty() ? random.bytes(size) : fixed;
}

std::string text_of(ByteView b) { return std::string(b.begin(), b.end()); }

}  // namespace ts::endpoints::ppp
