#include "emulator/port/pty_port.h"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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
    : master_(io, master), slave_fd_(slave), path_(std::move(path)) {
  boost::system::error_code ec;
  master_.non_blocking(true, ec);  // writes must never block the shard, even before start()
}

PtyPort::~PtyPort() {
  if (slave_fd_ >= 0) ::close(slave_fd_);
}

void PtyPort::start(Listener& listener) {
  listener_ = &listener;
  do_read(shared_from_this());
}

// `self` is this port; each wait hands it on to the next, so the read loop keeps the port alive
// without touching its reference count.
void PtyPort::do_read(std::shared_ptr<PtyPort> self) {
  if (reading_ || paused_ || closed_) return;
  reading_ = true;
  if (maybe_readable_) {
    boost::asio::post(master_.get_executor(), [self = std::move(self)]() mutable {
      PtyPort& port = *self;
      port.on_readable({}, std::move(self));
    });
    return;
  }
  master_.async_wait(boost::asio::posix::descriptor_base::wait_read,
                     [self = std::move(self)](const boost::system::error_code& ec) mutable {
                       PtyPort& port = *self;
                       port.on_readable(ec, std::move(self));
                     });
}

void PtyPort::on_readable(const boost::system::error_code& ec, std::shared_ptr<PtyPort> self) {
  reading_ = false;
  if (closed_) return;
  if (ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    core::logger("port")->error("{}: waiting for input failed: {}", path_, ec.message());
    return;
  }
  if (read_buf_.empty()) read_buf_.resize(kReadSize);
  maybe_readable_ = false;
  while (!paused_ && !closed_) {
    const ssize_t got = ::read(master_.native_handle(), read_buf_.data(), read_buf_.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (got <= 0) {
      const std::string why = got == 0 ? "end of file" : std::generic_category().message(errno);
      core::logger("port")->error("{}: read failed: {}", path_, why);
      return;
    }
    const auto n = static_cast<std::size_t>(got);
    if (listener_) {
      in_input_ = true;
      listener_->on_input(std::string_view(read_buf_.data(), n));
      in_input_ = false;
    }
    // A short read emptied the master; a full one may have left more behind.
    if (n < read_buf_.size()) break;
    maybe_readable_ = true;
  }
  if (closed_) return;
  if (!out_.empty()) flush();
  do_read(std::move(self));
}

void PtyPort::write(std::string_view bytes) {
  if (closed_ || bytes.empty()) return;
  // Behind bytes of out_ already partly written, new output waits in next_: out_ is never
  // compacted, so every byte is copied once.
  (out_off_ == 0 ? out_ : next_).append(bytes);
  if (queued_output() > low_water()) above_low_water_ = true;
  // Inside on_input the read handler flushes when the listener returns; while the pty is full
  // the writability wait does.
  if (!in_input_ && !waiting_writable_) post_flush();
}

// Writes made while handling one event are coalesced into one write().
void PtyPort::post_flush() {
  if (flush_posted_) return;
  flush_posted_ = true;
  boost::asio::post(master_.get_executor(), [self = shared_from_this()] {
    self->flush_posted_ = false;
    self->flush();
  });
}

void PtyPort::flush() {
  if (closed_ || waiting_writable_) return;
  for (;;) {
    if (out_off_ == out_.size()) {
      out_.clear();
      out_off_ = 0;
      if (next_.empty()) break;
      out_.swap(next_);
    }
    const std::size_t len = std::min(out_.size() - out_off_, kMaxWriteBatch);
    const ssize_t n = ::write(master_.native_handle(), out_.data() + out_off_, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_writable();
      break;
    }
    if (n < 0) {
      core::logger("port")->error("{}: write failed: {}", path_,
                                  std::generic_category().message(errno));
      return;
    }
    out_off_ += static_cast<std::size_t>(n);
  }
  check_drained();
}

void PtyPort::wait_writable() {
  waiting_writable_ = true;
  master_.async_wait(boost::asio::posix::descriptor_base::wait_write,
                     [self = shared_from_this()](const boost::system::error_code& ec) {
                       self->waiting_writable_ = false;
                       if (self->closed_ || ec == boost::asio::error::operation_aborted) return;
                       if (ec) {
                         core::logger("port")->error("{}: waiting to write failed: {}", self->path_,
                                                     ec.message());
                         return;
                       }
                       self->flush();
                     });
}

void PtyPort::check_drained() {
  if (!above_low_water_ || queued_output() > low_water()) return;
  above_low_water_ = false;
  if (listener_) listener_->on_output_drained();
}

std::size_t PtyPort::queued_output() const {
  return out_.size() - out_off_ + next_.size();
}

void PtyPort::pause_input() {
  paused_ = true;
}

void PtyPort::resume_input() {
  if (!paused_) return;
  paused_ = false;
  // Input that came while paused raised no event that anyone waited for.
  maybe_readable_ = true;
  do_read(shared_from_this());
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
