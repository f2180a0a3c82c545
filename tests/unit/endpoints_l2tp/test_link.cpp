#include "tests/unit/endpoints_l2tp/test_link.h"

#include "dissectors/net/checksum.h"

namespace ts::test {

Bytes TestLink::frame(int n) const {
  // FF 03 0021 + IPv4 (20 octets, protocol 253 "experimental", 10.1.0.1 -> 10.1.0.2) + 4 octets.
  Bytes f{0xFF, 0x03, 0x00, 0x21, 0x45, 0x00, 0x00, 24, 0x00, static_cast<std::uint8_t>(n), 0x00, 0x00,
          64,   253,  0x00, 0x00, 10,   1,    0,    1,  10,   1,                           0,    2,
          'p',  'i',  'n',  static_cast<std::uint8_t>('0' + n % 10)};
  const std::uint16_t sum = ts::net::internet_checksum(ByteView(f).subspan(4, 20));
  f[14] = static_cast<std::uint8_t>(sum >> 8);
  f[15] = static_cast<std::uint8_t>(sum & 0xFF);
  return f;
}

engine::LinkOutput TestLink::up(Instant now) {
  rec_->was_up = true;
  accm_ = engine::LinkAccm{0, 0};
  if (plan_.count > 0) next_ = now + plan_.interval;
  return {};
}

engine::LinkOutput TestLink::on_deadline(Instant now) {
  engine::LinkOutput out;
  if (!next_ || now < *next_ || finished_) return out;
  out.frames.push_back(frame(rec_->sent++));
  next_ = rec_->sent < plan_.count ? std::optional<Instant>(now + plan_.interval) : std::nullopt;
  return out;
}

engine::LinkOutput TestLink::receive(Instant, ByteView f) {
  rec_->received.emplace_back(f.begin(), f.end());
  if (plan_.finish_after > 0 && static_cast<int>(rec_->received.size()) >= plan_.finish_after) finished_ = true;
  return {};
}

engine::LinkOutput TestLink::close(Instant, std::string_view) {
  finished_ = true;
  next_.reset();
  return {};
}

engine::LinkOutput TestLink::down(Instant) {
  rec_->was_down = true;
  finished_ = true;
  next_.reset();
  engine::LinkOutput out;
  out.notes.push_back(engine::StateChange{"link", "up", "down"});
  return out;
}

std::string TestLink::status() const {
  return rec_->label + " sent " + std::to_string(rec_->sent) + " received " + std::to_string(rec_->received.size());
}

}  // namespace ts::test
