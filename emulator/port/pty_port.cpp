#include "emulator/port/pty_port.h"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"

namespace cellemu::port {
namespace {
constexpr std::size_t kReadSize = 8192;
constexpr std::size_t kMaxWriteBatch = 64 * 1024;
}  // namespace

std::shared_ptr<PtyPort> PtyPort::open(boost::asio::io_context& io, std::error_code& ec) {
  termios raw{};
  cfmakeraw(&raw);
  cfsetispeed(&raw, B115200);
  cfsetospeed(&raw, B115200);
  int master = -1;
  int slave = -1;
  if (::openpty(&master, &slave, nullptr, &raw, nullptr) != 0) {
    ec = std::error_code(errno, std::generic_category());
    return nullptr;
  }
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave, F_SETFD, FD_CLOEXEC);
  char name[256] = {};
  if (::ttyname_r(slave, name, sizeof name) != 0) {
    ec = std::error_code(errno, std::generic_category());
    ::close(master);
    ::close(slave);
    return nullptr;
  }
  return std::shared_ptr<PtyPort>(new PtyPort(io, master, slave, name));
}

PtyPort::PtyPort(boost::asio::io_context& io, int master, int slave, std::string path)
    : master_(io, master), slave_fd_(slave), path_(std::move(path)) {}

PtyPort::~PtyPort() {
  if (slave_fd_ >= 0) ::close(slave_fd_);
}

void PtyPort::start(Listener& listener) {
  listener_ = &listener;
  boost::system::error_code ec;
  master_.non_blocking(true, ec);
  do_read();
}

void PtyPort::do_read() {
  if (reading_ || paused_ || closed_) return;
  if (read_buf_.empty()) read_buf_.resize(kReadSize);
  reading_ = true;
  master_.async_read_some(boost::asio::buffer(read_buf_),
                          [self = shared_from_this()](const boost::system::error_code& ec,
                                                      std::size_t n) { self->on_read(ec, n); });
}

void PtyPort::on_read(const boost::system::error_code& ec, std::size_t n) {
  reading_ = false;
  if (closed_) return;
  if (ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    core::logger("port")->error("{}: read failed: {}", path_, ec.message());
    return;
  }
  if (listener_) listener_->on_input(std::string_view(read_buf_.data(), n));
  do_read();
}

void PtyPort::write(std::string_view bytes) {
  if (closed_ || bytes.empty()) return;
  pending_.append(bytes);
  if (queued_output() > low_water()) above_low_water_ = true;
  schedule_write();
}

// Writes made while handling one event are coalesced into one syscall.
void PtyPort::schedule_write() {
  if (writing_) return;
  writing_ = true;
  boost::asio::post(master_.get_executor(), [self = shared_from_this()] { self->do_write(); });
}

void PtyPort::do_write() {
  if (closed_) return;
  if (inflight_off_ >= inflight_.size()) {
    inflight_.clear();
    inflight_off_ = 0;
    if (pending_.empty()) {
      writing_ = false;
      return;
    }
    inflight_.swap(pending_);
  }
  const std::size_t len = std::min(inflight_.size() - inflight_off_, kMaxWriteBatch);
  master_.async_write_some(boost::asio::buffer(inflight_.data() + inflight_off_, len),
                           [self = shared_from_this()](const boost::system::error_code& ec,
                                                       std::size_t n) { self->on_write(ec, n); });
}

void PtyPort::on_write(const boost::system::error_code& ec, std::size_t n) {
  if (closed_) return;
  if (ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    core::logger("port")->error("{}: write failed: {}", path_, ec.message());
    writing_ = false;
    return;
  }
  inflight_off_ += n;
  if (above_low_water_ && queued_output() <= low_water()) {
    above_low_water_ = false;
    if (listener_) listener_->on_output_drained();
  }
  do_write();
}

std::size_t PtyPort::queued_output() const {
  return inflight_.size() - inflight_off_ + pending_.size();
}

void PtyPort::pause_input() {
  paused_ = true;
}

void PtyPort::resume_input() {
  paused_ = false;
  do_read();
}

void PtyPort::close() {
  if (closed_) return;
  closed_ = true;
  listener_ = nullptr;
  boost::system::error_code ec;
  master_.close(ec);
}

std::optional<unsigned> PtyPort::host_baud() const {
  termios t{};
  if (::tcgetattr(slave_fd_, &t) != 0) return std::nullopt;
  switch (::cfgetospeed(&t)) {
    case B50:
      return 50;
    case B75:
      return 75;
    case B110:
      return 110;
    case B134:
      return 134;
    case B150:
      return 150;
    case B200:
      return 200;
    case B300:
      return 300;
    case B600:
      return 600;
    case B1200:
      return 1200;
    case B1800:
      return 1800;
    case B2400:
      return 2400;
    case B4800:
      return 4800;
    case B9600:
      return 9600;
    case B19200:
      return 19200;
    case B38400:
      return 38400;
    case B57600:
      return 57600;
    case B115200:
      return 115200;
    case B230400:
      return 230400;
    case B460800:
      return 460800;
    case B500000:
      return 500000;
    case B576000:
      return 576000;
    case B921600:
      return 921600;
    case B1000000:
      return 1000000;
    case B1152000:
      return 1152000;
    case B1500000:
      return 1500000;
    case B2000000:
      return 2000000;
    case B2500000:
      return 2500000;
    case B3000000:
      return 3000000;
    case B3500000:
      return 3500000;
    case B4000000:
      return 4000000;
    default:
      return std::nullopt;  // B0: the host hung up the line
  }
}

}  // namespace cellemu::port
