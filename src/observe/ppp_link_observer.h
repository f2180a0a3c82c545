#pragma once
// PppLinkObserver: one PPP link inside a call/session (or on a bare PPP link). Fed every
// PPP frame with the side that sent it; fills Call::ppp (options agreed each way,
// authentication, addresses, compression, teardown) and puts control packets, automaton
// state changes and PPP diagnostics on the connection's timeline.
#include <array>
#include <map>
#include <optional>
#include <string>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/control_packet.h"
#include "src/observe/automaton_observer.h"
#include "src/observe/observe_context.h"
#include "src/observe/repeat_cap.h"

namespace ts::observe {

class PppLinkObserver {
 public:
  // `frame` starts at the PPP Address/Control or Protocol field (PFC/ACFC handled).
  void on_frame(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                const FrameInfo& f, ByteView frame);
  // Frames carry no direction (DLT_PPP): show them without a side and do not follow the
  // automaton or option agreement, which need to know who sent what.
  void set_undirected() { undirected_ = true; }
  // The framing carries no Address/Control field (PPPoE, RFC 2516 §7).
  void set_no_address_control() { no_address_control_ = true; }
  // The carrier (call, session, tunnel) went away, or the capture ended.
  void finish(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, const FrameInfo& f);

 private:
  struct Pending {  // last Configure-Request of one side, kept as bytes until the peer acks it
    std::uint8_t id = 0;
    Bytes info;
  };
  struct ChapState {
    ppp::ChapAlgorithm algorithm = ppp::ChapAlgorithm::unknown;
    Bytes challenge;           // authenticator challenge
    std::uint8_t challenge_id = 0;
    // Recent challenges by Identifier: a Response answers the Challenge with its own
    // Identifier (RFC 1994 §4.1), which need not be the latest one when Challenges are
    // retransmitted with new Identifiers and answers cross.
    std::map<std::uint8_t, Bytes> by_id;
    Bytes peer_challenge;      // MS-CHAPv2
    Bytes nt_response;         // MS-CHAPv2
    std::string user;
    std::optional<std::string> password;  // from --ppp-password once the user is known
  };

  void on_control(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
                  const FrameInfo& f, std::uint16_t protocol, ByteView info);
  void on_lcp(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
              const FrameInfo& f, const ppp::ControlPacket& p);
  void on_ncp_ack(Call& call, int requester, std::uint16_t protocol, const ppp::ControlPacket& request);
  void on_chap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
               const FrameInfo& f, ByteView info);
  void on_pap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
              const FrameInfo& f, ByteView info);
  void on_eap(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, int from,
              const FrameInfo& f, ByteView info);
  void report(ObserveContext& ctx, Connection& conn, Call& call, const std::string& entity, const FrameInfo& f,
              std::string_view layer, const AutomatonObserver::Result& r, int from = -1);
  // `from`: the sender of the packet that caused `r`. When its LCP state is in doubt (it may
  // not have received the peer's last LCP packet, AutomatonObserver::doubtful), the NCP
  // faults `r` shows are most likely packets that crossed: not blamed.
  void update_phase(Call& call, const FrameInfo& f);
  AutomatonObserver& automaton(std::uint16_t protocol);

  AutomatonObserver lcp_, ipcp_, ipv6cp_, ccp_;
  std::map<std::uint16_t, std::array<std::optional<Pending>, 2>> pending_;  // by protocol
  ChapState chap_;
  std::map<std::pair<int, std::uint8_t>, Instant> echo_outstanding_;  // (requester, id)
  bool warned_data_early_ = false;
  std::array<std::optional<Instant>, 2> last_echo_;  // per side, for the Echo interval
  // Per side: it has sent an LCP Configure-Ack. Until the other side has, a side cannot be
  // Opened, whatever crossing on the wire leaves in doubt (RFC 1661 §4.1: Opened needs RCA).
  std::array<bool, 2> lcp_ack_sent_{false, false};
  bool undirected_ = false;
  bool no_address_control_ = false;
  bool terminated_ = false;  // Terminate-Ack seen: the link is dead
  // LCP Echo-Request/Reply lines on the timeline: the first kEchoLinesShown of the link,
  // then only counted (PppLink::echo_requests / echo_replies) and summed up at finish().
  static constexpr std::uint32_t kEchoLinesShown = 20;
  RepeatCap echo_lines_{kEchoLinesShown};
};

}  // namespace ts::observe
