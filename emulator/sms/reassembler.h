#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emulator/sms/user_data.h"

namespace cellemu::sms {

// Collects the parts of concatenated messages until each is complete (23.040 §9.2.3.24.1: parts
// are identified by sender, reference and total). At most `max_groups` messages are in progress;
// beyond that the oldest is given up and handed out through take_abandoned(), so a sender that
// never finishes cannot grow it. A repeated part replaces the earlier copy.
template <class Part>
class Reassembler {
 public:
  explicit Reassembler(std::size_t max_groups) : max_groups_(max_groups == 0 ? 1 : max_groups) {}

  // Adds part `c.sequence` of the message `scope` sent; returns every part in order once the last
  // one is in, and forgets the message.
  std::optional<std::vector<Part>> add(const std::string& scope, const Concatenation& c,
                                       Part part) {
    const Key key{scope, c.reference, c.total, c.wide_reference};
    auto it = groups_.find(key);
    if (it == groups_.end()) {
      if (groups_.size() >= max_groups_) abandon_oldest();
      it = groups_.emplace(key, Group{}).first;
      order_.push_back(key);
    }
    it->second.parts[c.sequence] = std::move(part);
    if (it->second.parts.size() < c.total) return std::nullopt;
    std::vector<Part> out;
    for (auto& [seq, p] : it->second.parts) out.push_back(std::move(p));
    forget(it);
    return out;
  }

  // Messages given up since the last call (their parts in order, gaps left out).
  std::vector<std::vector<Part>> take_abandoned() { return std::exchange(abandoned_, {}); }
  std::size_t in_progress() const { return groups_.size(); }

 private:
  struct Key {
    std::string scope;
    std::uint16_t reference;
    std::uint8_t total;
    bool wide;
    auto operator<=>(const Key&) const = default;
  };
  struct Group {
    std::map<std::uint8_t, Part> parts;
  };

  void abandon_oldest() {
    auto it = groups_.find(order_.front());
    std::vector<Part> parts;
    for (auto& [seq, p] : it->second.parts) parts.push_back(std::move(p));
    if (abandoned_.size() < max_groups_) abandoned_.push_back(std::move(parts));
    forget(it);
  }
  void forget(typename std::map<Key, Group>::iterator it) {
    std::erase(order_, it->first);
    groups_.erase(it);
  }

  std::size_t max_groups_;
  std::map<Key, Group> groups_;
  std::deque<Key> order_;
  std::vector<std::vector<Part>> abandoned_;
};

}  // namespace cellemu::sms
