#pragma once
// ShardMap: which worker of a sharded analysis (`analyze -j N` on one file, sharded_file.h)
// gets a frame. Everything the analysis relates must meet in one worker, so a whole
// address-pair bucket (src/observe/address_pair.h) goes to one worker. Buckets are given to
// the workers in turn as they first appear, so that a few busy host pairs spread evenly (a
// hash modulo the workers often puts 6 of 8 pairs on one of two workers), and the table stays
// small whatever the number of pairs.
#include <array>
#include <cstddef>
#include <cstdint>

#include "src/observe/address_pair.h"

namespace ts::cli {

class ShardMap {
 public:
  explicit ShardMap(std::size_t workers) : workers_(workers == 0 ? 1 : workers) { owner_.fill(kNone); }
  std::size_t worker_of(std::size_t bucket) {
    std::uint16_t& owner = owner_[bucket % owner_.size()];
    if (owner == kNone) owner = static_cast<std::uint16_t>(next_++ % workers_);
    return owner;
  }

 private:
  static constexpr std::uint16_t kNone = 0xffff;
  std::size_t workers_;
  std::size_t next_ = 0;
  std::array<std::uint16_t, observe::kAddressPairBuckets> owner_{};
};

}  // namespace ts::cli
