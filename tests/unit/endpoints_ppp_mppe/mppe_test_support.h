#pragma once
// Shared helpers for the MPPE data engine tests: the RFC 2759 §9.2 / RFC 3079 §3.5
// credentials, a server and a client codec built from them, and deterministic packets.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "src/core/bytes.h"
#include "src/endpoints/ppp/mppe_codec.h"
#include "src/engine/random_source.h"

namespace ts::endpoints::ppp::test {

inline const Bytes& rfc_nt_response() {
  // RFC 2759 §9.2 NT-Response, the input of every RFC 3079 §3.5 sample.
  static const Bytes kNt =
      from_hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
  return kNt;
}

struct CodecPair {
  MppeCodec server;
  MppeCodec client;
};

inline CodecPair make_pair(MppeSettings s) {
  auto server = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), true, s);
  auto client = MppeCodec::from_mschap_v2("clientPass", rfc_nt_response(), false, s);
  REQUIRE(server);
  REQUIRE(client);
  return CodecPair{std::move(*server), std::move(*client)};
}

// An IPv4 packet's worth: Protocol 0x0021, then `size` pseudo-random octets.
inline Bytes make_packet(engine::RandomSource& rng, std::size_t size) {
  Bytes p{0x00, 0x21};
  const Bytes body = rng.bytes(size);
  p.insert(p.end(), body.begin(), body.end());
  return p;
}

inline std::string strength_name(ts::ppp::mppe::KeyStrength s) {
  switch (s) {
    case ts::ppp::mppe::KeyStrength::bits40: return "40-bit";
    case ts::ppp::mppe::KeyStrength::bits56: return "56-bit";
    case ts::ppp::mppe::KeyStrength::bits128: return "128-bit";
  }
  return "?";
}

}  // namespace ts::endpoints::ppp::test
