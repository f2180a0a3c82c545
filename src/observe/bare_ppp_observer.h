#pragma once
// BarePppObserver: PPP links that are not inside a tunnel: PPPoE sessions (RFC 2516) and
// PPP captured on the link itself (DLT_PPP, DLT_PPP_HDLC). A PPPoE session is one
// connection (side 0 = the host, side 1 = the access concentrator, by PPPoE code or
// first sender). PPP captured on the link is one connection; when the capture records the
// direction (LINKTYPE_PPP_WITH_DIR, NDISWAN) side 0 is the capturing host, otherwise the
// timeline shows frames without a side.
#include <list>
#include <map>
#include <tuple>

#include "dissectors/net/ethernet.h"
#include "dissectors/net/pppoe.h"
#include "src/observe/observe_context.h"
#include "src/observe/ppp_link_observer.h"

namespace ts::observe {

class BarePppObserver {
 public:
  explicit BarePppObserver(ObserveContext& ctx) : ctx_(ctx) {}
  void on_pppoe(const FrameInfo& f, const net::MacAddress& src, const net::MacAddress& dst, const net::PppoeHeader& h);
  // A PPP frame captured on the link itself. direction: 0 sent by the capturing host,
  // 1 received by it, -1 unknown (then the link's frames carry no side).
  // link: a link number when the capture has several (NDISWAN), else -1.
  // no_address_control: the framing has no Address/Control field (NDISWAN).
  void on_serial(const FrameInfo& f, ByteView ppp_frame, int direction, int link, bool no_address_control);
  // Finishes the links that are finished at f.ts (ObserveContext::finished), or all of them
  // when `all` (end of input): PPP summary with `f` as the moment, state dropped, connection
  // marked done.
  void retire(const FrameInfo& f, bool all);
  // What this observer holds: links, and entries of its lookup tables.
  std::size_t live_links() const { return links_.size(); }
  std::size_t index_entries() const { return by_session_.size() + serial_.size(); }

 private:
  struct Link {
    Connection* conn = nullptr;
    std::array<net::MacAddress, 2> mac{};
    PppLinkObserver ppp;
  };
  Link& link_for(const FrameInfo& f, std::uint16_t session, const net::MacAddress& host, const net::MacAddress& ac);

  ObserveContext& ctx_;
  std::list<Link> links_;  // a list: retiring one keeps pointers to the others valid
  std::map<std::tuple<std::uint16_t, net::MacAddress, net::MacAddress>, Link*> by_session_;  // (id, host, ac)
  std::map<int, Link*> serial_;  // by link number
};

}  // namespace ts::observe
