// Writes to one Asio stream, one after another and in order: two async_writes in flight on one
// socket interleave their pieces as soon as the peer's window fills (the test servers' echo did,
// reordering bytes), and a TLS stream allows only one anyway.
#pragma once

#include <deque>
#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

namespace cellemu::testing {

template <class Stream>
class OrderedWrites {
 public:
  explicit OrderedWrites(Stream& stream) : stream_(stream) {}

  // `owner` keeps the stream (and this queue) alive until the write completes.
  void write(std::string data, std::shared_ptr<void> owner) {
    out_.push_back(std::move(data));
    if (!writing_) next(std::move(owner));
  }

 private:
  void next(std::shared_ptr<void> owner) {
    if (out_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    boost::asio::async_write(
        stream_, boost::asio::buffer(out_.front()),
        [this, owner = std::move(owner)](const boost::system::error_code& ec, std::size_t) mutable {
          out_.pop_front();
          if (ec) {
            out_.clear();
            writing_ = false;
            return;
          }
          next(std::move(owner));
        });
  }

  Stream& stream_;
  std::deque<std::string> out_;
  bool writing_ = false;
};

}  // namespace cellemu::testing
