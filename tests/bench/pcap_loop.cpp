// The libpcap baseline loop: see pcap_loop.h.
#include "tests/bench/pcap_loop.h"

#include <pcap/pcap.h>

namespace ts::bench {

std::int64_t pcap_loop_count(const std::string& path) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_open_offline(path.c_str(), errbuf);
  if (!handle) return -1;
  std::int64_t count = 0;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int rc = 0;
  while ((rc = pcap_next_ex(handle, &header, &data)) == 1) ++count;
  pcap_close(handle);
  return rc == PCAP_ERROR_BREAK ? count : -1;
}

}  // namespace ts::bench
