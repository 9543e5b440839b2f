#include "net/link_journal.h"

namespace cellemu::net {

void LinkJournal::record(const std::string& key, std::uint64_t sent, std::uint64_t received) {
  std::lock_guard lock(mu_);
  auto& t = totals_[key];
  ++t.links;
  t.sent += sent;
  t.received += received;
}

std::map<std::string, LinkJournal::Totals> LinkJournal::totals() const {
  std::lock_guard lock(mu_);
  return totals_;
}

}  // namespace cellemu::net
