#include "tests/unit/endpoints_pptp/test_link.h"

#include "dissectors/pptp/message.h"
#include "src/endpoints/pptp/pptp_role.h"

namespace ts::endpoints::pptp::test {

Bytes numbered_frame(int n) {
  Bytes f{0x00,
          0x21,
          static_cast<std::uint8_t>(n >> 24),
          static_cast<std::uint8_t>(n >> 16),
          static_cast<std::uint8_t>(n >> 8),
          static_cast<std::uint8_t>(n)};
  f.resize(26, 0xAB);
  return f;
}

TestLink::TestLink(LinkSpec spec, std::shared_ptr<LinkRecord> record)
    : spec_(spec), record_(std::move(record)) {}

engine::LinkOutput TestLink::up(Instant now) {
  record_->up = true;
  if (spec_.frames > 0)
    next_ = now + spec_.interval;
  else if (spec_.finish_after)
    next_ = now + spec_.linger;
  return {};
}

engine::LinkOutput TestLink::receive(Instant, ByteView frame) {
  if (frame.size() >= 6)
    record_->received.push_back((frame[2] << 24) | (frame[3] << 16) | (frame[4] << 8) | frame[5]);
  return {};
}

engine::LinkOutput TestLink::close(Instant, std::string_view) {
  finished_ = true;
  next_.reset();
  return {};
}

engine::LinkOutput TestLink::down(Instant) {
  record_->down = true;
  next_.reset();
  engine::LinkOutput out;
  out.notes.push_back(engine::StateChange{"link", "up", "down"});
  return out;
}

engine::LinkOutput TestLink::on_deadline(Instant now) {
  engine::LinkOutput out;
  if (record_->sent < spec_.frames) {
    out.frames.push_back(numbered_frame(record_->sent++));
    next_ = record_->sent < spec_.frames ? std::optional<Instant>(now + spec_.interval)
            : spec_.finish_after         ? std::optional<Instant>(now + spec_.linger)
                                         : std::nullopt;
    return out;
  }
  if (spec_.finish_after) finished_ = true;
  next_.reset();
  return out;
}

std::optional<engine::LinkAccm> TestLink::accm() const {
  if (!spec_.report_accm || !record_->up) return std::nullopt;
  return engine::LinkAccm{0x00000000, 0x000A0000};
}

engine::SessionLinkFactory link_factory(LinkSpec spec, std::shared_ptr<LinkRecords> records) {
  return [spec, records](const engine::SessionLinkContext& context) {
    auto record = std::make_shared<LinkRecord>();
    record->label = context.label;
    records->push_back(record);
    return std::make_unique<TestLink>(spec, record);
  };
}

engine::Actions Muteable::handle(Instant now, const engine::Input& in) {
  if (const auto* c = std::get_if<engine::Command>(&in); c && c->name == "mute") muted_ = true;
  if (muted_) return {};
  return inner_->handle(now, in);
}

engine::Actions Muteable::on_deadline(Instant now) {
  auto out = inner_->on_deadline(now);
  if (muted_) return {};
  return out;
}

std::optional<Instant> Muteable::next_deadline() const { return inner_->next_deadline(); }

engine::Actions RawPeer::handle(Instant, const engine::Input& in) {
  engine::Actions out;
  if (const auto* c = std::get_if<engine::Closed>(&in)) closed.push_back(c->reason);
  const auto* r = std::get_if<engine::Received>(&in);
  if (!r) return out;
  buffer_.insert(buffer_.end(), r->data.begin(), r->data.end());
  for (;;) {
    const auto length = ts::pptp::stream_message_length(buffer_);
    if (!length || *length < ts::pptp::kHeaderSize || buffer_.size() < *length) break;
    const Bytes one(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(*length));
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(*length));
    const std::uint16_t type = static_cast<std::uint16_t>((one[8] << 8) | one[9]);
    received.push_back(type);
    for (auto& bytes : respond_(type, one)) append_action(out, engine::Send{r->channel, bytes});
  }
  return out;
}

}  // namespace ts::endpoints::pptp::test
