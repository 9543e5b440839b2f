#pragma once

#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "emulator/core/byte_channel.h"

namespace cellemu::port {

// The modem's UART as a pseudo-terminal. The slave side is put in raw mode (in cooked mode small
// writes are silently dropped once the line discipline's buffer fills) and one slave fd stays
// open for the port's lifetime, so a host closing and re-opening the port never makes the master
// read EIO. Output goes through one queue, written by this port alone; partial writes and EAGAIN
// are normal (a raw pty buffers only ~11-20 KiB).
//
// The hot path is one AT command: one readiness event, one read(), one write(); a stream of data
// costs one epoll_wait and one read() per chunk, with the master kept registered (see do_read).
// A read shorter than the buffer leaves the master empty, so no read() is spent on EAGAIN after
// a command line. What the session writes while handling input is written directly when the
// handler returns, and writes from other events (sockets, timers) are coalesced into one write
// by a single posted flush. Only a full pty makes the port wait for writability. Pausing input
// stops reading after the read in flight, whose bytes are kept and handed over on resume.
class PtyPort final : public core::ByteChannel, public std::enable_shared_from_this<PtyPort> {
 public:
  static std::shared_ptr<PtyPort> open(boost::asio::io_context& io, std::error_code& ec);
  ~PtyPort() override;

  void start(Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override;
  void pause_input() override;
  void resume_input() override;
  void close() override;
  std::string describe() const override { return path_; }

  const std::string& slave_path() const { return path_; }
  // The output speed the host last set on the pty (tcsetattr, pyserial's baudrate) in bits/s;
  // 115200 until it sets one; nullopt for B0 (hang up) or an unreadable termios.
  std::optional<unsigned> host_baud() const;

 private:
  PtyPort(boost::asio::io_context& io, int master, int slave, std::string path);
  // `self` is this port, owned by the pending read's handler: handed on, not copied.
  void do_read(std::shared_ptr<PtyPort>&& self);
  void on_readable(const boost::system::error_code& ec, std::shared_ptr<PtyPort>& self);
  void on_read(const boost::system::error_code& ec, std::size_t n, std::shared_ptr<PtyPort>& self);
  void consume(std::size_t n, std::shared_ptr<PtyPort>& self);
  void deliver(std::size_t n);
  void read_failed(const boost::system::error_code& ec);
  void grow_read_buffer(std::size_t size);
  void post_flush();
  void flush();
  void wait_writable();
  void check_drained();

  // Bound to the io_context's own executor type: no type-erased executor on every operation.
  boost::asio::posix::basic_stream_descriptor<boost::asio::io_context::executor_type> master_;
  // Open for the port's lifetime: a host closing the pty must not hang up the master (design.md);
  // host_baud() reads the host's termios through it.
  int slave_fd_;
  std::string path_;
  Listener* listener_ = nullptr;
  std::unique_ptr<char[]> read_buf_;  // read_cap_ bytes, allocated on first read
  std::size_t read_cap_ = 0;
  bool reading_ = false;
  bool streaming_ = false;  // the last read was bulk data: the reactor reads (see do_read)
  std::size_t held_ = 0;    // read_buf_[0, held_) came in after a pause, not yet delivered
  bool paused_ = false;
  bool closed_ = false;
  bool in_input_ = false;    // inside the listener's on_input: the read handler flushes after it
  std::string out_;          // being written
  std::size_t out_off_ = 0;  // out_[0, out_off_) is written
  std::string next_;         // queued behind out_ (see write())
  bool flush_posted_ = false;
  bool waiting_writable_ = false;
  bool above_low_water_ = false;
};

}  // namespace cellemu::port
