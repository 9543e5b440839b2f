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
// read EIO. Output goes through one queue with one write in flight; partial writes and EAGAIN
// are normal (a raw pty buffers only ~11-20 KiB).
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
  // The kept slave fd: lets the session observe the termios (baud rate) a host sets.
  int slave_fd() const { return slave_fd_; }
  // The output speed the host last set on the pty (tcsetattr, pyserial's baudrate) in bits/s;
  // 115200 until it sets one; nullopt for B0 (hang up) or an unreadable termios.
  std::optional<unsigned> host_baud() const;

 private:
  PtyPort(boost::asio::io_context& io, int master, int slave, std::string path);
  void do_read();
  void on_read(const boost::system::error_code& ec, std::size_t n);
  void schedule_write();
  void do_write();
  void on_write(const boost::system::error_code& ec, std::size_t n);

  boost::asio::posix::stream_descriptor master_;
  int slave_fd_;
  std::string path_;
  Listener* listener_ = nullptr;
  std::vector<char> read_buf_;
  bool reading_ = false;
  bool paused_ = false;
  bool closed_ = false;
  std::string inflight_;
  std::size_t inflight_off_ = 0;
  std::string pending_;
  bool writing_ = false;
  bool above_low_water_ = false;
};

}  // namespace cellemu::port
