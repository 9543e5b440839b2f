// The floor for an AT round trip on Asio, the event loop cellemu runs on: the raw responder's
// job (answer every '\r' with "\r\nOK\r\n") done the way an Asio program does it, with one
// io_context, a stream_descriptor on the pty master, async_read_some for input (the reactor
// reads; the descriptor stays registered with epoll), a non-blocking write. The difference to
// raw_pty_responder is the cost of the event loop; the difference to cellemu is the cost of the
// emulator. Prints the slave path.
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include <boost/asio/buffer.hpp>
#include <boost/asio/detail/concurrency_hint.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

namespace {

using Descriptor =
    boost::asio::posix::basic_stream_descriptor<boost::asio::io_context::executor_type>;

class Responder : public std::enable_shared_from_this<Responder> {
 public:
  Responder(boost::asio::io_context& io, int master) : master_(io, master) {
    boost::system::error_code ec;
    master_.non_blocking(true, ec);
  }

  void wait() {
    master_.async_read_some(
        boost::asio::buffer(buf_),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
          if (!ec) self->on_input(n);
        });
  }

 private:
  void on_input(std::size_t n) {
    static constexpr char kOk[] = "\r\nOK\r\n";
    for (std::size_t i = 0; i < n; ++i) {
      if (buf_[i] == '\r' && ::write(master_.native_handle(), kOk, sizeof kOk - 1) < 0) return;
    }
    wait();
  }

  Descriptor master_;
  char buf_[4096];
};

}  // namespace

int main() {
  termios raw{};
  cfmakeraw(&raw);
  int master = -1;
  int slave = -1;
  char name[256] = {};
  if (::openpty(&master, &slave, name, &raw, nullptr) != 0) return 1;
  std::printf("%s\n", name);
  std::fflush(stdout);
  boost::asio::io_context io(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO);
  std::make_shared<Responder>(io, master)->wait();
  io.run();
  return 0;
}
