#include "emulator/replay/replay_runner.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

#include "emulator/control/fault_command.h"
#include "emulator/control/fault_injector.h"
#include "emulator/core/asio_timer_service.h"
#include "emulator/core/bytes.h"
#include "emulator/core/memory_channel.h"
#include "emulator/session/modem_session.h"

namespace cellemu::replay {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// One host entry (or directive) and the module output the log shows after it.
struct Step {
  LogEntry action;  // Host, Fault, HiddenHost; a Module entry marks the power-up step
  std::string expected;
};

std::vector<Step> group(const std::vector<LogEntry>& log) {
  std::vector<Step> steps;
  steps.push_back({LogEntry{LogEntry::Kind::Module, {}, {}, 0}, {}});  // power-up output
  for (const auto& e : log) {
    if (e.kind == LogEntry::Kind::Module) {
      auto& expected = steps.back().expected;
      if (!expected.empty()) expected += "\n";
      expected += e.data;
    } else {
      steps.push_back({e, {}});
    }
  }
  return steps;
}

// The servers the log's connections reach: one TCP listener and one UDP socket on the same port
// of 127.0.0.1, taking whatever comes (and echoing it when asked).
class Peers {
 public:
  Peers(asio::io_context& io, bool echo) : acceptor_(io), udp_(io), echo_(echo) {}
  std::uint16_t open() {
    for (int attempt = 0; attempt < 20; ++attempt) {
      error_code ec;
      acceptor_ = asio::ip::tcp::acceptor(acceptor_.get_executor());
      udp_ = asio::ip::udp::socket(udp_.get_executor());
      acceptor_.open(asio::ip::tcp::v4(), ec);
      if (!ec) acceptor_.bind({asio::ip::make_address_v4("127.0.0.1"), 0}, ec);
      if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
      if (ec) continue;
      const auto port = acceptor_.local_endpoint().port();
      udp_.open(asio::ip::udp::v4(), ec);
      if (!ec) udp_.bind({asio::ip::make_address_v4("127.0.0.1"), port}, ec);
      if (ec) continue;
      accept();
      receive();
      return port;
    }
    return 0;
  }

 private:
  void accept() {
    acceptor_.async_accept([this](const error_code& ec, asio::ip::tcp::socket s) {
      if (ec) return;
      read(std::make_shared<asio::ip::tcp::socket>(std::move(s)));
      accept();
    });
  }
  void read(std::shared_ptr<asio::ip::tcp::socket> s) {
    auto buf = std::make_shared<std::array<char, 4096>>();
    s->async_read_some(asio::buffer(*buf), [this, s, buf](const error_code& ec, std::size_t n) {
      if (ec) return;
      if (echo_)
        asio::async_write(*s, asio::buffer(buf->data(), n), [](const error_code&, std::size_t) {});
      read(s);
    });
  }
  void receive() {
    udp_.async_receive_from(asio::buffer(udp_buf_), sender_,
                            [this](const error_code& ec, std::size_t n) {
                              if (ec == asio::error::operation_aborted) return;
                              if (!ec && echo_)
                                udp_.send_to(asio::buffer(udp_buf_.data(), n), sender_);
                              receive();
                            });
  }

  asio::ip::tcp::acceptor acceptor_;
  asio::ip::udp::socket udp_;
  bool echo_;
  std::array<char, 65536> udp_buf_{};
  asio::ip::udp::endpoint sender_;
};

// Runs the emulator until it has said at least `want` comparable lines and then kept quiet
// briefly, or until it has been quiet for the settle time.
std::string collect(asio::io_context& io, core::MemoryChannel& channel, const OutputMatcher& m,
                    std::size_t want, std::chrono::milliseconds settle) {
  std::string out;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  auto quiet_since = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
    std::string more = channel.take_output();
    const auto now = std::chrono::steady_clock::now();
    if (!more.empty()) {
      out += more;
      quiet_since = now;
      continue;
    }
    const bool enough = want > 0 && m.lines(out).size() >= want;
    if (now - quiet_since >= (enough ? std::chrono::milliseconds(30) : settle)) break;
  }
  return out;
}

}  // namespace

ReplayResult replay_log(const std::vector<LogEntry>& log, const ReplayOptions& options) {
  ReplayResult result;
  session::SessionConfig config;
  const bool known_model = models::profile_by_name(options.model, config.profile);
  // What differs between firmware builds comes from the model (its profile).
  OutputMatcher matcher(config.profile.build_pattern);
  for (const auto& rule : options.ignore) {
    if (!matcher.ignore(rule)) {
      result.error = "--ignore '" + rule + "' is not a valid regular expression";
      return result;
    }
  }
  if (!known_model) {
    result.error = "unknown model '" + options.model + "'";
    return result;
  }
  asio::io_context io;
  core::AsioTimerService timers(io);
  Peers peers(io, options.echo_peers);
  const std::uint16_t port = peers.open();
  auto net = std::make_shared<net::NetConfig>();
  net->dns = net::NetConfig::DnsMode::Static;
  net->routes.push_back({"*", 0, "127.0.0.1", port});
  config.net = net;
  auto channel = std::make_shared<core::MemoryChannel>();
  {
    auto modem = session::ModemSession::create(io, timers, channel, config, &result.error);
    if (!modem) return result;
    modem->start();
    for (const auto& step : group(log)) {
      const auto& a = step.action;
      if (a.kind == LogEntry::Kind::Host || a.kind == LogEntry::Kind::HiddenHost) {
        channel->host_send(a.data);
      } else if (a.kind == LogEntry::Kind::Fault) {
        std::string why;
        auto fault = control::parse_fault(a.data, why);
        if (!fault) {
          result.error = fmt::format("line {}: {}", a.line, why);
          return result;
        }
        control::apply_fault(*modem, *fault);
      }
      const auto expected = matcher.lines(step.expected);
      const bool compared = a.kind == LogEntry::Kind::Host || a.kind == LogEntry::Kind::Module;
      // Directives only need their immediate effects drained.
      const std::string actual = collect(io, *channel, matcher, expected.size(),
                                         compared ? options.settle : options.settle / 3);
      if (a.kind == LogEntry::Kind::Fault || a.kind == LogEntry::Kind::HiddenHost) continue;
      // A log that starts after power-up has nothing to say about it.
      if (a.kind == LogEntry::Kind::Module && step.expected.empty()) continue;
      StepResult r;
      r.line = a.line;
      r.host = a.kind == LogEntry::Kind::Host ? core::escape_bytes(a.data) : "(power-up)";
      r.rows = diff_lines(expected, matcher.lines(actual));
      r.same = std::all_of(r.rows.begin(), r.rows.end(), [](const DiffRow& d) { return d.same; });
      if (!r.same) ++result.differing;
      result.steps.push_back(std::move(r));
    }
  }
  io.restart();
  io.poll();
  return result;
}

std::string render_result(const ReplayResult& result, const std::string& file,
                          const ReplayOptions& options) {
  std::string out =
      fmt::format("replay: {} ({}): {} steps, {}\n", file, options.model, result.steps.size(),
                  result.differing == 0 ? std::string("all match")
                                        : fmt::format("{} differ", result.differing));
  for (const auto& step : result.steps) {
    if (step.same && !options.show_all) continue;
    out += fmt::format("\n{} step at line {}: host sent {}\n", step.same ? "=" : "!", step.line,
                       step.host);
    out += render_diff(step.rows);
  }
  return out;
}

int run_replay(const std::string& file, const ReplayOptions& options) {
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  const auto log = parse_serial_log(text.str(), error);
  if (!log) {
    // "line N: why" -> "FILE:N: why"
    const std::string where = error.rfind("line ", 0) == 0 ? error.substr(5) : " " + error;
    std::fprintf(stderr, "replay: %s:%s\n", file.c_str(), where.c_str());
    return 2;
  }
  const auto result = replay_log(*log, options);
  if (!result.error.empty()) {
    std::fprintf(stderr, "replay: %s: %s\n", file.c_str(), result.error.c_str());
    return 2;
  }
  std::fputs(render_result(result, file, options).c_str(), stdout);
  return result.differing == 0 ? 0 : 1;
}

}  // namespace cellemu::replay
