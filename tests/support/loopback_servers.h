#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>

#include "tests/support/loopback_acceptor.h"

namespace cellemu::testing {

using namespace std::chrono_literals;

// An io_context on its own thread, for peers that must keep running while the test thread
// blocks on the pty or polls the emulator.
class ServerThread {
 public:
  ServerThread();
  ~ServerThread();
  boost::asio::io_context& io() { return io_; }
  // Runs fn on the server thread and waits for it.
  void run(const std::function<void()>& fn);

 private:
  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;
};

// A TCP server on 127.0.0.1:<ephemeral>. Records every byte each accepted connection sends;
// optionally echoes. Tests wait on its state with deadlines, never with sleeps.
class TcpServer {
 public:
  enum class Mode { Sink, Echo };
  explicit TcpServer(Mode mode = Mode::Sink);
  ~TcpServer();

  std::uint16_t port() const { return acceptor_.port(); }
  std::size_t connections() const;
  bool wait_connections(std::size_t n, std::chrono::milliseconds deadline = 5s);
  std::string received(std::size_t conn = 0) const;
  bool wait_received(std::size_t conn, std::size_t bytes, std::chrono::milliseconds deadline = 5s);
  void send(std::size_t conn, std::string data);
  void close(std::size_t conn);  // FIN
  void reset(std::size_t conn);  // RST
  bool wait_peer_closed(std::size_t conn, std::chrono::milliseconds deadline = 5s);
  // Stops reading connection `conn` (its receive window fills: backpressure on the sender).
  void pause_reading(std::size_t conn, bool paused);

 private:
  struct Conn;
  void on_accept(boost::asio::ip::tcp::socket socket);
  void do_read(const std::shared_ptr<Conn>& c);
  bool wait(const std::function<bool()>& pred, std::chrono::milliseconds deadline);

  Mode mode_;
  ServerThread thread_;
  LoopbackAcceptor acceptor_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<Conn>> conns_;
};

// A UDP server on 127.0.0.1:<ephemeral>: records datagrams, optionally echoes each one.
class UdpServer {
 public:
  explicit UdpServer(bool echo = false);
  ~UdpServer();
  std::uint16_t port() const { return port_; }
  std::vector<std::string> datagrams() const;
  bool wait_datagrams(std::size_t n, std::chrono::milliseconds deadline = 5s);
  void send_to_last(std::string data);
  std::uint16_t last_sender_port() const;

 private:
  void do_read();
  bool echo_;
  ServerThread thread_;
  boost::asio::ip::udp::socket socket_;
  std::uint16_t port_ = 0;
  std::vector<char> buf_ = std::vector<char>(65536);
  boost::asio::ip::udp::endpoint sender_;
  boost::asio::ip::udp::endpoint last_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> datagrams_;
};

// A loopback port nobody listens on (connects to it are refused).
std::uint16_t refused_port();

// A TCP client for tests of listeners the module opens.
class TcpClient {
 public:
  explicit TcpClient(std::uint16_t port);
  ~TcpClient();
  bool connected() const { return fd_ >= 0; }
  void send(std::string_view data);
  std::string read_exact(std::size_t n, std::chrono::milliseconds deadline = 5s);
  bool wait_closed(std::chrono::milliseconds deadline = 5s);
  void close();

 private:
  int fd_ = -1;
};

}  // namespace cellemu::testing
