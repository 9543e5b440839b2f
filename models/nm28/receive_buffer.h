#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cellemu::models::nm28 {

// What the module keeps of one socket's received data until the host takes it:
// * readable bytes, read with AT+IPRD (buffer access mode, S3 §2.7; they stay readable after a
//   switch to another mode, OQ-46);
// * transparent bytes that arrived while the port was in command mode, written raw when data mode
//   resumes (OQ-36).
// Both share one capacity (Profile::socket_receive_buffer). The capacity is what the socket
// reports as full; the owner decides what a full buffer means (TCP: stop reading the host socket;
// UDP: drop the datagram), so a TCP read already in progress may still be stored beyond it.
class ReceiveBuffer {
 public:
  explicit ReceiveBuffer(std::size_t capacity) : capacity_(capacity) {}

  std::size_t capacity() const { return capacity_; }
  std::size_t size() const { return readable_.size() + raw_.size(); }
  std::size_t readable() const { return readable_.size(); }
  std::size_t raw() const { return raw_.size(); }
  bool fits(std::size_t n) const { return size() + n <= capacity_; }
  bool full() const { return size() >= capacity_; }

  void store(std::string_view bytes) { readable_.append(bytes); }
  // At most `max` readable bytes, oldest first.
  std::string read(std::size_t max);

  void hold_raw(std::string_view bytes) { raw_.append(bytes); }
  std::string take_raw();
  // The socket left transparent mode or lost its peer: held bytes become readable (OQ-46).
  void make_raw_readable();

  // IPREAD is raised once per non-empty buffer and again only after it was read empty (S3 §2.7).
  bool needs_notice() const { return !readable_.empty() && !announced_; }
  void mark_announced() { announced_ = true; }

  void clear();

 private:
  std::size_t capacity_;
  std::string readable_;
  std::string raw_;
  bool announced_ = false;
};

}  // namespace cellemu::models::nm28
