#include "tests/support/loopback_servers.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "tests/support/ordered_writes.h"

namespace cellemu::testing {

namespace asio = boost::asio;
using boost::system::error_code;

ServerThread::ServerThread()
    : work_(std::make_unique<asio::executor_work_guard<asio::io_context::executor_type>>(
          io_.get_executor())),
      thread_([this] { io_.run(); }) {}

ServerThread::~ServerThread() {
  work_.reset();
  io_.stop();
  thread_.join();
}

void ServerThread::run(const std::function<void()>& fn) {
  std::promise<void> done;
  asio::post(io_, [&] {
    fn();
    done.set_value();
  });
  done.get_future().wait();
}

struct TcpServer::Conn {
  explicit Conn(asio::ip::tcp::socket s) : socket(std::move(s)) {}
  asio::ip::tcp::socket socket;
  std::array<char, 65536> buf{};
  std::string received;
  bool closed = false;
  bool paused = false;
  bool reading = false;
  OrderedWrites<asio::ip::tcp::socket> writes{socket};
};

TcpServer::TcpServer(Mode mode) : mode_(mode), acceptor_(thread_.io()) {
  thread_.run([&] {
    acceptor_.start([this](asio::ip::tcp::socket socket) { on_accept(std::move(socket)); });
  });
}

TcpServer::~TcpServer() {
  thread_.run([&] {
    error_code ignored;
    acceptor_.close();
    for (auto& c : conns_) c->socket.close(ignored);
  });
}

void TcpServer::on_accept(asio::ip::tcp::socket socket) {
  auto conn = std::make_shared<Conn>(std::move(socket));
  {
    std::lock_guard lock(mu_);
    conns_.push_back(conn);
  }
  cv_.notify_all();
  do_read(conn);
}

void TcpServer::do_read(const std::shared_ptr<Conn>& c) {
  if (c->paused || c->reading) return;
  c->reading = true;
  c->socket.async_read_some(asio::buffer(c->buf), [this, c](const error_code& ec, std::size_t n) {
    c->reading = false;
    {
      std::lock_guard lock(mu_);
      c->received.append(c->buf.data(), n);
      if (ec) c->closed = true;
    }
    cv_.notify_all();
    if (ec) return;
    if (mode_ == Mode::Echo && n > 0) c->writes.write(std::string(c->buf.data(), n), c);
    do_read(c);
  });
}

bool TcpServer::wait(const std::function<bool()>& pred, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, pred);
}

std::size_t TcpServer::connections() const {
  std::lock_guard lock(mu_);
  return conns_.size();
}

bool TcpServer::wait_connections(std::size_t n, std::chrono::milliseconds deadline) {
  return wait([&] { return conns_.size() >= n; }, deadline);
}

std::string TcpServer::received(std::size_t conn) const {
  std::lock_guard lock(mu_);
  return conn < conns_.size() ? conns_[conn]->received : std::string();
}

bool TcpServer::wait_received(std::size_t conn, std::size_t bytes,
                              std::chrono::milliseconds deadline) {
  return wait([&] { return conn < conns_.size() && conns_[conn]->received.size() >= bytes; },
              deadline);
}

bool TcpServer::wait_peer_closed(std::size_t conn, std::chrono::milliseconds deadline) {
  return wait([&] { return conn < conns_.size() && conns_[conn]->closed; }, deadline);
}

void TcpServer::send(std::size_t conn, std::string data) {
  thread_.run([&] {
    auto c = conns_.at(conn);
    c->writes.write(std::move(data), c);
  });
}

void TcpServer::close(std::size_t conn) {
  thread_.run([&] {
    error_code ignored;
    conns_.at(conn)->socket.shutdown(asio::socket_base::shutdown_send, ignored);
  });
}

void TcpServer::reset(std::size_t conn) {
  thread_.run([&] {
    error_code ignored;
    auto& s = conns_.at(conn)->socket;
    s.set_option(asio::socket_base::linger(true, 0), ignored);
    s.close(ignored);
  });
}

void TcpServer::pause_reading(std::size_t conn, bool paused) {
  thread_.run([&] {
    auto c = conns_.at(conn);
    c->paused = paused;
    if (!paused) do_read(c);
  });
}

UdpServer::UdpServer(bool echo) : echo_(echo), socket_(thread_.io()) {
  thread_.run([&] {
    const asio::ip::udp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
    socket_.open(local.protocol());
    socket_.bind(local);
    port_ = socket_.local_endpoint().port();
    do_read();
  });
}

UdpServer::~UdpServer() {
  thread_.run([&] {
    error_code ignored;
    socket_.close(ignored);
  });
}

void UdpServer::do_read() {
  socket_.async_receive_from(asio::buffer(buf_), sender_,
                             [this](const error_code& ec, std::size_t n) {
                               if (ec == asio::error::operation_aborted) return;
                               if (!ec) {
                                 {
                                   std::lock_guard lock(mu_);
                                   datagrams_.emplace_back(buf_.data(), n);
                                   last_ = sender_;
                                 }
                                 cv_.notify_all();
                                 if (echo_) {
                                   auto copy = std::make_shared<std::string>(buf_.data(), n);
                                   socket_.async_send_to(asio::buffer(*copy), sender_,
                                                         [copy](const error_code&, std::size_t) {});
                                 }
                               }
                               do_read();
                             });
}

std::vector<std::string> UdpServer::datagrams() const {
  std::lock_guard lock(mu_);
  return datagrams_;
}

bool UdpServer::wait_datagrams(std::size_t n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return datagrams_.size() >= n; });
}

void UdpServer::send_to_last(std::string data) {
  thread_.run([&] {
    auto copy = std::make_shared<std::string>(std::move(data));
    socket_.async_send_to(asio::buffer(*copy), last_, [copy](const error_code&, std::size_t) {});
  });
}

std::uint16_t UdpServer::last_sender_port() const {
  std::lock_guard lock(mu_);
  return last_.port();
}

std::uint16_t refused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);  // bound but never listening: the port is free and refuses connections
  return ntohs(addr.sin_port);
}

TcpClient::TcpClient(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) close();
}

TcpClient::~TcpClient() {
  close();
}

void TcpClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void TcpClient::send(std::string_view data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

std::string TcpClient::read_exact(std::size_t n, std::chrono::milliseconds deadline) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (out.size() < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[65536];
    const ssize_t got = ::recv(fd_, buf, std::min(sizeof buf, n - out.size()), 0);
    if (got <= 0) break;
    out.append(buf, static_cast<std::size_t>(got));
  }
  return out;
}

bool TcpClient::wait_closed(std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    const ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) return true;
  }
}

}  // namespace cellemu::testing
