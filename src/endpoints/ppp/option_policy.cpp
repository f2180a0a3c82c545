#include "src/endpoints/ppp/option_policy.h"

namespace ts::endpoints::ppp {

namespace {
void append_note(engine::Actions& out, engine::Violation v) { out.push_back(std::move(v)); }
}  // namespace

OwnedOption owned(const ts::ppp::ConfigOption& o) {
  return OwnedOption{o.type, Bytes(o.data.begin(), o.data.end())};
}

OwnedOption option_u16(std::uint8_t type, std::uint16_t value) {
  return OwnedOption{
      type, Bytes{static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)}};
}

OwnedOption option_u32(std::uint8_t type, std::uint32_t value) {
  return OwnedOption{
      type, Bytes{static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
                  static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)}};
}

std::uint32_t read_be32(ByteView d) {
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         d[3];
}

std::uint16_t read_be16(ByteView d) { return static_cast<std::uint16_t>((d[0] << 8) | d[1]); }

void JudgementBuilder::note(const DiagnosticDef& def, std::string detail) {
  append_note(notes_, engine::Violation{&def, std::move(detail), false});
}

Judgement JudgementBuilder::finish() {
  Judgement j;
  j.notes = std::move(notes_);
  // RFC 1661 §5.3/§5.4: unrecognisable or non-negotiable options are Rejected first; only
  // a request whose options are all recognisable is answered with a Nak.
  if (!rejects_.empty()) {
    j.verdict = Verdict::reject;
    j.options = std::move(rejects_);
  } else if (!naks_.empty()) {
    j.verdict = Verdict::nak;
    j.options = std::move(naks_);
  }
  return j;
}

}  // namespace ts::endpoints::ppp
