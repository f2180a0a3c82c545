#include "src/cli/shard_record_log.h"

namespace ts::cli {

using observe::Analysis;
using observe::Connection;
using Kind = ShardRecord::Kind;

ShardRecord ShardRecordLog::make(Kind kind) const {
  ShardRecord r;
  r.kind = kind;
  r.at = position_;
  return r;
}

void ShardRecordLog::on_connection_started(const Analysis&, const Connection& c) {
  created_[{c.protocol, c.index}] = {position_.number, created_sequence_++};
  ShardRecord r = make(Kind::started);
  r.protocol = c.protocol;
  r.local_index = c.index;
  push(std::move(r));
}

void ShardRecordLog::on_connection_finished(const Analysis&, const Connection& c) {
  ShardRecord r = make(Kind::connection);
  r.protocol = c.protocol;
  r.local_index = c.index;
  if (auto it = created_.find({c.protocol, c.index}); it != created_.end()) {
    r.created = it->second;
    created_.erase(it);
  }
  r.connection = std::make_unique<Connection>(c);
  push(std::move(r));
}

void ShardRecordLog::on_capture_diagnostic(const Analysis&, const observe::DiagRecord& d) {
  ShardRecord r = make(Kind::capture_diag);
  r.diag = d;
  push(std::move(r));
}

void ShardRecordLog::packet(const observe::PacketRecord& p) {
  ShardRecord r = make(Kind::packet);
  r.packet = std::make_unique<observe::PacketRecord>(p);
  push(std::move(r));
}

void ShardRecordLog::progress() { push(make(Kind::progress)); }

void ShardRecordLog::origin(Instant t) {
  ShardRecord r = make(Kind::origin);
  r.origin = t;
  push(std::move(r));
}

void ShardRecordLog::counts(ShardRecord r) {
  r.kind = Kind::counts;
  r.at = position_;
  push(std::move(r));
}

void ShardRecordLog::close(std::exception_ptr error) {
  std::lock_guard lock(mutex_);
  closed_ = true;
  error_ = error;
  ready_.notify_all();
}

const ShardRecord* ShardRecordLog::peek() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
  // The front stays put until pop(): only the consumer removes records.
  return queue_.empty() ? nullptr : &queue_.front();
}

ShardRecord ShardRecordLog::pop() {
  std::lock_guard lock(mutex_);
  ShardRecord r = std::move(queue_.front());
  queue_.pop_front();
  return r;
}

std::exception_ptr ShardRecordLog::error() {
  std::lock_guard lock(mutex_);
  return error_;
}

void ShardRecordLog::push(ShardRecord r) {
  std::lock_guard lock(mutex_);
  queue_.push_back(std::move(r));
  ready_.notify_all();
}

}  // namespace ts::cli
