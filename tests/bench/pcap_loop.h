#pragma once
// The baseline the benchmark compares against: the plainest libpcap reader, a
// pcap_open_offline + pcap_next_ex loop that touches nothing but the packet count. It runs
// in a child (the benchmark re-executes itself with --pcap-loop) so its CPU time and peak RSS
// are measured alone, like the other tools.
#include <cstdint>
#include <string>

namespace ts::bench {

// Reads every packet of `path`; the packet count, or -1 when libpcap cannot open or read it.
std::int64_t pcap_loop_count(const std::string& path);

}  // namespace ts::bench
