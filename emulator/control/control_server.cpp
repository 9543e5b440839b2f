#include "emulator/control/control_server.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "emulator/control/fault_injector.h"
#include "emulator/core/logging.h"

namespace cellemu::control {

namespace asio = boost::asio;
using local = asio::local::stream_protocol;
using nlohmann::json;

namespace {
constexpr std::size_t kMaxRequest = 64 * 1024;
}

class ControlServer::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(local::socket socket, ControlServer& server, std::shared_ptr<bool> alive)
      : socket_(std::move(socket)), server_(server), alive_(std::move(alive)), buf_(kMaxRequest) {}
  void start() { do_read(); }

 private:
  void do_read() {
    asio::async_read_until(socket_, buf_, '\n',
                           [self = shared_from_this()](const boost::system::error_code& ec,
                                                       std::size_t n) { self->on_read(ec, n); });
  }
  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (ec || !*alive_) return;  // EOF, error, or a request longer than kMaxRequest
    std::string line(asio::buffers_begin(buf_.data()), asio::buffers_begin(buf_.data()) + n);
    buf_.consume(n);
    server_.handle(line, [self = shared_from_this()](json reply) {
      auto out = std::make_shared<std::string>(reply.dump() + "\n");
      asio::async_write(self->socket_, asio::buffer(*out),
                        [self, out](const boost::system::error_code& e, std::size_t) {
                          if (!e) self->do_read();
                        });
    });
  }

  local::socket socket_;
  ControlServer& server_;
  std::shared_ptr<bool> alive_;
  asio::streambuf buf_;
};

ControlServer::ControlServer(asio::io_context& io, ModemDirectory& modems)
    : modems_(modems), acceptor_(io) {}

ControlServer::~ControlServer() {
  *alive_ = false;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  if (!path_.empty()) ::unlink(path_.c_str());
}

std::error_code ControlServer::listen(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) return std::make_error_code(std::errc::file_exists);
    ::unlink(path.c_str());  // a stale socket from an earlier run
  }
  boost::system::error_code ec;
  acceptor_.open(local(), ec);
  // Only the user running the emulator may inject faults: the socket is born 0600.
  const mode_t old = ::umask(0177);
  if (!ec) acceptor_.bind(local::endpoint(path), ec);
  ::umask(old);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return std::error_code(ec.value(), std::generic_category());
  ::chmod(path.c_str(), 0600);
  path_ = path;
  do_accept();
  return {};
}

void ControlServer::do_accept() {
  acceptor_.async_accept(
      [this, alive = alive_](const boost::system::error_code& ec, local::socket socket) {
        if (ec || !*alive) return;
        std::make_shared<Connection>(std::move(socket), *this, alive_)->start();
        do_accept();
      });
}

void ControlServer::handle(const std::string& line, std::function<void(json)> reply) {
  json request = json::parse(line, nullptr, false);
  if (request.is_discarded() || !request.is_object()) {
    return reply({{"ok", false}, {"error", "not a JSON object; send {\"cmd\":\"status\"}"}});
  }
  std::vector<std::string> words;
  if (request.contains("args") && request["args"].is_array()) {
    for (const auto& a : request["args"]) {
      words.push_back(a.is_string() ? a.get<std::string>() : a.dump());
    }
  } else if (request.contains("cmd") && request["cmd"].is_string()) {
    words = split_words(request["cmd"].get<std::string>());
  }
  std::string error;
  auto command = parse_fault(words, error);
  if (!command) return reply({{"ok", false}, {"error", error}});
  const auto modem = request.value("modem", 0);
  if (modem < 0 || static_cast<std::size_t>(modem) >= modems_.size()) {
    return reply({{"ok", false},
                  {"error", "no modem " + std::to_string(modem) + " (this emulator runs " +
                                std::to_string(modems_.size()) + ")"}});
  }
  modems_.run_on(
      static_cast<std::size_t>(modem),
      [c = *command](session::ModemSession& m) { return apply_fault(m, c); }, std::move(reply));
}

int run_ctl(const std::string& path, int modem, const std::vector<std::string>& words) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    std::fprintf(stderr, "ctl: control path too long: %s\n", path.c_str());
    return 2;
  }
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::fprintf(stderr, "ctl: cannot connect to %s: %s (is cellemu running with --control %s?)\n",
                 path.c_str(), std::strerror(errno), path.c_str());
    ::close(fd);
    return 2;
  }
  const std::string request = json{{"args", words}, {"modem", modem}}.dump() + "\n";
  if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return 2;
  }
  std::string reply;
  char buf[4096];
  while (reply.find('\n') == std::string::npos) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  const json parsed = json::parse(reply, nullptr, false);
  if (parsed.is_discarded()) {
    std::fprintf(stderr, "ctl: no reply from %s\n", path.c_str());
    return 2;
  }
  if (!parsed.value("ok", false)) {
    std::fprintf(stderr, "ctl: %s\n", parsed.value("error", std::string("failed")).c_str());
    return 1;
  }
  if (parsed.contains("status")) {
    std::printf("%s\n", parsed["status"].dump(2).c_str());
  } else {
    std::printf("ok\n");
  }
  return 0;
}

}  // namespace cellemu::control
