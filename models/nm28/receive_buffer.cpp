#include "models/nm28/receive_buffer.h"

#include <algorithm>

namespace cellemu::models::nm28 {

std::string ReceiveBuffer::read(std::size_t max) {
  const std::size_t n = std::min(max, readable_.size());
  std::string out = readable_.substr(0, n);
  readable_.erase(0, n);
  if (readable_.empty()) announced_ = false;
  return out;
}

std::string ReceiveBuffer::take_raw() {
  std::string out;
  out.swap(raw_);
  return out;
}

void ReceiveBuffer::make_raw_readable() {
  readable_ += raw_;
  raw_.clear();
}

void ReceiveBuffer::clear() {
  readable_.clear();
  raw_.clear();
  announced_ = false;
}

}  // namespace cellemu::models::nm28
