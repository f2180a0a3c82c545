#pragma once
// PppScriptPeer: the script's side of a PPP link with a device (RFC 1661): the client
// when the device is the authenticator (ppp.authenticator), the authenticator when the
// device is the peer being authenticated (ppp.peer). An engine::Endpoint, so the same
// object runs in simulation and live.
//
// Transport: PPP in asynchronous HDLC-like framing (RFC 1662 §4, FCS-16, every control
// character escaped: ACCM 0xFFFFFFFF) over one byte stream: a TCP connection to `device`
// ("host:port", like a terminal server's serial port) opened on the command "open" (the
// runner's trigger at the start: the line comes up). When the device closes it, a
// pseudo-message CLOSED (field reason) is recorded; sends after that are errors.
// Every complete frame with a good FCS from the device is recorded as a WireMessage
// (ppp_wire_message.h); frames with a bad FCS are dropped (RFC 1662 §4.3).
//
// send(name, fields): LCP.* and IPCP.* by build_ppp_control() (ppp_message_builder.h),
// FRAME by build_ppp_frame(), PAP.* and CHAP.* here, on top of what a correct peer would
// send at this point of the conversation:
//   requests (ConfReq, TermReq, EchoReq, DiscReq, CodeRej, ProtRej) take Identifiers
//   counting from 1 per protocol (after an explicit id=N, N+1 follows); ConfAck/Nak/Rej
//   the Identifier of the device's latest Configure-Request of that protocol, and a ConfAck
//   its options unless the script names options; TermAck the device's latest
//   Terminate-Request's; EchoRep the device's latest Echo-Request's; magic the one of the
//   script's latest LCP.ConfReq (0 without one).
//   PAP.AuthReq: id counting, peer_id and password = the credentials' name and password.
//   PAP.AuthAck/AuthNak: the device's latest AuthReq's id, message.
//   CHAP.Challenge: id counting, value (hex, default 16 octets 10..1f), name.
//   CHAP.Response: to the device's latest Challenge: id, name, and the value computed from
//     `password` (default the credentials'): MD5 (RFC 1994 §4.1) or MS-CHAPv2 (RFC 2759
//     §8.1, peer_challenge hex default 16 octets 20..2f), by the algorithm of the latest
//     LCP Configure-Request naming CHAP; value=HEX sends those octets instead.
//   CHAP.Success/Failure: the id of the device's latest Response; message default
//     "welcome" / "denied", under MS-CHAPv2 "S=<authenticator response> M=welcome"
//     (RFC 2759 §5, computed from the device's Response and password) / "E=691 R=0 ...".
// `!` fields are recorded as a Violation by_us. Unknown names or fields are errors.
//
// What the device sends is judged where only the script side can: a CHAP.Response and a
// PAP.AuthReq get valid=yes|no (against the credentials' device_name/device_password and
// our challenge); an MS-CHAPv2 CHAP.Success gets authenticator_response=valid|invalid
// (RFC 2759 §8.8, against our own Response). Every device message (CLOSED aside) gets
// nth=N: it is the device's Nth message of that name, so `< LCP.EchoRep nth=1 id=9` also
// says that no Echo-Reply came before (the silently discarded packets of RFC 1661).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/script_peer.h"
#include "conformance/engine/wire_message.h"
#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/hdlc.h"
#include "src/core/result.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

struct PppScriptCredentials {
  std::string name = "ts-script";   // our PAP Peer-ID / CHAP Name
  std::string password = "ts-secret";
  std::string device_name = "ts-device";  // what the device must authenticate as
  std::string device_password = "ts-device-secret";
};

class PppScriptPeer : public ScriptPeer {
 public:
  static constexpr engine::ChannelId kStreamChannel = 1;

  PppScriptPeer(std::string device, PppScriptCredentials credentials);

  // Queues one frame; it goes out with the next handle().
  Result<bool> send(const std::string& name, const std::vector<ResolvedField>& fields);

  engine::Actions handle(Instant now, const engine::Input& input) override;
  engine::Actions on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }

  const std::vector<ReceivedMessage>& received() const override { return received_; }
  const std::vector<std::string>& errors() const override { return errors_; }
  // A byte stream: nothing can be dropped without breaking the framing.
  std::vector<std::string_view> packet_kinds() const override { return {}; }
  bool packet_is(ByteView, std::string_view) const override { return false; }
  // Never called: no packet is of any impairment kind (the stream is lossless).
  void record_impaired(Instant, ByteView, std::string_view) override {}

 private:
  struct Request {
    std::uint8_t id = 0;
    std::vector<std::pair<std::uint8_t, Bytes>> options;
  };
  Result<Bytes> build(const std::string& name, const std::vector<ResolvedField>& fields);
  Result<Bytes> build_control(std::uint16_t protocol, std::uint8_t code, const std::vector<ResolvedField>& fields);
  // PAP and CHAP (ppp_script_peer_auth.cpp).
  Result<Bytes> build_pap(std::uint8_t code, const std::vector<ResolvedField>& fields);
  Result<Bytes> build_chap(std::uint8_t code, const std::vector<ResolvedField>& fields);
  Result<Bytes> chap_response(std::uint8_t id, const std::string& name, const std::string& password,
                              Bytes peer_challenge);
  void judge_auth(WireMessage& w);
  void learn_control(ByteView frame, bool ours);
  void on_bytes(Instant now, ByteView data);

  std::string device_;
  PppScriptCredentials cred_;
  bool opened_ = false, closed_ = false;
  ts::ppp::AsyncHdlcDeframer deframer_;
  std::map<std::uint16_t, Request> device_request_;
  std::map<std::uint16_t, std::uint8_t> device_terminate_id_;
  std::map<std::uint16_t, std::uint8_t> next_id_;
  std::uint8_t device_echo_id_ = 0;
  std::uint32_t our_magic_ = 0;
  ts::ppp::ChapAlgorithm chap_ = ts::ppp::ChapAlgorithm::md5;
  // We authenticate to the device: its challenge and our MS-CHAPv2 response.
  std::uint8_t challenge_id_ = 0;
  Bytes device_challenge_, our_peer_challenge_, our_nt_response_;
  std::string our_user_;
  // The device authenticates to us: our challenge and its response.
  Bytes our_challenge_, device_peer_challenge_, device_nt_response_;
  std::uint8_t device_response_id_ = 0, device_pap_id_ = 0;
  std::string device_user_;
  std::map<std::string, int> seen_;  // device messages by name, for nth
  std::vector<ReceivedMessage> received_;
  std::vector<Bytes> out_;
  std::vector<engine::Violation> ours_;
  std::vector<std::string> errors_;
};

}  // namespace ts::conformance
