#pragma once
// MPPE session keys from MS-CHAPv2 credentials (RFC 3079 §3) and the key-change function
// GetNewKeyFromSHA (RFC 3078 §7.3), plus RC4 for checking the samples of RFC 3079 §3.5.
// All functions are pure; nullopt when sizes are wrong or libcrypto lacks a primitive.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "src/core/bytes.h"

namespace ts::ppp::mppe {

enum class KeyStrength : std::uint8_t { bits40, bits56, bits128 };
// 8 octets for 40/56-bit keys, 16 for 128-bit (RFC 3079 §3).
std::size_t key_length(KeyStrength s);

// §3.4 GetMasterKey: SHA1(PasswordHashHash16 || NTResponse24 || Magic1)[0..16].
std::optional<std::array<std::uint8_t, 16>> get_master_key(ByteView password_hash_hash, ByteView nt_response);
// §3.4 GetAsymmetricStartKey: SHA1(MasterKey || pad1 || Magic2/3 || pad2)[0..key_length].
std::optional<Bytes> get_asymmetric_start_key(ByteView master_key, std::size_t key_length, bool is_send,
                                              bool is_server);
// RFC 3078 §7.3 GetNewKeyFromSHA: SHA1(StartKey || pad1 || SessionKey || pad2)[0..key_length].
std::optional<Bytes> get_new_key_from_sha(ByteView start_key, ByteView session_key, std::size_t key_length);
// §3.1/§3.2: 40-bit keys start d1 26 9e, 56-bit keys start d1; 128-bit keys unchanged.
void reduce_key_strength(Bytes& key, KeyStrength s);

struct SessionKeys {
  Bytes send;     // initial send session key of the side named by is_server
  Bytes receive;  // initial receive session key
};

// §3.1-§3.3 end to end, from the peer's password and the NT-Response of the MS-CHAPv2 Response.
std::optional<SessionKeys> initial_session_keys(std::string_view password_utf8, ByteView nt_response,
                                                KeyStrength strength, bool is_server);

// RFC 3078 §7.3 key change: interim = GetNewKeyFromSHA(start, current), new key =
// RC4(interim, interim), then the 40/56-bit reduction.
std::optional<Bytes> change_key(ByteView start_key, ByteView current_key, KeyStrength strength);

// MS-CHAPv1 keys (RFC 3079 §2). 40/56-bit: Get_Key over the first 8 octets of the LM hash,
// then reduced (§2.1, §2.2). 128-bit: Get_Start_Key(challenge, NtPasswordHashHash) then
// Get_Key (§2.3). Get_Key is GetNewKeyFromSHA with the key itself as both inputs.
std::optional<Bytes> mschap_v1_start_key(ByteView challenge8, ByteView password_hash_hash);  // §2.4, 16 octets
std::optional<Bytes> mschap_v1_session_key(std::string_view password_utf8, ByteView challenge8, KeyStrength strength);

// RC4 (RFC 3078 §5 uses it for MPPE data): keystream XOR data.
std::optional<Bytes> rc4(ByteView key, ByteView data);

}  // namespace ts::ppp::mppe
