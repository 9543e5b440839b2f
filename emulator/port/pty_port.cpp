#include "emulator/port/pty_port.h"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"

namespace cellemu::port {
namespace {
// The read buffer: small for command lines, large once data streams in (a stream is read until
// the master is empty, so one wake-up hands the listener all that arrived, up to 64 KiB). Pages
// are touched only by what is read: an idle modem's buffer costs no resident memory.
constexpr std::size_t kPtyReadSize = 8192;
constexpr std::size_t kPtyStreamReadSize = 64 * 1024;
// A read this large means bulk data (the pty hands over up to ~4 KiB per read); command lines
// are shorter.
constexpr std::size_t kPtyStreamingRead = 1024;
constexpr std::size_t kPtyMaxWriteBatch = 64 * 1024;

// Every termios speed code a host can set, with its rate. B0 (hang up) has none.
constexpr std::pair<speed_t, unsigned> kSpeeds[] = {
    {B50, 50},           {B75, 75},           {B110, 110},         {B134, 134},
    {B150, 150},         {B200, 200},         {B300, 300},         {B600, 600},
    {B1200, 1200},       {B1800, 1800},       {B2400, 2400},       {B4800, 4800},
    {B9600, 9600},       {B19200, 19200},     {B38400, 38400},     {B57600, 57600},
    {B115200, 115200},   {B230400, 230400},   {B460800, 460800},   {B500000, 500000},
    {B576000, 576000},   {B921600, 921600},   {B1000000, 1000000}, {B1152000, 1152000},
    {B1500000, 1500000}, {B2000000, 2000000}, {B2500000, 2500000}, {B3000000, 3000000},
    {B3500000, 3500000}, {B4000000, 4000000}};

std::optional<unsigned> baud_rate(speed_t code) {
  for (const auto& [speed, rate] : kSpeeds) {
    if (speed == code) return rate;
  }
  return std::nullopt;
}
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

// `self` is this port; each read hands it on to the next, so the read loop keeps the port alive
// without touching its reference count.
//
// Two ways to wait, because Asio 1.74 offers no cheap one for both kinds of traffic:
// - Streaming (the last read brought a bulk chunk, as in data mode): the reactor reads
//   (async_read_some). The master stays registered with epoll, edge-triggered, and the next read
//   is tried at once, which under a stream finds the next chunk: one epoll_wait and one read()
//   per chunk, as bench/fast_relay.c makes.
// - Command lines (short reads): a readiness wait (async_wait, which re-arms the descriptor with
//   one epoll_ctl), then one read(). A speculative read would find the master empty after every
//   line and cost as much as the re-arm, plus Asio's read operation (~90 instructions per `AT`).
// strace and callgrind figures for both are in bench/README.md.
void PtyPort::do_read(std::shared_ptr<PtyPort>&& self) {
  if (reading_ || paused_ || closed_ || held_ > 0) return;
  reading_ = true;
  if (streaming_) {  // a read made streaming_ true: the buffer exists
    if (read_cap_ < kPtyStreamReadSize) grow_read_buffer(kPtyStreamReadSize);
    master_.async_read_some(
        boost::asio::buffer(read_buf_.get(), read_cap_),
        [self = std::move(self)](const boost::system::error_code& ec, std::size_t n) mutable {
          self->on_read(ec, n, self);
        });
    return;
  }
  master_.async_wait(boost::asio::posix::descriptor_base::wait_read,
                     [self = std::move(self)](const boost::system::error_code& ec) mutable {
                       self->on_readable(ec, self);
                     });
}

// The master is readable (command lines): one read().
void PtyPort::on_readable(const boost::system::error_code& ec, std::shared_ptr<PtyPort>& self) {
  reading_ = false;
  if (closed_) return;
  if (ec) return read_failed(ec);
  if (paused_) return;  // the input stays in the pty; resume_input waits for it again
  if (!read_buf_) grow_read_buffer(kPtyReadSize);  // on first use
  ssize_t got = 0;
  do {
    got = ::read(master_.native_handle(), read_buf_.get(), read_cap_);
  } while (got < 0 && errno == EINTR);
  if (got > 0) return consume(static_cast<std::size_t>(got), self);
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return do_read(std::move(self));
  read_failed(got == 0 ? boost::asio::error::eof
                       : boost::system::error_code(errno, boost::system::system_category()));
}

// The reactor read n bytes (streaming).
void PtyPort::on_read(const boost::system::error_code& ec, std::size_t n,
                      std::shared_ptr<PtyPort>& self) {
  reading_ = false;
  if (closed_) return;
  if (ec) return read_failed(ec);
  if (paused_) {
    // Read after input was paused: kept (one buffer at most) until resumed.
    held_ = n;
    return;
  }
  // Read on until the master is empty or the buffer full: what arrived while the last chunk was
  // handled goes to the listener (and on to a socket) as one.
  while (n < read_cap_) {
    const ssize_t more = ::read(master_.native_handle(), read_buf_.get() + n, read_cap_ - n);
    if (more <= 0) break;  // EAGAIN: empty; errors come back to the next read
    n += static_cast<std::size_t>(more);
  }
  consume(n, self);
}

void PtyPort::grow_read_buffer(std::size_t size) {
  // Not value-initialised: untouched pages stay unmapped. Called with nothing held in it.
  read_buf_ = std::make_unique_for_overwrite<char[]>(size);
  read_cap_ = size;
}

void PtyPort::consume(std::size_t n, std::shared_ptr<PtyPort>& self) {
  streaming_ = n >= kPtyStreamingRead;
  deliver(n);
  if (closed_) return;
  if (!out_.empty()) flush();
  do_read(std::move(self));
}

void PtyPort::deliver(std::size_t n) {
  if (!listener_ || n == 0) return;
  in_input_ = true;
  listener_->on_input(std::string_view(read_buf_.get(), n));
  in_input_ = false;
}

void PtyPort::read_failed(const boost::system::error_code& ec) {
  if (ec == boost::asio::error::operation_aborted) return;
  core::logger("port")->error("{}: read failed: {}", path_, ec.message());
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
    const std::size_t len = std::min(out_.size() - out_off_, kPtyMaxWriteBatch);
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
  if (held_ == 0) return do_read(shared_from_this());
  // Input read while paused goes to the listener from the loop, not from inside the caller
  // (resume_input is called from the listener's own code).
  boost::asio::post(master_.get_executor(), [self = shared_from_this()]() mutable {
    if (self->paused_ || self->closed_ || self->held_ == 0) return;
    self->consume(std::exchange(self->held_, 0), self);
  });
}

void PtyPort::close() {
  if (closed_) return;
  closed_ = true;
  listener_ = nullptr;
  boost::system::error_code ec;
  master_.close(ec);
}

// The host's termios, read through the slave fd the port keeps, then its speed code as bits/s.
std::optional<unsigned> PtyPort::host_baud() const {
  termios t{};
  if (::tcgetattr(slave_fd_, &t) != 0) return std::nullopt;
  return baud_rate(::cfgetospeed(&t));
}

}  // namespace cellemu::port
