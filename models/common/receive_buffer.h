#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cellemu::models {

// What the module keeps of one socket's received data until the host takes it:
// * readable bytes, taken by the model's read command (Air780EP AT+CIPRXGET=2, NM28 AT+IPRD);
// * held bytes of a transparent socket that arrived while the port was in command mode, written
//   raw when data mode resumes (OQ-36).
// Both count against one capacity; the owner decides what a full buffer means (a stream stops
// being read, a datagram is dropped), so a read already in progress may still land beyond it.
// Reads take from the front without moving the rest each time: pull reads are a data path.
class ReceiveBuffer {
 public:
  // Full at `capacity` bytes; a paused socket reads again once fewer than `resume_below` are
  // kept (the capacity: no hysteresis).
  explicit ReceiveBuffer(std::size_t capacity, std::size_t resume_below = 0)
      : capacity_(capacity), resume_below_(resume_below == 0 ? capacity : resume_below) {}

  std::size_t capacity() const { return capacity_; }
  std::size_t size() const { return readable() + held_.size(); }
  std::size_t readable() const { return readable_.size() - offset_; }
  std::size_t held() const { return held_.size(); }
  bool fits(std::size_t n) const { return size() + n <= capacity_; }
  bool full() const { return size() >= capacity_; }
  bool has_room() const { return size() < resume_below_; }

  void store(std::string_view bytes) { readable_.append(bytes); }
  // At most `max` readable bytes, oldest first.
  std::string read(std::size_t max);

  void hold(std::string_view bytes) { held_.append(bytes); }
  std::string take_held();
  // The socket left transparent mode or lost its peer: held bytes become readable (OQ-46).
  void make_held_readable();
  void discard_held() { held_.clear(); }

  // Arrival notices: raised once, then again after a read (Air780EP CIPRXGET mode 1 re-arms on
  // every read) or once the readable bytes are read empty (NM28 IPREAD, S3 §2.7).
  bool announced() const { return announced_; }
  bool needs_notice() const { return readable() > 0 && !announced_; }
  void mark_announced() { announced_ = true; }
  void rearm_notice() { announced_ = false; }

  void clear();

 private:
  std::size_t capacity_;
  std::size_t resume_below_;
  std::string readable_;
  std::size_t offset_ = 0;  // bytes of readable_ already read
  std::string held_;
  bool announced_ = false;
};

}  // namespace cellemu::models
