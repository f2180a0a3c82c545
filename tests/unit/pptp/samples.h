#pragma once
// One filled-in sample of every PPTP control message (non-default values in every field)
// for the round-trip and truncation tests.
#include <vector>

#include "dissectors/pptp/message.h"

namespace ts::pptp::test {

inline std::vector<Body> sample_bodies() {
  std::vector<Body> out;
  out.push_back(StartControlConnectionRequest{0x0100, 0, 3, 3, 0, 0x0a00, "pns1", "Microsoft"});
  out.push_back(StartControlConnectionReply{0x0100, 1, 0, 1, 2, 64, 0x1234, "pac.example.net", "Vendor X"});
  out.push_back(StopControlConnectionRequest{3, 0, 0});
  out.push_back(StopControlConnectionReply{2, 4, 0});
  out.push_back(EchoRequest{0xdeadbeef});
  out.push_back(EchoReply{3, 1, 0, 0});
  out.push_back(OutgoingCallRequest{40000, 7, 2400, 10000000, 3, 3, 64, 1, 8, 0, "5551234", "sub"});
  out.push_back(OutgoingCallReply{5, 40000, 1, 0, 16, 64000, 16, 2, 0x01020304});
  out.push_back(IncomingCallRequest{9, 11, 1, 77, 7, 8, "5550001", "55500022", "x"});
  out.push_back(IncomingCallReply{40001, 9, 1, 0, 32, 3, 0});
  out.push_back(IncomingCallConnected{40001, 0, 33600, 8, 4, 1});
  out.push_back(CallClearRequest{40000, 0});
  out.push_back(CallDisconnectNotify{5, 4, 0, 17, 0, "bytes in=100 out=200"});
  out.push_back(WanErrorNotify{40000, 0, 1, 2, 3, 4, 5, 6});
  out.push_back(SetLinkInfo{5, 0, 0x000a0000, 0xffffffff});
  return out;
}

}  // namespace ts::pptp::test
