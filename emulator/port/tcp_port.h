#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "emulator/core/byte_channel.h"
#include "emulator/core/timer_service.h"

namespace cellemu::port {

// Where --listen binds: "PORT", "HOST:PORT" or "[IPv6]:PORT"; HOST is an IP address or
// "localhost". Port 0 picks a free port.
struct ListenAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;

  static std::optional<ListenAddress> parse(std::string_view text);
};

// The modem's AT channel on a TCP socket (--listen): pyserial's socket://, telnet or a container
// neighbour drive it like the pty. One client at a time; a second one is refused: it receives
// "\r\nBUSY\r\n" (the V.250 result code) and is closed, so a running test is never disturbed.
// Output written while no client is connected is discarded (like a UART nobody listens to).
// Every response leaves in one send with TCP_NODELAY: writes made while handling one event are
// coalesced, and a peer never waits for Nagle's 40 ms. With an idle timeout (--listen-idle), a
// client that sends nothing for that long (emulated time) is disconnected, so a forgotten
// connection cannot hold the only slot forever.
class TcpPort final : public core::ByteChannel, public std::enable_shared_from_this<TcpPort> {
 public:
  static std::shared_ptr<TcpPort> open(boost::asio::io_context& io, const ListenAddress& where,
                                       std::error_code& ec);
  ~TcpPort() override;

  void start(Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override;
  void pause_input() override;
  void resume_input() override;
  void close() override;
  // "tcp://127.0.0.1:34567" with the port actually bound.
  std::string describe() const override;

  // Disconnects a client that has sent nothing for `idle` on `timers` (which must outlive the
  // port); zero: never (the default).
  void set_idle_timeout(core::TimerService& timers, core::Duration idle);

  std::uint16_t port() const { return port_; }
  // True when the bound address is not a loopback one (the program warns about it).
  bool exposed() const { return exposed_; }

 private:
  using Socket = boost::asio::ip::tcp::socket;
  // The connected client and its buffers; they exist only while someone is connected. Handlers
  // keep their client alive and do nothing once it is no longer the current one.
  struct Client {
    explicit Client(Socket s) : socket(std::move(s)) {}
    Socket socket;
    std::string peer;
    std::vector<char> read_buf;
    bool reading = false;
    std::string inflight;
    std::size_t inflight_off = 0;
    std::string pending;
    bool writing = false;
  };

  TcpPort(boost::asio::io_context& io, boost::asio::ip::tcp::acceptor acceptor);
  void do_accept();
  void on_accept(const boost::system::error_code& ec, Socket socket);
  void refuse(Socket socket);
  void do_read(const std::shared_ptr<Client>& c);
  void on_read(const std::shared_ptr<Client>& c, const boost::system::error_code& ec,
               std::size_t n);
  void schedule_write(const std::shared_ptr<Client>& c);
  void do_write(const std::shared_ptr<Client>& c);
  void on_write(const std::shared_ptr<Client>& c, const boost::system::error_code& ec,
                std::size_t n);
  void drop_client(std::string_view why);
  void check_idle();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer accept_retry_;  // socket hygiene, not emulated time
  std::uint16_t port_ = 0;
  std::string host_;
  bool exposed_ = false;
  Listener* listener_ = nullptr;
  bool closed_ = false;
  bool paused_ = false;
  bool above_low_water_ = false;
  std::shared_ptr<Client> client_;
  core::Duration idle_{0};
  std::unique_ptr<core::Timer> idle_timer_;
  core::TimerService* timers_ = nullptr;
  core::TimePoint last_input_{};
};

}  // namespace cellemu::port
