#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace cellemu::net::mqtt {

// What the client waits for, per packet id.
enum class Awaiting { PubAck, PubRec, PubComp, SubAck, UnsubAck };

// The packet ids of one session: one counter 1..65535 shared by SUBSCRIBE, UNSUBSCRIBE and
// PUBLISH QoS > 0 (wraps, skips 0 and ids still in flight; app-protocols.md §3.8), the
// acknowledgement each outgoing id waits for, and the incoming QoS 2 ids between PUBLISH and
// PUBREL (so such a message is delivered once). Nothing is kept for retransmission: the module
// keeps no session store. Bounded by the 16-bit id space.
class InFlight {
 public:
  explicit InFlight(std::size_t max_outgoing = 65535) : max_(max_outgoing) {}

  std::optional<std::uint16_t> allocate(Awaiting what);
  // True if `id` waited for `got`; it is then released (a PUBREC moves it on to PubComp).
  bool acknowledge(std::uint16_t id, Awaiting got);
  // Incoming QoS 2: true the first time an id arrives, false for a resend before its PUBREL.
  bool receive_qos2(std::uint16_t id) { return incoming_.insert(id).second; }
  // PUBREL for an incoming id: true if it was pending.
  bool release_qos2(std::uint16_t id) { return incoming_.erase(id) > 0; }
  // A new session: the counter starts at 1 again, nothing is in flight.
  void reset();
  std::size_t outgoing() const { return outgoing_.size(); }
  std::size_t incoming() const { return incoming_.size(); }

 private:
  std::size_t max_;
  std::uint16_t next_ = 1;
  std::unordered_map<std::uint16_t, Awaiting> outgoing_;
  std::unordered_set<std::uint16_t> incoming_;
};

}  // namespace cellemu::net::mqtt
