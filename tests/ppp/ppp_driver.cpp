// A test harness for the dial-up engines alone, before any model wires them: a pty on which a
// minimal "modem" answers ATD*99# with CONNECT and then runs a real ppp::DialupCall (PPP,
// the carrier NAT, DNS, slirp) on the real clock, optionally inside a CMUX multiplexer (PPP
// on DLCI 1, a line-echoing AT stub on DLCI 2). The Python client in this folder talks PPP to
// it with scapy, an independent codec. stdout: the pty path, then one line per event
// ("UP ...", "DOWN <reason>", "FLOWS <json>"). stdin: "flows", "fault <id> close|reset|
// blackhole", "terminate", "quit".
#include <unistd.h>

#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/streambuf.hpp>

#include "emulator/core/asio_timer_service.h"
#include "emulator/core/logging.h"
#include "emulator/port/cmux_multiplexer.h"
#include "emulator/port/pty_port.h"
#include "net/ppp/dialup_call.h"

namespace {
namespace asio = boost::asio;
namespace ppp = cellemu::net::ppp;
using namespace cellemu;

struct Options {
  std::string auth = "none", user, password;
  std::vector<std::string> allow, deny, hosts, routes, forwards;
  bool dns_static = false, cmux = false;
  double nat_tcp = 600, nat_udp = 120, time_scale = 1, loss = 0;
  int delay_ms = 0;
  std::uint64_t rate = 0;
  std::string log_level = "warn";
};

ppp::Ipv4 dotted(const std::string& s) {
  return asio::ip::make_address_v4(s).to_uint();
}

// One serial line (the pty or a DLCI) with its tiny AT stub and, after ATD*99#, a PPP call.
class Line final : public core::ByteChannel::Listener, public ppp::DialupCall::Listener {
 public:
  Line(core::ByteChannel& channel, ppp::PppNetworkEnv env, ppp::DialupConfig config, bool echo_only)
      : channel_(channel), env_(env), config_(std::move(config)), echo_only_(echo_only) {}

  void on_input(std::string_view bytes) override {
    if (call_ && !call_->ended()) return call_->on_uplink(bytes);
    line_.append(bytes);
    for (auto cr = line_.find('\r'); cr != std::string::npos; cr = line_.find('\r')) {
      const std::string command = line_.substr(0, cr);
      line_.erase(0, cr + 1);
      if (!echo_only_ && command.find("D*99") != std::string::npos) return dial();
      channel_.write("\r\nOK\r\n");
    }
    if (line_.size() > 4096) line_.clear();
  }
  void on_output_drained() override {
    if (call_) call_->on_output_drained();
  }
  void on_call_up(const ppp::PppLinkInfo& info) override {
    std::cout << "UP peer=" << ppp::to_dotted(info.ipcp.peer)
              << " local=" << ppp::to_dotted(info.ipcp.local)
              << " auth=" << (info.peer ? info.peer->user : "") << std::endl;
  }
  void on_call_ended(ppp::DownReason reason) override {
    channel_.write("\r\nNO CARRIER\r\n");
    std::cout << "DOWN " << ppp::to_string(reason) << std::endl;
    call_.reset();
  }
  ppp::DialupCall* call() { return call_.get(); }

 private:
  void dial() {
    line_.clear();
    channel_.write("\r\nCONNECT\r\n");
    ppp::DialupCall::Port port{[this](std::string_view b) { channel_.write(b); },
                               [this] { return channel_.queued_output(); }};
    call_ = std::make_unique<ppp::DialupCall>(env_, config_, port, *this);
    call_->start();
  }

  core::ByteChannel& channel_;
  ppp::PppNetworkEnv env_;
  ppp::DialupConfig config_;
  bool echo_only_;
  std::string line_;
  std::unique_ptr<ppp::DialupCall> call_;
};

// The pty, directly or through CMUX, and the control commands on stdin.
class Driver final : public core::ByteChannel::Listener, public port::CmuxMultiplexer::Listener {
 public:
  Driver(asio::io_context& io, const Options& o)
      : io_(io), timers_(io, o.time_scale), resolver_(io, timers_, config_), stdin_(io, ::dup(0)) {
    configure(o);
  }

  bool start(std::string& error) {
    std::error_code ec;
    pty_ = port::PtyPort::open(io_, ec);
    if (!pty_) {
      error = ec.message();
      return false;
    }
    if (cmux_) {
      mux_ = std::make_unique<port::CmuxMultiplexer>(*pty_, port::CmuxConfig{}, *this);
    } else {
      lines_[0] = std::make_unique<Line>(*pty_, env(), dialup_, false);
    }
    pty_->start(*this);
    std::cout << pty_->slave_path() << std::endl;
    read_command();
    return true;
  }

  // The pty.
  void on_input(std::string_view bytes) override {
    if (!mux_) return lines_[0]->on_input(bytes);
    mux_->on_input(bytes);
  }
  void on_output_drained() override {
    if (mux_) mux_->on_output_drained();
    for (auto& kv : lines_) kv.second->on_output_drained();
  }
  // CMUX.
  void on_channel_opened(std::shared_ptr<port::CmuxChannel> channel) override {
    auto line = std::make_unique<Line>(*channel, env(), dialup_, channel->dlci() != 1);
    channel->start(*line);
    channels_[channel->dlci()] = channel;
    lines_[channel->dlci()] = std::move(line);
  }
  void on_channel_closed(std::uint8_t dlci) override {
    if (auto* call = lines_.count(dlci) ? lines_[dlci]->call() : nullptr) call->hang_up();
    std::cout << "DLCI " << int(dlci) << " closed" << std::endl;
  }
  void on_mux_closed() override { std::cout << "CMUX closed" << std::endl; }

 private:
  ppp::PppNetworkEnv env() { return {io_, timers_, conditions_, config_, resolver_, journal_}; }

  void configure(const Options& o) {
    std::string error;
    for (const auto& r : o.allow) config_.filter.allow(r, error);
    for (const auto& r : o.deny) config_.filter.deny(r, error);
    for (const auto& h : o.hosts) config_.add_host(h);
    for (const auto& r : o.routes) {
      if (auto route = net::Route::parse(r)) config_.routes.push_back(*route);
    }
    if (o.dns_static) config_.dns = net::NetConfig::DnsMode::Static;
    conditions_.nat.tcp_idle =
        std::chrono::duration_cast<core::Duration>(std::chrono::duration<double>(o.nat_tcp));
    conditions_.nat.udp_idle =
        std::chrono::duration_cast<core::Duration>(std::chrono::duration<double>(o.nat_udp));
    conditions_.shaping.delay = std::chrono::milliseconds(o.delay_ms);
    conditions_.shaping.loss = o.loss;
    conditions_.shaping.rate = o.rate;
    auto& p = dialup_.ppp;
    p.ipcp.peer = dotted("10.74.149.48");
    p.ipcp.dns1 = dotted("211.136.112.50");
    p.ipcp.dns2 = dotted("211.136.150.66");
    if (o.auth != "none") {
      p.lcp.auth = {o.auth == "chap" ? ppp::AuthMethod::Chap : ppp::AuthMethod::Pap};
      if (!o.user.empty()) p.auth.expected = ppp::Credentials{o.user, o.password};
    }
    for (const auto& f : o.forwards) {  // tcp:HOSTPORT:PEERPORT
      std::istringstream in(f);
      std::string proto, host_port, peer_port;
      std::getline(in, proto, ':');
      std::getline(in, host_port, ':');
      std::getline(in, peer_port, ':');
      dialup_.forwards.push_back({proto == "udp" ? net::Protocol::Udp : net::Protocol::Tcp,
                                  "127.0.0.1", static_cast<std::uint16_t>(std::stoi(host_port)),
                                  static_cast<std::uint16_t>(std::stoi(peer_port))});
    }
    cmux_ = o.cmux;
  }

  ppp::DialupCall* call() {
    const auto it = lines_.find(cmux_ ? 1 : 0);
    return it == lines_.end() ? nullptr : it->second->call();
  }

  void read_command() {
    asio::async_read_until(stdin_, input_, '\n', [this](boost::system::error_code ec, std::size_t) {
      if (ec) return io_.stop();
      std::istream in(&input_);
      std::string line;
      std::getline(in, line);
      command(line);
      read_command();
    });
  }

  void command(const std::string& text) {
    std::istringstream in(text);
    std::string verb, what;
    std::uint64_t id = 0;
    in >> verb;
    if (verb == "quit") return io_.stop();
    ppp::DialupCall* c = call();
    if (verb == "terminate" && c) return c->terminate();
    if (verb == "flows") return print_flows(c);
    if (verb == "fault" && c && c->network() && (in >> id >> what)) {
      const auto fault = what == "close"   ? ppp::FlowFault::Close
                         : what == "reset" ? ppp::FlowFault::Reset
                                           : ppp::FlowFault::Blackhole;
      std::cout << (c->network()->fault(id, fault) ? "OK" : "ERROR") << std::endl;
      return;
    }
    std::cout << "ERROR" << std::endl;
  }

  void print_flows(ppp::DialupCall* c) {
    std::cout << "FLOWS [";
    const char* sep = "";
    for (const auto& f : c ? c->flows() : std::vector<ppp::FlowInfo>{}) {
      std::cout << sep << "{\"id\":" << f.id << ",\"protocol\":\"" << f.protocol
                << "\",\"remote\":\"" << f.remote << "\",\"real\":\"" << f.real
                << "\",\"peer_port\":" << f.peer_port << ",\"bytes_up\":" << f.bytes_up
                << ",\"bytes_down\":" << f.bytes_down << "}";
      sep = ",";
    }
    std::cout << "]" << std::endl;
  }

  asio::io_context& io_;
  core::AsioTimerService timers_;
  net::NetConfig config_;
  net::NetworkConditions conditions_;
  net::Resolver resolver_;
  std::shared_ptr<net::LinkJournal> journal_ = std::make_shared<net::LinkJournal>();
  ppp::DialupConfig dialup_;
  bool cmux_ = false;
  std::shared_ptr<port::PtyPort> pty_;
  std::unique_ptr<port::CmuxMultiplexer> mux_;
  std::map<std::uint8_t, std::shared_ptr<port::CmuxChannel>> channels_;
  std::map<std::uint8_t, std::unique_ptr<Line>> lines_;
  asio::posix::stream_descriptor stdin_;
  asio::streambuf input_;
};
}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app("PPP/CMUX engine test driver");
  app.add_option("--auth", o.auth);
  app.add_option("--user", o.user);
  app.add_option("--password", o.password);
  app.add_option("--allow", o.allow);
  app.add_option("--deny", o.deny);
  app.add_option("--host", o.hosts);
  app.add_option("--route", o.routes);
  app.add_option("--forward", o.forwards);
  app.add_flag("--dns-static", o.dns_static);
  app.add_flag("--cmux", o.cmux);
  app.add_option("--nat-tcp", o.nat_tcp);
  app.add_option("--nat-udp", o.nat_udp);
  app.add_option("--time-scale", o.time_scale);
  app.add_option("--delay-ms", o.delay_ms);
  app.add_option("--loss", o.loss);
  app.add_option("--rate", o.rate);
  app.add_option("--log-level", o.log_level);
  CLI11_PARSE(app, argc, argv);
  core::configure_logging(o.log_level);
  asio::io_context io;
  Driver driver(io, o);
  std::string error;
  if (!driver.start(error)) {
    std::cerr << "ppp_driver: " << error << std::endl;
    return 1;
  }
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](auto, auto) { io.stop(); });
  io.run();
  return 0;
}
