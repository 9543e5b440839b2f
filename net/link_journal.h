#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace cellemu::net {

// What every link of a modem carried, kept after the link is gone (for run reports). Bounded:
// links to the same peer add up in one entry, so connection churn does not grow it.
class LinkJournal {
 public:
  struct Totals {
    std::uint64_t links = 0;
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
  };
  // key: "TCP 112.125.89.8:37076"
  void record(const std::string& key, std::uint64_t sent, std::uint64_t received);
  std::map<std::string, Totals> totals() const;

 private:
  mutable std::mutex mu_;  // a report may be read from another thread at exit
  std::map<std::string, Totals> totals_;
};

}  // namespace cellemu::net
