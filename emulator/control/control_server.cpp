#include "emulator/control/control_server.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "emulator/control/control_request.h"
#include "emulator/control/fault_injector.h"
#include "emulator/core/logging.h"

namespace cellemu::control {

namespace asio = boost::asio;
using local = asio::local::stream_protocol;
using nlohmann::json;

namespace {

json failure(std::string message) {
  return {{"ok", false}, {"error", std::move(message)}};
}

// Whether a listener answers on the Unix socket at `path` (a live emulator, not a stale file).
// Non-blocking: a listener whose backlog is full still counts as alive.
bool answers(const std::string& path) {
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) return false;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, path.size());
  const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const bool alive = rc == 0 || errno == EAGAIN || errno == EINPROGRESS;
  ::close(fd);
  return alive;
}

}  // namespace

std::string ControlServer::reply_line(const json& reply) {
  // Replies may quote input that is not UTF-8: replaced, never thrown on.
  return reply.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

class ControlServer::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(local::socket socket, ControlServer& server)
      : socket_(std::move(socket)), server_(server), alive_(server.alive_), buf_(kMaxRequest) {
    ++server_.clients_;
  }
  ~Connection() {
    if (*alive_) --server_.clients_;
  }
  void start() { do_read(); }
  // Says why and hangs up (too many clients, a request line too long).
  void refuse(const std::string& why) { do_write(reply_line(failure(why)), false); }

 private:
  void do_read() {
    asio::async_read_until(socket_, buf_, '\n',
                           [self = shared_from_this()](const boost::system::error_code& ec,
                                                       std::size_t n) { self->on_read(ec, n); });
  }
  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (!*alive_) return;
    if (ec == asio::error::not_found) {
      return refuse("request longer than " + std::to_string(kMaxRequest) +
                    " bytes; send one JSON object per line");
    }
    if (ec) return;  // EOF or error: the client left
    std::string line(asio::buffers_begin(buf_.data()), asio::buffers_begin(buf_.data()) + n);
    buf_.consume(n);
    server_.handle(line, [self = shared_from_this()](json reply) {
      if (*self->alive_) self->do_write(reply_line(reply), true);
    });
  }
  void do_write(std::string text, bool then_read) {
    auto out = std::make_shared<std::string>(std::move(text));
    asio::async_write(socket_, asio::buffer(*out),
                      [self = shared_from_this(), out, then_read](
                          const boost::system::error_code& e, std::size_t) {
                        if (!e && then_read && *self->alive_) self->do_read();
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
  // Only our own socket: never a file someone put there since.
  struct stat st {};
  if (!path_.empty() && ::lstat(path_.c_str(), &st) == 0 && st.st_dev == bound_dev_ &&
      st.st_ino == bound_ino_) {
    ::unlink(path_.c_str());
  }
}

std::error_code ControlServer::listen(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) return std::make_error_code(std::errc::file_exists);
    // Another emulator's live socket is left alone; a stale one from an earlier run is replaced.
    if (answers(path)) return std::make_error_code(std::errc::address_in_use);
    ::unlink(path.c_str());
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
  if (::lstat(path.c_str(), &st) == 0) {
    bound_dev_ = st.st_dev;
    bound_ino_ = st.st_ino;
  }
  path_ = path;
  do_accept();
  return {};
}

void ControlServer::do_accept() {
  acceptor_.async_accept(
      [this, alive = alive_](const boost::system::error_code& ec, local::socket socket) {
        if (!*alive || ec == asio::error::operation_aborted) return;
        if (ec) {
          core::logger("control")->error("{}: accept: {}; no more control clients", path_,
                                         ec.message());
          return;
        }
        auto client = std::make_shared<Connection>(std::move(socket), *this);
        if (clients_ > kMaxClients) {
          client->refuse("too many control clients (" + std::to_string(kMaxClients) +
                         " connected); close one and retry");
        } else {
          client->start();
        }
        do_accept();
      });
}

void ControlServer::handle(const std::string& line, std::function<void(json)> reply) {
  std::string error;
  auto request = ControlRequest::parse(line, modems_.size(), error);
  if (!request) return reply(failure(error));
  modems_.run_on(
      request->modem,
      [c = std::move(request->command)](session::ModemSession& m) { return apply_fault(m, c); },
      std::move(reply));
}

}  // namespace cellemu::control
