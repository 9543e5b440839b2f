#include "models/common/receive_buffer.h"

#include <algorithm>

namespace cellemu::models {

std::string ReceiveBuffer::read(std::size_t max) {
  const std::size_t n = std::min(max, readable());
  std::string out = readable_.substr(offset_, n);
  offset_ += n;
  if (offset_ == readable_.size()) {
    readable_.clear();
    offset_ = 0;
    announced_ = false;
  } else if (offset_ > readable_.size() / 2) {  // compact once most of it was read
    readable_.erase(0, offset_);
    offset_ = 0;
  }
  return out;
}

std::string ReceiveBuffer::take_held() {
  std::string out;
  out.swap(held_);
  return out;
}

void ReceiveBuffer::make_held_readable() {
  readable_ += held_;
  held_.clear();
}

void ReceiveBuffer::clear() {
  readable_.clear();
  offset_ = 0;
  held_.clear();
  announced_ = false;
}

}  // namespace cellemu::models
