#include "net/mqtt/receive_cache.h"

#include <algorithm>

namespace cellemu::net::mqtt {

ReceiveCache::ReceiveCache(std::size_t slots) : slots_(std::max<std::size_t>(slots, 1)) {}

std::size_t ReceiveCache::store(Message message) {
  auto free = std::find_if(slots_.begin(), slots_.end(), [](const Slot& s) { return !s.used; });
  if (free == slots_.end()) {
    free = std::min_element(slots_.begin(), slots_.end(),
                            [](const Slot& a, const Slot& b) { return a.seq < b.seq; });
  }
  free->used = true;
  free->seq = next_seq_++;
  free->message = std::move(message);
  return static_cast<std::size_t>(free - slots_.begin());
}

std::vector<Message> ReceiveCache::take_all() {
  std::vector<Slot*> used;
  for (auto& s : slots_) {
    if (s.used) used.push_back(&s);
  }
  std::sort(used.begin(), used.end(), [](const Slot* a, const Slot* b) { return a->seq < b->seq; });
  std::vector<Message> out;
  out.reserve(used.size());
  for (Slot* s : used) {
    out.push_back(std::move(s->message));
    *s = Slot{};
  }
  return out;
}

std::vector<bool> ReceiveCache::occupied() const {
  std::vector<bool> out;
  out.reserve(slots_.size());
  for (const auto& s : slots_) out.push_back(s.used);
  return out;
}

std::size_t ReceiveCache::size() const {
  return static_cast<std::size_t>(
      std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.used; }));
}

void ReceiveCache::clear() {
  for (auto& s : slots_) s = Slot{};
}

}  // namespace cellemu::net::mqtt
