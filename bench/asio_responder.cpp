// The floor for an AT round trip on Asio, the event loop cellemu runs on: the raw responder's
// job (answer every '\r' with "\r\nOK\r\n") done the way an Asio program does it, with one
// io_context, a stream_descriptor on the pty master, async_wait for input, non-blocking read
// and write. The difference to raw_pty_responder is the cost of the event loop; the difference
// to cellemu is the cost of the emulator. Prints the slave path.
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

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
    master_.async_wait(Descriptor::wait_read,
                       [self = shared_from_this()](const boost::system::error_code& ec) {
                         if (!ec) self->on_readable();
                       });
  }

 private:
  void on_readable() {
    static constexpr char kOk[] = "\r\nOK\r\n";
    char buf[4096];
    const ssize_t n = ::read(master_.native_handle(), buf, sizeof buf);
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == '\r' && ::write(master_.native_handle(), kOk, sizeof kOk - 1) < 0) return;
    }
    wait();
  }

  Descriptor master_;
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
