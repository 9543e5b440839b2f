#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <nlohmann/json.hpp>

#include "emulator/session/modem_session.h"

namespace cellemu::control {

// Where the control server finds modem number i. Implementations run `fn` on the modem's own
// thread and call `done` back on the server's thread.
class ModemDirectory {
 public:
  using Task = std::function<nlohmann::json(session::ModemSession&)>;
  virtual ~ModemDirectory() = default;
  virtual std::size_t size() const = 0;
  virtual void run_on(std::size_t index, Task fn, std::function<void(nlohmann::json)> done) = 0;
};

// Every modem lives on the server's own thread.
class LocalDirectory final : public ModemDirectory {
 public:
  explicit LocalDirectory(std::vector<session::ModemSession*> modems)
      : modems_(std::move(modems)) {}
  std::size_t size() const override { return modems_.size(); }
  void run_on(std::size_t index, Task fn, std::function<void(nlohmann::json)> done) override {
    done(fn(*modems_.at(index)));
  }

 private:
  std::vector<session::ModemSession*> modems_;
};

// The live fault-injection API (--control PATH): a Unix socket created mode 0600, one JSON object
// per line each way. Request: {"cmd":"link 0 reset","modem":0} (or "args":["link","0","reset"]),
// checked by ControlRequest; reply: {"ok":true,...} or {"ok":false,"error":"..."}. `cellemu ctl`
// (ctl_client.h) is its client. Bounded: at most kMaxClients connections (the next one gets a
// refusal line and is closed), requests of at most kMaxRequest bytes (a longer line is answered
// with an error and the connection closed), one request in progress per connection.
class ControlServer {
 public:
  static constexpr std::size_t kMaxClients = 16;
  static constexpr std::size_t kMaxRequest = 64 * 1024;

  ControlServer(boost::asio::io_context& io, ModemDirectory& modems);
  // Removes the socket file, if it is still the one listen() made.
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds `path`. A stale socket file (nobody answers) is replaced; a live one, another emulator's,
  // is refused with errc::address_in_use; any other file with errc::file_exists.
  std::error_code listen(const std::string& path);
  // Handles one request line (also used by tests and the fuzzer without a socket).
  void handle(const std::string& line, std::function<void(nlohmann::json)> reply);
  // A reply as sent: one line of JSON, text that is not UTF-8 replaced rather than thrown on.
  static std::string reply_line(const nlohmann::json& reply);

 private:
  class Connection;
  void do_accept();

  ModemDirectory& modems_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::string path_;
  dev_t bound_dev_ = 0;
  ino_t bound_ino_ = 0;
  std::size_t clients_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace cellemu::control
