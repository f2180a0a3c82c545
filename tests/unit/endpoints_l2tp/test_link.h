#pragma once
// A stand-in for PPP in the L2TP role tests: after up() it sends `count` PPP frames carrying
// a small IPv4 packet, one every `interval`, records every frame it receives, and finishes
// when asked to close or after `finish_after` frames received (0 = never). It exists only
// so the tunnel roles can be tested without the PPP peer.
#include <memory>
#include <string>
#include <vector>

#include "src/engine/session_link.h"

namespace ts::test {

struct TestLinkPlan {
  int count = 3;
  Duration interval = std::chrono::milliseconds(100);
  int finish_after = 0;
};

// What a test link did; shared with the registry so tests can read it after the tunnel
// destroyed the link.
struct TestLinkRecord {
  std::string label;
  std::vector<Bytes> received;
  int sent = 0;
  bool was_up = false;
  bool was_down = false;
};

class TestLink : public engine::SessionLink {
 public:
  TestLink(std::shared_ptr<TestLinkRecord> record, TestLinkPlan plan)
      : rec_(std::move(record)), plan_(plan) {}
  engine::LinkOutput up(Instant now) override;
  engine::LinkOutput receive(Instant now, ByteView frame) override;
  engine::LinkOutput close(Instant now, std::string_view reason) override;
  engine::LinkOutput down(Instant now) override;
  engine::LinkOutput on_deadline(Instant now) override;
  std::optional<Instant> next_deadline() const override { return next_; }
  bool finished() const override { return finished_; }
  std::optional<engine::LinkAccm> accm() const override { return accm_; }
  std::string status() const override;


 private:
  Bytes frame(int n) const;
  std::shared_ptr<TestLinkRecord> rec_;
  TestLinkPlan plan_;
  std::optional<Instant> next_;
  std::optional<engine::LinkAccm> accm_;
  bool finished_ = false;
};

// The registry tests use to find the links the tunnels created.
struct TestLinkRegistry {
  std::vector<std::shared_ptr<TestLinkRecord>> links;
  engine::SessionLinkFactory factory(TestLinkPlan plan) {
    return [this, plan](const engine::SessionLinkContext& ctx) -> std::unique_ptr<engine::SessionLink> {
      auto rec = std::make_shared<TestLinkRecord>();
      rec->label = ctx.label;
      links.push_back(rec);
      return std::make_unique<TestLink>(rec, plan);
    };
  }
};

}  // namespace ts::test
