#include <boost/asio/post.hpp>

#include "tls/stream.h"

namespace cellemu::tls {

void PlainStream::async_handshake(DoneHandler done) {
  boost::asio::post(socket_.get_executor(), [done = std::move(done)] { done({}); });
}

void PlainStream::async_shutdown(DoneHandler done) {
  boost::system::error_code ec;
  socket_.shutdown(boost::asio::socket_base::shutdown_send, ec);
  boost::asio::post(socket_.get_executor(), [done = std::move(done), ec] { done(ec); });
}

}  // namespace cellemu::tls
