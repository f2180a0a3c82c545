#pragma once
// Internal helper for PAP, CHAP and EAP: the shared Code(1) Identifier(1) Length(2) header
// (RFC 1334 §2.2, RFC 1994 §4, RFC 3748 §4). Not part of the public API.
#include <cstdint>

#include <fmt/format.h>

#include "src/core/byte_reader.h"
#include "src/core/decoded.h"

namespace ts::ppp::detail {

struct HeaderBody {
  bool ok = false;     // header read and Length >= min_length
  bool whole = false;  // all Length octets are present (not cut by the capture)
  ByteView body;       // Length - 4 octets, or fewer when !whole
};

// Reads the header into pkt.code/identifier/length; reports `too_short` for Length below
// min_length and `padding` for octets beyond Length.
template <typename T>
HeaderBody read_header(ByteView info, Decoded<T>& out, std::uint16_t min_length, const DiagnosticDef& too_short,
                       const DiagnosticDef& padding) {
  HeaderBody hb;
  ByteReader r(info);
  out.value.code = r.u8("code");
  out.value.identifier = r.u8("identifier");
  out.value.length = r.be16("length");
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return hb;
  }
  if (out.value.length < min_length) {
    add_diag(out.diags, too_short, fmt::format("length={} minimum={}", out.value.length, min_length));
    return hb;
  }
  const std::size_t body_len = out.value.length - 4u;
  hb.whole = r.remaining() >= body_len;
  hb.body = r.take_up_to(body_len);
  if (!r.empty()) add_diag(out.diags, padding, fmt::format("{} octets", r.remaining()));
  hb.ok = true;
  return hb;
}

// After reading the body with `br`: a read past the body is a malformed `overrun` when the
// packet was whole, else truncation. A cut packet is incomplete even if fields fit.
template <typename T>
void finish_body(const ByteReader& br, const HeaderBody& hb, Decoded<T>& out, const DiagnosticDef& overrun) {
  if (!br.ok()) {
    if (hb.whole) {
      add_diag(out.diags, overrun, fmt::format("field {} runs past Length={}", br.truncation(), out.value.length));
    } else {
      out.complete = false;
      out.truncated_field = br.truncation();
    }
    return;
  }
  if (!hb.whole && out.complete) {
    out.complete = false;
    out.truncated_field = "data";
  }
}

}  // namespace ts::ppp::detail
