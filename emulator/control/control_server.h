#pragma once

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
// per line each way. Request: {"cmd":"link 0 reset","modem":0} (or "args":["link","0","reset"]);
// reply: {"ok":true,...} or {"ok":false,"error":"..."}. `cellemu ctl` is its client.
class ControlServer {
 public:
  ControlServer(boost::asio::io_context& io, ModemDirectory& modems);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  std::error_code listen(const std::string& path);
  // Handles one request object (also used by tests without a socket).
  void handle(const std::string& line, std::function<void(nlohmann::json)> reply);

 private:
  class Connection;
  void do_accept();

  ModemDirectory& modems_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::string path_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// `cellemu ctl`: sends one verb, prints the reply; returns the process exit code.
int run_ctl(const std::string& path, int modem, const std::vector<std::string>& words);

}  // namespace cellemu::control
